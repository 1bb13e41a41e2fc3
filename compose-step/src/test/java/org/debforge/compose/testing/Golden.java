package org.debforge.compose.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources beside the test's package. Run with {@code
 * -Dgolden.update=true} to rewrite them after a deliberate format change (then review the diff).
 */
public final class Golden {
  private Golden() {}

  public static String read(Class<?> test, String name, String actual) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Path p = Path.of("src/test/resources", test.getPackageName().replace('.', '/'), name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, actual);
      return actual;
    }
    try (InputStream in = test.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("golden file " + name + " is missing; run with -Dgolden.update=true");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
