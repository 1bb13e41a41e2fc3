package org.debforge.debmock.plugins.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files of the QA plugins' reports, beside the tests' package in src/test/resources;
 * rewritten with {@code -Ddebforge.updateGolden=true}, then read and committed.
 */
public final class Golden {
  private Golden() {}

  public static void assertMatches(String actual, String resource) throws Exception {
    Path file = Path.of("src/test/resources/org/debforge/debmock/plugins").resolve(resource);
    if (Boolean.getBoolean("debforge.updateGolden")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual)
        .as("%s (rewrite with -Ddebforge.updateGolden=true)", file)
        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
