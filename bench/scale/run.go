package main

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
)

// runOptions are the flags of `scale run`.
type runOptions struct {
	DB, Index, Bin, WorkDir string
	Runs, CLIRuns           int
	SkipIndex               bool
	Formats                 string
	// Kinds, when set, limits the searches to these kinds of query
	// (names of the table's rows, separated by semicolons: they hold commas).
	Kinds string
	// CPUProfile writes a CPU profile of the in-process searches.
	CPUProfile string
	// Timeout, when set, stops a search that runs longer (in process
	// or as a process): it counts as taking Timeout, and is reported.
	Timeout time.Duration
}

func (o *runOptions) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.DB, "db", "", "corpus `path` (made by scale gen)")
	fs.StringVar(&o.Index, "index", "", "index `folder` (default beside the corpus)")
	fs.StringVar(&o.Bin, "archivist", "", "archivist `binary` (default: built from this checkout)")
	fs.StringVar(&o.WorkDir, "work", "", "`folder` for the exports (default: beside the corpus)")
	fs.IntVar(&o.Runs, "runs", 100, "searches per kind of query, in process (took)")
	fs.IntVar(&o.CLIRuns, "cli-runs", 20, "searches per kind of query as whole archivist processes")
	fs.BoolVar(&o.SkipIndex, "skip-index", false, "keep the existing index (no build measurement)")
	fs.StringVar(&o.Formats, "formats", "jsonl,csv,parquet", "export `formats` to measure (\"\": none)")
	fs.StringVar(&o.Kinds, "kinds", "", "only these kinds of query, separated by semicolons (default all; e.g. \"word;phrase\")")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the in-process searches to `file`")
	fs.DurationVar(&o.Timeout, "timeout", 0, "stop a search after this `duration` and count it as taking that long (0: no limit)")
}

// wants reports whether the run measures queries of kind.
func (o *runOptions) wants(kind string) bool {
	return o.Kinds == "" || slices.Contains(strings.Split(o.Kinds, ";"), kind)
}

func (o *runOptions) indexPath() string {
	if o.Index != "" {
		return o.Index
	}
	return strings.TrimSuffix(o.DB, filepath.Ext(o.DB)) + ".bleve"
}

// benchQuery is one query of the latency table. Kinds group queries of
// the same shape; request and args give it to the index API and to the
// CLI. To measure a new kind, add a maker to queryKinds.
type benchQuery struct {
	Kind     string
	Query    string
	Site     string
	From, To string
	Facets   bool
	// Histogram, without Facets, asks for the histogram alone.
	Histogram string
}

func (q benchQuery) request() (index.Request, error) {
	r := index.Request{Query: q.Query, Site: q.Site, Limit: 10}
	if q.Facets { // every facet and the histogram by month, as search --facets --histogram month
		r.Facets, r.Histogram = index.FacetNames(), index.PeriodMonth
	} else if q.Histogram != "" {
		r.Histogram = q.Histogram
	}
	var err error
	if q.From != "" {
		if r.From, err = time.Parse("2006-01-02", q.From); err != nil {
			return r, err
		}
	}
	if q.To != "" {
		if r.To, err = time.Parse("2006-01-02", q.To); err != nil {
			return r, err
		}
	}
	return r, nil
}

func (q benchQuery) args() []string {
	a := []string{"search", "--json", "--limit", "10"}
	if q.Site != "" {
		a = append(a, "--site", q.Site)
	}
	if q.From != "" {
		a = append(a, "--from", q.From)
	}
	if q.To != "" {
		a = append(a, "--to", q.To)
	}
	if q.Facets {
		a = append(a, "--facets", "--histogram", "month")
	} else if q.Histogram != "" {
		a = append(a, "--histogram", q.Histogram)
	}
	return append(a, "--", q.Query)
}

// sample is what the query makers draw from: the corpus's vocabulary, a
// few real article texts, its biggest sites.
type sample struct {
	rng   *rand.Rand
	en    *language
	texts []string
	sites []string
}

func (s *sample) common() string { return s.en.word(len(s.en.common) + 20 + s.rng.IntN(300)) }
func (s *sample) rare() string   { return s.en.word(25000 + s.rng.IntN(30000)) }

// phrase is four consecutive words of a real article.
func (s *sample) phrase() string {
	w := strings.Fields(strings.NewReplacer(".", " ", "\n", " ").Replace(s.texts[s.rng.IntN(len(s.texts))]))
	i := s.rng.IntN(max(1, len(w)-4))
	return `"` + strings.Join(w[i:min(i+4, len(w))], " ") + `"`
}

func (s *sample) year() (string, string) {
	y := 2016 + s.rng.IntN(10)
	return fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-12-31", y)
}

