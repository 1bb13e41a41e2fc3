package org.debforge.core.control;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.debforge.core.FormatException;

/**
 * The first (newest) entry of a {@code debian/changelog}, read as dpkg-parsechangelog's debian
 * format does: the header {@code source (version) distributions; urgency=...} and the trailer
 * {@code -- Maintainer <email> date}. Later entries are not parsed.
 *
 * @param distributions space-separated, as written
 * @param keywords header keywords after ';' (urgency and any others), names lower-cased
 * @param timestamp the trailer date as seconds since the epoch: SOURCE_DATE_EPOCH
 */
public record Changelog(
    String source,
    String version,
    String distributions,
    String urgency,
    Map<String, String> keywords,
    String maintainer,
    String date,
    long timestamp,
    String changes) {

  // The same shapes as Dpkg::Changelog::Entry::Debian's regexes.
  private static final Pattern HEADER =
      Pattern.compile("^(\\w[-+0-9a-z.]*) \\(([^()\\s]+)\\)((?:\\s+[-+0-9a-z.]+)+)\\s*;(.*?)\\s*$");
  private static final Pattern TRAILER = Pattern.compile("^ -- (.*?) ?<(.*)>(  ?)(.*?)\\s*$");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  public Changelog {
    keywords = Map.copyOf(keywords);
  }

  public static Changelog read(Path file) {
    return parse(Deb822.readText(file), file.toString());
  }

  public static Changelog parse(String text, String source) {
    String[] lines = text.split("\n", -1);
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    if (i == lines.length) {
      throw new FormatException(source, 0, null, "empty changelog", "add an entry with dch");
    }
    int headerLine = i + 1;
    Matcher h = HEADER.matcher(lines[i]);
    if (!h.matches()) {
      throw new FormatException(
          source,
          headerLine,
          null,
          "bad changelog header '" + lines[i] + "'",
          "expected 'source (version) distribution; urgency=medium'");
    }
    Map<String, String> keywords = new LinkedHashMap<>();
    for (String kv : h.group(4).split(",")) {
      String s = kv.strip();
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new FormatException(
            source, headerLine, null, "bad keyword '" + s + "'", "keywords are key=value");
      }
      keywords.put(s.substring(0, eq).toLowerCase(Locale.ROOT), s.substring(eq + 1));
    }
    // dpkg-parsechangelog reports the urgency in lower case.
    String urgency = keywords.get("urgency");
    if (urgency != null) {
      urgency = urgency.toLowerCase(Locale.ROOT);
    }
    if (urgency == null) {
      throw new FormatException(
          source, headerLine, null, "no urgency in changelog header", "add '; urgency=medium'");
    }
    StringBuilder changes = new StringBuilder(lines[i]);
    for (i++; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith(" --")) {
        Matcher t = TRAILER.matcher(line);
        if (!t.matches()) {
          throw new FormatException(
              source,
              i + 1,
              null,
              "bad changelog trailer '" + line + "'",
              "expected ' -- Name <email>  Mon, 20 May 2024 12:34:56 +0200'");
        }
        String date = t.group(4);
        return new Changelog(
            h.group(1),
            h.group(2),
            h.group(3).strip(),
            urgency,
            keywords,
            t.group(1) + " <" + t.group(2) + ">",
            date,
            parseDate(date, source, i + 1),
            changes.toString().stripTrailing());
      }
      if (HEADER.matcher(line).matches()) {
        break;
      }
      changes.append('\n').append(line);
    }
    throw new FormatException(
        source,
        headerLine,
        null,
        "changelog entry has no trailer line",
        "end the entry with ' -- Name <email>  date' (dch does this)");
  }

  /**
   * Parses an RFC 2822 date as Debian writes it ({@code Mon, 20 May 2024 12:34:56 +0200}) into
   * epoch seconds. The day name is optional and not checked, like dpkg-parsechangelog.
   */
  public static long parseDate(String date, String source, int line) {
    String s = date.strip();
    int comma = s.indexOf(',');
    if (comma >= 0) {
      s = s.substring(comma + 1).strip();
    }
    s = s.replaceAll("\\s+", " ").replaceFirst(" \\(.*\\)$", "");
    try {
      return ZonedDateTime.parse(s, DATE).toEpochSecond();
    } catch (DateTimeParseException e) {
      throw new FormatException(
          source,
          line,
          null,
          "bad date '" + date + "'",
          "expected an RFC 2822 date such as 'Mon, 20 May 2024 12:34:56 +0200' (date -R)");
    }
  }
}
