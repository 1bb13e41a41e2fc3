package org.debforge.core.version;

import java.util.Objects;
import org.debforge.core.FormatException;

/**
 * A Debian package version {@code [epoch:]upstream[-revision]}, ordered exactly as dpkg orders them
 * (lib/dpkg/version.c).
 *
 * <p>{@link #parse} is strict, as Debian policy and dpkg-source are: anything dpkg would only warn
 * about is an error. {@link #parseLenient} accepts what {@code dpkg --compare-versions} accepts
 * (dpkg's warnings allowed). {@link #compare(String, String)} compares two strings with the lenient
 * rules without building objects.
 *
 * <p>{@link #equals} compares the parsed parts; {@link #compareTo} is dpkg's order, in which e.g.
 * {@code 1.0} and {@code 1.00} or {@code 0:1} and {@code 1} are equal though their texts differ.
 */
public final class DebianVersion implements Comparable<DebianVersion> {
  private final String text;
  private final int epoch;
  private final String upstream;
  private final String revision;
  // What dpkg compares: the same strings for ASCII, else their UTF-8 bytes one per char.
  private final String upstreamKey;
  private final String revisionKey;

  /**
   * dpkg's blank version (epoch 0, empty upstream and revision), which {@code dpkg
   * --compare-versions} uses for an empty argument: it sorts after any {@code ~} version and before
   * every other. Its text is empty.
   */
  public static final DebianVersion BLANK = new DebianVersion("", 0, "", "");

  private DebianVersion(String text, int epoch, String upstream, String revision) {
    this.text = text;
    this.epoch = epoch;
    this.upstream = upstream;
    this.revision = revision;
    this.upstreamKey = VersionOrder.byteKey(upstream);
    this.revisionKey = VersionOrder.byteKey(revision);
  }

  /**
   * Parses a version as it must appear in a control file: no surrounding spaces, epoch plain
   * digits, upstream starting with a digit, only the characters policy allows.
   *
   * @throws FormatException naming the version and what is wrong with it, with a hint
   */
  public static DebianVersion parse(String text) {
    return parse(text, true);
  }

  /**
   * Parses a version as {@code dpkg --compare-versions} does: what dpkg only warns about (a bad
   * character, no leading digit) is accepted; see {@link #lint} for the warning.
   */
  public static DebianVersion parseLenient(String text) {
    return parse(text, false);
  }

  /**
   * What dpkg would warn about in an otherwise valid version ("invalid character in version
   * number"), or null if nothing.
   */
  public static String lint(String text) {
    VersionSyntax.Problem p = VersionSyntax.check(text, false);
    return p == null || p.fatal() ? null : p.message();
  }

  private static DebianVersion parse(String text, boolean strict) {
    Objects.requireNonNull(text, "text");
    VersionSyntax.Problem p = VersionSyntax.check(text, strict);
    if (p != null && p.fatal()) {
      throw invalid(text, p.message());
    }
    int start = 0;
    int end = text.length();
    while (start < end && VersionSyntax.isBlank(text.charAt(start))) {
      start++;
    }
    while (end > start && VersionSyntax.isBlank(text.charAt(end - 1))) {
      end--;
    }
    int colon = text.indexOf(':', start);
    int epoch = 0;
    int upStart = start;
    if (colon >= 0 && colon < end) {
      epoch = (int) VersionSyntax.epoch(text, start, colon);
      upStart = colon + 1;
    }
    int hyphen = text.lastIndexOf('-', end - 1);
    if (hyphen < upStart) {
      return new DebianVersion(text, epoch, text.substring(upStart, end), "");
    }
    return new DebianVersion(
        text, epoch, text.substring(upStart, hyphen), text.substring(hyphen + 1, end));
  }

  static FormatException invalid(String text, String detail) {
    return new FormatException(
        null,
        0,
        "Version",
        "invalid version '" + text + "': " + detail,
        "a Debian version is [epoch:]upstream[-revision]: epoch digits, upstream starting with a"
            + " digit and made of A-Za-z0-9.+~-:, revision of A-Za-z0-9.+~ (deb-version(7))");
  }

  /** The epoch, 0 when the version has none. */
  public int epoch() {
    return epoch;
  }

  public String upstream() {
    return upstream;
  }

  /** The Debian revision, empty for a native version. */
  public String revision() {
    return revision;
  }

  /** The version exactly as it was parsed. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public int compareTo(DebianVersion o) {
    if (epoch != o.epoch) {
      return epoch > o.epoch ? 1 : -1;
    }
    String a = upstreamKey;
    String b = o.upstreamKey;
    int r = VersionOrder.verrevcmp(a, 0, a.length(), b, 0, b.length());
    if (r != 0) {
      return r;
    }
    a = revisionKey;
    b = o.revisionKey;
    return VersionOrder.verrevcmp(a, 0, a.length(), b, 0, b.length());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DebianVersion v
        && epoch == v.epoch
        && upstream.equals(v.upstream)
        && revision.equals(v.revision);
  }

  @Override
  public int hashCode() {
    return Objects.hash(epoch, upstream, revision);
  }

  /**
   * Compares two version strings in dpkg's order with dpkg's lenient syntax (as {@code dpkg
   * --compare-versions}), without allocating for ASCII versions. Negative, zero or positive.
   *
   * @throws FormatException if either is not a version at all (empty, bad epoch, empty revision)
   */
  public static int compare(String a, String b) {
    return VersionOrder.compareStrings(a, b);
  }
}
