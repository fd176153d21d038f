package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// mustCrawlSmallSite crawls a 60-article fake site (no faults) into a new
// corpus and index, and returns the database path and the site's URL.
func mustCrawlSmallSite(t testing.TB) (db, siteURL string) {
	t.Helper()
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(60), scrapertest.WithFaults(false))
	dir := t.TempDir()
	db = filepath.Join(dir, "archive.db")
	seeds := filepath.Join(dir, "seeds.txt")
	if err := os.WriteFile(seeds, []byte(srv.URL+"/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "crawl", "--db", db, "--seeds", seeds, "--delay", "0s", "--per-host", "4", "--timeout", "2s", "-q")
	return db, srv.URL
}

// searchFullJSON is the whole contract of `search --json`.
type searchFullJSON struct {
	Total  uint64   `json:"total"`
	TookMS *float64 `json:"took_ms"`
	Hits   []struct {
		URL       string     `json:"url"`
		Published *time.Time `json:"published"`
		Site      string     `json:"site"`
	} `json:"hits"`
	Facets map[string][]struct {
		Term  string
		Count int
	} `json:"facets"`
	Histogram []struct {
		Period string
		Count  int
	} `json:"histogram"`
	IndexBehind *int64 `json:"index_behind"`
}

func mustSearchJSON(t testing.TB, args ...string) searchFullJSON {
	t.Helper()
	out := mustRun(t, append([]string{"search", "--json"}, args...)...)
	var res searchFullJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search --json %v: %v\n%s", args, err, out)
	}
	return res
}

