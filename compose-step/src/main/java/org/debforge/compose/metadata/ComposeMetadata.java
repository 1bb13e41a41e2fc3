package org.debforge.compose.metadata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.debforge.compose.gather.GatherResult;
import org.debforge.compose.gather.Resolved;
import org.debforge.compose.json.JsonFile;
import org.debforge.compose.phase.PhaseRecord;

/**
 * Writes the compose metadata in productmd 1.2's structure: {@code composeinfo.json}, {@code
 * images.json} and {@code packages.json} (Pungi's rpms.json for .debs). Documents are built as
 * ordered maps so that the golden files in the tests are byte-stable.
 */
public final class ComposeMetadata {
  /** The one variant of a part-1 compose, as Pungi's default. */
  public static final String VARIANT = "Everything";

  private ComposeMetadata() {}

  /**
   * What composeinfo.json records of the release and the run.
   *
   * @param releaseShort the release's short name (the blueprint name)
   * @param blueprint the blueprint file, as given
   * @param status the STATUS value at the time of writing
   * @param extra more keys under {@code debforge} (e.g. {@code reused_from}), in order
   */
  public record Info(
      ComposeHeader compose,
      String releaseName,
      String releaseVersion,
      String releaseShort,
      List<String> arches,
      boolean rootfs,
      String blueprint,
      String status,
      List<PhaseRecord> phases,
      Map<String, Object> extra) {}

