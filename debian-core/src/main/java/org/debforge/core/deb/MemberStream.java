package org.debforge.core.deb;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.debforge.core.FormatException;

/**
 * The bytes of one ar member. Ends where the ar header says it ends, fails if the file ends first
 * (a truncated .deb), and never closes the archive under it.
 */
final class MemberStream extends FilterInputStream {
  private final String deb;
  private final String member;
  private final long length;
  private long count;

  MemberStream(InputStream ar, String deb, String member, long length) {
    super(ar);
    this.deb = deb;
    this.member = member;
    this.length = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (count >= length) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, length - count));
    if (n < 0) {
      throw truncated();
    }
    count += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[8192];
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public int available() {
    return 0;
  }

  /** Reads to the end of the member, so the archive is positioned at the next header. */
  void drain() throws IOException {
    skip(Long.MAX_VALUE);
  }

  @Override
  public void close() {
    // The ar archive stays open: the next member follows.
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private FormatException truncated() {
    return new FormatException(
        deb,
        0,
        null,
        "archive member '"
            + member
            + "' is truncated: "
            + count
            + " of "
            + length
            + " bytes present",
        "the file was cut short while downloading or copying; fetch it again");
  }
}
