package org.debforge.core.deb;

/** Renders a {@link DebInfo} as {@code dpkg-deb -I} (--info) prints it, byte for byte. */
public final class DpkgDebInfo {
  private DpkgDebInfo() {}

  public static String format(DebInfo info) {
    StringBuilder sb = new StringBuilder();
    String[] v = info.formatVersion().split("\\.", 2);
    sb.append(" new Debian package, version ").append(v[0]).append('.').append(v[1]).append(".\n");
    sb.append(" size ")
        .append(info.size())
        .append(" bytes: control archive=")
        .append(info.controlArchiveSize())
        .append(" bytes.\n");
    for (ControlMember m : info.controlMembers()) {
      if (m.plainFile()) {
        sb.append(
            String.format(
                java.util.Locale.ROOT,
                " %7d bytes, %5d lines   %c  %-20.127s %.127s\n",
                m.size(),
                m.lines(),
                m.executable() ? '*' : ' ',
                m.name(),
                m.interpreter()));
      } else {
        sb.append(
            String.format(
                java.util.Locale.ROOT, "     not a plain file          %.255s\n", m.name()));
      }
    }
    String control = info.controlText();
    if (control == null) {
      sb.append("(no 'control' file in control archive!)\n");
      return sb.toString();
    }
    // Every line indented by one space; a final newline added if the file lacks one.
    boolean lineStart = true;
    for (int i = 0; i < control.length(); i++) {
      char c = control.charAt(i);
      if (lineStart) {
        sb.append(' ');
      }
      sb.append(c);
      lineStart = c == '\n';
    }
    if (!lineStart) {
      sb.append('\n');
    }
    return sb.toString();
  }
}
