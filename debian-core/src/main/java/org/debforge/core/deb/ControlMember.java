package org.debforge.core.deb;

import java.util.Objects;

/**
 * One file of a package's control area (control, md5sums, conffiles, maintainer scripts), with what
 * {@code dpkg-deb -I} shows about it.
 *
 * @param name file name inside control.tar, without the leading {@code ./}
 * @param plainFile false for directories, symlinks and other non-regular entries
 * @param size size in bytes (0 when not a plain file)
 * @param lines newline count as dpkg-deb counts it
 * @param executable whether the owner-execute bit is set (a maintainer script)
 * @param interpreter the {@code #!} interpreter, e.g. {@code #!/bin/sh}, or "" when none
 */
public record ControlMember(
    String name, boolean plainFile, long size, int lines, boolean executable, String interpreter) {
  public ControlMember {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(interpreter, "interpreter");
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("not a control member name: '" + name + "'");
    }
  }

  /** Longest interpreter dpkg-deb reads after {@code #!}. */
  private static final int INTERPRETER_MAX = 256;

  /** Describes a regular file with {@code content}, counting lines exactly as dpkg-deb does. */
  static ControlMember ofFile(String name, byte[] content, int mode) {
    int pos = 0;
    int lines = 0;
    String interpreter = "";
    // dpkg-deb reads the shebang with getc() and only counts the newline that ends the
    // interpreter word; a newline right after a lone '#' is consumed uncounted. Same here.
    if (content.length > 0 && content[0] == '#') {
      pos = 1;
      if (content.length > 1 && content[1] == '!') {
        pos = 2;
        int c = pos < content.length ? content[pos++] & 0xff : -1;
        while (c == ' ') {
          c = pos < content.length ? content[pos++] & 0xff : -1;
        }
        StringBuilder sb = new StringBuilder("#!");
        int il = 2;
        while (il < INTERPRETER_MAX && c != -1 && !isSpace(c)) {
          sb.append((char) c);
          il++;
          c = pos < content.length ? content[pos++] & 0xff : -1;
        }
        interpreter = sb.toString();
        if (c == '\n') {
          lines++;
        }
      } else if (content.length > 1) {
        pos = 2;
      }
    }
    for (int i = pos; i < content.length; i++) {
      if (content[i] == '\n') {
        lines++;
      }
    }
    return new ControlMember(name, true, content.length, lines, (mode & 0100) != 0, interpreter);
  }

  static ControlMember notPlain(String name) {
    return new ControlMember(name, false, 0, 0, false, "");
  }

  private static boolean isSpace(int c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }
}
