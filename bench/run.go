package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

// benchOptions are the command-line settings.
type benchOptions struct {
	Data    string   // data directory; "" finds it beside the repository
	Passes  int      // timed passes after the warm-up
	Only    []string // extractor names to run; empty runs all
	Verbose bool     // per-page scores, worst first
	Dump    string   // directory to write every extracted text into
	JSON    bool     // machine-readable output
}

// parseFlags parses the command line into benchOptions.
func parseFlags(args []string, stderr io.Writer) (benchOptions, error) {
	var o benchOptions
	var only string
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.Data, "data", "", "benchmark data `dir` (default ../../shared/extraction-bench or ../shared/extraction-bench)")
	fs.IntVar(&o.Passes, "passes", 3, "timed passes after one warm-up pass; pages/s is their median")
	fs.StringVar(&only, "only", "", "run only these extractors (`names`, comma-separated): archivist, go-trafilatura, readeck, whole-page")
	fs.BoolVar(&o.Verbose, "v", false, "print per-page scores, worst first")
	fs.StringVar(&o.Dump, "dump", "", "write each extractor's text per page to `dir`/<extractor>/<id>.txt (and the truth to dir/truth)")
	fs.BoolVar(&o.JSON, "json", false, "print JSON instead of Markdown")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("parse flags: unexpected argument %q", fs.Arg(0))
	}
	if o.Passes < 1 {
		return o, fmt.Errorf("parse flags: -passes must be at least 1, got %d", o.Passes)
	}
	for _, n := range strings.Split(only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			o.Only = append(o.Only, n)
		}
	}
	return o, nil
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
	if len(want) > 0 {
		var names, missing []string
		for _, x := range all {
			names = append(names, x.Name)
		}
		for n := range want {
			missing = append(missing, n)
		}
		sort.Strings(missing)
		return nil, fmt.Errorf("select extractors: unknown %s (have %s)", strings.Join(missing, ", "), strings.Join(names, ", "))
	}
	return xs, nil
}

// report is the whole output of a run.
type report struct {
	Data       string            `json:"data"`
	Pages      int               `json:"pages"`
	GOMAXPROCS int               `json:"gomaxprocs"`
	Passes     int               `json:"passes"`
	GoVersion  string            `json:"go_version"`
	Started    time.Time         `json:"started"`
	Results    []extractorResult `json:"results"`
	// Ratios are archivist's median pages/s divided by the others'.
	Ratios map[string]float64 `json:"archivist_speed_ratio,omitempty"`
}

// runBench loads the pages, measures each selected extractor on one core
// and writes the report to stdout. Progress goes to stderr. Each extractor
// first has its own untimed warm-up pass (scores, memory), then the timed
// passes take turns.
func runBench(ctx context.Context, o benchOptions, all []extractor, stdout, stderr io.Writer) error {
	xs, err := selectExtractors(all, o.Only)
	if err != nil {
		return err
	}
	dir, err := findDataDir(o.Data)
	if err != nil {
		return err
	}
	pages, err := loadPages(dir)
	if err != nil {
		return err
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)

	rep := report{
		Data: dir, Pages: len(pages), GOMAXPROCS: runtime.GOMAXPROCS(0), Passes: o.Passes,
		GoVersion: runtime.Version(), Started: time.Now().UTC(),
	}
	for _, x := range xs {
		fmt.Fprintf(stderr, "bench: %s: warm-up pass over %d pages, GOMAXPROCS=1\n", x.Name, len(pages))
		r, err := warmUp(ctx, x, pages)
		if err != nil {
			return err
		}
		if o.Dump != "" {
			if err := dumpTexts(o.Dump, x.Name, r.Pages); err != nil {
				return err
			}
		}
		rep.Results = append(rep.Results, r)
	}
	if o.Dump != "" {
		if err := dumpTruth(o.Dump, pages); err != nil {
			return err
		}
	}
	// Timed passes take turns, the first extractor rotating each pass, so
	// that a burst of load from other processes spreads over all of them
	// rather than falling on one.
	timings := make([][]passTiming, len(xs))
	for pass := range o.Passes {
		fmt.Fprintf(stderr, "bench: timed pass %d of %d\n", pass+1, o.Passes)
		for k := range xs {
			i := (k + pass) % len(xs)
			t, err := timePass(ctx, xs[i], pages)
			if err != nil {
				return err
			}
			timings[i] = append(timings[i], t)
		}
	}
	for i := range rep.Results {
		addTimings(&rep.Results[i], timings[i])
	}
	rep.Ratios = speedRatios(rep.Results)

	if o.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		return nil
	}
	if o.Verbose {
		for _, r := range rep.Results {
			writePages(stdout, r)
		}
	}
	writeMarkdown(stdout, rep)
	return nil
}

