package org.debforge.debmock.build.orig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The upstream tarball a 3.0 (quilt) tree was built with, and where it came from (result.json's
 * {@code source.orig}).
 *
 * @param file the tarball, placed beside the clean export under its Debian name
 * @param source how it was found
 * @param origin the user's file for {@link Source#OPTION} and {@link Source#BESIDE_TREE}, the git
 *     ref (branch or tag) for the others
 * @param companions what came with it: its {@code .asc}, component tarballs {@code orig-COMP}
 */
public record OrigTarball(Path file, Source source, String origin, List<Path> companions) {
  /** Where an orig tarball came from, in the order they are tried. */
  public enum Source {
    OPTION("option"),
    BESIDE_TREE("beside-tree"),
    PRISTINE_TAR("pristine-tar"),
    UPSTREAM_TAG("upstream-tag");

    private final String json;

    Source(String json) {
      this.json = json;
    }

    /** The name result.json and messages use. */
    public String json() {
      return json;
    }
  }

  public OrigTarball {
    Objects.requireNonNull(file);
    Objects.requireNonNull(source);
    Objects.requireNonNull(origin);
    companions = List.copyOf(companions);
  }

  /** result.json's {@code source.orig}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file.getFileName().toString());
    m.put("source", source.json());
    m.put("from", origin);
    m.put("sha256", sha256(file));
    m.put("companions", companions.stream().map(p -> p.getFileName().toString()).toList());
    return m;
  }

  static String sha256(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (IOException e) {
      return null; // the build reads the file again and reports what is wrong with it
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
