package org.debforge.compose.blueprint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every component of a loaded blueprint as stable JSON for golden files: paths relative to a base
 * folder, maps sorted, optionals as null.
 */
final class BlueprintView {
  private BlueprintView() {}

  static String json(Blueprint b, Path base) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", rel(b.file(), base));
    m.put("name", b.name());
    m.put("version", b.version());
    m.put("suite", b.suite());
    m.put("architectures", b.architectures());
    m.put("sources", b.sources().stream().map(s -> source(s, base)).toList());
    m.put("packages", b.packages());
    m.put("groups", new TreeMap<>(b.groups()));
    m.put("exclude", b.exclude());
    m.put("recommends", b.recommends());
    m.put("required", b.required());
    m.put(
        "files",
        b.files().stream()
            .map(
                f ->
                    Map.of(
                        "source", rel(f.source(), base),
                        "dest", f.dest(),
                        "mode", String.format("%04o", f.mode())))
            .map(TreeMap::new)
            .toList());
    m.put(
        "postprocess",
        b.postprocess().stream()
            .map(
                s -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("name", s.name());
                  x.put("file", s.file().map(f -> rel(f, base)).orElse(null));
                  x.put("inline", s.inline().orElse(null));
                  return x;
                })
            .toList());
    m.put(
        "users",
        b.users().stream()
            .map(
                u -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("name", u.name());
                  x.put("uid", u.uid().orElse(null));
                  x.put("gecos", u.gecos());
                  x.put("home", u.home());
                  x.put("shell", u.shell());
                  x.put("groups", u.groups());
                  return x;
                })
            .toList());
    m.put("kernelArgs", b.kernelArgs());
    m.put(
        "outputs",
        b.outputs().stream()
            .map(
                o -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("type", o.type().key());
                  x.put("failable", o.failable());
                  x.put("options", new TreeMap<>(o.options()));
                  return x;
                })
            .toList());
    Map<String, Object> arches = new TreeMap<>();
    b.arches()
        .forEach((k, v) -> arches.put(k, Map.of("packages", v.packages(), "exclude", v.exclude())));
    m.put("arches", arches);
    Map<String, Object> perArch = new LinkedHashMap<>();
    for (String a : b.architectures()) {
      perArch.put(a, Map.of("packages", b.packages(a), "exclude", b.exclude(a)));
    }
    m.put("expanded", perArch);
    try {
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .writeValueAsString(m)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> source(SourceSpec s, Path base) {
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("name", s.name());
    if (s instanceof SourceSpec.Mirror mi) {
      x.put("kind", "mirror");
      x.put("mirror", mi.mirror().map(Object::toString).orElse(null));
      x.put("suite", mi.suite());
      x.put("components", mi.components());
      x.put("keyring", rel(mi.keyring(), base));
    } else if (s instanceof SourceSpec.Orchestrator o) {
      x.put("kind", "orchestrator");
      x.put("tag", o.tag());
      x.put("snapshot", o.snapshot().orElse(null));
      x.put("server", o.server().map(Object::toString).orElse(null));
      x.put("keyring", o.keyring().map(k -> rel(k, base)).orElse(null));
    }
    return x;
  }

  /** Paths under {@code base} relative to it; others (system keyrings) as they are. */
  static String rel(Path p, Path base) {
    Path b = base.toAbsolutePath().normalize();
    return p.startsWith(b) ? b.relativize(p).toString() : p.toString();
  }

  static List<String> lines(String s) {
    return s.lines().toList();
  }
}
