package org.debforge.orchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.debforge.orchestrator.web.LogView.Segment;
import org.junit.jupiter.api.Test;

/** The log viewer's reading: search, marking, paging, bad bytes and long lines. */
class LogViewTest {
  static LogView.Result read(byte[] log, String q, boolean only, int from, int count)
      throws Exception {
    return LogView.read(new ByteArrayInputStream(log), q, only, from, count);
  }

  @Test
  void marksEveryOccurrenceCaseInsensitively() {
    assertThat(LogView.segments("Error: error ERROR", "error"))
        .containsExactly(
            new Segment("Error", true),
            new Segment(": ", false),
            new Segment("error", true),
            new Segment(" ", false),
            new Segment("ERROR", true));
    assertThat(LogView.segments("", null)).containsExactly(new Segment("", false));
  }

  @Test
  void filtersAndPagesTheMatchingLinesKeepingTheirNumbers() throws Exception {
    byte[] log = "a\nneedle 1\nb\nneedle 2\nneedle 3\n".getBytes(StandardCharsets.UTF_8);
    LogView.Result r = read(log, "NEEDLE", true, 1, 1);
    assertThat(r.matches()).isEqualTo(3);
    assertThat(r.shown()).isEqualTo(3);
    assertThat(r.lines()).extracting(LogView.Line::number).containsExactly(4L);
    LogView.Result all = read(log, "needle", false, 0, 10);
    assertThat(all.shown()).isEqualTo(5);
    assertThat(all.lines().get(0).segments()).containsExactly(new Segment("a", false));
  }

  @Test
  void badBytesAndLongLinesAreShownSafely() throws Exception {
    byte[] bad = {'o', 'k', (byte) 0xff, '\n'};
    assertThat(read(bad, null, false, 0, 10).lines().get(0).segments())
        .containsExactly(new Segment("ok\uFFFD", false));
    byte[] longLine = "x".repeat(LogView.MAX_LINE + 10).getBytes(StandardCharsets.US_ASCII);
    List<Segment> s = read(longLine, null, false, 0, 1).lines().get(0).segments();
    assertThat(s.get(0).text()).endsWith("[... 10 more characters]");
  }
}
