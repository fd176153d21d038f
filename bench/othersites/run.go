package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// options are the command-line settings.
type options struct {
	TrafilaturaDir string   // go-trafilatura module dir; "" finds it in the module cache
	HtmldateDir    string   // go-htmldate module dir; "" finds it in the module cache
	BenchData      string   // shared/extraction-bench, whose hosts are excluded; "" finds it
	KeepBenchSites bool     // do not exclude the benchmark's hosts
	Passes         int      // passes; scores come from the first, speed is the median
	Only           []string // extractor names; empty runs all
	Details        string   // directory for per-page JSONL files
	Losses         int      // pages listed per score where archivist loses
	JSON           bool     // print JSON instead of Markdown
	Show           []string // file names whose outputs are printed instead of scores
}

// parseFlags parses the command line.
func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	var only, show string
	fs := flag.NewFlagSet("othersites", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.TrafilaturaDir, "trafilatura-dir", "", "go-trafilatura v1.12.2 source `dir` (default: from the module cache)")
	fs.StringVar(&o.HtmldateDir, "htmldate-dir", "", "go-htmldate v1.9.1 source `dir` (default: from the module cache)")
	fs.StringVar(&o.BenchData, "bench-data", "", "extraction benchmark `dir` whose sites are left out (default ../../shared/extraction-bench or ../../../shared/extraction-bench)")
	fs.BoolVar(&o.KeepBenchSites, "keep-bench-sites", false, "keep pages whose host is also in the extraction benchmark")
	fs.IntVar(&o.Passes, "passes", 1, "passes over all pages; scores come from the first, pages/s is the median")
	fs.StringVar(&only, "only", "", "run only these extractors (`names`, comma-separated): archivist, go-trafilatura, readeck, go-htmldate")
	fs.StringVar(&o.Details, "details", "", "write per-page results to `dir`/<extractor>.jsonl")
	fs.IntVar(&o.Losses, "losses", 0, "after the tables, list up to `n` pages per score where archivist is wrong and another extractor right")
	fs.BoolVar(&o.JSON, "json", false, "print JSON instead of Markdown")
	fs.StringVar(&show, "show", "", "print every extractor's output and the truth for these page `files` (comma-separated) instead of scoring")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("parse flags: unexpected argument %q", fs.Arg(0))
	}
	if o.Passes < 1 {
		return o, fmt.Errorf("parse flags: -passes must be at least 1, got %d", o.Passes)
	}
	o.Only, o.Show = splitList(only), splitList(show)
	return o, nil
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var l []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			l = append(l, n)
		}
	}
	return l
}

// selectExtractors keeps the extractors named in only, in their usual
// order; an empty only keeps all. An unknown name is an error.
func selectExtractors(all []extractor, only []string) ([]extractor, error) {
	if len(only) == 0 {
		return all, nil
	}
	want := make(map[string]bool)
	for _, n := range only {
		want[n] = true
	}
	var xs []extractor
	for _, x := range all {
		if want[x.Name] {
			xs = append(xs, x)
			delete(want, x.Name)
		}
	}
	for n := range want {
		return nil, fmt.Errorf("select extractors: unknown extractor %q", n)
	}
	return xs, nil
}

// dataset is the pages of both sets after exclusions.
type dataset struct {
	Pages    []*page
	Loaded   map[string]int // pages read per set
	Missing  map[string]int // entries whose file is absent, per set
	Excluded map[string]int // pages left out because their host is in the benchmark, per set
	Sources  map[string]string
}

