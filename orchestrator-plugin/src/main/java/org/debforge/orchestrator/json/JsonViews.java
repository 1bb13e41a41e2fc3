package org.debforge.orchestrator.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.orchestrator.auth.ApiToken;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.build.BuildPart;
import org.debforge.orchestrator.build.BuildState;
import org.debforge.orchestrator.build.ImportResult;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.history.HistoryEvent;
import org.debforge.orchestrator.tag.Inheritance;
import org.debforge.orchestrator.tag.InheritanceLink;
import org.debforge.orchestrator.tag.PackageEntry;
import org.debforge.orchestrator.tag.Tag;
import org.debforge.orchestrator.tag.TagInfo;
import org.debforge.orchestrator.tag.TaggedBuild;
import org.debforge.orchestrator.tag.Target;

/**
 * The JSON shapes of deb-orchestrator (docs/deb-orchestrator.md): what the REST API returns and
 * what {@code --json} prints, one definition for both, and the way back from JSON to the engine's
 * records for the remote client, so a command prints the same whether the store is local or not.
 */
public final class JsonViews {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              false);

  private JsonViews() {}

  public static Map<String, Object> build(Build b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", b.id());
    m.put("nvr", b.nvr());
    m.put("source", b.source());
    m.put("version", b.version());
    m.put("state", b.state().name());
    m.put("architectures", b.architectures());
    m.put("binaries", b.binaries());
    m.put("distribution", b.distribution());
    m.put("changes", b.changes());
    m.put("content_sha256", b.contentSha256());
    m.put("provenance", provenance(b.provenance()));
    if (!b.parts().isEmpty()) {
      m.put("parts", b.parts().stream().map(part -> part(b, part)).toList());
    }
    if (!b.files().isEmpty()) {
      m.put("files", b.files().stream().map(JsonViews::file).toList());
    }
    return m;
  }

  private static Map<String, Object> provenance(Provenance prov) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("user", prov.user());
    p.put("time", prov.at().toString());
    p.put("jenkins_url", prov.jenkinsUrl());
    p.put("jenkins_job", prov.jenkinsJob());
    p.put("jenkins_number", prov.jenkinsNumber());
    p.put("signed_by", prov.signedBy());
    return p;
  }

  /** One architecture's part: its .changes, digest, provenance and the names of its files. */
  private static Map<String, Object> part(Build b, BuildPart part) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("arch", part.arch());
    m.put("changes", part.changes());
    m.put("content_sha256", part.contentSha256());
    m.put("provenance", provenance(part.provenance()));
    m.put(
        "files",
        b.files().stream().filter(f -> part.arch().equals(f.arch())).map(BuildFile::name).toList());
    return m;
  }

  private static Map<String, Object> file(BuildFile f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", f.name());
    m.put("kind", f.kind());
    m.put("size", f.size());
    m.put("sha256", f.sha256());
    m.put("arch", f.arch());
    return m;
  }

  public static Map<String, Object> tagged(TaggedBuild tb) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tag", tb.tag());
    m.put("nvr", tb.build().nvr());
    m.put("source", tb.build().source());
    m.put("version", tb.build().version());
    m.put("architectures", tb.build().architectures());
    m.put("build_id", tb.build().id());
    m.put("tagged_by", tb.taggedBy());
    m.put("tagged_at", tb.taggedAt().toString());
    return m;
  }

  public static Map<String, Object> tag(Tag t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    m.put("arches", t.arches());
    m.put("locked", t.locked());
    m.put("perm", t.perm());
    m.put("created", t.created().toString());
    return m;
  }

  public static Map<String, Object> tagInfo(TagInfo i) {
    Map<String, Object> m = tag(i.tag());
    m.put("effective_arches", i.effectiveArches());
    m.put("parents", i.parents());
    m.put("inheritance", i.inheritance());
    m.put("packages", i.packages());
    m.put("targets", i.targets());
    return m;
  }

  public static Map<String, Object> event(HistoryEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("time", e.at().toString());
    m.put("actor", e.actor());
    m.put("action", e.action());
    m.put("tag", e.tag());
    m.put("build", e.build());
    m.put("detail", e.detail());
    return m;
  }

  public static List<Map<String, Object>> tagged(List<TaggedBuild> list) {
    return list.stream().map(JsonViews::tagged).toList();
  }

  public static Map<String, Object> importResult(ImportResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("created", r.created());
    m.put("build", build(r.build()));
    return m;
  }

  public static Map<String, Object> token(ApiToken t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    m.put("role", t.role().label());
    m.put("perms", t.perms());
    m.put("created", t.created().toString());
    m.put("created_by", t.createdBy());
    return m;
  }

  // --- and back ------------------------------------------------------------------------------

  public static Build toBuild(JsonNode n) {
    JsonNode p = n.path("provenance");
    List<BuildFile> files = new ArrayList<>();
    for (JsonNode f : n.path("files")) {
      files.add(
          new BuildFile(
              f.path("name").asText(),
              f.path("kind").asText(),
              f.path("size").asLong(),
              f.path("sha256").asText(),
              text(f.path("arch"))));
    }
    List<BuildPart> parts = new ArrayList<>();
    for (JsonNode part : n.path("parts")) {
      parts.add(
          new BuildPart(
              part.path("arch").asText(),
              text(part.path("changes")),
              text(part.path("content_sha256")),
              toProvenance(part.path("provenance"))));
    }
    return new Build(
        n.path("id").asLong(),
        n.path("source").asText(),
        n.path("version").asText(),
        BuildState.valueOf(n.path("state").asText()),
        strings(n.path("architectures")),
        strings(n.path("binaries")),
        text(n.path("distribution")),
        text(n.path("changes")),
        text(n.path("content_sha256")),
        toProvenance(p),
        files,
        parts);
  }

  private static Provenance toProvenance(JsonNode p) {
    return new Provenance(
        p.path("user").asText(),
        Instant.parse(p.path("time").asText()),
        text(p.path("jenkins_url")),
        text(p.path("jenkins_job")),
        p.path("jenkins_number").isNumber() ? p.path("jenkins_number").asInt() : null,
        text(p.path("signed_by")));
  }

  public static ImportResult toImportResult(JsonNode n) {
    return new ImportResult(toBuild(n.path("build")), n.path("created").asBoolean());
  }

  /** A row of list-tagged: the build without its files, as the list shows it. */
  public static TaggedBuild toTagged(JsonNode n) {
    Build b =
        new Build(
            n.path("build_id").asLong(),
            n.path("source").asText(),
            n.path("version").asText(),
            BuildState.COMPLETE,
            strings(n.path("architectures")),
            List.of(),
            null,
            null,
            null,
            Provenance.of(
                n.path("tagged_by").asText(), Instant.parse(n.path("tagged_at").asText())),
            List.of());
    return new TaggedBuild(
        n.path("tag").asText(),
        b,
        n.path("tagged_by").asText(),
        Instant.parse(n.path("tagged_at").asText()));
  }

  public static Tag toTag(JsonNode n) {
    return new Tag(
        n.path("id").asLong(),
        n.path("name").asText(),
        strings(n.path("arches")),
        n.path("locked").asBoolean(),
        text(n.path("perm")),
        Instant.parse(n.path("created").asText()));
  }

  public static TagInfo toTagInfo(JsonNode n) {
    return new TagInfo(
        toTag(n),
        strings(n.path("effective_arches")),
        list(n.path("parents"), InheritanceLink.class),
        list(n.path("inheritance"), Inheritance.Ancestor.class),
        list(n.path("packages"), PackageEntry.class),
        list(n.path("targets"), Target.class));
  }

  public static HistoryEvent toEvent(JsonNode n) {
    return new HistoryEvent(
        n.path("id").asLong(),
        Instant.parse(n.path("time").asText()),
        n.path("actor").asText(),
        n.path("action").asText(),
        text(n.path("tag")),
        text(n.path("build")),
        text(n.path("detail")));
  }

  public static Target toTarget(JsonNode n) {
    return MAPPER.convertValue(n, Target.class);
  }

  public static <T> List<T> list(JsonNode array, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (JsonNode e : array) {
      out.add(MAPPER.convertValue(e, type));
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }
}
