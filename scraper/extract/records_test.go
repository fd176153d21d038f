package extract

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// blockFeatures parses page (scripting on or off, as the two parses of
// extractArticle do) and returns its blocks, features and record groups.
func blockFeatures(tb testing.TB, page []byte, scripting bool) ([]block, [][nFeat]float64, []int32) {
	tb.Helper()
	d, err := Parse(Input{Body: page, URL: "https://forum.example/t/1", ContentType: "text/html; charset=utf-8"}, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	root := d.root
	if !scripting {
		if root, err = html.ParseWithOptions(bytes.NewReader(d.html), html.ParseOptionEnableScripting(false)); err != nil {
			tb.Fatal(err)
		}
	}
	p := newPage(goquery.NewDocumentFromNode(root), d.base, d.fetched)
	tb.Cleanup(p.release)
	p.extract(d.opts)
	return p.x.featureBlocks(p.bodyNode, p.sel, nil)
}

// blockOf returns the index of the block whose text is t, or fails.
func blockOf(tb testing.TB, bs []block, t string) int {
	tb.Helper()
	for i, b := range bs {
		if b.text == t {
			return i
		}
	}
	tb.Fatalf("no block %q", t)
	return -1
}

// TestRecordFeatures checks the record features on a thread of our own:
// the four posts are one group of records, the posts' template lines
// ("Reply with quote", "Posts: N") repeat, their messages do not, and
// the menus outside the thread are no record of it.
func TestRecordFeatures(t *testing.T) {
	page, err := os.ReadFile("testdata/blocks/thread_records.html")
	if err != nil {
		t.Fatal(err)
	}
	bs, fs, groups := blockFeatures(t, page, true)
	msg := blockOf(t, bs, "Crazing usually means the glaze shrinks more than the clay as it cools. Try a glaze made for your cone and clay, or add a little silica to the one you have.")
	reply := blockOf(t, bs, "Reply with quote")
	count := blockOf(t, bs, "Posts: 873")
	title := blockOf(t, bs, "Which glaze for a first stoneware mug?")
	if groups[msg] == 0 || groups[msg] != groups[reply] || groups[msg] != groups[count] {
		t.Errorf("groups: message %d, reply %d, count %d; want one group", groups[msg], groups[reply], groups[count])
	}
	if groups[title] != 0 {
		t.Errorf("the h1 is in group %d, want none", groups[title])
	}
	if fs[msg][fRecord] != 1 || fs[msg][fGroupSize] <= 0 || fs[msg][fGroupShare] <= 0.5 {
		t.Errorf("message: record %v, group size %v, group share %v", fs[msg][fRecord], fs[msg][fGroupSize], fs[msg][fGroupShare])
	}
	for _, c := range []struct {
		i      int
		repeat float64
	}{{msg, 0}, {reply, 1}, {count, 1}, {title, 0}} {
		if fs[c.i][fRepeat] != c.repeat || fs[c.i][fRepeatRec] != c.repeat {
			t.Errorf("%q: repeat %v, in a record %v; want %v", bs[c.i].text, fs[c.i][fRepeat], fs[c.i][fRepeatRec], c.repeat)
		}
	}
}

// TestRecordGroupsWrappers checks that a page's wrappers, one big and
// two small siblings of one shape, are no group.
func TestRecordGroupsWrappers(t *testing.T) {
	long := strings.Repeat("Plain words of the page's one long text go on here. ", 30)
	page := `<html><body><div class="box">Top line of the page</div><div class="box"><p>` + long + `</p></div><div class="box">Bottom line of the page</div></body></html>`
	_, _, groups := blockFeatures(t, []byte(page), true)
	for i, g := range groups {
		if g != 0 {
			t.Errorf("block %d in group %d, want none", i, g)
		}
	}
}

// TestFeatureBlocksNoscript checks that the block model reads the posts
// a forum serves in <noscript> once the page is parsed with scripting
// off (extractArticle's second parse), as the content walk does.
func TestFeatureBlocksNoscript(t *testing.T) {
	page := `<html><body><div id="app">Loading</div><noscript><div class="posts">` +
		`<div class="post"><p>The first post of the thread asks how long a bisque firing should take for small pots.</p></div>` +
		`<div class="post"><p>The second post answers that eight to ten hours with a slow start is a safe schedule.</p></div>` +
		`</div></noscript></body></html>`
	bs, _, _ := blockFeatures(t, []byte(page), false)
	var texts []string
	for _, b := range bs {
		texts = append(texts, b.text)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"The first post of the thread", "The second post answers"} {
		if !strings.Contains(all, want) {
			t.Errorf("blocks lack %q:\n%s", want, all)
		}
	}
}
