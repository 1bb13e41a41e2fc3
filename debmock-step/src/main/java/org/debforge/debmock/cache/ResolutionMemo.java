package org.debforge.debmock.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.debforge.debmock.plugin.api.ResolvedSet;

/**
 * apt's answer to {@code apt-get build-dep -s} remembered per base root, .dsc and command: the base
 * root (its apt lists and configuration) never changes under its key, and apt reads nothing else,
 * so the same question always gets the same answer. A warm build then skips loading apt's cache
 * (about 1 to 2 s, the largest part of deb-mock's own time in a warm build). Kept in {@code
 * .resolved/} of the config's deps-cache directory (dot-named, so never taken for a layer), one
 * small file per key; {@code --scrub=deps-cache} removes them with the layers.
 */
public final class ResolutionMemo {
  private final Path dir;

  public ResolutionMemo(Path depsCacheDir) {
    this.dir = depsCacheDir.resolve(".resolved");
  }

  /** The key: sha256 of the base root's key, the .dsc's bytes and apt's command line. */
  public static String key(String baseRootKey, Path dsc, List<String> command) throws IOException {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(("deb-mock resolution v1\n" + baseRootKey + "\n").getBytes(StandardCharsets.UTF_8));
      d.update(Files.readAllBytes(dsc));
      d.update(("\n" + String.join("\u0000", command)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The remembered set, or empty; an unreadable or damaged entry counts as absent. */
  public Optional<ResolvedSet> get(String key) {
    Path f = dir.resolve(key);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      List<ResolvedSet.Pkg> pkgs = new ArrayList<>();
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        String[] w = line.split(" ");
        if (w.length != 3) {
          return Optional.empty();
        }
        pkgs.add(new ResolvedSet.Pkg(w[0], w[1], w[2]));
      }
      return Optional.of(new ResolvedSet(pkgs));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Remembers {@code set}; written to a private file and renamed, so readers never see half. */
  public void put(String key, ResolvedSet set) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".new-", ".tmp");
    Files.writeString(tmp, set.listing(), StandardCharsets.UTF_8);
    Files.move(
        tmp, dir.resolve(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
