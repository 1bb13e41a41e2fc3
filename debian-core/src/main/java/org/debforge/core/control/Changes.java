package org.debforge.core.control;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** An upload control file ({@code .changes}), validated on construction. */
public final class Changes implements FileListing {
  /** Field order of dpkg-genchanges (Dpkg::Control::FieldsCore, CTRL_FILE_CHANGES). */
  public static final List<String> FIELD_ORDER =
      List.of(
          "Format",
          "Date",
          "Source",
          "Binary",
          "Binary-Only",
          "Built-For-Profiles",
          "Architecture",
          "Version",
          "Distribution",
          "Urgency",
          "Maintainer",
          "Changed-By",
          "Description",
          "Closes",
          "Changes",
          "Checksums-Md5",
          "Checksums-Sha1",
          "Checksums-Sha256",
          "Files");

  private final Paragraph paragraph;
  private final String format;
  private final FieldValues.NameVersion source;
  private final long timestamp;
  private final List<ListedFile> files;

  public Changes(Paragraph paragraph) {
    this.paragraph = paragraph;
    Paragraph p = paragraph;
    this.format = p.require("Format").strip();
    if (!format.matches("1\\.[0-9]+")) {
      throw p.error("Format", "unsupported .changes format '" + format + "'", "expected 1.8");
    }
    this.timestamp =
        Changelog.parseDate(
            p.require("Date"), p.source(), p.field("Date").map(Field::line).orElse(0));
    this.source = FieldValues.sourceWithVersion(p, "Source");
    FieldValues.packageNames(p, "Binary", FieldValues.words(p.value("Binary")));
    if (FieldValues.words(p.require("Architecture")).isEmpty()) {
      throw p.error("Architecture", "empty", "e.g. 'source all amd64'");
    }
    FieldValues.version(p, "Version", p.require("Version").strip());
    p.require("Distribution");
    p.require("Maintainer");
    p.require("Changes");
    for (String bug : FieldValues.words(p.value("Closes"))) {
      if (!bug.matches("[0-9]+")) {
        throw p.error("Closes", "'" + bug + "' is not a bug number", "Closes lists bug numbers");
      }
    }
    // Format 1.8 (dpkg 1.15) added Checksums-*; older uploads only have Files.
    int minor = Integer.parseInt(format.substring(2));
    this.files =
        FileLists.read(
            p,
            FileLists.SOURCE_FIELDS,
            minor >= 8
                ? List.of(ChecksumField.MD5, ChecksumField.SHA256)
                : List.of(ChecksumField.MD5));
    FileLists.requireSome(p, "Files", files);
    for (ListedFile f : files) {
      if (f.section() == null) {
        throw p.error(
            "Files",
            "'" + f.name() + "' has no section and priority",
            "in a .changes each line is 'md5 size section priority name'");
      }
    }
  }

  public static Changes read(Path file) {
    return new Changes(Deb822.readOne(file));
  }

  public static Changes parse(String text, String source) {
    return new Changes(Deb822.parseOne(text, source));
  }

  @Override
  public Paragraph paragraph() {
    return paragraph;
  }

  public String format() {
    return format;
  }

  public String date() {
    return paragraph.require("Date").strip();
  }

  /** The Date as seconds since the epoch. */
  public long timestamp() {
    return timestamp;
  }

  /** The source package name, without the version that binNMU uploads add. */
  public String source() {
    return source.name();
  }

  /** The version in {@code Source: name (version)}, when it differs from the binary version. */
  public Optional<String> sourceVersion() {
    return Optional.ofNullable(source.version());
  }

  public List<String> binary() {
    return FieldValues.words(paragraph.value("Binary"));
  }

  public String version() {
    return paragraph.require("Version").strip();
  }

  public List<String> distribution() {
    return FieldValues.words(paragraph.value("Distribution"));
  }

  public Optional<String> urgency() {
    return Optional.ofNullable(FieldValues.optional(paragraph, "Urgency"));
  }

  public String maintainer() {
    return paragraph.require("Maintainer").strip();
  }

  public Optional<String> changedBy() {
    return Optional.ofNullable(FieldValues.optional(paragraph, "Changed-By"));
  }

  /** The Description value: one {@code package - synopsis} line per binary. */
  public Optional<String> description() {
    return Optional.ofNullable(paragraph.value("Description"));
  }

  public List<String> closes() {
    return FieldValues.words(paragraph.value("Closes"));
  }

  /** The Changes value as written (changelog lines, blank lines as {@code " ."}). */
  public String changes() {
    return paragraph.require("Changes");
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
