package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// startCrawl runs a slow crawl of a bench site (200 pages, 30ms apart) on
// db in the background; stop cancels it and returns its error.
func startCrawl(t *testing.T, db string) (stop func() error) {
	t.Helper()
	srv := scrapertest.NewBenchServer(t, 200, scrapertest.BenchPage{Size: 4000, Text: 1500})
	e, _, _ := crawlEnv(t, db)
	e.indexEvery = 200 * time.Millisecond
	opts := quickCrawl()
	opts.PerHost, opts.Delay = 1, 30*time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runCrawl(ctx, e, opts, []string{srv.URL + "/"}) }()
	stop = sync.OnceValue(func() error { cancel(); return <-done })
	t.Cleanup(func() { stop() })
	// Wait for its lease and its first articles.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the crawl took no lease or stored no article in 10s")
		}
		c, err := corpus.OpenReadOnly(context.Background(), db)
		if err != nil {
			continue
		}
		_, held, _ := c.Lease(context.Background())
		st, _ := c.Stats(context.Background())
		c.Close()
		if held && st != nil && st.Articles >= 5 {
			return stop
		}
	}
}

// TestTwoCrawlsOnOneDatabase: while a crawl runs, a second crawl on the
// same database refuses with one line naming the first, search, stats and
// export read the corpus and its index (which the crawl keeps updating)
// side by side with it, and once it stops the next crawl may start.
func TestTwoCrawlsOnOneDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "archive.db")
	stop := startCrawl(t, db)

	code, out, errOut := runCLI(t, "crawl", "--db", db, "-q", "http://127.0.0.1:1/")
	host, _ := os.Hostname()
	want := fmt.Sprintf("another crawl is running on this database: pid %d on host %s since ", os.Getpid(), host)
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, want) || out != "" {
		t.Fatalf("second crawl: exit %d, stdout %q, stderr %q; want exit 1 and one line containing %q", code, out, errOut, want)
	}

	// Read-only commands work while the crawl runs (export --query with
	// --allow-partial: the index follows the crawl a few seconds behind), and the search sees
	// more articles as the crawl indexes them.
	var seen []uint64
	for range 3 {
		code, out, errOut = runCLI(t, "search", "--db", db, "--json", "*")
		var res searchJSON
		if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
			t.Fatalf("search during the crawl: exit %d, stderr %q", code, errOut)
		}
		seen = append(seen, res.Total)
		if strings.Contains(errOut, "behind") && !strings.Contains(errOut, "a crawl (or 'archivist index') is updating it") {
			t.Errorf("search during the crawl: %q; want it to say a crawl is updating the index", errOut)
		}
		time.Sleep(700 * time.Millisecond)
	}
	if seen[len(seen)-1] <= seen[0] {
		t.Errorf("searches during the crawl saw %v articles: the index did not follow the crawl", seen)
	}
	code, out, errOut = runCLI(t, "stats", "--db", db)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("crawl running: pid %d on host %s", os.Getpid(), host)) {
		t.Errorf("stats during the crawl: exit %d, stderr %q, output:\n%s", code, errOut, out)
	}
	if code, _, errOut = runCLI(t, "export", "--db", db, "--query", "the", "--allow-partial", "--out", filepath.Join(t.TempDir(), "x.jsonl")); code != 0 {
		t.Errorf("export --query during the crawl: exit %d, stderr %q", code, errOut)
	}

	if err := stop(); !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped crawl: %v", err)
	}
	code, out, _ = runCLI(t, "stats", "--db", db)
	if code != 0 || strings.Contains(out, "crawl running") {
		t.Errorf("stats after the crawl still shows a running crawl:\n%s", out)
	}
	code, _, errOut = runCLI(t, "crawl", "--db", db, "-q", "--no-index", "--max-pages", "1", "--delay", "0s")
	if code != 0 {
		t.Errorf("crawl after the first one stopped: exit %d, stderr %q", code, errOut)
	}
}

// deadPID returns the pid of a process of this host that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// TestStaleLeaseTakenOver: a lease left by a killed crawl does not block
// the next one: at once when the holder was on this host and its pid is
// gone, after the heartbeat timeout otherwise.
func TestStaleLeaseTakenOver(t *testing.T) {
	host, _ := os.Hostname()
	tests := []struct {
		name   string
		pid    int
		host   string
		beat   time.Duration // age of the last heartbeat
		refuse bool
	}{
		{"pid gone on this host", deadPID(t), host, 0, false},
		{"heartbeat timed out on another host", 4242, "elsewhere", leaseTimeout + time.Second, false},
		{"live on another host", 4242, "elsewhere", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "archive.db")
			c, err := corpus.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.AcquireLease(context.Background(), corpus.LeaseRequest{Holder: "crawl", PID: tt.pid, Host: tt.host,
				Timeout: leaseTimeout}, time.Now().Add(-tt.beat))
			c.Close()
			if err != nil {
				t.Fatal(err)
			}
			srv := scrapertest.NewBenchServer(t, 3, scrapertest.BenchPage{})
			code, _, errOut := runCLI(t, "crawl", "--db", db, "-q", "--no-index", "--delay", "0s", srv.URL+"/")
			if tt.refuse {
				if code != 1 || !strings.Contains(errOut, "pid 4242 on host elsewhere") {
					t.Errorf("exit %d, stderr %q; want a refusal naming pid 4242", code, errOut)
				}
				return
			}
			if code != 0 {
				t.Errorf("exit %d, stderr %q; want the stale lease taken over", code, errOut)
			}
		})
	}
}

