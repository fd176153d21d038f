package scraper

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// genList is a seed list of n URLs on base, generated as it is read.
func genList(base string, n int) SeedList {
	return SeedList{Name: "gen.txt", Lines: n, SHA256: strings.Repeat("ab", 32),
		Each: func(fn func(int, string) error) error {
			for i := 1; i <= n; i++ {
				if err := fn(i, fmt.Sprintf("%s/seed/%d", base, i)); err != nil {
					return err
				}
			}
			return nil
		}}
}

// TestSeedListStreams: a 20,000-URL seed list lands in the frontier, and
// the run's settings name the list instead of holding its URLs.
func TestSeedListStreams(t *testing.T) {
	t.Parallel()
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(4))
	db := corpus.MustOpen(t)
	const n = 20_000
	sum := mustCrawl(t, db, []string{srv.URL + "/"}, fast(WithSeedList(genList(srv.URL, n)), WithMaxPages(1))...)
	ctx := context.Background()
	st, err := db.FrontierStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if total := st.Queued + st.InFlight + st.Done + st.Failed + st.Skipped; total < n+1 {
		t.Errorf("frontier holds %d URLs, want at least %d", total, n+1)
	}
	if _, err := db.FrontierEntry(ctx, srv.URL+"/seed/19999"); err != nil {
		t.Errorf("seed 19999: %v", err)
	}
	settings, err := db.RunSettings(ctx, sum.Run)
	if err != nil {
		t.Fatal(err)
	}
	if len(settings) > 2000 {
		t.Errorf("settings are %d bytes", len(settings))
	}
	var s struct {
		Seeds    []string       `json:"seeds"`
		SeedFile map[string]any `json:"seed_file"`
	}
	if err := json.Unmarshal([]byte(settings), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Seeds) != 1 || s.SeedFile["name"] != "gen.txt" || s.SeedFile["lines"] != float64(n) || s.SeedFile["sha256"] == "" {
		t.Errorf("settings: %s", settings)
	}
}

// TestSeedListBadURL: a list that yields a URL Normalize rejects stops
// the crawl before it fetches, naming the list and the line.
func TestSeedListBadURL(t *testing.T) {
	l := SeedList{Name: "bad.txt", Lines: 2, Each: func(fn func(int, string) error) error {
		if err := fn(1, "http://a.test/"); err != nil {
			return err
		}
		return fn(2, "http://[::1/"+strings.Repeat("x", 10_000))
	}}
	c, err := NewCrawler(corpus.MustOpen(t), fast(WithSeedList(l))...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Run(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "bad.txt:2:") || len(err.Error()) > 500 {
		t.Fatalf("err = %.600v", err)
	}
}
