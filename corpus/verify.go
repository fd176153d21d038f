package corpus

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// IntegrityCheck runs PRAGMA integrity_check and returns an error unless
// SQLite answers "ok".
func (db *DB) IntegrityCheck(ctx context.Context) error {
	problems, err := db.IntegrityProblems(ctx, false)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check: %w: %s", ErrCorrupt, strings.Join(problems, "; "))
	}
	return nil
}

// IntegrityProblems runs SQLite's PRAGMA integrity_check (or the faster
// quick_check, which skips matching indexes to tables, when quick is set)
// and returns each problem it reports; none means the file is sound. When
// the file is too damaged for the check to finish, SQLite's error is the
// last problem.
func (db *DB) IntegrityProblems(ctx context.Context, quick bool) ([]string, error) {
	pragma := "PRAGMA integrity_check"
	if quick {
		pragma = "PRAGMA quick_check"
	}
	var problems []string
	err := db.checkRows(ctx, pragma, func(s string) {
		if s != "ok" {
			problems = append(problems, s)
		}
	})
	if err != nil && errors.Is(db.describe(err), ErrCorrupt) {
		// Too damaged for the check to run to the end: that is its
		// answer.
		problems = append(problems, err.Error())
	} else if err != nil {
		return nil, fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		db.damaged.Store(true)
	}
	return problems, nil
}

// checkRows calls fn with each row of the one-column query q.
func (db *DB) checkRows(ctx context.Context, q string, fn func(string)) error {
	rows, err := db.r.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		fn(s)
	}
	return rows.Err()
}

// quickCheckStamp is what the sidecar file of QuickCheckCached records: the
// database file (and its write-ahead log) as they were when quick_check
// last found them sound.
type quickCheckStamp struct {
	Size     int64 `json:"size"`
	ModTime  int64 `json:"mtime_ns"`
	WALSize  int64 `json:"wal_size"`
	WALMTime int64 `json:"wal_mtime_ns"`
}

func stampOf(path string) (quickCheckStamp, error) {
	var s quickCheckStamp
	st, err := os.Stat(path)
	if err != nil {
		return s, err
	}
	s.Size, s.ModTime = st.Size(), st.ModTime().UnixNano()
	// An empty log holds nothing: it is created anew by each open.
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		s.WALSize, s.WALMTime = wal.Size(), wal.ModTime().UnixNano()
	}
	return s, nil
}

// QuickCheckFile is the sidecar file in which QuickCheckCached remembers
// the last sound check of the database at path.
func QuickCheckFile(path string) string { return path + "-quickcheck" }

// QuickCheckCached runs PRAGMA quick_check unless the database file and its
// write-ahead log have the same size and modification time as when it last
// passed, and returns the problems found (none when sound). A pass is
// remembered in a sidecar file (QuickCheckFile) rather than in the
// database, whose size and time it would change; failing to write that
// file only means the next call checks again.
func (db *DB) QuickCheckCached(ctx context.Context) (problems []string, cached bool, err error) {
	before, err := stampOf(db.path)
	if err != nil {
		return nil, false, fmt.Errorf("quick check: %w", err)
	}
	if b, err := os.ReadFile(QuickCheckFile(db.path)); err == nil {
		var last quickCheckStamp
		if json.Unmarshal(b, &last) == nil && last == before {
			return nil, true, nil
		}
	}
	problems, err = db.IntegrityProblems(ctx, true)
	if err != nil || len(problems) > 0 {
		os.Remove(QuickCheckFile(db.path))
		return problems, false, err
	}
	after, err := stampOf(db.path)
	if err == nil && after == before && !db.ReadOnly() {
		b, _ := json.Marshal(before)
		writeFileAtomic(QuickCheckFile(db.path), b)
	}
	return nil, false, nil
}

func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Problem is a capture (or article) whose stored data does not match its
// recorded digest.
type Problem struct {
	CaptureID int64
	ArticleID int64 // 0 for a problem with a capture's body
	URL       string
	SHA256    string // the digest recorded for the body
	Problem   string // what is wrong, in a few words
}

