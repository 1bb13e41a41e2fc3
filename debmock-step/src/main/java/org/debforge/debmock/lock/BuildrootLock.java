package org.debforge.debmock.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.core.FormatException;

/**
 * {@code buildroot_lock.json}: every package of a build root, exactly (name, version, architecture
 * and the sha256 of the .deb as the mirror's Packages index lists it, which is what apt checked the
 * download against), the base root it was installed on and the config. Enough to install the same
 * root again without the network ({@code --hermetic-build}).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param config the config's name
 * @param configSha256 sha256 of the effective config as canonical JSON (keys sorted)
 * @param architecture the root's architecture
 * @param baseRoot the base root's cache key ({@code <shape>-<release>}, its directory name)
 * @param packages every installed package, sorted by name, architecture, version
 */
public record BuildrootLock(
    int schemaVersion,
    String config,
    String configSha256,
    String architecture,
    String baseRoot,
    List<LockedPackage> packages) {
  public static final int SCHEMA_VERSION = 1;
  public static final String FILE_NAME = "buildroot_lock.json";

  /**
   * One package of the root.
   *
   * @param sha256 of the .deb, from the Packages index; null when no index lists this version
   * @param filename the .deb's pool path from the index, or null
   * @param inBaseRoot whether the base root already holds this exact package (else the build's
   *     dependency install put it there)
   */
  public record LockedPackage(
      String name,
      String version,
      String architecture,
      String sha256,
      String filename,
      boolean inBaseRoot) {
    public LockedPackage {
      if (name == null || !name.matches("[a-z0-9][a-z0-9+.-]*")) {
        throw new IllegalArgumentException("not a package name: " + name);
      }
      if (version == null || version.isEmpty() || version.chars().anyMatch(c -> c <= ' ')) {
        throw new IllegalArgumentException(name + ": not a version: " + version);
      }
      if (architecture == null || !architecture.matches("[a-z0-9-]+")) {
        throw new IllegalArgumentException(name + ": not an architecture: " + architecture);
      }
      if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(name + ": sha256 must be 64 hex digits");
      }
    }

    /** The name apt gives the downloaded file in /var/cache/apt/archives. */
    public String archiveFileName() {
      return name + "_" + version.replace(":", "%3a") + "_" + architecture + ".deb";
    }
  }

  static final Comparator<LockedPackage> ORDER =
      Comparator.comparing(LockedPackage::name)
          .thenComparing(LockedPackage::architecture)
          .thenComparing(LockedPackage::version);

  public BuildrootLock {
    if (schemaVersion != SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          "schema_version " + schemaVersion + " (this deb-mock reads " + SCHEMA_VERSION + ")");
    }
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(architecture, "architecture");
    if (baseRoot == null || !baseRoot.matches("[0-9a-f]+-[0-9a-f]+")) {
      throw new IllegalArgumentException("base_root must be a base root key: " + baseRoot);
    }
    List<LockedPackage> sorted = new ArrayList<>(packages);
    sorted.sort(ORDER);
    packages = List.copyOf(sorted);
  }

  /** The packages a build installed over its base root. */
  public List<LockedPackage> installed() {
    return packages.stream().filter(p -> !p.inBaseRoot()).toList();
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema_version", schemaVersion);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", config);
    c.put("sha256", configSha256);
    m.put("config", c);
    m.put("architecture", architecture);
    m.put("base_root", baseRoot);
    List<Map<String, Object>> pkgs = new ArrayList<>();
    for (LockedPackage p : packages) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", p.name());
      e.put("version", p.version());
      e.put("architecture", p.architecture());
      e.put("sha256", p.sha256());
      e.put("filename", p.filename());
      e.put("in_base_root", p.inBaseRoot());
      pkgs.add(e);
    }
    m.put("packages", pkgs);
    return m;
  }

  /** The JSON text: two-space indentation, one field a line, a final newline. */
  public String text() {
    try {
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(toJson())
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code file} atomically (temp file and rename). */
  public void write(Path file) {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, text());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, "cannot write " + file + ": " + e.getMessage(), null, e);
    }
  }

  /** Reads and validates a lock file; any defect is a format error naming the file and field. */
  public static BuildrootLock read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new FormatException(
          file.toString(),
          0,
          null,
          "not a readable JSON file: " + e.getMessage(),
          "pass the buildroot_lock.json a deb-mock build wrote");
    }
    String field = "schema_version";
    try {
      int version = need(root, field).asInt();
      field = "config";
      JsonNode c = need(root, field);
      field = "architecture";
      String arch = need(root, field).asText();
      field = "base_root";
      String base = need(root, field).asText();
      field = "packages";
      List<LockedPackage> pkgs = new ArrayList<>();
      int i = 0;
      for (JsonNode p : need(root, field)) {
        field = "packages[" + i++ + "]";
        pkgs.add(
            new LockedPackage(
                need(p, "name").asText(),
                need(p, "version").asText(),
                need(p, "architecture").asText(),
                p.path("sha256").isTextual() ? p.get("sha256").asText() : null,
                p.path("filename").isTextual() ? p.get("filename").asText() : null,
                p.path("in_base_root").asBoolean(false)));
      }
      return new BuildrootLock(
          version, need(c, "name").asText(), c.path("sha256").asText(null), arch, base, pkgs);
    } catch (IllegalArgumentException e) {
      throw new FormatException(
          file.toString(),
          0,
          field,
          e.getMessage(),
          "the lock was edited or is from another deb-mock: write it again with a build");
    }
  }

  private static JsonNode need(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + name + "'");
    }
    return v;
  }
}
