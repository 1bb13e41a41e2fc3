package org.debforge.core.resolve;

import java.util.List;
import java.util.Objects;

/**
 * Why a request could not be met, as a tree: the request, the dependency that failed, the
 * alternatives tried for it and why each failed, down to the leaf causes (a name nothing provides,
 * a version too old, a conflict with something already chosen).
 */
public record Explanation(String text, List<Explanation> children) {
  public Explanation {
    Objects.requireNonNull(text, "text");
    children = List.copyOf(children);
  }

  public static Explanation leaf(String text) {
    return new Explanation(text, List.of());
  }

  /** The tree, one node a line, children indented under their parent with tree-drawing marks. */
  public String render() {
    StringBuilder sb = new StringBuilder(text).append('\n');
    for (int i = 0; i < children.size(); i++) {
      children.get(i).render(sb, "", i == children.size() - 1);
    }
    return sb.toString();
  }

  private void render(StringBuilder sb, String indent, boolean last) {
    sb.append(indent).append(last ? "└─ " : "├─ ").append(text).append('\n');
    String next = indent + (last ? "   " : "│  ");
    for (int i = 0; i < children.size(); i++) {
      children.get(i).render(sb, next, i == children.size() - 1);
    }
  }

  @Override
  public String toString() {
    return render();
  }
}
