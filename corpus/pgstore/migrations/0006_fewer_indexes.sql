-- 0006: fewer index entries written per crawled page. Every capture,
-- article and frontier row written (and every frontier row updated: a
-- change of state is never a HOT update) adds an entry to each index of
-- its table, and the server's CPU for these entries is most of what a
-- PostgreSQL-backed crawl costs beyond a SQLite one. Indexes that no
-- query uses are dropped; those a query needs for a few rows only become
-- partial (docs/BENCHMARKS.md, "PostgreSQL worker: fewer indexes").

-- No query looks captures up by host (stats groups the whole table) or by
-- payload digest (bodies are found by body_sha256, the bodies' key).
DROP INDEX captures_host;
DROP INDEX captures_sha256;

-- LatestCapture asks for url = u OR requested_url = u; a capture that
-- was not redirected has requested_url = url, which captures_url finds.
DROP INDEX captures_requested_url;
CREATE INDEX captures_requested_url ON captures(requested_url) WHERE requested_url <> url;

-- FindArticle asks for key = u OR url = u; an article whose url is its
-- key is found by the key's unique index.
DROP INDEX articles_url;
CREATE INDEX articles_url ON articles(url) WHERE url <> key;

-- The hosts with URLs queued or in flight (the crawl's host list, stats,
-- a dead worker's claims): the settled rows, most of a frontier, are
-- never asked for by state alone. Ordered as a claim takes a host's
-- queued URLs (as frontier_claim is), so that a claim the planner serves
-- from this smaller index does not sort all of a host's queue.
DROP INDEX frontier_state;
CREATE INDEX frontier_state ON frontier(state, host, priority DESC, id) WHERE state IN ('queued', 'in_flight');
