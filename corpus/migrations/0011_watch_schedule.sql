-- 0011: the schedule of `archivist watch`.
--
-- One row per URL that a watch fetches again: its hubs (seeds, section
-- pages, sitemaps, feeds), checked on an interval that adapts to how often
-- they yield new links, and its articles, fetched again on a decaying
-- schedule after their first capture (--revisit). The schedule lives here,
-- not in the watch's memory, so that a watch stopped and started again
-- goes on where it was. The watch queues a URL (in frontier) once next_at
-- has passed; the fetch then sets the next one.
CREATE TABLE watch_schedule (
    url         TEXT PRIMARY KEY,                 -- normalized URL, as frontier.url
    host        TEXT NOT NULL,                    -- origin (scheme://host[:port]), as frontier.host
    role        TEXT NOT NULL CHECK (role IN ('hub', 'article')),
    interval_ms INTEGER NOT NULL DEFAULT 0,       -- hubs: the wait after the last check (adaptive)
    last_new_at INTEGER NOT NULL DEFAULT 0,       -- hubs: unix ms of the last check that queued new URLs
    new_urls    INTEGER NOT NULL DEFAULT 0,       -- hubs: URLs the last check queued
    first_at    INTEGER NOT NULL DEFAULT 0,       -- articles: unix ms of the first capture
    revisits    INTEGER NOT NULL DEFAULT 0,       -- articles: steps of --revisit done
    checks      INTEGER NOT NULL DEFAULT 0,       -- fetches made by watches
    checked_at  INTEGER NOT NULL DEFAULT 0,       -- unix ms of the last fetch
    next_at     INTEGER NOT NULL DEFAULT 0        -- unix ms when due next; 0: not again
);
CREATE INDEX watch_schedule_due ON watch_schedule(next_at) WHERE next_at > 0;
