package org.debforge.compose.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;

/**
 * A Boot Loader Specification entry as {@code ostree admin deploy} writes it into {@code
 * /boot/loader/entries}: {@code title}, {@code version}, {@code options}, {@code linux}, {@code
 * initrd}, one {@code KEY VALUE} per line. The paths are relative to the file system holding {@code
 * /boot}.
 */
public record BootEntry(String title, int version, String options, String linux, String initrd) {
  public static BootEntry read(Path file) {
    Map<String, String> keys = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        int sp = l.indexOf(' ');
        keys.put(sp < 0 ? l : l.substring(0, sp), sp < 0 ? "" : l.substring(sp + 1).strip());
      }
    } catch (IOException e) {
      throw new DebforgeException(ErrorKind.IO, file + ": " + e.getMessage(), null, e);
    }
    for (String k : new String[] {"linux", "initrd", "options"}) {
      if (!keys.containsKey(k)) {
        throw new DebforgeException(
            ErrorKind.COMPOSE_FAILED,
            "image: " + file + ": the boot entry has no '" + k + "' line",
            "ostree admin deploy writes it; see the image log");
      }
    }
    int version;
    try {
      version = Integer.parseInt(keys.getOrDefault("version", "0"));
    } catch (NumberFormatException e) {
      version = 0;
    }
    return new BootEntry(
        keys.getOrDefault("title", file.getFileName().toString()),
        version,
        keys.get("options"),
        keys.get("linux"),
        keys.get("initrd"));
  }
}
