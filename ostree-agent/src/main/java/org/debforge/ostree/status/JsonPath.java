package org.debforge.ostree.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * The JSONPath subset {@code status --jsonpath} takes: {@code $}, then any of {@code .name}, {@code
 * ['name']} (for names with dashes or dots, {@code ["name"]} too), {@code [N]} (negative counts
 * from the end) and {@code [*]} / {@code .*}. The answer is an array of every match, as rpm-ostree
 * prints it. Filters, slices and recursive descent are refused with a hint rather than misread.
 */
public final class JsonPath {
  private JsonPath() {}

  public static ArrayNode select(JsonNode doc, String expr) {
    String e = expr.strip();
    if (!e.startsWith("$")) {
      throw bad(expr, 0, "a path starts with $");
    }
    List<JsonNode> current = new ArrayList<>(List.of(doc));
    int i = 1;
    while (i < e.length()) {
      char c = e.charAt(i);
      List<JsonNode> next = new ArrayList<>();
      if (c == '.') {
        if (i + 1 < e.length() && e.charAt(i + 1) == '.') {
          throw bad(expr, i, "recursive descent (..) is not supported");
        }
        int j = i + 1;
        while (j < e.length() && e.charAt(j) != '.' && e.charAt(j) != '[') {
          j++;
        }
        String name = e.substring(i + 1, j);
        if (name.isEmpty()) {
          throw bad(expr, i, "a name is missing after '.'");
        }
        for (JsonNode n : current) {
          step(n, name, next);
        }
        i = j;
      } else if (c == '[') {
        int j = e.indexOf(']', i);
        if (j < 0) {
          throw bad(expr, i, "'[' is not closed");
        }
        String in = e.substring(i + 1, j).strip();
        if (in.length() >= 2
            && (in.startsWith("'") && in.endsWith("'")
                || in.startsWith("\"") && in.endsWith("\""))) {
          String name = in.substring(1, in.length() - 1);
          for (JsonNode n : current) {
            step(n, name, next);
          }
        } else if (in.equals("*")) {
          for (JsonNode n : current) {
            step(n, "*", next);
          }
        } else if (in.matches("-?[0-9]+")) {
          int k = Integer.parseInt(in);
          for (JsonNode n : current) {
            if (n.isArray()) {
              int idx = k < 0 ? n.size() + k : k;
              if (idx >= 0 && idx < n.size()) {
                next.add(n.get(idx));
              }
            }
          }
        } else {
          throw bad(expr, i, "'[" + in + "]' is not [N], [*] or ['name']");
        }
        i = j + 1;
      } else {
        throw bad(expr, i, "expected '.' or '['");
      }
      current = next;
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    current.forEach(out::add);
    return out;
  }

  private static void step(JsonNode n, String name, List<JsonNode> next) {
    if (name.equals("*")) {
      n.elements().forEachRemaining(next::add);
    } else if (n.isObject() && n.has(name)) {
      next.add(n.get(name));
    }
  }

  private static DebforgeException bad(String expr, int at, String what) {
    return new DebforgeException(
        ErrorKind.INVALID_INPUT,
        "--jsonpath '" + expr + "': at " + at + ": " + what,
        "supported: $ .name ['name'] [N] [*], e.g. $.deployments[0].checksum");
  }
}
