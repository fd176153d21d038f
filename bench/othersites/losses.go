package main

import (
	"fmt"
	"io"
	"strings"
)

// writeLosses lists, per score, up to n pages where archivist is wrong
// and at least one other extractor is right, with the truth and both
// outputs: material for finding general causes, not a list of pages to
// fix one by one (see README.md).
func writeLosses(w io.Writer, sums []*summary, n int) error {
	var ours *summary
	var others []*summary
	for _, s := range sums {
		if s.Name == "archivist" {
			ours = s
		} else {
			others = append(others, s)
		}
	}
	if ours == nil || len(others) == 0 {
		return nil
	}
	type loss struct {
		title string
		lost  func(a, o pageResult) (string, bool)
	}
	losses := []loss{
		{"body: a snippet archivist misses (or wrongly keeps) and another does not", func(a, o pageResult) (string, bool) {
			if a.Body == nil || o.Body == nil {
				return "", false
			}
			missed := without(a.Missed, o.Missed)
			unwanted := without(a.Unwanted, o.Unwanted)
			if len(missed)+len(unwanted) == 0 {
				return "", false
			}
			return fmt.Sprintf("missed %q, kept %q; archivist text %d bytes, flags %q", missed, unwanted, a.TextLen, a.Flags), true
		}},
		{"date", func(a, o pageResult) (string, bool) {
			if a.DateOK == nil || o.DateOK == nil || *a.DateOK || !*o.DateOK {
				return "", false
			}
			return fmt.Sprintf("want %q, archivist %q", a.WantDate, a.GotDate), true
		}},
		{"authors (exact)", func(a, o pageResult) (string, bool) {
			if a.AuthorOK == nil || o.AuthorOK == nil || *a.AuthorOK || !*o.AuthorOK {
				return "", false
			}
			return fmt.Sprintf("want %q, archivist %q", strings.Join(a.WantAuthors, "; "), a.GotAuthor), true
		}},
		{"title (exact)", func(a, o pageResult) (string, bool) {
			if a.TitleOK == nil || o.TitleOK == nil || *a.TitleOK || !*o.TitleOK {
				return "", false
			}
			return fmt.Sprintf("want %q, archivist %q", a.WantTitle, a.GotTitle), true
		}},
	}
	var b strings.Builder
	for _, l := range losses {
		var lines []string
		total := 0
		for i, a := range ours.results {
			for _, o := range others {
				if i >= len(o.results) {
					continue
				}
				if msg, ok := l.lost(a, o.results[i]); ok {
					total++
					if len(lines) < n {
						lines = append(lines, fmt.Sprintf("- %s (%s set, %s right): %s", a.File, a.Set, o.Name, msg))
					}
					break
				}
			}
		}
		fmt.Fprintf(&b, "\narchivist loses on %s: %d pages", l.title, total)
		if total > len(lines) {
			fmt.Fprintf(&b, " (first %d)", len(lines))
		}
		b.WriteString("\n\n")
		for _, s := range lines {
			b.WriteString(s + "\n")
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write losses: %w", err)
	}
	return nil
}

// without returns the items of a that are not in b.
func without(a, b []string) []string {
	var out []string
	for _, s := range a {
		found := false
		for _, t := range b {
			if s == t {
				found = true
				break
			}
		}
		if !found {
			out = append(out, s)
		}
	}
	return out
}
