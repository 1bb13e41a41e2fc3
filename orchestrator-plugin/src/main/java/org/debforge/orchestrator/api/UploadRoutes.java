package org.debforge.orchestrator.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static org.debforge.orchestrator.api.Access.BUILDER;
import static org.debforge.orchestrator.api.RestApi.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.build.ImportResult;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.json.JsonViews;
import org.debforge.orchestrator.upload.ContentRange;
import org.debforge.orchestrator.upload.DeclaredFile;
import org.debforge.orchestrator.upload.TooLarge;
import org.debforge.orchestrator.upload.UploadSession;
import org.debforge.orchestrator.upload.UploadSessions;

/**
 * Resumable uploads of a build ({@link UploadSessions}): declare, PUT chunks with Content-Range,
 * GET the offsets after a broken connection, commit into the same import as {@code POST /builds}.
 */
final class UploadRoutes {
  private static final String UPLOADS = ApiRoutes.API + "/uploads";

  private final Orchestrator o;
  private final RestApi api;
  private final UploadSessions sessions;
  private final UploadSlots slots;

  UploadRoutes(Orchestrator o, RestApi api, UploadSessions sessions, UploadSlots slots) {
    this.o = o;
    this.api = api;
    this.sessions = sessions;
    this.slots = slots;
  }

  void register() {
    api.route(POST, UPLOADS, BUILDER, this::create);
    api.route(GET, UPLOADS + "/{id}", BUILDER, this::status);
    api.route(DELETE, UPLOADS + "/{id}", BUILDER, this::abandon);
    api.route(PUT, UPLOADS + "/{id}/files/{name}", BUILDER, this::chunk);
    api.route(POST, UPLOADS + "/{id}/commit", BUILDER, this::commit);
  }

  private void create(Context ctx) {
    String actor = Access.caller(ctx).name();
    JsonNode body = ApiRoutes.body(ctx);
    List<DeclaredFile> files = new ArrayList<>();
    JsonNode list = body.path("files");
    if (!list.isArray()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "field 'files' is required: a list of {name, size, sha256}",
          "see /api/v1/openapi.json");
    }
    for (JsonNode f : list) {
      if (!f.path("size").isIntegralNumber()) {
        throw new DebforgeException(
            ErrorKind.INVALID_INPUT,
            "file '" + f.path("name").asText() + "': 'size' must be an integer",
            null);
      }
      files.add(
          new DeclaredFile(
              f.path("name").isTextual() ? f.get("name").asText() : null,
              f.path("size").asLong(),
              f.path("sha256").isTextual() ? f.get("sha256").asText() : null));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String k : new String[] {"jenkins_url", "jenkins_job", "jenkins_number"}) {
      if (body.hasNonNull(k)) {
        fields.put(k, body.get(k).asText());
      }
    }
    provenance(actor, fields); // refuses a bad jenkins_number now, not at commit
    sessions.collect(); // abandoned sessions go while new ones come
    json(ctx, 201, view(sessions.create(actor, files, fields)));
  }

  private void status(Context ctx) {
    String actor = Access.caller(ctx).name();
    json(ctx, 200, view(sessions.status(ctx.pathParam("id"), actor)));
  }

  private void abandon(Context ctx) {
    String actor = Access.caller(ctx).name();
    sessions.abandon(ctx.pathParam("id"), actor);
    ctx.status(204);
  }

  private void chunk(Context ctx) {
    String actor = Access.caller(ctx).name();
    String id = ctx.pathParam("id");
    String name = ctx.pathParam("name");
    String header = ctx.header("Content-Range");
    long length = ctx.req().getContentLengthLong();
    ContentRange range;
    if (header == null) {
      // The whole file in one request.
      UploadSession st = sessions.status(id, actor);
      long size =
          st.files().stream()
              .filter(f -> f.name().equals(name))
              .findFirst()
              .map(DeclaredFile::size)
              .orElse(-1L);
      if (size == 0) {
        json(ctx, 200, view(st));
        return;
      }
      range = size < 0 ? null : new ContentRange(0, size - 1, size);
    } else {
      range = ContentRange.parse(header);
    }
    if (length > sessions.maxChunk()) {
      throw new TooLarge(length, sessions.maxChunk());
    }
    if (range != null && length >= 0 && length != range.length()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "Content-Length " + length + " is not the " + range.length() + " bytes of the range",
          "send exactly LAST-FIRST+1 bytes");
    }
    if (range == null) {
      range = new ContentRange(0, 0, 1); // an undeclared name: append() answers 404 for it
    }
    try (UploadSlots.Slot slot = slots.acquire(Access.caller(ctx));
        InputStream in = ctx.req().getInputStream()) {
      json(ctx, 200, view(sessions.append(id, actor, name, range, in)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void commit(Context ctx) {
    String actor = Access.caller(ctx).name();
    String id = ctx.pathParam("id");
    UploadSession st = sessions.status(id, actor);
    Provenance p = provenance(actor, st.fields());
    ImportResult r;
    try (UploadSlots.Slot slot = slots.acquire(Access.caller(ctx))) {
      r =
          sessions.commit(
              id,
              actor,
              dir -> {
                try {
                  return o.importBuild(dir, p);
                } catch (DebforgeException e) {
                  throw ApiRoutes.clientNames(e, dir);
                }
              });
    }
    json(ctx, r.created() ? 201 : 200, JsonViews.importResult(r));
  }

  private static Provenance provenance(String actor, Map<String, String> fields) {
    String number = fields.get("jenkins_number");
    if (number != null && !number.matches("[0-9]{1,9}")) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          "jenkins_number '" + number + "' is not a build number",
          "give Jenkins' BUILD_NUMBER");
    }
    return new Provenance(
        actor,
        Instant.now(),
        fields.get("jenkins_url"),
        fields.get("jenkins_job"),
        number == null ? null : Integer.parseInt(number));
  }

  static Map<String, Object> view(UploadSession u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id());
    m.put("created", u.created().toString());
    m.put("committed", u.committed());
    m.put("complete", u.complete());
    List<Map<String, Object>> files = new ArrayList<>();
    for (DeclaredFile f : u.files()) {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("name", f.name());
      fm.put("size", f.size());
      fm.put("sha256", f.sha256());
      fm.put("received", u.received().get(f.name()));
      files.add(fm);
    }
    m.put("files", files);
    return m;
  }
}
