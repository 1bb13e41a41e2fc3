package org.debforge.orchestrator.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static org.debforge.orchestrator.api.Access.ADMIN;
import static org.debforge.orchestrator.api.Access.READ;
import static org.debforge.orchestrator.api.Access.TAGGER;
import static org.debforge.orchestrator.api.RestApi.json;

import io.javalin.http.Context;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.json.PublishViews;
import org.debforge.orchestrator.publish.PublishResult;
import org.debforge.orchestrator.publish.Publisher;

/**
 * Publishing over HTTP: the settings and publish routes of /api/v1 (in openapi.json), and the
 * published repositories themselves, read-only, under {@code /repos/TAG/} for apt.
 */
final class PublishRoutes {
  private final Orchestrator o;
  private final RestApi api;
  private final Publisher publisher;

  PublishRoutes(Orchestrator o, RestApi api) {
    this.o = o;
    this.api = api;
    this.publisher = o.publisher();
  }

  void register() {
    api.route(GET, ApiRoutes.API + "/tags/{tag}/publish", READ, this::settings);
    api.route(PUT, ApiRoutes.API + "/tags/{tag}/publish", ADMIN, this::configure);
    api.route(POST, ApiRoutes.API + "/tags/{tag}/publish", TAGGER, this::publish);
    RepoFiles files = new RepoFiles(o.blobs().root().resolve("repos"));
    api.files("/repos/{tag}/<path>", READ, files::serve);
  }

  private void settings(Context ctx) {
    String tag = ctx.pathParam("tag");
    json(ctx, 200, PublishViews.settings(tag, publisher.settings(tag)));
  }

  /** Changes some settings (the fields sent); admin only: it names a key file on the server. */
  private void configure(Context ctx) {
    String actor = Access.caller(ctx).name();
    String tag = ctx.pathParam("tag");
    var merged = PublishViews.merge(publisher.settings(tag), ApiRoutes.body(ctx));
    json(ctx, 200, PublishViews.settings(tag, publisher.configure(actor, tag, merged)));
  }

  private void publish(Context ctx) {
    String actor = Access.caller(ctx).name();
    String tag = ctx.pathParam("tag");
    String snapshot = ctx.queryParam("snapshot");
    PublishResult r = publisher.publish(actor, tag, snapshot, null);
    json(ctx, 200, PublishViews.result(r));
  }
}
