-- 0004: count the unexpected failures (panics) of the crawler per URL, so
-- that a page that makes the crawler panic is given up after a second
-- panic instead of being fetched again by every resumed crawl.
ALTER TABLE frontier ADD COLUMN panics INTEGER NOT NULL DEFAULT 0;