// loadDataset reads both sets and leaves out the benchmark's hosts.
func loadDataset(o options, stderr io.Writer) (*dataset, error) {
	ds := &dataset{Loaded: map[string]int{}, Missing: map[string]int{}, Excluded: map[string]int{}, Sources: map[string]string{}}
	tdir, hdir := o.TrafilaturaDir, o.HtmldateDir
	var err error
	if tdir == "" {
		if tdir, err = moduleDir(trafilaturaModule); err != nil {
			return nil, err
		}
	}
	if hdir == "" {
		if hdir, err = moduleDir(htmldateModule); err != nil {
			return nil, err
		}
	}
	tp, tm, err := loadTrafilaturaSet(tdir)
	if err != nil {
		return nil, err
	}
	hp, hm, err := loadHtmldateSet(hdir)
	if err != nil {
		return nil, err
	}
	ds.Sources[setTrafilatura], ds.Sources[setHtmldate] = tdir, hdir
	ds.Missing[setTrafilatura], ds.Missing[setHtmldate] = tm, hm
	var hosts map[string]bool
	if !o.KeepBenchSites {
		dir, err := findBenchData(o.BenchData)
		if err != nil {
			return nil, err
		}
		if hosts, err = benchHosts(dir); err != nil {
			return nil, err
		}
	}
	for _, p := range append(tp, hp...) {
		ds.Loaded[p.Set]++
		if hosts[siteHost(p.URL)] {
			ds.Excluded[p.Set]++
			continue
		}
		ds.Pages = append(ds.Pages, p)
	}
	fmt.Fprintf(stderr, "othersites: %d pages (trafilatura set %d, htmldate set %d; %d and %d left out as benchmark sites)\n",
		len(ds.Pages), ds.Loaded[setTrafilatura]-ds.Excluded[setTrafilatura], ds.Loaded[setHtmldate]-ds.Excluded[setHtmldate],
		ds.Excluded[setTrafilatura], ds.Excluded[setHtmldate])
	return ds, nil
}

// findBenchData returns dir, or the first of the usual places that holds
// the benchmark's ground-truth.json.
func findBenchData(dir string) (string, error) {
	cands := []string{dir}
	if dir == "" {
		cands = []string{"../../shared/extraction-bench", "../../../shared/extraction-bench", "../shared/extraction-bench"}
	}
	for _, c := range cands {
		if _, err := os.Stat(filepath.Join(c, "ground-truth.json")); err == nil {
			return c, nil
		}
	}
	return "", fmt.Errorf("find bench data: no ground-truth.json in %s (use -bench-data or -keep-bench-sites)", strings.Join(cands, ", "))
}

// pageResult is one extractor's output on one page and its scores.
type pageResult struct {
	Set      string        `json:"set"`
	File     string        `json:"file"`
	URL      string        `json:"url"`
	Err      string        `json:"error,omitempty"`
	Duration time.Duration `json:"duration_ns"`

	Body     *counts  `json:"body,omitempty"`
	Missed   []string `json:"missed,omitempty"`   // "with" snippets not found
	Unwanted []string `json:"unwanted,omitempty"` // "without" snippets found
	TextLen  int      `json:"text_len"`
	Text     string   `json:"text,omitempty"`  // body text (trafilatura set only)
	Flags    []string `json:"flags,omitempty"` // quality flags, where the extractor has them

	WantDate string `json:"want_date,omitempty"`
	GotDate  string `json:"got_date,omitempty"`
	DateOK   *bool  `json:"date_ok,omitempty"`

	WantAuthors []string `json:"want_authors,omitempty"`
	GotAuthor   string   `json:"got_author,omitempty"`
	AuthorOK    *bool    `json:"author_ok,omitempty"`
	Names       *counts  `json:"names,omitempty"`

	WantTitle string `json:"want_title,omitempty"`
	GotTitle  string `json:"got_title,omitempty"`
	TitleOK   *bool  `json:"title_ok,omitempty"`
}

