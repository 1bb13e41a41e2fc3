package org.debforge.compose.metadata;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What productmd's {@code payload.compose} says of a compose: its id, date, respin and type.
 *
 * @param type {@code production} or {@code test} (Pungi's compose types we use)
 */
public record ComposeHeader(String id, LocalDate date, int respin, String type) {
  public ComposeHeader {
    if (!type.equals("production") && !type.equals("test")) {
      throw new IllegalArgumentException("compose type is production or test, not " + type);
    }
  }

  /** productmd's date: {@code YYYYMMDD}. */
  public String dateText() {
    return date.format(DateTimeFormatter.BASIC_ISO_DATE);
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", dateText());
    m.put("id", id);
    m.put("respin", respin);
    m.put("type", type);
    return m;
  }

  /** productmd's {@code header}: the document type and format version 1.2. */
  static Map<String, Object> header(String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("version", "1.2");
    return m;
  }
}
