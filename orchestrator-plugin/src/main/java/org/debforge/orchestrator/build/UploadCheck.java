package org.debforge.orchestrator.build;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.control.Changes;
import org.debforge.core.control.Deb822;
import org.debforge.core.control.ListedFile;
import org.debforge.core.control.Paragraph;
import org.debforge.core.deb.DebReader;
import org.debforge.core.version.DebianVersion;

/**
 * What dak checks of an upload before it accepts it: every binary package the .changes lists is
 * read whole and must be what the .changes says it is. Runs before anything is stored, so a refusal
 * leaves no trace. Mismatches between a package and its .changes are VERIFICATION_FAILED; a package
 * that is not one (truncated, two control paragraphs, a bad field) is INVALID_INPUT; an entry that
 * would be written outside the tree is UNSAFE_INPUT, as everywhere in debforge.
 */
final class UploadCheck {
  private static final String NAME = "[a-z0-9][a-z0-9+.-]+";
  private static final String ARCH = "[a-z0-9][a-z0-9-]*";

  private UploadCheck() {}

  /** A listed binary package, as its control paragraph describes it. */
  record Binary(String file, String pkg, String version, String architecture, Paragraph control) {}

  /** Listed files must be plain files in the directory: a symlink could import anything. */
  static void requireRegularFiles(Path dir, Changes changes) {
    for (ListedFile f : changes.files()) {
      Path p = dir.resolve(f.name());
      if (Files.isSymbolicLink(p)
          || (Files.exists(p, LinkOption.NOFOLLOW_LINKS)
              && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
        throw new DebforgeException(
            ErrorKind.UNSAFE_INPUT,
            p + ": listed in the .changes but not a regular file (a symbolic link or special file)",
            "put the files themselves next to the .changes, not links to them");
      }
    }
  }

  /** Reads and checks every .deb, .udeb and .ddeb the .changes lists. */
  static List<Binary> binaries(Path dir, String changesName, Changes changes) {
    List<Binary> out = new ArrayList<>();
    for (ListedFile f : changes.files()) {
      String kind = BuildFile.kindOf(f.name());
      if (kind.equals("deb") || kind.equals("udeb") || kind.equals("ddeb")) {
        out.add(check(dir.resolve(f.name()), f.name(), changesName, changes));
      }
    }
    return out;
  }

  private static Binary check(Path deb, String name, String changesName, Changes changes) {
    Paragraph control;
    try (DebReader reader = DebReader.open(deb)) {
      byte[] text = reader.controlFile();
      if (text == null) {
        throw invalid(deb, "control", "has no control file in " + reader.controlMember());
      }
      control =
          Deb822.parseOne(
              new String(text, java.nio.charset.StandardCharsets.UTF_8),
              deb + ":" + reader.controlMember() + ":control");
      // The whole data.tar must read, with every entry staying inside the package's tree.
      reader.readData(
          (entry, content) -> {
            requireInside(deb, reader.dataMember(), entry.path());
            if (entry.type() == org.debforge.core.deb.TarEntry.Type.HARDLINK) {
              requireInside(deb, reader.dataMember(), entry.linkTarget());
            }
            drain(content);
          });
    }
    String pkg = field(deb, control, "Package", NAME);
    String version = field(deb, control, "Version", null);
    try {
      DebianVersion.parse(version);
    } catch (DebforgeException e) {
      throw invalid(deb, "Version", "'" + version + "' is not a Debian version");
    }
    String arch = field(deb, control, "Architecture", ARCH);
    field(deb, control, "Maintainer", null);
    field(deb, control, "Description", null);

    String sourceName = pkg;
    String sourceVersion = version;
    String source = control.value("Source");
    if (source != null) {
      String s = source.strip();
      int paren = s.indexOf('(');
      sourceName = paren < 0 ? s : s.substring(0, paren).strip();
      if (paren >= 0) {
        if (!s.endsWith(")")) {
          throw invalid(deb, "Source", "'" + s + "' is not 'name' or 'name (version)'");
        }
        sourceVersion = s.substring(paren + 1, s.length() - 1).strip();
      }
      if (!sourceName.matches(NAME)) {
        throw invalid(deb, "Source", "'" + sourceName + "' is not a source package name");
      }
    }

    if (!changes.binary().contains(pkg)) {
      throw mismatch(
          deb,
          "Package",
          "'"
              + pkg
              + "' is not in the Binary field of "
              + changesName
              + " ("
              + words(changes.binary())
              + ")");
    }
    if (!version.equals(changes.version())) {
      throw mismatch(
          deb,
          "Version",
          "'"
              + version
              + "' is not the Version of "
              + changesName
              + " ('"
              + changes.version()
              + "')");
    }
    String uploadSourceVersion = changes.sourceVersion().orElse(changes.version());
    if (!sourceName.equals(changes.source()) || !sourceVersion.equals(uploadSourceVersion)) {
      throw mismatch(
          deb,
          "Source",
          "'"
              + sourceName
              + " ("
              + sourceVersion
              + ")' is not the source of "
              + changesName
              + " ('"
              + changes.source()
              + " ("
              + uploadSourceVersion
              + ")')");
    }
    List<String> arches = new ArrayList<>(changes.architecture());
    arches.remove("source");
    if (!arches.contains(arch)) {
      throw mismatch(
          deb,
          "Architecture",
          "'"
              + arch
              + "' is not one of the Architecture of "
              + changesName
              + " ("
              + words(arches)
              + ")");
    }
    return new Binary(name, pkg, version, arch, control);
  }

  private static String field(Path deb, Paragraph control, String name, String pattern) {
    String v = control.value(name);
    if (v == null || v.isBlank()) {
      throw invalid(deb, name, "is missing from the control paragraph");
    }
    v = v.strip();
    if (pattern != null && !v.matches(pattern)) {
      throw invalid(deb, name, "'" + v + "' is not valid");
    }
    return v;
  }

  private static void requireInside(Path deb, String member, String path) {
    if (path.startsWith("/")) {
      throw unsafe(deb, member, path, "an absolute path");
    }
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        throw unsafe(deb, member, path, "a '..' component");
      }
    }
  }

  private static void drain(InputStream in) throws java.io.IOException {
    byte[] buf = new byte[1 << 16];
    while (in.read(buf) >= 0) {
      // read to the end: a truncated or corrupt member fails here, not when apt unpacks it
    }
  }

  private static String words(List<String> list) {
    return String.join(" ", list);
  }

  private static DebforgeException invalid(Path deb, String field, String what) {
    return new DebforgeException(
        ErrorKind.INVALID_INPUT,
        deb + ": control field " + field + " " + what,
        "a binary package's control paragraph needs valid Package, Version, Architecture,"
            + " Maintainer and Description fields (deb-control(5))");
  }

  private static DebforgeException mismatch(Path deb, String field, String what) {
    return new DebforgeException(
        ErrorKind.VERIFICATION_FAILED,
        deb + ": control field " + field + " " + what,
        "the .changes must describe the packages it lists; rebuild them together"
            + " (dpkg-genchanges writes the .changes from the packages)");
  }

  private static DebforgeException unsafe(Path deb, String member, String path, String why) {
    return new DebforgeException(
        ErrorKind.UNSAFE_INPUT,
        deb + ": " + member + " entry '" + path + "' is " + why,
        "a package's files must stay inside its tree; do not import or install it");
  }
}