// slowSite serves pages that take delay to answer, each linking to the
// next ten.
func slowSite(t *testing.T, delay time.Duration) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		n, _ := strconv.Atoi(strings.Trim(r.URL.Path, "/p"))
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<html><head><title>Page %d</title></head><body><p>Page %d.</p>", n, n)
		for k := n*10 + 1; k <= n*10+10; k++ {
			fmt.Fprintf(w, `<a href="/p%d">page %d</a>`, k, k)
		}
		fmt.Fprint(w, "</body></html>")
	}))
	t.Cleanup(srv.Close)
	return srv
}

// terminalCrawl runs runCrawl with standard error as an 80-column
// terminal, and returns standard output and error.
func terminalCrawl(t *testing.T, ctx context.Context, opts crawlOptions, seed string) (string, string, error) {
	t.Helper()
	e, out, errOut := crawlEnv(t, filepath.Join(t.TempDir(), "archive.db"))
	e.stderrIsTerminal = true
	e.stderrWidth = func() int { return 80 }
	err := runCrawl(ctx, e, opts, []string{seed})
	return out.String(), errOut.String(), err
}

// screenLines returns what an 80-column terminal shows of s: each line as
// left by its last carriage return and erase.
func screenLines(s string) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if i := strings.LastIndex(l, "\r\033[K"); i >= 0 {
			l = l[i+len("\r\033[K"):]
		}
		lines = append(lines, l)
	}
	return lines
}

var logLine = regexp.MustCompile(`^time=\S+ level=[A-Z]+ msg=`)

// TestStatusLine: on an 80-column terminal every status line fits, log
// lines start lines of their own (never glued onto the status line), the
// summary is on its own line, and --max-pages ends as "page limit
// reached", not "interrupted".
func TestStatusLine(t *testing.T) {
	srv := scrapertest.NewBenchServer(t, 400, scrapertest.BenchPage{Size: 4000, Text: 1500})
	opts := quickCrawl()
	opts.Quiet = false
	opts.MaxPages, opts.PerHost, opts.Delay = 40, 1, 40*time.Millisecond
	out, errOut, err := terminalCrawl(t, context.Background(), opts, srv.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	draws := strings.Count(errOut, "\r\033[K")
	if draws < 2 {
		t.Fatalf("%d status line draws in a 2s crawl; stderr %q", draws, errOut)
	}
	for _, seg := range strings.Split(errOut, "\r\033[K") {
		status, _, _ := strings.Cut(seg, "\n")
		if logLine.MatchString(status) {
			continue // a log line, written after erasing the status line
		}
		if n := len([]rune(status)); n >= 80 {
			t.Errorf("a status line of %d columns: %q", n, status)
		}
	}
	for _, l := range screenLines(errOut) {
		if strings.Contains(l, "level=") && !logLine.MatchString(l) {
			t.Errorf("a log line glued onto another line: %q", l)
		}
	}
	if !strings.Contains(errOut, `msg="crawl finished"`) {
		t.Errorf("no final log line in %q", errOut)
	}
	if !strings.HasPrefix(out, "crawl finished: 40 pages fetched") || !strings.Contains(out, "(page limit reached;") ||
		strings.Contains(out, "interrupted") {
		t.Errorf("summary %q; want 40 pages and 'page limit reached'", out)
	}
}

func TestStatusLineWidths(t *testing.T) {
	p := &progressPrinter{maxPages: 1000000}
	long := p.statusLine(scraperProgress(9999999, 9999999, 99999999, 999999, 999.9))
	for _, width := range []int{0, 40, 80, 200} {
		got := truncate(long, width)
		want := width - 1
		if width == 0 {
			want = 79
		}
		if n := len([]rune(got)); n > want || (len(long) > want && n != want) {
			t.Errorf("width %d: %d columns", width, n)
		}
	}
	p.maxPages = 0
	if s := p.statusLine(scraperProgress(12345, 6789, 123456, 12, 42.5)); len(s) >= 80 {
		t.Errorf("a typical status line is %d columns: %q", len(s), s)
	}
}

// TestStatusLineCarried: the status line of a worker that took over from
// one that lost the database goes on from the earlier workers' counts.
func TestStatusLineCarried(t *testing.T) {
	var b strings.Builder
	p := &progressPrinter{w: &b, live: true, width: func() int { return 0 }, maxPages: 100}
	p.carry(scraper.Summary{Fetched: 30, Articles: 20, Errors: 1, Duration: 10 * time.Second})
	p.update(scraper.Progress{Fetched: 5, Articles: 4, Elapsed: 2 * time.Second})
	for _, want := range []string{"fetched 35/100 (35%)", "articles 24", "errors 1"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("status line %q lacks %q", b.String(), want)
		}
	}
}

