package org.debforge.orchestrator.build;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.db.Sql;

/** Reads and writes build rows. */
public final class BuildRecords {
  /** The build columns {@link #row} reads, in order. */
  public static final String COLUMNS =
      "id, source, version, state, architectures, binaries, distribution, changes_name,"
          + " content_sha256, imported_by, imported_at, jenkins_url, jenkins_job, jenkins_number,"
          + " signed_by";

  private BuildRecords() {}

  /** Finds a build by {@code source_version} or by numeric id. */
  public static Optional<Build> find(Sql sql, String ref) {
    if (ref.matches("[0-9]{1,18}")) {
      return sql.one(
              "SELECT " + COLUMNS + " FROM builds WHERE id = ?",
              BuildRecords::row,
              Long.parseLong(ref))
          .map(b -> withFiles(sql, b));
    }
    int sep = ref.indexOf('_');
    if (sep <= 0 || sep == ref.length() - 1) {
      return Optional.empty();
    }
    return find(sql, ref.substring(0, sep), ref.substring(sep + 1));
  }

  public static Optional<Build> find(Sql sql, String source, String version) {
    return sql.one(
            "SELECT " + COLUMNS + " FROM builds WHERE source = ? AND version = ?",
            BuildRecords::row,
            source,
            version)
        .map(b -> withFiles(sql, b));
  }

  /** Every build, oldest first, without its files (see {@link #require} for those). */
  public static List<Build> list(Sql sql) {
    return sql.query("SELECT " + COLUMNS + " FROM builds ORDER BY id", BuildRecords::row);
  }

  public static Build require(Sql sql, String ref) {
    return find(sql, ref)
        .orElseThrow(
            () ->
                new DebforgeException(
                    ErrorKind.NOT_FOUND,
                    "no build '" + ref + "'",
                    "name a build as SOURCE_VERSION (e.g. hello_2.10-3) or by its id; see"
                        + " 'deb-orchestrator list-tagged'"));
  }

  /** Inserts a build and its files; returns the new id. */
  static long insert(Sql sql, Build b) {
    Provenance p = b.provenance();
    long id =
        sql.insert(
            "INSERT INTO builds (source, version, state, architectures, binaries, distribution,"
                + " changes_name, content_sha256, imported_by, imported_at, jenkins_url,"
                + " jenkins_job, jenkins_number, signed_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            b.source(),
            b.version(),
            b.state().name(),
            String.join(" ", b.architectures()),
            String.join(" ", b.binaries()),
            b.distribution(),
            b.changes(),
            b.contentSha256(),
            p.user(),
            p.at().toEpochMilli(),
            p.jenkinsUrl(),
            p.jenkinsJob(),
            p.jenkinsNumber(),
            p.signedBy());
    insertParts(sql, id, b.parts());
    insertFiles(sql, id, b.files());
    return id;
  }

  private static void insertFiles(Sql sql, long id, List<BuildFile> files) {
    for (BuildFile f : files) {
      sql.update(
          "INSERT INTO build_files (build_id, name, kind, size, sha256, arch)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          id,
          f.name(),
          f.kind(),
          f.size(),
          f.sha256(),
          f.arch());
    }
  }

  private static void insertParts(Sql sql, long id, List<BuildPart> parts) {
    for (BuildPart part : parts) {
      Provenance p = part.provenance();
      sql.update(
          "INSERT INTO build_parts (build_id, arch, changes_name, content_sha256, imported_by,"
              + " imported_at, jenkins_url, jenkins_job, jenkins_number, signed_by)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          id,
          part.arch(),
          part.changes(),
          part.contentSha256(),
          p.user(),
          p.at().toEpochMilli(),
          p.jenkinsUrl(),
          p.jenkinsJob(),
          p.jenkinsNumber(),
          p.signedBy());
    }
  }

  /**
   * Adds another architecture's part to build {@code id}: its row, the files it brings (those the
   * build already holds are not repeated), and the build's new union of architectures and binaries
   * and its new content digest.
   */
  static void join(
      Sql sql,
      long id,
      BuildPart part,
      List<BuildFile> files,
      List<String> architectures,
      List<String> binaries,
      String contentSha256) {
    sql.update(
        "UPDATE builds SET architectures = ?, binaries = ?, content_sha256 = ? WHERE id = ?",
        String.join(" ", architectures),
        String.join(" ", binaries),
        contentSha256,
        id);
    insertParts(sql, id, List.of(part));
    insertFiles(sql, id, files);
  }