  public static Map<String, Object> composeinfo(Info i) {
    Map<String, Object> release = new LinkedHashMap<>();
    release.put("name", i.releaseName());
    release.put("short", i.releaseShort());
    release.put("version", i.releaseVersion());
    release.put("type", "ga");
    Map<String, Object> paths = new LinkedHashMap<>();
    paths.put("repository", perArch(i.arches(), a -> VARIANT + "/repo"));
    if (i.rootfs()) {
      paths.put("os_tree", perArch(i.arches(), a -> VARIANT + "/" + a + "/rootfs"));
      paths.put("images", perArch(i.arches(), a -> VARIANT + "/" + a + "/images"));
    }
    Map<String, Object> variant = new LinkedHashMap<>();
    variant.put("arches", i.arches());
    variant.put("id", VARIANT);
    variant.put("name", VARIANT);
    variant.put("paths", paths);
    variant.put("type", "variant");
    variant.put("uid", VARIANT);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("compose", i.compose().json());
    payload.put("release", release);
    payload.put("variants", Map.of(VARIANT, variant));
    Map<String, Object> ours = new LinkedHashMap<>();
    ours.put("blueprint", i.blueprint());
    ours.put("status", i.status());
    List<Map<String, Object>> phases = new ArrayList<>();
    for (PhaseRecord r : i.phases()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.name());
      m.put("status", r.status());
      m.put("failable", r.failable());
      m.put("started", r.started() == null ? null : r.started().toString());
      m.put("ended", r.ended() == null ? null : r.ended().toString());
      m.put("seconds", r.seconds());
      if (r.error() != null) {
        m.put("error", r.error());
      }
      if (r.note() != null) {
        m.put("note", r.note());
      }
      m.put("log", "logs/" + r.name() + ".log");
      phases.add(m);
    }
    ours.put("phases", phases);
    ours.putAll(i.extra());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("header", ComposeHeader.header("productmd.composeinfo"));
    doc.put("payload", payload);
    doc.put("debforge", ours);
    return doc;
  }

  public static Map<String, Object> images(ComposeHeader compose, List<Image> images) {
    Map<String, Map<String, List<Map<String, Object>>>> byVariant = new TreeMap<>();
    for (Image im : images) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("arch", im.arch());
      m.put("bootable", im.bootable());
      m.put("checksums", Map.of("sha256", im.sha256()));
      m.put("format", im.format());
      m.put("implant_md5", null);
      m.put("mtime", im.mtime());
      m.put("path", im.path());
      m.put("size", im.size());
      m.put("subvariant", im.variant());
      m.put("type", im.type());
      m.put("volume_id", im.volumeId());
      byVariant
          .computeIfAbsent(im.variant(), v -> new TreeMap<>())
          .computeIfAbsent(im.arch(), a -> new ArrayList<>())
          .add(m);
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("compose", compose.json());
    payload.put("images", byVariant);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("header", ComposeHeader.header("productmd.images"));
    doc.put("payload", payload);
    return doc;
  }

  /**
   * packages.json, Pungi's rpms.json for .debs: {@code
   * payload.packages.VARIANT.ARCH.SOURCE.PACKAGE} with the pool path, the SHA-256 and the blueprint
   * source it came from.
   *
   * @param poolPath a package's path in the compose repository, relative to {@code compose/}
   */
  public static Map<String, Object> packages(
      ComposeHeader compose,
      List<GatherResult> sets,
      java.util.function.Function<Resolved, String> poolPath) {
    Map<String, Object> byArch = new TreeMap<>();
    for (GatherResult g : sets) {
      Map<String, Map<String, Object>> bySource = new TreeMap<>();
      for (Resolved r : g.packages()) {
        String src = r.stanza().get("Source").map(String::strip).orElse(r.pkg().name());
        String srcName = src.split("\\s+")[0];
        String srcVersion =
            src.contains("(")
                ? src.substring(src.indexOf('(') + 1, src.indexOf(')')).strip()
                : r.pkg().version();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("category", "binary");
        m.put("path", poolPath.apply(r));
        m.put("sha256", r.pkg().sha256());
        m.put("size", r.pkg().size());
        m.put("source", r.pkg().source());
        bySource
            .computeIfAbsent(srcName + "_" + srcVersion + "_source", k -> new TreeMap<>())
            .put(r.pkg().name() + "_" + r.pkg().version() + "_" + r.pkg().arch(), m);
      }
      byArch.put(g.arch(), bySource);
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("compose", compose.json());
    payload.put("packages", Map.of(VARIANT, byArch));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("header", ComposeHeader.header("debforge.packages"));
    doc.put("payload", payload);
    return doc;
  }

  /**
   * metadata/ostree.json (type {@code debforge.ostree}): per architecture the commit the ostree
   * phase made ({@code ref}, {@code commit}, {@code parent}, {@code version}, {@code repo}, ...).
   */
  public static Map<String, Object> ostree(
      ComposeHeader compose, Map<String, Map<String, Object>> byArch) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("compose", compose.json());
    payload.put("ostree", Map.of(VARIANT, new TreeMap<>(byArch)));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("header", ComposeHeader.header("debforge.ostree"));
    doc.put("payload", payload);
    return doc;
  }

  /** metadata/oci.json: the oci phase's images per architecture (header type debforge.oci). */
  public static Map<String, Object> oci(
      ComposeHeader compose, Map<String, Map<String, Object>> byArch) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("compose", compose.json());
    payload.put("oci", Map.of(VARIANT, new TreeMap<>(byArch)));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("header", ComposeHeader.header("debforge.oci"));
    doc.put("payload", payload);
    return doc;
  }

  /**
   * metadata/test.json (type {@code debforge.test}): per architecture the boot test of its disk
   * image ({@code image}, {@code passed}, {@code seconds}, {@code marker}, {@code serial_log},
   * ...).
   */
  public static Map<String, Object> test(
      ComposeHeader compose, Map<String, Map<String, Object>> byArch) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("compose", compose.json());
    payload.put("test", Map.of(VARIANT, new TreeMap<>(byArch)));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("header", ComposeHeader.header("debforge.test"));
    doc.put("payload", payload);
    return doc;
  }

  public static void write(Path file, Map<String, Object> doc) {
    JsonFile.write(file, doc);
  }

  private static Map<String, String> perArch(
      List<String> arches, java.util.function.Function<String, String> path) {
    Map<String, String> m = new TreeMap<>();
    arches.forEach(a -> m.put(a, path.apply(a)));
    return m;
  }
}
