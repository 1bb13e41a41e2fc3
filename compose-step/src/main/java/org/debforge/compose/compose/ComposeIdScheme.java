package org.debforge.compose.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.debforge.compose.blueprint.Blueprint;

/**
 * Picks a new compose's id and respin. The blueprint's VersionScheme (written by the blueprint's
 * developer) plugs in here; {@link #PUNGI} is Pungi's own rule until then.
 */
@FunctionalInterface
public interface ComposeIdScheme {
  /** The id and respin of a new compose in {@code target}, whose folders must not exist yet. */
  Id next(Blueprint blueprint, Path target, LocalDate date);

  /** A compose id and its respin number. */
  record Id(String id, int respin) {}

  /**
   * Pungi's {@code NAME-VERSION-YYYYMMDD.N}, N the first respin whose folder does not exist, so a
   * compose killed half-way is never reused: the rerun gets the next respin. A version holding
   * {@code %{n}} is expanded instead ({@code %{date}} too); one with {@code %{date}} only gets
   * {@code .N} after it.
   */
  ComposeIdScheme PUNGI =
      (bp, target, date) -> {
        String d = date.format(DateTimeFormatter.BASIC_ISO_DATE);
        String v = bp.version();
        for (int n = 0; ; n++) {
          String id;
          if (v.contains("%{n}")) {
            id = bp.name() + "-" + v.replace("%{date}", d).replace("%{n}", Integer.toString(n));
          } else if (v.contains("%{date}")) {
            id = bp.name() + "-" + v.replace("%{date}", d) + "." + n;
          } else {
            id = bp.name() + "-" + v + "-" + d + "." + n;
          }
          if (!Files.exists(target.resolve(id), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return new Id(id, n);
          }
        }
      };
}
