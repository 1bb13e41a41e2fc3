package org.debforge.debmock.result;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** A file deb-mock put in the result directory, with what result.json says about it. */
public record Artifact(String name, String kind, long size, String sha256) {

  public static Artifact of(Path file) {
    String n = file.getFileName().toString();
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) {
        d.update(buf, 0, r);
      }
      return new Artifact(n, kindOf(n), Files.size(file), HexFormat.of().formatHex(d.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code deb}, {@code udeb}, {@code ddeb}, {@code changes}, {@code buildinfo}, {@code dsc}... */
  static String kindOf(String name) {
    if (name.matches(".*\\.(deb|udeb|ddeb|changes|buildinfo|dsc)$")) {
      return name.substring(name.lastIndexOf('.') + 1);
    }
    return name.contains(".tar") ? "source" : "other";
  }
}
