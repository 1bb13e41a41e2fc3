package org.debforge.compose.compose;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.debforge.compose.blueprint.Blueprint;
import org.debforge.compose.blueprint.VersionScheme;

/** Picks a new compose's id and respin; a test may fix them. */
@FunctionalInterface
public interface ComposeIdScheme {
  /** The id and respin of a new compose in {@code target}, whose folders must not exist yet. */
  Id next(Blueprint blueprint, Path target, LocalDate date);

  /** A compose id and its respin number. */
  record Id(String id, int respin) {}

  /**
   * Pungi's {@code NAME-VERSION-YYYYMMDD.N} through the blueprint's {@link VersionScheme}: N is one
   * more than the highest respin of that day in {@code target}, so a compose killed half-way is
   * never reused (the rerun gets the next respin) and respins never go back.
   */
  ComposeIdScheme PUNGI =
      (bp, target, date) -> {
        Clock day = Clock.fixed(date.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
        VersionScheme.ComposeId id = bp.versionScheme().next(bp.name(), day, target);
        return new Id(id.toString(), id.respin());
      };
}
