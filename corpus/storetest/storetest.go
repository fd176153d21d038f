// Package storetest is the test suite every corpus.Store passes: the
// SQLite corpus and the PostgreSQL one run the same cases.
package storetest

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// Opener returns a new, empty store for t, closed when t ends.
type Opener func(t *testing.T) corpus.Store

// Run runs every case of the suite against stores made by open.
func Run(t *testing.T, open Opener) {
	cases := map[string]func(*testing.T, corpus.Store){
		"captures":       testCaptures,
		"articles":       testArticles,
		"versions":       testVersions,
		"changes":        testChanges,
		"filters":        testFilters,
		"runs and meta":  testRunsAndMeta,
		"stats":          testStats,
		"rollback":       testRollback,
		"missing things": testMissing,
	}
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		t.Run(n, func(t *testing.T) { cases[n](t, open(t)) })
	}
}

var t0 = time.Date(2026, 5, 1, 10, 0, 0, 123456789, time.UTC)

func write(t *testing.T, s corpus.Store, fn func(w corpus.Writer) error) {
	t.Helper()
	if err := s.Write(context.Background(), fn); err != nil {
		t.Fatalf("write: %v", err)
	}
}

func addCapture(t *testing.T, s corpus.Store, c *corpus.Capture) int64 {
	t.Helper()
	s.Pack(c)
	write(t, s, func(w corpus.Writer) error {
		_, err := w.AddCapture(context.Background(), c)
		return err
	})
	return c.ID
}

