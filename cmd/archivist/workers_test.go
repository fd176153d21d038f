package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	neturl "net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
	"github.com/archivist-project/archivist/internal/pgtest"
	"github.com/archivist-project/archivist/scraper/scrapertest"
	"github.com/jackc/pgx/v5"
)

// storeArticles returns the URLs of the articles in the PostgreSQL corpus
// at url, failing on a URL stored twice.
func storeArticles(t *testing.T, url string) (map[string]bool, corpus.FrontierStats) {
	t.Helper()
	ctx := context.Background()
	s, err := pgstore.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := map[string]bool{}
	err = s.Articles(ctx, corpus.ArticleFilter{}, func(a *corpus.Article) error {
		if got[a.URL] {
			t.Errorf("article stored twice: %s", a.URL)
		}
		got[a.URL] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := s.FrontierStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return got, fs
}

// maxPageOverlap is the largest number of requests other than robots.txt
// the server had open at once.
func maxPageOverlap(reqs []scrapertest.Request) int {
	var spans [][2]time.Time
	for _, r := range reqs {
		if r.Path == "/robots.txt" || r.End.IsZero() {
			continue
		}
		spans = append(spans, [2]time.Time{r.Start, r.End})
	}
	return scrapertest.MostAtOnce(spans)
}

// robotsReads counts the requests for robots.txt in reqs.
func robotsReads(reqs []scrapertest.Request) int {
	n := 0
	for _, r := range reqs {
		if r.Path == "/robots.txt" {
			n++
		}
	}
	return n
}

// TestCrawlWorkers runs three `archivist crawl --store` processes on one
// fake site, the first with the seed, the others joining without seeds,
// and kills the first with SIGKILL mid-crawl: the others finish, every
// article is stored once (the same articles as a SQLite crawl), nothing is
// left queued or in flight, and the site's request log shows --per-host
// and --delay held across the workers.
func TestCrawlWorkers(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(30),
		scrapertest.WithLatency(20*time.Millisecond))
	ref, _ := corpusSnapshot(t, crawlSite(t, srv))
	srv.ResetLog()

	url := pgtest.Start(t).NewDatabase(t)
	const delay = 40 * time.Millisecond
	args := func(worker int, seed ...string) []string {
		return append([]string{"crawl", "--store", url, "--per-host", "2", "--parallel", "4", "--delay", delay.String(),
			"--timeout", "5s", "--host-lease", "1s", "-q", "--user-agent", fmt.Sprintf("archivist-test/%d", worker)}, seed...)
	}
	first := archivistCmd(t, args(1, srv.URL+"/")...)
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	firstDone := make(chan error, 1)
	go func() { firstDone <- first.Wait() }()
	// The others join once the first has queued its seed.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if _, fs := storeArticles(t, url); fs.Queued+fs.InFlight+fs.Done > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first worker queued nothing")
		}
	}
	others := make([]chan []byte, 2)
	for i := range others {
		others[i] = make(chan []byte, 1)
		go func() {
			out, err := archivistCmd(t, args(i+2)...).CombinedOutput()
			if err != nil {
				t.Errorf("worker %d: %v\n%s", i+2, err, out)
			}
			others[i] <- out
		}()
	}
	select {
	case err := <-firstDone:
		t.Fatalf("the first worker ended before the kill (%v): make the site slower", err)
	case <-time.After(800 * time.Millisecond):
		first.Process.Signal(syscall.SIGKILL)
		<-firstDone
	}
	for i, ch := range others {
		select {
		case <-ch:
		case <-time.After(90 * time.Second):
			t.Fatalf("worker %d did not finish", i+2)
		}
	}

	got, fs := storeArticles(t, url)
	var missing []string
	for k := range ref {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	if len(got) != len(ref) || len(missing) > 0 {
		slices.Sort(missing)
		t.Errorf("%d articles stored by the workers, %d by a SQLite crawl; missing %q", len(got), len(ref), missing)
	}
	if fs.Queued != 0 || fs.InFlight != 0 {
		t.Errorf("frontier left %d queued, %d in flight", fs.Queued, fs.InFlight)
	}
	reqs := srv.Requests()
	if n := maxPageOverlap(reqs); n > 2 {
		t.Errorf("%d page requests in flight at once across the workers, want at most --per-host 2", n)
	}
	// A worker keeps --delay itself (the scraper's politeness tests);
	// what the workers add is the handover: a worker starts on the host no
	// sooner than --delay after the request before it, from another
	// worker.
	var prev scrapertest.Request
	handovers := 0
	for _, r := range reqs {
		if r.Path == "/robots.txt" {
			continue
		}
		if prev.UserAgent != "" && r.UserAgent != prev.UserAgent {
			handovers++
			if gap := r.Start.Sub(prev.Start); gap < delay {
				t.Errorf("%s started %s %s after %s started %s: want at least --delay %s across workers",
					r.UserAgent, r.Path, gap, prev.UserAgent, prev.Path, delay)
			}
		}
		prev = r
	}
	// The first worker read robots.txt and stored it; the others used its
	// copy, and kept its rules.
	if n := robotsReads(reqs); n != 1 {
		t.Errorf("robots.txt read %d times by the workers, want once (shared through the store)", n)
	}
	if bad := srv.DisallowedRequests(); len(bad) > 0 {
		t.Errorf("%d requests robots.txt disallows, such as %s", len(bad), bad[0].Path)
	}
	if handovers == 0 {
		t.Error("no handover between workers: the first worker was killed after the crawl?")
	}
	t.Logf("%d requests, %d articles, %d handovers between workers", len(reqs), len(got), handovers)
}

