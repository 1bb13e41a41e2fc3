package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.debforge.cli.debmock.HelloBuildTest.fetch;
import static org.debforge.cli.debmock.HelloBuildTest.fileList;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 part 4: Debian's hello 2.10-3 cross-built for arm64 on amd64 ({@code --host-arch arm64},
 * as sbuild --host): the .deb is arm64's and holds the same files as the one Debian's arm64 buildd
 * made. Minutes: the cross toolchain is installed in the build root.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class HelloCrossBuildTest {
  @TempDir Path out;

  @Test
  void helloCrossBuildsForArm64WithDebiansFileList() throws Exception {
    for (String f :
        List.of(
            "hello_2.10.orig.tar.gz", "hello_2.10.orig.tar.gz.asc", "hello_2.10-3.debian.tar.xz")) {
      fetch(f);
    }
    Path dsc = fetch("hello_2.10-3.dsc");
    Path debian = fetch("hello_2.10-3_arm64.deb");

    var o = DebMockBuildTest.debMock(out, "--host-arch", "arm64", "--rebuild", dsc.toString());

    assertThat(o.code())
        .as(() -> o.err() + tail(out.resolve("root.log")) + tail(out.resolve("build.log")))
        .isZero();
    Path ours = out.resolve("hello_2.10-3_arm64.deb");
    Process p = new ProcessBuilder("dpkg-deb", "-f", ours.toString(), "Architecture").start();
    assertThat(new String(p.getInputStream().readAllBytes()).strip()).isEqualTo("arm64");
    assertThat(fileList(ours)).isNotEmpty().isEqualTo(fileList(debian));
    assertThat(out.resolve("hello_2.10-3_arm64.changes")).isRegularFile();
    JsonNode build = o.result().get("build");
    assertThat(build.get("host_arch").asText()).isEqualTo("arm64");
    assertThat(build.get("profiles").toString()).isEqualTo("[\"cross\",\"nocheck\"]");
    assertThat(out.resolve("build.log")).content().contains("host architecture arm64");
  }

  private static String tail(Path log) {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (java.io.IOException e) {
      return "(no " + log + ")";
    }
  }
}
