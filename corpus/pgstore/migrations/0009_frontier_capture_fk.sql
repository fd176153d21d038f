-- 0009: no foreign key from frontier.capture_id to captures. The crawl
-- sets capture_id when it settles a URL, in the transaction that stores
-- the capture (from the id that INSERT returned), so the check, a lookup
-- of the capture locking it FOR KEY SHARE, ran once for every page fetched
-- and never found anything wrong; captures are never deleted. Dropping it
-- took about 5% of the server's CPU of a crawl (docs/BENCHMARKS.md,
-- "PostgreSQL worker at 0.7x SQLite"). The references that keep the
-- archive whole stay: a capture's body, an article's and a version's
-- capture, an article's versions and URLs.
ALTER TABLE frontier DROP CONSTRAINT frontier_capture_id_fkey;
