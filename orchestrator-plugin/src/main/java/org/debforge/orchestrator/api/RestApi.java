package org.debforge.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.upload.UploadSessions;

/**
 * The REST API on a Javalin app: the routes of /api/v1 (documented in openapi.json beside this
 * class) and the published repositories under /repos/, each declared with the {@link Access} it
 * needs. Errors are thrown, never answered here: the server maps them all in one place.
 */
public final class RestApi {
  private final Javalin app;
  private final List<String> routes = new ArrayList<>();

  private RestApi(Javalin app) {
    this.app = app;
  }

  /**
   * @param tempDir where uploads are received before import
   * @param maxUploadBytes the largest import upload accepted (all parts together)
   * @param uploadsPerToken imports and chunks one token may send at once
   */
  public static RestApi register(
      Javalin app,
      Orchestrator o,
      Path tempDir,
      long maxUploadBytes,
      UploadSessions uploads,
      int uploadsPerToken) {
    RestApi api = new RestApi(app);
    UploadSlots slots = new UploadSlots(uploadsPerToken);
    new ApiRoutes(o, api, tempDir, maxUploadBytes, slots).register();
    new BuildRoutes(o, api).register();
    new UploadRoutes(o, api, uploads, slots).register();
    new PublishRoutes(o, api).register();
    new ComposeRoutes(o, api).register();
    return api;
  }

  /** Every registered route as {@code METHOD /path}, for the OpenAPI check. */
  public List<String> routes() {
    return List.copyOf(routes);
  }

  void route(HandlerType method, String path, Access access, Handler handler) {
    routes.add(method.name() + " " + path);
    app.addHttpHandler(method, path, handler, access);
    head(method, path, access, handler);
  }

  /**
   * HEAD of a GET route, declared with the same access: Javalin would otherwise answer HEAD with
   * the GET handler but without the route's roles, so without the access check. Jetty sends the
   * headers the handler sets (the real Content-Length) and no body.
   */
  private void head(HandlerType method, String path, Access access, Handler handler) {
    if (method == HandlerType.GET) {
      app.addHttpHandler(HandlerType.HEAD, path, handler, access);
    }
  }

  /** Static content (published repositories): not an API route, so not in {@link #routes()}. */
  void files(String path, Access access, Handler handler) {
    app.addHttpHandler(HandlerType.GET, path, handler, access);
    head(HandlerType.GET, path, access, handler);
  }

  static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status)
          .contentType("application/json")
          .result(JsonViews.MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
