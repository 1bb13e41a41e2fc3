package org.debforge.compose.boottest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * Debian's OVMF (package ovmf): the firmware code, read-only, and a template of its variable store,
 * which each boot gets a copy of (the firmware writes it). The 4M builds are Debian 12's default;
 * the plain ones are the older 2M layout, kept for older hosts.
 */
record Ovmf(Path code, Path varsTemplate) {
  static final Path DIR = Path.of("/usr/share/OVMF");

  static Ovmf find() {
    for (List<String> pair :
        List.of(
            List.of("OVMF_CODE_4M.fd", "OVMF_VARS_4M.fd"),
            List.of("OVMF_CODE.fd", "OVMF_VARS.fd"))) {
      Path code = DIR.resolve(pair.get(0));
      Path vars = DIR.resolve(pair.get(1));
      if (Files.isRegularFile(code) && Files.isRegularFile(vars)) {
        return new Ovmf(code, vars);
      }
    }
    throw new DebforgeException(
        ErrorKind.TOOL_FAILED,
        "test: no OVMF firmware in " + DIR + " (OVMF_CODE_4M.fd and OVMF_VARS_4M.fd)",
        "install ovmf: scripts/install-deps");
  }
}
