package corpus

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// mustVersions returns the versions of article id.
func mustVersions(t testing.TB, db *DB, id int64) []ArticleVersion {
	t.Helper()
	vs, err := db.ArticleVersions(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

func TestPutArticleKeepsVersions(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	t0 := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	capture := func(body string, at time.Time) int64 {
		return addCapture(t, db, &Capture{URL: "https://example.com/a", RequestedURL: "https://example.com/a",
			Status: 200, Body: []byte(body), FetchedAt: at})
	}
	put := func(capID int64, at time.Time, title, text string) *Article {
		a := &Article{URL: "https://example.com/a", Site: "example.com", Title: title, Text: text,
			WordCount: len(strings.Fields(text)), CaptureID: capID, FetchedAt: at, ExtractorVersion: 2}
		putArticle(t, db, a, "https://example.com/a")
		return a
	}
	c1 := capture("<p>one</p>", t0)
	first := put(c1, t0, "Title", "The minister resigned.")
	if first.Version != 1 || first.CapturedAt == nil || !first.CapturedAt.Equal(t0) {
		t.Fatalf("first put: version %d, captured %v", first.Version, first.CapturedAt)
	}
	// A new capture (another body: an ad changed) with the same text: no
	// new version, but the article row follows the newest capture.
	c2 := capture("<p>one</p><!-- ad 2 -->", t0.Add(time.Hour))
	put(c2, t0.Add(time.Hour), "Title", "The minister resigned.")
	// The text changed: version 2.
	c3 := capture("<p>two</p>", t0.Add(2*time.Hour))
	put(c3, t0.Add(2*time.Hour), "Title, updated", "The minister resigned on Tuesday.")

	vs := mustVersions(t, db, first.ID)
	if len(vs) != 2 {
		t.Fatalf("%d versions, want 2: %+v", len(vs), vs)
	}
	if vs[0].Version != 1 || vs[0].CaptureID != c1 || vs[0].Text != "The minister resigned." || !vs[0].CapturedAt.Equal(t0) {
		t.Errorf("version 1 = %+v", vs[0])
	}
	if vs[1].Version != 2 || vs[1].CaptureID != c3 || vs[1].Title != "Title, updated" || vs[1].ExtractorVersion != 2 ||
		vs[1].ExtractedAt == nil || vs[1].TextSHA256 != TextDigest(vs[1].Title, vs[1].Text) {
		t.Errorf("version 2 = %+v", vs[1])
	}
	for _, v := range vs {
		if err := v.CheckDigest(); err != nil {
			t.Errorf("version %d: %v", v.Version, err)
		}
	}
	a, err := db.Article(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Version != 2 || a.CaptureID != c3 || a.Text != "The minister resigned on Tuesday." || a.ExtractorVersion != 2 ||
		a.ExtractedAt == nil || a.CapturedAt == nil || !a.CapturedAt.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("article = version %d capture %d %q extractor %d extracted %v captured %v",
			a.Version, a.CaptureID, a.Text, a.ExtractorVersion, a.ExtractedAt, a.CapturedAt)
	}
	if err := a.CheckDigest(); err != nil {
		t.Error(err)
	}
}

func TestUpdateArticleReextracts(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	capID := addCapture(t, db, &Capture{URL: "https://example.com/a", RequestedURL: "https://example.com/a", Status: 200})
	a := &Article{URL: "https://example.com/a", Title: "T", Text: "old extraction with a footer", CaptureID: capID, ExtractorVersion: 1}
	id := putArticle(t, db, a, "k")
	update := func(b *Article) error {
		return db.Update(ctx, func(tx *Tx) error { return tx.UpdateArticle(ctx, b) })
	}
	same := &Article{ID: id, URL: a.URL, Title: "T", Text: a.Text, CaptureID: capID, ExtractorVersion: 2}
	if err := update(same); err != nil {
		t.Fatal(err)
	}
	if vs := mustVersions(t, db, id); len(vs) != 1 {
		t.Fatalf("an unchanged re-extraction added a version: %+v", vs)
	}
	changed := &Article{ID: id, URL: a.URL, Title: "T", Text: "old extraction", CaptureID: capID, ExtractorVersion: 3}
	if err := update(changed); err != nil {
		t.Fatal(err)
	}
	vs := mustVersions(t, db, id)
	if len(vs) != 2 || vs[0].ExtractorVersion != 1 || vs[1].ExtractorVersion != 3 || vs[1].CaptureID != capID {
		t.Fatalf("versions after a changed re-extraction: %+v", vs)
	}
	got, err := db.Article(ctx, id)
	if err != nil || got.ExtractorVersion != 3 || got.Version != 2 {
		t.Fatalf("article: %+v, %v", got, err)
	}
	if err := update(&Article{ID: 9999, URL: "x", CaptureID: capID}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateArticle of a missing article: %v, want ErrNotFound", err)
	}
	// Re-extraction does not count as a change of the page.
	st, err := db.Stats(ctx)
	if err != nil || st.ArticlesChanged != 0 {
		t.Errorf("stats: %d changed, %v", st.ArticlesChanged, err)
	}
	ids, err := db.ArticlesToReextract(ctx, 3)
	if err != nil || len(ids) != 0 {
		t.Errorf("ArticlesToReextract(3) = %v, %v", ids, err)
	}
	ids, err = db.ArticlesToReextract(ctx, 4)
	if err != nil || len(ids) != 1 || ids[0] != id {
		t.Errorf("ArticlesToReextract(4) = %v, %v", ids, err)
	}
}

// TestVersionRowDigestEncoding pins the encoding of a version row.
func TestVersionRowDigestEncoding(t *testing.T) {
	r := versionRow{articleID: 41, version: 2, captureID: 7, fetchedAt: "2024-05-17T10:00:00.000000000Z",
		title: "Title", text: "Text.", wordCount: 1, textSHA256: TextDigest("Title", "Text."),
		contentSHA256: strings.Repeat("ab", 32), extractorVersion: 3, extractedAt: "2024-05-17T11:00:00.000000000Z"}
	// Computed from the documented encodings by an independent (Python) implementation.
	if got, want := r.textSHA256, "57a15d22cf0d91a2da2174bbe27274683b1a5d2a9c55da22d6092f85e9516b5d"; got != want {
		t.Errorf("TextDigest = %s, want %s", got, want)
	}
	if got, want := r.digest(), "3750e9ffe6a5871c09c5082e25bb9e15b06a5fa7f4088f418326185555b59bf3"; got != want {
		t.Errorf("digest = %s, want %s", got, want)
	}
}

func TestArticleVersionsMatchingAndStats(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	t0 := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	for i, text := range []string{"first text", "second text", "third text"} {
		capID := addCapture(t, db, &Capture{URL: "https://a.example/x", RequestedURL: "https://a.example/x", Status: 200,
			Body: []byte(text), FetchedAt: t0.Add(time.Duration(i) * time.Hour)})
		putArticle(t, db, &Article{URL: "https://a.example/x", Site: "a.example", Title: "X", Text: text, CaptureID: capID,
			FetchedAt: t0.Add(time.Duration(i) * time.Hour), ContentSHA256: "", Authors: []string{"Ann"}}, "x")
	}
	capID := addCapture(t, db, &Capture{URL: "https://b.example/y", RequestedURL: "https://b.example/y", Status: 200})
	putArticle(t, db, &Article{URL: "https://b.example/y", Site: "b.example", Title: "Y", Text: "never edited", CaptureID: capID}, "y")

	var got []*Article
	err := db.ArticleVersionsMatching(ctx, ArticleFilter{}, func(a *Article) error {
		if err := a.CheckDigest(); err != nil {
			return err
		}
		got = append(got, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("%d records, want 4 (3 versions of x, 1 of y)", len(got))
	}
	for i, want := range []string{"first text", "second text", "third text", "never edited"} {
		if got[i].Text != want {
			t.Errorf("record %d text %q, want %q", i, got[i].Text, want)
		}
	}
	if got[0].Version != 1 || got[1].Version != 2 || got[2].Version != 3 || got[0].Authors[0] != "Ann" ||
		!got[1].CapturedAt.Equal(t0.Add(time.Hour)) || !got[1].FetchedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("versions: %+v %+v", got[0], got[1])
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.ArticlesChanged != 1 {
		t.Errorf("%d articles changed, want 1", st.ArticlesChanged)
	}
	for _, s := range st.BySite {
		if want := map[string]int64{"a.example": 1}[s.Site]; s.Changed != want {
			t.Errorf("site %s: %d changed, want %d", s.Site, s.Changed, want)
		}
	}
	if id, err := db.FindArticle(ctx, "https://nowhere.example/", "https://b.example/y"); err != nil || id != 2 {
		t.Errorf("FindArticle = %d, %v", id, err)
	}
	if _, err := db.FindArticle(ctx, "https://nowhere.example/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("FindArticle of an unknown URL: %v", err)
	}
	checked, noDigest, err := db.VerifyVersions(ctx, func(p Problem) error { return fmt.Errorf("problem %+v", p) })
	if err != nil || checked != 4 || noDigest != 0 {
		t.Errorf("VerifyVersions: %d checked, %d without digest, %v", checked, noDigest, err)
	}
}

// TestVerifyVersionsFindsFlippedBytes flips bytes of a text that only an
// old version holds (the article has moved on): verify finds it.
func TestVerifyVersionsFindsFlippedBytes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "archive.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	capID := addCapture(t, db, &Capture{URL: "https://example.com/a", RequestedURL: "https://example.com/a", Status: 200})
	putArticle(t, db, &Article{URL: "https://example.com/a", Text: "OLD-VERSION-MARKER", CaptureID: capID}, "a")
	putArticle(t, db, &Article{URL: "https://example.com/a", Text: "the new text", CaptureID: capID}, "a")
	db.Close()
	MustFlipBytes(t, path, "OLD-VERSION-MARKER")
	db, err = OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got []Problem
	checked, _, err := db.VerifyVersions(ctx, func(p Problem) error { got = append(got, p); return nil })
	if err != nil || checked != 2 {
		t.Fatalf("VerifyVersions: %d checked, %v", checked, err)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0].Problem, "version 1: row SHA-256 is ") || got[0].URL != "https://example.com/a" {
		t.Errorf("problems = %+v", got)
	}
	if n, err := db.VerifyArticleRows(ctx, func(p Problem) error { return fmt.Errorf("%+v", p) }); err != nil || n != 0 {
		t.Errorf("the article row itself is sound: %d, %v", n, err)
	}
}

// TestMigrationMakesVersions opens a corpus of schema version 7, before
// versions: each article becomes its own version 1; sound rows move to
// the new row digest, a damaged row stays reported.
func TestMigrationMakesVersions(t *testing.T) {
	ctx := context.Background()
	const fetched = "2024-05-17T10:00:00.000000000Z"
	sound := articleRow{url: "https://example.com/sound", title: "Sound", authors: "[]", tags: "[]", flags: "[]",
		pageType: "article", text: "sound text", wordCount: 2, fetchedAt: fetched, captureID: 1}
	damaged := sound
	damaged.url, damaged.title = "https://example.com/damaged", "Damaged"
	stmts := []string{
		`INSERT INTO captures (id, requested_url, url, fetched_at) VALUES (1, 'https://example.com/', 'https://example.com/', '` + fetched + `')`,
	}
	for i, r := range []articleRow{sound, damaged} {
		sum := r.digestV1()
		if i == 1 {
			sum = strings.Repeat("0", 64)
		}
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO articles (key, url, title, text, word_count, fetched_at,
			capture_id, seq, row_sha256) VALUES ('%s', '%s', '%s', '%s', 2, '%s', 1, %d, '%s')`,
			r.url, r.url, r.title, r.text, fetched, i+1, sum))
	}
	db := openFromSchema(t, 7, stmts...)
	var rowProblems []Problem
	if _, err := db.VerifyArticleRows(ctx, func(p Problem) error { rowProblems = append(rowProblems, p); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(rowProblems) != 1 || rowProblems[0].ArticleID != 2 {
		t.Errorf("row problems after the upgrade: %+v, want the damaged article's", rowProblems)
	}
	checked, noDigest, err := db.VerifyVersions(ctx, func(p Problem) error { return fmt.Errorf("problem %+v", p) })
	if err != nil || checked != 2 || noDigest != 1 {
		t.Errorf("VerifyVersions: %d checked, %d without digest (want 2, 1), %v", checked, noDigest, err)
	}
	a, err := db.Article(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.CheckDigest(); err != nil || a.Version != 1 || a.ExtractorVersion != 0 || a.ExtractedAt != nil {
		t.Errorf("upgraded article: %v, version %d, extractor %d, extracted %v", err, a.Version, a.ExtractorVersion, a.ExtractedAt)
	}
	vs := mustVersions(t, db, 1)
	if len(vs) != 1 || vs[0].Text != "sound text" || vs[0].CaptureID != 1 || vs[0].CheckDigest() != nil {
		t.Errorf("versions: %+v", vs)
	}
	// The next capture with another text is version 2.
	a.Text = "edited text"
	putArticle(t, db, a, "https://example.com/sound")
	if vs := mustVersions(t, db, 1); len(vs) != 2 || vs[0].Text != "sound text" {
		t.Errorf("after an edit: %+v", vs)
	}
}

// BenchmarkPutArticle stores new articles of 4 KB of text, one per
// transaction, as a crawl does (versions included since schema 8).
func BenchmarkPutArticle(b *testing.B) {
	ctx := context.Background()
	db := MustOpen(b)
	capID := addCapture(b, db, &Capture{URL: "https://example.com/", RequestedURL: "https://example.com/", Status: 200})
	text := strings.Repeat("Delegates talked for hours about the summit. ", 90)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		u := fmt.Sprintf("https://example.com/%d", i)
		err := db.Update(ctx, func(tx *Tx) error {
			_, err := tx.PutArticle(ctx, &Article{URL: u, Title: "Title", Text: text, CaptureID: capID}, u)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// TestNewVersionOfDamagedRowRefused: a new version would overwrite an
// article row whose text changed on disk (and keep that text as the old
// version's): it is refused, and the damage stays for verify to report.
func TestNewVersionOfDamagedRowRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "archive.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	capID := addCapture(t, db, &Capture{URL: "https://example.com/a", RequestedURL: "https://example.com/a", Status: 200})
	putArticle(t, db, &Article{URL: "https://example.com/a", Text: "DAMAGED-TEXT-MARKER", CaptureID: capID}, "a")
	db.Close()
	MustFlipBytes(t, path, "DAMAGED-TEXT-MARKER")
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(ctx, func(tx *Tx) error {
		_, err := tx.PutArticle(ctx, &Article{URL: "https://example.com/a", Text: "an edit", CaptureID: capID}, "a")
		return err
	})
	if !errors.Is(err, ErrDigestMismatch) {
		t.Fatalf("PutArticle over a damaged row: %v, want ErrDigestMismatch", err)
	}
	var got []Problem
	if _, err := db.VerifyArticleRows(ctx, func(p Problem) error { got = append(got, p); return nil }); err != nil || len(got) != 1 {
		t.Errorf("the damage is no longer reported: %+v, %v", got, err)
	}
}

// BenchmarkPutArticleBatch stores new articles of 4 KB of text, 50 per
// transaction, as a crawl's group commit does.
func BenchmarkPutArticleBatch(b *testing.B) {
	ctx := context.Background()
	db := MustOpen(b)
	capID := addCapture(b, db, &Capture{URL: "https://example.com/", RequestedURL: "https://example.com/", Status: 200})
	text := strings.Repeat("Delegates talked for hours about the summit. ", 90)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += 50 {
		err := db.Update(ctx, func(tx *Tx) error {
			for j := i; j < i+50 && j < b.N; j++ {
				u := fmt.Sprintf("https://example.com/%d", j)
				if _, err := tx.PutArticle(ctx, &Article{URL: u, Title: "Title", Text: text, CaptureID: capID}, u); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
