package org.debforge.debmock.chroot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.debforge.core.control.Deb822;
import org.debforge.core.mirror.HostMirror;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Date read from InRelease's head (a range request) is the one in the whole file. */
class MirrorStateTest {
  @Test
  @Tag("network")
  void headOfInReleaseGivesTheSameDateAsTheWholeFile() throws Exception {
    String mirror = HostMirror.detect().toString();
    String whole;
    try (var in = URI.create(mirror + "/dists/bookworm/InRelease").toURL().openStream()) {
      whole = new String(in.readAllBytes());
    }
    String date =
        Deb822.parseOne(Deb822.unwrapClearsigned(whole, "InRelease").text(), "InRelease")
            .require("Date");
    assertThat(MirrorState.releaseDate(mirror, "bookworm")).isEqualTo(date);
  }

  @Test
  void armorHeaderIsNeverTakenForTheReleaseParagraph() throws Exception {
    String head =
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: Debian\n"
            + "Date: Sat, 11 Jul 2026 10:16:37 UTC\nValid-Until: never\n";
    assertThat(MirrorState.headerOf(head)).startsWith("Origin: Debian").contains("Date: Sat");
    assertThat(MirrorState.headerOf("Origin: Debian\nDate: x\n\nMore: y\n"))
        .isEqualTo("Origin: Debian\nDate: x");
  }
}
