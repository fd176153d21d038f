package extract

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// TestTeaserGroupsTermPairs: a description list's term and description
// are one item of a run (teaserGroups), so a list of papers whose terms
// link the paper and whose descriptions link its authors is a run of
// six, not six runs broken by the other tag; a list whose descriptions
// alone are the linked blocks, and a run of <dd>s under no term, are
// counted as before.
func TestTeaserGroupsTermPairs(t *testing.T) {
	item := func(i int) string {
		return fmt.Sprintf(`<dt><a href="/abs/%d">arXiv:2612.0400%d</a> [<a href="/pdf/%d">pdf</a>, <a href="/html/1">html</a>]</dt>`+
			`<dd><div>Title: A study of tides in the northern firths, part %d</div>`+
			`<div><a href="/author/a%d">A. Berg</a>, <a href="/author/b%d">K. Tanaka</a></div></dd>`, i, i, i, i, i, i)
	}
	var pairs strings.Builder
	for i := 1; i <= 6; i++ {
		pairs.WriteString(item(i))
	}
	tests := []struct {
		name, list string
		items      int
	}{
		{"terms and descriptions alternate", pairs.String(), 6},
		{"descriptions only", strings.Repeat(`<dd><a href="/abs/1">A study of tides in the northern firths</a></dd>`, 5), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `<html><body><h1>Recent papers</h1><dl class="x1">` + tt.list + `</dl></body></html>`
			p := pageOfString(t, src, "https://papers.example/list/recent")
			defer p.release()
			var dl = -1
			for i, n := range p.x.nodes {
				if n.DataAtom == atom.Dl {
					dl = i
				}
			}
			if dl < 0 {
				t.Fatal("no <dl>")
			}
			if got := teaserGroups(p.x, p.x.nodes[dl], nil); got.items != tt.items || got.groups != 1 {
				t.Errorf("teaserGroups = %+v, want %d items in 1 run", got, tt.items)
			}
		})
	}
}

// TestTermPairsKeepType: pages whose description lists are no list of
// links to other pages keep their type now that a term and its
// description make one item: an article with a glossary of linked terms,
// and a documentation page of options (pages written for this test).
func TestTermPairsKeepType(t *testing.T) {
	terms := func(n int, term, desc string) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, `<dt><a href="/glossary/t%d">`+term+`</a></dt><dd>`+desc+`</dd>`, i, i, i)
		}
		return b.String()
	}
	tests := []struct{ name, url, page, want string }{
		{"glossary in an article", "https://gazette.example/news/2024/03/planning-words",
			`<html><head><title>Planning words explained - Harbour Gazette</title><meta property="og:type" content="article"></head><body>` +
				`<main><article><h1>Planning words explained</h1><p>By Ann Reed, 3 March 2024</p>` +
				`<p>The council published its new planning guide on Monday, and it sets out how residents can object to building works near their homes.</p>` +
				`<dl>` + terms(12, "Planning term number %d", "What term %d means.") + `</dl>` +
				`<p>Residents have 21 days to object once a notice goes up, the council said.</p></article></main></body></html>`,
			corpus.PageTypeArticle},
		{"options of a tool", "https://tool.example/docs/options",
			`<html><head><title>Options - tool 2.1 documentation</title></head><body><main><h1>Options</h1>` +
				`<p>The tool reads its options from the command line.</p>` +
				`<dl>` + terms(12, "<code>--option-%d</code>", "Sets limit %d of the tool. The default is zero, which turns the limit off; see the section on limits.") + `</dl></main></body></html>`,
			corpus.PageTypeDocumentation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: []byte(tt.page), URL: tt.url, FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != tt.want {
				t.Errorf("page type %q, want %q", art.PageType, tt.want)
			}
		})
	}
}
