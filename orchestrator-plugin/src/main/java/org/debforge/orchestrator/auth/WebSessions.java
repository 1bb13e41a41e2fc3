package org.debforge.orchestrator.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.debforge.orchestrator.db.Sql;

/**
 * The web_sessions table: a login of the web UI gets a random session id of its own (the cookie),
 * bound to the API token it was opened with; the token never goes back to the browser. A session
 * ends at logout, when its token is revoked, or after {@link #IDLE} without a request.
 */
public final class WebSessions {
  /** Session ids start with this, so they cannot be mistaken for API tokens ({@code dfo_}). */
  static final String PREFIX = "dfs_";

  public static final Duration IDLE = Duration.ofDays(7);

  private static final SecureRandom RANDOM = new SecureRandom();

  private WebSessions() {}

  /** Opens a session for {@code token}; returns its id, which only the browser keeps. */
  public static String open(Sql sql, Instant at, ApiToken token) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String id = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    sql.update(
        "INSERT INTO web_sessions (id_sha256, token_id, created_at, last_seen) VALUES (?, ?, ?, ?)",
        Tokens.sha256(id),
        token.id(),
        at.toEpochMilli(),
        at.toEpochMilli());
    return id;
  }

  /** The token of a live session (an unknown, ended or expired id: none). */
  public static Optional<ApiToken> find(Sql sql, Instant at, String id) {
    if (id == null || !id.startsWith(PREFIX) || id.length() > 200) {
      return Optional.empty();
    }
    String key = Tokens.sha256(id);
    Optional<Long> tokenId =
        sql.one(
            "SELECT token_id FROM web_sessions WHERE id_sha256 = ? AND last_seen > ?",
            rs -> rs.getLong(1),
            key,
            at.minus(IDLE).toEpochMilli());
    if (tokenId.isEmpty()) {
      return Optional.empty();
    }
    sql.update("UPDATE web_sessions SET last_seen = ? WHERE id_sha256 = ?", at.toEpochMilli(), key);
    return Tokens.byId(sql, tokenId.get());
  }

  /** Ends a session (logout); an unknown id is already ended. */
  public static void end(Sql sql, String id) {
    if (id != null && id.startsWith(PREFIX)) {
      sql.update("DELETE FROM web_sessions WHERE id_sha256 = ?", Tokens.sha256(id));
    }
  }

  /** Ends every session of a token (it is being revoked). */
  static int endAll(Sql sql, long tokenId) {
    return sql.update("DELETE FROM web_sessions WHERE token_id = ?", tokenId);
  }
}
