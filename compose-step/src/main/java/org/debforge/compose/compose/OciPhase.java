package org.debforge.compose.compose;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.OutputSpec;
import org.debforge.compose.metadata.ComposeMetadata;
import org.debforge.compose.metadata.Image;
import org.debforge.compose.oci.OciBuilder;
import org.debforge.compose.oci.OciFormat;
import org.debforge.compose.oci.OciImage;
import org.debforge.compose.oci.OciRequest;
import org.debforge.compose.oci.Platform;
import org.debforge.compose.oci.Skopeo;
import org.debforge.compose.phase.Phase;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Pungi's ostree_container phase for Debian: each architecture's OSTree commit (the ostree phase's)
 * as a bootc container image in the compose's images folder, and optionally copied on with skopeo.
 */
final class OciPhase implements Phase<ComposeContext> {
  static final Set<String> OPTIONS = Set.of("format", "tag", "push", "tls-verify");

  @Override
  public String name() {
    return "oci";
  }

  @Override
  public boolean failable(ComposeContext c) {
    return c.blueprint.output(OutputSpec.Type.OCI).map(OutputSpec::failable).orElse(false);
  }

  @Override
  public boolean applies(ComposeContext c) {
    return c.blueprint.output(OutputSpec.Type.OCI).isPresent();
  }

  static OciFormat format(OutputSpec out) {
    return OciFormat.of(out.options().getOrDefault("format", "oci-archive")).orElseThrow();
  }

  /** The tag: the output's, or the compose's version with what a tag cannot hold made '_'. */
  static String tag(OutputSpec out, String version) {
    String t = out.options().get("tag");
    if (t != null) {
      return t;
    }
    String s = version.replaceAll("[^A-Za-z0-9._-]", "_");
    s = s.matches("[._-].*") ? "v" + s : s;
    return s.length() > 128 ? s.substring(0, 128) : s;
  }

  /** What is wrong with an oci output, seen before any work (empty when nothing). */
  static Optional<String> problem(Blueprint bp, OutputSpec out) {
    Set<String> unknown = new TreeSet<>(out.options().keySet());
    unknown.removeAll(OPTIONS);
    if (!unknown.isEmpty()) {
      return Optional.of(
          "oci output: unknown options " + unknown + " (it takes " + new TreeSet<>(OPTIONS) + ")");
    }
    if (bp.output(OutputSpec.Type.OSTREE).isEmpty()) {
      return Optional.of(
          "oci output: the image is made from the ostree output's commit, and there is no ostree"
              + " output: add one");
    }
    String format = out.options().getOrDefault("format", "oci-archive");
    if (OciFormat.of(format).isEmpty()) {
      return Optional.of("oci output: format '" + format + "' is not oci-archive or oci-dir");
    }
    String tag = out.options().get("tag");
    if (tag != null && !OciRequest.TAG.matcher(tag).matches()) {
      return Optional.of(
          "oci output: tag '"
              + tag
              + "' is not an image tag (letters, digits, '_', '.', '-', at most 128, not starting"
              + " with '.' or '-')");
    }
    String tls = out.options().getOrDefault("tls-verify", "true");
    if (!tls.equals("true") && !tls.equals("false")) {
      return Optional.of("oci output: tls-verify '" + tls + "' is not true or false");
    }
    String push = out.options().get("push");
    if (push != null && !Skopeo.isDestination(push)) {
      return Optional.of(
          "oci output: push '"
              + push
              + "' names no skopeo transport (docker://HOST/NAME:TAG, oci:DIR:TAG, dir:DIR...)");
    }
    if (push != null && bp.architectures().size() > 1 && !push.contains("%{arch}")) {
      return Optional.of(
          "oci output: push '"
              + push
              + "' names one destination for "
              + bp.architectures().size()
              + " architectures: put %{arch} in it");
    }
    for (String arch : bp.architectures()) {
      try {
        Platform.of(arch);
      } catch (DebforgeException e) {
        return Optional.of("oci output: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * The image's time: SOURCE_DATE_EPOCH when set (reproducible-builds' convention), else the
   * compose's clock; every file's mtime is set to it, so the same commit and time give the same
   * digest.
   */
  static Instant created(ComposeContext c) {
    String epoch = System.getenv("SOURCE_DATE_EPOCH");
    if (epoch != null && epoch.matches("[0-9]{1,12}")) {
      return Instant.ofEpochSecond(Long.parseLong(epoch));
    }
    return Instant.ofEpochSecond(c.options.clock.instant().getEpochSecond());
  }

  @Override
  @SuppressWarnings("unchecked")
  public void run(ComposeContext c, PrintWriter log) throws IOException {
    OutputSpec out = c.blueprint.output(OutputSpec.Type.OCI).orElseThrow();
    Object recorded = c.extra.get("ostree");
    Map<String, Map<String, Object>> commits = new LinkedHashMap<>();
    if (recorded instanceof List<?> l) {
      l.forEach(
          m ->
              commits.put((String) ((Map<String, Object>) m).get("arch"), (Map<String, Object>) m));
    }
    for (String arch : c.blueprint.architectures()) {
      if (!commits.containsKey(arch)) {
        // A failable ostree output that failed leaves no commit.
        throw new DebforgeException(
            ErrorKind.COMPOSE_FAILED,
            "oci: " + arch + ": the ostree phase made no commit to build the image from",
            "see " + c.layout.logs().resolve("ostree.log"));
      }
    }
    String version = c.blueprint.versionScheme().expand(c.header.date(), c.header.respin());
    OciFormat format = format(out);
    String tag = tag(out, version);
    boolean tlsVerify = !"false".equals(out.options().get("tls-verify"));
    Instant created = created(c);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.title", c.blueprint.name());
    labels.put("org.opencontainers.image.version", version);
    labels.put("org.debforge.compose-id", c.header.id());
    Path work = Files.createDirectories(c.layout.work().resolve("oci"));
    Map<String, Map<String, Object>> byArch = new LinkedHashMap<>();
    List<Map<String, Object>> list = new ArrayList<>();
    for (String arch : c.blueprint.architectures()) {
      Map<String, Object> commit = commits.get(arch);
      Path archLog = c.layout.logs().resolve("oci." + arch + ".log");
      String name =
          c.header.id() + "-" + arch + (format == OciFormat.OCI_DIR ? "-oci" : "-oci.tar");
      Path output = c.layout.images(arch).resolve(name);
      log.println(
          "oci: "
              + arch
              + ": commit "
              + commit.get("commit")
              + " as "
              + output
              + " (log "
              + archLog
              + ")");
      OciImage image =
          new OciBuilder()
              .build(
                  new OciRequest(
                      Path.of((String) commit.get("repo")),
                      (String) commit.get("commit"),
                      arch,
                      tag,
                      format,
                      created,
                      labels,
                      output,
                      work,
                      archLog));
      log.println("oci: " + arch + ": " + image.reference() + " is " + image.manifest());
      Optional<String> pushed =
          Optional.ofNullable(out.options().get("push")).map(p -> p.replace("%{arch}", arch));
      if (pushed.isPresent()) {
        log.println("oci: " + arch + ": skopeo copy to " + pushed.get());
        Skopeo.copy(image, pushed.get(), tlsVerify, new ToolLog(archLog, "oci"));
      }
      boolean archive = format == OciFormat.OCI_ARCHIVE;
      c.images.add(
          new Image(
              ComposeMetadata.VARIANT,
              arch,
              c.layout.compose().relativize(output).toString(),
              image.size(),
              image.sha256(),
              archive ? "ociarchive" : "oci-dir",
              archive ? "ociarchive" : "oci",
              Files.getLastModifiedTime(output).toMillis() / 1000));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("arch", arch);
      m.put("commit", commit.get("commit"));
      m.put("ref", commit.get("ref"));
      m.put("format", format.key());
      m.put("path", c.layout.compose().relativize(output).toString());
      m.put("tag", tag);
      m.put("reference", image.reference());
      m.put("manifest_digest", image.manifest());
      m.put("config_digest", image.config());
      m.put("layer_digest", image.layer());
      m.put("diff_id", image.diffId());
      m.put("size", image.size());
      m.put("created", created.toString());
      m.put("pushed_to", pushed.orElse(null));
      byArch.put(arch, m);
      list.add(m);
    }
    c.extra.put("oci", list);
    ComposeMetadata.write(
        c.layout.metadata().resolve("oci.json"), ComposeMetadata.oci(c.header, byArch));
  }
}
