package extract

import (
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestStreamed: a page sent by streaming server rendering is read as its
// script shows it: each hidden segment the runtime's calls move goes
// into its boundary or placeholder, in the story's order, and the
// fallback ("Loading…") goes; segments that fill a rail or a comment
// section stay out as they would if rendered in place, and a hidden
// segment that no call moves stays hidden.
func TestStreamed(t *testing.T) {
	tests := []struct {
		name       string
		wantInText []string // in this order
		notInText  []string
	}{
		// The body cut in three: the lead in the shell, the middle in a
		// boundary's segment, the end in a segment placeholder inside
		// that one ($RS); a "more" rail filled by a third call.
		{name: "split_segments",
			wantInText: []string{"Every morning at a quarter to six", "one day in five.", "The county has tried three times",
				"swam alongside the ferry", "When he retires next spring", "every dog that rides across", "someone else unlock the chain."},
			notInText: []string{"Loading", "Lighthouse on the outer skerry", "All rights reserved"}},
		// React's external runtime: the call is a <template data-rci>.
		{name: "external_runtime",
			wantInText: []string{"A starter is a community", "fourteen countries", "like the jar it came from."},
			notInText:  []string{"Loading the story"}},
		// A hidden panel with an id like a segment's, never called for.
		{name: "no_call",
			wantInText: []string{"six-month trial of night buses", "a large share of a night's pay."},
			notInText:  []string{"Tell us what you think", "every answer is read"}},
		// The segment fills a rail of other stories beside the article.
		{name: "streamed_rail",
			wantInText: []string{"The school in Lower Marsh closed in 1985", "three weekends in the summer."},
			notInText:  []string{"Loading", "Bridge repairs", "six years in a car park", "folk songs", "opening hours", "inbox every Friday"}},
		// A segment of prose from another story fills a sidebar.
		{name: "streamed_aside",
			wantInText: []string{"Work on the eastern harbour wall finished", "surveyed the foundations at low tide."},
			notInText:  []string{"Loading", "Fifty years ago", "blocks brought by rail"}},
		// The segment fills the comment section after the article.
		{name: "streamed_comments",
			wantInText: []string{"We pitched three tents", "kept the boots dry."},
			notInText:  []string{"Loading comments", "seam sealer", "back garden in June"}},
		// An article quoting the runtime's call in code: only scripts
		// call; the hidden note the page never calls for stays out.
		{name: "quoted_call",
			wantInText: []string{"With streaming rendering the server sends", `$RC("B:0","S:0")`, "matters more than it seems."},
			notInText:  []string{"This note is hidden", "Nothing moves it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "stream", tt.name, "https://news.example/story/"+tt.name)
			checkText(t, art.Text, tt.wantInText, tt.notInText)
			last := -1
			for _, s := range tt.wantInText {
				if i := strings.Index(art.Text, s); i >= 0 {
					if i < last {
						t.Errorf("%q out of order", s)
					}
					last = i
				}
			}
		})
	}
}

// TestCompleteStreamed: the runtime's calls done on a tree, including the
// cases that must leave it alone.
func TestCompleteStreamed(t *testing.T) {
	tests := []struct {
		name, in, want string
		moved          bool
	}{
		{"boundary", `<p>a</p><!--$?--><template id="B:0"></template><p>Loading</p><!--/$--><p>c</p><div hidden id="S:0"><p>b</p></div><script>$RC("B:0","S:0")</script>`,
			`<p>a</p><!--$--><p>b</p><!--/$--><p>c</p><script>$RC("B:0","S:0")</script>`, true},
		{"nested fallback", `<!--$?--><template id="B:0"></template><div><!--$--><p>x</p><!--/$--></div><!--$--><p>y</p><!--/$--><!--/$--><p>c</p><div hidden id="S:0"><p>b</p></div><script>$RC("B:0","S:0")</script>`,
			`<!--$--><p>b</p><!--/$--><p>c</p><script>$RC("B:0","S:0")</script>`, true},
		{"no marks", `<template id="B:0"></template><p>Loading</p><div hidden id="S:0"><p>b</p></div><script>$RC("B:0","S:0")</script>`,
			`<p>b</p><p>Loading</p><script>$RC("B:0","S:0")</script>`, true},
		{"segment", `<p>a</p><template id="P:1"></template><p>c</p><div hidden id="S:1"><p>b</p></div><script>$RS("S:1","P:1")</script>`,
			`<p>a</p><p>b</p><p>c</p><script>$RS("S:1","P:1")</script>`, true},
		{"no call", `<p>a</p><template id="B:0"></template><div hidden id="S:0"><p>b</p></div>`,
			`<p>a</p><template id="B:0"></template><div hidden="" id="S:0"><p>b</p></div>`, false},
		{"missing segment", `<p>a</p><template id="B:0"></template><script>$RC("B:0","S:0")</script>`,
			`<p>a</p><template id="B:0"></template><script>$RC("B:0","S:0")</script>`, false},
		{"segment in the fallback", `<!--$?--><template id="B:0"></template><div hidden id="S:0"><p>b</p></div><!--/$--><p>c</p><script>$RC("B:0","S:0")</script>`,
			`<!--$--><p>b</p><!--/$--><p>c</p><script>$RC("B:0","S:0")</script>`, true},
		{"segment not prose", `<p>a</p><template id="P:1"></template><p>c</p><div hidden id="S:9"><p>b</p></div><script>$RS("S:9","P:1")</script>`,
			`<p>a</p><template id="P:1"></template><p>c</p><div hidden="" id="S:9"><p>b</p></div><script>$RS("S:9","P:1")</script>`, false},
		{"boundary inside its segment", `<div hidden id="S:0"><template id="B:0"></template><p>b</p></div><script>$RC("B:0","S:0")</script>`,
			`<div hidden="" id="S:0"><template id="B:0"></template><p>b</p></div><script>$RC("B:0","S:0")</script>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(`<html><head></head><body>` + tt.in + `</body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			body := doc.FirstChild.LastChild
			// Every segment but S:9 counts as prose here.
			var segs []*html.Node
			ids := make(map[string]*html.Node)
			var ops []streamOp
			gatherStreamed(body, ids, &ops, 0)
			for id, n := range ids {
				if strings.HasPrefix(id, "S:") && id != "S:9" {
					segs = append(segs, n)
				}
			}
			moved := completeStreamed(body, segs)
			var b strings.Builder
			for c := body.FirstChild; c != nil; c = c.NextSibling {
				if err := html.Render(&b, c); err != nil {
					t.Fatal(err)
				}
			}
			if moved != tt.moved || b.String() != tt.want {
				t.Errorf("moved %v, tree\n%s\nwant moved %v,\n%s", moved, b.String(), tt.moved, tt.want)
			}
		})
	}
}

// FuzzCompleteStreamed: any arrangement of boundaries, segments,
// placeholders and calls leaves a tree that renders, without a panic.
func FuzzCompleteStreamed(f *testing.F) {
	f.Add(`<!--$?--><template id="B:0"></template><div hidden id="S:0"><p>b</p></div><!--/$--><script>$RC("B:0","S:0")</script>`)
	f.Add(`<div hidden id="S:1"><template id="P:1"></template></div><script>$RS("S:1","P:1");$RS("S:1","P:1")</script>`)
	f.Add(`<template id="P:0"></template><div hidden id="S:0"><template id="B:0"></template></div><script>$RS("S:0","P:0");$RC("B:0","S:0")</script>`)
	f.Fuzz(func(t *testing.T, in string) {
		doc, err := html.Parse(strings.NewReader(in))
		if err != nil {
			return
		}
		var segs []*html.Node
		ids := make(map[string]*html.Node)
		var ops []streamOp
		gatherStreamed(doc, ids, &ops, 0)
		for _, n := range ids {
			segs = append(segs, n)
		}
		completeStreamed(doc, segs)
		if err := html.Render(io.Discard, doc); err != nil {
			t.Fatal(err)
		}
	})
}
