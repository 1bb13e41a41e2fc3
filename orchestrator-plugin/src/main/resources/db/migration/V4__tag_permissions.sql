-- Koji-style per-tag permissions, and the signer of a build's .changes (docs/deb-orchestrator.md,
-- "Permissions" and "Signed .changes").

-- A tag may name a permission that tagging into or out of it requires (Koji's tag "perm"). NULL:
-- the tagger role is enough.
ALTER TABLE tags ADD COLUMN perm VARCHAR(64);

-- Named permissions a token holds besides its role.
CREATE TABLE api_token_perms (
  token_id BIGINT NOT NULL REFERENCES api_tokens (id),
  perm VARCHAR(64) NOT NULL,
  PRIMARY KEY (token_id, perm)
);

-- The OpenPGP fingerprint of the key that signed the imported .changes, when the store checked
-- signatures (a keyring was configured); NULL for builds imported without that check.
ALTER TABLE builds ADD COLUMN signed_by VARCHAR(64);
