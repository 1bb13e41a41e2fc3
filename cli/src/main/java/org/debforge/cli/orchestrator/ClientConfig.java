package org.debforge.cli.orchestrator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.fs.XdgDirs;

/**
 * {@code ~/.config/deb-orchestrator/config.yaml} ({@code $XDG_CONFIG_HOME} honoured): the server
 * and token a client uses when neither option nor environment names them. Two flat keys, {@code
 * server:} and {@code token:}; the file should be readable by its owner only, as it holds a token.
 */
record ClientConfig(String server, String token) {
  static ClientConfig load() {
    Path base = XdgDirs.fromEnvironment().configHome();
    return read(base.resolve("deb-orchestrator").resolve("config.yaml"));
  }

  static ClientConfig read(Path file) {
    if (!Files.isRegularFile(file)) {
      return new ClientConfig(null, null);
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
    String server = null;
    String token = null;
    int n = 0;
    for (String line : lines) {
      n++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      int colon = t.indexOf(':');
      String key = colon < 0 ? t : t.substring(0, colon).strip();
      String value = colon < 0 ? "" : unquote(t.substring(colon + 1).strip());
      switch (key) {
        case "server" -> server = value;
        case "token" -> token = value;
        default ->
            throw new DebforgeException(
                ErrorKind.CONFIG,
                file + ":" + n + ": unknown key '" + key + "'",
                "the keys are 'server: URL' and 'token: TOKEN'");
      }
    }
    return new ClientConfig(server, token);
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
