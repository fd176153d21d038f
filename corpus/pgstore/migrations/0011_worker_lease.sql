-- 0011: each worker's host lease TTL (--host-lease), so that stats can
-- tell a worker that is gone (killed, or cut off from the database: silent
-- for longer than its lease, its hosts free for the others) from one that
-- runs. 0 for workers of an older archivist.
ALTER TABLE workers ADD COLUMN lease_ms BIGINT NOT NULL DEFAULT 0;
