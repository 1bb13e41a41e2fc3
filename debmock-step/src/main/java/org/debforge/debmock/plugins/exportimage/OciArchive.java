package org.debforge.debmock.plugins.exportimage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a one-layer OCI image as an {@code oci-archive} (a tar of an OCI image layout: {@code
 * oci-layout}, {@code index.json}, {@code blobs/sha256/...}), as skopeo and umoci read it. The
 * layer is a root file system tar, gzipped here; its {@code diff_id} is the sha256 of the tar
 * itself and its digest that of the gzip, as the image spec requires.
 */
public final class OciArchive {
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  static final String INDEX = "application/vnd.oci.image.index.v1+json";

  private OciArchive() {}

  /** A blob written to the layout: its digest ({@code sha256:...}) and size. */
  record Blob(String digest, long size) {
    Map<String, Object> descriptor(String mediaType) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mediaType", mediaType);
      m.put("digest", digest);
      m.put("size", size);
      return m;
    }
  }

  /** The OCI (Go) architecture and variant of a Debian architecture. */
  static String[] platform(String debianArch) {
    return switch (debianArch) {
      case "i386" -> new String[] {"386", null};
      case "armhf" -> new String[] {"arm", "v7"};
      case "armel" -> new String[] {"arm", "v5"};
      case "ppc64el" -> new String[] {"ppc64le", null};
      case "mips64el" -> new String[] {"mips64le", null};
      default -> new String[] {debianArch, null};
    };
  }

  /**
   * @param rootTar the root file system as an uncompressed tar stream (read to its end)
   * @param created the image's creation time (RFC 3339)
   */
  public static void write(
      InputStream rootTar, String debianArch, String tag, String created, Path archive)
      throws IOException {
    Path blobs = Files.createTempDirectory(archive.getParent(), ".oci-");
    try {
      // The layer: gzip while hashing both the tar (diff_id) and the gzip (digest).
      MessageDigest diff = sha256();
      MessageDigest gz = sha256();
      Path layerTmp = blobs.resolve("layer");
      try (InputStream in = new DigestInputStream(rootTar, diff);
          OutputStream out =
              new FastGzip(new DigestOutputStream(Files.newOutputStream(layerTmp), gz))) {
        in.transferTo(out);
      }
      Blob layer = new Blob("sha256:" + hex(gz), Files.size(layerTmp));
      String diffId = "sha256:" + hex(diff);

      String[] p = platform(debianArch);
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("created", created);
      config.put("architecture", p[0]);
      if (p[1] != null) {
        config.put("variant", p[1]);
      }
      config.put("os", "linux");
      config.put(
          "config",
          Map.of(
              "Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
              "Cmd", List.of("/bin/bash")));
      config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId)));
      config.put(
          "history",
          List.of(Map.of("created", created, "created_by", "deb-mock export_buildroot_image")));
      byte[] configJson = json(config);
      Blob configBlob = blob(configJson);

      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("schemaVersion", 2);
      manifest.put("mediaType", MANIFEST);
      manifest.put("config", configBlob.descriptor(CONFIG));
      manifest.put("layers", List.of(layer.descriptor(LAYER)));
      byte[] manifestJson = json(manifest);
      Blob manifestBlob = blob(manifestJson);

      Map<String, Object> desc = manifestBlob.descriptor(MANIFEST);
      Map<String, Object> plat = new LinkedHashMap<>();
      plat.put("architecture", p[0]);
      plat.put("os", "linux");
      if (p[1] != null) {
        plat.put("variant", p[1]);
      }
      desc.put("platform", plat);
      desc.put("annotations", Map.of("org.opencontainers.image.ref.name", tag));
      Map<String, Object> index = new LinkedHashMap<>();
      index.put("schemaVersion", 2);
      index.put("mediaType", INDEX);
      index.put("manifests", List.of(desc));

      Path tmp = archive.resolveSibling("." + archive.getFileName() + ".tmp");
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(tmp))) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        directory(tar, "blobs/");
        directory(tar, "blobs/sha256/");
        file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
        file(tar, "index.json", json(index));
        file(tar, blobPath(configBlob), configJson);
        file(tar, blobPath(manifestBlob), manifestJson);
        TarArchiveEntry e = new TarArchiveEntry(blobPath(layer));
        e.setSize(layer.size());
        e.setMode(0644);
        tar.putArchiveEntry(e);
        Files.copy(layerTmp, tar);
        tar.closeArchiveEntry();
      }
      Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      try (var s = Files.list(blobs)) {
        for (Path f : s.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(blobs);
    }
  }

  private static String blobPath(Blob b) {
    return "blobs/sha256/" + b.digest().substring("sha256:".length());
  }

  private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(040755);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] data)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(data.length);
    e.setMode(0644);
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  private static Blob blob(byte[] data) {
    MessageDigest d = sha256();
    d.update(data);
    return new Blob("sha256:" + hex(d), data.length);
  }

  private static byte[] json(Object o) throws IOException {
    return new ObjectMapper().writeValueAsBytes(o);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(MessageDigest d) {
    return HexFormat.of().formatHex(d.digest());
  }

  /** gzip at the fastest level: a root is hundreds of MB and this runs in every exporting build. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