// TestSearchCLI: filters, facets, histogram and JSON through the CLI on a
// crawled site, and export --query writing exactly the hits of search.
func TestSearchCLI(t *testing.T) {
	db, siteURL := mustCrawlSmallSite(t)
	all := mustSearchJSON(t, "--db", db, "--limit", "1000", "--facet", "site", "--facet-size", "0", "--histogram", "month")
	if all.Total == 0 || all.TookMS == nil || all.IndexBehind == nil || *all.IndexBehind != 0 {
		t.Fatalf("search of everything: total %d, took_ms %v, index_behind %v", all.Total, all.TookMS, all.IndexBehind)
	}
	sum := 0
	for _, c := range all.Facets["site"] {
		sum += c.Count
	}
	if uint64(sum) != all.Total {
		t.Errorf("site facet over all articles sums to %d, corpus has %d", sum, all.Total)
	}
	hsum := 0
	for _, p := range all.Histogram {
		hsum += p.Count
	}
	if hsum == 0 || hsum > int(all.Total) {
		t.Errorf("histogram sums to %d of %d articles", hsum, all.Total)
	}

	// --site as the host appears in the URL, with its port.
	host := strings.TrimPrefix(siteURL, "http://")
	for _, site := range []string{host, siteURL, strings.Split(host, ":")[0]} {
		if got := mustSearchJSON(t, "--db", db, "--site", site, "--limit", "1").Total; got != all.Total {
			t.Errorf("--site %s: %d hits, want %d", site, got, all.Total)
		}
	}

	// A filter that matches no article at all is named on stderr when the
	// search finds nothing; one that matches some is not.
	code, out, errOut := runCLI(t, "search", "--db", db, "--site", "nytimes.com", "--site", host,
		"--lang", "xx", "--type", "forum", "the")
	for _, want := range []string{`matches --site "nytimes.com"`, `matches --lang "xx"`, `matches --type "forum"`} {
		if code != 0 || !strings.HasPrefix(out, "0 hits") || !strings.Contains(errOut, "no article in the index "+want) {
			t.Errorf("search with unmatched filters: exit %d, stdout %q, stderr %q: want 0 hits and %q", code, out, errOut, want)
		}
	}
	if strings.Contains(errOut, "127.0.0.1") {
		t.Errorf("a site with articles was named as matching none: %q", errOut)
	}
	empty := filepath.Join(t.TempDir(), "empty.jsonl")
	code, _, errOut = runCLI(t, "export", "--db", db, "--site", "nytimes.com", "--out", empty)
	if code != 0 || !strings.Contains(errOut, "no article matches: the export is empty") ||
		!strings.Contains(errOut, `no article in the index matches --site "nytimes.com"`) {
		t.Errorf("export matching nothing: exit %d, stderr %q", code, errOut)
	}

	// Every hit of a date-filtered search lies in the range.
	from, to := "2024-04", "2024-05-15"
	dated := mustSearchJSON(t, "--db", db, "--from", from, "--to", to, "--limit", "1000")
	if dated.Total == 0 || dated.Total == all.Total {
		t.Errorf("date filter: %d of %d articles; the test wants some in and some out", dated.Total, all.Total)
	}
	lo := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(2024, 5, 16, 0, 0, 0, 0, time.UTC)
	for _, h := range dated.Hits {
		if h.Published == nil || h.Published.Before(lo) || !h.Published.Before(hi) {
			t.Errorf("%s published %v: outside --from %s --to %s", h.URL, h.Published, from, to)
		}
	}

	// export --query Q with filters and --sort writes exactly the hits of
	// search Q, in the same order; without --query, --sort date orders
	// the whole corpus as search * does.
	for _, args := range [][]string{
		{"council OR mayor"},
		{"council", "--from", from, "--to", to},
		{"*", "--site", host, "--sort", "date"},
		{"NOT council", "--lang", "en", "--sort", "-date"},
		{"", "--sort", "-date"},
		{"", "--lang", "en", "--sort", "date"},
	} {
		q, filters := args[0], args[1:]
		sq := q
		if sq == "" {
			sq = "*"
		}
		res := mustSearchJSON(t, append(append([]string{"--db", db, "--limit", "1000"}, filters...), sq)...)
		var want []string
		for _, h := range res.Hits {
			want = append(want, h.URL)
		}
		exportArgs := append([]string{"export", "--db", db, "--format", "jsonl"}, filters...)
		if q != "" {
			exportArgs = append(exportArgs, "--query", q)
		}
		out := mustRun(t, exportArgs...)
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if line == "" {
				continue
			}
			var a struct{ URL string }
			if err := json.Unmarshal([]byte(line), &a); err != nil {
				t.Fatal(err)
			}
			got = append(got, a.URL)
		}
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("export --query %q %v: %d articles, search: %d hits, or another order:\n got %v\nwant %v",
				q, filters, len(got), len(want), got, want)
		}
	}
	if code, _, errOut := runCLI(t, "export", "--db", db, "--sort", "size"); code != 2 || !strings.Contains(errOut, `bad --sort "size"`) {
		t.Errorf("export --sort size: exit %d, stderr %q", code, errOut)
	}

	// A malformed query: one line, exit 2.
	for _, q := range []string{"title:(foo", "police AND"} {
		code, _, errOut := runCLI(t, "search", "--db", db, q)
		if code != 2 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "character") {
			t.Errorf("search %q: exit %d, stderr %q", q, code, errOut)
		}
		code, _, errOut = runCLI(t, "export", "--db", db, "--query", q)
		if code != 2 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("export --query %q: exit %d, stderr %q", q, code, errOut)
		}
	}

	// The histogram as a bar chart and as CSV.
	text := mustRun(t, "search", "--db", db, "--histogram", "year", "--limit", "1")
	if !strings.Contains(text, "matching articles per year") || !strings.Contains(text, "█") {
		t.Errorf("histogram text:\n%s", text)
	}
	// --limit 0: the counts and the chart, no hits.
	counts := mustRun(t, "search", "--db", db, "--histogram", "year", "--limit", "0")
	if !strings.HasPrefix(counts, fmt.Sprintf("%d hits for *\n\nmatching articles per year", all.Total)) || strings.Contains(counts, "http") {
		t.Errorf("search --limit 0:\n%s", counts)
	}
	if none := mustSearchJSON(t, "--db", db, "--limit", "0", "--facet", "site"); len(none.Hits) != 0 || none.Total != all.Total || len(none.Facets["site"]) == 0 {
		t.Errorf("search --json --limit 0: %d hits, total %d of %d, site facet %v", len(none.Hits), none.Total, all.Total, none.Facets["site"])
	}
	csvOut := mustRun(t, "search", "--db", db, "--histogram", "week", "--csv")
	recs, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil || len(recs) < 2 || !slices.Equal(recs[0], []string{"period", "count"}) {
		t.Fatalf("histogram csv (%v):\n%s", err, csvOut)
	}
	n := 0
	for _, r := range recs[1:] {
		var c int
		fmt.Sscan(r[1], &c)
		n += c
		if d, err := time.Parse("2006-01-02", r[0]); err != nil || d.Weekday() != time.Monday {
			t.Errorf("week %q does not start on a Monday", r[0])
		}
	}
	if n != hsum {
		t.Errorf("weekly histogram sums to %d, monthly to %d", n, hsum)
	}
}