  /**
   * Replaces the record of build {@code id} (a FAILED or CANCELED one built again) by {@code b},
   * keeping its id; returns the id.
   */
  static long replace(Sql sql, long id, Build b) {
    Provenance p = b.provenance();
    sql.update(
        "UPDATE builds SET state = ?, architectures = ?, binaries = ?, distribution = ?,"
            + " changes_name = ?, content_sha256 = ?, imported_by = ?, imported_at = ?,"
            + " jenkins_url = ?, jenkins_job = ?, jenkins_number = ?, signed_by = ? WHERE id = ?",
        b.state().name(),
        String.join(" ", b.architectures()),
        String.join(" ", b.binaries()),
        b.distribution(),
        b.changes(),
        b.contentSha256(),
        p.user(),
        p.at().toEpochMilli(),
        p.jenkinsUrl(),
        p.jenkinsJob(),
        p.jenkinsNumber(),
        p.signedBy(),
        id);
    sql.update("DELETE FROM build_files WHERE build_id = ?", id);
    sql.update("DELETE FROM build_parts WHERE build_id = ?", id);
    insertParts(sql, id, b.parts());
    insertFiles(sql, id, b.files());
    return id;
  }

  /**
   * Every sha256 a build that is not DELETED refers to: a deleted build keeps its file list (for
   * buildinfo and history) but not its blobs.
   */
  public static List<String> referencedBlobs(Sql sql) {
    return sql.query(
        "SELECT DISTINCT f.sha256 FROM build_files f JOIN builds b ON b.id = f.build_id"
            + " WHERE b.state <> 'DELETED'",
        rs -> rs.getString(1));
  }

  /** Whether a build that is not DELETED lists the blob (as {@link #referencedBlobs}). */
  public static boolean isReferenced(Sql sql, String sha256) {
    return sql.one(
            "SELECT 1 FROM build_files f JOIN builds b ON b.id = f.build_id"
                + " WHERE f.sha256 = ? AND b.state <> 'DELETED'",
            rs -> rs.getInt(1),
            sha256)
        .isPresent();
  }

  /** Marks a build DELETED. */
  public static void markDeleted(Sql sql, long id) {
    sql.update("UPDATE builds SET state = 'DELETED' WHERE id = ?", id);
  }

  public static Build row(ResultSet rs) throws SQLException {
    int number = rs.getInt(14);
    Integer jenkinsNumber = rs.wasNull() ? null : number;
    return new Build(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        BuildState.valueOf(rs.getString(4)),
        words(rs.getString(5)),
        words(rs.getString(6)),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        new Provenance(
            rs.getString(10),
            Instant.ofEpochMilli(rs.getLong(11)),
            rs.getString(12),
            rs.getString(13),
            jenkinsNumber,
            rs.getString(15)),
        List.of());
  }

  private static Build withFiles(Sql sql, Build b) {
    List<BuildFile> files =
        sql.query(
            "SELECT name, kind, size, sha256, arch FROM build_files WHERE build_id = ?"
                + " ORDER BY name",
            rs ->
                new BuildFile(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getString(5)),
            b.id());
    List<BuildPart> parts =
        sql.query(
            "SELECT arch, changes_name, content_sha256, imported_by, imported_at, jenkins_url,"
                + " jenkins_job, jenkins_number, signed_by FROM build_parts WHERE build_id = ?"
                + " ORDER BY imported_at, arch",
            rs -> {
              int number = rs.getInt(8);
              Integer jenkinsNumber = rs.wasNull() ? null : number;
              return new BuildPart(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3).strip(),
                  new Provenance(
                      rs.getString(4),
                      Instant.ofEpochMilli(rs.getLong(5)),
                      rs.getString(6),
                      rs.getString(7),
                      jenkinsNumber,
                      rs.getString(9)));
            },
            b.id());
    return b.withFiles(files).withParts(parts);
  }

  private static List<String> words(String s) {
    return s.isBlank() ? List.of() : Arrays.asList(s.strip().split(" +"));
  }
}
