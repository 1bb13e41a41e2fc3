package org.debforge.compose.blueprint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of YAML nodes. SnakeYAML's node API keeps each scalar's text as written ({@code mode:
 * 0644} stays "0644", {@code version: 12.0} stays "12.0"), which is what a blueprint means; the
 * object API would have turned them into numbers.
 */
final class Nodes {
  private Nodes() {}

  /**
   * The entries of a mapping, in file order. A duplicate key or a key not in {@code allowed} is
   * reported to {@code problems} (with a "did you mean" when a known key is close) and left out, so
   * the other keys are still checked. A null {@code allowed} takes any key (names chosen by the
   * user: groups, architectures).
   */
  static Map<String, At> mapping(
      At at, String what, Set<String> allowed, Consumer<Problem> problems) {
    if (!(at.node() instanceof MappingNode m)) {
      throw at.reject(what + " must be a mapping (key: value lines), not " + kind(at.node()), null);
    }
    Map<String, At> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      At keyAt = new At(at.file(), at.key(), t.getKeyNode());
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        problems.accept(
            keyAt.problem("a key must be plain text, not " + kind(t.getKeyNode()), null));
        continue;
      }
      String name = k.getValue();
      At keyPath = keyAt.child(printable(name), t.getKeyNode());
      if (out.containsKey(name)) {
        At first = out.get(name);
        problems.accept(
            keyPath.problem(
                "duplicate key '" + printable(name) + "' (first at line " + first.line() + ")",
                "write each key once"));
        continue;
      }
      if (allowed != null && !allowed.contains(name)) {
        problems.accept(
            keyPath.problem("unknown key '" + printable(name) + "'", unknownHint(name, allowed)));
        continue;
      }
      out.put(name, at.child(name, t.getValueNode()));
    }
    return out;
  }

  static String unknownHint(String name, Set<String> allowed) {
    String allowedList = String.join(", ", allowed.stream().sorted().toList());
    if (name.length() > 64) {
      return "allowed keys: " + allowedList;
    }
    return allowed.stream()
        .filter(a -> distance(a, name) <= Math.max(1, Math.min(3, a.length() / 3)))
        .min(Comparator.comparingInt(a -> distance(a, name)))
        .map(a -> "did you mean '" + a + "'? allowed keys: " + allowedList)
        .orElse("allowed keys: " + allowedList);
  }

  /** A non-empty text value. */
  static String text(At at) {
    if (!(at.node() instanceof ScalarNode s)) {
      throw at.reject("must be a text value, not " + kind(at.node()), null);
    }
    if (s.getValue().isEmpty() || Tag.NULL.equals(s.getTag())) {
      throw at.reject("must not be empty", null);
    }
    return s.getValue();
  }

  /** A text value that matches {@code pattern}; {@code allowed} says what does. */
  static String text(At at, Pattern pattern, String allowed) {
    String v = text(at);
    if (!pattern.matcher(v).matches()) {
      throw at.reject("'" + printable(v) + "' is not allowed", allowed);
    }
    return v;
  }

  static boolean bool(At at) {
    String v = at.node() instanceof ScalarNode s ? s.getValue() : null;
    if ("true".equals(v)) {
      return true;
    }
    if ("false".equals(v)) {
      return false;
    }
    throw at.reject(
        (v == null ? kind(at.node()) : "'" + printable(v) + "'") + " is not a boolean",
        "write true or false");
  }

  /**
   * The items of a sequence. An empty value ({@code packages:} with every item commented out) is an
   * empty list; a lone text value is not taken as a one-item list (say what you mean).
   */
  static List<At> sequence(At at) {
    if (at.node() instanceof ScalarNode n && Tag.NULL.equals(n.getTag())) {
      return List.of();
    }
    if (!(at.node() instanceof SequenceNode s)) {
      throw at.reject(
          "must be a list, not " + kind(at.node()), "write [a, b] or one '- a' line each");
    }
    List<At> out = new ArrayList<>();
    List<Node> items = s.getValue();
    for (int i = 0; i < items.size(); i++) {
      out.add(at.item(i, items.get(i)));
    }
    return out;
  }

  /** A text value that is not empty (an empty one counts as an empty list where lists go). */
  static boolean isText(At at) {
    return at.node() instanceof ScalarNode s && !Tag.NULL.equals(s.getTag());
  }

  static boolean isScalar(At at) {
    return at.node() instanceof ScalarNode;
  }

  static String kind(Node n) {
    if (n instanceof MappingNode) {
      return "a mapping";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    if (n instanceof ScalarNode s && (s.getValue().isEmpty() || Tag.NULL.equals(s.getTag()))) {
      return "an empty value";
    }
    return "a text value";
  }

  /** A value as it may be shown in a message: control characters escaped, long ones cut. */
  static String printable(String v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length() && sb.length() < 80; i++) {
      char c = v.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.length() < v.length() ? sb + "..." : sb.toString();
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
