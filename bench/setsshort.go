package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/archivist-project/archivist/bench/score"
)

// shortFactor is how much fewer words than another extractor make a
// text "far shorter" for -short (issue 8: pages that give no text, or a
// fragment, where a peer finds the body).
const shortFactor = 3

// shortLine is one tuning-half page where the first extractor's text is
// empty or far shorter than another's: every extractor's word count and
// `with` snippets found, and the reference's word count.
type shortLine struct {
	Set, ID, Label, Type string
	RefWords             int      // words of the reference body, -1 when the set has none
	Words                []int    // per extractor, in -only order
	With                 []string // per extractor, found/total
	Empty                bool
}

// collectShort lists the tuning-half pages (tuneOnly) where xs[0]'s text
// is empty or holds under a third of the words of another extractor's.
func collectShort(sets []benchSet, xs []setExtractor, all outcomes) []shortLine {
	var lines []shortLine
	for _, s := range sets {
		outs := all[s.Name]
		for i := range s.Pages {
			p := &s.Pages[i]
			if tuneOnly(s.Name, p) != nil || len(outs) == 0 {
				continue
			}
			first := outs[0][i]
			short := first.Empty
			for xi := 1; xi < len(xs); xi++ {
				short = short || first.NWords*shortFactor < outs[xi][i].NWords
			}
			if !short {
				continue
			}
			l := shortLine{Set: s.Name, ID: p.ID, Label: p.PageType, Type: first.PageType, RefWords: -1, Empty: first.Empty}
			if p.HasBody {
				l.RefWords = len(score.Tokens(p.Body))
			}
			for xi := range xs {
				o := outs[xi][i]
				l.Words = append(l.Words, o.NWords)
				l.With = append(l.With, fmt.Sprintf("%d/%d", o.With.Found, o.With.Total))
			}
			lines = append(lines, l)
		}
	}
	return lines
}

// writeShortPages prints the -short list as a Markdown table.
func writeShortPages(w io.Writer, lines []shortLine) {
	fmt.Fprintf(w, "\nTuning-half pages where the first extractor's text is empty or under 1/%d of another's words (%d):\n\n", shortFactor, len(lines))
	fmt.Fprintln(w, "| set | id | label | type | empty | reference words | words (per extractor) | with found (per extractor) |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, l := range lines {
		ref := "—"
		if l.RefWords >= 0 {
			ref = fmt.Sprint(l.RefWords)
		}
		ws := make([]string, len(l.Words))
		for i, n := range l.Words {
			ws[i] = fmt.Sprint(n)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %v | %s | %s | %s |\n", l.Set, failureID(l.ID), l.Label, l.Type, l.Empty, ref,
			strings.Join(ws, " / "), strings.Join(l.With, " / "))
	}
}
