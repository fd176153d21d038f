package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRowDigestRoundTrip stores articles whose values change form on the
// way through SQLite (nil lists, zones, invalid UTF-8 that JSON replaces,
// monotonic clock readings) and checks that each reads back matching its
// digest, by every read path.
func TestRowDigestRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	capID := addCapture(t, db, &Capture{URL: "https://example.com/", RequestedURL: "https://example.com/", Status: 200})
	paris := time.Date(2024, 3, 31, 2, 30, 0, 0, time.FixedZone("CEST", 2*3600))
	lmt := time.Date(1890, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", 561)) // an offset with seconds
	utc := time.Date(2024, 5, 17, 10, 0, 0, 123456789, time.UTC)
	zero := time.Time{}
	tests := []struct {
		name string
		a    Article
	}{
		{"empty", Article{}},
		{"nil lists", Article{Title: "t", Authors: nil, Tags: nil, Flags: nil}},
		{"empty lists", Article{Title: "t", Authors: []string{}, Tags: []string{}, Flags: []string{}}},
		{"full", Article{CanonicalURL: "https://example.com/c", Site: "example.com", SiteName: "Example",
			Title: "Title", Authors: []string{"Ann", "Bob"}, Published: &paris, PublishedPrecision: PrecisionMinute,
			Modified: &utc, ModifiedPrecision: PrecisionSecond, Language: "fr-FR", Description: "d",
			Image: "https://example.com/i.jpg", Section: "World", Tags: []string{"a", "b"},
			PageType: PageTypeArticle, Text: "one\n\ntwo", WordCount: 2, Flags: []string{FlagShort},
			FetchedAt: utc, ContentSHA256: strings.Repeat("ab", 32)}},
		{"zone with seconds", Article{Published: &lmt, PublishedPrecision: PrecisionDay}},
		{"zero date", Article{Published: &zero, Modified: &zero}},
		{"monotonic fetch time", Article{FetchedAt: time.Now()}},
		{"unicode", Article{Title: "Über 東京 🌍 مرحبا", Authors: []string{"Zoë", "李"},
			Text: "e\u0301 combining, \u200b zero width, \U0001F600", Tags: []string{"<b>&amp;"}}},
		{"invalid UTF-8", Article{Title: "bad \xff byte", Authors: []string{"bad \xfe author"},
			Text: "bad \xc3\x28 text", Tags: []string{"\x80"}}},
		{"NUL and newlines", Article{Text: "a\x00b\r\nc", Description: "\t"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			a.URL = fmt.Sprintf("https://example.com/%d", i)
			a.CaptureID = capID
			id := putArticle(t, db, &a, a.URL)
			if len(a.RowSHA256) != 64 {
				t.Fatalf("PutArticle set RowSHA256 %q", a.RowSHA256)
			}
			got, err := db.Article(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if err := got.CheckDigest(); err != nil || got.RowSHA256 != a.RowSHA256 {
				t.Errorf("Article: %v; recorded %s, written %s", err, got.RowSHA256, a.RowSHA256)
			}
			err = db.Articles(ctx, ArticleFilter{IDs: []int64{id}}, func(b *Article) error { return b.CheckDigest() })
			if err != nil {
				t.Errorf("Articles: %v", err)
			}
		})
	}
	err := db.ArticlesSince(ctx, 0, func(_ int64, a *Article) error { return a.CheckDigest() })
	if err != nil {
		t.Errorf("ArticlesSince: %v", err)
	}
	noDigest, err := db.VerifyArticleRows(ctx, func(p Problem) error { return fmt.Errorf("problem %+v", p) })
	if err != nil || noDigest != 0 {
		t.Errorf("VerifyArticleRows: %d without digest, %v", noDigest, err)
	}
}

// TestRowDigestEncoding pins the encoding: a change to it changes stored
// digests, which verify would then report as damage.
func TestRowDigestEncoding(t *testing.T) {
	pub := time.Date(2024, 3, 31, 2, 30, 0, 0, time.FixedZone("", 2*3600))
	a := Article{URL: "https://example.com/a", Title: "Title", Authors: []string{"Ann"}, Published: &pub,
		PublishedPrecision: PrecisionMinute, Text: "Text.", WordCount: 1,
		FetchedAt: time.Date(2024, 5, 17, 10, 0, 0, 0, time.UTC), CaptureID: 7, PageType: PageTypeArticle}
	r := rowOf(&a)
	// Computed from the documented encoding by an independent (Python) implementation.
	const wantV1 = "54599687c0ba73a26a02744d51203cf42f81965330ceaa58c1c64db072c5d420"
	if got := r.digestV1(); got != wantV1 {
		t.Errorf("digestV1 = %s, want %s", got, wantV1)
	}
	v2 := a
	extracted := time.Date(2024, 5, 17, 11, 0, 0, 0, time.UTC)
	v2.ExtractorVersion, v2.ExtractedAt = 3, &extracted
	const want = "45c776f879b946ac88d75ab2f869e84032e2fcf2c4cf8b410821e8b060138750"
	if got := rowOf(&v2).digest(); got != want {
		t.Errorf("digest = %s, want %s", got, want)
	}
	b := a
	b.Authors, b.Tags, b.Flags = []string{"Ann"}, []string{}, []string{}
	if rowOf(&b).digest() != r.digest() {
		t.Error("nil and empty lists digest differently")
	}
	// Moving a byte from one field to the next changes the digest.
	c := a
	c.Title, c.Text = "Titl", "eText."
	if rowOf(&c).digest() == r.digest() {
		t.Error("field boundaries are not part of the encoding")
	}
}

// TestRowDigestUpsert checks that rewriting an article under its key
// writes the new values' digest with them.
func TestRowDigestUpsert(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	capID := addCapture(t, db, &Capture{URL: "https://example.com/", RequestedURL: "https://example.com/", Status: 200})
	id := putArticle(t, db, &Article{URL: "https://example.com/a", Text: "first", CaptureID: capID}, "k")
	putArticle(t, db, &Article{URL: "https://example.com/a", Text: "second", CaptureID: capID}, "k")
	got, err := db.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := got.CheckDigest(); err != nil || got.Text != "second" {
		t.Errorf("after an update: text %q, %v", got.Text, err)
	}
	// An article read, changed and stored again holds what is stored.
	got.Title = "changed"
	putArticle(t, db, got, "k")
	if err := got.CheckDigest(); err != nil {
		t.Errorf("the article stored again: %v", err)
	}
}

func TestVerifyArticleRowsFindsFlippedBytes(t *testing.T) {
	ctx := context.Background()
	path, capID := mustClosedCorpus(t, "<p>body</p>", "ROW-MARKER-IN-THE-TEXT")
	check := func() []Problem {
		t.Helper()
		db, err := OpenReadOnly(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var got []Problem
		noDigest, err := db.VerifyArticleRows(ctx, func(p Problem) error { got = append(got, p); return nil })
		if err != nil || noDigest != 0 {
			t.Fatalf("VerifyArticleRows: %d without digest, %v", noDigest, err)
		}
		return got
	}
	if got := check(); len(got) != 0 {
		t.Fatalf("sound corpus: problems %+v", got)
	}
	MustFlipBytes(t, path, "ROW-MARKER-IN-THE-TEXT")
	got := check()
	if len(got) != 1 || got[0].ArticleID != 41 || got[0].CaptureID != capID || got[0].URL != "https://example.com/p" ||
		!strings.Contains(got[0].Problem, "article row SHA-256 is ") {
		t.Fatalf("problems = %+v, want article 41's row digest mismatch", got)
	}
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Errorf("integrity_check: %v (the flipped bytes were meant to leave the file well-formed)", err)
	}
	a, err := db.Article(ctx, 41)
	if err != nil {
		t.Fatalf("the damaged row must still read: %v", err)
	}
	if err := a.CheckDigest(); !errors.Is(err, ErrDigestMismatch) {
		t.Errorf("CheckDigest = %v, want ErrDigestMismatch", err)
	}
}

// TestMigrationFillsRowDigests opens a corpus of schema version 4 (before
// row digests) holding articles: the upgrade gives every row its digest,
// the one PutArticle writes for the same values.
func TestMigrationFillsRowDigests(t *testing.T) {
	ctx := context.Background()
	stmts := []string{
		`INSERT INTO captures (id, requested_url, url, fetched_at) VALUES (1, 'https://example.com/', 'https://example.com/', '2024-05-17T10:00:00.000000000Z')`,
	}
	for i := range 1201 { // more than one chunk of the fill
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO articles (key, url, title, authors, published, published_utc,
			text, fetched_at, capture_id, seq) VALUES ('k%d', 'https://example.com/%d', 'Title %d', '["Zoë"]',
			'2024-03-31T02:30:00+02:00', '2024-03-31T00:30:00Z', 'text', '2024-05-17T10:00:00.000000000Z', 1, %d)`,
			i, i, i, i+1))
	}
	db := openFromSchema(t, 4, stmts...)
	noDigest, err := db.VerifyArticleRows(ctx, func(p Problem) error { return fmt.Errorf("problem %+v", p) })
	if err != nil || noDigest != 0 {
		t.Fatalf("after the upgrade: %d rows without digest, %v", noDigest, err)
	}
	a, err := db.Article(ctx, 1201)
	if err != nil {
		t.Fatal(err)
	}
	if want := rowOf(a).digest(); a.RowSHA256 != want {
		t.Errorf("filled digest %s, PutArticle would write %s", a.RowSHA256, want)
	}
}

// openFromSchema makes a corpus of schema version v (the migrations up to
// v), runs stmts in it, and opens it with Open, which upgrades it. The
// corpus is closed at the end of the test.
func openFromSchema(t *testing.T, v int, stmts ...string) *DB {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.version > v {
			break
		}
		body, _ := migrationFS.ReadFile(m.name)
		if _, err := raw.ExecContext(ctx, string(body)); err != nil {
			t.Fatal(m.name, err)
		}
	}
	stmts = append([]string{fmt.Sprintf("PRAGMA user_version = %d", v)}, stmts...)
	for _, q := range stmts {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
