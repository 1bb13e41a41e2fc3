package org.debforge.orchestrator.compose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.db.Sql;
import org.debforge.orchestrator.history.History;

/** The compose tables (V7__composes.sql): import, look-up, and the two questions they answer. */
public final class ComposeRecords {
  private static final String SUMMARY =
      "SELECT c.id, c.compose_id, c.name, c.version, c.compose_date, c.respin, c.compose_type,"
          + " c.status, (SELECT COUNT(*) FROM compose_packages p WHERE p.compose_id = c.id),"
          + " (SELECT COUNT(*) FROM compose_packages p WHERE p.compose_id = c.id"
          + " AND p.build_id IS NOT NULL), c.imported_by, c.imported_at FROM composes c";

  private ComposeRecords() {}

  /**
   * Records the compose in the caller's transaction. The same content again is a no-op; other
   * content under an imported compose id is a conflict (a compose id names one compose forever).
   */
  public static ComposeImport importCompose(Sql sql, Instant at, String actor, ComposeMetadata m) {
    Optional<String> existing =
        sql.one(
            "SELECT content_sha256 FROM composes WHERE compose_id = ?",
            rs -> rs.getString(1),
            m.composeId());
    if (existing.isPresent()) {
      if (!existing.get().equals(m.contentSha256())) {
        throw new DebforgeException(
            ErrorKind.CONFLICT,
            "compose '" + m.composeId() + "' is already imported with other content",
            "a compose id names one compose; compose again (a new respin) instead of rewriting");
      }
      return new ComposeImport(false, require(sql, m.composeId()));
    }
    long id;
    try {
      id =
          sql.insert(
              "INSERT INTO composes (compose_id, name, short_name, version, compose_date, respin,"
                  + " compose_type, status, blueprint, phases, content_sha256, imported_by,"
                  + " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              m.composeId(),
              m.name(),
              m.shortName(),
              m.version(),
              m.date(),
              m.respin(),
              m.type(),
              m.status(),
              m.blueprint(),
              m.phasesJson(),
              m.contentSha256(),
              actor,
              at.toEpochMilli());
    } catch (DebforgeException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new DebforgeException(
            ErrorKind.CONFLICT,
            "compose '" + m.composeId() + "' was imported at the same time by another client",
            "run the import again: the same content is then a no-op");
      }
      throw e;
    }
    for (int i = 0; i < m.sources().size(); i++) {
      LockSource s = m.sources().get(i);
      sql.update(
          "INSERT INTO compose_sources (compose_id, seq, name, kind, uri, suite, components, tag,"
              + " snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          id,
          i,
          s.name(),
          s.kind(),
          s.uri(),
          s.suite(),
          String.join(" ", s.components()),
          s.tag(),
          s.snapshot());
    }
    Map<String, Long> builds = buildsByDeb(sql, m.packages());
    for (int i = 0; i < m.packages().size(); i++) {
      LockPackage p = m.packages().get(i);
      sql.update(
          "INSERT INTO compose_packages (compose_id, seq, name, version, arch, sha256, size,"
              + " source, filename, build_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          id,
          i,
          p.name(),
          p.version(),
          p.arch(),
          p.sha256(),
          p.size(),
          p.source(),
          p.filename(),
          builds.get(p.sha256()));
    }
    History.record(
        sql,
        at,
        actor,
        "import-compose",
        null,
        null,
        m.composeId()
            + " ("
            + m.status()
            + ", "
            + m.packages().size()
            + " packages, "
            + builds.size()
            + " from builds)");
    return new ComposeImport(true, require(sql, m.composeId()));
  }

  /** The build (oldest first) holding a .deb of each sha256, in chunks of 500. */
  private static Map<String, Long> buildsByDeb(Sql sql, List<LockPackage> packages) {
    List<String> digests = packages.stream().map(LockPackage::sha256).distinct().toList();
    Map<String, Long> out = new HashMap<>();
    for (int i = 0; i < digests.size(); i += 500) {
      List<String> chunk = digests.subList(i, Math.min(digests.size(), i + 500));
      sql.query(
          "SELECT sha256, build_id FROM build_files WHERE kind = 'deb' AND sha256 IN ("
              + String.join(", ", Collections.nCopies(chunk.size(), "?"))
              + ") ORDER BY build_id",
          rs -> out.putIfAbsent(rs.getString(1), rs.getLong(2)),
          chunk.toArray());
    }
    return out;
  }

  public static Compose require(Sql sql, String composeId) {
    return find(sql, composeId)
        .orElseThrow(
            () ->
                new DebforgeException(
                    ErrorKind.NOT_FOUND,
                    "no compose '" + composeId + "'",
                    "see 'deb-orchestrator list-composes' or GET /api/v1/composes"));
  }

  public static Optional<Compose> find(Sql sql, String composeId) {
    record Head(long id, String importedBy, long importedAt, ComposeMetadata partial) {}
    Optional<Head> head =
        sql.one(
            "SELECT id, compose_id, name, short_name, version, compose_date, respin, compose_type,"
                + " status, blueprint, phases, content_sha256, imported_by, imported_at"
                + " FROM composes WHERE compose_id = ?",
            rs ->
                new Head(
                    rs.getLong(1),
                    rs.getString(13),
                    rs.getLong(14),
                    new ComposeMetadata(
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11),
                        List.of(),
                        List.of(),
                        rs.getString(12))),
            composeId);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Head h = head.get();
    List<LockSource> sources =
        sql.query(
            "SELECT name, kind, uri, suite, components, tag, snapshot FROM compose_sources"
                + " WHERE compose_id = ? ORDER BY seq",
            rs ->
                new LockSource(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    words(rs.getString(5)),
                    rs.getString(6),
                    rs.getString(7)),
            h.id());
    List<ComposePackage> packages =
        sql.query(
            "SELECT p.name, p.version, p.arch, p.sha256, p.size, p.source, p.filename, p.build_id,"
                + " b.source, b.version FROM compose_packages p LEFT JOIN builds b"
                + " ON b.id = p.build_id WHERE p.compose_id = ? ORDER BY p.seq",
            rs -> {
              long build = rs.getLong(8);
              boolean linked = !rs.wasNull();
              return new ComposePackage(
                  new LockPackage(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getLong(5),
                      rs.getString(6),
                      rs.getString(7)),
                  linked ? build : null,
                  linked ? rs.getString(9) + "_" + rs.getString(10) : null);
            },
            h.id());
    ComposeMetadata p = h.partial();
    ComposeMetadata m =
        new ComposeMetadata(
            p.composeId(),
            p.name(),
            p.shortName(),
            p.version(),
            p.date(),
            p.respin(),
            p.type(),
            p.status(),
            p.blueprint(),
            p.phasesJson(),
            packages.stream().map(ComposePackage::lock).toList(),
            sources,
            p.contentSha256());
    return Optional.of(
        new Compose(h.id(), m, packages, h.importedBy(), Instant.ofEpochMilli(h.importedAt())));
  }

  /** Every compose, newest import first. */
  public static List<ComposeSummary> list(Sql sql) {
    return sql.query(SUMMARY + " ORDER BY c.id DESC", ComposeRecords::summary);
  }

  /**
   * The composes that read tag {@code tag}: at snapshot {@code snapshot}, or (null) the live suite;
   * {@code anySnapshot} ignores the snapshot.
   */
  public static List<ComposeSummary> usingTag(
      Sql sql, String tag, String snapshot, boolean anySnapshot) {
    String where =
        anySnapshot ? "" : snapshot == null ? " AND s.snapshot IS NULL" : " AND s.snapshot = ?";
    List<Object> args = new ArrayList<>(List.of(tag));
    if (!anySnapshot && snapshot != null) {
      args.add(snapshot);
    }
    return sql.query(
        SUMMARY
            + " WHERE c.id IN (SELECT s.compose_id FROM compose_sources s WHERE s.tag = ?"
            + where
            + ") ORDER BY c.id DESC",
        ComposeRecords::summary,
        args.toArray());
  }

  /** The composes holding a package of build {@code buildId}. */
  public static List<ComposeSummary> containingBuild(Sql sql, long buildId) {
    return sql.query(
        SUMMARY
            + " WHERE c.id IN (SELECT p.compose_id FROM compose_packages p WHERE p.build_id = ?)"
            + " ORDER BY c.id DESC",
        ComposeRecords::summary,
        buildId);
  }

  private static ComposeSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new ComposeSummary(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getInt(6),
        rs.getString(7),
        rs.getString(8),
        rs.getInt(9),
        rs.getInt(10),
        rs.getString(11),
        Instant.ofEpochMilli(rs.getLong(12)));
  }

  private static List<String> words(String s) {
    return s == null || s.isBlank() ? List.of() : List.of(s.trim().split(" +"));
  }
}
