package org.debforge.orchestrator.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static org.debforge.orchestrator.api.Access.ADMIN;
import static org.debforge.orchestrator.api.Access.BUILDER;
import static org.debforge.orchestrator.api.Access.PUBLIC;
import static org.debforge.orchestrator.api.Access.READ;
import static org.debforge.orchestrator.api.Access.TAGGER;
import static org.debforge.orchestrator.api.RestApi.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.auth.Caller;
import org.debforge.orchestrator.auth.NewToken;
import org.debforge.orchestrator.auth.Role;
import org.debforge.orchestrator.build.ImportResult;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.tag.InheritanceLink;
import org.debforge.orchestrator.tag.TagInfo;
import org.debforge.orchestrator.tag.Tagging;
import org.debforge.orchestrator.upload.TooLarge;

/** The routes of /api/v1, each one engine call (documented in openapi.json beside this class). */
final class ApiRoutes {
  static final String API = "/api/v1";

  private final Orchestrator o;
  private final RestApi api;
  private final Path tempDir;
  private final long maxUploadBytes;
  private final UploadSlots slots;

  ApiRoutes(Orchestrator o, RestApi api, Path tempDir, long maxUploadBytes, UploadSlots slots) {
    this.o = o;
    this.api = api;
    this.tempDir = tempDir;
    this.maxUploadBytes = maxUploadBytes;
    this.slots = slots;
  }

  void register() {
    api.route(GET, API + "/openapi.json", PUBLIC, this::openapi);
    api.route(GET, API + "/builds", READ, this::listBuilds);
    api.route(POST, API + "/builds", BUILDER, this::importBuild);
    api.route(GET, API + "/builds/{build}", READ, this::buildInfo);
    api.route(POST, API + "/builds/{build}/move", TAGGER, this::moveBuild);
    api.route(GET, API + "/blobs/{sha256}", READ, this::blob);
    api.route(GET, API + "/tags", READ, this::listTags);
    api.route(POST, API + "/tags", ADMIN, this::addTag);
    api.route(GET, API + "/tags/{tag}", READ, this::tagInfo);
    api.route(PATCH, API + "/tags/{tag}", ADMIN, this::editTag);
    api.route(GET, API + "/tags/{tag}/inheritance", READ, this::inheritance);
    api.route(POST, API + "/tags/{tag}/inheritance", ADMIN, this::addInheritance);
    api.route(GET, API + "/tags/{tag}/packages", READ, this::packages);
    api.route(POST, API + "/tags/{tag}/packages", TAGGER, this::addPackage);
    api.route(GET, API + "/tags/{tag}/builds", READ, this::listTagged);
    api.route(POST, API + "/tags/{tag}/builds", TAGGER, this::tagBuild);
    api.route(DELETE, API + "/tags/{tag}/builds/{build}", TAGGER, this::untagBuild);
    api.route(GET, API + "/tags/{tag}/latest/{package}", READ, this::latestBuild);
    api.route(GET, API + "/targets", READ, this::targets);
    api.route(POST, API + "/targets", ADMIN, this::addTarget);
    api.route(GET, API + "/history", READ, this::history);
    api.route(GET, API + "/tokens", ADMIN, this::listTokens);
    api.route(POST, API + "/tokens", ADMIN, this::createToken);
    api.route(DELETE, API + "/tokens/{token}", ADMIN, this::revokeToken);
  }

  private void openapi(Context ctx) throws IOException {
    try (InputStream in = ApiRoutes.class.getResourceAsStream("openapi.json")) {
      ctx.contentType("application/json").result(in.readAllBytes());
    }
  }

  // --- builds ---------------------------------------------------------------------------------

  private void listBuilds(Context ctx) {
    json(ctx, 200, o.listBuilds().stream().map(JsonViews::build).toList());
  }

  private void buildInfo(Context ctx) {
    json(ctx, 200, JsonViews.build(o.build(ctx.pathParam("build"))));
  }

