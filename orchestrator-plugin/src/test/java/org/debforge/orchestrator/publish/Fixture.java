package org.debforge.orchestrator.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.debforge.core.pgp.KeyGenerator;
import org.debforge.core.pgp.SigningKey;
import org.debforge.orchestrator.Orchestrator;
import org.debforge.orchestrator.build.Checkpoint;
import org.debforge.orchestrator.build.Provenance;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.store.BlobStore;
import org.debforge.orchestrator.testing.Uploads;

/**
 * A store with tag {@code trixie-updates} (amd64, arm64) holding real .debs imported by the
 * importer: {@code hello} (amd64), {@code world} (arm64) and {@code common} (all).
 */
final class Fixture {
  static final String TAG = "trixie-updates";
  static final Instant T0 = Instant.parse("2024-06-10T08:53:11Z");

  private Fixture() {}

  static Orchestrator open(Path store) {
    return new Orchestrator(
        new BlobStore(store),
        Database.embedded(store),
        Clock.fixed(T0, ZoneOffset.UTC),
        Checkpoint.NONE);
  }

  static Orchestrator withBuilds(Path tmp) throws IOException {
    Orchestrator o = open(tmp.resolve("store"));
    o.addTag("alice", TAG, List.of("amd64", "arm64"));
    add(o, tmp, "hello", "1.0-1", "amd64");
    add(o, tmp, "world", "2.0-1", "arm64");
    add(o, tmp, "common", "3.0-1", "all");
    return o;
  }

  static void add(Orchestrator o, Path tmp, String source, String version, String arch)
      throws IOException {
    o.addPackage("alice", TAG, source, "alice", false);
    Path changes =
        Uploads.changes(tmp.resolve("up/" + source + version), source, version, arch, source);
    o.importBuild(changes, Provenance.of("jenkins", T0));
    o.tagBuild("alice", TAG, source + "_" + version);
  }

  /** The usual settings: two components, Origin and Label, signed with {@code key} if not null. */
  static PublishSettings settings(Path key) {
    return new PublishSettings(
        TAG,
        "trixie",
        List.of("main", "contrib"),
        List.of(),
        "Debforge",
        "Debforge tests",
        null,
        key == null ? null : key.toString(),
        true,
        true);
  }

  /** A new signing key, its secret written to {@code dir/key.asc}, public to {@code key.gpg}. */
  static Path key(Path dir) throws IOException {
    SigningKey k = KeyGenerator.generate("Debforge Tests <tests@debforge.invalid>", null);
    Files.createDirectories(dir);
    Files.write(dir.resolve("key.gpg"), k.encodePublic(false));
    return Files.write(dir.resolve("key.asc"), k.encodeSecret(true));
  }
}