// TestCrawlWorkersShareRobots starts three `archivist crawl --store`
// processes at once on two fake sites (two hosts), each given both seeds:
// whichever takes a host's lease first reads its robots.txt, the others
// wait for it and use its copy, so each site's log shows robots.txt read
// once, and no path it disallows.
func TestCrawlWorkersShareRobots(t *testing.T) {
	sites := []*scrapertest.Server{
		scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(10)),
		scrapertest.NewServer(t, scrapertest.WithFaults(false), scrapertest.WithArticles(10), scrapertest.WithHost("127.0.0.2")),
	}
	url := pgtest.Start(t).NewDatabase(t)
	args := []string{"crawl", "--store", url, "--delay", "10ms", "--per-host", "2", "--parallel", "4", "--timeout", "5s",
		"--host-lease", "2s", "-q", sites[0].URL + "/", sites[1].URL + "/"}
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if out, err := archivistCmd(t, args...).CombinedOutput(); err != nil {
				t.Errorf("worker %d: %v\n%s", w+1, err, out)
			}
		}()
	}
	wg.Wait()
	for _, srv := range sites {
		reqs := srv.Requests()
		if n := robotsReads(reqs); n != 1 {
			t.Errorf("%s: robots.txt read %d times by three workers, want once", srv.URL, n)
		}
		if bad := srv.DisallowedRequests(); len(bad) > 0 {
			t.Errorf("%s: %d requests robots.txt disallows, such as %s", srv.URL, len(bad), bad[0].Path)
		}
	}
	if _, fs := storeArticles(t, url); fs.Queued != 0 || fs.InFlight != 0 || fs.Done == 0 {
		t.Errorf("frontier: %d queued, %d in flight, %d done; want all done", fs.Queued, fs.InFlight, fs.Done)
	}
	// stats shows the copies the workers shared.
	var st struct {
		Workers struct {
			Robots []pgstore.RobotsCopy `json:"robots_txt"`
		} `json:"workers"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "stats", "--json", "--store", url)), &st); err != nil {
		t.Fatal(err)
	}
	if rs := st.Workers.Robots; len(rs) != 2 || rs[0].Host != sites[0].URL || rs[1].Host != sites[1].URL {
		t.Fatalf("stats --json: robots.txt copies %+v, want one for each of %s and %s", rs, sites[0].URL, sites[1].URL)
	}
	text := mustRun(t, "stats", "--store", url)
	for _, r := range st.Workers.Robots {
		if r.Status != 200 || r.Error != "" || r.Bytes == 0 || r.Worker == 0 || !r.Expires.After(r.Fetched) {
			t.Errorf("stats --json: robots.txt copy %+v, want a 200 with its rules, read by a worker, expiring after it was read", r)
		}
		if want := fmt.Sprintf("  %s: 200, %s, fetched %s by worker %d, expires ", r.Host, byteSize(int64(r.Bytes)),
			r.Fetched.Format("2006-01-02 15:04:05 UTC"), r.Worker); !strings.Contains(text, want) {
			t.Errorf("stats lacks %q:\n%s", want, text)
		}
	}
}

// TestCrawlWorkersRobotsUnavailable: a robots.txt that cannot be read (a
// 503 with Retry-After; an answer that never comes, past --timeout) is
// read by one worker of three started together; the others take its
// verdict from the store ("disallow for now") and set the host aside too,
// without a request, counting the error with the kind the reading worker
// saw: no page is fetched and its URLs stay queued for a later run.
func TestCrawlWorkersRobotsUnavailable(t *testing.T) {
	cluster := pgtest.Start(t)
	for _, tc := range []struct {
		name    string
		timeout string
		robots  func(w http.ResponseWriter, r *http.Request)
		kind    string
	}{
		{"503", "5s", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "60")
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		}, corpus.ErrKindHTTP5xx},
		{"timeout", "1s", func(w http.ResponseWriter, r *http.Request) {
			select { // no answer before the crawl's --timeout
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		}, corpus.ErrKindTimeout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			var robots, pages int
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				if r.URL.Path == "/robots.txt" {
					robots++
					mu.Unlock()
					tc.robots(w, r)
					return
				}
				pages++
				mu.Unlock()
				fmt.Fprint(w, `<html><body><a href="/a">a</a></body></html>`)
			}))
			t.Cleanup(srv.Close)
			url := cluster.NewDatabase(t)
			args := []string{"crawl", "--store", url, "--delay", "0s", "--retries", "0", "--timeout", tc.timeout,
				"--host-lease", "2s", "-q", srv.URL + "/"}
			var wg sync.WaitGroup
			for w := 0; w < 3; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					out, err := archivistCmd(t, args...).CombinedOutput()
					var exit *exec.ExitError
					if err != nil && (!errors.As(err, &exit) || exit.ExitCode() != 1) {
						t.Errorf("worker %d: %v, want exit 0 or 1 (no seed fetched)\n%s", w+1, err, out)
					}
					if want := "errors by kind: " + tc.kind + " 1\n"; !strings.Contains(string(out), want) {
						t.Errorf("worker %d counted the host's error otherwise, want %q:\n%s", w+1, want, out)
					}
				}()
			}
			wg.Wait()
			mu.Lock()
			defer mu.Unlock()
			if robots != 1 || pages != 0 {
				t.Errorf("robots.txt read %d times and %d pages fetched by three workers, want once and none", robots, pages)
			}
			if _, fs := storeArticles(t, url); fs.Queued == 0 || fs.InFlight != 0 || fs.Done+fs.Failed+fs.Skipped != 0 {
				t.Errorf("frontier: %d queued, %d in flight, %d settled; want all queued (the seed, the sitemap probe)",
					fs.Queued, fs.InFlight, fs.Done+fs.Failed+fs.Skipped)
			}
			if out, want := mustRun(t, "stats", "--store", url), fmt.Sprintf("\n  %s: unavailable (%s: ", srv.URL, tc.kind); !strings.Contains(out, want) {
				t.Errorf("stats lacks %q:\n%s", want, out)
			}
		})
	}
}

// BenchmarkCrawlStore crawls the same loopback site (200 articles, no
// faults, or -crawlstore.articles) into a SQLite corpus and with one PostgreSQL-backed worker, in
// the same iteration, and reports both times and their ratio
// (sqlite/postgres: 1 is parity, the target is >= 0.7).
//
// It also reports, per page fetched, the statements the worker sent
// (pg_stat_statements, BEGIN and COMMIT left out) and its round trips to
// the server (the worker's last log line).
func BenchmarkCrawlStore(b *testing.B) {
	cluster := pgtest.Start(b)
	var sqliteT, pgT, sqliteCPU, pgCPU, serverCPU time.Duration
	var stmts, pages, trips, blocks, walBytes int64
	for i := 0; i < b.N; i++ {
		srv := scrapertest.NewServer(b, scrapertest.WithFaults(false), scrapertest.WithArticles(*benchStoreArticles))
		common := []string{"--delay", "0s", "--per-host", "4", "--parallel", "4", "--timeout", "5s", "-q", srv.URL + "/"}
		cpu := processCPU(b)
		start := time.Now()
		mustRun(b, append([]string{"crawl", "--no-index", "--db", filepath.Join(b.TempDir(), "a.db")}, common...)...)
		sqliteT += time.Since(start)
		sqliteCPU += processCPU(b) - cpu
		url := cluster.NewDatabase(b)
		server := clusterCPU(b, cluster)
		cpu = processCPU(b)
		start = time.Now()
		// Without -q: the worker's last log line gives its round trips.
		pgArgs := slices.DeleteFunc(append([]string{"crawl", "--store", url}, common...), func(a string) bool { return a == "-q" })
		code, _, errOut := runCLI(b, pgArgs...)
		pgT += time.Since(start)
		pgCPU += processCPU(b) - cpu
		// The backends of the worker's connections exit once it closes
		// them; the postmaster counts their time when it reaps them.
		time.Sleep(200 * time.Millisecond)
		serverCPU += clusterCPU(b, cluster) - server
		m := roundTripsRE.FindStringSubmatch(errOut)
		if code != 0 || m == nil {
			b.Fatalf("crawl --store: exit %d, no round_trips in its log\n%s", code, errOut)
		}
		n, _ := strconv.ParseInt(m[1], 10, 64)
		trips += n
		n, p, blks, wal := statementsPerPage(b, url)
		stmts, pages, blocks, walBytes = stmts+n, pages+p, blocks+blks, walBytes+wal
		// A deployment has one database: the earlier iterations' are
		// dropped, so that autovacuum analysing them does not land in
		// the next iteration's timed crawl (25-45 ms of server CPU seen).
		dropDatabase(b, cluster, url)
	}
	b.ReportMetric(float64(stmts)/float64(pages), "statements/page")
	b.ReportMetric(float64(trips)/float64(pages), "round-trips/page")
	// The server's work as counts that the machine's load does not move:
	// buffer accesses of the worker's statements, and the WAL the database
	// wrote (its schema, the crawl's rows and their index entries).
	b.ReportMetric(float64(blocks)/float64(pages), "blocks/page")
	b.ReportMetric(float64(walBytes)/float64(pages), "wal-bytes/page")
	b.ReportMetric(sqliteT.Seconds()/float64(b.N), "s/sqlite-crawl")
	b.ReportMetric(pgT.Seconds()/float64(b.N), "s/postgres-crawl")
	b.ReportMetric(sqliteT.Seconds()/pgT.Seconds(), "sqlite/postgres")
	// CPU per crawl: of this process (the crawl, the fake site) during each
	// crawl, and of the PostgreSQL cluster during the PostgreSQL crawl.
	b.ReportMetric(sqliteCPU.Seconds()/float64(b.N), "cpu-s/sqlite-crawl")
	b.ReportMetric(pgCPU.Seconds()/float64(b.N), "cpu-s/postgres-crawl")
	b.ReportMetric(serverCPU.Seconds()/float64(b.N), "cpu-s/postgres-server")
}

// dropDatabase drops the cluster's database at url.
func dropDatabase(b *testing.B, cluster *pgtest.Cluster, url string) {
	b.Helper()
	u, err := neturl.Parse(url)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, cluster.URL("postgres"))
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE "+pgx.Identifier{strings.TrimPrefix(u.Path, "/")}.Sanitize()+" WITH (FORCE)"); err != nil {
		b.Fatal(err)
	}
}

// processCPU returns the user and system time this process has used.
func processCPU(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// clusterCPU returns the processor time cluster has used.
func clusterCPU(b *testing.B, cluster *pgtest.Cluster) time.Duration {
	b.Helper()
	d, err := cluster.CPU()
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkCrawlWorkers crawls two loopback sites (two hosts, 200
// articles each) into a new PostgreSQL database with one `crawl --store`
// process, then with two started together (both given the seeds), in the
// same iteration, and reports both times: a worker leases a host at a
// time, so two workers can crawl the two sites at once.
func BenchmarkCrawlWorkers(b *testing.B) {
	cluster := pgtest.Start(b)
	var one, two time.Duration
	for i := 0; i < b.N; i++ {
		for _, workers := range []int{1, 2} {
			a := scrapertest.NewServer(b, scrapertest.WithFaults(false), scrapertest.WithArticles(200))
			c := scrapertest.NewServer(b, scrapertest.WithFaults(false), scrapertest.WithArticles(200), scrapertest.WithHost("127.0.0.2"))
			url := cluster.NewDatabase(b)
			args := []string{"crawl", "--store", url, "--delay", "0s", "--per-host", "4", "--parallel", "4", "--timeout", "5s", "-q"}
			start := time.Now()
			var wg sync.WaitGroup
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if out, err := archivistCmd(b, append(args, a.URL+"/", c.URL+"/")...).CombinedOutput(); err != nil {
						b.Errorf("worker: %v\n%s", err, out)
					}
				}()
			}
			wg.Wait()
			if workers == 1 {
				one += time.Since(start)
			} else {
				two += time.Since(start)
			}
		}
	}
	b.ReportMetric(one.Seconds()/float64(b.N), "s/1-worker")
	b.ReportMetric(two.Seconds()/float64(b.N), "s/2-workers")
}

// benchStoreArticles is the size of BenchmarkCrawlStore's site: 200 articles
// in the figures of docs/BENCHMARKS.md unless they say otherwise.
var benchStoreArticles = flag.Int("crawlstore.articles", 200, "articles of the site BenchmarkCrawlStore crawls")

var roundTripsRE = regexp.MustCompile(`round_trips=(\d+)`)

// statementsPerPage returns the statements run in the database at url
// (pg_stat_statements' calls), its captures, the shared buffers the
// statements accessed (hit or read) and the WAL bytes the database wrote.
// It reads them on a connection of its own, without opening the store
// (whose migration check would count), and leaves out the CREATE
// EXTENSION it runs to read them (about 2,800 blocks, 8 a page at 200
// articles, counted until the twelfth session): only the crawl's work.
func statementsPerPage(b *testing.B, url string) (stmts, pages, blocks, wal int64) {
	b.Helper()
	ctx := context.Background()
	s, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close(ctx)
	if _, err := s.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"); err != nil {
		b.Fatalf("pg_stat_statements: %v", err)
	}
	// BEGIN and COMMIT are left out: pg_stat_statements counts them when
	// sent alone, not within a pipelined batch.
	err = s.QueryRow(ctx, `SELECT COALESCE(SUM(calls), 0)::bigint FROM pg_stat_statements
		WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
		AND lower(query) NOT IN ('begin', 'commit', 'rollback') AND query NOT ILIKE 'CREATE EXTENSION%'`).Scan(&stmts)
	if err != nil {
		b.Fatal(err)
	}
	err = s.QueryRow(ctx, `SELECT COALESCE(SUM(shared_blks_hit + shared_blks_read), 0)::bigint,
		COALESCE(SUM(wal_bytes), 0)::bigint FROM pg_stat_statements
		WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
		AND query NOT ILIKE 'CREATE EXTENSION%' AND query NOT ILIKE '%FROM pg_stat_statements%'`).Scan(&blocks, &wal)
	if err != nil {
		b.Fatal(err)
	}
	if testing.Verbose() {
		rows, err := s.Query(ctx, `SELECT calls, left(regexp_replace(query, '\s+', ' ', 'g'), 110)||' rows='||rows||' exec_ms='||round(total_exec_time::numeric,1)||' plan_ms='||round(total_plan_time::numeric,1)||' blks='||(shared_blks_hit+shared_blks_read)||' wal='||wal_bytes FROM pg_stat_statements
			WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT 40`)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			var n int64
			var q string
			if err := rows.Scan(&n, &q); err != nil {
				b.Fatal(err)
			}
			b.Logf("%6d %s", n, q)
		}
		rows.Close()
	}
	if testing.Verbose() {
		var sessions int64
		if err := s.QueryRow(ctx, "SELECT sessions FROM pg_stat_database WHERE datname = current_database()").Scan(&sessions); err != nil {
			b.Fatal(err)
		}
		b.Logf("%d sessions (connections) so far, this one included", sessions)
	}
	if err := s.QueryRow(ctx, "SELECT COUNT(*) FROM captures").Scan(&pages); err != nil {
		b.Fatal(err)
	}
	return stmts, pages, blocks, wal
}
