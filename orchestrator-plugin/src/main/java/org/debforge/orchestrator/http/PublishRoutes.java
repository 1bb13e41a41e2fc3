package org.debforge.orchestrator.http;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static org.debforge.orchestrator.http.OrchestratorServer.json;

import io.javalin.http.Context;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.publish.PublishResult;
import org.debforge.orchestrator.publish.Publisher;

/**
 * Publishing over HTTP: the settings and publish routes of /api/v1 (in openapi.json), and the
 * published repositories themselves, read-only, under {@code /repos/TAG/} for apt.
 */
final class PublishRoutes {
  private final Orchestrator o;
  private final OrchestratorServer s;
  private final Publisher publisher;

  PublishRoutes(Orchestrator o, OrchestratorServer s) {
    this.o = o;
    this.s = s;
    this.publisher = o.publisher();
  }

  void register() {
    s.route(GET, ApiRoutes.API + "/tags/{tag}/publish", this::settings);
    s.route(PUT, ApiRoutes.API + "/tags/{tag}/publish", this::configure);
    s.route(POST, ApiRoutes.API + "/tags/{tag}/publish", this::publish);
    RepoFiles files = new RepoFiles(o.blobs().root().resolve("repos"));
    s.files(
        "/repos/{tag}/<path>",
        ctx -> {
          s.requireRead(ctx);
          files.serve(ctx);
        });
  }

  private void settings(Context ctx) {
    s.requireRead(ctx);
    String tag = ctx.pathParam("tag");
    json(ctx, 200, PublishViews.settings(tag, publisher.settings(tag)));
  }

  /** Changes some settings (the fields sent); admin only: it names a key file on the server. */
  private void configure(Context ctx) {
    String actor = s.require(ctx, Role.ADMIN).name();
    String tag = ctx.pathParam("tag");
    var merged = PublishViews.merge(publisher.settings(tag), ApiRoutes.body(ctx));
    json(ctx, 200, PublishViews.settings(tag, publisher.configure(actor, tag, merged)));
  }

  private void publish(Context ctx) {
    String actor = s.require(ctx, Role.TAGGER).name();
    String tag = ctx.pathParam("tag");
    String snapshot = ctx.queryParam("snapshot");
    PublishResult r = publisher.publish(actor, tag, snapshot, null);
    json(ctx, 200, PublishViews.result(r));
  }
}
