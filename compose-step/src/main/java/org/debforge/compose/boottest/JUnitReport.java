package org.debforge.compose.boottest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The boot tests as JUnit XML (the Ant/Surefire schema Jenkins' {@code junit} step reads): one
 * {@code testsuite} per compose, one {@code testcase} per image, a {@code failure} with the serial
 * console in {@code system-out} when an image did not boot, so the pipeline shows why without
 * opening the compose folder.
 */
public final class JUnitReport {
  private JUnitReport() {}

  /** One booted image. */
  public record Case(String name, String classname, BootResult result) {}

  public static void write(Path file, String suite, List<Case> cases) {
    long failures = cases.stream().filter(c -> !c.result().passed()).count();
    double total = cases.stream().mapToDouble(c -> c.result().seconds()).sum();
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append("<testsuite name=\"").append(attr(suite)).append("\" tests=\"").append(cases.size());
    x.append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\" time=\"");
    x.append(secs(total)).append("\">\n");
    for (Case c : cases) {
      x.append("  <testcase classname=\"").append(attr(c.classname())).append("\" name=\"");
      x.append(attr(c.name())).append("\" time=\"").append(secs(c.result().seconds()));
      Optional<String> failure = c.result().failure();
      if (failure.isEmpty()) {
        x.append("\"/>\n");
        continue;
      }
      x.append("\">\n    <failure message=\"").append(attr(failure.get()));
      x.append("\" type=\"boot\">").append(text(failure.get())).append("</failure>\n");
      x.append("    <system-out>").append(text(serial(c.result().serialLog())));
      x.append("</system-out>\n  </testcase>\n");
    }
    x.append("</testsuite>\n");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".junit-", ".xml.part");
      try {
        Files.writeString(tmp, x, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new org.debforge.core.DebforgeException(
          org.debforge.core.ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
  }

  /** The serial console, its last 256 KiB at most (a console flooding messages stays readable). */
  static String serial(Path log) {
    try {
      byte[] b = Files.readAllBytes(log);
      int from = Math.max(0, b.length - (256 << 10));
      return new String(b, from, b.length - from, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "(serial log unreadable: " + e.getMessage() + ")";
    }
  }

  private static String secs(double s) {
    return String.format(Locale.ROOT, "%.1f", s);
  }

  static String attr(String s) {
    return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
  }

  /**
   * Escaped for XML 1.0: a serial console holds escape sequences and control characters that XML
   * forbids even as character references, so those become U+FFFD.
   */
  static String text(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\r' -> {}
        default -> b.append(ch < 0x20 && ch != '\n' && ch != '\t' ? '\uFFFD' : ch);
      }
    }
    return b.toString();
  }
}
