package scraper

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

func TestSeedKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		seed   string
		wanted func(e scrapertest.Expected) bool // the articles the crawl must find
	}{
		{"sitemap index, depth 0", "/sitemap.xml", func(e scrapertest.Expected) bool { return e.Only != "feed" }},
		{"gzipped sitemap, depth 0", "/sitemap-articles.xml.gz", func(e scrapertest.Expected) bool { return e.Only != "feed" }},
		{"rss feed, depth 0", "/feed.xml", func(e scrapertest.Expected) bool { return e.Only == "feed" }},
		{"atom feed, depth 0", "/atom.xml", nil},
		{"json feed, depth 0", "/feed.json", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := scrapertest.NewServer(t, scrapertest.WithArticles(30), scrapertest.WithFaults(false))
			db := corpus.MustOpen(t)
			// --include keeps the crawl to the seed and what it lists:
			// the sitemaps found on robots.txt are not followed.
			seed := srv.URL + tc.seed
			opts := fast(WithDepth(0))
			isFeed := !regexp.MustCompile("sitemap").MatchString(tc.seed)
			if isFeed {
				// Only what the feed lists: no sitemap from robots.txt or
				// /sitemap.xml.
				opts = append(opts, WithExclude("sitemap"))
			}
			mustCrawl(t, db, []string{seed}, opts...)
			st := readCorpus(t, db)
			listed := map[string]bool{}
			if isFeed {
				// Feeds list the newest articles: read which from the
				// feed itself through the crawl's own captures.
				for _, c := range st.captures {
					if c.Source == "feed" {
						listed[c.RequestedURL] = true
					}
				}
				if len(listed) == 0 {
					t.Fatal("no URL came from the feed")
				}
			}
			n := 0
			for _, e := range srv.Articles() {
				want := listed[e.URL]
				if tc.wanted != nil && tc.wanted(e) {
					if isFeed && !want {
						t.Errorf("article %s (only=%q) is not listed", e.URL, e.Only)
					}
					want = true
				}
				if !want {
					continue
				}
				n++
				if a := st.articles[e.URL]; a == nil || a.Title != e.Title {
					t.Errorf("article %s (only=%q) not found", e.URL, e.Only)
				}
			}
			// Depth 0: listed pages are fetched, their links are not
			// followed (the feed-only article is linked from nowhere
			// else, and section page 2 only from section pages).
			for _, r := range srv.Requests() {
				if r.RawQuery == "page=2" {
					t.Errorf("followed a link at depth 0: %s?%s", r.Path, r.RawQuery)
				}
			}
			t.Logf("%d articles listed, %d captures", n, len(st.captures))
		})
	}
}

func TestFeedLinksOnSeedPage(t *testing.T) {
	t.Parallel()
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(24), scrapertest.WithFaults(false))
	var feedOnly scrapertest.Expected
	for _, e := range srv.Articles() {
		if e.Only == "feed" {
			feedOnly = e
		}
	}
	if feedOnly.URL == "" {
		t.Fatal("no feed-only article")
	}
	db := corpus.MustOpen(t)
	// Depth 1 from the home page: the feed it advertises counts as a seed,
	// so the feed-only article is found. (At depth 0 only the seed is
	// fetched: see TestDepthZeroOneArticle.)
	mustCrawl(t, db, []string{srv.URL + "/"}, fast(WithDepth(1), WithIgnoreRobots(true), WithSitemaps(SitemapsOff))...)
	st := readCorpus(t, db)
	if st.articles[feedOnly.URL] == nil {
		t.Errorf("feed-only article %s not found through <link rel=alternate>", feedOnly.URL)
	}
}