// summary is one extractor's scores over all pages.
type summary struct {
	Name   string `json:"name"`
	Caps   int    `json:"-"`
	Errors int    `json:"errors"`
	Pages  int    `json:"pages"`

	Body      counts  `json:"body"`       // trafilatura set, snippet rule
	BodyPages int     `json:"body_pages"` // pages with snippets
	Body0     metrics `json:"body_metrics"`
	// BodyKept is Body with the pages flagged not_article counted as
	// empty, as the corpus keeps them (they do not become articles);
	// NotArticle counts those pages. Both stay zero for extractors
	// without flags.
	// BodyDated is Body over the pages whose truth has a date: articles
	// and posts rather than shop, home or about pages.
	BodyDated      counts  `json:"body_dated"`
	BodyDatedM     metrics `json:"body_dated_metrics"`
	BodyDatedPages int     `json:"body_dated_pages"`
	BodyKept       counts  `json:"body_kept"`
	BodyKeptM      metrics `json:"body_kept_metrics"`
	NotArticle     int     `json:"not_article_pages"`

	DateH     counts  `json:"date_htmldate"` // htmldate set
	DateHM    metrics `json:"date_htmldate_metrics"`
	DateT     counts  `json:"date_trafilatura"` // trafilatura set, entries with a date
	DateTM    metrics `json:"date_trafilatura_metrics"`
	AuthPages int     `json:"author_pages"`
	AuthExact int     `json:"author_exact"`
	AuthSet   int     `json:"author_same_names"` // pages whose name sets are equal
	Names     counts  `json:"author_names"`
	NamesM    metrics `json:"author_names_metrics"`
	TitPages  int     `json:"title_pages"`
	TitExact  int     `json:"title_exact"`
	TitLen    int     `json:"title_lenient"`

	// Speed: median over passes of pages per second, by wall time and by
	// the process's CPU time.
	PagesPerSec    float64       `json:"pages_per_sec"`
	PagesPerCPUSec float64       `json:"pages_per_cpu_sec"`
	Slowest        time.Duration `json:"slowest_ns"`
	SlowestFile    string        `json:"slowest_file"`

	results []pageResult
}

// report is the whole output.
type report struct {
	Started    time.Time         `json:"started"`
	GoVersion  string            `json:"go_version"`
	GOMAXPROCS int               `json:"gomaxprocs"`
	Passes     int               `json:"passes"`
	Sources    map[string]string `json:"sources"`
	Loaded     map[string]int    `json:"loaded"`
	Missing    map[string]int    `json:"missing"`
	Excluded   map[string]int    `json:"excluded"`
	Pages      map[string]int    `json:"pages"`
	Results    []*summary        `json:"results"`
	// Halves are the same scores on the two halves of the pages split by
	// the parity of the file name's CRC-32 (see halfOf).
	Halves map[string][]*summary `json:"halves"`
}

// run loads the data, runs the extractors on one core and prints the
// report.
func run(ctx context.Context, o options, all []extractor, stdout, stderr io.Writer) error {
	xs, err := selectExtractors(all, o.Only)
	if err != nil {
		return err
	}
	ds, err := loadDataset(o, stderr)
	if err != nil {
		return err
	}
	if len(o.Show) > 0 {
		return showPages(o.Show, ds.Pages, xs, stdout)
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)

	rep := &report{
		Started: time.Now().UTC(), GoVersion: runtime.Version(), GOMAXPROCS: runtime.GOMAXPROCS(0), Passes: o.Passes,
		Sources: ds.Sources, Loaded: ds.Loaded, Missing: ds.Missing, Excluded: ds.Excluded, Pages: map[string]int{},
	}
	for _, p := range ds.Pages {
		rep.Pages[p.Set]++
	}
	sums, firsts, err := runPasses(ctx, o.Passes, xs, ds.Pages, stderr)
	if err != nil {
		return err
	}
	rep.Results = sums
	rep.Halves = halfSummaries(xs, ds.Pages, firsts)
	if o.Details != "" {
		if err := writeDetails(o.Details, rep.Results); err != nil {
			return err
		}
	}
	return writeReport(stdout, rep, o)
}

// runPasses runs each extractor on every page passes times, in a rotating
// order, and returns each one's summary (scores of the first pass, the
// fastest time of each page, the median rates) and first-pass outcomes.
func runPasses(ctx context.Context, passes int, xs []extractor, pages []*page, stderr io.Writer) ([]*summary, [][]outcome, error) {
	sums := make([]*summary, len(xs))
	firsts := make([][]outcome, len(xs))
	walls := make([][]float64, len(xs))
	cpus := make([][]float64, len(xs))
	for pass := range passes {
		for k := range xs {
			i := (k + pass) % len(xs)
			x := xs[i]
			fmt.Fprintf(stderr, "othersites: pass %d/%d: %s on %d pages\n", pass+1, passes, x.Name, len(pages))
			runtime.GC()
			res, wall, cpu, err := runPass(ctx, x, pages)
			if err != nil {
				return nil, nil, err
			}
			walls[i] = append(walls[i], float64(len(pages))/wall.Seconds())
			if cpu > 0 {
				cpus[i] = append(cpus[i], float64(len(pages))/cpu.Seconds())
			}
			if pass == 0 {
				sums[i], firsts[i] = summarize(x, pages, res), res
			} else {
				for j := range res {
					sums[i].results[j].Duration = min(sums[i].results[j].Duration, res[j].d)
				}
			}
		}
	}
	for i, s := range sums {
		s.PagesPerSec, s.PagesPerCPUSec = median(walls[i]), median(cpus[i])
		for _, r := range s.results {
			if r.Duration > s.Slowest {
				s.Slowest, s.SlowestFile = r.Duration, r.File
			}
		}
	}
	return sums, firsts, nil
}

