package org.debforge.compose.blueprint;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.debforge.core.ErrorKind;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one blueprint file into YAML nodes, refusing what a blueprint never needs and an attacker
 * would use: more than {@link #MAX_BYTES}, anything but a regular file, bytes that are not UTF-8,
 * more than a few aliases to collections (the "billion laughs"), deep nesting, several documents.
 *
 * <p>Messages never quote the file's text: an include may point at any readable file, and its
 * content (a password hash, a key) must not end up in a build log. They give the line and column.
 */
final class YamlFile {
  static final long MAX_BYTES = 1 << 20;
  static final int MAX_ALIASES = 32;
  static final int MAX_NESTING = 16;

  private YamlFile() {}

  /**
   * The document's root node, or null for an empty document.
   *
   * @throws At.Reject naming the file (and line, when known)
   */
  static Node read(Path file) {
    byte[] bytes = bytes(file);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw reject(file, lineOfFirstBadByte(bytes), 0, "is not UTF-8 text", "save it as UTF-8");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit((int) MAX_BYTES);
    options.setProcessComments(false);
    try {
      return new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      if (problem != null && problem.contains("(TAB)")) {
        // SnakeYAML's own words for it are obscure.
        throw reject(
            file,
            m == null ? 0 : m.getLine() + 1,
            m == null ? 0 : m.getColumn() + 1,
            "a tab in the indentation",
            "YAML indents with spaces only");
      }
      return failAt(file, m, "is not valid YAML: " + firstLine(problem));
    } catch (YAMLException e) {
      // Alias and nesting limits come without a mark.
      String msg = firstLine(e.getMessage());
      ErrorKind kind =
          msg.contains("aliases") || msg.contains("Nesting") || msg.contains("exceed")
              ? ErrorKind.UNSAFE_INPUT
              : ErrorKind.CONFIG;
      throw new At.Reject(
          new Problem(
              file,
              0,
              0,
              "",
              "refused: " + msg,
              "a blueprint needs at most "
                  + MAX_ALIASES
                  + " aliases to lists or maps and "
                  + MAX_NESTING
                  + " levels of nesting",
              kind));
    }
  }

  private static Node failAt(Path file, Mark m, String message) {
    throw reject(
        file,
        m == null ? 0 : m.getLine() + 1,
        m == null ? 0 : m.getColumn() + 1,
        message,
        "check the indentation and quoting around that place (strings with ': ' or '#' need"
            + " quotes)");
  }

  private static byte[] bytes(Path file) {
    try {
      if (!Files.exists(file)) {
        throw new NoSuchFileException(file.toString());
      }
      if (!Files.isRegularFile(file)) {
        throw new At.Reject(
            new Problem(
                file,
                0,
                0,
                "",
                "is not a regular file",
                "a blueprint is a regular file (not a directory, device or pipe)",
                ErrorKind.UNSAFE_INPUT));
      }
      if (Files.size(file) > MAX_BYTES) {
        throw tooBig(file);
      }
      // The size may have changed since: read at most one byte more than allowed.
      try (InputStream in = Files.newInputStream(file)) {
        byte[] b = in.readNBytes((int) MAX_BYTES + 1);
        if (b.length > MAX_BYTES) {
          throw tooBig(file);
        }
        return b;
      }
    } catch (NoSuchFileException e) {
      throw reject(
          file,
          0,
          0,
          "does not exist",
          "check the path (relative paths are resolved"
              + " against the folder of the file that names them)");
    } catch (IOException e) {
      throw reject(file, 0, 0, "cannot be read: " + e.getClass().getSimpleName(), null);
    }
  }

  private static At.Reject tooBig(Path file) {
    return new At.Reject(
        new Problem(
            file,
            0,
            0,
            "",
            "is larger than " + MAX_BYTES / 1024 + " KiB",
            "a blueprint is a short list of settings; split it with include:",
            ErrorKind.UNSAFE_INPUT));
  }

  private static int lineOfFirstBadByte(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    out.flip();
    int line = 1;
    while (out.hasRemaining()) {
      if (out.get() == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "syntax error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static At.Reject reject(Path file, int line, int column, String message, String hint) {
    return new At.Reject(new Problem(file, line, column, "", message, hint, ErrorKind.CONFIG));
  }
}
