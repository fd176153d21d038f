package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
)

// pageTypeOrder lists page-types' labels in report order, with the best
// published word F1 per type on WCXB's dev split (issue 8's targets).
var pageTypeOrder = []struct {
	Name   string
	Target float64
}{
	{"documentation", 0.932}, {"service", 0.844}, {"forum", 0.808},
	{"collection", 0.716}, {"listing", 0.710}, {"product", 0.641},
}

// writeSetsJSON writes the report as indented JSON.
func writeSetsJSON(w io.Writer, rep setsReport) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// writeSetsMarkdown writes the report as Markdown, ready to paste into
// docs/BENCHMARKS.md.
func writeSetsMarkdown(w io.Writer, rep setsReport) {
	commit := rep.Commit
	if commit == "" {
		commit = "unknown"
	}
	fmt.Fprintf(w, "Made by `%s` at commit %s (%s). Splits: `bench/splits/<set>.tsv` (by site; see bench/README.md).\n\n",
		strings.TrimSpace(rep.Command), commit, runtime.Version())
	writeSetSizes(w, rep)
	writeBodyTable(w, rep)
	writePerTypeTable(w, rep)
	writeTypeTable(w, rep)
	writeSpeed(w, rep.Speed)
	writeTargets(w, rep)
	writeFailures(w, rep.Failures)
}

func writeSetSizes(w io.Writer, rep setsReport) {
	fmt.Fprintln(w, "| set | pages tune / check | sites tune / check |")
	fmt.Fprintln(w, "|---|---|---|")
	for _, s := range rep.Sets {
		fmt.Fprintf(w, "| %s | %d / %d | %d / %d |\n", s.Name, s.Pages["tune"], s.Pages["check"], s.Sites["tune"], s.Sites["check"])
	}
	fmt.Fprintln(w)
}

