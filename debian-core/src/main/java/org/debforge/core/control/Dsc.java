package org.debforge.core.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Debian source control file ({@code .dsc}), validated on construction. Versions and relations
 * are kept as written; their grammar belongs to {@code org.debforge.core.version}.
 */
public final class Dsc implements FileListing {
  /** Field order of dpkg-source (Dpkg::Control::FieldsCore, CTRL_PKG_SRC). */
  public static final List<String> FIELD_ORDER =
      List.of(
          "Format",
          "Source",
          "Binary",
          "Architecture",
          "Version",
          "Origin",
          "Maintainer",
          "Uploaders",
          "Homepage",
          "Description",
          "Standards-Version",
          "Vcs-Browser",
          "Vcs-Arch",
          "Vcs-Bzr",
          "Vcs-Cvs",
          "Vcs-Darcs",
          "Vcs-Git",
          "Vcs-Hg",
          "Vcs-Mtn",
          "Vcs-Svn",
          "Testsuite",
          "Testsuite-Triggers",
          "Build-Depends",
          "Build-Depends-Arch",
          "Build-Depends-Indep",
          "Build-Conflicts",
          "Build-Conflicts-Arch",
          "Build-Conflicts-Indep",
          "Package-List",
          "Checksums-Md5",
          "Checksums-Sha1",
          "Checksums-Sha256",
          "Files");

  /** Source formats dpkg-source can unpack. */
  public static final Set<String> FORMATS =
      Set.of("1.0", "3.0 (native)", "3.0 (quilt)", "3.0 (git)", "3.0 (bzr)");

  /** One line of Package-List: {@code name type section priority key=value...}. */
  public record PackageListEntry(
      String name, String type, String section, String priority, Map<String, String> attributes) {
    public PackageListEntry {
      attributes = Map.copyOf(attributes);
    }
  }

  private final Paragraph paragraph;
  private final String format;
  private final String source;
  private final String version;
  private final List<ListedFile> files;
  private final List<PackageListEntry> packageList;

  /** Validates {@code paragraph} as a .dsc; it is kept, not copied. */
  public Dsc(Paragraph paragraph) {
    this.paragraph = paragraph;
    Paragraph p = paragraph;
    this.format = p.require("Format").strip();
    if (!FORMATS.contains(format)) {
      throw p.error(
          "Format",
          "unsupported source format '" + format + "'",
          "dpkg-source knows " + String.join(", ", new java.util.TreeSet<>(FORMATS)));
    }
    this.source = FieldValues.packageName(p, "Source");
    FieldValues.packageNames(p, "Binary", FieldValues.commaList(p.value("Binary")));
    if (FieldValues.words(p.require("Architecture")).isEmpty()) {
      throw p.error("Architecture", "empty", "e.g. 'any' or 'all'");
    }
    this.version = FieldValues.version(p, "Version", p.require("Version").strip());
    p.require("Maintainer");
    // Format 1.0 predates Checksums-*; every 3.0 .dsc dpkg-source wrote has Checksums-Sha256.
    this.files =
        FileLists.read(
            p,
            FileLists.SOURCE_FIELDS,
            format.equals("1.0")
                ? List.of(ChecksumField.MD5)
                : List.of(ChecksumField.MD5, ChecksumField.SHA256));
    FileLists.requireSome(p, "Files", files);
    this.packageList = parsePackageList(p);
  }

  public static Dsc read(Path file) {
    return new Dsc(Deb822.readOne(file));
  }

  public static Dsc parse(String text, String source) {
    return new Dsc(Deb822.parseOne(text, source));
  }

  private static List<PackageListEntry> parsePackageList(Paragraph p) {
    List<PackageListEntry> out = new ArrayList<>();
    Optional<Field> field = p.field("Package-List");
    if (field.isEmpty()) {
      return out;
    }
    for (String line : field.get().lines()) {
      String[] w = line.split("\\s+");
      if (w.length < 4) {
        throw p.error(
            "Package-List",
            "expected 'package type section priority', got '" + line + "'",
            "e.g. ' hello deb devel optional arch=any'");
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      for (int i = 4; i < w.length; i++) {
        int eq = w[i].indexOf('=');
        if (eq <= 0) {
          throw p.error("Package-List", "expected key=value, got '" + w[i] + "'", null);
        }
        attrs.put(w[i].substring(0, eq), w[i].substring(eq + 1));
      }
      out.add(new PackageListEntry(w[0], w[1], w[2], w[3], attrs));
    }
    return out;
  }

  @Override
  public Paragraph paragraph() {
    return paragraph;
  }

  public String format() {
    return format;
  }

  public String source() {
    return source;
  }

  public List<String> binary() {
    return FieldValues.commaList(paragraph.value("Binary"));
  }

  public String version() {
    return version;
  }

  public String maintainer() {
    return paragraph.require("Maintainer").strip();
  }

  public List<String> uploaders() {
    return FieldValues.commaList(paragraph.value("Uploaders"));
  }

  public Optional<String> standardsVersion() {
    return Optional.ofNullable(FieldValues.optional(paragraph, "Standards-Version"));
  }

  /** A build relation field as written (Build-Depends, -Arch, -Indep, Build-Conflicts...). */
  public Optional<String> relation(String field) {
    return Optional.ofNullable(FieldValues.optional(paragraph, field));
  }

  public Optional<String> buildDepends() {
    return relation("Build-Depends");
  }

  public Optional<String> buildDependsArch() {
    return relation("Build-Depends-Arch");
  }

  public Optional<String> buildDependsIndep() {
    return relation("Build-Depends-Indep");
  }

  public List<PackageListEntry> packageList() {
    return packageList;
  }

  @Override
  public List<ListedFile> files() {
    return files;
  }

  @Override
  public List<String> fieldOrder() {
    return FIELD_ORDER;
  }

  @Override
  public String toString() {
    return text();
  }
}
