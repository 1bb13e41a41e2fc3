package org.debforge.orchestrator.server;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.api.RestApi;
import org.debforge.orchestrator.upload.UploadSessions;
import org.debforge.orchestrator.web.WebRoutes;

/**
 * {@code deb-orchestrator serve}: the REST API ({@link RestApi}) and the web UI ({@link WebRoutes})
 * over one {@link Orchestrator}, on one Javalin app. This class owns what is the server's:
 * listening, limits, checking each route's declared access before it runs ({@link AccessCheck}),
 * and turning every error into an answer ({@link ErrorMapper}).
 */
public final class OrchestratorServer implements AutoCloseable {
  /**
   * @param anonymousRead whether GET requests without a token are allowed
   * @param maxUploadBytes the largest import upload accepted (all parts together)
   * @param tempDir where uploads are received before import
   */
  public record Options(
      String host,
      int port,
      boolean anonymousRead,
      long maxUploadBytes,
      Path tempDir,
      long maxChunkBytes,
      ClientLimits limits) {
    /**
     * The largest chunk of a resumable upload when not given: 8 MiB, or less with a lower limit.
     */
    public static final long DEFAULT_MAX_CHUNK = 8L << 20;

    public Options(
        String host, int port, boolean anonymousRead, long maxUploadBytes, Path tempDir) {
      this(
          host,
          port,
          anonymousRead,
          maxUploadBytes,
          tempDir,
          Math.min(maxUploadBytes, DEFAULT_MAX_CHUNK));
    }

    public Options(
        String host,
        int port,
        boolean anonymousRead,
        long maxUploadBytes,
        Path tempDir,
        long maxChunkBytes) {
      this(host, port, anonymousRead, maxUploadBytes, tempDir, maxChunkBytes, ClientLimits.DEFAULT);
    }
  }

  private final Javalin app;
  private final RestApi api;

  private OrchestratorServer(Orchestrator o, Options options) {
    this.app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.router.ignoreTrailingSlashes = true;
              config.jetty.multipartConfig.cacheDirectory(options.tempDir().toString());
              config.jetty.multipartConfig.maxFileSize(options.maxUploadBytes(), SizeUnit.BYTES);
              config.jetty.multipartConfig.maxTotalRequestSize(
                  options.maxUploadBytes(), SizeUnit.BYTES);
              config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
              config.jetty.modifyServer(server -> server.setErrorHandler(new BadMessageProblems()));
              SlowClients.configure(config.jetty, options.host(), options.port(), options.limits());
            });
    app.before(new NoMethodOverride());
    app.beforeMatched(new AccessCheck(o, options.anonymousRead()));
    this.api =
        RestApi.register(
            app,
            o,
            options.tempDir(),
            options.maxUploadBytes(),
            new UploadSessions(
                options.tempDir(),
                options.maxUploadBytes(),
                options.maxChunkBytes(),
                Clock.systemUTC()),
            options.limits().uploadsPerToken());
    WebRoutes web = new WebRoutes(o, options.anonymousRead());
    web.register(app);
    new ErrorMapper(web).install(app);
  }

  public static OrchestratorServer start(Orchestrator o, Options options) {
    OrchestratorServer s = new OrchestratorServer(o, options);
    // SlowClients made the connector, on options' host and port.
    s.app.start();
    return s;
  }

  public int port() {
    return app.port();
  }

  /** Every registered API route as {@code METHOD /path}, for the OpenAPI check. */
  public List<String> routes() {
    return api.routes();
  }

  @Override
  public void close() {
    app.stop();
  }
}
