package org.debforge.compose.image;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of a blueprint's {@code image} output, laid over their defaults in this one place:
 *
 * <pre>
 * formats       raw,qcow2     which files to keep (comma separated)
 * size          computed      the whole disk (e.g. 4G, 3500M); default: the tree plus a margin
 * test-marker   none          a line a unit of the image prints at boot: the test phase boots
 *                             the image and waits for it (no marker, no boot test)
 * test-timeout  600           seconds the test phase waits for the marker
 * </pre>
 */
public record ImageOptions(
    List<Format> formats, Optional<Long> size, Optional<String> testMarker, Duration testTimeout) {
  /** The option names an image output takes. */
  public static final Set<String> KEYS = Set.of("formats", "size", "test-marker", "test-timeout");

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  /** The smallest disk worth making: the ESP alone is 64 MiB. */
  static final long MIN_SIZE = 256L << 20;

  private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,6})([MG])");
  private static final Pattern MARKER = Pattern.compile("[!-~][ -~]{0,126}[!-~]|[!-~]");

  public ImageOptions {
    formats = List.copyOf(formats);
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("formats: empty");
    }
  }

  /** A disk image file format, as productmd names both its type and format. */
  public enum Format {
    RAW,
    QCOW2;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The options of an output, or the problems with them (each {@code NAME: what is wrong (what is
   * allowed)}); all are reported at once, before any work.
   */
  public static Parsed parse(Map<String, String> options) {
    List<String> problems = new ArrayList<>();
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(KEYS);
    for (String k : unknown) {
      problems.add(k + ": unknown option (an image output takes " + new TreeSet<>(KEYS) + ")");
    }
    List<Format> formats = new ArrayList<>();
    for (String f : options.getOrDefault("formats", "raw,qcow2").split(",", -1)) {
      String name = f.strip();
      try {
        Format fmt = Format.valueOf(name.toUpperCase(Locale.ROOT));
        if (!fmt.key().equals(name) || formats.contains(fmt)) {
          throw new IllegalArgumentException(name);
        }
        formats.add(fmt);
      } catch (IllegalArgumentException e) {
        problems.add(
            "formats: '" + name + "' is not a format, or is listed twice (raw, qcow2; e.g. qcow2)");
      }
    }
    Optional<Long> size = Optional.empty();
    if (options.containsKey("size")) {
      Matcher m = SIZE.matcher(options.get("size"));
      if (!m.matches()) {
        problems.add(
            "size: '" + options.get("size") + "' is not a size (a number with M or G, e.g. 4G)");
      } else {
        long n = Long.parseLong(m.group(1)) << (m.group(2).equals("G") ? 30 : 20);
        if (n < MIN_SIZE) {
          problems.add("size: " + options.get("size") + " is below the smallest disk, 256M");
        }
        size = Optional.of(n);
      }
    }
    Optional<String> marker = Optional.ofNullable(options.get("test-marker"));
    if (marker.isPresent() && !MARKER.matcher(marker.get()).matches()) {
      problems.add(
          "test-marker: printable ASCII, 1 to 128 characters, not starting or ending with a space"
              + " (e.g. DEBFORGE-BOOTED)");
    }
    Duration timeout = DEFAULT_TIMEOUT;
    if (options.containsKey("test-timeout")) {
      String t = options.get("test-timeout");
      if (!t.matches("[1-9][0-9]{0,4}")) {
        problems.add("test-timeout: '" + t + "' is not a number of seconds (1 to 99999, e.g. 600)");
      } else {
        timeout = Duration.ofSeconds(Long.parseLong(t));
      }
      if (marker.isEmpty()) {
        problems.add("test-timeout: given without test-marker (the boot test needs a marker)");
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed(Optional.empty(), problems);
    }
    return new Parsed(Optional.of(new ImageOptions(formats, size, marker, timeout)), List.of());
  }

  /**
   * The problems of one option alone (what the blueprint loader reports at the option's line); the
   * rules between options are {@link #parse}'s.
   */
  public static List<String> problems(String key, String value) {
    return parse(Map.of(key, value)).problems().stream()
        .filter(p -> !p.startsWith("test-timeout: given without"))
        .toList();
  }

  /** Either options or the problems found. */
  public record Parsed(Optional<ImageOptions> options, List<String> problems) {
    public Parsed {
      problems = List.copyOf(problems);
    }
  }
}
