package main

import (
	"fmt"
	"io"
	"strings"
)

// writeMarkdown prints the report: the main table, the comparison of
// archivist with the best other extractor per score, and the counts
// behind them.
func writeMarkdown(w io.Writer, rep *report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Pages: %d from go-trafilatura's set (%d read, %d left out as benchmark sites, %d entries without a file), %d from go-htmldate's set (%d read, %d left out, %d without a file). GOMAXPROCS=%d, %s, %d pass(es).\n\n",
		rep.Pages[setTrafilatura], rep.Loaded[setTrafilatura], rep.Excluded[setTrafilatura], rep.Missing[setTrafilatura],
		rep.Pages[setHtmldate], rep.Loaded[setHtmldate], rep.Excluded[setHtmldate], rep.Missing[setHtmldate],
		rep.GOMAXPROCS, rep.GoVersion, rep.Passes)

	var ref *summary
	for _, s := range rep.Results {
		if s.Caps&capBody != 0 {
			ref = s
			break
		}
	}
	if ref != nil {
		fmt.Fprintf(&b, "Body: %d pages with snippets; title: %d pages with a title; authors: %d pages with authors; dates: %d pages of the htmldate set, %d of the trafilatura set with a date.\n\n",
			ref.BodyPages, ref.TitPages, ref.AuthPages, ref.DateH.total(), ref.DateT.total())
	} else if len(rep.Results) > 0 {
		s := rep.Results[0]
		fmt.Fprintf(&b, "Dates: %d pages of the htmldate set, %d of the trafilatura set with a date.\n\n", s.DateH.total(), s.DateT.total())
	}

	b.WriteString("| extractor | body P | body R | body F1 | body acc | date acc (htmldate set) | date acc (trafilatura set) | author exact | author names F1 | title exact | title lenient | pages/s (1 core) | pages/CPU-s | errors |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, s := range rep.Results {
		fmt.Fprintf(&b, "%s | %.0f | %.0f | %d |\n", scoreCells(s), s.PagesPerSec, s.PagesPerCPUSec, s.Errors)
	}

	if ref != nil {
		fmt.Fprintf(&b, "\nBody on the %d pages of the trafilatura set whose truth has a date (articles and posts rather than shop, home or about pages):\n\n| extractor | body P | body R | body F1 | body acc |\n|---|---|---|---|---|\n", ref.BodyDatedPages)
		for _, s := range rep.Results {
			if s.Caps&capBody != 0 {
				m := s.BodyDatedM
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", s.Name, f3(m.Precision), f3(m.Recall), f3(m.F1), f3(m.Accuracy))
			}
		}
	}

	for _, s := range rep.Results {
		if s.NotArticle > 0 {
			m := s.BodyKeptM
			fmt.Fprintf(&b, "\n%s flags %d of the %d body pages not_article; counting those as empty, as the corpus keeps them (they do not become articles): body P %s, R %s, F1 %s, accuracy %s.\n",
				s.Name, s.NotArticle, s.BodyPages, f3(m.Precision), f3(m.Recall), f3(m.F1), f3(m.Accuracy))
		}
	}

	writeVerdicts(&b, "archivist against the best of the others, per score:", rep.Results)

	for _, half := range []string{halfDev, halfHeldOut} {
		sums := rep.Halves[half]
		if len(sums) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\nThe %s half (pages whose file name has an %s CRC-32; the extractor's developer looks only at the dev half): %d pages of the trafilatura set, %d of the htmldate set.\n\n",
			half, map[string]string{halfDev: "even", halfHeldOut: "odd"}[half], sums[0].setPages(setTrafilatura), sums[0].setPages(setHtmldate))
		b.WriteString("| extractor | body P | body R | body F1 | body acc | date acc (htmldate set) | date acc (trafilatura set) | author exact | author names F1 | title exact | title lenient |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
		for _, s := range sums {
			b.WriteString(scoreCells(s) + " |\n")
		}
		writeVerdicts(&b, fmt.Sprintf("archivist against the best of the others, %s half:", half), sums)
	}

	b.WriteString("\nCounts (pooled over pages, upstream's way):\n\n| extractor | body tp/fn/fp/tn | date htmldate tp/fn/fp/tn (P, R, F1) | date trafilatura tp/fn/fp/tn | authors exact / same names / pages | names tp/fn/fp (P, R) | titles exact / lenient / pages | slowest page (best of the passes) |\n|---|---|---|---|---|---|---|---|\n")
	for _, s := range rep.Results {
		body, auth, names, tit := "—", "—", "—", "—"
		if s.Caps&capBody != 0 {
			body = s.Body.String()
		}
		if s.Caps&capAuthor != 0 {
			auth = fmt.Sprintf("%d / %d / %d", s.AuthExact, s.AuthSet, s.AuthPages)
			names = fmt.Sprintf("%d/%d/%d (%s, %s)", s.Names.TP, s.Names.FN, s.Names.FP, f3(s.NamesM.Precision), f3(s.NamesM.Recall))
		}
		if s.Caps&capTitle != 0 {
			tit = fmt.Sprintf("%d / %d / %d", s.TitExact, s.TitLen, s.TitPages)
		}
		fmt.Fprintf(&b, "| %s | %s | %s (%s, %s, %s) | %s | %s | %s | %s | %.0f ms (%s) |\n",
			s.Name, body, s.DateH.String(), f3(s.DateHM.Precision), f3(s.DateHM.Recall), f3(s.DateHM.F1),
			s.DateT.String(), auth, names, tit, float64(s.Slowest.Microseconds())/1000, s.SlowestFile)
	}
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("write markdown: %w", err)
	}
	return nil
}

