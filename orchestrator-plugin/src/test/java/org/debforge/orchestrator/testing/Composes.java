package org.debforge.orchestrator.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compose metadata as tumbi-assembler writes it (metadata/composeinfo.json and metadata/lock.json),
 * for import tests.
 */
public final class Composes {
  private Composes() {}

  /** One lock package line. */
  public record Pkg(String name, String version, String arch, String sha256, long size) {
    String json(String source) {
      return "{\"name\":\""
          + name
          + "\",\"version\":\""
          + version
          + "\",\"arch\":\""
          + arch
          + "\",\"sha256\":\""
          + sha256
          + "\",\"size\":"
          + size
          + ",\"source\":\""
          + source
          + "\",\"filename\":\"pool/main/"
          + name.charAt(0)
          + "/"
          + name
          + "/"
          + name
          + "_"
          + version
          + "_"
          + arch
          + ".deb\"}";
    }
  }

  public static String composeinfo(String id, String status) {
    return """
        {"header": {"type": "productmd.composeinfo", "version": "1.2"},
         "payload": {
           "compose": {"id": "%s", "date": "20260603", "respin": 0, "type": "production"},
           "release": {"name": "Debforge", "version": "12", "short": "Debforge"}},
         "debforge": {"status": "%s", "blueprint": "minimal.yaml",
           "phases": [{"name": "init", "status": "FINISHED", "seconds": 0.1},
                      {"name": "gather", "status": "FINISHED", "seconds": 2.5}]}}
        """
        .formatted(id, status);
  }

  /**
   * A lock with two sources: Debian's mirror ("debian") and tag {@code tag} at {@code snapshot}
   * ("local"); {@code mirror} packages come from the first, {@code fromTag} from the second.
   */
  public static String lock(
      String id, String tag, String snapshot, List<Pkg> mirror, List<Pkg> fromTag) {
    List<String> pkgs = new ArrayList<>();
    mirror.forEach(p -> pkgs.add(p.json("debian")));
    fromTag.forEach(p -> pkgs.add(p.json("local")));
    return "{\"schema\":1,\"compose_id\":\""
        + id
        + "\",\"packages\":["
        + String.join(",", pkgs)
        + "],\"sources\":[{\"name\":\"debian\",\"kind\":\"mirror\",\"uri\":\"http://deb.debian.org/debian\","
        + "\"suite\":\"bookworm\",\"components\":[\"main\"]},"
        + "{\"name\":\"local\",\"kind\":\"orchestrator\",\"uri\":\"orchestrator:"
        + tag
        + (snapshot == null ? "" : "@" + snapshot)
        + "\",\"suite\":\""
        + tag
        + "\",\"components\":[\"main\"],\"tag\":\""
        + tag
        + "\",\"snapshot\":"
        + (snapshot == null ? "null" : "\"" + snapshot + "\"")
        + "}]}";
  }

  /** Writes a compose directory holding the two files. */
  public static Path dir(Path dir, String composeinfo, String lock) throws IOException {
    Files.createDirectories(dir.resolve("metadata"));
    Files.writeString(dir.resolve("metadata/composeinfo.json"), composeinfo);
    Files.writeString(dir.resolve("metadata/lock.json"), lock);
    return dir;
  }

  public static final Pkg BASE_FILES =
      new Pkg("base-files", "12.4+deb12u5", "amd64", "ab".repeat(32), 70_000);
}
