package org.debforge.compose.blueprint;

import java.nio.file.Path;
import org.debforge.core.ErrorKind;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A YAML node with where it came from: its file, its key path ({@code sources[1].keyring}) and,
 * through the node's start mark, its line and column. Every value the loader reads is reached
 * through one, so every error can name all three.
 */
record At(Path file, String key, Node node) {

  /** The value of {@code name} in this mapping. */
  At child(String name, Node value) {
    return new At(file, key.isEmpty() ? name : key + "." + name, value);
  }

  /** Item {@code index} of this sequence. */
  At item(int index, Node value) {
    return new At(file, key + "[" + index + "]", value);
  }

  int line() {
    return node == null ? 0 : node.getStartMark().getLine() + 1;
  }

  int column() {
    return node == null ? 0 : node.getStartMark().getColumn() + 1;
  }

  Problem problem(String message, String hint) {
    return problem(message, hint, ErrorKind.CONFIG);
  }

  Problem problem(String message, String hint, ErrorKind kind) {
    return new Problem(file, line(), column(), key, message, hint, kind);
  }

  /** A problem that stops reading this value; the loader records it and goes on with the next. */
  Reject reject(String message, String hint) {
    return new Reject(problem(message, hint));
  }

  /** Thrown by the readers for one value; caught per key so that one run reports every problem. */
  static final class Reject extends RuntimeException {
    final transient Problem problem;

    Reject(Problem problem) {
      super(problem.toString(), null, false, false);
      this.problem = problem;
    }
  }
}
