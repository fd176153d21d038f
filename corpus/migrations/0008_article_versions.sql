-- 0008: every version of every article, and the provenance of each.
--
-- articles keeps the latest version of each article (search, index and
-- export read it); article_versions keeps every version, the latest
-- included: a recrawl (or a re-extraction) that brings a changed title or
-- text adds a row here and never overwrites an older one. An unchanged
-- re-capture adds none. The latest version's text is not stored twice:
-- its text column is NULL (the text is the article row's) until a newer
-- version comes, which fills it in with the text the article row loses.
--
-- extractor_version is scraper/extract's Version at the time the text was
-- extracted (0: before archivist recorded it); extracted_at is when it was
-- ('' when unknown).
--
-- The Go step of this migration (migrationFills in corpus/sqlite.go)
-- makes each existing article its own version 1, and rewrites each
-- article row's digest in the encoding that covers the new columns, for
-- the rows whose old digest still matches their values (a row that was
-- already damaged keeps its old digest, so verify still reports it).
ALTER TABLE articles ADD COLUMN extractor_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN extracted_at TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_extractor ON articles(extractor_version);

CREATE TABLE article_versions (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version           INTEGER NOT NULL,            -- 1, 2, ... in the order they were stored
    capture_id        INTEGER NOT NULL REFERENCES captures(id), -- the capture it was extracted from
    fetched_at        TEXT NOT NULL,               -- that capture's fetch time, RFC 3339 UTC
    title             TEXT NOT NULL DEFAULT '',
    text              TEXT,                        -- NULL for the latest version: the article row's
    word_count        INTEGER NOT NULL DEFAULT 0,
    text_sha256       TEXT NOT NULL DEFAULT '',    -- hex SHA-256 of the title and text (see corpus/versions.go)
    content_sha256    TEXT NOT NULL DEFAULT '',    -- hex SHA-256 of the capture body
    extractor_version INTEGER NOT NULL DEFAULT 0,
    extracted_at      TEXT NOT NULL DEFAULT '',
    row_sha256        TEXT NOT NULL DEFAULT '',    -- digest of this row's values (corpus/versions.go)
    UNIQUE (article_id, version)
);