func TestSince(t *testing.T) {
	t.Parallel()
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(30), scrapertest.WithFaults(false))
	arts := srv.Articles()
	lastMod := func(e scrapertest.Expected) time.Time {
		if !e.Modified.IsZero() {
			return e.Modified
		}
		return e.Published
	}
	since := arts[len(arts)/2].Published
	db := corpus.MustOpen(t)
	mustCrawl(t, db, []string{srv.URL + "/sitemap-articles.xml.gz", srv.URL + "/sitemap-news.xml"},
		fast(WithDepth(0), WithSince(since))...)
	st := readCorpus(t, db)
	kept, skipped := 0, 0
	for _, e := range arts {
		if e.Only == "feed" {
			continue
		}
		recent := !lastMod(e).Before(since)
		switch got := srv.Count(pathOf(e.URL)) > 0; {
		case recent && (!got || st.articles[e.URL] == nil):
			t.Errorf("article %s (modified %s) is not older than %s but was not captured", e.URL, lastMod(e), since)
		case !recent && got:
			t.Errorf("article %s (modified %s) is older than %s but was fetched", e.URL, lastMod(e), since)
		case recent:
			kept++
		default:
			skipped++
		}
	}
	if kept == 0 || skipped == 0 {
		t.Errorf("kept %d, skipped %d: the test does not test --since", kept, skipped)
	}
}

func TestRecrawlNotModified(t *testing.T) {
	t.Parallel()
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(24), scrapertest.WithFaults(false))
	arts := srv.Articles()
	var seeds []string
	for _, e := range arts[:3] {
		seeds = append(seeds, e.URL)
	}
	only := WithInclude("^$") // nothing beyond the seeds
	db := corpus.MustOpen(t)
	first := mustCrawl(t, db, seeds, fast(WithDepth(0), only, WithIgnoreRobots(true))...)
	if first.Articles != 3 {
		t.Fatalf("first crawl: %+v", first)
	}
	// The same crawl again fetches nothing.
	srv.ResetLog()
	again := mustCrawl(t, db, seeds, fast(WithDepth(0), only, WithIgnoreRobots(true))...)
	if n := len(srv.Requests()); n != 0 || again.Fetched != 0 {
		t.Errorf("crawl again: %d requests, summary %+v; want none", n, again)
	}
	// A recrawl asks conditionally and records 304s as revisits.
	srv.ResetLog()
	re := mustCrawl(t, db, seeds, fast(WithDepth(0), only, WithIgnoreRobots(true), WithRecrawl(true))...)
	if re.Revisits != 3 {
		t.Errorf("recrawl: %+v, want 3 revisits", re)
	}
	// The articles carry an ETag and Last-Modified (the sitemaps do not).
	for _, r := range srv.Requests() {
		for _, s := range seeds {
			if r.Path == pathOf(s) && r.Header.Get("If-None-Match") == "" && r.Header.Get("If-Modified-Since") == "" {
				t.Errorf("recrawl of %s was not conditional", r.Path)
			}
		}
	}
	st := readCorpus(t, db)
	for _, s := range seeds {
		cs := st.capturesOf(pathOf(s))
		if len(cs) != 2 {
			t.Errorf("%s: %d captures, want 2", s, len(cs))
			continue
		}
		if cs[1].Status != 304 || cs[1].RevisitOf != cs[0].ID || !cs[1].OK() && cs[1].ErrorKind != "" {
			t.Errorf("%s: revisit capture %+v, want a 304 revisiting %d", s, cs[1], cs[0].ID)
		}
	}
	if len(st.articles) != 3 {
		t.Errorf("%d articles after the recrawl, want 3", len(st.articles))
	}
}

func TestMaxPagesPerHost(t *testing.T) {
	t.Parallel()
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(24), scrapertest.WithFaults(false))
	db := corpus.MustOpen(t)
	sum := mustCrawl(t, db, []string{srv.URL + "/"}, fast(WithMaxPagesPerHost(7), WithExclude(regexp.QuoteMeta("/sitemap")))...)
	pages := 0
	for _, r := range srv.Requests() {
		if r.Path != "/robots.txt" {
			pages++
		}
	}
	if pages != 7 || sum.Fetched != 7 {
		t.Errorf("%d pages requested, %d fetched, budget 7", pages, sum.Fetched)
	}
	st, err := db.FrontierStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Queued != 0 || st.Skipped == 0 {
		t.Errorf("frontier %+v: the rest of the host must be skipped", st)
	}
}
