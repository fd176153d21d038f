package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// writePageScores writes one line per page and extractor, both halves, to
// path: the scores and the page type only, never the text, so that two
// runs can be compared page by page (which check-half pages changed)
// without reading check-half content. Columns: set, half, extractor, id,
// label, page type, word F1 (P/R), shingle F1 (P/R), with found/total, without
// found/total, empty, date ok.
func writePageScores(path string, sets []benchSet, xs []setExtractor, all outcomes) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("page scores: %w", err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "set\thalf\textractor\tid\tlabel\ttype\tword_f1\tshingle_f1\twith\twithout\tempty\tdate_ok")
	for _, s := range sets {
		outs := all[s.Name]
		for xi, x := range xs {
			for i := range s.Pages {
				p := &s.Pages[i]
				o := outs[xi][i]
				wf, sf, date := "-", "-", "-"
				if p.HasBody {
					wf = fmt.Sprintf("%.4f (%.3f/%.3f)", o.Words.F1, o.Words.Precision, o.Words.Recall)
				}
				if s.Shingles {
					sf = fmt.Sprintf("%.4f (%.3f/%.3f)", o.Shingles.F1(), o.Shingles.Precision, o.Shingles.Recall)
				}
				if p.HasDate {
					date = fmt.Sprint(o.DateOK)
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d/%d\t%d/%d\t%v\t%s\n", s.Name, p.Half, x.Name,
					strings.ReplaceAll(p.ID, "\t", " "), p.PageType, o.PageType, wf, sf,
					o.With.Found, o.With.Total, o.Without.Found, o.Without.Total, o.Empty, date)
			}
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("page scores: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("page scores: %w", err)
	}
	return nil
}
