package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/archivist-project/archivist/bench/split"
)

// errUsage marks an error in what the user typed (exit code 2).
var errUsage = errors.New("usage")

// errCheckHalf is returned when per-page details of a check-half page
// are asked for: they are never shown.
var errCheckHalf = errors.New("page is in the check half; per-page details are shown for the tuning half only")

// setsOptions are the settings of the sets command.
type setsOptions struct {
	Shared      string   // shared data directory; "" finds it beside the repository
	Splits      string   // directory of the split lists
	Sets        []string // sets to run; empty runs all
	Only        []string // extractors to run; empty runs all
	WriteSplits bool     // generate the split lists instead of scoring
	Failures    int      // print this many worst tuning-half pages per set and extractor
	Places      bool     // with Failures: where each listed snippet sits in the page's markup
	Show        string   // SET/ID: one tuning-half page in full
	Dates       bool     // print the tuning-half pages whose date some extractor gets wrong
	JSON        bool     // JSON instead of Markdown
	Passes      int      // timed passes of the speed line; 0 skips it
	Workers     int      // goroutines scoring pages (the speed line always runs on one)
	Args        []string // the command line, echoed at the top of the output
	Scores      string   // file to write per-page scores to (no text), both halves
	Classes     string   // classesKeep, classesHashed or classesNone: pages' class and id attributes
	Short       bool     // list tuning pages where the first extractor's text is empty or far shorter than another's
}

// parseSetsFlags parses the arguments after "sets".
func parseSetsFlags(args []string, stderr io.Writer) (setsOptions, error) {
	o := setsOptions{Args: args}
	var sets, only string
	fs := flag.NewFlagSet("bench sets", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.Shared, "shared", "", "shared data `dir` holding extraction-bench and page-types (default ../../shared or ../shared)")
	fs.StringVar(&o.Splits, "splits", splitsDir, "`dir` of the committed split lists")
	fs.StringVar(&sets, "sets", "", "run only these `sets` (comma-separated): "+strings.Join(setNames, ", "))
	fs.StringVar(&only, "only", "", "run only these extractors (`names`, comma-separated): archivist, go-trafilatura, readeck")
	fs.BoolVar(&o.WriteSplits, "write-splits", false, "generate the split lists into -splits (done once; the lists are committed)")
	fs.IntVar(&o.Failures, "failures", 0, "print the `N` worst tuning-half pages per set and extractor (never check-half pages)")
	fs.BoolVar(&o.Places, "places", false, "with -failures: say where each listed snippet sits in the tuning page's markup (its element, the regions around it, hidden)")
	fs.BoolVar(&o.Dates, "dates", false, "print each tuning-half page whose date some extractor gets wrong: expected day, each extractor's, and the step of archivist's date search that gave its own")
	fs.StringVar(&o.Show, "show", "", "print one tuning-half page (`SET/ID`): truth, each extractor's text and scores")
	fs.BoolVar(&o.JSON, "json", false, "print JSON instead of Markdown")
	fs.StringVar(&o.Scores, "scores", "", "write per-page scores (no text; both halves) to `file`, to compare runs page by page")
	fs.IntVar(&o.Workers, "workers", 1, "score `N` pages at a time (the speed line always uses one core)")
	fs.IntVar(&o.Passes, "passes", 3, "timed passes of the speed line on extraction-bench (GOMAXPROCS=1); 0 skips it")
	fs.StringVar(&o.Classes, "classes", classesKeep, "pages' class and id attributes: `mode` keep, hashed (each token a hash of itself) or none (removed)")
	fs.BoolVar(&o.Short, "short", false, "list the tuning-half pages where the first -only extractor's text is empty or under a third of another's words (never check-half pages)")
	var verbose bool
	fs.BoolVar(&verbose, "v", false, "same as -failures 20")
	if err := parseArgs(fs, args); err != nil {
		return o, err
	}
	if verbose && o.Failures == 0 {
		o.Failures = 20
	}
	if o.Passes < 0 || o.Failures < 0 {
		return o, fmt.Errorf("%w: -passes and -failures must not be negative", errUsage)
	}
	if o.Workers < 1 {
		return o, fmt.Errorf("%w: -workers must be at least 1, got %d", errUsage, o.Workers)
	}
	if !slices.Contains(classModes, o.Classes) {
		return o, fmt.Errorf("%w: -classes %q: want one of %s", errUsage, o.Classes, strings.Join(classModes, ", "))
	}
	o.Sets = splitList(sets)
	o.Only = splitList(only)
	for _, s := range o.Sets {
		if _, ok := setLoaders[s]; !ok {
			return o, fmt.Errorf("%w: unknown set %q in -sets (have %s)", errUsage, s, strings.Join(setNames, ", "))
		}
	}
	return o, nil
}

func splitList(s string) []string {
	var l []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			l = append(l, n)
		}
	}
	return l
}

