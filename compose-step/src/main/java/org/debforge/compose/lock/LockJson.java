package org.debforge.compose.lock;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debforge.compose.json.JsonFile;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/** Reads and writes {@code lock.json}, schema 1 (docs/compose.md). */
public final class LockJson {
  private LockJson() {}

  /** The document, keys in the documented order. */
  public static Map<String, Object> document(Lock lock) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", Lock.SCHEMA);
    doc.put("compose_id", lock.composeId());
    List<Map<String, Object>> pkgs = new ArrayList<>();
    for (LockedPackage p : lock.packages()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("version", p.version());
      m.put("arch", p.arch());
      m.put("sha256", p.sha256());
      m.put("size", p.size());
      m.put("source", p.source());
      m.put("filename", p.filename());
      pkgs.add(m);
    }
    doc.put("packages", pkgs);
    List<Map<String, Object>> srcs = new ArrayList<>();
    for (LockSource s : lock.sources()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", s.name());
      m.put("kind", s.kind());
      m.put("uri", s.uri());
      m.put("suite", s.suite());
      m.put("components", s.components());
      if (s.tag() != null) {
        m.put("tag", s.tag());
      }
      if (s.snapshot() != null) {
        m.put("snapshot", s.snapshot());
      }
      srcs.add(m);
    }
    doc.put("sources", srcs);
    return doc;
  }

  public static String text(Lock lock) {
    return JsonFile.text(document(lock));
  }

  public static void write(Path file, Lock lock) {
    JsonFile.write(file, document(lock));
  }

  public static Lock read(Path file) {
    JsonNode doc = JsonFile.read(file);
    int schema = doc.path("schema").asInt(-1);
    if (schema != Lock.SCHEMA) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          file + ": field 'schema': " + schema + " is not a lock schema this version reads",
          "this tumbi-assembler reads lock.json schema " + Lock.SCHEMA);
    }
    List<LockedPackage> pkgs = new ArrayList<>();
    int i = 0;
    for (JsonNode p : doc.path("packages")) {
      pkgs.add(
          new LockedPackage(
              text(p, "name", file, i),
              text(p, "version", file, i),
              text(p, "arch", file, i),
              text(p, "sha256", file, i),
              p.path("size").asLong(),
              text(p, "source", file, i),
              text(p, "filename", file, i)));
      i++;
    }
    List<LockSource> srcs = new ArrayList<>();
    for (JsonNode s : doc.path("sources")) {
      List<String> comps = new ArrayList<>();
      s.path("components").forEach(c -> comps.add(c.asText()));
      srcs.add(
          new LockSource(
              s.path("name").asText(),
              s.path("kind").asText("mirror"),
              s.path("uri").asText(),
              s.path("suite").asText(),
              comps,
              s.hasNonNull("tag") ? s.get("tag").asText() : null,
              s.hasNonNull("snapshot") ? s.get("snapshot").asText() : null));
    }
    return new Lock(doc.path("compose_id").asText(), pkgs, srcs);
  }

  private static String text(JsonNode p, String field, Path file, int index) {
    JsonNode v = p.get(field);
    if (v == null || !v.isTextual()) {
      throw new DebforgeException(
          ErrorKind.INVALID_INPUT,
          file + ": packages[" + index + "]: field '" + field + "' is missing or not a string",
          "every lock entry has name, version, arch, sha256, size, source, filename");
    }
    return v.asText();
  }
}
