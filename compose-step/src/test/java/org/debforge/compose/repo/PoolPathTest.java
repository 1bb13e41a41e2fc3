package org.debforge.compose.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.debforge.compose.gather.Resolved;
import org.debforge.compose.lock.LockSource;
import org.debforge.compose.lock.LockedPackage;
import org.debforge.compose.pkgset.PackageSource;
import org.debforge.compose.source.AptRepository;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Paragraph;
import org.junit.jupiter.api.Test;

/** Where createrepo puts a .deb: Debian's pool layout, and never outside the pool. */
class PoolPathTest {
  static Resolved resolved(String name, String version, String arch, String source) {
    Paragraph p = Paragraph.of("Package", name, "Version", version, "Architecture", arch);
    if (source != null) {
      p.set("Source", source);
    }
    PackageSource s =
        new PackageSource(
            "debian",
            new AptRepository(Path.of("/r").toUri(), "bookworm", List.of("main"), Path.of("/k")),
            new LockSource("debian", "mirror", "file:/r", "bookworm", List.of("main"), null, null));
    return new Resolved(
        new LockedPackage(name, version, arch, "a".repeat(64), 1, "debian", "pool/x.deb"), p, s);
  }

  @Test
  void followsDebiansPoolLayout() {
    assertThat(ExactSetRepository.poolPath(resolved("hello", "2.10-3", "amd64", null)))
        .isEqualTo("pool/main/h/hello/hello_2.10-3_amd64.deb");
    assertThat(
            ExactSetRepository.poolPath(
                resolved("libssl3", "3.0.11-1~deb12u2", "amd64", "openssl")))
        .isEqualTo("pool/main/o/openssl/libssl3_3.0.11-1~deb12u2_amd64.deb");
    assertThat(ExactSetRepository.poolPath(resolved("libc6", "2.36-9", "amd64", "glibc (2.36-9)")))
        .isEqualTo("pool/main/g/glibc/libc6_2.36-9_amd64.deb");
    assertThat(ExactSetRepository.poolPath(resolved("libfoo1", "1:1.2-1", "amd64", "libfoo")))
        .isEqualTo("pool/main/libf/libfoo/libfoo1_1.2-1_amd64.deb");
  }

  @Test
  void refusesNamesThatWouldLeaveThePool() {
    for (Resolved r :
        List.of(
            resolved("x", "1", "amd64", "../../etc"),
            resolved("x", "1", "amd64/../..", null),
            resolved("x", "1/2", "amd64", null))) {
      assertThatThrownBy(() -> ExactSetRepository.poolPath(r))
          .isInstanceOfSatisfying(
              DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSAFE_INPUT));
    }
  }
}
