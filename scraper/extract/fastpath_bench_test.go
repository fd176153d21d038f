package extract

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// fastPathInputs are the class and id values of the benchmark pages' elements
// and the lines and heads of their extracted texts: what the fast paths of
// perf12 (postClassMarks, kindMarks, isCallToAction, stopwordCounts) read.
type fastPathInputs struct {
	classes, lines, heads []string
}

func loadFastPathInputs(b *testing.B) fastPathInputs {
	b.Helper()
	var in fastPathInputs
	for _, pg := range loadBench(b) {
		root, err := html.Parse(bytes.NewReader(pg.html))
		if err != nil {
			b.Fatal(err)
		}
		for n := range root.Descendants() {
			for _, a := range n.Attr {
				if a.Key == "class" || a.Key == "id" {
					in.classes = append(in.classes, a.Val)
				}
			}
		}
		art, err := Extract(Input{Body: pg.html, URL: pg.url})
		if err != nil {
			b.Fatal(err)
		}
		for _, l := range strings.Split(art.Text, "\n") {
			if len(l) <= 300 {
				in.lines = append(in.lines, l)
			}
		}
		in.heads = append(in.heads, head(art.Text, detectBytes))
	}
	return in
}

// BenchmarkFastPaths times each function of perf12 against the version it
// replaced (kept in the tests as the reference), on the same inputs.
func BenchmarkFastPaths(b *testing.B) {
	in := loadFastPathInputs(b)
	b.Logf("%d class/id values, %d short lines, %d texts", len(in.classes), len(in.lines), len(in.heads))
	run := func(name string, f func()) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f()
			}
		})
	}
	run("postClassMarks/new", func() {
		for _, v := range in.classes {
			postClassMarks(v)
		}
	})
	run("postClassMarks/old", func() {
		for _, v := range in.classes {
			_ = indexFoldLoop(v, "date") >= 0 || indexFoldLoop(v, "time") >= 0
			for _, w := range userClassWords {
				if indexFoldLoop(v, w) >= 0 {
					break
				}
			}
		}
	})
	run("kindMarks/new", func() {
		for _, v := range in.classes {
			kindMarks(v, nil)
		}
	})
	run("kindMarks/old", func() {
		for _, v := range in.classes {
			kindMarksSlow(v)
		}
	})
	run("isCallToAction/new", func() {
		for _, l := range in.lines {
			isCallToAction(l)
		}
	})
	run("isCallToAction/old", func() {
		for _, l := range in.lines {
			isCallToActionRE(l)
		}
	})
	run("stopwordCounts/new", func() {
		for _, t := range in.heads {
			stopwordCounts(t)
		}
	})
	run("stopwordCounts/old", func() {
		for _, t := range in.heads {
			stopwordCountsSlow(t)
		}
	})
}