// speedRatios divides archivist's pages/s by each other real extractor's,
// wall time and CPU time (keys "NAME" and "NAME cpu").
func speedRatios(rs []extractorResult) map[string]float64 {
	var a *extractorResult
	for i := range rs {
		if rs[i].Name == "archivist" {
			a = &rs[i]
		}
	}
	if a == nil {
		return nil
	}
	m := make(map[string]float64)
	for _, r := range rs {
		if r.Name == a.Name || r.Name == "whole-page" || r.PagesPerSec == 0 {
			continue
		}
		m[r.Name] = a.PagesPerSec / r.PagesPerSec
		if r.PagesPerCPUSec > 0 {
			m[r.Name+" cpu"] = a.PagesPerCPUSec / r.PagesPerCPUSec
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

func dumpTexts(dir, name string, prs []pageResult) error {
	d := filepath.Join(dir, name)
	if err := os.MkdirAll(d, 0o755); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	for _, pr := range prs {
		if err := os.WriteFile(filepath.Join(d, pr.ID+".txt"), []byte(pr.Text), 0o644); err != nil {
			return fmt.Errorf("dump: %w", err)
		}
	}
	return nil
}

func dumpTruth(dir string, pages []page) error {
	d := filepath.Join(dir, "truth")
	if err := os.MkdirAll(d, 0o755); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	for _, p := range pages {
		if err := os.WriteFile(filepath.Join(d, p.ID+".txt"), []byte(p.Truth), 0o644); err != nil {
			return fmt.Errorf("dump: %w", err)
		}
	}
	return nil
}

// writePages prints one extractor's pages, worst page F1 first.
func writePages(w io.Writer, r extractorResult) {
	prs := append([]pageResult(nil), r.Pages...)
	sort.SliceStable(prs, func(i, j int) bool {
		fi, fj := prs[i].Score.F1(), prs[j].Score.F1()
		if fi != fj {
			return fi < fj
		}
		return prs[i].ID < prs[j].ID
	})
	fmt.Fprintf(w, "## %s: pages, worst first\n\n", r.Name)
	fmt.Fprintln(w, "| id | P | R | pred tokens | true tokens | exact | ms | url |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, pr := range prs {
		exact := ""
		if pr.Score.Exact {
			exact = "yes"
		}
		u := pr.URL
		if pr.Error != "" {
			u += " (error: " + pr.Error + ")"
		}
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %d | %d | %s | %.1f | %s |\n",
			shortID(pr.ID), pr.Score.Precision, pr.Score.Recall, pr.Score.PredTokens, pr.Score.TrueTokens, exact, pr.Ms, u)
	}
	fmt.Fprintln(w)
}

// shortID keeps ids readable; 12 hex digits are unique among the pages.
func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }

func signedMiB(a, b uint64) float64 { return mib(a) - mib(b) }

// writeMarkdown prints the summary table and notes.
func writeMarkdown(w io.Writer, rep report) {
	fmt.Fprintf(w, "%d pages from %s; GOMAXPROCS=%d (set by the program); %s; 1 warm-up + %d timed passes taking turns; pages/s is the median pass, by wall time and by process CPU time.\n\n",
		rep.Pages, rep.Data, rep.GOMAXPROCS, rep.GoVersion, rep.Passes)
	fmt.Fprintln(w, "| extractor | F1 | precision | recall | accuracy | pages/s (1 core) | pages/CPU-s | slowest page ms | alloc MiB/page (max) | heap peak MiB (growth) | RSS peak MiB (growth) |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|")
	for _, r := range rep.Results {
		m := r.Memory
		rss := fmt.Sprintf("%.0f (%+.0f)", mib(m.RSSPeak), signedMiB(m.RSSPeak, m.RSSBase))
		if !m.RSSPeakReset {
			rss = fmt.Sprintf("%.0f cumulative", mib(m.RSSPeak))
		}
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %.3f | %.0f | %.0f | %.1f | %.1f (%.0f) | %.0f (%+.0f) | %s |\n",
			r.Name, r.Summary.F1, r.Summary.Precision, r.Summary.Recall, r.Summary.Accuracy,
			r.PagesPerSec, r.PagesPerCPUSec, r.SlowestMs, mib(m.AllocPerPage), mib(m.AllocMax),
			mib(m.HeapPeak), signedMiB(m.HeapPeak, m.HeapBase), rss)
	}
	fmt.Fprintln(w)
	if len(rep.Ratios) > 0 {
		var wall, cpu []string
		for _, r := range rep.Results {
			if v, ok := rep.Ratios[r.Name]; ok {
				wall = append(wall, fmt.Sprintf("%.2fx %s", v, r.Name))
			}
			if v, ok := rep.Ratios[r.Name+" cpu"]; ok {
				cpu = append(cpu, fmt.Sprintf("%.2fx %s", v, r.Name))
			}
		}
		fmt.Fprintf(w, "archivist speed, same run: %s (wall); %s (CPU).\n\n", strings.Join(wall, ", "), strings.Join(cpu, ", "))
	}
	for _, r := range rep.Results {
		var notes []string
		if r.Errors > 0 {
			notes = append(notes, fmt.Sprintf("%d errors", r.Errors))
		}
		if r.Summary.EmptyPred > 0 {
			notes = append(notes, fmt.Sprintf("%d pages with empty text (scored P=0, R=0)", r.Summary.EmptyPred))
		}
		notes = append(notes, fmt.Sprintf("pages/s per pass %s wall, %s CPU", formatRates(r.Passes), formatRates(r.CPUPasses)),
			fmt.Sprintf("slowest page %s", shortID(r.SlowestID)),
			fmt.Sprintf("most allocated by one page on %s", shortID(r.Memory.AllocMaxID)),
			fmt.Sprintf("live heap after GC %+.1f MiB over the timed passes", float64(r.Memory.HeapPassDelta)/(1<<20)))
		fmt.Fprintf(w, "- %s: %s.\n", r.Name, strings.Join(notes, "; "))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Metadata found (pages with a non-empty value; the benchmark has no metadata ground truth, so this is not scored):")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| extractor | title | author | published |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, r := range rep.Results {
		if r.Name == "whole-page" {
			continue
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d |\n", r.Name, r.Meta.Title, r.Meta.Author, r.Meta.Published)
	}
}

func formatRates(xs []float64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprintf("%.0f", x)
	}
	return strings.Join(s, "/")
}
