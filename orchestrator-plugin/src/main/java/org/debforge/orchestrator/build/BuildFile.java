package org.debforge.orchestrator.build;

/**
 * One file of a build, stored in the pool under its sha256.
 *
 * @param kind deb, udeb, ddeb, dsc, source, changes, buildinfo, log, result or other
 * @param arch the key of the part ({@link BuildPart#arch}) that brought it, or null when unknown
 */
public record BuildFile(String name, String kind, long size, String sha256, String arch) {
  public BuildFile {
    if (name == null || name.isEmpty() || kind == null || sha256 == null || size < 0) {
      throw new IllegalArgumentException("a build file needs a name, kind, size and sha256");
    }
  }

  public BuildFile(String name, String kind, long size, String sha256) {
    this(name, kind, size, sha256, null);
  }

  static String kindOf(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return switch (ext) {
      case "deb", "udeb", "ddeb", "dsc", "changes", "buildinfo", "log" -> ext;
      case "json" -> name.equals("result.json") ? "result" : "other";
      default -> name.contains(".tar.") || name.endsWith(".tar") ? "source" : "other";
    };
  }
}
