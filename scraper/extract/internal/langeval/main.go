// Command langeval measures language identification on labelled texts:
// the pages of the multilingual evaluation sets that declare their
// language (read in place from the Go module cache and ../shared, never
// copied), with labels corrected by hand where the declaration is wrong,
// and short synthetic texts per language. It reports, per set and per
// half (tuning/check, split by CRC-32 of the page name):
//
//   - detection from the text alone, for each detector;
//   - the rule that chooses between the declared and the detected
//     language, with the true declaration (how often it overrides a right
//     tag), a wrong one (how often it recovers) and none;
//   - the time per page of each detector.
//
// Run from the repository root:
//
//	go run ./scraper/extract/internal/langeval               # tables
//	go run ./scraper/extract/internal/langeval -v            # and every miss
//	go run ./scraper/extract/internal/langeval -dump /tmp/lang.tsv  # texts, for other detectors
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/RadhiFadlillah/whatlanggo"

	"github.com/archivist-project/archivist/scraper/extract"
)

func main() {
	home, _ := os.UserHomeDir()
	modCache := os.Getenv("GOMODCACHE")
	if modCache == "" {
		modCache = filepath.Join(home, "go", "pkg", "mod")
	}
	mod := flag.String("modcache", modCache, "Go module cache `dir` holding the evaluation sets")
	shared := flag.String("shared", "../shared", "the shared data `dir` (extraction-bench, page-types)")
	verbose := flag.Bool("v", false, "list every miss")
	sweep := flag.Bool("sweep", false, "print the rule's accuracy on the tuning half for a grid of thresholds and stop")
	dump := flag.String("dump", "", "write the samples to `FILE` (TSV: set, id, dev, declared, label, text) and stop")
	flag.Parse()
	logf := func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
	samples, err := loadPages(*mod, *shared, logf)
	if err != nil {
		fmt.Fprintln(os.Stderr, "langeval:", err)
		os.Exit(1)
	}
	samples = append(samples, syntheticSamples()...)
	sort.SliceStable(samples, func(i, j int) bool { return samples[i].Set < samples[j].Set })
	if *dump != "" {
		if err := writeDump(*dump, samples); err != nil {
			fmt.Fprintln(os.Stderr, "langeval:", err)
			os.Exit(1)
		}
		return
	}
	if *sweep {
		sweepRule(os.Stdout, samples)
		return
	}
	report(os.Stdout, samples, *verbose)
}

// sweepRule prints, for a grid of thresholds, how often the rule keeps a
// right declaration and fixes a wrong one, on the tuning half.
func sweepRule(w io.Writer, samples []sample) {
	idx := pick(samples, "", "tuning")
	fmt.Fprintf(w, "tuning half, %d pages\n\n| min confidence | min letters | right tag kept | wrong tag fixed |\n|---|---|---|---|\n", len(idx))
	for _, conf := range []float64{0.5, 0.7, 0.8, 0.9, 0.95, 1} {
		for _, n := range []int{50, 100, 200, 400} {
			r := extract.LanguageRule{MinConfidence: conf, MinLetters: n}
			kept, fixed := 0, 0
			for _, j := range idx {
				s := samples[j]
				if primaryOf(r.Choose(s.Label, s.Text)) == s.Label {
					kept++
				}
				if primaryOf(r.Choose(wrongTag(s), s.Text)) == s.Label {
					fixed++
				}
			}
			fmt.Fprintf(w, "| %.2f | %d | %s | %s |\n", conf, n, pct(kept, len(idx)), pct(fixed, len(idx)))
		}
	}
}

// detector names the language of a text, or "" when it cannot tell.
type detector struct {
	name string
	fn   func(text string) string
}

// rule chooses the language of a page from its declared tag and its text.
type rule struct {
	name string
	fn   func(declared, text string) string
}

var detectors = []detector{
	{"stopwords (old)", extract.GuessLanguage},
	{"whatlanggo", whatlang},
	{"detect (new)", func(text string) string { l, _ := extract.DetectLanguage(text); return l }},
}

