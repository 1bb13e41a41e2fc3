package org.debforge.orchestrator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.debforge.orchestrator.db.Sql;
import org.debforge.orchestrator.history.History;

/** The api_tokens table: create, list, and find a token by its secret. */
public final class Tokens {
  /** Secrets start with this, so a leaked one is recognisable (e.g. by secret scanners). */
  static final String PREFIX = "dfo_";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS = "id, name, role, created_at, created_by";

  private Tokens() {}

  public static NewToken create(
      Sql sql, Instant at, String actor, String name, Role role, List<String> perms) {
    // validates the name and the permission names
    ApiToken probe = new ApiToken(0, name, role, List.copyOf(new TreeSet<>(perms)), at, actor);
    if (sql.one("SELECT id FROM api_tokens WHERE name = ?", rs -> rs.getLong(1), name)
        .isPresent()) {
      throw new DebforgeException(
          ErrorKind.CONFLICT,
          "a token named '" + name + "' exists",
          "pick another name; see 'deb-orchestrator token list'");
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    long id =
        sql.insert(
            "INSERT INTO api_tokens (name, role, token_sha256, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?)",
            name,
            role.label(),
            sha256(secret),
            at.toEpochMilli(),
            actor);
    for (String perm : probe.perms()) {
      sql.update("INSERT INTO api_token_perms (token_id, perm) VALUES (?, ?)", id, perm);
    }
    History.record(
        sql,
        at,
        actor,
        "add-token",
        null,
        null,
        name
            + " role="
            + role.label()
            + (probe.perms().isEmpty() ? "" : " perms=" + String.join(",", probe.perms())));
    return new NewToken(
        new ApiToken(id, probe.name(), role, probe.perms(), probe.created(), probe.createdBy()),
        secret);
  }

  public static List<ApiToken> list(Sql sql) {
    return sql.query("SELECT " + COLUMNS + " FROM api_tokens ORDER BY name", Tokens::row).stream()
        .map(t -> withPerms(sql, t))
        .toList();
  }

  /** The token whose secret this is, compared by sha256 (the secret is never stored). */
  public static Optional<ApiToken> find(Sql sql, String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
      return Optional.empty();
    }
    return sql.one(
            "SELECT " + COLUMNS + " FROM api_tokens WHERE token_sha256 = ?",
            Tokens::row,
            sha256(secret))
        .map(t -> withPerms(sql, t));
  }

  public static Optional<ApiToken> byId(Sql sql, long id) {
    return sql.one("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?", Tokens::row, id)
        .map(t -> withPerms(sql, t));
  }

  /**
   * Ends a token at once, by name or numeric id: it is deleted with its perms and every web session
   * opened with it, so the next request with it (or with one of those sessions) is 401. The history
   * keeps who revoked it and what it was.
   */
  public static ApiToken revoke(Sql sql, Instant at, String actor, String ref) {
    Optional<ApiToken> found =
        sql.one("SELECT " + COLUMNS + " FROM api_tokens WHERE name = ?", Tokens::row, ref);
    if (found.isEmpty() && ref != null && ref.matches("[0-9]{1,18}")) {
      found = byId(sql, Long.parseLong(ref));
    }
    ApiToken t =
        found
            .map(x -> withPerms(sql, x))
            .orElseThrow(
                () ->
                    new DebforgeException(
                        ErrorKind.NOT_FOUND,
                        "no token '" + ref + "'",
                        "see 'deb-orchestrator token list'"));
    int sessions = WebSessions.endAll(sql, t.id());
    sql.update("DELETE FROM api_token_perms WHERE token_id = ?", t.id());
    sql.update("DELETE FROM api_tokens WHERE id = ?", t.id());
    History.record(
        sql,
        at,
        actor,
        "revoke-token",
        null,
        null,
        t.name() + " role=" + t.role().label() + " id=" + t.id() + " sessions=" + sessions);
    return t;
  }

  private static ApiToken withPerms(Sql sql, ApiToken t) {
    List<String> perms =
        sql.query(
            "SELECT perm FROM api_token_perms WHERE token_id = ? ORDER BY perm",
            rs -> rs.getString(1),
            t.id());
    return new ApiToken(t.id(), t.name(), t.role(), perms, t.created(), t.createdBy());
  }

  private static ApiToken row(ResultSet rs) throws SQLException {
    return new ApiToken(
        rs.getLong(1),
        rs.getString(2),
        Role.parse(rs.getString(3)),
        List.of(),
        Instant.ofEpochMilli(rs.getLong(4)),
        rs.getString(5));
  }

  static String sha256(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
