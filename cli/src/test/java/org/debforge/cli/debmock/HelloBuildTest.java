package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.mirror.HostMirror;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deb-mock builds Debian's own hello 2.10-3 from bookworm, and the .deb has the same file list as
 * the hello_2.10-3_amd64.deb Debian's buildd made. Several minutes on a loaded machine.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class HelloBuildTest {
  static final Path CACHE = Path.of("target/debian-cache/hello");
  @TempDir Path out;

  static Path fetch(String name) throws Exception {
    Path f = CACHE.resolve(name);
    if (!Files.exists(f)) {
      Files.createDirectories(CACHE);
      try (var in =
          URI.create(HostMirror.detect() + "/pool/main/h/hello/" + name).toURL().openStream()) {
        Files.copy(in, f);
      }
    }
    return f;
  }

  static List<String> fileList(Path deb) throws Exception {
    Process p = new ProcessBuilder("dpkg-deb", "-c", deb.toString()).start();
    // permissions and path; owner and dates are the builder's business
    return new String(p.getInputStream().readAllBytes())
        .lines()
        .map(l -> l.split("\\s+")[0] + " " + l.split("\\s+", 6)[5])
        .toList();
  }

  @Test
  void helloBuildsWithDebiansFileList() throws Exception {
    for (String f :
        List.of(
            "hello_2.10.orig.tar.gz", "hello_2.10.orig.tar.gz.asc", "hello_2.10-3.debian.tar.xz")) {
      fetch(f);
    }
    Path dsc = fetch("hello_2.10-3.dsc");
    Path debian = fetch("hello_2.10-3_amd64.deb");
    var o = DebMockBuildTest.debMock(out, "--rebuild", dsc.toString());
    assertThat(o.code()).as(o.err()).isZero();
    Path ours = out.resolve("hello_2.10-3_amd64.deb");
    assertThat(fileList(ours)).isNotEmpty().isEqualTo(fileList(debian));
    assertThat(o.result().get("status").asText()).isEqualTo("succeeded");
  }
}
