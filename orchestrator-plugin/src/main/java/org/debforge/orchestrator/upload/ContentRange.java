package org.debforge.orchestrator.upload;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * The bytes a chunk carries, from its {@code Content-Range: bytes FIRST-LAST/TOTAL} header (RFC
 * 9110 section 14.4, as resumable upload protocols use it on PUT): inclusive offsets.
 */
public record ContentRange(long first, long last, long total) {
  private static final Pattern FORM =
      Pattern.compile("bytes ([0-9]{1,18})-([0-9]{1,18})/([0-9]{1,18})");

  public ContentRange {
    if (first < 0 || last < first || total <= last) {
      throw invalid(first + "-" + last + "/" + total);
    }
  }

  public long length() {
    return last - first + 1;
  }

  public static ContentRange parse(String header) {
    Matcher m = FORM.matcher(header == null ? "" : header.strip());
    if (!m.matches()) {
      throw invalid(header);
    }
    return new ContentRange(
        Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
  }

  private static DebforgeException invalid(String header) {
    return new DebforgeException(
        ErrorKind.INVALID_INPUT,
        "Content-Range '"
            + (header == null ? null : header.replaceAll("\\p{Cntrl}", "?"))
            + "' is not 'bytes FIRST-LAST/TOTAL' with FIRST <= LAST < TOTAL",
        "send e.g. 'Content-Range: bytes 0-1048575/5000000' (inclusive offsets, TOTAL the file's"
            + " declared size)");
  }
}
