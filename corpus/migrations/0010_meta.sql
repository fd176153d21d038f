-- 0010: facts about the corpus itself. corpus_id is a random id made once
-- when the schema is created or upgraded, and kept for the life of the file
-- (copies of the file keep it too), so that an export's manifest can name
-- the corpus it came from.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('corpus_id', lower(hex(randomblob(16))));
