package org.debforge.orchestrator.fsck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.db.Database;
import org.debforge.orchestrator.db.Sql;
import org.debforge.orchestrator.store.BlobStore;

/**
 * Verifies a store: every blob's sha256 (and size, where builds record one), every file of a live
 * build against the pool, and blobs no build has ever listed (orphans). With repair, orphans older
 * than the grace period are removed; nothing a build lists, alive or DELETED, is ever touched (gc
 * handles DELETED builds' blobs) and a corrupt blob is reported, not removed: it is evidence.
 */
public final class Fsck {
  private final Database db;
  private final BlobStore blobs;

  public Fsck(Database db, BlobStore blobs) {
    this.db = db;
    this.blobs = blobs;
  }

  /** One file of a build as the database lists it. */
  private record Listed(String build, String state, String file, String sha256, long size) {}

  /**
   * @param repair remove orphans last modified before {@code cutoff}
   * @param cutoff younger orphans may be blobs of an import about to commit: reported, kept
   */
  public FsckReport run(boolean repair, Instant cutoff) {
    List<Listed> listed =
        Sql.inTransaction(
            db,
            sql ->
                sql.query(
                    "SELECT b.source, b.version, b.state, f.name, f.sha256, f.size"
                        + " FROM build_files f JOIN builds b ON b.id = f.build_id"
                        + " ORDER BY b.source, b.version, f.name",
                    rs ->
                        new Listed(
                            rs.getString(1) + "_" + rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getLong(6))));
    Map<String, Long> sizes = new HashMap<>();
    listed.forEach(l -> sizes.put(l.sha256(), l.size()));

    List<FsckReport.Corrupt> corrupt = new ArrayList<>();
    List<String> orphans = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    int count = 0;
    for (BlobStore.StoredBlob b : blobs.list()) {
      count++;
      String sha = b.blob().sha256();
      String actual = digest(blobs.path(sha));
      Long recorded = sizes.get(sha);
      if (!actual.equals(sha)) {
        corrupt.add(new FsckReport.Corrupt(sha, actual, b.blob().size(), "sha256 mismatch"));
      } else if (recorded != null && recorded != b.blob().size()) {
        corrupt.add(
            new FsckReport.Corrupt(
                sha,
                actual,
                b.blob().size(),
                "size " + b.blob().size() + ", recorded " + recorded));
      }
      if (recorded == null) {
        orphans.add(sha);
        if (repair && b.modified().isBefore(cutoff)) {
          blobs.delete(sha);
          removed.add(sha);
        }
      }
    }
    List<FsckReport.Dangling> dangling = new ArrayList<>();
    int references = 0;
    for (Listed l : listed) {
      if (l.state().equals("DELETED")) {
        continue;
      }
      references++;
      if (!blobs.contains(l.sha256())) {
        dangling.add(new FsckReport.Dangling(l.build(), l.file(), l.sha256()));
      }
    }
    return new FsckReport(count, references, corrupt, dangling, orphans, removed);
  }

  private static String digest(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new DebforgeException(
          ErrorKind.IO, p + ": " + e, "check the store directory's permissions", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
