package org.debforge.cli.orchestrator;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.fs.XdgDirs;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.client.RemoteOrchestrator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A client command run against the local store, or a server with {@code --server}: opens it, runs,
 * closes it. Every subcommand takes the same store and server options and {@code --json}.
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

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Talk to a deb-orchestrator server instead of the local store. Default:"
              + " $DEB_ORCHESTRATOR_SERVER, else 'server:' in ~/.config/deb-orchestrator/config.yaml.")
  String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "API token for --server. Default: $DEB_ORCHESTRATOR_TOKEN, else 'token:' in the config"
              + " file.")
  String token;

  @Mixin JsonOutput json;

  @Spec CommandSpec spec;

  abstract void run(OrchestratorApi o, PrintWriter out);

  @Override
  public Integer call() {
    ClientConfig config = ClientConfig.load();
    String url = firstOf(server, System.getenv("DEB_ORCHESTRATOR_SERVER"), config.server());
    try (OrchestratorApi o =
        url != null
            ? new RemoteOrchestrator(
                URI.create(url),
                firstOf(token, System.getenv("DEB_ORCHESTRATOR_TOKEN"), config.token()))
            : openLocal()) {
      run(o, spec.commandLine().getOut());
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  Orchestrator openLocal() {
    return Orchestrator.open(
        storeDir(), dbUrl(), dbUser, System.getenv("DEB_ORCHESTRATOR_DB_PASSWORD"));
  }

  /** For the commands that work on the local store only (gc, clone-tag). */
  Orchestrator local(OrchestratorApi o) {
    if (o instanceof Orchestrator local) {
      return local;
    }
    throw new DebforgeException(
        ErrorKind.CONFIG,
        "'" + spec.name() + "' works on the local store only, not with --server",
        "run it on the server's host with --store or --db-url, without --server");
  }

  private static String firstOf(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  Path storeDir() {
    if (store != null) {
      return store;
    }
    String env = System.getenv("DEB_ORCHESTRATOR_STORE");
    if (env != null && !env.isEmpty()) {
      return Path.of(env);
    }
    return XdgDirs.fromEnvironment().dataHome().resolve("deb-orchestrator");
  }

  String dbUrl() {
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
