package org.debforge.debmock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: plugins -> plugin API <- engine, runtime -> API. The engine never
 * names a plugin (plugins do their work through the API), and plugin authors compile against an API
 * that drags in neither the runtime nor the engine. Read from the sources, so a fully qualified
 * name in code counts as much as an import.
 */
class PackageDependenciesTest {
  private static final Path MAIN = Path.of("src/main/java/org/debforge/debmock");
  private static final Pattern REF =
      Pattern.compile("org\\.debforge\\.debmock\\.([a-z.]+)\\.[A-Z]");

  /** "file -> package" for each reference from files under {@code from} to a forbidden package. */
  private static List<String> references(Path from, Pattern forbidden, Path... except)
      throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        if (Stream.of(except).anyMatch(f::startsWith)) {
          continue;
        }
        // String literals name packages without depending on them (an old service file's name).
        String code = Files.readString(f).replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
        Matcher m = REF.matcher(code);
        while (m.find()) {
          if (forbidden.matcher(m.group(1)).matches()) {
            out.add(MAIN.relativize(f) + " -> " + m.group(1));
          }
        }
      }
    }
    return out;
  }

  @Test
  void theEngineNamesNoPlugin() throws IOException {
    assertThat(references(MAIN, Pattern.compile("plugins(\\..*)?"), MAIN.resolve("plugins")))
        .isEmpty();
  }

  @Test
  void thePluginApiNeedsNeitherTheRuntimeNorTheEngine() throws IOException {
    assertThat(references(MAIN.resolve("plugin/api"), Pattern.compile("(?!plugin\\.api$).*")))
        .isEmpty();
  }

  @Test
  void theRuntimeNeedsNoEngineAndNoPlugin() throws IOException {
    assertThat(
            references(
                MAIN.resolve("plugin/runtime"),
                Pattern.compile("(?!plugin\\.api$|plugin\\.runtime$).*")))
        .isEmpty();
  }
}
