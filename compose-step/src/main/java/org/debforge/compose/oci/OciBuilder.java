package org.debforge.compose.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Makes a bootc image from an OSTree commit: the commit checked out, {@code /usr/etc} moved back to
 * {@code /etc} (bootc wants the configuration where a container has it; it moves it again when it
 * deploys), bootc's fatal lints run, then one layer and the OCI documents written as an image
 * layout, or as an {@code oci-archive} tar of one. Nothing is left at the output path unless the
 * whole image is there: it is made beside it and renamed.
 */
public final class OciBuilder {
  private static final Map<String, String> ENV =
      Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8");

  /** The labels every image gets: bootc's marker, and ostree's for a tree with a kernel. */
  public static final Map<String, String> BOOTC_LABELS =
      Map.of("containers.bootc", "1", "ostree.bootable", "1");

  public OciImage build(OciRequest r) {
    requireRoot();
    ToolLog log = new ToolLog(r.log(), "oci");
    if (Files.exists(r.output(), LinkOption.NOFOLLOW_LINKS)) {
      throw new DebforgeException(
          ErrorKind.CONFLICT,
          "oci: " + r.output() + " exists already",
          "an image is written once; remove it or write another");
    }
    Path scratch = null;
    Path partial = null;
    try {
      Files.createDirectories(r.work());
      Files.createDirectories(r.output().toAbsolutePath().getParent());
      scratch = Files.createTempDirectory(r.work(), ".oci-");
      Path tree = scratch.resolve("tree");
      checkout(r, tree, log);
      etcToTop(tree);
      BootcLint.require(tree);
      log.line("oci: bootc lint passed (" + String.join(", ", BootcLint.CHECKS) + ")");
      Path layout;
      if (r.format() == OciFormat.OCI_DIR) {
        partial = sibling(r.output(), ".part");
        Files.delete(partial);
        layout = partial;
      } else {
        layout = scratch.resolve("layout");
      }
      Files.createDirectories(layout);
      Written w = writeLayout(r, tree, layout, log);
      long size;
      if (r.format() == OciFormat.OCI_DIR) {
        Files.move(partial, r.output(), StandardCopyOption.ATOMIC_MOVE);
        size = sizeOf(r.output());
      } else {
        partial = sibling(r.output(), ".part");
        archive(layout, partial, r, log);
        Files.move(partial, r.output(), StandardCopyOption.ATOMIC_MOVE);
        size = Files.size(r.output());
      }
      partial = null;
      String sha = r.format() == OciFormat.OCI_DIR ? w.manifest.hex() : OciFiles.sha256(r.output());
      log.line("oci: " + r.format().reference(r.output(), r.tag()) + " is " + w.manifest.digest());
      return new OciImage(
          r.output(),
          r.format(),
          r.tag(),
          r.format().reference(r.output(), r.tag()),
          w.manifest.digest(),
          w.config.digest(),
          w.layer.blob().digest(),
          w.layer.diffId(),
          size,
          sha);
    } catch (IOException | UncheckedIOException e) {
      log.line("==> oci failed: " + e);
      throw new DebforgeException(ErrorKind.IO, "oci: " + e, "see " + log.file(), e);
    } finally {
      try {
        OciFiles.delete(partial);
        OciFiles.delete(scratch);
      } catch (IOException e) {
        log.line("oci: could not remove scratch: " + e);
      }
    }
  }

  private record Written(Blobs.Blob manifest, Blobs.Blob config, Layer.Written layer) {}

  private static Written writeLayout(OciRequest r, Path tree, Path layout, ToolLog log)
      throws IOException {
    Platform platform = Platform.of(r.arch());
    Blobs blobs = new Blobs(layout);
    Layer.Written layer = Layer.write(tree, r.created(), blobs, log);
    Map<String, String> labels = new LinkedHashMap<>(r.labels());
    labels.putAll(BOOTC_LABELS);
    labels.put("org.debforge.ostree.commit", r.commit());
    Blobs.Blob config =
        blobs.put(
            ImageDocuments.bytes(
                ImageDocuments.config(
                    platform,
                    r.created(),
                    labels,
                    layer.diffId(),
                    "tumbi-assembler oci: ostree commit " + r.commit())));
    Map<String, String> annotations = new LinkedHashMap<>();
    labels.forEach(
        (k, v) -> {
          if (k.startsWith("org.opencontainers.image.")) {
            annotations.put(k, v);
          }
        });
    annotations.put("org.opencontainers.image.created", r.created().toString());
    Blobs.Blob manifest =
        blobs.put(ImageDocuments.bytes(ImageDocuments.manifest(config, layer.blob(), annotations)));
    OciFiles.write(
        layout.resolve("index.json"),
        ImageDocuments.bytes(ImageDocuments.index(manifest, platform, r.tag())));
    OciFiles.write(
        layout.resolve("oci-layout"), ImageDocuments.bytes(ImageDocuments.layoutMarker()));
    return new Written(manifest, config, layer);
  }

  private static void checkout(OciRequest r, Path tree, ToolLog log) {
    List<String> c =
        List.of(
            "ostree",
            "--repo=" + r.repo().toAbsolutePath(),
            "checkout",
            r.commit(),
            tree.toString());
    if (log.run(c, ENV) != 0) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "oci: cannot check out commit "
              + r.commit()
              + " of "
              + r.repo()
              + "; see "
              + log.file()
              + log.tail(),
          "the commit is the ostree phase's, in the ostree output's repository");
    }
  }

  /** bootc's layout: the configuration at /etc, none at /usr/etc. */
  static void etcToTop(Path tree) throws IOException {
    Path usrEtc = tree.resolve("usr/etc");
    Path etc = tree.resolve("etc");
    if (Files.isDirectory(usrEtc, LinkOption.NOFOLLOW_LINKS)
        && !Files.exists(etc, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(usrEtc, etc);
    }
  }

  /** The layout folder as one tar, as reproducible as the layer: fixed names, owner and mtime. */
  private static void archive(Path layout, Path file, OciRequest r, ToolLog log) {
    List<String> c =
        new ArrayList<>(
            List.of(
                "tar",
                "--create",
                "--format=posix",
                "--sort=name",
                "--owner=0",
                "--group=0",
                "--numeric-owner",
                "--mtime=@" + r.created().getEpochSecond(),
                "--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime",
                "--directory",
                layout.toString(),
                "--file",
                file.toString(),
                "blobs",
                "index.json",
                "oci-layout"));
    if (log.run(c, ENV) != 0) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "oci: tar could not write " + file + "; see " + log.file() + log.tail(),
          "the log shows tar's complaint");
    }
  }

  /** A free name beside {@code p}, made as an empty file so no one else takes it. */
  private static Path sibling(Path p, String suffix) throws IOException {
    return Files.createTempFile(
        p.toAbsolutePath().getParent(), "." + p.getFileName() + "-", suffix);
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      long n = 0;
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          n += Files.size(p);
        }
      }
      return n;
    }
  }

  private static void requireRoot() {
    boolean root;
    try {
      root = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    } catch (IOException | UnsupportedOperationException e) {
      root = false;
    }
    if (!root) {
      throw new DebforgeException(
          ErrorKind.COMPOSE_FAILED,
          "oci: needs root (the checkout and the layer must keep every file's owner)",
          "run tumbi-assembler compose as root, as CI does");
    }
  }
}
