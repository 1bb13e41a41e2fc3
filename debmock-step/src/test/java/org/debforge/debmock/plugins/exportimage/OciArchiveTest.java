package org.debforge.debmock.plugins.exportimage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oci-archive deb-mock writes is read by the real consumers: skopeo inspects it (architecture
 * in OCI spelling) and copies it to an OCI layout, which umoci unpacks into a root file system with
 * the files, modes and symlinks of the tar. The build-time export is tested in
 * ProvenancePluginsTest (dist).
 */
class OciArchiveTest {
  @TempDir Path dir;

  static byte[] rootTar() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (String d : List.of("./", "./usr/", "./usr/bin/", "./build/")) {
        TarArchiveEntry e = new TarArchiveEntry(d);
        e.setMode(040755);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      }
      byte[] script = "#!/bin/sh\necho dpkg-buildpackage\n".getBytes();
      TarArchiveEntry f = new TarArchiveEntry("./usr/bin/dpkg-buildpackage");
      f.setMode(0100755);
      f.setSize(script.length);
      tar.putArchiveEntry(f);
      tar.write(script);
      tar.closeArchiveEntry();
      TarArchiveEntry l = new TarArchiveEntry("./usr/bin/dpkg-bp", TarArchiveEntry.LF_SYMLINK);
      l.setLinkName("dpkg-buildpackage");
      tar.putArchiveEntry(l);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  static String run(Path cwd, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    return out;
  }

  @Test
  void skopeoAndUmociReadTheArchive() throws Exception {
    Path archive = dir.resolve("root.oci.tar");
    OciArchive.write(
        new ByteArrayInputStream(rootTar()), "amd64", "latest", "2026-11-24T12:00:00Z", archive);
    JsonNode inspect =
        new ObjectMapper().readTree(run(dir, "skopeo", "inspect", "oci-archive:" + archive));
    assertThat(inspect.get("Architecture").asText()).isEqualTo("amd64");
    assertThat(inspect.get("Os").asText()).isEqualTo("linux");
    assertThat(inspect.get("Layers")).hasSize(1);
    run(
        dir,
        "skopeo",
        "copy",
        "oci-archive:" + archive,
        "oci:" + dir.resolve("layout") + ":latest");
    run(dir, "umoci", "unpack", "--rootless", "--image", dir.resolve("layout") + ":latest", "b");
    Path bin = dir.resolve("b/rootfs/usr/bin");
    assertThat(bin.resolve("dpkg-buildpackage")).isExecutable().content().contains("echo");
    assertThat(Files.readSymbolicLink(bin.resolve("dpkg-bp"))).hasToString("dpkg-buildpackage");
    // No temporary files are left beside the archive.
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain(".root.oci.tar.tmp");
    }
  }

  @Test
  void debianArchitecturesGetOciNames() throws Exception {
    Path archive = dir.resolve("i386.oci.tar");
    OciArchive.write(
        new ByteArrayInputStream(rootTar()), "i386", "latest", "2026-11-24T12:00:00Z", archive);
    JsonNode inspect =
        new ObjectMapper()
            .readTree(
                run(dir, "skopeo", "inspect", "--override-arch", "386", "oci-archive:" + archive));
    assertThat(inspect.get("Architecture").asText()).isEqualTo("386");
    assertThat(OciArchive.platform("armhf")).containsExactly("arm", "v7");
    assertThat(OciArchive.platform("ppc64el")).containsExactly("ppc64le", null);
  }
}
