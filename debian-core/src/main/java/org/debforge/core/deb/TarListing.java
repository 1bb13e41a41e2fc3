package org.debforge.core.deb;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Formats data.tar entries exactly as GNU tar's {@code tar -tv} does (and so {@code dpkg-deb -c}):
 * mode string, {@code owner/group} and size right-aligned in a column that only ever widens, local
 * time {@code YYYY-MM-DD HH:MM}, then the name quoted in tar's default "escape" style. One instance
 * per listing, because the column widths carry over from line to line as they do in tar.
 */
public final class TarListing {
  private final ZoneId zone;
  private final boolean utf8Locale;
  private int ugsWidth = 19;
  private int dateWidth = 16;

  /**
   * @param zone the time zone tar would use (its process TZ)
   * @param utf8Locale whether tar would run in a UTF-8 locale, where printable non-ASCII characters
   *     are shown as they are rather than as octal escapes
   */
  public TarListing(ZoneId zone, boolean utf8Locale) {
    this.zone = zone;
    this.utf8Locale = utf8Locale;
  }

  /** One listing line, with its newline. */
  public String line(TarEntry e) {
    String user = e.userName().isEmpty() ? Long.toString(e.uid()) : e.userName();
    String group = e.groupName().isEmpty() ? Long.toString(e.gid()) : e.groupName();
    String size =
        switch (e.typeFlag()) {
          case '3', '4' -> e.devMajor() + "," + e.devMinor();
          default -> Long.toString(e.size());
        };
    int pad = user.length() + 1 + group.length() + 1 + size.length();
    if (pad > ugsWidth) {
      ugsWidth = pad;
    }
    String time = time(e.mtime());
    if (time.length() > dateWidth) {
      dateWidth = time.length();
    }
    StringBuilder sb = new StringBuilder(96);
    sb.append(modes(e)).append(' ').append(user).append('/').append(group).append(' ');
    sb.append(" ".repeat(ugsWidth - pad)).append(size).append(' ');
    sb.append(time).append(" ".repeat(dateWidth - time.length()));
    sb.append(' ').append(quote(e.path()));
    switch (e.typeFlag()) {
      case '2' -> sb.append(" -> ").append(quote(e.linkTarget()));
      case '1' -> sb.append(" link to ").append(quote(e.linkTarget()));
      case '0', '\0', 'S', '3', '4', '5', '6', '7', 'D' -> {}
      default -> sb.append(" unknown file type ").append(quote(String.valueOf(e.typeFlag())));
    }
    return sb.append('\n').toString();
  }

  private String time(long epochSecond) {
    ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(zone);
    return String.format(
        java.util.Locale.ROOT,
        "%04d-%02d-%02d %02d:%02d",
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute());
  }

  static String modes(TarEntry e) {
    char type =
        switch (e.typeFlag()) {
          case '0', '\0', 'S' -> e.path().endsWith("/") ? 'd' : '-';
          case '1' -> 'h';
          case '2' -> 'l';
          case '3' -> 'c';
          case '4' -> 'b';
          case '5', 'D' -> 'd';
          case '6' -> 'p';
          case '7' -> 'C';
          case 'V' -> 'V';
          case 'M' -> 'M';
          default -> '?';
        };
    int m = e.mode();
    char[] s = new char[10];
    s[0] = type;
    s[1] = (m & 0400) != 0 ? 'r' : '-';
    s[2] = (m & 0200) != 0 ? 'w' : '-';
    s[3] = exec(m & 0100, m & 04000, 's');
    s[4] = (m & 040) != 0 ? 'r' : '-';
    s[5] = (m & 020) != 0 ? 'w' : '-';
    s[6] = exec(m & 010, m & 02000, 's');
    s[7] = (m & 04) != 0 ? 'r' : '-';
    s[8] = (m & 02) != 0 ? 'w' : '-';
    s[9] = exec(m & 01, m & 01000, 't');
    return new String(s);
  }

  private static char exec(int x, int special, char letter) {
    if (special != 0) {
      return x != 0 ? letter : Character.toUpperCase(letter);
    }
    return x != 0 ? 'x' : '-';
  }

  /** gnulib's escape quoting style, as tar applies it to names it lists. */
  String quote(String name) {
    StringBuilder sb = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '\\' -> sb.append("\\\\");
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 11 -> sb.append("\\v");
        default -> {
          if (cp >= 0x20 && cp < 0x7f) {
            sb.append((char) cp);
          } else if (cp >= 0xa0 && utf8Locale && Character.isDefined(cp)) {
            sb.appendCodePoint(cp);
          } else {
            for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
              sb.append('\\').append(String.format(java.util.Locale.ROOT, "%03o", b & 0xff));
            }
          }
        }
      }
    }
    return sb.toString();
  }
}
