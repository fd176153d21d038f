package corpus

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func mustTime(t testing.TB, s string) *time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return &v
}

func addCapture(t testing.TB, db *DB, c *Capture) int64 {
	t.Helper()
	var id int64
	err := db.Update(context.Background(), func(tx *Tx) error {
		var err error
		id, err = tx.AddCapture(context.Background(), c)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func putArticle(t testing.TB, db *DB, a *Article, key string) int64 {
	t.Helper()
	var id int64
	err := db.Update(context.Background(), func(tx *Tx) error {
		var err error
		id, err = tx.PutArticle(context.Background(), a, key)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestCaptureRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	body := []byte(strings.Repeat("<p>Hello, archive.</p>\n", 200))
	tests := []struct {
		name string
		in   Capture
	}{
		{"html", Capture{RequestedURL: "http://a.test/x?utm_source=1", URL: "http://a.test/x",
			Redirects: []string{"http://a.test/old"}, Status: 200, Proto: "HTTP/1.1",
			Header:        http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Etag": {`"v1"`}},
			RequestHeader: http.Header{"User-Agent": {"archivist/test"}},
			Body:          body, ContentType: "text/html", Depth: 2, Source: "seed",
			FetchedAt: time.Date(2024, 5, 17, 10, 0, 0, 123, time.UTC), Duration: 150 * time.Millisecond}},
		{"same body again is deduplicated", Capture{RequestedURL: "http://a.test/y", URL: "http://a.test/y",
			Status: 200, Body: body, ContentType: "text/html"}},
		{"failure without body", Capture{RequestedURL: "http://a.test/z", URL: "http://a.test/z",
			Error: "connection reset by peer", ErrorKind: ErrKindConnection}},
		{"empty body", Capture{RequestedURL: "http://a.test/e", URL: "http://a.test/e", Status: 200, Body: []byte{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			id := addCapture(t, db, &in)
			got, err := db.Capture(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Body, tt.in.Body) || (got.Body == nil) != (tt.in.Body == nil) {
				t.Errorf("body: got %d bytes (nil=%v), want %d (nil=%v)", len(got.Body), got.Body == nil, len(tt.in.Body), tt.in.Body == nil)
			}
			if got.URL != in.URL || got.RequestedURL != in.RequestedURL || got.Status != in.Status ||
				got.ErrorKind != in.ErrorKind || got.Error != in.Error || got.Depth != in.Depth || got.Source != in.Source {
				t.Errorf("got %+v, want %+v", got, in)
			}
			if got.Header.Get("Etag") != in.Header.Get("Etag") {
				t.Errorf("header: got %v", got.Header)
			}
			if len(got.Redirects) != len(in.Redirects) {
				t.Errorf("redirects: got %v, want %v", got.Redirects, in.Redirects)
			}
			if in.Body != nil && (got.SHA256 == "" || got.BodySize != int64(len(in.Body))) {
				t.Errorf("digest/size: %q %d", got.SHA256, got.BodySize)
			}
			if !in.FetchedAt.IsZero() && !got.FetchedAt.Equal(in.FetchedAt) {
				t.Errorf("fetched_at: got %v, want %v", got.FetchedAt, in.FetchedAt)
			}
		})
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Captures != 4 || st.Bodies != 2 || st.Errors != 1 {
		t.Errorf("stats: %+v", st)
	}
	if st.StoredBytes >= st.BodyBytes {
		t.Errorf("bodies not compressed: %d stored for %d", st.StoredBytes, st.BodyBytes)
	}
	if _, err := db.Capture(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing capture: %v", err)
	}
	c, err := db.LatestCapture(ctx, "http://a.test/x?utm_source=1")
	if err != nil || c.URL != "http://a.test/x" {
		t.Errorf("latest capture: %v %v", c, err)
	}
	if _, err := db.LatestCapture(ctx, "http://a.test/z"); !errors.Is(err, ErrNotFound) {
		t.Errorf("latest capture of a failure: %v", err)
	}
	var n int
	if err := db.ForEachCapture(ctx, CaptureFilter{OnlyOK: true, WithBody: true}, func(c *Capture) error { n++; return nil }); err != nil || n != 3 {
		t.Errorf("ForEachCapture: %d %v", n, err)
	}
}

func TestArticlesUpsertAndFilters(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	capID := addCapture(t, db, &Capture{RequestedURL: "http://a.test/1", URL: "http://a.test/1", Status: 200, Body: []byte("x")})
	paris := time.FixedZone("CEST", 2*3600)
	pub := time.Date(2024, 5, 17, 9, 30, 0, 0, paris)
	a1 := &Article{URL: "http://a.test/1", Site: "a.test", Title: "One", Authors: []string{"Jane Doe"},
		Published: &pub, Language: "en-GB", Text: "Body one.", WordCount: 2, CaptureID: capID, ContentSHA256: "abc"}
	id1 := putArticle(t, db, a1, "http://a.test/1")
	a2 := &Article{URL: "http://b.test/2", Site: "b.test", Title: "Two", Published: mustTime(t, "2023-01-02T00:00:00Z"),
		Language: "fr", Text: "Corps deux.", CaptureID: capID}
	putArticle(t, db, a2, "http://b.test/2")
	a3 := &Article{URL: "http://b.test/3", Site: "b.test", Title: "Undated", Language: "en", CaptureID: capID}
	putArticle(t, db, a3, "http://b.test/3")

	got, err := db.Article(ctx, id1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Published == nil || !got.Published.Equal(pub) || got.Published.Format(time.RFC3339) != "2024-05-17T09:30:00+02:00" {
		t.Errorf("published lost its zone: %v", got.Published)
	}
	if got.Tags == nil || got.Flags == nil || len(got.Authors) != 1 {
		t.Errorf("lists: %#v", got)
	}

	var seqs []int64
	db.ArticlesSince(ctx, 0, func(seq int64, a *Article) error { seqs = append(seqs, seq); return nil })
	if len(seqs) != 3 {
		t.Fatalf("since 0: %v", seqs)
	}
	// An update moves the article to the end of the change sequence and keeps its id.
	a1.Title = "One, updated"
	a1.URL = "http://a.test/1?page=all"
	if id := putArticle(t, db, a1, "http://a.test/1"); id != id1 {
		t.Errorf("upsert changed id: %d != %d", id, id1)
	}
	var changed []string
	db.ArticlesSince(ctx, seqs[2], func(seq int64, a *Article) error { changed = append(changed, a.Title); return nil })
	if len(changed) != 1 || changed[0] != "One, updated" {
		t.Errorf("since last: %v", changed)
	}
	urls, _ := db.ArticleURLs(ctx, id1)
	if len(urls) != 2 {
		t.Errorf("article urls: %v", urls)
	}

	tests := []struct {
		name string
		f    ArticleFilter
		want []string
	}{
		{"all", ArticleFilter{}, []string{"One, updated", "Two", "Undated"}},
		{"site", ArticleFilter{Site: "B.test"}, []string{"Two", "Undated"}},
		{"from", ArticleFilter{From: *mustTime(t, "2024-01-01T00:00:00Z")}, []string{"One, updated"}},
		{"to", ArticleFilter{To: *mustTime(t, "2024-01-01T00:00:00Z")}, []string{"Two"}},
		{"lang prefix", ArticleFilter{Lang: "en"}, []string{"One, updated", "Undated"}},
		{"ids keep order", ArticleFilter{IDs: []int64{a2.ID, id1, 999}}, []string{"Two", "One, updated"}},
		{"ids and site", ArticleFilter{IDs: []int64{a2.ID, id1}, Site: "a.test"}, []string{"One, updated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var titles []string
			if err := db.Articles(ctx, tt.f, func(a *Article) error { titles = append(titles, a.Title); return nil }); err != nil {
				t.Fatal(err)
			}
			if strings.Join(titles, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %v, want %v", titles, tt.want)
			}
		})
	}

	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 3 || len(st.ByMonth) != 3 || st.ByMonth[0].Key != "" {
		t.Errorf("stats: %+v", st)
	}
	err = db.Update(ctx, func(tx *Tx) error {
		if id, err := tx.ArticleIDByURL(ctx, "http://a.test/1"); err != nil || id != id1 {
			t.Errorf("by url: %d %v", id, err)
		}
		if id, err := tx.ArticleIDByContent(ctx, "abc"); err != nil || id != id1 {
			t.Errorf("by content: %d %v", id, err)
		}
		if _, err := tx.ArticleIDByKey(ctx, "nope"); !errors.Is(err, ErrNotFound) {
			t.Errorf("by key: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestExportFormats(t *testing.T) {
	pub := time.Date(2024, 5, 17, 9, 30, 0, 0, time.FixedZone("", -4*3600))
	arts := []*Article{
		{ID: 1, URL: "http://a.test/1", Title: `Quotes "and", commas`, Authors: []string{"Jane Doe", "John Roe"},
			Tags: []string{"x", "y"}, Published: &pub, Text: "Para one.\n\nPara two, with a comma.", WordCount: 6},
		{ID: 2, URL: "http://a.test/2", Title: "Empty lists"},
	}
	t.Run("jsonl", func(t *testing.T) {
		var buf bytes.Buffer
		w, _ := NewArticleWriter(&buf, "jsonl")
		for _, a := range arts {
			if err := w.Write(a); err != nil {
				t.Fatal(err)
			}
		}
		w.Close()
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if len(lines) != 2 {
			t.Fatalf("lines: %d", len(lines))
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(lines[0]), &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range CSVColumns {
			if _, ok := m[k]; !ok {
				t.Errorf("jsonl lacks %q", k)
			}
		}
		if m["published"] != "2024-05-17T09:30:00-04:00" {
			t.Errorf("published: %v", m["published"])
		}
		json.Unmarshal([]byte(lines[1]), &m)
		if tags, ok := m["tags"].([]any); !ok || len(tags) != 0 {
			t.Errorf("empty tags should be [], got %v", m["tags"])
		}
	})
	t.Run("csv", func(t *testing.T) {
		var buf bytes.Buffer
		w, _ := NewArticleWriter(&buf, "csv")
		for _, a := range arts {
			w.Write(a)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 3 || len(recs[0]) != len(CSVColumns) {
			t.Fatalf("records: %v", recs)
		}
		col := map[string]string{}
		for i, name := range recs[0] {
			col[name] = recs[1][i]
		}
		if col["authors"] != "Jane Doe; John Roe" || col["title"] != arts[0].Title || col["text"] != arts[0].Text {
			t.Errorf("row: %v", recs[1])
		}
	})
	t.Run("unknown", func(t *testing.T) {
		if _, err := NewArticleWriter(nil, "xml"); err == nil {
			t.Error("want error")
		}
	})
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	addCapture(t, db, &Capture{RequestedURL: "http://a.test/", URL: "http://a.test/", Status: 200, Body: []byte("hi")})
	db.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	st, _ := db.Stats(ctx)
	if st.Captures != 1 {
		t.Errorf("captures after reopen: %d", st.Captures)
	}
}

func BenchmarkAddCapture(b *testing.B) {
	b.ReportAllocs()
	db := MustOpen(b)
	body := bytes.Repeat([]byte("<p>Some article text that compresses well.</p>"), 1300) // ~60 KB
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		body[0] = byte(i) // a new digest each time
		body[1] = byte(i >> 8)
		c := &Capture{RequestedURL: "http://a.test/p", URL: "http://a.test/p", Status: 200, Body: body}
		if err := db.Update(ctx, func(tx *Tx) error { _, err := tx.AddCapture(ctx, c); return err }); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOpenRefusesWhatIsNotACorpus: a --db that names a folder, a file
// that is not SQLite, or another program's SQLite database is refused
// with ErrNotCorpus by Open and OpenReadOnly alike, and the foreign
// database is left as it was (Open used to write the corpus's tables
// into it); an empty file is still a new corpus for Open.
func TestOpenRefusesWhatIsNotACorpus(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("hello, this is not a database\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "other.db")
	f, err := sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Exec("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine')"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// A pipe (or a device: /dev/null) at --db: opening it waited forever
	// for a writer, deaf to Ctrl-C (a device got a -journal file beside
	// it: /dev/null-journal, as root).
	pipe := filepath.Join(dir, "pipe.db")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path, want string
	}{
		{"folder", dir, "is a folder"},
		{"pipe", pipe, "it is a device or a pipe, not a file"},
		{"text file", text, "not a SQLite database file"},
		{"foreign SQLite database", foreign, "holds other tables (notes)"},
	} {
		for _, open := range []struct {
			name string
			fn   func(context.Context, string) (*DB, error)
		}{{"Open", Open}, {"OpenReadOnly", OpenReadOnly}} {
			t.Run(tc.name+"/"+open.name, func(t *testing.T) {
				db, err := open.fn(ctx, tc.path)
				if err == nil {
					db.Close()
					t.Fatalf("%s opened", tc.path)
				}
				if !errors.Is(err, ErrNotCorpus) || open.name == "Open" && !strings.Contains(err.Error(), tc.want) {
					t.Errorf("error %q: want ErrNotCorpus saying %q", err, tc.want)
				}
			})
		}
	}
	f, err = sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tables int
	if err := f.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil || tables != 1 {
		t.Errorf("the foreign database holds %d tables (err %v), want its 1", tables, err)
	}
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, empty)
	if err != nil {
		t.Fatalf("an empty file: %v", err)
	}
	db.Close()
}
