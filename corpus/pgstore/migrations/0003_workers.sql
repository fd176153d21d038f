-- 0003: crawl workers and host leases, so that several crawl processes
-- on several machines share one frontier politely.
--
-- A worker is one `archivist crawl --store` process; it renews
-- heartbeat_at every few seconds while it runs. A worker claims a host
-- (SELECT ... FOR UPDATE SKIP LOCKED on its frontier_hosts row) and holds
-- its lease until lease_until, renewed with the heartbeat: only the
-- leaseholder fetches the host's URLs, with its own per-host limit and
-- delay, so that the limits hold across all workers. A lease that is not
-- renewed expires: the next worker to claim the host takes it over and
-- queues again the URLs the dead worker had in flight. next_at carries the
-- politeness delay across a handover: a new leaseholder starts no request
-- before it.
CREATE TABLE workers (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    machine      TEXT NOT NULL,             -- host name of the machine
    pid          INTEGER NOT NULL,
    started_at   BIGINT NOT NULL,           -- unix milliseconds
    heartbeat_at BIGINT NOT NULL,           -- unix milliseconds of the last sign of life
    stopped_at   BIGINT NOT NULL DEFAULT 0, -- unix milliseconds; 0 while running (or killed)
    pages        BIGINT NOT NULL DEFAULT 0  -- URLs it settled
);

CREATE TABLE frontier_hosts (
    host        TEXT PRIMARY KEY,           -- as frontier.host: scheme://host[:port]
    worker      BIGINT REFERENCES workers(id),
    lease_until BIGINT NOT NULL DEFAULT 0,  -- unix milliseconds: the lease ends unless renewed
    next_at     BIGINT NOT NULL DEFAULT 0,  -- unix milliseconds: no request starts before
    in_flight   INTEGER NOT NULL DEFAULT 0, -- URLs claimed by the leaseholder, not yet settled
    delay_ms    BIGINT NOT NULL DEFAULT 0   -- the delay between requests the leaseholder keeps
);
CREATE INDEX frontier_hosts_worker ON frontier_hosts(worker) WHERE worker IS NOT NULL;

-- The worker whose claim an in-flight URL is.
ALTER TABLE frontier ADD COLUMN worker BIGINT;
