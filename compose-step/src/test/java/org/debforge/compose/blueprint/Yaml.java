package org.debforge.compose.blueprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes test blueprints. */
final class Yaml {
  private Yaml() {}

  /** The smallest valid blueprint, to which tests add the key under test. */
  static final String MINIMAL =
      "name: t\nversion: \"1\"\nsuite: bookworm\narchitectures: [amd64]\n";

  static Path write(Path dir, String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
