package org.debforge.ostree.sysroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.junit.jupiter.api.Test;

class OriginTest {
  @Test
  void readsWhatOstreeWritesForAPlainDeployment() {
    Origin o = Origin.parse("[origin]\nrefspec=debian/12/x86_64/minimal\n", "a.origin");
    assertThat(o.refspec()).isEqualTo("debian/12/x86_64/minimal");
    assertThat(o.layered()).isFalse();
    assertThat(o.write()).isEqualTo("[origin]\nrefspec=debian/12/x86_64/minimal\n");
  }

  @Test
  void readsRpmOstreesLayeredOriginAndWritesItBackTheSame() {
    String text =
        "[origin]\n"
            + "baserefspec=debian:debian/12/x86_64/minimal\n"
            + "override-commit="
            + "a".repeat(64)
            + "\n\n[packages]\nrequested=hello;less;uuid-runtime;\n\n"
            + "[overrides]\nremove=nano;\n\n[rpmostree]\nregenerate-initramfs=true\n\n"
            + "[libostree-transient]\npinned=true\n\n[custom]\nkey=kept value\n";
    Origin o = Origin.parse(text, "b.origin");
    assertThat(o.refspec()).isEqualTo("debian:debian/12/x86_64/minimal");
    assertThat(o.overrideCommit()).contains("a".repeat(64));
    assertThat(o.requested()).containsExactly("hello", "less", "uuid-runtime");
    assertThat(o.removals()).containsExactly("nano");
    assertThat(o.regenerateInitramfs()).isTrue();
    assertThat(o.pinned()).isTrue();
    assertThat(o.others()).containsKey("custom");
    assertThat(o.write()).isEqualTo(text);
    assertThat(Origin.parse(o.write(), "again").write()).isEqualTo(text);
  }

  @Test
  void aLayerUsesBaserefspecSoPlainOstreeUpgradeRefusesIt() {
    Origin o = Origin.of("debian/12/x86_64/minimal").withRequested(List.of("hello", "hello"));
    assertThat(o.requested()).containsExactly("hello");
    assertThat(o.write())
        .isEqualTo(
            "[origin]\nbaserefspec=debian/12/x86_64/minimal\n\n[packages]\nrequested=hello;\n");
    assertThat(o.withRequested(List.of()).write()).startsWith("[origin]\nrefspec=");
  }

  @Test
  void aNewDeploymentIsNotPinned() {
    Origin o = Origin.parse("[origin]\nrefspec=r\n[libostree-transient]\npinned=true\n", "p");
    assertThat(o.unpinned().pinned()).isFalse();
    assertThat(o.unpinned().write()).isEqualTo("[origin]\nrefspec=r\n");
  }

  @Test
  void commentsBlankLinesEscapesAndTheLastRepeatedKeyAreGlibs() {
    Origin o =
        Origin.parse(
            "# made by hand\n\n[origin]\nrefspec = r1\nrefspec=r2\n[packages]\nrequested= a ;b;\n",
            "c");
    assertThat(o.refspec()).isEqualTo("r2");
    assertThat(o.requested()).containsExactly("a", "b");
    // "a;b" is one (invalid) item, so the whole list is refused, not silently split.
    assertThatThrownBy(
            () -> Origin.parse("[origin]\nrefspec=r\n[packages]\nrequested=a\\;b;\n", "d"))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("d: 'a;b' is not a package request");
  }

  @Test
  void hostileInputIsRefusedWithTheFileAndLine() {
    assertRefused(
        "[origin]\nrefspec=r\u0000\n",
        ErrorKind.UNSAFE_INPUT,
        "x.origin:2: control character U+0000");
    assertRefused(
        "refspec=r\n", ErrorKind.INVALID_INPUT, "x.origin:1: key 'refspec' before any [group]");
    assertRefused(
        "[origin\nrefspec=r\n",
        ErrorKind.INVALID_INPUT,
        "x.origin:1: '[origin' is not a [group] header");
    assertRefused(
        "[origin]\nref spec=r\n",
        ErrorKind.INVALID_INPUT,
        "x.origin:2: 'ref spec' is not a key name");
    assertRefused(
        "[origin]\njunk\n", ErrorKind.INVALID_INPUT, "x.origin:2: 'junk' is not key=value");
    assertRefused(
        "[origin]\nrefspec=r\\q\n", ErrorKind.INVALID_INPUT, "x.origin:2: unknown escape \\q");
    assertRefused(
        "[packages]\nrequested=a;\n",
        ErrorKind.INVALID_INPUT,
        "x.origin: [origin] refspec: missing");
    assertRefused(
        "[origin]\nrefspec=r\n[packages]\nrequested=../../etc;\n",
        ErrorKind.INVALID_INPUT,
        "'../../etc' is not a package request");
    assertRefused(
        "[origin]\nrefspec=r\n[packages]\nrequested=$(reboot);\n",
        ErrorKind.INVALID_INPUT,
        "is not a package request");
    assertRefused(
        "[origin]\nrefspec=r\noverride-commit=HEAD\n", ErrorKind.INVALID_INPUT, "not a checksum");
    assertRefused(
        "[origin]\nrefspec=r\n[rpmostree]\nregenerate-initramfs=yes\n",
        ErrorKind.INVALID_INPUT,
        "[rpmostree] regenerate-initramfs: 'yes' is not a boolean");
    assertRefused(
        "[origin]\nrefspec=r\n#" + "x".repeat(Origin.MAX_BYTES) + "\n",
        ErrorKind.UNSAFE_INPUT,
        "too large for an origin file");
    assertRefused("[origin]\nrefspec=a b\n", ErrorKind.INVALID_INPUT, "is not a ref");
  }

  @Test
  void writtenValuesCannotForgeALine() {
    Origin o =
        new Origin(
            "r",
            Optional.empty(),
            List.of(),
            List.of(),
            false,
            false,
            java.util.Map.of("custom", java.util.Map.of("note", "x\n[origin]\nrefspec=evil")));
    String text = o.write();
    assertThat(text).contains("note=x\\n[origin]\\nrefspec=evil");
    Origin back = Origin.parse(text, "e");
    assertThat(back.refspec()).isEqualTo("r");
    assertThat(back.others().get("custom").get("note")).isEqualTo("x\n[origin]\nrefspec=evil");
  }

  private static void assertRefused(String text, ErrorKind kind, String message) {
    assertThatThrownBy(() -> Origin.parse(text, "x.origin"))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((DebforgeException) e).kind()).isEqualTo(kind));
  }
}