var rules = []rule{
	{"old rule", oldRule},
	{"new rule", extract.ChooseLanguage},
}

// report prints the tables.
func report(w io.Writer, samples []sample, verbose bool) {
	sets := setNames(samples)
	fmt.Fprintf(w, "## Detection from the text alone (accuracy; no answer counts as wrong)\n\n")
	fmt.Fprintf(w, "| set | half | pages |")
	for _, d := range detectors {
		fmt.Fprintf(w, " %s |", d.name)
	}
	fmt.Fprintf(w, "\n|---|---|---|%s\n", strings.Repeat("---|", len(detectors)))
	results := make([][]string, len(detectors))
	elapsed := make([]time.Duration, len(detectors))
	for i, d := range detectors {
		results[i] = make([]string, len(samples))
		start := cpuTime()
		for j, s := range samples {
			results[i][j] = primaryOf(d.fn(s.Text))
		}
		elapsed[i] = cpuTime() - start
	}
	for _, set := range sets {
		for _, half := range halves(set) {
			idx := pick(samples, set, half)
			fmt.Fprintf(w, "| %s | %s | %d |", set, half, len(idx))
			for i := range detectors {
				fmt.Fprintf(w, " %s |", pct(correct(samples, results[i], idx), len(idx)))
			}
			fmt.Fprintln(w)
		}
	}
	all := pick(samples, "", "all")
	fmt.Fprintf(w, "| **all** | all | %d |", len(all))
	for i := range detectors {
		fmt.Fprintf(w, " **%s** |", pct(correct(samples, results[i], all), len(all)))
	}
	fmt.Fprintln(w)
	for _, group := range []string{"en", "de", "other"} {
		var idx []int
		for j, s := range samples {
			if s.Label == group || group == "other" && s.Label != "en" && s.Label != "de" {
				idx = append(idx, j)
			}
		}
		fmt.Fprintf(w, "| language: %s | all | %d |", group, len(idx))
		for i := range detectors {
			fmt.Fprintf(w, " %s |", pct(correct(samples, results[i], idx), len(idx)))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "| CPU time per text | | |")
	for i := range detectors {
		fmt.Fprintf(w, " %.0f µs |", float64(elapsed[i].Microseconds())/float64(len(samples)))
	}
	fmt.Fprintln(w)
	reportRules(w, samples, sets)
	if verbose {
		reportMisses(w, samples, results)
	}
}

// reportRules prints the accuracy of the rules under three declarations.
func reportRules(w io.Writer, samples []sample, sets []string) {
	scenarios := []struct {
		name string
		decl func(s sample) string
	}{
		{"right tag kept", func(s sample) string { return s.Label }},
		{"wrong tag fixed", wrongTag},
		{"no tag", func(sample) string { return "" }},
	}
	fmt.Fprintf(w, "\n## Declared or detected: the chosen language is right (pages)\n\n| set | half | pages |")
	for _, r := range rules {
		for _, sc := range scenarios {
			fmt.Fprintf(w, " %s: %s |", r.name, sc.name)
		}
	}
	fmt.Fprintf(w, "\n|---|---|---|%s\n", strings.Repeat("---|", len(rules)*len(scenarios)))
	row := func(set, half string, idx []int, bold bool) {
		f := "%s"
		if bold {
			f = "**%s**"
		}
		fmt.Fprintf(w, "| "+f+" | %s | %d |", set, half, len(idx))
		for _, r := range rules {
			for _, sc := range scenarios {
				ok := 0
				for _, j := range idx {
					s := samples[j]
					if primaryOf(r.fn(sc.decl(s), s.Text)) == s.Label {
						ok++
					}
				}
				fmt.Fprintf(w, " "+f+" |", pct(ok, len(idx)))
			}
		}
		fmt.Fprintln(w)
	}
	for _, set := range sets {
		for _, half := range halves(set) {
			row(set, half, pick(samples, set, half), false)
		}
	}
	row("all", "all", pick(samples, "", "all"), true)
	fmt.Fprintf(w, "\nCPU time per page of each rule, the page declaring its (right) language:")
	for _, r := range rules {
		start := cpuTime()
		for _, s := range samples {
			r.fn(s.Label, s.Text)
		}
		fmt.Fprintf(w, " %s %.0f µs;", r.name, float64((cpuTime()-start).Microseconds())/float64(len(samples)))
	}
	fmt.Fprintln(w)
}

// wrongTag is a plausible wrong declaration: "en" (a CMS default) on a
// page that is not English, "de" on one that is.
func wrongTag(s sample) string {
	if s.Label == "en" {
		return "de"
	}
	return "en"
}

// oldRule is the rule of meta.go before this measurement: the declared
// tag, unless the text is plainly in another script; the stopword guess
// when nothing is declared.
func oldRule(declared, text string) string {
	guess := extract.GuessLanguage(text)
	if declared == "" {
		return guess
	}
	switch guess {
	case "ar", "fa", "he", "ja", "zh", "ko", "th", "el", "hi":
		if !strings.HasPrefix(declared, guess) && !(guess == "zh" && strings.HasPrefix(declared, "ja")) {
			return guess
		}
	}
	return declared
}

// reportMisses lists every text a detector got wrong.
func reportMisses(w io.Writer, samples []sample, results [][]string) {
	fmt.Fprintf(w, "\n## Misses\n\n")
	for j, s := range samples {
		var miss []string
		for i, d := range detectors {
			if results[i][j] != s.Label {
				miss = append(miss, fmt.Sprintf("%s=%q", d.name, results[i][j]))
			}
		}
		if got := primaryOf(extract.ChooseLanguage(s.Label, s.Text)); got != s.Label {
			miss = append(miss, fmt.Sprintf("new rule overrides the right tag with %q", got))
		}
		if len(miss) == 0 {
			continue
		}
		text := strings.Join(strings.Fields(s.Text), " ")
		if r := []rune(text); len(r) > 100 {
			text = string(r[:100])
		}
		fmt.Fprintf(w, "- %s:%s label=%s declared=%s len=%d %s: %q\n", s.Set, s.ID, s.Label, s.Declared, len(s.Text), strings.Join(miss, " "), text)
	}
}

func setNames(samples []sample) []string {
	var out []string
	for _, s := range samples {
		if len(out) == 0 || out[len(out)-1] != s.Set {
			out = append(out, s.Set)
		}
	}
	return out
}

func halves(set string) []string {
	if set == "synthetic" {
		return []string{"check"}
	}
	return []string{"tuning", "check"}
}

// pick returns the indexes of the samples of set ("" for all) in half
// ("tuning", "check" or "all").
func pick(samples []sample, set, half string) []int {
	var out []int
	for i, s := range samples {
		if set != "" && s.Set != set {
			continue
		}
		if half == "tuning" && !s.Dev || half == "check" && s.Dev && s.Set != "synthetic" {
			continue
		}
		out = append(out, i)
	}
	return out
}

func correct(samples []sample, got []string, idx []int) int {
	n := 0
	for _, j := range idx {
		if got[j] == samples[j].Label {
			n++
		}
	}
	return n
}

func pct(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}

// primaryOf reduces a language tag to its canonical primary subtag.
func primaryOf(tag string) string { return primary(tag) }

// writeDump writes the samples as TSV, text with tabs and newlines
// flattened to spaces.
func writeDump(path string, samples []sample) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	w := bufio.NewWriter(f)
	for _, s := range samples {
		text := strings.Join(strings.Fields(s.Text), " ")
		fmt.Fprintf(w, "%s\t%s\t%v\t%s\t%s\t%s\n", s.Set, s.ID, s.Dev, s.Declared, s.Label, text)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("dump: %w", err)
	}
	return f.Close()
}

// whatlang is the library alone, on the whole text, all its languages.
func whatlang(text string) string {
	info := whatlanggo.Detect(text)
	if info.Lang < 0 {
		return ""
	}
	return info.Lang.Iso6391()
}

// cpuTime is the CPU time the process has used (user and system), which
// a busy machine disturbs less than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
