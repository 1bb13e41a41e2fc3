package org.debforge.core.deb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Hand-made .deb files, including ones no honest tool would write. */
final class TestDebs {
  private TestDebs() {}

  static final String CONTROL =
      "Package: t\nVersion: 1\nArchitecture: all\nMaintainer: x <x@example.org>\nDescription: t\n";

  /** An ar archive of {@code name, bytes, name, bytes...} in the given order. */
  static Path ar(Path out, Object... members) {
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(out))) {
      for (int i = 0; i < members.length; i += 2) {
        byte[] b = (byte[]) members[i + 1];
        ar.putArchiveEntry(new ArArchiveEntry((String) members[i], b.length, 0, 0, 0100644, 0));
        ar.write(b);
        ar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A plain .deb with {@code data} as its uncompressed data.tar. */
  static Path deb(Path out, byte[] data) {
    return ar(out, "debian-binary", bytes("2.0\n"), "control.tar", controlTar(), "data.tar", data);
  }

  static byte[] controlTar() {
    return tar(file("./control", CONTROL));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  record Item(TarArchiveEntry entry, byte[] content) {}

  static Item file(String name, String content) {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(content.length());
    e.setMode(0644);
    return new Item(e, bytes(content));
  }

  static Item dir(String name) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_DIR, true);
    e.setMode(0755);
    return new Item(e, new byte[0]);
  }

  static Item link(String name, byte flag, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
    e.setLinkName(target);
    e.setMode(0777);
    return new Item(e, new byte[0]);
  }

  static Item special(String name, byte flag) {
    TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
    e.setMode(0644);
    e.setDevMajor(1);
    e.setDevMinor(3);
    return new Item(e, new byte[0]);
  }

  static byte[] tar(Item... items) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buf)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      for (Item i : items) {
        tar.putArchiveEntry(i.entry());
        tar.write(i.content());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toByteArray();
  }
}
