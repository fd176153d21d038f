package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/archivist-project/archivist/bench/split"
	"github.com/archivist-project/archivist/corpus"
)

// writeDateLines prints, per tuning-half page with a date truth that
// some extractor gets wrong, the expected day, each extractor's day and,
// where archivist's is wrong, the step of its date search that gave it
// (-dates). Check-half pages are never listed.
func writeDateLines(w io.Writer, sets []benchSet, xs []setExtractor, all outcomes) {
	fmt.Fprintln(w, "| set | id | expected | "+extractorNames(xs)+" | archivist's source |")
	fmt.Fprintln(w, "|---|---|---|"+strings.Repeat("---|", len(xs))+"---|")
	defer writeDatePrecisions(w, sets, xs, all)
	for _, s := range sets {
		outs := all[s.Name]
		for i := range s.Pages {
			p := &s.Pages[i]
			if !p.HasDate || tuneOnly(s.Name, p) != nil {
				continue
			}
			var got []string
			wrong, archWrong := false, false
			for xi, x := range xs {
				o := outs[xi][i]
				cell := o.DateGot
				if cell == "" {
					cell = "none"
				}
				if !o.DateOK {
					wrong = true
					cell += " ✗"
					archWrong = archWrong || x.Name == "archivist"
				}
				got = append(got, cell)
			}
			if !wrong {
				continue
			}
			src := ""
			if archWrong {
				src = archivistDateSource(p)
			}
			want := p.Date
			if want == "" {
				want = "none"
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", s.Name, p.ID, want, strings.Join(got, " | "), src)
		}
	}
}

// extractorNames joins the extractors' names as table headings.
func extractorNames(xs []setExtractor) string {
	var n []string
	for _, x := range xs {
		n = append(n, x.Name)
	}
	return strings.Join(n, " | ")
}

// writeDatePrecisions prints, per set and extractor that tells a date's
// precision, how many tuning-half pages with a date truth got a date
// with a time of day and how many a day alone.
func writeDatePrecisions(w io.Writer, sets []benchSet, xs []setExtractor, all outcomes) {
	fmt.Fprintln(w, "\n| set | extractor | tuning pages dated | with a time of day | day only |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, s := range sets {
		for xi, x := range xs {
			dated, timed, told := 0, 0, false
			for i := range s.Pages {
				p := &s.Pages[i]
				o := all[s.Name][xi][i]
				if !p.HasDate || p.Half != split.Tune || o.DateGot == "" {
					continue
				}
				dated++
				told = told || o.DatePrec != ""
				if o.DatePrec == corpus.PrecisionMinute || o.DatePrec == corpus.PrecisionSecond {
					timed++
				}
			}
			if told {
				fmt.Fprintf(w, "| %s | %s | %d | %d | %d |\n", s.Name, x.Name, dated, timed, dated-timed)
			}
		}
	}
}
