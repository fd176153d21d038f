package extract

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html/atom"
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
