-- 0010: the claim function is gone; a worker sends the claim as one
-- statement (pgstore.qClaim) with the same steps, locks and answers. A
-- PL/pgSQL function cost every new connection the loading of PL/pgSQL and
-- the compiling of the function on its first call (tens of milliseconds on
-- the start of every crawl worker), and a new database the same when the
-- function was created (docs/BENCHMARKS.md, "The start of a PostgreSQL
-- crawl"). Workers of an older archivist call the function: stop them
-- before a newer one migrates the database (they would refuse its schema
-- when they start again anyway).
DROP FUNCTION frontier_claim(TEXT, BIGINT, BIGINT, INTEGER, BIGINT, BIGINT, BIGINT);
