-- 0004: robots.txt shared by the crawl workers. The worker that holds a
-- host's lease reads its robots.txt once and stores it here; the other
-- workers read it from here instead of fetching it, until expires_at.
-- RFC 9309: a copy is kept at most 24 hours (less when its HTTP caching
-- says so); a 4xx answer means no rules; a 5xx answer or none at all
-- (error set) disallows the host for now, and it is read again once
-- expires_at (a short backoff) has passed.
CREATE TABLE robots_txt (
    host       TEXT PRIMARY KEY,           -- as frontier.host: scheme://host[:port]
    status     INTEGER NOT NULL,           -- HTTP status, 0 when no response came
    body       BYTEA NOT NULL DEFAULT '',  -- as received, for a 2xx answer
    error      TEXT NOT NULL DEFAULT '',   -- why it could not be read, '' when it was
    fetched_at BIGINT NOT NULL,            -- unix milliseconds
    expires_at BIGINT NOT NULL,            -- unix milliseconds: read it again from then on
    worker     BIGINT                      -- the worker that read it
);