// queryKinds make the queries of each kind, in table order.
var queryKinds = []struct {
	kind string
	make func(s *sample) benchQuery
}{
	{"word", func(s *sample) benchQuery { return benchQuery{Query: s.common()} }},
	{"rare word", func(s *sample) benchQuery { return benchQuery{Query: s.rare()} }},
	{"phrase", func(s *sample) benchQuery { return benchQuery{Query: s.phrase()} }},
	{"boolean", func(s *sample) benchQuery {
		return benchQuery{Query: "+" + s.common() + " +" + s.common() + " -" + s.common()}
	}},
	{"date-filtered", func(s *sample) benchQuery {
		from, to := s.year()
		return benchQuery{Query: s.common(), From: from, To: to}
	}},
	{"site-filtered", func(s *sample) benchQuery {
		return benchQuery{Query: s.common(), Site: s.sites[s.rng.IntN(len(s.sites))]}
	}},
	// The current index API answers facets and the monthly histogram
	// in one request; the search branch splits them (--facet, --histogram).
	{"facets+histogram, all articles", func(s *sample) benchQuery { return benchQuery{Query: "*", Facets: true} }},
	{"facets+histogram, word", func(s *sample) benchQuery { return benchQuery{Query: s.common(), Facets: true} }},
	// Kinds added after the first table, last so that the queries of the
	// kinds above stay the same.
	{"histogram by day, all articles", func(s *sample) benchQuery { return benchQuery{Query: "*", Histogram: "day"} }},
	{"facets+histogram, site and year, no query", func(s *sample) benchQuery {
		from, to := s.year()
		return benchQuery{Query: "*", Site: s.sites[s.rng.IntN(len(s.sites))], From: from, To: to, Facets: true}
	}},
	// Three of the 20 most common English words: in most English articles,
	// so that nearly all of them are a phrase's candidates (the forward
	// index checks each). Last, so that the other kinds draw the same
	// queries as before it was added.
	{"common phrase", func(s *sample) benchQuery {
		return benchQuery{Query: `"` + s.en.word(s.rng.IntN(20)) + " " + s.en.word(s.rng.IntN(20)) + " " + s.en.word(s.rng.IntN(20)) + `"`}
	}},
}

func runBench(ctx context.Context, o runOptions, log *slog.Logger) error {
	if o.Bin == "" {
		bin, err := buildArchivist(ctx)
		if err != nil {
			return err
		}
		o.Bin = bin
	}
	if o.WorkDir == "" {
		o.WorkDir = filepath.Dir(o.DB)
	}
	stats, err := corpusStats(ctx, o.DB)
	if err != nil {
		return err
	}
	fmt.Printf("corpus %s: %d articles, %.1f MB of text, %d sites; %s, %d cores, GOMAXPROCS %d\n\n",
		o.DB, stats.articles, float64(stats.textBytes)/1e6, len(stats.sites), runtime.Version(), runtime.NumCPU(), runtime.GOMAXPROCS(0))
	if !o.SkipIndex {
		if err := benchIndex(ctx, o, stats); err != nil {
			return err
		}
	}
	size, err := dirSize(o.indexPath())
	if err != nil {
		return err
	}
	fmt.Printf("index size: %.1f MB = %.2fx the text (%.1f MB)\n", float64(size)/1e6, float64(size)/float64(stats.textBytes),
		float64(stats.textBytes)/1e6)
	// The block bounds beside the segments (index/blockmax.go), counted
	// in the size above.
	if side, err := dirSize(filepath.Join(o.indexPath(), "blockmax")); err == nil {
		fmt.Printf("of which block bounds: %.1f MB = %.3fx the text\n", float64(side)/1e6, float64(side)/float64(stats.textBytes))
	}
	fmt.Println()
	newSample := func() *sample {
		return &sample{rng: rand.New(rand.NewPCG(7, 11)), en: &languages[0], texts: stats.texts,
			sites: stats.sites[:min(20, len(stats.sites))]}
	}
	log.Info("searching (processes)")
	results, err := benchSearchCLI(ctx, o, newSample())
	if err != nil {
		return err
	}
	if o.Formats != "" {
		log.Info("exporting")
		if err := benchExport(ctx, o); err != nil {
			return err
		}
	}
	log.Info("searching (in process)")
	if err := benchSearchInProcess(ctx, o, newSample(), results); err != nil {
		return err
	}
	printSearch(o, results)
	return nil
}

type corpusInfo struct {
	articles, textBytes int64
	sites               []string // most articles first
	texts               []string // a sample
}