// TestQuietCrawl: -q prints nothing on standard error when all goes well,
// on a terminal or not, and its summary on standard output.
func TestQuietCrawl(t *testing.T) {
	srv := scrapertest.NewBenchServer(t, 20, scrapertest.BenchPage{})
	for _, terminal := range []bool{false, true} {
		t.Run(fmt.Sprintf("terminal=%v", terminal), func(t *testing.T) {
			e, out, errOut := crawlEnv(t, filepath.Join(t.TempDir(), "archive.db"))
			e.stderrIsTerminal = terminal
			e.stderrWidth = func() int { return 80 }
			opts := quickCrawl() // Quiet
			if err := runCrawl(context.Background(), e, opts, []string{srv.URL + "/"}); err != nil {
				t.Fatal(err)
			}
			if errOut.Len() != 0 {
				t.Errorf("-q wrote to stderr: %q", errOut)
			}
			if !strings.HasPrefix(out.String(), "crawl finished: ") {
				t.Errorf("summary %q", out)
			}
		})
	}
}

// TestStoppingSaysWhatItWaitsFor stops a crawl whose requests take 3s:
// the status line says how many requests it waits for and how long the
// longest has run; without a terminal, a line says it.
func TestStoppingSaysWhatItWaitsFor(t *testing.T) {
	srv := slowSite(t, 3*time.Second)
	for _, terminal := range []bool{true, false} {
		t.Run(fmt.Sprintf("terminal=%v", terminal), func(t *testing.T) {
			e, out, errOut := crawlEnv(t, filepath.Join(t.TempDir(), "archive.db"))
			e.stderrIsTerminal = terminal
			e.stderrWidth = func() int { return 80 }
			opts := quickCrawl()
			opts.Quiet = false
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(1500*time.Millisecond, cancel) // after the first page, while its links are fetched
			err := runCrawl(ctx, e, opts, []string{srv.URL + "/p1"})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			if !regexp.MustCompile(`stopping: waiting for [2-4] requests \(longest [1-3]s\)`).MatchString(errOut.String()) {
				t.Errorf("stderr does not say what the crawl waits for:\n%q", errOut)
			}
			if !strings.Contains(out.String(), "(interrupted;") {
				t.Errorf("summary %q", out)
			}
		})
	}
}

func TestStopMessage(t *testing.T) {
	if m := stopMessage(syscall.SIGTERM); strings.Contains(m, "Ctrl-C") || !strings.Contains(m, "terminated") {
		t.Errorf("SIGTERM: %q", m)
	}
	if m := stopMessage(os.Interrupt); !strings.Contains(m, "Ctrl-C again") {
		t.Errorf("SIGINT: %q", m)
	}
}

func scraperProgress(fetched, articles int, queued int64, errs int, pps float64) scraper.Progress {
	return scraper.Progress{Fetched: fetched, Articles: articles, Queued: queued, Errors: errs, PagesPerSec: pps,
		Elapsed: 12*time.Hour + 34*time.Minute}
}

// TestCrawlStopsWhenLeaseTakenOver: a crawl whose lease another process
// took over (it looked dead: no heartbeat in time) stops at its next
// heartbeat with an error saying so, rather than crawl beside the other.
func TestCrawlStopsWhenLeaseTakenOver(t *testing.T) {
	old := leaseBeat
	leaseBeat = 50 * time.Millisecond
	defer func() { leaseBeat = old }()
	srv := scrapertest.NewBenchServer(t, 200, scrapertest.BenchPage{})
	db := filepath.Join(t.TempDir(), "archive.db")
	e, out, _ := crawlEnv(t, db)
	opts := quickCrawl()
	opts.PerHost, opts.Delay, opts.NoIndex = 1, 30*time.Millisecond, true
	done := make(chan error, 1)
	go func() { done <- runCrawl(context.Background(), e, opts, []string{srv.URL + "/"}) }()

	c, err := corpus.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, held, _ := c.Lease(context.Background()); held {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the crawl took no lease in 10s")
		}
	}
	// Another process that judges the lease stale (a zero timeout) takes it.
	if _, err := c.AcquireLease(context.Background(), corpus.LeaseRequest{Holder: "crawl", PID: 4242, Host: "elsewhere"},
		time.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the crawl went on for 10s after losing its lease")
	}
	if !errors.Is(err, errLeaseLost) || !strings.Contains(err.Error(), "pid 4242 on host elsewhere") {
		t.Errorf("err = %v, want errLeaseLost naming the new holder", err)
	}
	if !strings.Contains(out.String(), "crawl stopped by an error") {
		t.Errorf("summary %q", out)
	}
	if l, held, _ := c.Lease(context.Background()); !held || l.PID != 4242 {
		t.Errorf("the stopped crawl removed the new holder's lease: %+v, %v", l, held)
	}
}
