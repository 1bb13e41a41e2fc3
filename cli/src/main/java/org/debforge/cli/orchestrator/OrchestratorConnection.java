package org.debforge.cli.orchestrator;

import java.net.URI;
import java.nio.file.Path;
import org.debforge.core.fs.XdgDirs;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.client.RemoteOrchestrator;
import picocli.CommandLine.Option;

/**
 * Which deb-orchestrator a command talks to: the local store (or its PostgreSQL database), or a
 * server with {@code --server}. A mixin, so deb-orchestrator's commands and tumbi-assembler's
 * (which read tags and record composes) take the same options, environment and config file.
 */
public final class OrchestratorConnection {
  @Option(
      names = "--store",
      paramLabel = "DIR",
      description =
          "The local deb-orchestrator store (pool and embedded database). Default:"
              + " $DEB_ORCHESTRATOR_STORE, else ~/.local/share/deb-orchestrator.")
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

  /** The server's URL when one is named (option, environment, config file), else null. */
  public String serverUrl() {
    return firstOf(server, System.getenv("DEB_ORCHESTRATOR_SERVER"), ClientConfig.load().server());
  }

  /** The API token for a server: option, environment, config file; null when none. */
  public String token() {
    return firstOf(token, System.getenv("DEB_ORCHESTRATOR_TOKEN"), ClientConfig.load().token());
  }

  /** Opens the server when one is named, else the local store. */
  public OrchestratorApi open() {
    String url = serverUrl();
    return url != null ? new RemoteOrchestrator(URI.create(url), token()) : openLocal();
  }

  Orchestrator openLocal() {
    return Orchestrator.open(
        storeDir(), dbUrl(), dbUser, System.getenv("DEB_ORCHESTRATOR_DB_PASSWORD"));
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

  private static String firstOf(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
