package org.debforge.cli.orchestrator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.orchestrator.build.Build;
import org.debforge.orchestrator.build.BuildFile;
import org.debforge.orchestrator.history.HistoryEvent;
import org.debforge.orchestrator.tag.Tag;
import org.debforge.orchestrator.tag.TagInfo;
import org.debforge.orchestrator.tag.TaggedBuild;

/** The JSON shapes of deb-orchestrator's {@code --json} output (docs/deb-orchestrator.md). */
final class Views {
  private Views() {}

  static Map<String, Object> build(Build b) {
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
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("user", b.provenance().user());
    p.put("time", b.provenance().at().toString());
    p.put("jenkins_url", b.provenance().jenkinsUrl());
    p.put("jenkins_job", b.provenance().jenkinsJob());
    p.put("jenkins_number", b.provenance().jenkinsNumber());
    m.put("provenance", p);
    if (!b.files().isEmpty()) {
      m.put("files", b.files().stream().map(Views::file).toList());
    }
    return m;
  }

  private static Map<String, Object> file(BuildFile f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", f.name());
    m.put("kind", f.kind());
    m.put("size", f.size());
    m.put("sha256", f.sha256());
    return m;
  }

  static Map<String, Object> tagged(TaggedBuild tb) {
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

  static Map<String, Object> tag(Tag t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    m.put("arches", t.arches());
    m.put("locked", t.locked());
    m.put("created", t.created().toString());
    return m;
  }

  static Map<String, Object> tagInfo(TagInfo i) {
    Map<String, Object> m = tag(i.tag());
    m.put("effective_arches", i.effectiveArches());
    m.put("parents", i.parents());
    m.put("inheritance", i.inheritance());
    m.put("packages", i.packages());
    m.put("targets", i.targets());
    return m;
  }

  static Map<String, Object> event(HistoryEvent e) {
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

  static List<Map<String, Object>> tagged(List<TaggedBuild> list) {
    return list.stream().map(Views::tagged).toList();
  }
}
