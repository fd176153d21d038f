-- 0006: what a crawl remembers beyond its frontier.
--
-- crawl_scope is the set of hosts whose links the crawl follows (the seeds'
-- hosts, --allow-host, the hosts a seed redirected to), so that a crawl
-- resumed without seeds keeps the same scope.
CREATE TABLE crawl_scope (
    host     TEXT PRIMARY KEY,          -- lower-case host without a leading "www." and without port
    source   TEXT NOT NULL DEFAULT '',  -- 'seed', 'allow-host' or 'redirect'
    added_at INTEGER NOT NULL DEFAULT 0 -- unix milliseconds
);

-- crawl_hosts keeps, per origin, what the crawl last learnt of its
-- robots.txt: the digest of the rules it read (URLs skipped by robots.txt
-- are judged again when it changes), or why it could not be read (the
-- host is unreachable or answered 5xx: its URLs stay queued for the next
-- run, RFC 9309 "disallow for now").
CREATE TABLE crawl_hosts (
    host          TEXT PRIMARY KEY,           -- origin: scheme://host[:port], as frontier.host
    robots_sha256 TEXT NOT NULL DEFAULT '',   -- hex SHA-256 of the robots.txt read (status and body)
    robots_status INTEGER NOT NULL DEFAULT 0, -- HTTP status of the last try, 0 when no response came
    robots_error  TEXT NOT NULL DEFAULT '',   -- why the last try failed, '' when it was read
    checked_at    INTEGER NOT NULL DEFAULT 0  -- unix milliseconds of the last try
);

-- The hubs (sitemaps, feeds, listing pages) a finished crawl checks again
-- are found through their kind; plain pages ('') are not indexed.
CREATE INDEX frontier_kind ON frontier(kind) WHERE kind <> '';
