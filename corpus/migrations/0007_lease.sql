-- 0007: one crawl per database.
--
-- A crawl (or watch) holds the lease named 'crawl' while it runs and
-- refreshes heartbeat_at every few seconds. A second crawl refuses to start
-- while the lease is held; a lease whose heartbeat is too old, or whose
-- process is gone from this host, was left by a killed process and is taken
-- over. There is at most one row per name.
CREATE TABLE lease (
    name         TEXT PRIMARY KEY,   -- what is held: 'crawl'
    holder       TEXT NOT NULL,      -- the command holding it: 'crawl', 'watch'
    token        TEXT NOT NULL,      -- random, tells this process's lease from a later one
    pid          INTEGER NOT NULL,   -- process id of the holder
    host         TEXT NOT NULL,      -- host name of the holder
    since        TEXT NOT NULL,      -- RFC 3339 UTC: when it was taken
    heartbeat_at TEXT NOT NULL       -- RFC 3339 UTC: the holder's last sign of life
);
