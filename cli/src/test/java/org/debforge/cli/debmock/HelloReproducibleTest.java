package org.debforge.cli.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian builds hello 2.10-3 reproducibly; so must deb-mock: --verify-reproducible builds it, then
 * again hermetically from the first build's buildroot_lock.json in another build path, and the
 * .debs are byte-identical. Two builds of hello: minutes on a loaded machine.
 */
@Tag("root")
@Tag("network")
@Tag("slow")
class HelloReproducibleTest {
  @TempDir Path out;

  @Test
  void helloIsReproducibleAcrossBuildPaths() throws Exception {
    for (String f :
        List.of(
            "hello_2.10.orig.tar.gz", "hello_2.10.orig.tar.gz.asc", "hello_2.10-3.debian.tar.xz")) {
      HelloBuildTest.fetch(f);
    }
    Path dsc = HelloBuildTest.fetch("hello_2.10-3.dsc");
    var o = DebMockBuildTest.debMock(out, "--rebuild", dsc.toString(), "--verify-reproducible");
    assertThat(o.code()).as(o.err()).isZero();

    JsonNode report = new ObjectMapper().readTree(out.resolve("reproducible.json").toFile());
    assertThat(report.get("reproducible").asBoolean()).isTrue();
    assertThat(report.get("compared").toString()).contains("hello_2.10-3_amd64.deb");
    assertThat(report.get("differing")).isEmpty();
    // The two builds ran in different build paths, the second from the lock, offline.
    assertThat(out.resolve("build.log")).content().contains("in /build/hello-2.10 ");
    Path second = out.resolve("reproducible-2");
    assertThat(second.resolve("build.log")).content().contains("in /build/hello-2.10-2 ");
    assertThat(second.resolve("state.log")).content().contains("verify buildroot lock");

    JsonNode lock = new ObjectMapper().readTree(out.resolve("buildroot_lock.json").toFile());
    JsonNode debhelper = null;
    for (JsonNode p : lock.get("packages")) {
      if (p.get("name").asText().equals("debhelper")) {
        debhelper = p;
      }
    }
    assertThat(debhelper).isNotNull();
    assertThat(debhelper.get("in_base_root").asBoolean()).isFalse();
    assertThat(debhelper.get("sha256").asText()).hasSize(64);
  }
}
