-- A build is one source version across architectures (issue 13, docs/deb-orchestrator.md "Build").
-- Each architecture's result joins the build as a part, with its own .changes, identity digest and
-- provenance; the builds row keeps the union (architectures, binaries) and the first import's
-- provenance.

CREATE TABLE build_parts (
  build_id BIGINT NOT NULL REFERENCES builds (id),
  -- the concrete architectures of the part's .changes (no 'source', 'all'), else 'all'/'source'
  arch VARCHAR(1000) NOT NULL,
  changes_name VARCHAR(255) NOT NULL,
  content_sha256 CHAR(64) NOT NULL,
  imported_by VARCHAR(200) NOT NULL,
  imported_at BIGINT NOT NULL,
  jenkins_url VARCHAR(2000),
  jenkins_job VARCHAR(500),
  jenkins_number INTEGER,
  signed_by VARCHAR(64),
  PRIMARY KEY (build_id, arch)
);

-- Every existing build is one part; its key computed as BuildPart.keyOf does.
INSERT INTO build_parts (build_id, arch, changes_name, content_sha256, imported_by, imported_at,
    jenkins_url, jenkins_job, jenkins_number, signed_by)
  SELECT id,
    CASE
      WHEN TRIM(REPLACE(REPLACE(' ' || architectures || ' ', ' source ', ' '), ' all ', ' ')) <> ''
        THEN TRIM(REPLACE(REPLACE(' ' || architectures || ' ', ' source ', ' '), ' all ', ' '))
      WHEN ' ' || architectures || ' ' LIKE '% all %' THEN 'all'
      WHEN ' ' || architectures || ' ' LIKE '% source %' THEN 'source'
      ELSE ''
    END,
    changes_name, content_sha256, imported_by, imported_at, jenkins_url, jenkins_job,
    jenkins_number, signed_by
  FROM builds;

-- The part that brought each file (a shared file, the source or an 'all' package, is stored once,
-- with the part that brought it first).
ALTER TABLE build_files ADD COLUMN arch VARCHAR(1000);
UPDATE build_files SET arch =
  (SELECT p.arch FROM build_parts p WHERE p.build_id = build_files.build_id);

-- Whether -dbgsym packages are published in COMPONENT/debug (NULL: yes, the default).
ALTER TABLE publish_settings ADD COLUMN split_debug BOOLEAN;