// scoreCells returns the start of a table row: the extractor's name and
// its scores, "—" where it does not produce a field, without the closing
// "|".
func scoreCells(s *summary) string {
	body := [4]string{"—", "—", "—", "—"}
	if s.Caps&capBody != 0 {
		m := s.Body0
		body = [4]string{f3(m.Precision), f3(m.Recall), f3(m.F1), f3(m.Accuracy)}
	}
	auth, names, tex, tlen := "—", "—", "—", "—"
	if s.Caps&capAuthor != 0 {
		auth, names = f3(ratio(float64(s.AuthExact), float64(s.AuthPages))), f3(s.NamesM.F1)
	}
	if s.Caps&capTitle != 0 {
		tex, tlen = f3(ratio(float64(s.TitExact), float64(s.TitPages))), f3(ratio(float64(s.TitLen), float64(s.TitPages)))
	}
	return fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s",
		s.Name, body[0], body[1], body[2], body[3], f3(s.DateHM.Accuracy), f3(s.DateTM.Accuracy), auth, names, tex, tlen)
}

// writeVerdicts writes the comparison of archivist with the best other
// extractor per score, under title; nothing without archivist or others.
func writeVerdicts(b *strings.Builder, title string, sums []*summary) {
	v := verdicts(sums)
	if len(v) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s\n\n| score | archivist | best other | by | archivist >= best |\n|---|---|---|---|---|\n", title)
	for _, x := range v {
		mark := "yes"
		if x.ours < x.best {
			mark = fmt.Sprintf("no (%+.3f)", x.ours-x.best)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", x.name, f3(x.ours), f3(x.best), x.by, mark)
	}
}

// setPages counts the pages of set that s scored.
func (s *summary) setPages(set string) int {
	n := 0
	for _, r := range s.results {
		if r.Set == set {
			n++
		}
	}
	return n
}

func (c counts) String() string { return fmt.Sprintf("%d/%d/%d/%d", c.TP, c.FN, c.FP, c.TN) }

func (c counts) total() int { return c.TP + c.FN + c.FP + c.TN }

func f3(v float64) string { return fmt.Sprintf("%.3f", v) }

// verdict compares archivist's value of one score with the best other
// extractor's.
type verdict struct {
	name       string
	ours, best float64
	by         string
}

// verdicts lists, for each score the Done-when sentence of issue 3 names
// (body, title, date, author), archivist's value and the best of the
// other extractors that produce it. It is empty without archivist or
// without any other extractor.
func verdicts(sums []*summary) []verdict {
	var ours *summary
	for _, s := range sums {
		if s.Name == "archivist" {
			ours = s
		}
	}
	if ours == nil {
		return nil
	}
	type score struct {
		name string
		cap  int
		get  func(*summary) float64
	}
	scores := []score{
		{"body F1 (snippets)", capBody, func(s *summary) float64 { return s.Body0.F1 }},
		{"body accuracy (snippets)", capBody, func(s *summary) float64 { return s.Body0.Accuracy }},
		{"date accuracy, htmldate set", capDate, func(s *summary) float64 { return s.DateHM.Accuracy }},
		{"date accuracy, trafilatura set", capDate, func(s *summary) float64 { return s.DateTM.Accuracy }},
		{"author exact", capAuthor, func(s *summary) float64 { return ratio(float64(s.AuthExact), float64(s.AuthPages)) }},
		{"author names F1", capAuthor, func(s *summary) float64 { return s.NamesM.F1 }},
		{"title exact", capTitle, func(s *summary) float64 { return ratio(float64(s.TitExact), float64(s.TitPages)) }},
		{"title lenient", capTitle, func(s *summary) float64 { return ratio(float64(s.TitLen), float64(s.TitPages)) }},
	}
	var out []verdict
	for _, sc := range scores {
		v := verdict{name: sc.name, ours: sc.get(ours), best: -1}
		for _, s := range sums {
			if s == ours || s.Caps&sc.cap == 0 {
				continue
			}
			if x := sc.get(s); x > v.best {
				v.best, v.by = x, s.Name
			}
		}
		if v.best >= 0 {
			out = append(out, v)
		}
	}
	return out
}
