package org.debforge.core.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.core.FormatException;

/**
 * A deb822 paragraph: ordered fields looked up case-insensitively, keeping the spelling and order
 * they were written in. Mutable, so typed views and writers can edit in place; setting an existing
 * field keeps its position.
 */
public final class Paragraph implements Iterable<Field> {
  // Parsed paragraphs start lazy: the source text plus offsets of each field, with strings made
  // only for the fields a caller reads. Scanning a 63k-paragraph Packages file for two fields
  // then costs little more than finding the line breaks. Any mutation switches to a list.
  private static final int SPAN = 6; // nameStart, nameEnd, valueStart, valueEnd, line, dirty
  private ArrayList<Field> fields;
  private String text;
  private byte[] raw; // when set, text is its Latin-1 view and values are decoded from it
  private int[] spans;
  private int count;
  private final String source;
  private final int line;

  /**
   * @param source where this paragraph came from (for error messages), or null
   * @param line 1-based line of its first field, or 0
   */
  public Paragraph(String source, int line) {
    this.fields = new ArrayList<>(16);
    this.source = source;
    this.line = line;
  }

  public Paragraph() {
    this(null, 0);
  }

  /**
   * A lazy paragraph over {@code text}, filled by the parser with {@link #appendSpan}. When {@code
   * raw} is given, {@code text} is its Latin-1 view and values are decoded from it as UTF-8.
   */
  Paragraph(String source, int line, String text, byte[] raw) {
    this.source = source;
    this.line = line;
    this.text = text;
    this.raw = raw;
    this.spans = new int[SPAN * 24];
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

  /**
   * Records a parsed field by its offsets in the text. {@code dirty} means the value span holds
   * whitespace or comment lines the value does not, so it must be rebuilt rather than cut out.
   */
  void appendSpan(
      int nameStart, int nameEnd, int valueStart, int valueEnd, int fieldLine, boolean dirty) {
    if (count * SPAN == spans.length) {
      spans = java.util.Arrays.copyOf(spans, spans.length * 2);
    }
    int o = count * SPAN;
    spans[o] = nameStart;
    spans[o + 1] = nameEnd;
    spans[o + 2] = valueStart;
    spans[o + 3] = valueEnd;
    spans[o + 4] = fieldLine;
    spans[o + 5] = dirty ? 1 : 0;
    count++;
  }

  /** The index of a field named like {@code text[from, to)}, for the parser's duplicate check. */
  int indexOfSpanName(int from, int to) {
    int len = to - from;
    for (int i = 0; i < count; i++) {
      int o = i * SPAN;
      if (spans[o + 1] - spans[o] == len && text.regionMatches(true, spans[o], text, from, len)) {
        return i;
      }
    }
    return -1;
  }

  private boolean lazy() {
    return fields == null;
  }

  private void materialize() {
    if (lazy()) {
      ArrayList<Field> list = new ArrayList<>(count + 4);
      for (int i = 0; i < count; i++) {
        list.add(fieldAt(i));
      }
      fields = list;
      text = null;
      raw = null;
      spans = null;
    }
  }

  private int indexOf(String name) {
    // Paragraphs are short (about 20 fields): a scan beats hashing a lower-cased copy of the name.
    if (lazy()) {
      int len = name.length();
      for (int i = 0; i < count; i++) {
        int o = i * SPAN;
        if (spans[o + 1] - spans[o] == len && text.regionMatches(true, spans[o], name, 0, len)) {
          return i;
        }
      }
      return -1;
    }
    for (int i = 0, n = fields.size(); i < n; i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  String nameAt(int i) {
    return lazy() ? text.substring(spans[i * SPAN], spans[i * SPAN + 1]) : fields.get(i).name();
  }

  String valueAt(int i) {
    if (!lazy()) {
      return fields.get(i).value();
    }
    int o = i * SPAN;
    int from = spans[o + 2];
    int to = spans[o + 3];
    if (spans[o + 5] != 0) {
      String v = normalizedValue(from, to);
      return raw == null
          ? v
          : new String(v.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
    return raw == null
        ? text.substring(from, to)
        : new String(raw, from, to - from, StandardCharsets.UTF_8);
  }

  int lineAt(int i) {
    return lazy() ? spans[i * SPAN + 4] : fields.get(i).line();
  }

  private Field fieldAt(int i) {
    return lazy() ? new Field(nameAt(i), valueAt(i), lineAt(i)) : fields.get(i);
  }

  /** The value as the parser defines it: line ends trimmed, comment lines dropped. */
  private String normalizedValue(int from, int to) {
    StringBuilder sb = new StringBuilder(to - from);
    int pos = from;
    boolean first = true;
    while (pos <= to) {
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 || nl > to ? to : nl;
      int e = end;
      while (e > pos && Deb822.isBlank(text.charAt(e - 1))) {
        e--;
      }
      if (first) {
        sb.append(text, pos, e);
        first = false;
      } else if (pos < end && text.charAt(pos) != '#') {
        sb.append('\n').append(text, pos, e);
      }
      pos = end + 1;
    }
    return sb.toString();
  }

  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** The field's value, or null when absent. */
  public String value(String name) {
    int i = indexOf(name);
    return i < 0 ? null : valueAt(i);
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(value(name));
  }

  public Optional<Field> field(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(fieldAt(i));
  }

  /** The value, which must be present and non-empty, else a {@link FormatException} naming it. */
  public String require(String name) {
    int i = indexOf(name);
    String v = i < 0 ? null : valueAt(i);
    if (v == null || v.isBlank()) {
      throw error(
          name,
          i < 0 ? "missing required field" : "required field is empty",
          "add a '" + name + ":' line to the paragraph");
    }
    return v;
  }

  /** An error located at this paragraph's field (or the paragraph start when absent). */
  public FormatException error(String name, String detail, String hint) {
    int at = name == null ? -1 : indexOf(name);
    int errLine = at >= 0 && lineAt(at) > 0 ? lineAt(at) : line;
    return new FormatException(source, errLine, name, detail, hint);
  }

  /** Sets a field, keeping its position (and the existing spelling of its name) if present. */
  public Paragraph set(String name, String value) {
    materialize();
    int i = indexOf(name);
    if (i >= 0) {
      Field old = fields.get(i);
      fields.set(i, new Field(old.name(), value, old.line()));
    } else {
      fields.add(new Field(name, value));
    }
    return this;
  }

  /** Appends a field as it is. Duplicates are the caller's concern. */
  void append(Field field) {
    materialize();
    fields.add(field);
  }

  public boolean remove(String name) {
    materialize();
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
    for (int i = 0, n = size(); i < n; i++) {
      if (!out.has(nameAt(i))) {
        out.append(fieldAt(i));
      }
    }
    return out;
  }

  public List<Field> fields() {
    materialize();
    return Collections.unmodifiableList(fields);
  }

  /**
   * The fields as an ordered name-to-value map (names as written), the shape JSON output and
   * templates want. Field names are unique within a paragraph, so nothing is lost.
   */
  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (Field f : fields()) {
      map.put(f.name(), f.value());
    }
    return Collections.unmodifiableMap(map);
  }

  public int size() {
    return lazy() ? count : fields.size();
  }

  public boolean isEmpty() {
    return size() == 0;
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
    if (!(o instanceof Paragraph other) || other.size() != size()) {
      return false;
    }
    for (int i = 0, n = size(); i < n; i++) {
      if (!nameAt(i).equals(other.nameAt(i)) || !valueAt(i).equals(other.valueAt(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0, n = size(); i < n; i++) {
      h = 31 * h + nameAt(i).hashCode() * 17 + valueAt(i).hashCode();
    }
    return h;
  }
}
