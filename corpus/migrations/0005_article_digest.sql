-- 0005: a digest of each article row's stored values, so that bytes changed
-- inside a value (which leave SQLite's page structure intact, so its
-- integrity check cannot see them) are found by verify and refused by
-- export. row_sha256 is the hex SHA-256 of the row's canonical encoding
-- (corpus/digest.go). The migration fills it for the rows already stored,
-- in the same transaction (see migrationFills in corpus/sqlite.go): they
-- are taken as sound, as far as anyone can tell.
ALTER TABLE articles ADD COLUMN row_sha256 TEXT NOT NULL DEFAULT '';
