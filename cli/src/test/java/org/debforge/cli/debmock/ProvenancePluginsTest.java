package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.debforge.core.pgp.KeyGenerator;
import org.debforge.core.pgp.SigningKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provenance plugins in real builds of a tiny package that build-depends on bc (not in the base
 * root): buildroot_lock.json lists bc with the sha256 of the .deb apt fetched, sign's output passes
 * gpgv and dscverify, export_buildroot_image's archive is read by skopeo and unpacked by umoci, and
 * --hermetic-build rebuilds offline from the lock, or fails before building naming what is missing.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class ProvenancePluginsTest {
  @TempDir Path dir;

  static String run(Path cwd, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    return out;
  }

  static String sha256(Path f) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }

  @Test
  void lockSignImageAndHermeticRebuild() throws Exception {
    SigningKey key = KeyGenerator.generate("deb-mock sign test <sign@example.org>", null);
    Path secret = dir.resolve("secret.asc");
    Files.write(secret, key.encodeSecret(true));
    Path keyring = dir.resolve("pub.gpg");
    Files.write(keyring, key.encodePublic(false));
    Path dsc = TinySource.make(dir, "dmprov", "bc --version >/dev/null", "bc");

    Path out = dir.resolve("out");
    var o =
        DebMockBuildTest.debMock(
            out,
            "--rebuild",
            dsc.toString(),
            "--enable-plugin=sign",
            "--plugin-option",
            "sign:key_file=" + secret,
            "--enable-plugin=export_buildroot_image");
    assertThat(o.code()).as(o.err()).isZero();

    // buildroot_lock: bc was installed for the build, from the shared archive, as locked.
    JsonNode lock = new ObjectMapper().readTree(out.resolve("buildroot_lock.json").toFile());
    assertThat(lock.get("schema_version").asInt()).isEqualTo(1);
    assertThat(lock.get("config").get("name").asText()).isEqualTo("bookworm-amd64");
    JsonNode bc = null;
    JsonNode dpkg = null;
    for (JsonNode p : lock.get("packages")) {
      if (p.get("name").asText().equals("bc")) {
        bc = p;
      } else if (p.get("name").asText().equals("dpkg")) {
        dpkg = p;
      }
    }
    assertThat(bc).isNotNull();
    assertThat(bc.get("in_base_root").asBoolean()).isFalse();
    assertThat(dpkg.get("in_base_root").asBoolean()).isTrue();
    Path bcDeb =
        Path.of(
            "/var/cache/deb-mock/apt-archives/bookworm-amd64",
            "bc_" + bc.get("version").asText().replace(":", "%3a") + "_amd64.deb");
    assertThat(sha256(bcDeb)).isEqualTo(bc.get("sha256").asText());

    // sign: the real consumers accept the signatures and the rewritten checksums.
    Path changes = out.resolve("dmprov_1.0_amd64.changes");
    run(out, "gpgv", "--keyring", keyring.toString(), changes.toString());
    run(out, "gpgv", "--keyring", keyring.toString(), "dmprov_1.0_amd64.buildinfo");
    run(
        out,
        "dscverify",
        "--no-conf",
        "--no-default-keyrings",
        "--keyring",
        keyring.toString(),
        changes.toString());
    assertThat(o.result().get("artifacts").findValuesAsText("sha256")).contains(sha256(changes));

    // export_buildroot_image: skopeo reads the archive, umoci unpacks a root with the build tools.
    Path image = out.resolve("buildroot.oci.tar");
    String inspect = run(dir, "skopeo", "inspect", "oci-archive:" + image);
    assertThat(new ObjectMapper().readTree(inspect).get("Architecture").asText())
        .isEqualTo("amd64");
    run(dir, "skopeo", "copy", "oci-archive:" + image, "oci:" + dir.resolve("layout") + ":latest");
    run(dir, "umoci", "unpack", "--image", dir.resolve("layout") + ":latest", "bundle");
    assertThat(dir.resolve("bundle/rootfs/usr/bin/dpkg-buildpackage")).isRegularFile();
    assertThat(dir.resolve("bundle/rootfs/usr/bin/bc")).isRegularFile();
    assertThat(dir.resolve("bundle/rootfs/build")).isEmptyDirectory();

    // --hermetic-build: offline, from the archive, without the deps layer (apt installs the .debs).
    Path again = dir.resolve("again");
    var h =
        DebMockBuildTest.debMock(
            again,
            "--rebuild",
            dsc.toString(),
            "--hermetic-build",
            out.resolve("buildroot_lock.json").toString(),
            "--disable-plugin=deps_cache");
    assertThat(h.code()).as(h.err()).isZero();
    assertThat(h.result().get("phases").findValuesAsText("name"))
        .contains("verify buildroot lock", "install build dependencies")
        .doesNotContain("resolve build dependencies");
    assertThat(again.resolve("root.log")).content().contains("--no-download");
    assertThat(new ObjectMapper().readTree(again.resolve("buildroot_lock.json").toFile()))
        .isEqualTo(lock);

    // A lock naming a .deb that is not in the archive fails before building, exit 30.
    Path bad = dir.resolve("bad-lock.json");
    Files.writeString(
        bad,
        Files.readString(out.resolve("buildroot_lock.json"))
            .replace("\"" + bc.get("version").asText() + "\"", "\"9.9-9\""));
    var f =
        DebMockBuildTest.debMock(
            dir.resolve("bad"), "--rebuild", dsc.toString(), "--hermetic-build", bad.toString());
    assertThat(f.code()).isEqualTo(30);
    assertThat(f.err()).contains("bc 9.9-9 amd64: missing").contains("1 package(s)");
    assertThat(f.result().get("phases").findValuesAsText("name")).doesNotContain("build");
  }
}