// selectSetExtractors keeps the named extractors in report order.
func selectSetExtractors(all []setExtractor, only []string) ([]setExtractor, error) {
	if len(only) == 0 {
		return all, nil
	}
	var xs []setExtractor
	for _, n := range only {
		found := false
		for _, x := range all {
			if x.Name == n {
				xs = append(xs, x)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("%w: unknown extractor %q in -only", errUsage, n)
		}
	}
	return xs, nil
}

// runSetsCmd runs the sets command: it loads the selected sets, applies
// the committed splits, scores every extractor on both halves and writes
// the report (or writes the splits, or shows one page).
func runSetsCmd(ctx context.Context, o setsOptions, all []setExtractor, stdout, stderr io.Writer) error {
	xs, err := selectSetExtractors(all, o.Only)
	if err != nil {
		return err
	}
	names := o.Sets
	if len(names) == 0 {
		names = setNames
	}
	var showSet, showID string
	if o.Show != "" {
		var ok bool
		if showSet, showID, ok = strings.Cut(o.Show, "/"); !ok || setLoaders[showSet] == nil {
			return fmt.Errorf("%w: -show %q: want SET/ID with SET one of %s", errUsage, o.Show, strings.Join(setNames, ", "))
		}
		names = []string{showSet}
	}
	shared, err := findSharedDir(o.Shared)
	if err != nil {
		// Only extraction-bench and page-types need it; they say so below.
		fmt.Fprintf(stderr, "bench sets: %v\n", err)
	}
	var sets []benchSet
	for _, name := range names {
		s, err := setLoaders[name](shared)
		if errors.Is(err, errNoData) && len(o.Sets) == 0 && !o.WriteSplits {
			fmt.Fprintf(stderr, "bench sets: skipping %s: %v\n", name, err)
			continue
		}
		if err != nil {
			return err
		}
		if o.WriteSplits {
			if err := writeSplit(o.Splits, s); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "bench sets: wrote %s/%s.tsv (%d pages)\n", o.Splits, name, len(s.Pages))
			continue
		}
		l, err := readSplit(o.Splits, name)
		if err != nil {
			return err
		}
		if err := applySplit(&s, l); err != nil {
			return err
		}
		rewriteSetClasses(&s, o.Classes)
		sets = append(sets, s)
	}
	if o.WriteSplits {
		return nil
	}
	if o.Show != "" {
		if len(sets) == 0 {
			return fmt.Errorf("show: set %s: %w", showSet, errNoData)
		}
		return showPage(ctx, sets[0], showID, xs, stdout)
	}
	rep, outs, err := scoreSets(ctx, sets, xs, o.Workers, stderr)
	if err != nil {
		return err
	}
	if o.Scores != "" {
		if err := writePageScores(o.Scores, sets, xs, outs); err != nil {
			return err
		}
	}
	rep.Command = "cd bench && go run . sets " + strings.Join(o.Args, " ")
	rep.Commit = gitCommit()
	if o.Passes > 0 {
		if rep.Speed, err = measureSpeed(ctx, shared, sets, xs, o.Passes, stderr); err != nil {
			return err
		}
	}
	if o.Failures > 0 {
		rep.Failures = collectFailures(sets, xs, outs, o.Failures, o.Places)
	}
	if o.Dates {
		writeDateLines(stdout, sets, xs, outs)
	}
	if o.JSON {
		return writeSetsJSON(stdout, rep)
	}
	writeSetsMarkdown(stdout, rep)
	if o.Short {
		writeShortPages(stdout, collectShort(sets, xs, outs))
	}
	return nil
}

// tuneOnly refuses per-page details of a check-half page.
func tuneOnly(set string, p *setPage) error {
	if p.Half != split.Tune {
		return fmt.Errorf("%s/%s: %w", set, p.ID, errCheckHalf)
	}
	return nil
}

// showPage prints one tuning-half page: its truth and each extractor's
// text with its scores.
func showPage(ctx context.Context, s benchSet, id string, xs []setExtractor, w io.Writer) error {
	for i := range s.Pages {
		p := &s.Pages[i]
		if p.ID != id {
			continue
		}
		if err := tuneOnly(s.Name, p); err != nil {
			return fmt.Errorf("%w: %w", errUsage, err)
		}
		fmt.Fprintf(w, "# %s/%s (%s, site %s, type %q)\n\n", s.Name, p.ID, p.URL, p.Site, p.PageType)
		if p.HasDate {
			fmt.Fprintf(w, "expected date: %q\n\n", p.Date)
		}
		if p.HasBody {
			fmt.Fprintf(w, "## truth\n\n%s\n\n", p.Body)
		}
		for _, x := range xs {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("show: %w", err)
			}
			o := scorePage(s, p, x)
			var facts []string
			if p.HasBody {
				facts = append(facts, fmt.Sprintf("word F1 %.3f (P %.3f R %.3f)", o.Words.F1, o.Words.Precision, o.Words.Recall))
			}
			if s.Shingles {
				facts = append(facts, fmt.Sprintf("shingle F1 %.3f", o.Shingles.F1()))
			}
			if o.PageType != "" {
				facts = append(facts, "page type "+o.PageType)
			}
			if p.HasDate {
				facts = append(facts, fmt.Sprintf("date %q", o.DateGot))
			}
			if o.Err != "" {
				facts = append(facts, "error: "+o.Err)
			}
			fmt.Fprintf(w, "## %s: %s", x.Name, strings.Join(facts, ", "))
			fmt.Fprintf(w, "\n\nmissed with: %q\nfound without: %q\n\n%s\n\n", o.Missed, o.Leaked, o.Text)
		}
		return nil
	}
	return fmt.Errorf("%w: -show: no page %q in %s", errUsage, id, s.Name)
}

// gitCommit returns the short commit of the repository and "+dirty" when
// it has uncommitted changes, or "" when git is not available.
func gitCommit() string {
	out, err := runGit("rev-parse", "--short", "HEAD")
	if err != nil {
		return ""
	}
	c := strings.TrimSpace(out)
	if st, err := runGit("status", "--porcelain", "--untracked-files=no"); err == nil && strings.TrimSpace(st) != "" {
		c += "+dirty"
	}
	return c
}
