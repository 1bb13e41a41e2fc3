package org.debforge.core.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.core.FormatException;

/**
 * A source package's {@code debian/control}: the source paragraph, then one paragraph per binary
 * package. {@code #} comment lines are allowed, as dpkg-source allows them.
 */
public final class DebianControl {
  /** One binary package paragraph; Section and Priority fall back to the source paragraph's. */
  public record Binary(Paragraph paragraph, Paragraph sourceParagraph) {
    public String packageName() {
      return paragraph.require("Package").strip();
    }

    public List<String> architecture() {
      return FieldValues.words(paragraph.value("Architecture"));
    }

    public Optional<String> section() {
      return inherited("Section");
    }

    public Optional<String> priority() {
      return inherited("Priority");
    }

    public Optional<String> depends() {
      return Optional.ofNullable(FieldValues.optional(paragraph, "Depends"));
    }

    /** A relation field as written (Pre-Depends, Recommends, Breaks...). */
    public Optional<String> relation(String field) {
      return Optional.ofNullable(FieldValues.optional(paragraph, field));
    }

    /** The Description value: synopsis, then extended lines as written. */
    public Optional<String> description() {
      return Optional.ofNullable(paragraph.value("Description"));
    }

    private Optional<String> inherited(String field) {
      String v = FieldValues.optional(paragraph, field);
      return Optional.ofNullable(v != null ? v : FieldValues.optional(sourceParagraph, field));
    }
  }

  private final Paragraph source;
  private final List<Binary> binaries;

  public DebianControl(List<Paragraph> paragraphs) {
    if (paragraphs.isEmpty()) {
      throw new FormatException(null, 0, null, "empty debian/control", "add a Source paragraph");
    }
    this.source = paragraphs.get(0);
    if (!source.has("Source")) {
      throw source.error(
          "Source",
          "the first paragraph is not a source paragraph",
          "debian/control starts with the 'Source:' paragraph, then one per binary package");
    }
    FieldValues.packageName(source, "Source");
    source.require("Maintainer");
    if (paragraphs.size() < 2) {
      throw new FormatException(
          source.source(),
          source.line(),
          null,
          "no binary package paragraph",
          "add a paragraph with 'Package:' and 'Architecture:'");
    }
    List<Binary> bins = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Paragraph p : paragraphs.subList(1, paragraphs.size())) {
      String name = FieldValues.packageName(p, "Package");
      p.require("Architecture");
      Integer first = seen.putIfAbsent(name, p.line());
      if (first != null) {
        throw p.error(
            "Package",
            "package '" + name + "' is defined twice (first at line " + first + ")",
            "each binary package has one paragraph");
      }
      bins.add(new Binary(p, source));
    }
    this.binaries = List.copyOf(bins);
  }

  public static DebianControl read(Path file) {
    return new DebianControl(Deb822.read(file, Deb822.Options.CONTROL_FILE));
  }

  public static DebianControl parse(String text, String source) {
    return new DebianControl(Deb822.parse(text, source, Deb822.Options.CONTROL_FILE));
  }

  public Paragraph sourceParagraph() {
    return source;
  }

  public String source() {
    return source.require("Source").strip();
  }

  public String maintainer() {
    return source.require("Maintainer").strip();
  }

  public Optional<String> relation(String field) {
    return Optional.ofNullable(FieldValues.optional(source, field));
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

  /** Rules-Requires-Root as written; absent means "binary-targets" for bookworm's dpkg. */
  public Optional<String> rulesRequiresRoot() {
    return Optional.ofNullable(FieldValues.optional(source, "Rules-Requires-Root"));
  }

  public List<Binary> binaries() {
    return binaries;
  }

  public List<Paragraph> paragraphs() {
    List<Paragraph> all = new ArrayList<>();
    all.add(source);
    binaries.forEach(b -> all.add(b.paragraph()));
    return all;
  }

  @Override
  public String toString() {
    return Deb822.write(paragraphs());
  }
}
