package org.debforge.debmock.build.orig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.debforge.debmock.build.orig.GbpRepo.write;

import java.nio.file.Path;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GbpConfTest {
  @TempDir Path tree;

  @Test
  void noFileIsGbpsDefaults() {
    GbpConf c = GbpConf.read(tree);
    assertThat(c.upstreamTag()).isEqualTo("upstream/%(version)s");
    assertThat(c.pristineTar()).isNull();
    assertThat(c.compression()).isNull();
    assertThat(c.files()).isEmpty();
  }

  @Test
  void buildpackageBeatsDefaultAndDebianGbpConfBeatsTheTopOne() throws Exception {
    write(
        tree.resolve(".gbp.conf"), "[DEFAULT]\nupstream-tag = top/%(version)s\ncompression=bz2\n");
    write(
        tree.resolve("debian/gbp.conf"),
        "; comment\n[DEFAULT]\npristine-tar = yes\ntarball-dir = ../tarballs\n"
            + "[buildpackage]\nupstream-tag: v%(version)s\n[dch]\nupstream-tag = no/%(version)s\n");
    GbpConf c = GbpConf.read(tree);
    assertThat(c.upstreamTag()).isEqualTo("v%(version)s");
    assertThat(c.pristineTar()).isTrue();
    assertThat(c.compression()).isEqualTo("bzip2");
    assertThat(c.tarballDir()).isEqualTo("../tarballs");
    assertThat(c.files()).hasSize(2);
  }

  @Test
  void badValuesNameTheFileAndKey() throws Exception {
    write(tree.resolve("debian/gbp.conf"), "[DEFAULT]\ncompression = zip\n");
    assertThatThrownBy(() -> GbpConf.read(tree))
        .hasMessageContaining(tree.resolve("debian/gbp.conf") + ": error: key 'compression'")
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG));
    write(tree.resolve("debian/gbp.conf"), "pristine-tar = True\n");
    assertThatThrownBy(() -> GbpConf.read(tree)).hasMessageContaining("gbp.conf:1: error");
  }
}
