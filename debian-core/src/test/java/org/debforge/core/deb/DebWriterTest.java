package org.debforge.core.deb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.Paragraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our .debs: byte-identical to a golden file, and read the same by dpkg-deb and by us. */
class DebWriterTest {
  static final long EPOCH = 1_700_000_000L;
  static final Path GOLDEN = Path.of("src/test/resources/org/debforge/core/deb/hello_1.0_all.deb");

  @TempDir Path tmp;

  static Paragraph control() {
    return Deb822.parseOne(
        "Package: debforge-hello\nVersion: 1.0\nArchitecture: all\n"
            + "Maintainer: debforge <debforge@example.org>\nSection: misc\nPriority: optional\n"
            + "Description: test package written by debforge\n A tiny package.\n",
        "control");
  }

  /** A fixed tree: modes set explicitly so the umask cannot change the output. */
  static Path tree(Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("usr/bin"));
    Path doc = Files.createDirectories(dir.resolve("usr/share/doc/debforge-hello"));
    Files.writeString(bin.resolve("debforge-hello"), "#!/bin/sh\necho hello\n");
    Files.writeString(doc.resolve("copyright"), "Public domain.\n");
    Files.createSymbolicLink(bin.resolve("hello-link"), Path.of("debforge-hello"));
    for (Path d :
        new Path[] {
          dir.resolve("usr"), bin, dir.resolve("usr/share"), dir.resolve("usr/share/doc"), doc
        }) {
      Files.setAttribute(d, "unix:mode", 0755);
    }
    Files.setAttribute(bin.resolve("debforge-hello"), "unix:mode", 0755);
    Files.setAttribute(doc.resolve("copyright"), "unix:mode", 0644);
    return dir;
  }

  static Path build(Path tmp, Compression c) throws Exception {
    Path out = tmp.resolve("hello-" + c + ".deb");
    DebWriter.of(control())
        .compression(c)
        .mtime(EPOCH)
        .tree(tree(Files.createDirectories(tmp.resolve("tree-" + c))))
        .controlFile("postinst", 0755, "#!/bin/sh\nset -e\nexit 0\n")
        .write(out);
    return out;
  }

  @Test
  void outputIsByteIdenticalToGolden() throws Exception {
    Path out = build(tmp, Compression.XZ);
    if (Boolean.getBoolean("debforge.updateGolden")) {
      Files.copy(out, GOLDEN, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(GOLDEN));
  }

  @ParameterizedTest
  @EnumSource(names = {"XZ", "GZIP", "ZSTD", "NONE"})
  void dpkgDebAgreesWithOurReader(Compression c) throws Exception {
    Path deb = build(tmp, c);
    DebInfo info = DebArchive.read(deb);
    assertThat(info.dataMember()).isEqualTo("data.tar" + c.extension());
    assertThat(DpkgDebInfo.format(info)).isEqualTo(Dpkg.run("dpkg-deb", "-I", deb.toString()));
    assertThat(Dpkg.contents(deb)).isEqualTo(Dpkg.run("dpkg-deb", "-c", deb.toString()));
    // As dpkg-gencontrol counts: 1 KiB per started KiB of each file, 1 per directory/symlink.
    assertThat(info.control().value("Installed-Size")).isEqualTo("8");
    assertThat(Dpkg.run("dpkg-deb", "-f", deb.toString(), "Package")).isEqualTo("debforge-hello\n");
    // Every entry root-owned at the fixed time; md5sums lists both regular files.
    assertThat(info.data())
        .allSatisfy(
            e -> {
              assertThat(e.userName()).isEqualTo("root");
              assertThat(e.mtime()).isEqualTo(EPOCH);
            });
    assertThat(info.controlMembers())
        .extracting(ControlMember::name)
        .containsExactly("control", "md5sums", "postinst");
    Path x = tmp.resolve("x-" + c);
    Dpkg.run("dpkg-deb", "-e", deb.toString(), x.toString());
    assertThat(Files.readString(x.resolve("md5sums")))
        .isEqualTo(
            Dpkg.run(
                "sh",
                "-c",
                "cd "
                    + tmp.resolve("tree-" + c)
                    + " && md5sum usr/bin/debforge-hello usr/share/doc/debforge-hello/copyright"));
  }

  @Test
  void sameInputsSameBytes() throws Exception {
    Path a = build(tmp.resolve("a"), Compression.ZSTD);
    Path b = build(tmp.resolve("b"), Compression.ZSTD);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }
}
