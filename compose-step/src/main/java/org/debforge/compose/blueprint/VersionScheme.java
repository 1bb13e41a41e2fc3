package org.debforge.compose.blueprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Pungi's respin scheme. A blueprint's version may hold {@code %{date}} (the compose date, UTC,
 * YYYYMMDD) and {@code %{n}} (the respin: 0 for the first compose of the day, then 1, 2 ...), e.g.
 * {@code 12.%{date}.%{n}} gives {@code 12.20261203.0}.
 *
 * <p>The compose id is Pungi's production form {@code NAME-VERSION-DATE.RESPIN}, e.g. {@code
 * bookworm-minimal-12-20261203.0} (Pungi: {@code Fedora-39-20231103.0}; its nightly ids add a type,
 * {@code Fedora-Rawhide-20261203.n.0}, which we do not have). The respin of a new compose is one
 * more than the highest respin of the same name, version and date among the existing composes, so
 * respins only grow within a day even when an older compose was deleted, and {@code latest-NAME}
 * never goes backwards. The version may hold no '-': the id's last '-' before the date then
 * separates name and version, so an id parses back unambiguously.
 *
 * @param template the version as written in the blueprint
 */
public record VersionScheme(String template) {
  static final String HINT =
      "letters, digits and . + ~ _ with %{date} and %{n} placeholders (e.g. 12, 12.%{date}.%{n})";

  private static final Pattern PLACEHOLDER = Pattern.compile("%\\{([^}]*)\\}");
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9.+~_]*");
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final int MAX_RESPIN = 9999;

  public VersionScheme {
    String bad = check(template);
    if (bad != null) {
      throw new DebforgeException(
          ErrorKind.CONFIG, "version '" + Nodes.printable(template) + "': " + bad, HINT);
    }
  }

  /** What is wrong with a version template, or null if nothing. */
  static String check(String template) {
    if (template.isEmpty() || template.length() > 64) {
      return "must have 1 to 64 characters";
    }
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      if (!LITERAL.matcher(template.substring(last, m.start())).matches()) {
        return "invalid character";
      }
      if (!m.group(1).equals("date") && !m.group(1).equals("n")) {
        return "unknown placeholder %{" + m.group(1) + "}";
      }
      last = m.end();
    }
    if (!LITERAL.matcher(template.substring(last)).matches()) {
      return template.substring(last).contains("%")
          ? "a '%' that is not %{date} or %{n}"
          : "invalid character";
    }
    if (!Character.isLetterOrDigit(template.charAt(0)) && template.charAt(0) != '%') {
      return "must start with a letter, a digit or a placeholder";
    }
    return null;
  }

  /** The version of a compose made on {@code date} as respin {@code n}. */
  public String expand(LocalDate date, int n) {
    return template.replace("%{date}", date.format(DATE)).replace("%{n}", Integer.toString(n));
  }

  /** The id of the next compose of {@code name} today ({@code clock}'s date in UTC). */
  public ComposeId next(String name, Clock clock, Collection<String> existingIds) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    int highest = -1;
    for (String id : existingIds) {
      Optional<ComposeId> c = ComposeId.parse(id);
      if (c.isPresent()
          && c.get().name().equals(name)
          && c.get().date().equals(today)
          && c.get().version().equals(expand(today, c.get().respin()))) {
        highest = Math.max(highest, c.get().respin());
      }
    }
    if (highest >= MAX_RESPIN) {
      throw new DebforgeException(
          ErrorKind.CONFLICT,
          "compose " + name + ": respin " + MAX_RESPIN + " of " + today.format(DATE) + " exists",
          "remove old composes of today from the target folder");
    }
    int n = highest + 1;
    return new ComposeId(name, expand(today, n), today, n);
  }

  /** {@link #next} against the entries of a composes folder (none when it does not exist yet). */
  public ComposeId next(String name, Clock clock, Path composes) {
    List<String> ids = new ArrayList<>();
    if (Files.isDirectory(composes)) {
      try (Stream<Path> s = Files.list(composes)) {
        s.forEach(p -> ids.add(p.getFileName().toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return next(name, clock, ids);
  }

  /**
   * A compose id.
   *
   * @param name the blueprint's name
   * @param version the expanded version
   * @param date the compose date (UTC)
   * @param respin the respin number of that date
   */
  public record ComposeId(String name, String version, LocalDate date, int respin) {
    private static final Pattern FORM = Pattern.compile("(.+)-([^-]+)-([0-9]{8})\\.([0-9]{1,4})");

    /** {@code NAME-VERSION-YYYYMMDD.N}. */
    @Override
    public String toString() {
      return name + "-" + version + "-" + date.format(DATE) + "." + respin;
    }

    /** The id of a folder name, or empty when it is not one (other files in the folder). */
    public static Optional<ComposeId> parse(String id) {
      Matcher m = FORM.matcher(id);
      if (!m.matches()) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new ComposeId(
                m.group(1),
                m.group(2),
                LocalDate.parse(m.group(3), DATE),
                Integer.parseInt(m.group(4))));
      } catch (java.time.format.DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }
}
