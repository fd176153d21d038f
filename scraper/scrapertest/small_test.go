package scrapertest

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestSmallSites checks that small sites build and that their home page
// links only to pages that exist.
func TestSmallSites(t *testing.T) {
	href := regexp.MustCompile(`href="(/[^"#]*)"`)
	for _, n := range []int{1, 16, MinArticles, 24, 40} {
		for _, faults := range []bool{false, true} {
			srv := NewServer(t, WithArticles(n), WithFaults(faults))
			if got := len(srv.Articles()); got < MinArticles {
				t.Errorf("n=%d: %d articles, want at least %d", n, got, MinArticles)
			}
			resp, err := srv.Client().Get(srv.URL + "/")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			for _, m := range href.FindAllStringSubmatch(string(body), -1) {
				p := m[1]
				if strings.Contains(p, "/../") {
					continue // a dot-segment link, there for crawlers to resolve
				}
				if !faults || p == "/world/?page=2" {
					r, err := srv.Client().Get(srv.URL + p)
					if err != nil {
						t.Fatal(err)
					}
					r.Body.Close()
					if r.StatusCode == http.StatusNotFound && p != "/2023/02/30/this-story-was-removed.html" {
						t.Errorf("n=%d faults=%v: home links to %s, which is a 404", n, faults, p)
					}
				}
			}
		}
	}
}