// halfSummaries scores each extractor's first-pass outcomes on each half
// of the pages (halfOf).
func halfSummaries(xs []extractor, all []*page, firsts [][]outcome) map[string][]*summary {
	halves := map[string][]*summary{}
	for _, half := range []string{halfDev, halfHeldOut} {
		var idx []int
		for j, p := range all {
			if halfOf(p.File) == half {
				idx = append(idx, j)
			}
		}
		for i, x := range xs {
			pages, outs := make([]*page, len(idx)), make([]outcome, len(idx))
			for k, j := range idx {
				pages[k], outs[k] = all[j], firsts[i][j]
			}
			halves[half] = append(halves[half], summarize(x, pages, outs))
		}
	}
	return halves
}

// writeReport prints rep as JSON, or as Markdown with the worst losses
// when o asks for them.
func writeReport(stdout io.Writer, rep *report, o options) error {
	if o.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		return nil
	}
	if err := writeMarkdown(stdout, rep); err != nil {
		return err
	}
	if o.Losses > 0 {
		return writeLosses(stdout, rep.Results, o.Losses)
	}
	return nil
}

// runPass runs x on every page and returns its outputs, the pass's wall
// time and the process's CPU time over it.
func runPass(ctx context.Context, x extractor, pages []*page) ([]outcome, time.Duration, time.Duration, error) {
	out := make([]outcome, len(pages))
	cpu0 := cpuTime()
	start := time.Now()
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return nil, 0, 0, fmt.Errorf("run %s: %w", x.Name, err)
		}
		t0 := time.Now()
		r, err := safeExtract(x, p)
		out[i] = outcome{r: r, err: err, d: time.Since(t0)}
	}
	wall := time.Since(start)
	var cpu time.Duration
	if cpu0 >= 0 {
		cpu = cpuTime() - cpu0
	}
	return out, wall, cpu, nil
}

// outcome is one call's result.
type outcome struct {
	r   result
	err error
	d   time.Duration
}

// safeExtract calls x.Extract and turns a panic into an error, so that one
// page cannot end the run.
func safeExtract(x extractor, p *page) (r result, err error) {
	defer func() {
		if v := recover(); v != nil {
			r, err = result{}, fmt.Errorf("%s: panic: %v", x.Name, v)
		}
	}()
	return x.Extract(p.HTML, p.URL)
}

// cpuTime returns the process's user + system CPU time, or -1 when
// getrusage fails.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// The two halves of the pages. Since scraper/extract commit 6d7800d
// the extractor's developer looks at the dev half only, so the held-out
// half is the fair measure of changes made since.
const (
	halfDev     = "dev"
	halfHeldOut = "held-out"
)

// halfOf returns the half a page belongs to: dev when the CRC-32 (IEEE)
// of its file's base name is even, held-out when odd, the split of
// scraper/extract/internal/halves.
func halfOf(file string) string {
	if crc32.ChecksumIEEE([]byte(filepath.Base(file)))%2 == 0 {
		return halfDev
	}
	return halfHeldOut
}