func page(u, body string, at time.Time) *corpus.Capture {
	return &corpus.Capture{RequestedURL: u, URL: u, Status: 200, Proto: "HTTP/1.1", FetchedAt: at,
		Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, ContentType: "text/html",
		Body: []byte(body), BodyForm: corpus.BodyWire, Duration: 42 * time.Millisecond, Source: "seed",
		RequestHeader: http.Header{"User-Agent": {"archivist-test"}}, RemoteIP: "127.0.0.1",
		ResponseHead: []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n")}
}

func testCaptures(t *testing.T, s corpus.Store) {
	ctx := context.Background()
	body := bytes.Repeat([]byte("<p>hello archive</p>\n"), 200)
	c1 := page("http://a.test/x", string(body), t0)
	c1.RequestedURL, c1.Redirects = "http://a.test/old", []string{"http://a.test/old"}
	id1 := addCapture(t, s, c1)
	id2 := addCapture(t, s, page("http://a.test/y", string(body), t0.Add(time.Second)))
	failed := &corpus.Capture{RequestedURL: "http://a.test/z", URL: "http://a.test/z", Status: 503,
		FetchedAt: t0.Add(2 * time.Second), Error: "503 Service Unavailable", ErrorKind: corpus.ErrKindHTTP5xx}
	id3 := addCapture(t, s, failed)
	if id1 == 0 || id2 <= id1 || id3 <= id2 {
		t.Fatalf("capture ids %d, %d, %d: want increasing", id1, id2, id3)
	}
	got, err := s.Capture(ctx, id1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Body, body) || got.URL != c1.URL || got.RequestedURL != c1.RequestedURL ||
		!slices.Equal(got.Redirects, c1.Redirects) || !got.FetchedAt.Equal(t0) || got.Status != 200 ||
		got.Header.Get("Content-Type") != "text/html; charset=utf-8" || got.RequestHeader.Get("User-Agent") != "archivist-test" ||
		got.SHA256 != c1.SHA256 || got.BodySize != int64(len(body)) || got.BodyForm != corpus.BodyWire ||
		!bytes.Equal(got.ResponseHead, c1.ResponseHead) || got.RequestHead != nil || got.Duration != 42*time.Millisecond ||
		got.RemoteIP != "127.0.0.1" || got.Truncated {
		t.Errorf("capture read back differs:\n got %+v\nwant %+v", got, c1)
	}
	latest, err := s.LatestCapture(ctx, "http://a.test/old")
	if err != nil || latest.ID != id1 {
		t.Errorf("LatestCapture(requested URL) = %v, %v; want capture %d", latest, err, id1)
	}
	var ok, all []int64
	var bodies int
	s.ForEachCapture(ctx, corpus.CaptureFilter{OnlyOK: true, WithBody: true}, func(c *corpus.Capture) error {
		ok = append(ok, c.ID)
		if bytes.Equal(c.Body, body) {
			bodies++
		}
		return nil
	})
	err = s.ForEachCapture(ctx, corpus.CaptureFilter{AfterID: id1}, func(c *corpus.Capture) error {
		all = append(all, c.ID)
		if c.Body != nil {
			t.Errorf("capture %d: body loaded without WithBody", c.ID)
		}
		return nil
	})
	if err != nil || !slices.Equal(ok, []int64{id1, id2}) || bodies != 2 || !slices.Equal(all, []int64{id2, id3}) {
		t.Errorf("ForEachCapture: ok %v (%d bodies), after %d: %v, %v", ok, bodies, id1, all, err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Captures != 3 || st.Bodies != 1 || st.BodyBytes != int64(len(body)) || st.StoredBytes >= st.BodyBytes ||
		st.Errors != 1 || st.CapturesOK != 2 {
		t.Errorf("stats: %d captures, %d bodies of %d bytes stored in %d, %d errors, %d ok; want 3, 1 (shared, compressed), 1, 2",
			st.Captures, st.Bodies, st.BodyBytes, st.StoredBytes, st.Errors, st.CapturesOK)
	}
}

func article(u, title, text string, captureID int64, at time.Time) *corpus.Article {
	pub := time.Date(2026, 4, 30, 8, 0, 0, 0, time.FixedZone("", 2*3600))
	return &corpus.Article{URL: u, CanonicalURL: u, Site: "a.test", Title: title, Text: text,
		Authors: []string{"Ann Author"}, Published: &pub, PublishedPrecision: corpus.PrecisionMinute,
		Language: "en-GB", PageType: corpus.PageTypeArticle, Tags: []string{"news"}, WordCount: 3,
		FetchedAt: at, CaptureID: captureID, ContentSHA256: "abc", ExtractorVersion: 7}
}

func putArticle(t *testing.T, s corpus.Store, a *corpus.Article, key string) int64 {
	t.Helper()
	write(t, s, func(w corpus.Writer) error {
		_, err := w.PutArticle(context.Background(), a, key)
		return err
	})
	return a.ID
}

func testArticles(t *testing.T, s corpus.Store) {
	ctx := context.Background()
	cid := addCapture(t, s, page("http://a.test/story", "<p>x</p>", t0))
	a := article("http://a.test/story", "Title", "One two three.", cid, t0)
	id := putArticle(t, s, a, "a.test/story")
	if id == 0 || a.Version != 1 || a.RowSHA256 == "" {
		t.Fatalf("PutArticle: id %d, version %d, digest %q", id, a.Version, a.RowSHA256)
	}
	got, err := s.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := got.CheckDigest(); err != nil {
		t.Errorf("stored article's digest: %v", err)
	}
	if got.Title != "Title" || got.Text != a.Text || !got.Published.Equal(*a.Published) ||
		got.Published.Format(time.RFC3339) != "2026-04-30T08:00:00+02:00" || !slices.Equal(got.Authors, a.Authors) ||
		got.RowSHA256 != a.RowSHA256 || got.Version != 1 || got.CapturedAt == nil || !got.CapturedAt.Equal(t0) ||
		got.ExtractorVersion != 7 || got.ExtractedAt == nil {
		t.Errorf("article read back differs:\n got %+v\nwant %+v", got, a)
	}
	write(t, s, func(w corpus.Writer) error {
		return w.AddArticleURL(ctx, id, "http://a.test/story?utm=1")
	})
	for _, u := range []string{"http://a.test/story?utm=1", "a.test/story", "http://a.test/story"} {
		if found, err := s.FindArticle(ctx, "http://nowhere.test/", u); err != nil || found != id {
			t.Errorf("FindArticle(%s) = %d, %v; want %d", u, found, err, id)
		}
	}
	urls, err := s.ArticleURLs(ctx, id)
	if err != nil || !slices.Equal(urls, []string{"http://a.test/story", "http://a.test/story?utm=1"}) {
		t.Errorf("ArticleURLs = %q, %v", urls, err)
	}
	write(t, s, func(w corpus.Writer) error {
		for _, lookup := range []func() (int64, error){
			func() (int64, error) { return w.ArticleIDByKey(ctx, "a.test/story") },
			func() (int64, error) { return w.ArticleIDByURL(ctx, "http://a.test/story?utm=1") },
			func() (int64, error) { return w.ArticleIDByContent(ctx, "abc") },
		} {
			if got, err := lookup(); err != nil || got != id {
				t.Errorf("lookup = %d, %v; want %d", got, err, id)
			}
		}
		if _, err := w.ArticleIDByKey(ctx, "nope"); !errors.Is(err, corpus.ErrNotFound) {
			t.Errorf("ArticleIDByKey(nope): %v, want ErrNotFound", err)
		}
		return nil
	})
	if n, err := s.CountArticles(ctx); err != nil || n != 1 {
		t.Errorf("CountArticles = %d, %v", n, err)
	}
}

func testVersions(t *testing.T, s corpus.Store) {
	ctx := context.Background()
	c1 := addCapture(t, s, page("http://a.test/v", "<p>1</p>", t0))
	c2 := addCapture(t, s, page("http://a.test/v", "<p>1 again</p>", t0.Add(time.Hour)))
	c3 := addCapture(t, s, page("http://a.test/v", "<p>2</p>", t0.Add(2*time.Hour)))
	id := putArticle(t, s, article("http://a.test/v", "First", "Old text.", c1, t0), "k")
	same := article("http://a.test/v", "First", "Old text.", c2, t0.Add(time.Hour))
	putArticle(t, s, same, "k")
	if same.Version != 1 || !same.CapturedAt.Equal(t0) {
		t.Errorf("unchanged recapture: version %d captured %v; want 1 at %v", same.Version, same.CapturedAt, t0)
	}
	changed := article("http://a.test/v", "Second", "New text.", c3, t0.Add(2*time.Hour))
	putArticle(t, s, changed, "k")
	if changed.ID != id || changed.Version != 2 {
		t.Fatalf("changed article: id %d version %d; want %d, 2", changed.ID, changed.Version, id)
	}
	vs, err := s.ArticleVersions(ctx, id)
	if err != nil || len(vs) != 2 {
		t.Fatalf("ArticleVersions = %d versions, %v; want 2", len(vs), err)
	}
	if vs[0].Title != "First" || vs[0].Text != "Old text." || vs[0].CaptureID != c1 ||
		vs[1].Title != "Second" || vs[1].Text != "New text." || vs[1].CaptureID != c3 {
		t.Errorf("versions: %+v", vs)
	}
	for _, v := range vs {
		if err := v.CheckDigest(); err != nil {
			t.Errorf("version %d digest: %v", v.Version, err)
		}
	}
	var titles []string
	err = s.ArticleVersionsMatching(ctx, corpus.ArticleFilter{}, func(a *corpus.Article) error {
		titles = append(titles, a.Title)
		if err := a.CheckDigest(); err != nil {
			t.Errorf("version %d as article: %v", a.Version, err)
		}
		return nil
	})
	if err != nil || !slices.Equal(titles, []string{"First", "Second"}) {
		t.Errorf("ArticleVersionsMatching titles = %q, %v", titles, err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.ArticlesChanged != 1 || len(st.BySite) != 1 || st.BySite[0].Changed != 1 {
		t.Errorf("stats changed = %+v, %v", st, err)
	}
}

func testChanges(t *testing.T, s corpus.Store) {
	ctx := context.Background()
	cid := addCapture(t, s, page("http://a.test/c", "<p>c</p>", t0))
	ch, err := s.ChangesSince(ctx, 0)
	if err != nil || ch != (corpus.Changes{}) {
		t.Fatalf("empty store: ChangesSince = %+v, %v", ch, err)
	}
	for i, key := range []string{"k1", "k2", "k1", "k3"} {
		putArticle(t, s, article("http://a.test/"+key, "T", "text "+string(rune('a'+i)), cid, t0), key)
	}
	ch, err = s.ChangesSince(ctx, 0)
	if err != nil || ch.Articles != 3 || ch.Behind != 3 || ch.LastSeq < 4 {
		t.Fatalf("ChangesSince(0) = %+v, %v; want 3 articles, 3 behind, last seq >= 4", ch, err)
	}
	var seqs []int64
	var keys []string
	err = s.ArticlesSince(ctx, 0, func(seq int64, a *corpus.Article) error {
		seqs, keys = append(seqs, seq), append(keys, a.URL)
		return nil
	})
	if err != nil || len(seqs) != 3 || !slices.IsSorted(seqs) || keys[2] != "http://a.test/k3" || keys[1] != "http://a.test/k1" {
		t.Errorf("ArticlesSince(0) = %v %q, %v; want k2, k1 (updated), k3 in order", seqs, keys, err)
	}
	var after []string
	s.ArticlesSince(ctx, seqs[0], func(_ int64, a *corpus.Article) error { after = append(after, a.URL); return nil })
	if len(after) != 2 {
		t.Errorf("ArticlesSince(%d) = %q; want 2", seqs[0], after)
	}
	if ch, _ := s.ChangesSince(ctx, seqs[1]); ch.Behind != 1 {
		t.Errorf("ChangesSince(%d).Behind = %d, want 1", seqs[1], ch.Behind)
	}
}

func testFilters(t *testing.T, s corpus.Store) {
	ctx := context.Background()
	cid := addCapture(t, s, page("http://a.test/f", "<p>f</p>", t0))
	mk := func(key, site, lang, typ string, pub time.Time) int64 {
		a := article("http://"+site+"/"+key, key, key, cid, t0)
		a.Site, a.Language, a.PageType, a.Published = site, lang, typ, &pub
		return putArticle(t, s, a, key)
	}
	may, june := time.Date(2026, 5, 3, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 3, 0, 0, 0, 0, time.UTC)
	a1 := mk("a1", "a.test", "en-GB", corpus.PageTypeArticle, may)
	a2 := mk("a2", "b.test", "en", corpus.PageTypeListing, june)
	a3 := mk("a3", "a.test", "de", corpus.PageTypeArticle, june)
	a4 := mk("a4", "a.test", "eng", corpus.PageTypeArticle, may)
	for _, tc := range []struct {
		name string
		f    corpus.ArticleFilter
		want []int64
	}{
		{"all", corpus.ArticleFilter{}, []int64{a1, a2, a3, a4}},
		{"site", corpus.ArticleFilter{Site: "A.test"}, []int64{a1, a3, a4}},
		{"lang", corpus.ArticleFilter{Lang: "en"}, []int64{a1, a2}},
		{"type", corpus.ArticleFilter{Type: "listing"}, []int64{a2}},
		{"from", corpus.ArticleFilter{From: june}, []int64{a2, a3}},
		{"to", corpus.ArticleFilter{To: may}, []int64{a1, a4}},
		{"ids", corpus.ArticleFilter{IDs: []int64{a3, 999999, a1, a3}}, []int64{a3, a1, a3}},
		{"ids and site", corpus.ArticleFilter{IDs: []int64{a2, a1}, Site: "a.test"}, []int64{a1}},
	} {
		var got []int64
		if err := s.Articles(ctx, tc.f, func(a *corpus.Article) error { got = append(got, a.ID); return nil }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func testRunsAndMeta(t *testing.T, s corpus.Store) {
	ctx := context.Background()
	id, err := s.ID(ctx)
	if err != nil || !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(id) {
		t.Errorf("ID = %q, %v; want 32 hex digits", id, err)
	}
	var run int64
	write(t, s, func(w corpus.Writer) error {
		var err error
		run, err = w.BeginRun(ctx, map[string]any{"seeds": []string{"http://a.test/"}}, t0)
		return err
	})
	write(t, s, func(w corpus.Writer) error { return w.EndRun(ctx, run, map[string]int{"pages": 1}, t0) })
	settings, err := s.CrawlSettings(ctx)
	if err != nil || !slices.Equal(settings, []string{`{"seeds":["http://a.test/"]}`}) {
		t.Errorf("CrawlSettings = %q, %v", settings, err)
	}
	if s.Location() == "" {
		t.Error("Location is empty")
	}
}

func testStats(t *testing.T, s corpus.Store) {
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil || st.Captures != 0 || st.Articles != 0 || st.Frontier != nil {
		t.Fatalf("empty stats = %+v, %v", st, err)
	}
	cid := addCapture(t, s, page("http://a.test/s", "<p>s</p>", t0))
	putArticle(t, s, article("http://a.test/s", "S", "s", cid, t0), "s")
	st, err = s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantMonth := []corpus.Count{{Key: "2026-04", Count: 1}}
	if st.Articles != 1 || !slices.Equal(st.ByMonth, wantMonth) || len(st.ByLanguage) != 1 ||
		st.FirstFetch != corpus.FormatTime(t0) || len(st.BySite) != 1 || st.BySite[0] != (corpus.SiteCount{Site: "a.test", Captures: 1, Articles: 1}) {
		t.Errorf("stats = %+v", st)
	}
	if _, _, err := s.Lease(ctx); err != nil {
		t.Errorf("Lease: %v", err)
	}
	if _, err := s.FrontierDetails(ctx); err != nil {
		t.Errorf("FrontierDetails: %v", err)
	}
}

func testRollback(t *testing.T, s corpus.Store) {
	ctx := context.Background()
	boom := errors.New("boom")
	err := s.Write(ctx, func(w corpus.Writer) error {
		c := page("http://a.test/r", "<p>r</p>", t0)
		if _, err := w.AddCapture(ctx, c); err != nil {
			return err
		}
		if _, err := w.PutArticle(ctx, article(c.URL, "R", "r", c.ID, t0), "r"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Write returned %v, want boom", err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Captures != 0 || st.Articles != 0 || st.Bodies != 0 {
		t.Errorf("after a failed write: %+v, %v; want nothing stored", st, err)
	}
}

func testMissing(t *testing.T, s corpus.Store) {
	ctx := context.Background()
	if _, err := s.Capture(ctx, 42); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("Capture(42): %v, want ErrNotFound", err)
	}
	if _, err := s.Article(ctx, 42); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("Article(42): %v, want ErrNotFound", err)
	}
	if _, err := s.ArticleVersions(ctx, 42); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("ArticleVersions(42): %v, want ErrNotFound", err)
	}
	if _, err := s.LatestCapture(ctx, "http://a.test/none"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("LatestCapture: %v, want ErrNotFound", err)
	}
	if _, err := s.FindArticle(ctx, "http://a.test/none"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("FindArticle: %v, want ErrNotFound", err)
	}
}
