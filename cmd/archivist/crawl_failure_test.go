package main

import (
	"bytes"
	"context"
	"net"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// fakeDNS is a dialer whose name resolution the test controls: the names
// it knows resolve to their test server once up is set, and to nothing
// ("no such host") before. No test touches the network.
type fakeDNS struct {
	up    atomic.Bool
	names map[string]string // host name -> 127.0.0.1:port
}

func (r *fakeDNS) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	to, ok := r.names[host]
	if !ok || !r.up.Load() {
		return nil, &net.OpError{Op: "dial", Net: network,
			Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
	}
	var d net.Dialer
	return d.DialContext(ctx, network, to)
}

// TestCrawlUnresolvableSeedHost: a crawl whose seed host does not resolve
// exits 1 with one line naming the host and the cause, `stats` shows the
// host; once the name resolves, the same command crawls the site.
func TestCrawlUnresolvableSeedHost(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false))
	dns := &fakeDNS{names: map[string]string{"www.example.test": strings.TrimPrefix(srv.URL, "http://")}}
	db := filepath.Join(t.TempDir(), "archive.db")
	opts := quickCrawl()
	opts.dial = dns.dial
	seeds := []string{"http://www.example.test/"}

	e, out, _ := crawlEnv(t, db)
	err := runCrawl(context.Background(), e, opts, seeds)
	var stderr bytes.Buffer
	if code := exitCode(e.explain(err), &stderr); code != 1 {
		t.Fatalf("offline crawl: exit %d (%v), want 1", code, err)
	}
	if want := "archivist: crawl: no seed could be fetched: www.example.test: no such host\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
	if !strings.Contains(out.String(), "0 pages fetched") {
		t.Errorf("summary %q", out)
	}
	code, stats, _ := runCLI(t, "stats", "--db", db)
	if code != 0 || !strings.Contains(stats, "http://www.example.test: no such host (2 queued") {
		t.Errorf("stats: exit %d\n%s", code, stats)
	}

	dns.up.Store(true)
	e, _, _ = crawlEnv(t, db)
	if err := runCrawl(context.Background(), e, opts, seeds); err != nil {
		t.Fatalf("crawl once the host resolves: %v", err)
	}
	got, st := corpusSnapshot(t, db)
	if len(got) != len(srv.Articles()) || st.Frontier.Queued != 0 {
		t.Errorf("after the host resolves: %d articles (want %d), frontier %+v", len(got), len(srv.Articles()), st.Frontier)
	}
	if _, stats, _ = runCLI(t, "stats", "--db", db); strings.Contains(stats, "hosts not reached") {
		t.Errorf("stats still lists the host as not reached:\n%s", stats)
	}
}

// TestCrawlSitemapsFlag: --sitemaps takes auto or off, anything else is a
// usage error.
func TestCrawlSitemapsFlag(t *testing.T) {
	db := filepath.Join(t.TempDir(), "archive.db")
	code, _, errOut := runCLI(t, "crawl", "--db", db, "--sitemaps", "maybe", "http://www.example.test/")
	if code != 2 || errOut != "archivist: crawl: bad --sitemaps \"maybe\" (want auto or off)\n" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// TestCrawlRedirectLoopSeed: a crawl whose only seed redirects in a loop
// exits 1 naming the seed's URL and the cause (not its host: the host
// answered).
func TestCrawlRedirectLoopSeed(t *testing.T) {
	srv := scrapertest.NewServer(t)
	db := filepath.Join(t.TempDir(), "archive.db")
	seed := srv.URL + scrapertest.PathLoop
	e, _, _ := crawlEnv(t, db)
	opts := quickCrawl()
	opts.Depth = 0
	err := runCrawl(context.Background(), e, opts, []string{seed})
	var stderr bytes.Buffer
	if code := exitCode(e.explain(err), &stderr); code != 1 {
		t.Fatalf("exit %d (%v), want 1", code, err)
	}
	if want := "archivist: crawl: no seed could be fetched: " + seed + ": redirect loop\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
}
