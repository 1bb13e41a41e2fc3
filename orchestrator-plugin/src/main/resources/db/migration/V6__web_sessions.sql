-- Web UI logins (issue 13): a session has its own random id, kept in the browser's cookie; the
-- API token it was opened with is never sent back to the browser. Only the id's sha256 is kept.
-- Logout deletes the row; revoking the token (api_tokens row deleted) deletes its sessions.
CREATE TABLE web_sessions (
  id_sha256 CHAR(64) NOT NULL PRIMARY KEY,
  token_id BIGINT NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL
);
CREATE INDEX web_sessions_token ON web_sessions (token_id);
