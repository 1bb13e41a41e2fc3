package org.debforge.compose.ostree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;

/** A request is refused before any copy when a field is one ostree would reject later. */
class OstreeRequestTest {
  static final String SUM = "a".repeat(64);

  @Test
  void theCommitCommandCarriesVersionMetadataAndParent() {
    OstreeRequest r =
        request("debian/12/x86_64/minimal", Optional.of(SUM), Map.of("b", "2", "a", "1"));
    assertThat(OstreeCommitter.commitCommand(Path.of("/r"), Path.of("/t"), r, true))
        .containsExactly(
            "ostree",
            "--repo=/r",
            "commit",
            "--orphan",
            "--tree=dir=/t",
            "--bind-ref=debian/12/x86_64/minimal",
            "--subject=debian/12/x86_64/minimal 12.1",
            "--add-metadata-string=version=12.1",
            "--add-metadata-string=a=1",
            "--add-metadata-string=b=2",
            "--parent=" + SUM,
            "--bootable");
    assertThat(
            OstreeCommitter.commitCommand(
                Path.of("/r"), Path.of("/t"), request("x", Optional.empty(), Map.of()), false))
        .contains("--parent=none")
        .doesNotContain("--bootable");
  }

  @Test
  void aParentMustBeAChecksumNotARef() {
    assertRefused(() -> request("x", Optional.of("debian/12"), Map.of()), "parent 'debian/12'");
  }

  @Test
  void aRefMustBeValid() {
    assertRefused(() -> request("debian//12", Optional.empty(), Map.of()), "ref 'debian//12'");
    assertRefused(() -> request("a b", Optional.empty(), Map.of()), "ref 'a b'");
  }

  @Test
  void versionIsNotAMetadataKeyAndValuesFitOneArgument() {
    assertRefused(() -> request("x", Optional.empty(), Map.of("version", "1")), "key 'version'");
    assertRefused(
        () -> request("x", Optional.empty(), Map.of("debforge.lock", "x".repeat(140_000))),
        "metadata debforge.lock is ");
  }

  private static OstreeRequest request(String ref, Optional<String> parent, Map<String, String> m) {
    return new OstreeRequest(
        Path.of("/rootfs"), Path.of("/r"), ref, "12.1", parent, m, Path.of("/w"), Path.of("/l"));
  }

  private static void assertRefused(Runnable r, String message) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            DebforgeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining(message);
  }
}
