-- APT publishing of tags (docs/deb-orchestrator.md, "Publishing").

-- Per-tag publish settings. A tag without a row is published with defaults: suite and codename =
-- the tag's name, component main, the tag's architectures, latest build per package, unsigned.
-- Lists are space-separated words. architectures NULL: the tag's (inherited) arches.
CREATE TABLE publish_settings (
  tag_id BIGINT NOT NULL PRIMARY KEY REFERENCES tags (id),
  suite VARCHAR(100) NOT NULL,
  codename VARCHAR(100) NOT NULL,
  components VARCHAR(1000) NOT NULL,
  architectures VARCHAR(1000),
  origin VARCHAR(200),
  label VARCHAR(200),
  description VARCHAR(1000),
  signing_key VARCHAR(2000),
  latest_only BOOLEAN NOT NULL
);

-- The control fields of each published .deb, keyed by its sha256 (blobs are immutable), with its
-- md5 (Packages lists MD5sum; the store keys blobs by sha256 only). Filled on first publish, so a
-- re-publish does not open every .deb again.
CREATE TABLE publish_debs (
  sha256 CHAR(64) NOT NULL PRIMARY KEY,
  md5 CHAR(32) NOT NULL,
  control VARCHAR(1000000) NOT NULL
);
