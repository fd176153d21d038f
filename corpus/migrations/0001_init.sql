-- 0001: captures (the archive), their bodies, and the articles derived from them.

-- One row per distinct payload, zstd-compressed, shared by every capture
-- whose body has the same SHA-256 (re-crawls of unchanged pages cost nothing).
CREATE TABLE bodies (
    sha256   TEXT PRIMARY KEY,          -- hex SHA-256 of the uncompressed payload
    size     INTEGER NOT NULL,          -- uncompressed length in bytes
    encoding TEXT NOT NULL,             -- 'zstd' or 'identity'
    data     BLOB NOT NULL
);

-- One row per fetch, successful or not.
CREATE TABLE captures (
    id              INTEGER PRIMARY KEY,
    requested_url   TEXT NOT NULL,
    url             TEXT NOT NULL,              -- final URL after redirects
    host            TEXT NOT NULL DEFAULT '',   -- host of url
    redirects       TEXT NOT NULL DEFAULT '[]', -- JSON array: requested URL first, final excluded
    method          TEXT NOT NULL DEFAULT 'GET',
    request_headers TEXT NOT NULL DEFAULT '{}', -- JSON object: name -> [values]
    status          INTEGER NOT NULL DEFAULT 0, -- 0 when no response came
    proto           TEXT NOT NULL DEFAULT '',
    headers         TEXT NOT NULL DEFAULT '{}', -- JSON object: name -> [values]
    fetched_at      TEXT NOT NULL,              -- RFC 3339 UTC, nanoseconds
    duration_ms     INTEGER NOT NULL DEFAULT 0,
    body_sha256     TEXT REFERENCES bodies(sha256), -- NULL when the body was not kept
    sha256          TEXT NOT NULL DEFAULT '',   -- digest of the payload as received
    body_size       INTEGER NOT NULL DEFAULT 0,
    content_type    TEXT NOT NULL DEFAULT '',
    truncated       INTEGER NOT NULL DEFAULT 0,
    error           TEXT NOT NULL DEFAULT '',
    error_kind      TEXT NOT NULL DEFAULT '',   -- '' on success
    revisit_of      INTEGER REFERENCES captures(id),
    depth           INTEGER NOT NULL DEFAULT 0,
    source          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX captures_url ON captures(url);
CREATE INDEX captures_requested_url ON captures(requested_url);
CREATE INDEX captures_host ON captures(host);
CREATE INDEX captures_sha256 ON captures(sha256);
CREATE INDEX captures_errors ON captures(error_kind) WHERE error_kind <> '';

-- One row per article, the latest version. Older versions stay derivable
-- from their captures.
CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,       -- normalized canonical (or final) URL
    url            TEXT NOT NULL,
    canonical_url  TEXT NOT NULL DEFAULT '',
    site           TEXT NOT NULL DEFAULT '',
    site_name      TEXT NOT NULL DEFAULT '',
    title          TEXT NOT NULL DEFAULT '',
    authors        TEXT NOT NULL DEFAULT '[]', -- JSON array
    published      TEXT,                       -- RFC 3339 as the page gave it (zone kept)
    published_utc  TEXT,                       -- the same instant in UTC, for sorting and ranges
    modified       TEXT,
    language       TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL DEFAULT '',
    image          TEXT NOT NULL DEFAULT '',
    section        TEXT NOT NULL DEFAULT '',
    tags           TEXT NOT NULL DEFAULT '[]', -- JSON array
    text           TEXT NOT NULL DEFAULT '',
    word_count     INTEGER NOT NULL DEFAULT 0,
    flags          TEXT NOT NULL DEFAULT '[]', -- JSON array
    fetched_at     TEXT NOT NULL,
    capture_id     INTEGER NOT NULL REFERENCES captures(id),
    content_sha256 TEXT NOT NULL DEFAULT '',
    seq            INTEGER NOT NULL            -- bumped on every insert or update (incremental indexing)
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_site ON articles(site);
CREATE INDEX articles_published ON articles(published_utc);
CREATE INDEX articles_content ON articles(content_sha256);
CREATE UNIQUE INDEX articles_seq ON articles(seq);

-- Every URL an article was seen under (final URLs, canonical duplicates, variants).
CREATE TABLE article_urls (
    url        TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX article_urls_article ON article_urls(article_id);