// summarize scores one extractor's outcomes. An error counts as an empty
// result, as upstream's scripts count it.
func summarize(x extractor, pages []*page, out []outcome) *summary {
	s := &summary{Name: x.Name, Caps: x.Caps, Pages: len(pages)}
	for i, p := range pages {
		o := out[i]
		pr := pageResult{Set: p.Set, File: p.File, URL: p.URL, Duration: o.d, TextLen: len(o.r.Text), Flags: o.r.Flags}
		if o.err != nil {
			s.Errors++
			pr.Err = o.err.Error()
		}
		r := o.r
		if x.Caps&capBody != 0 && p.Set == setTrafilatura && len(p.With)+len(p.Without) > 0 {
			c, missed, unwanted := bodyEval(p.With, p.Without, r.Text)
			s.Body.add(c)
			s.BodyPages++
			if p.HasDate {
				s.BodyDated.add(c)
				s.BodyDatedPages++
			}
			if slices.Contains(r.Flags, corpus.FlagNotArticle) {
				s.NotArticle++
				kept, _, _ := bodyEval(p.With, p.Without, "")
				s.BodyKept.add(kept)
			} else {
				s.BodyKept.add(c)
			}
			pr.Body, pr.Missed, pr.Unwanted, pr.Text = &c, missed, unwanted, r.Text
		}
		if x.Caps&capDate != 0 && p.HasDate {
			got := dayOf(r.Published)
			c := dateEval(p.Date, got)
			if p.Set == setHtmldate {
				s.DateH.add(c)
			} else {
				s.DateT.add(c)
			}
			ok := c.TP+c.TN == 1
			pr.WantDate, pr.GotDate, pr.DateOK = p.Date, got, &ok
		}
		if x.Caps&capAuthor != 0 && len(p.Authors) > 0 {
			s.AuthPages++
			ok := authorsExact(p.Authors, r.Author)
			if ok {
				s.AuthExact++
			}
			nc := nameCounts(p.Authors, r.Author)
			if nc.FN == 0 && nc.FP == 0 {
				s.AuthSet++
			}
			s.Names.add(nc)
			pr.WantAuthors, pr.GotAuthor, pr.AuthorOK, pr.Names = p.Authors, r.Author, &ok, &nc
		}
		if x.Caps&capTitle != 0 && p.Title != "" {
			s.TitPages++
			ok := titleExact(p.Title, r.Title)
			if ok {
				s.TitExact++
			}
			if titleLenient(p.Title, r.Title) {
				s.TitLen++
			}
			pr.WantTitle, pr.GotTitle, pr.TitleOK = p.Title, r.Title, &ok
		}
		s.results = append(s.results, pr)
	}
	s.BodyKeptM, s.BodyDatedM = s.BodyKept.metrics(), s.BodyDated.metrics()
	s.Body0, s.DateHM, s.DateTM, s.NamesM = s.Body.metrics(), s.DateH.metrics(), s.DateT.metrics(), s.Names.metrics()
	return s
}

// writeDetails writes each extractor's per-page results to
// dir/<name>.jsonl.
func writeDetails(dir string, sums []*summary) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write details: %w", err)
	}
	for _, s := range sums {
		path := filepath.Join(dir, s.Name+".jsonl")
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("write details: %w", err)
		}
		enc := json.NewEncoder(f)
		enc.SetEscapeHTML(false)
		for _, r := range s.results {
			if err := enc.Encode(r); err != nil {
				f.Close()
				return fmt.Errorf("write details: %s: %w", path, err)
			}
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("write details: %w", err)
		}
	}
	return nil
}

// showPages prints, for each page whose file name is in files, the
// ground truth and every extractor's output, for reading failures.
func showPages(files []string, pages []*page, xs []extractor, w io.Writer) error {
	want := make(map[string]bool)
	for _, f := range files {
		want[f] = true
	}
	var b strings.Builder
	found := 0
	for _, p := range pages {
		if !want[p.File] {
			continue
		}
		found++
		fmt.Fprintf(&b, "=== %s (%s set) %s\n", p.File, p.Set, p.URL)
		fmt.Fprintf(&b, "truth: title %q; date %q; authors %q\n  with %q\n  without %q\n", p.Title, p.Date, p.Authors, p.With, p.Without)
		for _, x := range xs {
			r, err := safeExtract(x, p)
			fmt.Fprintf(&b, "--- %s: title %q; date %q; author %q; flags %q; error %v\n", x.Name, r.Title, dayOf(r.Published), r.Author, r.Flags, err)
			if x.Caps&capBody != 0 {
				_, missed, unwanted := bodyEval(p.With, p.Without, r.Text)
				fmt.Fprintf(&b, "missed %q; unwanted %q\n%s\n", missed, unwanted, r.Text)
			}
		}
	}
	if found == 0 {
		return fmt.Errorf("show: no page with file %s", strings.Join(files, ", "))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("show: %w", err)
	}
	return nil
}