// VerifyBodies decompresses every stored body, recomputes its SHA-256 and
// size and compares them with what was recorded, and calls fn for each
// capture whose body is damaged or missing. It returns the number of
// bodies checked. It streams: memory does not grow with the corpus.
func (db *DB) VerifyBodies(ctx context.Context, fn func(Problem) error) (int64, error) {
	var checked int64
	var bad []Problem
	rows, err := db.r.QueryContext(ctx, "SELECT sha256, size, encoding, data FROM bodies ORDER BY rowid")
	if err != nil {
		return 0, fmt.Errorf("verify bodies: %w", db.describe(err))
	}
	for rows.Next() {
		var (
			sum, encoding string
			size          int64
			data          []byte
		)
		if err := rows.Scan(&sum, &size, &encoding, &data); err != nil {
			rows.Close()
			return checked, fmt.Errorf("verify bodies: %w", db.describe(err))
		}
		checked++
		if p := db.checkBody(sum, size, encoding, data); p != "" {
			bad = append(bad, Problem{SHA256: sum, Problem: p})
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return checked, fmt.Errorf("verify bodies: %w", db.describe(err))
	}
	for _, b := range bad {
		if err := db.capturesOfBody(ctx, b, fn); err != nil {
			return checked, err
		}
	}
	return checked, db.missingBodies(ctx, fn)
}

// checkBody returns what is wrong with one stored body, or "".
func (db *DB) checkBody(sum string, size int64, encoding string, data []byte) string {
	body := data
	switch encoding {
	case "identity":
	case "zstd":
		var err error
		if body, err = db.dec.DecodeAll(data, nil); err != nil {
			return "body does not decompress: " + err.Error()
		}
	default:
		return fmt.Sprintf("unknown body encoding %q", encoding)
	}
	got := sha256.Sum256(body)
	if want, err := hex.DecodeString(sum); err != nil || !bytes.Equal(got[:], want) {
		return "body SHA-256 is " + hex.EncodeToString(got[:]) + ", recorded " + sum
	}
	if int64(len(body)) != size {
		return fmt.Sprintf("body is %d bytes, recorded %d", len(body), size)
	}
	return ""
}

// capturesOfBody calls fn with p for every capture that refers to the body
// p.SHA256.
func (db *DB) capturesOfBody(ctx context.Context, p Problem, fn func(Problem) error) error {
	rows, err := db.r.QueryContext(ctx, "SELECT id, url FROM captures WHERE body_sha256 = ? ORDER BY id", p.SHA256)
	if err != nil {
		return fmt.Errorf("verify bodies: %w", db.describe(err))
	}
	defer rows.Close()
	var found []Problem
	for rows.Next() {
		q := p
		if err := rows.Scan(&q.CaptureID, &q.URL); err != nil {
			return fmt.Errorf("verify bodies: %w", db.describe(err))
		}
		found = append(found, q)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("verify bodies: %w", db.describe(err))
	}
	if len(found) == 0 {
		found = append(found, p) // a body no capture refers to
	}
	for _, q := range found {
		if err := fn(q); err != nil {
			return err
		}
	}
	return nil
}

// missingBodies calls fn for every capture whose recorded body is not
// stored, or is not its payload: the body it refers to is not the one
// whose digest it recorded (a reference edited by hand).
func (db *DB) missingBodies(ctx context.Context, fn func(Problem) error) error {
	rows, err := db.r.QueryContext(ctx, `SELECT c.id, c.url, c.body_sha256, c.sha256,
		EXISTS (SELECT 1 FROM bodies b WHERE b.sha256 = c.body_sha256) FROM captures c
		WHERE c.body_sha256 IS NOT NULL AND (c.body_sha256 <> c.sha256
			OR NOT EXISTS (SELECT 1 FROM bodies b WHERE b.sha256 = c.body_sha256))
		ORDER BY c.id`)
	if err != nil {
		return fmt.Errorf("verify bodies: %w", db.describe(err))
	}
	defer rows.Close()
	var found []Problem
	for rows.Next() {
		var (
			p       Problem
			payload string
			stored  bool
		)
		if err := rows.Scan(&p.CaptureID, &p.URL, &p.SHA256, &payload, &stored); err != nil {
			return fmt.Errorf("verify bodies: %w", db.describe(err))
		}
		p.Problem = "body is missing"
		if stored {
			p.Problem = "body " + p.SHA256 + " is not its payload: the capture recorded SHA-256 " + payload
		}
		found = append(found, p)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("verify bodies: %w", db.describe(err))
	}
	for _, p := range found {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

// Changes describes the corpus's change sequence as seen from one position
// in it (an index's).
type Changes struct {
	Articles int64 // articles in the corpus
	LastSeq  int64 // the corpus's newest change sequence number
	Behind   int64 // articles changed after the position
}

// ChangesSince counts the articles inserted or updated after seq (what an
// index that reached seq has not seen), with the corpus's article count
// and newest change sequence number.
func (db *DB) ChangesSince(ctx context.Context, seq int64) (Changes, error) {
	var c Changes
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM articles), (SELECT COALESCE(MAX(seq), 0) FROM articles),
		(SELECT COUNT(*) FROM articles WHERE seq > ?)`, seq).Scan(&c.Articles, &c.LastSeq, &c.Behind)
	if err != nil {
		return c, fmt.Errorf("changes since %d: %w", seq, db.describe(err))
	}
	return c, nil
}

// VerifyArticles calls fn for every article whose recorded content digest
// differs from the digest of the capture it was extracted from. It returns
// the number of articles checked. (VerifyArticleRows checks the rows' own
// values.)
func (db *DB) VerifyArticles(ctx context.Context, fn func(Problem) error) (int64, error) {
	var n int64
	if err := db.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles").Scan(&n); err != nil {
		return 0, fmt.Errorf("verify articles: %w", db.describe(err))
	}
	rows, err := db.r.QueryContext(ctx, `SELECT a.id, a.capture_id, a.url, a.content_sha256, COALESCE(c.sha256, '')
		FROM articles a LEFT JOIN captures c ON c.id = a.capture_id
		WHERE a.content_sha256 <> '' AND (c.id IS NULL OR c.sha256 <> a.content_sha256) ORDER BY a.id`)
	if err != nil {
		return n, fmt.Errorf("verify articles: %w", db.describe(err))
	}
	defer rows.Close()
	var found []Problem
	for rows.Next() {
		var p Problem
		var captured string
		if err := rows.Scan(&p.ArticleID, &p.CaptureID, &p.URL, &p.SHA256, &captured); err != nil {
			return n, fmt.Errorf("verify articles: %w", db.describe(err))
		}
		p.Problem = "article content SHA-256 " + p.SHA256 + " differs from its capture's " + captured
		if captured == "" {
			p.Problem = "the article's capture is missing"
		}
		found = append(found, p)
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("verify articles: %w", db.describe(err))
	}
	for _, p := range found {
		if err := fn(p); err != nil {
			return n, err
		}
	}
	return n, nil
}

// VerifyArticleRows reads every article row, digests its stored values
// again and calls fn for each row whose digest differs from the one
// recorded with it (bytes changed inside a value, which SQLite's integrity
// check cannot see). It returns the number of rows that have no digest to
// check (written outside archivist). It streams: memory does not grow
// with the corpus.
func (db *DB) VerifyArticleRows(ctx context.Context, fn func(Problem) error) (noDigest int64, err error) {
	rows, err := db.r.QueryContext(ctx, "SELECT "+articleColumns+" FROM articles ORDER BY id")
	if err != nil {
		return 0, fmt.Errorf("verify article rows: %w", db.describe(err))
	}
	var found []Problem
	for rows.Next() {
		a, _, err := scanArticle(rows)
		if err != nil {
			rows.Close()
			return noDigest, fmt.Errorf("verify article rows: %w", db.describe(err))
		}
		switch err := a.CheckDigest(); {
		case errors.Is(err, ErrNoDigest):
			noDigest++
		case err != nil:
			found = append(found, Problem{ArticleID: a.ID, CaptureID: a.CaptureID, URL: a.URL,
				SHA256: a.RowSHA256, Problem: "article row SHA-256 is " + a.valuesDigest + ", recorded " +
					a.RowSHA256 + ": its stored values changed after they were written"})
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return noDigest, fmt.Errorf("verify article rows: %w", db.describe(err))
	}
	for _, p := range found {
		if err := fn(p); err != nil {
			return noDigest, err
		}
	}
	return noDigest, nil
}

// VerifyVersions checks every stored article version: its row against the
// digest written with it, its text digest against its title and text (for
// the versions before the latest, which hold their own text), and its
// content digest against its capture's; and each article's title and text
// against its latest version. It calls fn for each problem (with
// the article id, the version's capture and the article's URL) and returns
// the number of versions checked and of version rows that have no digest
// to check (written outside archivist, or copied by the upgrade from an
// article row that was already damaged). It streams.
func (db *DB) VerifyVersions(ctx context.Context, fn func(Problem) error) (checked, noDigest int64, err error) {
	rows, err := db.r.QueryContext(ctx, "SELECT "+qualified("v.", versionColumns)+`, COALESCE(a.url, ''),
		COALESCE(c.sha256, ''), c.id IS NULL,
		v.version = (SELECT MAX(version) FROM article_versions w WHERE w.article_id = v.article_id)
		FROM article_versions v LEFT JOIN articles a ON a.id = v.article_id
		LEFT JOIN captures c ON c.id = v.capture_id ORDER BY v.article_id, v.version`)
	if err != nil {
		return 0, 0, fmt.Errorf("verify versions: %w", db.describe(err))
	}
	var found []Problem
	for rows.Next() {
		var (
			u, captured            string
			captureMissing, latest bool
		)
		v, stored, err := scanVersion(rows, &u, &captured, &captureMissing, &latest)
		if err != nil {
			rows.Close()
			return checked, noDigest, fmt.Errorf("verify versions: %w", db.describe(err))
		}
		checked++
		p := Problem{ArticleID: v.ArticleID, CaptureID: v.CaptureID, URL: u, SHA256: v.RowSHA256}
		problems := versionProblems(v, stored, captured, captureMissing, &noDigest)
		if !stored && !latest {
			problems = append(problems, "its text is missing (only the latest version's is the article's)")
		}
		for _, what := range problems {
			p.Problem = fmt.Sprintf("version %d: %s", v.Version, what)
			found = append(found, p)
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return checked, noDigest, fmt.Errorf("verify versions: %w", db.describe(err))
	}
	latest, err := db.latestVersionProblems(ctx)
	if err != nil {
		return checked, noDigest, err
	}
	for _, p := range append(found, latest...) {
		if err := fn(p); err != nil {
			return checked, noDigest, err
		}
	}
	return checked, noDigest, nil
}

// versionProblems says what is wrong with one version (whose text is
// stored, or the article's), given its capture's body digest; it counts a
// row without digest in noDigest.
func versionProblems(v *ArticleVersion, stored bool, captured string, captureMissing bool, noDigest *int64) []string {
	var out []string
	err := v.CheckDigest()
	switch {
	case errors.Is(err, ErrNoDigest):
		*noDigest++
	case err != nil:
		out = append(out, "row SHA-256 is "+v.valuesDigest+", recorded "+v.RowSHA256+
			": its stored values changed after they were written")
	}
	// A text kept when a newer version came must still be the text the
	// version had (the article row it came from may have been damaged).
	if sum := TextDigest(v.Title, v.Text); stored && (err == nil || errors.Is(err, ErrNoDigest)) && sum != v.TextSHA256 {
		out = append(out, "title and text SHA-256 is "+sum+", recorded "+v.TextSHA256)
	}
	switch {
	case captureMissing:
		out = append(out, "its capture is missing")
	case v.ContentSHA256 != "" && captured != v.ContentSHA256:
		out = append(out, "content SHA-256 "+v.ContentSHA256+" differs from its capture's "+captured)
	}
	return out
}

// latestVersionProblems returns a problem for each article whose title and
// text are not those of its latest version, or that has no version. An
// article row that does not match its own digest is left to
// VerifyArticleRows.
func (db *DB) latestVersionProblems(ctx context.Context) ([]Problem, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT "+articleColumns+`,
		COALESCE((SELECT text_sha256 FROM article_versions v WHERE v.article_id = articles.id
		          ORDER BY version DESC LIMIT 1), '') FROM articles ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("verify versions: %w", db.describe(err))
	}
	defer rows.Close()
	var found []Problem
	for rows.Next() {
		var last string
		a, _, err := scanArticle(rows, &last)
		if err != nil {
			return nil, fmt.Errorf("verify versions: %w", db.describe(err))
		}
		p := Problem{ArticleID: a.ID, CaptureID: a.CaptureID, URL: a.URL}
		switch {
		case errors.Is(a.CheckDigest(), ErrDigestMismatch):
			continue
		case last == "":
			p.Problem = "the article has no version"
		case TextDigest(a.Title, a.Text) != last:
			p.Problem = "the article's title and text are not its latest version's"
		default:
			continue
		}
		found = append(found, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("verify versions: %w", db.describe(err))
	}
	return found, nil
}
