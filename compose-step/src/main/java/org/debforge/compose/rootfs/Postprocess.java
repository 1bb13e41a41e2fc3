package org.debforge.compose.rootfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.compose.blueprint.ScriptSpec;
import org.debforge.compose.tool.Sandbox;
import org.debforge.compose.tool.ToolLog;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/** Runs a blueprint's postprocess scripts, in order, each in the {@link Sandbox} with the root. */
final class Postprocess {
  private Postprocess() {}

  static void run(Path root, List<ScriptSpec> scripts, Sandbox sandbox, ToolLog log) {
    for (ScriptSpec s : scripts) {
      run(root, s, sandbox, log);
    }
  }

  static void run(Path root, ScriptSpec s, Sandbox sandbox, ToolLog log) {
    String field = "postprocess: " + s.name();
    byte[] text;
    try {
      if (s.file().isPresent()) {
        text = Files.readAllBytes(s.file().get());
      } else if (s.inline().isPresent()) {
        text = s.inline().get().getBytes(StandardCharsets.UTF_8);
      } else {
        throw new DebforgeException(
            ErrorKind.CONFIG, field + ": neither a file nor inline text", "give file: or script:");
      }
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.NOT_FOUND,
          field + ": cannot read " + s.file().orElse(null) + ": " + e.getMessage(),
          "file is resolved against the blueprint's folder",
          e);
    }
    // A script with its own interpreter line runs with it; plain text is sh -e, as in a treefile.
    boolean shebang = text.length > 2 && text[0] == '#' && text[1] == '!';
    Path copy = null;
    try {
      copy = Files.createTempFile("debforge-postprocess", ".sh");
      Files.write(copy, text);
      Files.setPosixFilePermissions(copy, FileInstaller.permissions(0755));
      log.line("==> postprocess " + s.name());
      List<String> argv =
          shebang ? List.of(Sandbox.SCRIPT) : List.of("/bin/sh", "-e", Sandbox.SCRIPT);
      int rc = sandbox.run(root, copy, argv, log);
      if (rc != 0) {
        throw new DebforgeException(
            ErrorKind.COMPOSE_FAILED,
            "rootfs: postprocess script '"
                + s.name()
                + "' exited "
                + rc
                + "; see "
                + log.file()
                + log.tail(),
            "the script ran with the root as / and no network; its output is in the log");
      }
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, field + ": cannot stage the script: " + e, null, e);
    } finally {
      if (copy != null) {
        try {
          Files.deleteIfExists(copy);
        } catch (IOException ignored) {
          // A temp file left in /tmp is harmless.
        }
      }
    }
  }
}
