package org.debforge.cli.orchestrator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.OrchestratorApi;
import org.debforge.orchestrator.build.ChangesSignature;
import org.debforge.orchestrator.server.ClientLimits;
import org.debforge.orchestrator.server.OrchestratorServer;
import org.debforge.orchestrator.store.GcReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deb-orchestrator serve}: the REST API over the store, until the process is stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve the store: the REST API (/api/v1, documented at /api/v1/openapi.json), the web UI"
            + " (/builds, /tags, /packages) and the published APT repositories (/repos/TAG/)."
            + " Writes need an API token ('deb-orchestrator token create'); reads are anonymous"
            + " unless --no-anonymous-read. Stops on SIGTERM/SIGINT.")
final class ServeCommand extends StoreCommand {
  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:8080",
      paramLabel = "HOST:PORT",
      description = "Where to listen (default ${DEFAULT-VALUE}; port 0 picks a free one).")
  String listen;

  @Option(
      names = "--no-anonymous-read",
      negatable = true,
      defaultValue = "true",
      description = "Reads without a token are allowed (default) or refused.")
  boolean anonymousRead;

  @Option(
      names = "--max-upload",
      defaultValue = "2G",
      paramLabel = "SIZE",
      description = "Largest import upload, e.g. 500M (default ${DEFAULT-VALUE}).")
  String maxUpload;

  @Option(
      names = "--max-chunk",
      defaultValue = "8M",
      paramLabel = "SIZE",
      description = "Largest chunk of a resumable upload (default ${DEFAULT-VALUE}).")
  String maxChunk;

  @Option(
      names = "--gc-grace",
      paramLabel = "DURATION",
      description =
          "Before serving, remove unreferenced blobs and interrupted uploads older than this"
              + " (ISO-8601, e.g. PT1H). Default: PT0S with the embedded database, which this"
              + " process holds alone so nothing else can be importing; PT1H with --db-url,"
              + " where other processes may share the pool.")
  Duration gcGrace;

  @Option(
      names = "--changes-keyring",
      paramLabel = "FILE",
      description = {
        "Refuse imports whose .changes is not clearsigned by a key in FILE (binary .gpg or",
        "armored .asc; repeatable): 422 verification-failed. The signer's fingerprint is",
        "recorded in the build's provenance (signed_by)."
      })
  List<Path> changesKeyrings = new ArrayList<>();

  @Option(
      names = "--idle-timeout",
      defaultValue = "PT30S",
      paramLabel = "DURATION",
      description = "Close a connection silent for this long (default ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(
      names = "--header-timeout",
      defaultValue = "PT10S",
      paramLabel = "DURATION",
      description =
          "A request's headers must be complete this long after its first byte (default"
              + " ${DEFAULT-VALUE}).")
  Duration headerTimeout;

  @Option(
      names = "--min-body-rate",
      defaultValue = "0",
      paramLabel = "SIZE",
      description =
          "Bytes a second a request body must arrive at, averaged from its first byte, else 408;"
              + " 0 (the default) checks nothing: Jetty's check also fails small bodies read late"
              + " on a loaded server.")
  String minBodyRate;

  @Option(
      names = "--body-slots",
      defaultValue = "32",
      paramLabel = "N",
      description =
          "Requests reading their bodies at once; more get 503 at once (default"
              + " ${DEFAULT-VALUE}).")
  int bodySlots;

  @Option(
      names = "--uploads-per-token",
      defaultValue = "4",
      paramLabel = "N",
      description =
          "Imports and chunks one token sends at once; more get 429 (default ${DEFAULT-VALUE}).")
  int uploadsPerToken;

  @Override
  public Integer call() {
    if (connection.server != null) {
      throw new DebforgeException(
          ErrorKind.CONFIG, "serve works on a local store, not --server", "drop --server");
    }
    int colon = listen.lastIndexOf(':');
    if (colon <= 0 || !listen.substring(colon + 1).matches("[0-9]{1,5}")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "--listen '" + listen + "' is not HOST:PORT",
          "e.g. 0.0.0.0:8080");
    }
    ClientLimits limits;
    try {
      limits =
          new ClientLimits(
              idleTimeout, headerTimeout, size(minBodyRate), bodySlots, uploadsPerToken);
    } catch (IllegalArgumentException e) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "client limits: " + e.getMessage(),
          "give positive --idle-timeout, --header-timeout, --body-slots, --uploads-per-token");
    }
    Path store = storeDir();
    // Read the keyrings first: a bad one stops serve before it listens.
    ChangesSignature signature = ChangesSignature.require(changesKeyrings);
    Orchestrator o = openLocal();
    o.requireSignedChanges(signature);
    // A crash (kill -9, power loss) can leave blobs of imports that never committed and upload
    // directories; collect them now rather than waiting for someone to run gc.
    GcReport gc =
        o.gc(gcGrace != null ? gcGrace : dbUrl() == null ? Duration.ZERO : Duration.ofHours(1));
    if (!gc.removed().isEmpty() || gc.leftovers() > 0) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "deb-orchestrator: start-up gc removed "
              + gc.removed().size()
              + " unreferenced blobs ("
              + gc.freedBytes()
              + " bytes) and "
              + gc.leftovers()
              + " temporary files or uploads");
      err.flush();
    }
    OrchestratorServer s =
        OrchestratorServer.start(
            o,
            new OrchestratorServer.Options(
                listen.substring(0, colon),
                Integer.parseInt(listen.substring(colon + 1)),
                anonymousRead,
                size(maxUpload),
                store.resolve("tmp").resolve("uploads"),
                Math.min(size(maxChunk), size(maxUpload)),
                limits));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  s.close();
                  o.close();
                  stopped.countDown();
                }));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "deb-orchestrator listening on http://" + listen.substring(0, colon) + ":" + s.port());
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  @Override
  void run(OrchestratorApi o, PrintWriter out) {
    throw new IllegalStateException("serve runs from call()");
  }

  static long size(String s) {
    var m = java.util.regex.Pattern.compile("([0-9]{1,12})([KMG]?)").matcher(s.trim());
    if (!m.matches()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, "size '" + s + "' is not a number of bytes", "e.g. 500M or 2G");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      case "G" -> n << 30;
      default -> n;
    };
  }
}
