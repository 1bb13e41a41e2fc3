package org.debforge.cli.orchestrator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.debforge.cli.exit.ExitCodes;
import org.debforge.cli.output.JsonOutput;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.OrchestratorApi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A client command run against the local store, or a server with {@code --server}: opens it, runs,
 * closes it. Every subcommand takes the same store and server options and {@code --json}.
 */
abstract class StoreCommand implements Callable<Integer> {
  @Mixin OrchestratorConnection connection;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "Who the change is recorded as. Default: $DEB_ORCHESTRATOR_USER, else $USER.")
  String user;

  @Mixin JsonOutput json;

  @Spec CommandSpec spec;

  abstract void run(OrchestratorApi o, PrintWriter out);

  @Override
  public Integer call() {
    try (OrchestratorApi o = connection.open()) {
      run(o, spec.commandLine().getOut());
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  Orchestrator openLocal() {
    return connection.openLocal();
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

  Path storeDir() {
    return connection.storeDir();
  }

  String dbUrl() {
    return connection.dbUrl();
  }

  String actor() {
    if (user != null) {
      return user;
    }
    String env = System.getenv("DEB_ORCHESTRATOR_USER");
    return env != null && !env.isEmpty() ? env : System.getProperty("user.name", "unknown");
  }
}
