package org.debforge.ostree.tool;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * The {@code ostree} CLI over one sysroot's repository ({@code SYSROOT/ostree/repo}). ostree 2022.7
 * has no machine-readable output for commits, so only the stable lines of {@code ostree show} are
 * read (Parent, Date, Version) and metadata keys one by one with {@code --print-metadata-key}.
 */
public final class Ostree {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

  private final Path sysroot;
  private final Tool tool;

  public Ostree(Path sysroot, Tool tool) {
    this.sysroot = sysroot.toAbsolutePath().normalize();
    this.tool = tool;
  }

  public Path sysroot() {
    return sysroot;
  }

  public Path repo() {
    return sysroot.resolve("ostree/repo");
  }

  public Tool tool() {
    return tool;
  }

  /** {@code ostree --repo=REPO ARGS...} */
  public List<String> repoCommand(String... args) {
    List<String> c = new ArrayList<>(List.of("ostree", "--repo=" + repo()));
    c.addAll(List.of(args));
    return c;
  }

  /** {@code ostree admin VERB --sysroot=SYSROOT ARGS...} */
  public List<String> adminCommand(String verb, List<String> args) {
    List<String> c = new ArrayList<>(List.of("ostree", "admin", verb, "--sysroot=" + sysroot));
    c.addAll(args);
    return c;
  }

  public String repo(String what, String... args) {
    return tool.check(repoCommand(args), what);
  }

  public String admin(String what, String verb, List<String> args) {
    return tool.check(adminCommand(verb, args), what);
  }

  /** The checksum a ref or checksum names; NOT_FOUND when the repository has no such commit. */
  public String revParse(String rev) {
    Tool.Result r = tool.run(repoCommand("rev-parse", rev));
    String sum = r.stdout().strip();
    if (r.exit() != 0 || !sum.matches("[0-9a-f]{64}")) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          repo() + ": no commit or ref '" + rev + "'",
          "list them with: ostree --repo=" + repo() + " refs");
    }
    return sum;
  }

  /** What {@code ostree show} says of a commit. */
  public record CommitInfo(
      String checksum, Optional<String> parent, long timestamp, Optional<String> version) {}

  public CommitInfo show(String checksum) {
    String out = repo("show " + checksum, "show", checksum);
    Optional<String> parent = Optional.empty();
    Optional<String> version = Optional.empty();
    long timestamp = 0;
    for (String line : out.lines().toList()) {
      if (line.startsWith("Parent:")) {
        parent = Optional.of(line.substring(7).strip()).filter(s -> s.matches("[0-9a-f]{64}"));
      } else if (line.startsWith("Version:")) {
        version = Optional.of(line.substring(8).strip());
      } else if (line.startsWith("Date:")) {
        timestamp = epoch(line.substring(5).strip());
      }
    }
    return new CommitInfo(checksum, parent, timestamp, version);
  }

  static long epoch(String date) {
    try {
      return OffsetDateTime.parse(date, DATE).toEpochSecond();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(date.substring(0, Math.min(19, date.length())).replace(' ', 'T'))
            .toEpochSecond(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return 0;
      }
    }
  }

  /** One metadata string of a commit, empty when the commit does not carry the key. */
  public Optional<String> metadata(String checksum, String key) {
    Tool.Result r = tool.run(repoCommand("show", "--print-metadata-key=" + key, checksum));
    if (r.exit() != 0) {
      return Optional.empty();
    }
    return Optional.of(unquote(r.stdout().strip()));
  }

  /**
   * ostree prints a metadata value as a GVariant text: {@code 'text'} for a string (with {@code \'}
   * and {@code \\} escapes), {@code true} for a boolean.
   */
  static String unquote(String v) {
    if (v.length() >= 2
        && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < v.length() - 1; i++) {
        char c = v.charAt(i);
        if (c == '\\' && i + 1 < v.length() - 1) {
          char n = v.charAt(++i);
          switch (n) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            default -> sb.append(n);
          }
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }
    return v;
  }
}
