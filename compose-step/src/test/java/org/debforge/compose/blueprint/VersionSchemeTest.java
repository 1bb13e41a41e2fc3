package org.debforge.compose.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.debforge.compose.blueprint.VersionScheme.ComposeId;
import org.debforge.core.DebforgeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pungi's respin scheme and compose ids. */
class VersionSchemeTest {
  // 23:30 in New York on Dec 2 is Dec 3 in UTC: the date is UTC's whatever the clock's zone.
  static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-03T04:30:00Z"), ZoneId.of("America/New_York"));

  @TempDir Path tmp;

  @Test
  void firstComposeOfTheDayIsRespinZero() {
    ComposeId id = new VersionScheme("12.%{date}.%{n}").next("bookworm-minimal", CLOCK, List.of());
    assertThat(id.toString()).isEqualTo("bookworm-minimal-12.20261203.0-20261203.0");
    assertThat(id.version()).isEqualTo("12.20261203.0");
    assertThat(id.respin()).isZero();
  }

  @Test
  void respinIsOneMoreThanTheHighestOfThatNameVersionAndDay() {
    VersionScheme v = new VersionScheme("12");
    List<String> existing =
        List.of(
            "bookworm-minimal-12-20261203.0",
            "bookworm-minimal-12-20261203.2", // 1 was deleted: respins never go back
            "bookworm-minimal-12-20261202.7", // another day
            "bookworm-minimal-13-20261203.9", // another version
            "bookworm-12-20261203.5", // another name
            "latest-bookworm-minimal",
            "bookworm-minimal-12-20261303.4"); // not a date
    assertThat(v.next("bookworm-minimal", CLOCK, existing).toString())
        .isEqualTo("bookworm-minimal-12-20261203.3");
  }

  @Test
  void dateAndRespinInTheVersionMatchTheId() {
    VersionScheme v = new VersionScheme("%{date}.%{n}");
    assertThat(v.next("x", CLOCK, List.of("x-20261203.0-20261203.0")).toString())
        .isEqualTo("x-20261203.1-20261203.1");
  }

  @Test
  void readsAComposesFolder() throws Exception {
    Files.createDirectories(tmp.resolve("Debian-12-20261203.0"));
    Files.createDirectories(tmp.resolve("Debian-12-20261203.1"));
    VersionScheme v = new VersionScheme("12");
    assertThat(v.next("Debian", CLOCK, tmp).respin()).isEqualTo(2);
    assertThat(v.next("Debian", CLOCK, tmp.resolve("none")).respin()).isZero();
  }

  @Test
  void idsParseBack() {
    ComposeId id = new ComposeId("bookworm-minimal", "12.1", LocalDate.of(2026, 12, 3), 4);
    assertThat(ComposeId.parse(id.toString())).contains(id);
    assertThat(ComposeId.parse("Fedora-Rawhide-20261203.n.0")).isEqualTo(Optional.empty());
  }

  @Test
  void templatesAreChecked() {
    for (String bad : List.of("", "1-2", "%{month}", "1 2", "a/b", "%{date", "~1", "1%")) {
      assertThat(VersionScheme.check(bad)).as(bad).isNotNull();
    }
    for (String good : List.of("12", "12.%{date}.%{n}", "%{date}", "1.0~rc1", "Rawhide")) {
      assertThat(VersionScheme.check(good)).as(good).isNull();
    }
    assertThatThrownBy(() -> new VersionScheme("%{x}"))
        .isInstanceOf(DebforgeException.class)
        .hasMessageContaining("unknown placeholder %{x}");
  }
}
