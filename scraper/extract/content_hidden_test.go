package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestIsShownCopyLink: a link hidden from screen readers and taken out
// of the tab order is read when it is the only copy of its text (a
// card's teaser linked again); not when a neighbour says the same (an
// overlay link wrapping a heading's words), nor when it is no link, is
// still in the tab order or holds a few words only.
func TestIsShownCopyLink(t *testing.T) {
	tests := []struct {
		name, frag string
		want       bool
	}{
		{"teaser", `<p><a href="/s/1" aria-hidden="true" tabindex="-1">The ferry runs twice a day again from Monday, the harbour office said.</a></p>`, true},
		{"heading copy", `<h2><a href="/s/1" aria-hidden="true" tabindex="-1"><span>Ferries return</span></a>Ferries return</h2>`, false},
		{"heading copy before", `<h2><a href="/s/1">Ferries return</a> <a href="/s/1" aria-hidden="true" tabindex="-1">Ferries return</a></h2>`, false},
		{"in tab order", `<p><a href="/s/1" aria-hidden="true">The ferry runs twice a day again from Monday.</a></p>`, false},
		{"no link", `<p><span aria-hidden="true" tabindex="-1">The ferry runs twice a day again from Monday.</span></p>`, false},
		{"short link", `<div><a href="/s/1" aria-hidden="true" tabindex="-1">Read the story</a></div>`, false},
		{"image only", `<p><a href="/s/1" aria-hidden="true" tabindex="-1"><img src="/f.jpg" alt=""></a></p>`, false},
		// The copy in a wrapper of its own (a card's overlay) is compared
		// with the wrapper's neighbours; "Read more:" and the title, in
		// any language or case, is the title's copy; a teaser beside a byline it
		// does not repeat is read.
		{"overlay in a wrapper", `<div class="card"><h3><a href="/s/1">Ferries return to the outer islands after the long winter</a></h3><div class="overlay"><a href="/s/1" aria-hidden="true" tabindex="-1">Ferries return to the outer islands after the long winter</a></div></div>`, false},
		{"read more and the title", `<div class="card"><h3><a href="/s/1">Ferries return to the outer islands after the long winter</a></h3><p>The council will hear the plans next month.</p><a href="/s/1" aria-hidden="true" tabindex="-1">Read more: Ferries return to the outer islands after the long winter</a></div>`, false},
		{"lire la suite", `<div class="card"><h3><a href="/s/1">Les ferries reviennent vers les îles après le long hiver</a></h3><a href="/s/1" aria-hidden="true" tabindex="-1">Lire la suite : les ferries reviennent vers les îles après le long hiver</a></div>`, false},
		{"teaser beside a byline", `<div class="card"><h3><a href="/s/1">Ferries return</a></h3><p><a href="/s/1" aria-hidden="true" tabindex="-1">The ferry runs twice a day again from Monday, the harbour office said.</a></p><p>Ann Reed</p></div>`, true},
		// Slides of a carousel side by side, hidden but the one shown:
		// their clones repeat them, so none is read.
		{"carousel slides", `<div class="track"><a href="/s/1" aria-hidden="true" tabindex="-1">Ferries return to the outer islands after the long winter</a><a href="/s/2" aria-hidden="true" tabindex="-1">Harbour wall repairs finish three weeks early this spring</a></div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tt.frag))
			if err != nil {
				t.Fatal(err)
			}
			n := findHidden(doc)
			if n == nil {
				t.Fatal("no aria-hidden element")
			}
			if got := isShownCopyLink(n); got != tt.want {
				t.Errorf("isShownCopyLink = %v, want %v", got, tt.want)
			}
			if n.DataAtom == atom.A && isHidden(n) == tt.want {
				t.Errorf("isHidden = %v, want %v", isHidden(n), !tt.want)
			}
		})
	}
}

// findHidden returns the first element of the tree with aria-hidden.
func findHidden(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && attr(n, "aria-hidden") == "true" {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if h := findHidden(c); h != nil {
			return h
		}
	}
	return nil
}

// TestShownCopyLinkPage: a topic page whose cards link their teasers a
// second time, hidden from screen readers, keeps the teasers; the
// overlay links that repeat each heading's words add no second copy.
func TestShownCopyLinkPage(t *testing.T) {
	titles := []string{"Ferries return to the outer islands", "Harbour wall repairs finish early", "New pilot boat named after a lifeboat crew", "Lighthouse opens for summer visits", "Fish market moves to the old customs house"}
	var sb strings.Builder
	sb.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour | Coast News</title></head><body><main><h1>Harbour</h1><section>`)
	for i, ti := range titles {
		u := "/2026/03/0" + string(rune('1'+i)) + "/story"
		sb.WriteString(`<article class="river"><h2><a href="` + u + `" class="overlay" aria-hidden="true" tabindex="-1"><span>` + ti + `</span></a><a href="` + u + `">` + ti + `</a></h2>` +
			`<p class="desc"><a href="` + u + `" aria-hidden="true" tabindex="-1">Teaser number ` + string(rune('1'+i)) + `: the harbour master told the council what the week's work on the quay had shown them.</a></p>` +
			`<a class="author" href="/author/ann">Ann Reed</a></article>`)
	}
	sb.WriteString(`</section></main></body></html>`)
	art, err := Extract(Input{Body: []byte(sb.String()), URL: "https://coast-news.example/topic/harbour", ContentType: "text/html", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(art.Text, "the harbour master told the council"); n != len(titles) {
		t.Errorf("text has %d teasers, want %d:\n%s", n, len(titles), art.Text)
	}
	if n := strings.Count(art.Text, titles[1]); n != 1 {
		t.Errorf("text has %q %d times, want once:\n%s", titles[1], n, art.Text)
	}
}

// TestShownCopyLinkCopies: on a topic page, hidden copies of each card's
// title (an overlay link in a wrapper of its own, a "Read more:" link,
// a carousel's cloned slides) add no second copy of the title, and the
// teaser a card links again, hidden, is still read.
func TestShownCopyLinkCopies(t *testing.T) {
	titles := []string{"Ferries return to the outer islands after the long winter", "New pilot boat named after the lifeboat crew of the storm", "Lighthouse opens for summer visits with a show on its keepers"}
	hidden := func(u, text string) string {
		return `<a href="` + u + `" aria-hidden="true" tabindex="-1">` + text + `</a>`
	}
	card := func(i int, copyOf func(u, title string) string) string {
		u := "/2026/03/0" + string(rune('1'+i)) + "/story"
		return `<div class="card"><h3><a href="` + u + `">` + titles[i] + `</a></h3>` + copyOf(u, titles[i]) +
			`<p>` + hidden(u, "Teaser: the harbour master told the council what the week's work had shown.") + `</p></div>`
	}
	tests := []struct {
		name   string
		copyOf func(u, title string) string
		track  bool // the titles in a carousel too, cloned
	}{
		{"overlay in a wrapper", func(u, ti string) string { return `<div class="overlay">` + hidden(u, ti) + `</div>` }, false},
		{"read more", func(u, ti string) string { return hidden(u, "Read more: "+ti) }, false},
		{"carousel clones", func(string, string) string { return "" }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sb strings.Builder
			sb.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour | Coast News</title></head><body><main><h1>Harbour</h1><p>Stories about the harbour, its boats and the people who work there.</p>`)
			if tt.track {
				sb.WriteString(`<div class="track">` + hidden("/s/3", titles[2]) + `<a href="/s/1">` + titles[0] + `</a>` + hidden("/s/2", titles[1]) + hidden("/s/3", titles[2]) + hidden("/s/1", titles[0]) + `</div>`)
			}
			for i := range titles {
				sb.WriteString(card(i, tt.copyOf))
			}
			sb.WriteString(`</main></body></html>`)
			art, err := Extract(Input{Body: []byte(sb.String()), URL: "https://coast-news.example/topic/harbour", ContentType: "text/html", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(art.Text, titles[1]); n != 1 {
				t.Errorf("text has %q %d times, want once:\n%s", titles[1], n, art.Text)
			}
			if n := strings.Count(art.Text, "the harbour master told the council"); n != len(titles) {
				t.Errorf("text has %d teasers, want %d:\n%s", n, len(titles), art.Text)
			}
		})
	}
}

// TestMachineStamp: a schema.org date property stated as text in the
// form written for machines, beside the stamp readers see, is the
// crawlers' copy of a stamp; a <time>, a date without a clock, a stamp
// readers read ("Oct 17", "2024-05-03 10:09"), a stamp alone and other
// properties are not.
func TestMachineStamp(t *testing.T) {
	const seen = `<span>Oct 17, 2010 at 1:03</span>`
	tests := []struct {
		frag string
		want bool
	}{
		{`<div itemprop="datePublished">2010-10-17 01:03:31 &#x2B;00:00</div>` + seen, true},
		{`<span itemprop="dateCreated">2024-05-03T10:09:38Z</span>` + seen, true},
		{`<time itemprop="datePublished">2010-10-17 01:03:31</time>` + seen, false},
		{`<div itemprop="datePublished">2010-10-17</div>` + seen, false},
		{`<div itemprop="datePublished">Oct 17, 2010 at 1:03</div>` + seen, false},
		{`<div itemprop="name">2010-10-17 01:03:31</div>` + seen, false},
		{`<div itemprop="datePublished"><b>2010-10-17 01:03:31</b></div>` + seen, false},
		{`<span itemprop="dateCreated">2024-05-03 10:09</span>` + seen, false},
		{`<span itemprop="dateCreated">2024-05-03 10:09:38</span>` + seen, false},
		{`<span itemprop="dateCreated">2024-05-03T10:09:38+02:00</span><a href="/u/alice">alice</a>`, false},
		{`<span itemprop="dateCreated">2024-05-03T10:09:38+02:00</span>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.frag, func(t *testing.T) {
			n := mustParseFragment(t, tt.frag)
			if got := machineStamp(n, attr(n, "itemprop")); got != tt.want {
				t.Errorf("machineStamp = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestMachineStampPage: on a thread whose posts print their stamps in
// ISO form with a schema.org itemprop, the stamps readers see stay; the
// crawlers' copy of a stamp beside a readable one goes.
func TestMachineStampPage(t *testing.T) {
	art := extractTestPage(t, "forumheads", "isostamps", "https://island-forum.example/t/sunday-ferry-moved.412/")
	checkText(t, art.Text, []string{"bob 2024-05-03 11:42", "carol 2024-05-03 13:05", "dave May 4, 2024 at 8:15"},
		[]string{"08:15:00"})
}
