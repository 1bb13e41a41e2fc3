package org.debforge.orchestrator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.ApiToken;
import org.debforge.orchestrator.auth.Caller;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.upload.UploadSessions;
import org.debforge.orchestrator.web.WebRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deb-orchestrator serve}: the REST API over one {@link Orchestrator}. This class owns what
 * is HTTP: listening, the one error mapping to problem details, and who the caller is; {@link
 * ApiRoutes} maps each route to one engine call.
 */
public final class OrchestratorServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OrchestratorServer.class);
  public static final String PROBLEM_WRITTEN = "debforge.problem";

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
      long maxChunkBytes) {
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
  }

  private final Orchestrator o;
  private final Options options;
  private final List<String> routes = new ArrayList<>();
  private final Javalin app;

  private OrchestratorServer(Orchestrator o, Options options) {
    this.o = o;
    this.options = options;
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
            });
    app.exception(DebforgeException.class, (e, ctx) -> problem(ctx, Problem.of(e), e));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          problem(ctx, Problem.internal(), null);
        });
    // Unknown routes, and anything else ending in an error without a problem body yet.
    for (int status : new int[] {400, 404, 405, 413, 500}) {
      app.error(
          status,
          ctx -> {
            if (ctx.attribute(PROBLEM_WRITTEN) == null) {
              ErrorKind kind = Problem.kindOf(null, status);
              problem(
                  ctx,
                  status == 404
                      ? new Problem(
                          Problem.typeOf(ErrorKind.NOT_FOUND),
                          "Not found",
                          404,
                          "no route " + ctx.method() + " " + ctx.path(),
                          "see /api/v1/openapi.json for the API")
                      : status == 500
                          ? Problem.internal()
                          : new Problem(
                              Problem.typeOf(kind), "Bad request", status, "bad request", null),
                  null);
            }
          });
    }
    new ApiRoutes(o, this).register();
    new BuildRoutes(o, this).register();
    new UploadRoutes(
            o,
            this,
            new UploadSessions(
                options.tempDir(),
                options.maxUploadBytes(),
                options.maxChunkBytes(),
                java.time.Clock.systemUTC()))
        .register();
    new PublishRoutes(o, this).register();
    new WebRoutes(o, options.anonymousRead()).register(app);
  }

  public static OrchestratorServer start(Orchestrator o, Options options) {
    OrchestratorServer s = new OrchestratorServer(o, options);
    s.app.start(options.host(), options.port());
    return s;
  }

  public int port() {
    return app.port();
  }

  /** Every registered route as {@code METHOD /path}, for the OpenAPI check. */
  public List<String> routes() {
    return List.copyOf(routes);
  }

  void route(HandlerType method, String path, Handler handler) {
    routes.add(method.name() + " " + path);
    app.addHttpHandler(method, path, handler);
  }

  /** Static content (published repositories): not an API route, so not in {@link #routes()}. */
  void files(String path, Handler handler) {
    app.get(path, handler);
  }

  long maxUploadBytes() {
    return options.maxUploadBytes();
  }

  Path tempDir() {
    return options.tempDir();
  }

  // --- who is asking --------------------------------------------------------------------------

  /** The caller's token, if one was sent; an unknown token is refused even for reads. */
  Optional<ApiToken> caller(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new DebforgeException(
          ErrorKind.UNAUTHENTICATED,
          "the Authorization header is not 'Bearer TOKEN'",
          "send 'Authorization: Bearer TOKEN' with a token from 'deb-orchestrator token create'");
    }
    return Optional.of(
        o.authenticate(header.substring(7).trim())
            .orElseThrow(
                () ->
                    new DebforgeException(
                        ErrorKind.UNAUTHENTICATED,
                        "unknown API token",
                        "ask an admin for a token ('deb-orchestrator token create')")));
  }

  /** Allows a read: with a valid token, or without one when anonymous reads are on. */
  void requireRead(Context ctx) {
    if (caller(ctx).isEmpty() && !options.anonymousRead()) {
      throw new DebforgeException(
          ErrorKind.UNAUTHENTICATED,
          "this server needs an API token to read",
          "pass --token TOKEN or set DEB_ORCHESTRATOR_TOKEN");
    }
  }

  /** The token's name (the actor recorded in history) when its role allows {@code needed}. */
  ApiToken require(Context ctx, Role needed) {
    ApiToken t =
        caller(ctx)
            .orElseThrow(
                () ->
                    new DebforgeException(
                        ErrorKind.UNAUTHENTICATED,
                        "this operation needs an API token with role " + needed.label(),
                        "pass --token TOKEN or set DEB_ORCHESTRATOR_TOKEN"));
    if (!t.role().allows(needed)) {
      throw new DebforgeException(
          ErrorKind.PERMISSION_DENIED,
          "token '"
              + t.name()
              + "' has role "
              + t.role().label()
              + ", this needs "
              + needed.label(),
          "ask an admin for a token with role " + needed.label());
    }
    return t;
  }

  /** As {@link #require}, as the engine's caller (which checks tags' lock and perm itself). */
  Caller requireCaller(Context ctx, Role needed) {
    return Caller.of(require(ctx, needed));
  }

  /**
   * As {@link #require}, for a change of {@code tag} the engine does not check the caller for (its
   * package list): a locked tag needs an admin, a tag with a perm that perm.
   */
  String requireForTag(Context ctx, Role needed, String tag) {
    Caller c = requireCaller(ctx, needed);
    c.requireMayChange(o.tag(tag));
    return c.name();
  }

  // --- answers --------------------------------------------------------------------------------

  static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status)
          .contentType("application/json")
          .result(JsonViews.MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void problem(Context ctx, Problem p, DebforgeException cause) {
    if (cause != null && p.status() >= 500) {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), cause);
    }
    ctx.attribute(PROBLEM_WRITTEN, Boolean.TRUE);
    try {
      ctx.status(p.status())
          .contentType("application/problem+json")
          .result(JsonViews.MAPPER.writeValueAsString(p.json()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
