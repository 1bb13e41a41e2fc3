package org.debforge.orchestrator.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.orchestrator.compose.Compose;
import org.debforge.orchestrator.compose.ComposeImport;
import org.debforge.orchestrator.compose.ComposeMetadata;
import org.debforge.orchestrator.compose.ComposePackage;
import org.debforge.orchestrator.compose.ComposeSummary;
import org.debforge.orchestrator.compose.LockPackage;
import org.debforge.orchestrator.compose.LockSource;
import org.debforge.orchestrator.publish.PublishedRepository;

/**
 * The JSON shapes of composes and published repositories (docs/deb-orchestrator.md, "Composes"),
 * REST and --json alike, and their reading back by the client.
 */
public final class ComposeViews {
  private ComposeViews() {}

  public static Map<String, Object> summary(ComposeSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.composeId());
    m.put("name", s.name());
    m.put("version", s.version());
    m.put("date", s.date());
    m.put("respin", s.respin());
    m.put("type", s.type());
    m.put("status", s.status());
    m.put("packages", s.packages());
    m.put("linked_packages", s.linkedPackages());
    m.put("imported_by", s.importedBy());
    m.put("imported_at", s.importedAt().toString());
    return m;
  }

  public static List<Map<String, Object>> summaries(List<ComposeSummary> list) {
    return list.stream().map(ComposeViews::summary).toList();
  }

  public static Map<String, Object> compose(Compose c) {
    ComposeMetadata md = c.metadata();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", md.composeId());
    m.put("name", md.name());
    m.put("short", md.shortName());
    m.put("version", md.version());
    m.put("date", md.date());
    m.put("respin", md.respin());
    m.put("type", md.type());
    m.put("status", md.status());
    m.put("blueprint", md.blueprint());
    m.put("phases", phases(md.phasesJson()));
    m.put("content_sha256", md.contentSha256());
    m.put("imported_by", c.importedBy());
    m.put("imported_at", c.importedAt().toString());
    m.put("sources", md.sources().stream().map(ComposeViews::source).toList());
    List<Map<String, Object>> pkgs = new ArrayList<>();
    for (ComposePackage p : c.packages()) {
      Map<String, Object> pm = lockPackage(p.lock());
      pm.put("build", p.build());
      pkgs.add(pm);
    }
    m.put("packages", pkgs);
    return m;
  }

  /**
   * The POST /api/v1/composes body: the metadata as the two files say it (normalized: what the
   * server reads back is the same record, with the same digest).
   */
  public static Map<String, Object> importBody(ComposeMetadata md) {
    Map<String, Object> compose = new LinkedHashMap<>();
    compose.put("id", md.composeId());
    compose.put("date", md.date());
    compose.put("respin", md.respin());
    compose.put("type", md.type());
    Map<String, Object> release = new LinkedHashMap<>();
    release.put("name", md.name());
    release.put("version", md.version());
    release.put("short", md.shortName());
    Map<String, Object> ours = new LinkedHashMap<>();
    ours.put("status", md.status());
    ours.put("blueprint", md.blueprint());
    ours.put("phases", phases(md.phasesJson()));
    Map<String, Object> info = new LinkedHashMap<>();
    // Ordered maps: the body is a format we write (golden file), Map.of's order varies per run.
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("type", "productmd.composeinfo");
    header.put("version", "1.2");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("compose", compose);
    payload.put("release", release);
    info.put("header", header);
    info.put("payload", payload);
    info.put("debforge", ours);
    Map<String, Object> lock = new LinkedHashMap<>();
    lock.put("schema", 1);
    lock.put("compose_id", md.composeId());
    lock.put("packages", md.packages().stream().map(ComposeViews::lockPackage).toList());
    lock.put("sources", md.sources().stream().map(ComposeViews::source).toList());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("composeinfo", info);
    body.put("lock", lock);
    return body;
  }

  public static Map<String, Object> importResult(ComposeImport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("created", r.created());
    m.put("compose", compose(r.compose()));
    return m;
  }

  public static Map<String, Object> source(LockSource s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("kind", s.kind());
    m.put("uri", s.uri());
    m.put("suite", s.suite());
    m.put("components", s.components());
    if (s.tag() != null) {
      m.put("tag", s.tag());
      m.put("snapshot", s.snapshot());
    }
    return m;
  }

  private static Map<String, Object> lockPackage(LockPackage p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("version", p.version());
    m.put("arch", p.arch());
    m.put("sha256", p.sha256());
    m.put("size", p.size());
    m.put("source", p.source());
    m.put("filename", p.filename());
    return m;
  }

  private static JsonNode phases(String json) {
    try {
      return JsonViews.MAPPER.readTree(json);
    } catch (IOException e) {
      return JsonViews.MAPPER.createArrayNode(); // stored by us as valid JSON; never here
    }
  }

  /**
   * The published repository; {@code base} as the server's path {@code /repos/TAG/}, which the
   * client resolves against the server URL it used (a server behind a proxy cannot know it).
   */
  public static Map<String, Object> published(PublishedRepository r, String base) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tag", r.tag());
    m.put("snapshot", r.snapshot());
    m.put("base", base);
    m.put("suite", r.suite());
    m.put("components", r.components());
    m.put("architectures", r.architectures());
    m.put("key", r.armoredKey());
    return m;
  }

  public static PublishedRepository toPublished(JsonNode n, URI server) {
    String s = server.toString();
    String base = n.path("base").asText();
    URI uri = URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + base);
    return new PublishedRepository(
        n.path("tag").asText(),
        n.hasNonNull("snapshot") ? n.get("snapshot").asText() : null,
        uri,
        n.path("suite").asText(),
        strings(n.path("components")),
        strings(n.path("architectures")),
        n.hasNonNull("key") ? n.get("key").asText() : null);
  }

  public static ComposeSummary toSummary(JsonNode n) {
    return new ComposeSummary(
        0,
        n.path("id").asText(),
        n.path("name").asText(),
        n.path("version").asText(),
        n.path("date").asText(),
        n.path("respin").asInt(),
        n.path("type").asText(),
        n.path("status").asText(),
        n.path("packages").asInt(),
        n.path("linked_packages").asInt(),
        n.path("imported_by").asText(),
        Instant.parse(n.path("imported_at").asText()));
  }

  public static Compose toCompose(JsonNode n) {
    List<LockSource> sources = new ArrayList<>();
    for (JsonNode s : n.path("sources")) {
      sources.add(
          new LockSource(
              s.path("name").asText(),
              s.path("kind").asText(),
              s.path("uri").asText(),
              s.path("suite").asText(),
              strings(s.path("components")),
              s.hasNonNull("tag") ? s.get("tag").asText() : null,
              s.hasNonNull("snapshot") ? s.get("snapshot").asText() : null));
    }
    List<ComposePackage> packages = new ArrayList<>();
    for (JsonNode p : n.path("packages")) {
      packages.add(
          new ComposePackage(
              new LockPackage(
                  p.path("name").asText(),
                  p.path("version").asText(),
                  p.path("arch").asText(),
                  p.path("sha256").asText(),
                  p.path("size").asLong(),
                  p.path("source").asText(),
                  p.path("filename").asText()),
              null,
              p.hasNonNull("build") ? p.get("build").asText() : null));
    }
    ComposeMetadata md =
        new ComposeMetadata(
            n.path("id").asText(),
            n.path("name").asText(),
            n.path("short").asText(),
            n.path("version").asText(),
            n.path("date").asText(),
            n.path("respin").asInt(),
            n.path("type").asText(),
            n.path("status").asText(),
            n.hasNonNull("blueprint") ? n.get("blueprint").asText() : null,
            n.path("phases").toString(),
            packages.stream().map(ComposePackage::lock).toList(),
            sources,
            n.path("content_sha256").asText());
    return new Compose(
        0,
        md,
        packages,
        n.path("imported_by").asText(),
        Instant.parse(n.path("imported_at").asText()));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}
