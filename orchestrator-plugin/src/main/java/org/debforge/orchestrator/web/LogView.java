package org.debforge.orchestrator.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one page of a build log, streaming (a log may be far larger than memory), optionally
 * keeping only the lines that contain a query (case-insensitive) and marking each occurrence. Bytes
 * that are not UTF-8 show as U+FFFD; very long lines are cut for display.
 */
public final class LogView {
  static final int MAX_LINE = 4000;

  /** A piece of a line; {@code match} pieces are the query's occurrences. */
  public record Segment(String text, boolean match) {}

  public record Line(long number, List<Segment> segments) {}

  /**
   * @param shown how many lines the view holds (all lines, or the matching ones)
   * @param matches how many lines contain the query (0 without one)
   */
  record Result(List<Line> lines, int shown, int matches) {}

  private LogView() {}

  static Result read(InputStream in, String query, boolean onlyMatching, int from, int count)
      throws IOException {
    String q = query == null || query.isEmpty() ? null : query;
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    List<Line> lines = new ArrayList<>();
    int shown = 0;
    int matches = 0;
    long number = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16)) {
      for (String line; (line = r.readLine()) != null; ) {
        number++;
        boolean match = q != null && indexOf(line, q, 0) >= 0;
        if (match) {
          matches++;
        }
        if (onlyMatching && q != null && !match) {
          continue;
        }
        if (shown >= from && shown < from + count) {
          lines.add(new Line(number, segments(cut(line), match ? q : null)));
        }
        shown++;
      }
    }
    return new Result(lines, shown, matches);
  }

  private static String cut(String line) {
    return line.length() <= MAX_LINE
        ? line
        : line.substring(0, MAX_LINE) + " [... " + (line.length() - MAX_LINE) + " more characters]";
  }

  static List<Segment> segments(String line, String q) {
    List<Segment> out = new ArrayList<>();
    int at = 0;
    for (int i; q != null && (i = indexOf(line, q, at)) >= 0; at = i + q.length()) {
      if (i > at) {
        out.add(new Segment(line.substring(at, i), false));
      }
      out.add(new Segment(line.substring(i, i + q.length()), true));
    }
    if (at < line.length() || out.isEmpty()) {
      out.add(new Segment(line.substring(at), false));
    }
    return out;
  }

  /** Case-insensitive indexOf that keeps indexes of the original string (no lowercased copy). */
  private static int indexOf(String s, String q, int from) {
    for (int i = from; i + q.length() <= s.length(); i++) {
      if (s.regionMatches(true, i, q, 0, q.length())) {
        return i;
      }
    }
    return -1;
  }
}
