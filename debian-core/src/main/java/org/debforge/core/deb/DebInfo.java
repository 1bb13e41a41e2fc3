package org.debforge.core.deb;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.debforge.core.FormatException;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;

/**
 * Everything {@code dpkg-deb -I} and {@code dpkg-deb -c} tell about a package, read in one pass.
 *
 * @param source the file it was read from
 * @param formatVersion deb format from {@code debian-binary}, e.g. "2.0"
 * @param size size of the .deb file in bytes
 * @param controlMember ar member name of the control archive, e.g. {@code control.tar.xz}
 * @param controlArchiveSize compressed size of that member
 * @param controlMembers files of the control area, sorted by name
 * @param controlText the text of {@code ./control}, or null if the control area lacks one
 * @param dataMember ar member name of the data archive, e.g. {@code data.tar.xz}
 * @param dataCompression compression of the data archive
 * @param dataArchiveSize compressed size of the data member
 * @param data the data archive's entries, in archive order
 */
public record DebInfo(
    String source,
    String formatVersion,
    long size,
    String controlMember,
    long controlArchiveSize,
    List<ControlMember> controlMembers,
    String controlText,
    String dataMember,
    Compression dataCompression,
    long dataArchiveSize,
    List<TarEntry> data) {

  public DebInfo {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(formatVersion, "formatVersion");
    controlMembers = List.copyOf(controlMembers);
    data = List.copyOf(data);
  }

  /** Reads {@code reader}'s control area and, if asked, lists its data.tar (consuming it). */
  static DebInfo of(String source, DebReader reader, boolean listData) {
    byte[] control = reader.controlFile();
    return new DebInfo(
        source,
        reader.formatVersion(),
        reader.fileSize(),
        reader.controlMember(),
        reader.controlArchiveSize(),
        reader.controlMembers(),
        control == null ? null : new String(control, StandardCharsets.UTF_8),
        reader.dataMember(),
        reader.dataCompression(),
        reader.dataArchiveSize(),
        listData ? reader.listData() : List.of());
  }

  /** The control paragraph; a package without a control file is an error here. */
  public Paragraph control() {
    if (controlText == null) {
      throw new FormatException(
          source, 0, null, "no 'control' file in " + controlMember, "not a valid binary package");
    }
    return Deb822.parseOne(controlText, source + ":" + controlMember + ":control");
  }

  /** The Installed-Size field, in KiB, when present and numeric. */
  public OptionalLong installedSize() {
    String v = control().value("Installed-Size");
    if (v == null || !v.strip().matches("[0-9]{1,18}")) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(v.strip()));
  }
}
