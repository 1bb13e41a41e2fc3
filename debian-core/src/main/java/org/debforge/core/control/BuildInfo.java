package org.debforge.core.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build record ({@code .buildinfo}, as dpkg-genbuildinfo writes it), validated on construction.
 */
public final class BuildInfo implements FileListing {
  /** Field order of dpkg-genbuildinfo (Dpkg::Control::FieldsCore, CTRL_FILE_BUILDINFO). */
  public static final List<String> FIELD_ORDER =
      List.of(
          "Format",
          "Source",
          "Binary",
          "Architecture",
          "Version",
          "Binary-Only-Changes",
          "Checksums-Md5",
          "Checksums-Sha1",
          "Checksums-Sha256",
          "Build-Origin",
          "Build-Architecture",
          "Build-Kernel-Version",
          "Build-Date",
          "Build-Path",
          "Build-Tainted-By",
          "Installed-Build-Depends",
          "Environment");

  /** One entry of Installed-Build-Depends: {@code name (= version)}, with an optional arch. */
  public record InstalledPackage(String name, String architecture, String version) {}

  private static final Pattern INSTALLED =
      Pattern.compile("([a-z0-9][a-z0-9+.-]+)(?::([a-z0-9-]+))?\\s*\\(\\s*=\\s*([^\\s)]+)\\s*\\)");
  private static final Pattern ENVIRONMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"(.*)\"");

  private final Paragraph paragraph;
  private final FieldValues.NameVersion source;
  private final List<ListedFile> files;
  private final List<InstalledPackage> installedBuildDepends;
  private final Map<String, String> environment;

  public BuildInfo(Paragraph paragraph) {
    this.paragraph = paragraph;
    Paragraph p = paragraph;
    String format = p.require("Format").strip();
    if (!format.matches("1\\.[0-9]+")) {
      throw p.error("Format", "unsupported .buildinfo format '" + format + "'", "expected 1.0");
    }
    this.source = FieldValues.sourceWithVersion(p, "Source");
    FieldValues.packageNames(p, "Binary", FieldValues.words(p.value("Binary")));
    if (FieldValues.words(p.require("Architecture")).isEmpty()) {
      throw p.error("Architecture", "empty", "e.g. 'all source'");
    }
    FieldValues.version(p, "Version", p.require("Version").strip());
    this.files = FileLists.read(p, FileLists.BUILDINFO_FIELDS, List.of(ChecksumField.SHA256));
    if (p.has("Build-Date")) {
      Changelog.parseDate(
          p.value("Build-Date"), p.source(), p.field("Build-Date").map(Field::line).orElse(0));
    }
    this.installedBuildDepends = parseInstalled(p);
    this.environment = parseEnvironment(p);
  }

  public static BuildInfo read(Path file) {
    return new BuildInfo(Deb822.readOne(file));
  }

  public static BuildInfo parse(String text, String source) {
    return new BuildInfo(Deb822.parseOne(text, source));
  }

  private static List<InstalledPackage> parseInstalled(Paragraph p) {
    List<InstalledPackage> out = new ArrayList<>();
    for (String entry : FieldValues.commaList(p.value("Installed-Build-Depends"))) {
      Matcher m = INSTALLED.matcher(entry);
      if (!m.matches()) {
        throw p.error(
            "Installed-Build-Depends",
            "expected 'package (= version)', got '" + entry + "'",
            "dpkg-genbuildinfo records each installed package with its exact version");
      }
      out.add(new InstalledPackage(m.group(1), m.group(2), m.group(3)));
    }
    return out;
  }

  /** dpkg-genbuildinfo writes {@code KEY="value"} with {@code "} escaped as {@code \"}. */
  private static Map<String, String> parseEnvironment(Paragraph p) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<Field> field = p.field("Environment");
    if (field.isEmpty()) {
      return out;
    }
    for (String line : field.get().lines()) {
      Matcher m = ENVIRONMENT.matcher(line);
      if (!m.matches()) {
        throw p.error(
            "Environment", "expected KEY=\"value\", got '" + line + "'", "e.g. LANG=\"C.UTF-8\"");
      }
      out.put(m.group(1), m.group(2).replace("\\\"", "\""));
    }
    return out;
  }

  @Override
  public Paragraph paragraph() {
    return paragraph;
  }

  public String format() {
    return paragraph.require("Format").strip();
  }

  public String source() {
    return source.name();
  }

  public Optional<String> sourceVersion() {
    return Optional.ofNullable(source.version());
  }

  public List<String> binary() {
    return FieldValues.words(paragraph.value("Binary"));
  }

  public String version() {
    return paragraph.require("Version").strip();
  }

  public Optional<String> buildOrigin() {
    return Optional.ofNullable(FieldValues.optional(paragraph, "Build-Origin"));
  }

  public Optional<String> buildArchitecture() {
    return Optional.ofNullable(FieldValues.optional(paragraph, "Build-Architecture"));
  }

  public Optional<String> buildDate() {
    return Optional.ofNullable(FieldValues.optional(paragraph, "Build-Date"));
  }

  public Optional<String> buildPath() {
    return Optional.ofNullable(FieldValues.optional(paragraph, "Build-Path"));
  }

  public List<String> buildTaintedBy() {
    return FieldValues.words(paragraph.value("Build-Tainted-By"));
  }

  public List<InstalledPackage> installedBuildDepends() {
    return installedBuildDepends;
  }

  public Map<String, String> environment() {
    return environment;
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
