package org.debforge.orchestrator.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A link to a page with query parameters; empty values are left out, every value is encoded. */
final class Href {
  private final StringBuilder sb;
  private char sep = '?';

  private Href(String path) {
    this.sb = new StringBuilder(path);
  }

  static Href of(String path) {
    return new Href(path);
  }

  /** A path with one segment per part, each percent-encoded (names come from the database). */
  static String path(String... parts) {
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      b.append('/').append(URLEncoder.encode(p, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return b.toString();
  }

  Href with(String name, Object value) {
    if (value != null && !value.toString().isEmpty() && !Boolean.FALSE.equals(value)) {
      sb.append(sep)
          .append(name)
          .append('=')
          .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return this;
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
