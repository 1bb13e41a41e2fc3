package org.debforge.compose.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.BlueprintLoader;
import org.debforge.compose.compose.ComposeOptions;
import org.debforge.compose.compose.Composer;
import org.debforge.compose.lock.LockedPackage;
import org.debforge.compose.phase.ComposeStatus;
import org.debforge.compose.phase.PhaseRecord;
import org.debforge.compose.testing.TestArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's proof: the minimal bookworm blueprint (systemd, a kernel, dracut, ostree-boot) from
 * the host's mirror composed with outputs ostree + image, and the test phase boots the qcow2 disk
 * under QEMU TCG with OVMF to the marker a unit of the blueprint prints. What that unit printed on
 * the serial console before the marker is checked here: /run/ostree-booted, a read-only /usr, the
 * booted deployment marked in {@code ostree admin status}, dpkg's package list equal to the lock,
 * no failed unit. The .debs are cached under $XDG_CACHE_HOME between runs.
 */
@Tag("network")
@Tag("slow")
@Tag("root")
class BookwormImageBootTest {
  private static final Pattern PKG = Pattern.compile("DEBFORGE-PKG (\\S+) (\\S+) (\\S+)");

  @TempDir Path tmp;

  @Test
  void theMinimalBookwormImageBootsToTheMarker() throws Exception {
    long start = System.nanoTime();
    Path bp = tmp.resolve("bp");
    Files.createDirectories(bp);
    for (String f : List.of("boot-test.yaml", "boot-check.sh", "boot-check.service")) {
      try (InputStream in = getClass().getResourceAsStream(f)) {
        Files.copy(in, bp.resolve(f));
      }
    }
    Blueprint blueprint = BlueprintLoader.load(bp.resolve("boot-test.yaml"));
    Path target = tmp.resolve("composes");
    Composer.Result r =
        new Composer(
                ComposeOptions.into(target, System.getenv())
                    .withSigningKey(TestArchive.composeKey()))
            .compose(blueprint);
    double wall = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "bookworm image boot: %.0f s in all; phases %s%n",
        wall, r.phases().stream().map(p -> p.name() + "=" + p.seconds() + "s").toList());
    Path top = r.layout().topdir();
    Path serial = top.resolve("logs/test.amd64.serial.log");
    String console =
        Files.exists(serial)
            ? new String(Files.readAllBytes(serial), StandardCharsets.ISO_8859_1)
            : "(no serial log)";
    keep(top);

    assertThat(r.status()).as(r.reason() + "\n" + tail(console)).isEqualTo(ComposeStatus.FINISHED);
    assertThat(r.phases())
        .extracting(PhaseRecord::name)
        .containsSubsequence("rootfs", "ostree", "image", "test", "repoclosure", "metadata");
    assertThat(target.resolve("latest-boot-test")).exists();

    // images.json: the raw and qcow2 disks, bootable, with their true size and SHA-256.
    ObjectMapper json = new ObjectMapper();
    JsonNode images = json.readTree(top.resolve("metadata/images.json").toFile());
    List<String> types = new ArrayList<>();
    for (JsonNode im : images.at("/payload/images/Everything/amd64")) {
      if (!im.get("bootable").asBoolean()) {
        continue;
      }
      types.add(im.get("type").asText());
      Path file = r.layout().compose().resolve(im.get("path").asText());
      assertThat(im.get("size").asLong()).isEqualTo(Files.size(file));
      assertThat(im.at("/checksums/sha256").asText()).isEqualTo(DiskImageBuilder.sha256(file));
    }
    assertThat(types).containsExactlyInAnyOrder("raw", "qcow2");

    JsonNode test = json.readTree(top.resolve("metadata/test.json").toFile());
    JsonNode amd64 = test.at("/payload/test/Everything/amd64");
    assertThat(amd64.get("passed").asBoolean()).isTrue();
    double boot = amd64.get("seconds").asDouble();
    System.out.printf("bookworm image boot: booted to the marker in %.1f s%n", boot);
    assertThat(boot).isLessThan(600);
    assertThat(Files.readString(top.resolve("logs/test-results.xml")))
        .contains("tests=\"1\" failures=\"0\"");

    // What the blueprint's unit printed at the end of boot.
    assertThat(console).contains("DEBFORGE-CHECK ostree-booted=yes");
    assertThat(console).contains("DEBFORGE-CHECK usr-read-only=yes");
    String commit =
        json.readTree(top.resolve("metadata/ostree.json").toFile())
            .at("/payload/ostree/Everything/amd64/commit")
            .asText();
    assertThat(console).containsPattern("DEBFORGE-STATUS \\* debian " + commit + "\\.0");
    String failed =
        console.substring(
            console.indexOf("failed-units-begin"), console.indexOf("failed-units-end"));
    assertThat(failed).as("failed units").doesNotContain("DEBFORGE-FAILED");
    Set<String> dpkg = new TreeSet<>();
    Matcher m = PKG.matcher(console);
    while (m.find()) {
      dpkg.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
    }
    Set<String> lock = new TreeSet<>();
    for (LockedPackage p : r.lock().packages()) {
      lock.add(p.name() + " " + p.version() + " " + p.arch());
    }
    assertThat(dpkg).isEqualTo(lock);
    System.out.printf(
        "bookworm image boot: %d packages, whole test %.0f s%n",
        lock.size(), (System.nanoTime() - start) / 1e9);
  }

  /** The logs and metadata kept under target/ for reading the figures after a run. */
  private static void keep(Path top) throws Exception {
    Path keep = Path.of("target/image-boot").toAbsolutePath();
    Files.createDirectories(keep);
    for (String dir : List.of("logs", "metadata")) {
      try (var s = Files.list(top.resolve(dir))) {
        for (Path f : s.toList()) {
          Files.copy(
              f, keep.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static String tail(String console) {
    return console.substring(Math.max(0, console.length() - 4000));
  }
}