func corpusStats(ctx context.Context, path string) (*corpusInfo, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var c corpusInfo
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(SUM(LENGTH(CAST(text AS BLOB))), 0) FROM articles").
		Scan(&c.articles, &c.textBytes); err != nil {
		return nil, fmt.Errorf("corpus stats: %w", err)
	}
	rows, err := db.QueryContext(ctx, "SELECT site FROM articles GROUP BY site ORDER BY COUNT(*) DESC")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		c.sites = append(c.sites, s)
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, "SELECT text FROM articles WHERE language = 'en' AND id % 97 = 0 LIMIT 500")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		c.texts = append(c.texts, s)
	}
	rows.Close()
	if len(c.texts) == 0 || len(c.sites) == 0 {
		return nil, fmt.Errorf("corpus %s has no English articles to draw queries from", path)
	}
	return &c, nil
}

// buildArchivist builds the archivist of the checkout this program was
// built from.
func buildArchivist(ctx context.Context) (string, error) {
	dir, err := os.MkdirTemp("", "scale-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "archivist")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/archivist")
	_, file, _, _ := runtime.Caller(0) // bench/scale/run.go in this checkout
	cmd.Dir = filepath.Join(filepath.Dir(file), "..", "..")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build archivist: %w", err)
	}
	return bin, nil
}

// lastCPU is the user+system CPU time of the last runArchivist.
var lastCPU time.Duration

// runArchivist runs the binary and returns its wall time, peak RSS and
// standard output.
func runArchivist(ctx context.Context, o runOptions, args ...string) (time.Duration, int64, []byte, error) {
	full := append([]string{"--db", o.DB, "--index", o.indexPath()}, args...)
	cmd := exec.CommandContext(ctx, o.Bin, full...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return 0, 0, nil, fmt.Errorf("archivist %s: %w: %s", strings.Join(args, " "), err, errb.String())
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss * 1024
	}
	lastCPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return wall, rss, out.Bytes(), nil
}

func benchIndex(ctx context.Context, o runOptions, c *corpusInfo) error {
	if err := os.RemoveAll(o.indexPath()); err != nil {
		return err
	}
	wall, rss, _, err := runArchivist(ctx, o, "index")
	if err != nil {
		return err
	}
	fmt.Printf("index build: %d articles in %s = %.0f articles/s, %.1f MB/s of text; CPU %s; peak RSS %.0f MB\n",
		c.articles, wall.Round(time.Millisecond), float64(c.articles)/wall.Seconds(),
		float64(c.textBytes)/1e6/wall.Seconds(), lastCPU.Round(time.Millisecond), float64(rss)/1e6)
	return nil
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			n += info.Size()
		}
		return err
	})
	return n, err
}

// percentiles returns p50, p95 and p99 of ds (nearest rank).
func percentiles(ds []time.Duration) [3]time.Duration {
	if len(ds) == 0 {
		return [3]time.Duration{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p float64) time.Duration {
		i := int(p*float64(len(s))+0.999999) - 1
		return s[min(max(i, 0), len(s)-1)]
	}
	return [3]time.Duration{at(0.50), at(0.95), at(0.99)}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/1e6) }

// kindResult is what one kind of query measured.
type kindResult struct {
	took, whole []time.Duration
	// cpu is the CPU time (user and system, the whole process's) of
	// the in-process searches: on a shared machine it varies less
	// than took.
	cpu    []time.Duration
	totals []int
	peak   int64
	// timeouts counts the searches stopped by --timeout, in process
	// and as processes.
	timeouts, cliTimeouts int
}

// benchSearch measures every kind of query as whole archivist processes,
// then (after export, see runBench) in process. The processes run first:
// a child's peak RSS as Linux reports it is at least the parent's when it
// was started, so the parent must not hold the index yet.
func benchSearchCLI(ctx context.Context, o runOptions, s *sample) (map[string]*kindResult, error) {
	results := map[string]*kindResult{}
	for _, k := range queryKinds {
		r := &kindResult{}
		results[k.kind] = r
		if !o.wants(k.kind) {
			continue
		}
		for range o.CLIRuns {
			q := k.make(s)
			sctx, cancel := withTimeout(ctx, o.Timeout)
			wall, rss, _, err := runArchivist(sctx, o, q.args()...)
			cancel()
			if err != nil && sctx.Err() != nil && ctx.Err() == nil {
				wall, err = o.Timeout, nil
				r.cliTimeouts++
			}
			if err != nil {
				return nil, err
			}
			r.whole = append(r.whole, wall)
			r.peak = max(r.peak, rss)
		}
	}
	return results, nil
}

