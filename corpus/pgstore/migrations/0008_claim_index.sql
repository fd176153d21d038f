-- 0008: less server work per crawled page (docs/BENCHMARKS.md, "PostgreSQL
-- worker at 0.7x SQLite").
--
-- frontier_claim (host, state, priority DESC, id) held every frontier row,
-- and a row gets a new entry in it each time it is written: queued,
-- claimed, settled (a change of state is never a HOT update). Since 0006
-- the claims are served by the partial frontier_state (state, host,
-- priority DESC, id), queued and in-flight rows only; the one query left
-- that asks for a host's settled rows is HostSettled (--max-pages-per-host:
-- done or failed), which this partial index serves with one entry a row.
DROP INDEX frontier_claim;
CREATE INDEX frontier_settled ON frontier(host) WHERE state IN ('done', 'failed');

-- frontier_claim as in 0005, with two statements fewer a claim: the host
-- row is inserted only when it is not found (a host's first claim), and
-- the lease and the in-flight count are written in the claim's statement,
-- not in one before it and one after.
CREATE OR REPLACE FUNCTION frontier_claim(p_host TEXT, p_worker BIGINT, p_run BIGINT, p_n INTEGER,
    p_now BIGINT, p_until BIGINT, p_delay BIGINT)
RETURNS TABLE (r_status TEXT, r_at BIGINT, r_next BIGINT,
    f_id BIGINT, f_url TEXT, f_host TEXT, f_depth INTEGER, f_source TEXT, f_kind TEXT, f_state TEXT,
    f_priority INTEGER, f_attempts INTEGER, f_not_before BIGINT, f_reason TEXT, f_capture_id BIGINT,
    f_run BIGINT, f_redirect_to TEXT, f_panics INTEGER)
LANGUAGE plpgsql AS $$
DECLARE
    v_holder BIGINT;
    v_until  BIGINT;
    v_mine   BOOLEAN;
    v_n      INTEGER;
BEGIN
    r_at := 0; r_next := 0;
    f_id := 0; f_url := ''; f_host := ''; f_depth := 0; f_source := ''; f_kind := ''; f_state := '';
    f_priority := 0; f_attempts := 0; f_not_before := 0; f_reason := ''; f_capture_id := 0;
    f_run := 0; f_redirect_to := ''; f_panics := 0;

    SELECT h.worker, h.lease_until, h.next_at INTO v_holder, v_until, r_next
        FROM frontier_hosts h WHERE h.host = p_host FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
        -- A host never claimed, or one another worker is claiming.
        INSERT INTO frontier_hosts (host, delay_ms) VALUES (p_host, p_delay) ON CONFLICT DO NOTHING;
        SELECT h.worker, h.lease_until, h.next_at INTO v_holder, v_until, r_next
            FROM frontier_hosts h WHERE h.host = p_host FOR UPDATE SKIP LOCKED;
        IF NOT FOUND THEN
            r_status := 'locked'; r_next := 0;
            RETURN NEXT;
            RETURN;
        END IF;
    END IF;
    v_mine := v_holder IS NOT NULL AND v_holder = p_worker;
    IF v_holder IS NOT NULL AND NOT v_mine AND v_until > p_now THEN
        r_status := 'busy'; r_at := v_until; r_next := 0;
        RETURN NEXT;
        RETURN;
    END IF;

    IF NOT v_mine THEN
        -- A free host, or a lease that expired: its URLs still in flight
        -- belong to a worker that is gone.
        UPDATE frontier SET state = 'queued', worker = NULL WHERE host = p_host AND state = 'in_flight';
        IF r_next > p_now THEN
            UPDATE frontier_hosts SET worker = p_worker, lease_until = p_until,
                delay_ms = GREATEST(delay_ms, p_delay), in_flight = 0
                WHERE host = p_host;
            r_status := 'wait'; r_at := r_next;
            RETURN NEXT;
            RETURN;
        END IF;
    END IF;

    -- The lease is this worker's from here on, renewed with the claim.
    RETURN QUERY
        WITH c AS (
            UPDATE frontier f SET state = 'in_flight', updated_at = p_now, worker = p_worker
            WHERE f.id IN (SELECT q.id FROM frontier q
                WHERE q.host = p_host AND q.state = 'queued' AND q.not_before <= p_now
                  AND (p_run = 0 OR q.run = p_run)
                ORDER BY q.priority DESC, q.id LIMIT GREATEST(p_n, 0) FOR UPDATE SKIP LOCKED)
            RETURNING f.*),
        h AS (
            UPDATE frontier_hosts SET worker = p_worker, lease_until = p_until,
                delay_ms = GREATEST(delay_ms, p_delay),
                in_flight = CASE WHEN v_mine THEN in_flight ELSE 0 END + (SELECT COUNT(*) FROM c)
            WHERE host = p_host)
        SELECT 'claimed'::TEXT, 0::BIGINT, r_next, c.id, c.url, c.host, c.depth, c.source, c.kind, c.state,
            c.priority, c.attempts, c.not_before, c.reason, COALESCE(c.capture_id, 0), c.run,
            c.redirect_to, c.panics
        FROM c ORDER BY c.priority DESC, c.id;
    GET DIAGNOSTICS v_n = ROW_COUNT;
    IF v_n > 0 THEN
        RETURN;
    END IF;

    SELECT MIN(q.not_before) INTO r_at FROM frontier q
        WHERE q.host = p_host AND q.state = 'queued' AND (p_run = 0 OR q.run = p_run);
    IF r_at IS NOT NULL THEN
        r_status := 'due';
        RETURN NEXT;
        RETURN;
    END IF;
    -- Nothing queued: give the host back unless URLs are in flight.
    UPDATE frontier_hosts SET worker = NULL, lease_until = 0 WHERE host = p_host AND in_flight = 0;
    r_status := 'empty'; r_at := 0;
    RETURN NEXT;
END
$$;