  private void importBuild(Context ctx) {
    String actor = Access.caller(ctx).name();
    UploadReceiver receiver = new UploadReceiver(tempDir, maxUploadBytes);
    Path dir = null;
    try (UploadSlots.Slot slot = slots.acquire(Access.caller(ctx))) {
      dir = receiver.receive(ctx);
      String number = ctx.formParam("jenkins_number");
      if (number != null && !number.matches("[0-9]{1,9}")) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            "jenkins_number '" + number + "' is not a build number",
            "give Jenkins' BUILD_NUMBER");
      }
      Provenance p =
          new Provenance(
              actor,
              Instant.now(),
              ctx.formParam("jenkins_url"),
              ctx.formParam("jenkins_job"),
              number == null ? null : Integer.parseInt(number));
      ImportResult r = o.importBuild(dir, p);
      json(ctx, r.created() ? 201 : 200, JsonViews.importResult(r));
    } catch (DebforgeException e) {
      if (dir == null) {
        throw e;
      }
      throw clientNames(e, dir);
    } finally {
      UploadReceiver.delete(dir);
    }
  }

  /** The error, naming uploaded files as the client knows them, not by the server's temp path. */
  static DebforgeException clientNames(DebforgeException e, Path dir) {
    if (e instanceof TooLarge) {
      return e;
    }
    String prefix = dir.toAbsolutePath() + "/";
    return new DebforgeException(
        e.kind(), e.getMessage().replace(prefix, ""), e.hint().orElse(null));
  }

  private void moveBuild(Context ctx) {
    JsonNode body = body(ctx);
    String from = field(body, "from");
    String to = field(body, "to");
    o.moveBuild(Access.caller(ctx), from, to, ctx.pathParam("build"));
    ctx.status(204);
  }

  private void blob(Context ctx) throws IOException {
    String sha256 = ctx.pathParam("sha256");
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "'" + sha256 + "' is not a sha256",
          "name a blob by the 64 lowercase hex digits of its sha256 (see buildinfo)");
    }
    Path p =
        o.blob(sha256)
            .orElseThrow(
                () ->
                    new DebforgeException(
                        ErrorKind.NOT_FOUND, "no stored file with sha256 " + sha256, null));
    ctx.header("Content-Length", String.valueOf(Files.size(p)));
    ctx.contentType("application/octet-stream").result(Files.newInputStream(p));
  }

  // --- tags -----------------------------------------------------------------------------------

  private void listTags(Context ctx) {
    json(ctx, 200, o.listTags().stream().map(JsonViews::tag).toList());
  }

  private void addTag(Context ctx) {
    String actor = Access.caller(ctx).name();
    JsonNode body = body(ctx);
    json(ctx, 201, JsonViews.tag(o.addTag(actor, field(body, "name"), strings(body, "arches"))));
  }

  private void tagInfo(Context ctx) {
    json(ctx, 200, JsonViews.tagInfo(o.tagInfo(ctx.pathParam("tag"))));
  }

  private void editTag(Context ctx) {
    String actor = Access.caller(ctx).name();
    JsonNode body = body(ctx);
    List<String> arches = body.has("arches") ? strings(body, "arches") : null;
    Boolean locked = body.hasNonNull("locked") ? body.get("locked").asBoolean() : null;
    // "perm": "NAME" sets it, "perm": null removes it, no "perm" leaves it.
    String perm = null;
    if (body.has("perm")) {
      JsonNode p = body.get("perm");
      if (!p.isNull() && !p.isTextual()) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            "field 'perm' must be a permission name or null",
            "see /api/v1/openapi.json");
      }
      perm = p.isNull() ? "" : p.asText();
      if (perm.isEmpty() && !p.isNull()) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            "field 'perm' is empty",
            "send null to remove the tag's permission");
      }
    }
    json(ctx, 200, JsonViews.tag(o.editTag(actor, ctx.pathParam("tag"), arches, locked, perm)));
  }

  private void inheritance(Context ctx) {
    TagInfo i = o.tagInfo(ctx.pathParam("tag"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("parents", i.parents());
    m.put("inheritance", i.inheritance());
    json(ctx, 200, m);
  }

  private void addInheritance(Context ctx) {
    String actor = Access.caller(ctx).name();
    JsonNode b = body(ctx);
    InheritanceLink link =
        new InheritanceLink(
            field(b, "parent"),
            b.path("priority").asInt(0),
            b.hasNonNull("maxdepth") ? b.get("maxdepth").asInt() : null,
            b.path("intransitive").asBoolean(false),
            b.path("noconfig").asBoolean(false),
            b.hasNonNull("pkg_filter") ? b.get("pkg_filter").asText() : null);
    o.addInheritance(actor, ctx.pathParam("tag"), link);
    json(ctx, 201, link);
  }

  private void packages(Context ctx) {
    json(ctx, 200, o.tagInfo(ctx.pathParam("tag")).packages());
  }

  private void addPackage(Context ctx) {
    String tag = ctx.pathParam("tag");
    // The engine does not check who changes a package list; a locked tag or one with a perm
    // asks the same of the caller as tagging does.
    Caller who = Access.caller(ctx);
    o.tag(tag).requireChangeableBy(who);
    String actor = who.name();
    JsonNode b = body(ctx);
    o.addPackage(
        actor, tag, field(b, "package"), field(b, "owner"), b.path("blocked").asBoolean(false));
    ctx.status(204);
  }

  private void listTagged(Context ctx) {
    Tagging.Query q =
        new Tagging.Query(
            flag(ctx, "inherit"),
            flag(ctx, "latest"),
            ctx.queryParam("arch"),
            ctx.queryParam("package"));
    json(ctx, 200, JsonViews.tagged(o.listTagged(ctx.pathParam("tag"), q)));
  }

  private void tagBuild(Context ctx) {
    o.tagBuild(Access.caller(ctx), ctx.pathParam("tag"), field(body(ctx), "build"));
    ctx.status(204);
  }

  private void untagBuild(Context ctx) {
    o.untagBuild(Access.caller(ctx), ctx.pathParam("tag"), ctx.pathParam("build"));
    ctx.status(204);
  }

  private void latestBuild(Context ctx) {
    json(ctx, 200, JsonViews.tagged(o.latestBuild(ctx.pathParam("tag"), ctx.pathParam("package"))));
  }

  private void targets(Context ctx) {
    json(ctx, 200, o.targets());
  }

  private void addTarget(Context ctx) {
    String actor = Access.caller(ctx).name();
    JsonNode b = body(ctx);
    json(
        ctx,
        201,
        o.addTarget(actor, field(b, "name"), field(b, "build_tag"), field(b, "dest_tag")));
  }

  private void history(Context ctx) {
    json(
        ctx,
        200,
        o.history(ctx.queryParam("tag"), ctx.queryParam("build")).stream()
            .map(JsonViews::event)
            .toList());
  }

  // --- tokens ---------------------------------------------------------------------------------

  private void listTokens(Context ctx) {
    json(ctx, 200, o.listTokens().stream().map(JsonViews::token).toList());
  }

  /** Ends a token (name or id) at once, with its web sessions; answers what it was. */
  private void revokeToken(Context ctx) {
    String actor = Access.caller(ctx).name();
    json(ctx, 200, JsonViews.token(o.revokeToken(actor, ctx.pathParam("token"))));
  }

  private void createToken(Context ctx) {
    String actor = Access.caller(ctx).name();
    JsonNode b = body(ctx);
    NewToken t =
        o.createToken(actor, field(b, "name"), Role.parse(field(b, "role")), strings(b, "perms"));
    Map<String, Object> m = JsonViews.token(t.token());
    m.put("token", t.secret());
    json(ctx, 201, m);
  }

  // --- request bodies -------------------------------------------------------------------------

  static JsonNode body(Context ctx) {
    try {
      JsonNode n = JsonViews.MAPPER.readTree(ctx.bodyAsBytes());
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

  private static String field(JsonNode body, String name) {
    JsonNode n = body.get(name);
    if (n == null || !n.isTextual() || n.asText().isEmpty()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "field '" + name + "' is required (a string)",
          "see /api/v1/openapi.json");
    }
    return n.asText();
  }

  private static List<String> strings(JsonNode body, String name) {
    List<String> out = new ArrayList<>();
    JsonNode n = body.path(name);
    if (!n.isMissingNode() && !n.isNull() && !n.isArray()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT, "field '" + name + "' must be a list of strings", null);
    }
    n.forEach(e -> out.add(e.asText()));
    return out;
  }

  private static boolean flag(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v != null && (v.isEmpty() || v.equals("true") || v.equals("1"));
  }
}
