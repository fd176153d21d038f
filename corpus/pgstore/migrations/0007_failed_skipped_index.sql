-- 0007: the failed and skipped URLs by state and reason. 0006 made
-- frontier_state partial (queued and in-flight rows only), which left the
-- queries on settled failures to a scan of the whole frontier: the
-- requeue of unreachable URLs when a crawl resumes, the requeue of URLs
-- skipped by robots.txt, and stats' counts by reason. Failed and skipped
-- rows are few, so this index costs a crawl almost no writes.
CREATE INDEX frontier_failed_skipped ON frontier(state, reason, host) WHERE state IN ('failed', 'skipped');
