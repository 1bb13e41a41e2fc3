package org.debforge.core.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.debforge.core.FormatException;

/**
 * A deb822 paragraph: ordered fields looked up case-insensitively, keeping the spelling and order
 * they were written in. Mutable, so typed views and writers can edit in place; setting an existing
 * field keeps its position.
 */
public final class Paragraph implements Iterable<Field> {
  private final ArrayList<Field> fields;
  private final String source;
  private final int line;

  /**
   * @param source where this paragraph came from (for error messages), or null
   * @param line 1-based line of its first field, or 0
   */
  public Paragraph(String source, int line) {
    this.fields = new ArrayList<>(24);
    this.source = source;
    this.line = line;
  }

  public Paragraph() {
    this(null, 0);
  }

  public static Paragraph of(String... nameValuePairs) {
    if (nameValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException("expected name/value pairs");
    }
    Paragraph p = new Paragraph();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      p.set(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return p;
  }

  /** Where this paragraph came from, for error messages: a file name, or null. */
  public String source() {
    return source;
  }

  public int line() {
    return line;
  }

  private int indexOf(String name) {
    // Paragraphs are short (about 20 fields): a scan beats hashing a lower-cased copy of the name.
    for (int i = 0, n = fields.size(); i < n; i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** The field's value, or null when absent. */
  public String value(String name) {
    int i = indexOf(name);
    return i < 0 ? null : fields.get(i).value();
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(value(name));
  }

  public Optional<Field> field(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(fields.get(i));
  }

  /** The value, which must be present and non-empty, else a {@link FormatException} naming it. */
  public String require(String name) {
    int i = indexOf(name);
    if (i < 0 || fields.get(i).value().isBlank()) {
      throw error(
          name,
          i < 0 ? "missing required field" : "required field is empty",
          "add a '" + name + ":' line to the paragraph");
    }
    return fields.get(i).value();
  }

  /** An error located at this paragraph's field (or the paragraph start when absent). */
  public FormatException error(String name, String detail, String hint) {
    int at = name == null ? -1 : indexOf(name);
    int errLine = at >= 0 && fields.get(at).line() > 0 ? fields.get(at).line() : line;
    return new FormatException(source, errLine, name, detail, hint);
  }

  /** Sets a field, keeping its position (and the existing spelling of its name) if present. */
  public Paragraph set(String name, String value) {
    int i = indexOf(name);
    if (i >= 0) {
      Field old = fields.get(i);
      fields.set(i, new Field(old.name(), value, old.line()));
    } else {
      fields.add(new Field(name, value));
    }
    return this;
  }

  /** Appends a field read from a source. Duplicates are the parser's concern. */
  void append(Field field) {
    fields.add(field);
  }

  public boolean remove(String name) {
    int i = indexOf(name);
    if (i < 0) {
      return false;
    }
    fields.remove(i);
    return true;
  }

  /**
   * A copy with the fields named in {@code order} first, in that order, then the rest in their
   * current order: how dpkg-source and dpkg-genchanges lay out the files they write.
   */
  public Paragraph reordered(List<String> order) {
    Paragraph out = new Paragraph(source, line);
    for (String name : order) {
      field(name).ifPresent(out::append);
    }
    for (Field f : fields) {
      if (!out.has(f.name())) {
        out.append(f);
      }
    }
    return out;
  }

  public List<Field> fields() {
    return Collections.unmodifiableList(fields);
  }

  public int size() {
    return fields.size();
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  @Override
  public Iterator<Field> iterator() {
    return fields().iterator();
  }

  /** The paragraph as deb822 text, each field on its line, with no trailing blank line. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    Deb822.write(this, sb);
    return sb.toString();
  }

  /** Equal when they have the same fields, in the same order, with the same spelling. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Paragraph other) || other.fields.size() != fields.size()) {
      return false;
    }
    for (int i = 0; i < fields.size(); i++) {
      Field a = fields.get(i);
      Field b = other.fields.get(i);
      if (!a.name().equals(b.name()) || !a.value().equals(b.value())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (Field f : fields) {
      h = 31 * h + f.name().hashCode() * 17 + f.value().hashCode();
    }
    return h;
  }
}
