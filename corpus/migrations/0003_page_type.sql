-- 0003: what kind of page each article row is, and how precise its dates are.
--
-- Rows written before this migration were all stored as articles (the
-- crawler kept only pages it took for articles), and their dates' precision
-- is unknown: '' until they are extracted again.
ALTER TABLE articles ADD COLUMN page_type TEXT NOT NULL DEFAULT 'article';
ALTER TABLE articles ADD COLUMN published_precision TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN modified_precision TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_page_type ON articles(page_type);