func writeBodyTable(w io.Writer, rep setsReport) {
	fmt.Fprintln(w, "| set | half | extractor | pages | shingle F1 | P | R | word F1 | P | R | empty | with found | without found | date acc |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, h := range rep.Scores {
		sh, wd := "— | — | —", "— | — | —"
		if h.Shingles != nil {
			sh = fmt.Sprintf("%.3f | %.3f | %.3f", h.Shingles.F1, h.Shingles.Precision, h.Shingles.Recall)
		}
		if h.Words != nil {
			wd = fmt.Sprintf("%.3f | %.3f | %.3f", h.Words.F1, h.Words.Precision, h.Words.Recall)
		}
		empty := "—"
		if h.Words != nil || h.With.Total > 0 {
			empty = pct(h.Empty, h.Pages)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s |\n", h.Set, h.Half, h.Extractor, h.Pages, sh, wd,
			empty, pct(h.With.Found, h.With.Total), pct(h.Without.Found, h.Without.Total), pct(h.DateOK, h.DatePages))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Shingle scores: 4-word shingles as in shared/extraction-bench (F1 of the mean P and R). Word scores: page-types' rule (lower-cased \\w+ tokens as a bag; the mean over pages of P, R and F1). Empty: pages with no word extracted. with/without found: share of the snippets contained in the text (white space collapsed). Date acc: the expected day, or no date where none is expected.")
	fmt.Fprintln(w)
	writeFoldedTable(w, rep)
}

// writeFoldedTable writes, for the sets with snippets, the snippets found
// as counted and as found when quotes and the spaces around punctuation
// are folded on both sides (score.FoldSpelling): how much of a miss is
// the snippet's spelling, not the text.
func writeFoldedTable(w io.Writer, rep setsReport) {
	fmt.Fprintln(w, "| set | half | extractor | with found | with found, folded | without found | without found, folded |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, h := range rep.Scores {
		if h.With.Total == 0 {
			continue
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", h.Set, h.Half, h.Extractor,
			pct(h.With.Found, h.With.Total), pct(h.WithFolded.Found, h.WithFolded.Total),
			pct(h.Without.Found, h.Without.Total), pct(h.WithoutFolded.Found, h.WithoutFolded.Total))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Folded (informational; the targets count the snippets as above): typographic quotes written straight and no space before closing punctuation or after an opening bracket, on both the text and the snippets (score.FoldSpelling): page-types' snippets were drafted by a program that wrote quotes straight and put a space where two inline elements meet.")
	fmt.Fprintln(w)
}

func writePerTypeTable(w io.Writer, rep setsReport) {
	var rows []halfScore
	for _, h := range rep.Scores {
		if h.PerType != nil {
			rows = append(rows, h)
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprint(w, "| set | half | extractor |")
	for _, t := range pageTypeOrder {
		fmt.Fprintf(w, " %s |", t.Name)
	}
	fmt.Fprintln(w, " all |")
	fmt.Fprintln(w, "|---|---|---|"+strings.Repeat("---|", len(pageTypeOrder)+1))
	for _, h := range rows {
		fmt.Fprintf(w, "| %s | %s | %s |", h.Set, h.Half, h.Extractor)
		for _, t := range pageTypeOrder {
			if s, ok := h.PerType[t.Name]; ok {
				fmt.Fprintf(w, " %.3f (%d) |", s.F1, s.Pages)
			} else {
				fmt.Fprint(w, " — |")
			}
		}
		fmt.Fprintf(w, " %.3f |\n", h.Words.F1)
	}
	fmt.Fprint(w, "| target | | best published, WCXB dev split |")
	for _, t := range pageTypeOrder {
		fmt.Fprintf(w, " %.3f |", t.Target)
	}
	fmt.Fprintln(w, " |")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Word F1 per page type (pages in parentheses).")
	fmt.Fprintln(w)
}

// typeShares counts, in a labelled-type tally, the pages of the given
// labels and how many of them the extractor called one of got (or, with
// not set, anything but got).
func typeShares(types map[string]map[string]int, labels []string, got string, not bool) (n, hit int) {
	for _, l := range labels {
		for g, c := range types[l] {
			n += c
			if (g == got) != not {
				hit += c
			}
		}
	}
	return n, hit
}

func writeTypeTable(w io.Writer, rep setsReport) {
	var rows []halfScore
	for _, h := range rep.Scores {
		if h.Types != nil {
			rows = append(rows, h)
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintln(w, "| set | half | extractor | listing+collection called article | other non-articles called article | articles called something else | types given (label: type count) |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, h := range rows {
		lcN, lcHit := typeShares(h.Types, []string{"listing", "collection"}, "article", false)
		oN, oHit := typeShares(h.Types, []string{"documentation", "service", "forum", "product"}, "article", false)
		aN, aHit := typeShares(h.Types, []string{"article"}, "article", true)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", h.Set, h.Half, h.Extractor,
			pct(lcHit, lcN), pct(oHit, oN), pct(aHit, aN), typeCounts(h.Types))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Page type (`Article.PageType`); the readability and extraction-bench pages count as articles; the trafilatura and htmldate sets have no labels (news, blogs, some shop and institutional pages).")
	fmt.Fprintln(w)
}

// typeCounts formats a labelled-type tally as "label: type n, type n; …".
func typeCounts(types map[string]map[string]int) string {
	labels := make([]string, 0, len(types))
	for l := range types {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	var parts []string
	for _, l := range labels {
		got := make([]string, 0, len(types[l]))
		for g := range types[l] {
			got = append(got, g)
		}
		sort.Slice(got, func(i, j int) bool {
			if types[l][got[i]] != types[l][got[j]] {
				return types[l][got[i]] > types[l][got[j]]
			}
			return got[i] < got[j]
		})
		var gs []string
		for _, g := range got {
			gs = append(gs, fmt.Sprintf("%s %d", g, types[l][g]))
		}
		parts = append(parts, l+": "+strings.Join(gs, ", "))
	}
	return strings.Join(parts, "; ")
}

func writeSpeed(w io.Writer, s *speedLine) {
	if s == nil {
		return
	}
	fmt.Fprintf(w, "Speed on the %d extraction-bench pages, GOMAXPROCS=%d, each extractor as scored above, 1 warm-up + %d timed passes taking turns (median pass):\n\n",
		s.Pages, s.GOMAXPROCS, s.Passes)
	fmt.Fprintln(w, "| extractor | pages/s (1 core) | pages/CPU-s | slowest page ms | pages over 50 ms |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, r := range s.Results {
		fmt.Fprintf(w, "| %s | %.0f | %.0f | %.1f (%s) | %d |\n", r.Name, r.PagesPerSec, r.PagesPerCPUSec, r.SlowestMs, shortID(r.SlowestID), r.Over50ms)
	}
	fmt.Fprintln(w)
}

// writeFailures prints the -failures lists; collectFailures only ever
// puts tuning-half pages in them.
func writeFailures(w io.Writer, blocks []failureBlock) {
	for _, b := range blocks {
		fmt.Fprintf(w, "#### %s, tuning half: %s's worst pages\n\n", b.Set, b.Extractor)
		if len(b.Pages) == 0 {
			fmt.Fprintln(w, "None.")
			fmt.Fprintln(w)
			continue
		}
		fmt.Fprintln(w, "| id | site | label | type | word F1 | shingle F1 | missed with | found without | date | url |")
		fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|")
		for _, l := range b.Pages {
			date := l.Date
			note := l.URL
			if l.Err != "" {
				note += " (error: " + l.Err + ")"
			} else if l.Empty {
				note += " (empty)"
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", failureID(l.ID), l.Site, l.Type, l.Got,
				optScore(l.WordF1), optScore(l.Shingle), cell(l.Missed), cell(l.Leaked), date, note)
		}
		fmt.Fprintln(w)
		writePlaces(w, b.Pages)
	}
}

// writePlaces prints, after a -failures table read with -places, where
// each listed snippet sits in its page's markup.
func writePlaces(w io.Writer, lines []failureLine) {
	header := false
	for _, l := range lines {
		for _, k := range []struct {
			kind       string
			snips, ats []string
		}{{"missed with", l.Missed, l.MissedAt}, {"found without", l.Leaked, l.LeakedAt}} {
			for i, at := range k.ats {
				if !header {
					fmt.Fprintln(w, "| id | snippet | kind | where in the markup |")
					fmt.Fprintln(w, "|---|---|---|---|")
					header = true
				}
				fmt.Fprintf(w, "| %s | %s | %s | %s |\n", failureID(l.ID), cell(k.snips[i:i+1]), k.kind, at)
			}
		}
	}
	if header {
		fmt.Fprintln(w)
	}
}

// failureID shortens the 64-digit ids of extraction-bench; other ids
// (file and directory names) are kept whole.
func failureID(id string) string {
	if len(id) == 64 {
		return shortID(id)
	}
	return id
}

// optScore formats a score that a set may not have.
func optScore(f *float64) string {
	if f == nil {
		return "—"
	}
	return fmt.Sprintf("%.3f", *f)
}

// maxCellSnippets is how many snippets a failure cell quotes.
const maxCellSnippets = 3

// cell quotes snippets for a table cell, shortened, pipes escaped.
func cell(ss []string) string {
	var out []string
	for i, s := range ss {
		if i == maxCellSnippets {
			out = append(out, fmt.Sprintf("(+%d more)", len(ss)-i))
			break
		}
		if r := []rune(s); len(r) > 60 {
			s = string(r[:60]) + "…"
		}
		out = append(out, fmt.Sprintf("%q", s))
	}
	return strings.ReplaceAll(strings.Join(out, " "), "|", `\|`)
}

// pct formats n/total as a percentage with the count, "—" for no total.
func pct(n, total int) string {
	if total == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%% (%d)", 100*float64(n)/float64(total), n)
}