func benchSearchInProcess(ctx context.Context, o runOptions, s *sample, results map[string]*kindResult) error {
	ix, err := index.OpenReadOnly(o.indexPath())
	if err != nil {
		return err
	}
	defer ix.Close()
	db, err := corpus.OpenReadOnly(ctx, o.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	ix.ReadTextsFrom(db) // snippets, as archivist search builds them
	if o.CPUProfile != "" {
		f, err := os.Create(o.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for _, k := range queryKinds {
		r := results[k.kind]
		if !o.wants(k.kind) {
			continue
		}
		for i := range o.Runs + 1 {
			q := k.make(s)
			req, err := q.request()
			if err != nil {
				return err
			}
			cpu0 := processCPU()
			sctx, cancel := withTimeout(ctx, o.Timeout)
			res, err := ix.Search(sctx, req)
			cancel()
			if err != nil && sctx.Err() != nil && ctx.Err() == nil {
				// Stopped by --timeout: counted as that long.
				res, err = &index.Result{Took: o.Timeout}, nil
				if i > 0 {
					r.timeouts++
				}
			}
			if err != nil {
				return fmt.Errorf("%s %q: %w", k.kind, q.Query, err)
			}
			if i > 0 { // the first is the warm-up
				r.cpu = append(r.cpu, processCPU()-cpu0)
				r.took = append(r.took, res.Took)
				r.totals = append(r.totals, int(res.Total))
			}
		}
	}
	return nil
}

// withTimeout returns ctx with timeout d, or ctx itself when d is 0.
func withTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, d)
}

// processCPU returns the user and system CPU time of this process so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// mean returns the mean of ds.
func mean(ds []time.Duration) time.Duration {
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return sum / time.Duration(max(len(ds), 1))
}

func printSearch(o runOptions, results map[string]*kindResult) {
	fmt.Printf("search latency, ms: took = the search in process (index API, %d queries per kind, after one warm-up each);\n"+
		"CPU = the in-process search's CPU time (user+system, mean; all of the process's threads);\n"+
		"process = `archivist search --json` as a whole process, start-up included (%d per kind)\n\n", o.Runs, o.CLIRuns)
	fmt.Println("| query | hits (median) | took p50 | p95 | p99 | CPU | process p50 | p95 | p99 | process peak RSS MB |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|")
	for _, k := range queryKinds {
		r := results[k.kind]
		if len(r.took) == 0 {
			continue
		}
		slices.Sort(r.totals)
		t, w := percentiles(r.took), percentiles(r.whole)
		fmt.Printf("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %.0f |\n", k.kind, r.totals[len(r.totals)/2],
			ms(t[0]), ms(t[1]), ms(t[2]), ms(mean(r.cpu)), ms(w[0]), ms(w[1]), ms(w[2]), float64(r.peak)/1e6)
	}
	fmt.Println()
	for _, k := range queryKinds {
		if r := results[k.kind]; r.timeouts+r.cliTimeouts > 0 {
			fmt.Printf("%s: %d of %d in process and %d of %d processes stopped at --timeout %s (counted as that long)\n",
				k.kind, r.timeouts, len(r.took), r.cliTimeouts, len(r.whole), o.Timeout)
		}
	}
}

// benchExport exports the whole corpus in each format. Rates are given
// against the file written and against the article data (the size of
// the JSONL export, the same for every format), by wall time and by the
// CPU time of the process (the machine may be shared).
func benchExport(ctx context.Context, o runOptions) error {
	fmt.Println("| export | articles | file MB | wall s | CPU s | file MB/s | data MB/s (wall) | data MB/s (CPU) | peak RSS MB | verify-export |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|")
	var dataBytes float64
	for _, f := range strings.Split(o.Formats, ",") {
		if f == "" {
			continue
		}
		out := filepath.Join(o.WorkDir, "scale-export."+f)
		wall, rss, _, err := runArchivist(ctx, o, "export", "--format", f, "--out", out)
		if err != nil {
			return err
		}
		cpu := lastCPU
		st, err := os.Stat(out)
		if err != nil {
			return err
		}
		if f == "jsonl" || dataBytes == 0 {
			dataBytes = float64(st.Size())
		}
		m, err := corpus.ReadManifest(corpus.ManifestPath(out))
		if err != nil {
			return err
		}
		verify := "ok"
		if _, _, _, err := runArchivist(ctx, o, "verify-export", out); err != nil {
			verify = "FAILED: " + err.Error()
		}
		fmt.Printf("| %s | %d | %.1f | %.2f | %.2f | %.1f | %.1f | %.1f | %.0f | %s |\n", f, m.Articles, float64(st.Size())/1e6,
			wall.Seconds(), cpu.Seconds(), float64(st.Size())/1e6/wall.Seconds(), dataBytes/1e6/wall.Seconds(),
			dataBytes/1e6/cpu.Seconds(), float64(rss)/1e6, verify)
		os.Remove(out)
		os.Remove(corpus.ManifestPath(out))
	}
	return nil
}
