package org.debforge.debmock.build.orig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * The gbp.conf settings that decide where {@code gbp buildpackage} gets the upstream tarball, read
 * from the tree's own {@code .gbp.conf} and {@code debian/gbp.conf} (later wins, as in gbp). The
 * user's {@code ~/.gbp.conf} and {@code /etc/git-buildpackage} are not read: a build must not
 * depend on who runs it. Within a file, {@code [buildpackage]} (or the old {@code
 * [git-buildpackage]}) overrides {@code [DEFAULT]}, as gbp's ConfigParser does.
 *
 * @param upstreamTag gbp's {@code upstream-tag} format, default {@code upstream/%(version)s}
 * @param pristineTar {@code pristine-tar}: null when not set (deb-mock then uses the branch if it
 *     exists), false turns pristine-tar off
 * @param compression {@code compression}: gzip, xz, bzip2, lzma, or null for gbp's "auto"
 * @param tarballDir {@code tarball-dir}, relative to the tree, or null
 * @param files the gbp.conf files that were read, for messages
 */
public record GbpConf(
    String upstreamTag,
    Boolean pristineTar,
    String compression,
    String tarballDir,
    List<Path> files) {
  public static final String DEFAULT_UPSTREAM_TAG = "upstream/%(version)s";

  private static final List<String> SECTIONS =
      List.of("DEFAULT", "git-buildpackage", "buildpackage");

  public GbpConf {
    files = List.copyOf(files);
  }

  /** gbp's defaults: nothing configured. */
  public static GbpConf defaults() {
    return new GbpConf(DEFAULT_UPSTREAM_TAG, null, null, null, List.of());
  }

  /** Reads {@code .gbp.conf} then {@code debian/gbp.conf} of {@code tree}, when present. */
  public static GbpConf read(Path tree) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    List<Path> read = new ArrayList<>();
    for (Path f : List.of(tree.resolve(".gbp.conf"), tree.resolve("debian/gbp.conf"))) {
      // A symlink out of the tree is not the tree's configuration.
      if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
        parse(f, sections);
        read.add(f);
      }
    }
    Map<String, String> v = new LinkedHashMap<>();
    for (String s : SECTIONS) {
      v.putAll(sections.getOrDefault(s, Map.of()));
    }
    Path where = read.isEmpty() ? tree.resolve("debian/gbp.conf") : read.get(read.size() - 1);
    String tag = v.getOrDefault("upstream-tag", DEFAULT_UPSTREAM_TAG);
    if (tag.isBlank()) {
      throw bad(where, "upstream-tag", "is empty", "e.g. upstream-tag = upstream/%(version)s");
    }
    Boolean pristine = v.containsKey("pristine-tar") ? bool(where, v.get("pristine-tar")) : null;
    String comp = compression(where, v.get("compression"));
    String dir = v.get("tarball-dir");
    return new GbpConf(tag, pristine, comp, dir == null || dir.isBlank() ? null : dir, read);
  }

  /** gbp's compression names and aliases; "auto" (the default) is null. */
  private static String compression(Path file, String value) {
    if (value == null) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "auto", "" -> null;
      case "gzip", "gz" -> "gzip";
      case "xz" -> "xz";
      case "bzip2", "bz2" -> "bzip2";
      case "lzma" -> "lzma";
      default ->
          throw bad(
              file, "compression", "'" + value + "' is unknown", "auto, gzip, xz, bzip2 or lzma");
    };
  }

  private static boolean bool(Path file, String value) {
    // gbp's boolean options take what Python's ConfigParser.getboolean takes.
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default ->
          throw bad(file, "pristine-tar", "'" + value + "' is not a boolean", "True or False");
    };
  }

  private static DebforgeException bad(Path file, String key, String what, String allowed) {
    return new DebforgeException(
        ErrorKind.CONFIG, file + ": error: key '" + key + "': " + what, "allowed: " + allowed);
  }

  /** INI as Python's ConfigParser reads gbp.conf: sections, {@code key = value}, comments. */
  private static void parse(Path file, Map<String, Map<String, String>> into) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, file + ": cannot read: " + e.getMessage(), "check its permissions", e);
    }
    String section = null;
    String lastKey = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0)) && lastKey != null && section != null) {
        // A continuation line: gbp's multi-line values (e.g. dch's) join with a newline.
        into.get(section).merge(lastKey, t, (a, b) -> a + "\n" + b);
        continue;
      }
      if (t.startsWith("[") && t.endsWith("]")) {
        section = t.substring(1, t.length() - 1).strip();
        into.computeIfAbsent(section, s -> new LinkedHashMap<>());
        lastKey = null;
        continue;
      }
      int eq = firstOf(t, '=', ':');
      if (section == null || eq <= 0) {
        throw new DebforgeException(
            ErrorKind.CONFIG,
            file + ":" + (i + 1) + ": error: not a 'key = value' line in a [section]: " + t,
            "gbp.conf is an INI file, see gbp.conf(5)");
      }
      // ConfigParser lower-cases keys; gbp spells them with dashes.
      lastKey = t.substring(0, eq).strip().toLowerCase(Locale.ROOT).replace('_', '-');
      into.get(section).put(lastKey, t.substring(eq + 1).strip());
    }
  }

  private static int firstOf(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
