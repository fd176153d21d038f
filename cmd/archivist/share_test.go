package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/internal/pgtest"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// TestCrawlWorkersShareHosts runs two `archivist crawl --store` workers on
// three fake sites (three hosts), the second started once the first is
// fetching: the first holds every host while alone, then gives one back
// (its share is ceil(3/2) = 2 hosts) and the second fetches it. Both
// fetch pages; on every site --per-host and --delay hold across the
// workers; every article is stored once; nothing is left queued.
func TestCrawlWorkersShareHosts(t *testing.T) {
	if testing.Short() {
		t.Skip("two crawls of some seconds")
	}
	var sites []*scrapertest.Server
	for _, ip := range []string{"127.0.0.1", "127.0.0.2", "127.0.0.3"} {
		sites = append(sites, scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(30),
			scrapertest.WithLatency(10*time.Millisecond), scrapertest.WithHost(ip)))
	}
	url := pgtest.Start(t).NewDatabase(t)
	const delay = 120 * time.Millisecond
	args := func(worker int, seeds ...string) []string {
		return append([]string{"crawl", "--store", url, "--per-host", "1", "--parallel", "4", "--delay", delay.String(),
			"--timeout", "5s", "--host-lease", "2s", "-q", "--user-agent", fmt.Sprintf("archivist-test/%d", worker)}, seeds...)
	}
	var seeds []string
	for _, s := range sites {
		seeds = append(seeds, s.URL+"/")
	}
	type result struct {
		out []byte
		err error
	}
	run := func(worker int, seeds ...string) chan result {
		ch := make(chan result, 1)
		go func() {
			out, err := archivistCmd(t, args(worker, seeds...)...).CombinedOutput()
			ch <- result{out, err}
		}()
		return ch
	}
	first := run(1, seeds...)
	// The second joins once the first fetches pages on every site.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		fetching := 0
		for _, s := range sites {
			if pageRequests(s.Requests())["archivist-test/1"] > 0 {
				fetching++
			}
		}
		if fetching == len(sites) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first worker did not start on every site")
		}
	}
	second := run(2)
	for i, ch := range []chan result{first, second} {
		select {
		case r := <-ch:
			if r.err != nil {
				t.Errorf("worker %d: %v\n%s", i+1, r.err, r.out)
			}
		case <-time.After(120 * time.Second):
			t.Fatalf("worker %d did not finish", i+1)
		}
	}

	got, fs := storeArticles(t, url)
	want := 0
	for _, s := range sites {
		for _, a := range s.Articles() {
			want++
			if !got[a.URL] {
				t.Errorf("article %s not stored", a.URL)
			}
		}
	}
	if len(got) != want || fs.Queued != 0 || fs.InFlight != 0 {
		t.Errorf("%d articles stored, want %d; frontier left %d queued, %d in flight", len(got), want, fs.Queued, fs.InFlight)
	}
	total := map[string]int{}
	var per []string
	for _, s := range sites {
		reqs := s.Requests()
		n := pageRequests(reqs)
		for ua, c := range n {
			total[ua] += c
		}
		per = append(per, fmt.Sprintf("%s: worker 1 %d, worker 2 %d", s.URL, n["archivist-test/1"], n["archivist-test/2"]))
		if m := maxPageOverlap(reqs); m > 1 {
			t.Errorf("%s: %d page requests in flight at once across the workers, want at most --per-host 1", s.URL, m)
		}
		// A worker keeps --delay itself (the scraper's politeness tests);
		// across workers, a worker starts on the host no sooner than
		// --delay after the request before it, from the other.
		var prev scrapertest.Request
		for _, r := range reqs {
			if r.Path == "/robots.txt" {
				continue
			}
			if prev.UserAgent != "" && r.UserAgent != prev.UserAgent {
				if gap := r.Start.Sub(prev.Start); gap < delay {
					t.Errorf("%s: %s started %s %s after %s started %s: want at least --delay %s",
						s.URL, r.UserAgent, r.Path, gap, prev.UserAgent, prev.Path, delay)
				}
			}
			prev = r
		}
		if bad := s.DisallowedRequests(); len(bad) > 0 {
			t.Errorf("%s: %d requests robots.txt disallows, such as %s", s.URL, len(bad), bad[0].Path)
		}
	}
	t.Logf("pages fetched: %s", strings.Join(per, "; "))
	for _, ua := range []string{"archivist-test/1", "archivist-test/2"} {
		if total[ua] == 0 {
			t.Errorf("%s fetched no page: hosts not shared out (%s)", ua, strings.Join(per, "; "))
		}
	}
}

// pageRequests counts the requests other than robots.txt in reqs, by
// User-Agent.
func pageRequests(reqs []scrapertest.Request) map[string]int {
	n := map[string]int{}
	for _, r := range reqs {
		if r.Path != "/robots.txt" {
			n[r.UserAgent]++
		}
	}
	return n
}
