package org.debforge.cli.orchestrator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.debforge.cli.ExitCodes;
import org.debforge.cli.JsonOutput;
import org.debforge.orchestrator.Orchestrator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A client command run against the local store: opens it, runs, closes it. Every subcommand takes
 * the same store options and {@code --json}.
 */
abstract class StoreCommand implements Callable<Integer> {
  @Option(
      names = "--store",
      paramLabel = "DIR",
      description =
          "The local store (pool and embedded database). Default: $DEB_ORCHESTRATOR_STORE, else"
              + " ~/.local/share/deb-orchestrator.")
  Path store;

  @Option(
      names = "--db-url",
      paramLabel = "JDBC",
      description =
          "Keep metadata in PostgreSQL (jdbc:postgresql://HOST:PORT/DB) instead of the embedded"
              + " H2 database. Default: $DEB_ORCHESTRATOR_DB_URL.")
  String dbUrl;

  @Option(names = "--db-user", paramLabel = "NAME", description = "PostgreSQL user.")
  String dbUser;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "Who the change is recorded as. Default: $DEB_ORCHESTRATOR_USER, else $USER.")
  String user;

  @Mixin JsonOutput json;

  @Spec CommandSpec spec;

  abstract void run(Orchestrator o, PrintWriter out);

  @Override
  public Integer call() {
    try (Orchestrator o =
        Orchestrator.open(
            storeDir(), dbUrl(), dbUser, System.getenv("DEB_ORCHESTRATOR_DB_PASSWORD"))) {
      run(o, spec.commandLine().getOut());
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  Path storeDir() {
    if (store != null) {
      return store;
    }
    String env = System.getenv("DEB_ORCHESTRATOR_STORE");
    if (env != null && !env.isEmpty()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "deb-orchestrator");
  }

  private String dbUrl() {
    if (dbUrl != null) {
      return dbUrl;
    }
    String env = System.getenv("DEB_ORCHESTRATOR_DB_URL");
    return env == null || env.isEmpty() ? null : env;
  }

  String actor() {
    if (user != null) {
      return user;
    }
    String env = System.getenv("DEB_ORCHESTRATOR_USER");
    return env != null && !env.isEmpty() ? env : System.getProperty("user.name", "unknown");
  }
}
