package org.debforge.debmock.plugin.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages apt would install for a build, read from the {@code Inst} lines of {@code apt-get
 * build-dep -s}: what the deps layer is keyed by. Simulating costs about a second and resolves
 * exactly as the real install would, so a changed Build-Depends, a new version on the mirror or
 * another profile all select another layer.
 */
public record ResolvedSet(List<Pkg> packages) {
  /** One package as apt would install it. */
  public record Pkg(String name, String version, String architecture) {
    public Pkg {
      if (!name.matches("[a-z0-9][a-z0-9+.-]*")
          || version.isEmpty()
          || version.chars().anyMatch(Character::isWhitespace)
          || !architecture.matches("[a-z0-9-]+")) {
        throw new IllegalArgumentException("not a package: " + name + " " + version);
      }
    }

    @Override
    public String toString() {
      return name + " " + version + " " + architecture;
    }
  }

  /** {@code Inst NAME [OLDVERSION] (VERSION ORIGINS [ARCH])}, as apt-get -s prints it. */
  private static final Pattern INST =
      Pattern.compile(
          "^Inst (\\S+?)(?::\\S+)? (?:\\[\\S+\\] )?\\((\\S+) [^\\[]*\\[([^\\]]+)\\]\\)");

  public ResolvedSet {
    TreeSet<Pkg> sorted = new TreeSet<>(ORDER);
    sorted.addAll(packages);
    packages = List.copyOf(sorted);
  }

  /** Sorted by name, then version, then architecture. */
  private static final java.util.Comparator<Pkg> ORDER =
      java.util.Comparator.comparing(Pkg::name)
          .thenComparing(Pkg::version)
          .thenComparing(Pkg::architecture);

  /** Parses apt-get -s output; lines other than {@code Inst} are ignored. */
  public static ResolvedSet parse(String aptSimulateOutput) {
    List<Pkg> out = new ArrayList<>();
    for (String line : aptSimulateOutput.split("\n")) {
      Matcher m = INST.matcher(line);
      if (m.find()) {
        out.add(new Pkg(m.group(1), m.group(2), m.group(3)));
      }
    }
    return new ResolvedSet(out);
  }

  public boolean isEmpty() {
    return packages.isEmpty();
  }

  /**
   * The layer key: sha256 of a recipe version, the base root's key and one {@code name version
   * arch} line per package. The base root is part of it because a layer only makes sense over the
   * root it was installed on.
   */
  public String key(String baseRootKey) {
    StringBuilder sb = new StringBuilder("deb-mock deps layer v1\n");
    sb.append("base=").append(baseRootKey).append('\n');
    packages.forEach(p -> sb.append(p).append('\n'));
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One package a line, for the layer's {@code packages.txt}. */
  public String listing() {
    StringBuilder sb = new StringBuilder();
    packages.forEach(p -> sb.append(p).append('\n'));
    return sb.toString();
  }
}
