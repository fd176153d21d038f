-- 0002: the crawl frontier and visited set, and the crawl runs.
--
-- Every URL the crawler has ever queued has one row here, keyed by its
-- normalized form, so the frontier doubles as the visited set and survives
-- any crash: a row is queued, in flight (claimed by a running crawl), done
-- (captured), failed (captured as an error after the retries) or skipped
-- (never fetched: robots.txt, a trap, the per-host budget).
CREATE TABLE frontier (
    id         INTEGER PRIMARY KEY,
    url        TEXT NOT NULL UNIQUE,          -- normalized URL
    host       TEXT NOT NULL,                 -- lower-case host of url
    depth      INTEGER NOT NULL DEFAULT 0,    -- link hops from a seed
    source     TEXT NOT NULL DEFAULT '',      -- page it was found on, or 'seed', 'sitemap', 'feed', 'robots'
    kind       TEXT NOT NULL DEFAULT '',      -- what the crawler expects there: '' (page), 'sitemap', 'feed', 'probe'
    state      TEXT NOT NULL DEFAULT 'queued' -- queued | in_flight | done | failed | skipped
               CHECK (state IN ('queued', 'in_flight', 'done', 'failed', 'skipped')),
    priority   INTEGER NOT NULL DEFAULT 0,    -- higher first (the crawler uses -depth)
    attempts   INTEGER NOT NULL DEFAULT 0,    -- fetch attempts that failed transiently
    not_before INTEGER NOT NULL DEFAULT 0,    -- unix milliseconds: not to be fetched before (backoff, Retry-After)
    reason     TEXT NOT NULL DEFAULT '',      -- why skipped or failed
    capture_id INTEGER REFERENCES captures(id), -- the capture that settled it
    redirect_to TEXT NOT NULL DEFAULT '',     -- normalized URL a redirect led to but the crawl did not follow there
    run        INTEGER NOT NULL DEFAULT 0,    -- crawl_runs.id that last queued it
    added_at   INTEGER NOT NULL,              -- unix milliseconds
    updated_at INTEGER NOT NULL               -- unix milliseconds of the last state change
);
CREATE INDEX frontier_claim ON frontier(host, state, priority DESC, id);
CREATE INDEX frontier_state ON frontier(state, host);
CREATE INDEX frontier_redirect ON frontier(redirect_to) WHERE redirect_to <> '';

-- One row per `archivist crawl` invocation (a resumed crawl is a new run).
CREATE TABLE crawl_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,               -- RFC 3339 UTC
    finished_at TEXT,                        -- NULL while running or when killed
    settings    TEXT NOT NULL DEFAULT '{}',  -- JSON: the options the run used
    summary     TEXT NOT NULL DEFAULT '{}'   -- JSON: what it did, written when it ends
);
