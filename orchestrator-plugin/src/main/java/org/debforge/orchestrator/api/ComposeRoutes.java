package org.debforge.orchestrator.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static org.debforge.orchestrator.api.Access.BUILDER;
import static org.debforge.orchestrator.api.Access.READ;
import static org.debforge.orchestrator.api.RestApi.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.compose.ComposeImport;
import org.debforge.orchestrator.compose.ComposeMetadata;
import org.debforge.orchestrator.compose.ComposeMetadataReader;
import org.debforge.orchestrator.json.ComposeViews;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.tag.Tag;

/**
 * Composes over HTTP (in openapi.json): importing one takes the role importing builds takes (the
 * same pipelines do both); and where a tag's published repository is, for tumbi-assembler.
 */
final class ComposeRoutes {
  /** The two metadata files at their limits, and the JSON around them. */
  static final int MAX_BODY_BYTES =
      ComposeMetadataReader.MAX_COMPOSEINFO_BYTES + ComposeMetadataReader.MAX_LOCK_BYTES + 4096;

  private final Orchestrator o;
  private final RestApi api;

  ComposeRoutes(Orchestrator o, RestApi api) {
    this.o = o;
    this.api = api;
  }

  void register() {
    api.route(GET, ApiRoutes.API + "/composes", READ, this::list);
    api.route(POST, ApiRoutes.API + "/composes", BUILDER, this::importCompose);
    api.route(GET, ApiRoutes.API + "/composes/{compose}", READ, this::compose);
    api.route(GET, ApiRoutes.API + "/tags/{tag}/published", READ, this::published);
  }

  /** All, or with {@code ?tag=T[&snapshot=S]} those that read a tag, {@code ?build=B} a build. */
  private void list(Context ctx) {
    String tag = ctx.queryParam("tag");
    String snapshot = ctx.queryParam("snapshot");
    String build = ctx.queryParam("build");
    var list =
        build != null && !build.isEmpty()
            ? o.composesWithBuild(build)
            : tag == null || tag.isEmpty()
                ? o.listComposes()
                : snapshot == null || snapshot.isEmpty()
                    ? o.composesUsing(tag)
                    : o.composesUsing(tag, snapshot);
    json(ctx, 200, ComposeViews.summaries(list));
  }

  private void compose(Context ctx) {
    json(ctx, 200, ComposeViews.compose(o.compose(ctx.pathParam("compose"))));
  }

  /** Body: {"composeinfo": {...}, "lock": {...}}, the two files' contents. */
  private void importCompose(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode info = body.get("composeinfo");
    JsonNode lock = body.get("lock");
    if (info == null || lock == null) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "the body needs 'composeinfo' and 'lock' (the contents of metadata/composeinfo.json and"
              + " metadata/lock.json)",
          "see /api/v1/openapi.json");
    }
    ComposeMetadata m = ComposeMetadataReader.parse(info, lock);
    ComposeImport r = o.importCompose(Access.caller(ctx).name(), m);
    json(ctx, r.created() ? 201 : 200, ComposeViews.importResult(r));
  }

  private void published(Context ctx) {
    String tag = Tag.requireName(ctx.pathParam("tag"));
    String snapshot = ctx.queryParam("snapshot");
    json(
        ctx,
        200,
        ComposeViews.published(
            o.publishedRepository(tag, snapshot == null || snapshot.isEmpty() ? null : snapshot),
            "/repos/" + tag + "/"));
  }

  /**
   * The body, read up to its own limit: a lock is larger than the server's limit for other JSON
   * bodies, which stays as it is for every other route.
   */
  private static JsonNode body(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] data = in.readNBytes(MAX_BODY_BYTES + 1);
      if (data.length > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      JsonNode n = JsonViews.MAPPER.readTree(data);
      if (n == null || !n.isObject()) {
        throw new IOException("not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "the request body is not a JSON object: " + e.getMessage(),
          "send Content-Type: application/json with an object (see /api/v1/openapi.json)");
    }
  }

  private static DebforgeException tooLarge() {
    return new DebforgeException(
        ErrorKind.UNSAFE_INPUT,
        "the compose metadata is larger than " + MAX_BODY_BYTES + " bytes",
        "this is not the metadata of a compose tumbi-assembler writes");
  }
}
