package corpus

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestDecodeList: the fast path decodes what encoding/json decodes, and
// leaves to it every array it cannot split plainly.
func TestDecodeList(t *testing.T) {
	for _, s := range []string{`[]`, `["a"]`, `["Jane Doe","John Roe"]`, `[""]`, `["",""]`, `["é€😀"]`,
		`["a\"b"]`, `["a\\b"]`, `["\u003cb\u003e"]`, `["a","b\u2028"]`, `["a]","[b"]`, `["a", "b"]`, ` ["a"]`,
		`["a",]`, `["a"x]`, `["a`, `[`, `null`, ``, `["\xff"]`, "[\"a\tb\"]", `["a","b","c"]`, `[1]`, `["a"]]`} {
		want := []string{}
		json.Unmarshal([]byte(s), &want)
		if want == nil {
			want = []string{}
		}
		got := decodeList(s)
		if got == nil || !slices.Equal(got, want) {
			t.Errorf("decodeList(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestArticlesByIDChunks: an id list longer than a chunk keeps its order
// across chunks, repeats an id given twice (as a copy) and skips unknown
// ids.
func TestArticlesByIDChunks(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	capID := addCapture(t, db, &Capture{RequestedURL: "http://a.test/1", URL: "http://a.test/1", Status: 200, Body: []byte("x")})
	var ids []int64
	for _, title := range []string{"One", "Two", "Three"} {
		a := &Article{URL: "http://a.test/" + title, Site: "a.test", Title: title, Authors: []string{"A"}, CaptureID: capID}
		ids = append(ids, putArticle(t, db, a, a.URL))
	}
	f := ArticleFilter{IDs: []int64{ids[2], ids[0]}}
	for i := range idChunk + 10 {
		f.IDs = append(f.IDs, int64(1000+i)) // unknown
		if i == idChunk-3 {
			f.IDs = append(f.IDs, ids[1], ids[2], ids[1]) // straddles the first chunk's end
		}
	}
	f.IDs = append(f.IDs, ids[0])
	var titles []string
	seen := map[*Article]bool{}
	err := db.Articles(ctx, f, func(a *Article) error {
		if seen[a] {
			t.Errorf("article %d handed over twice as the same value", a.ID)
		}
		seen[a] = true
		if err := a.CheckDigest(); err != nil {
			t.Errorf("article %d: %v", a.ID, err)
		}
		titles = append(titles, a.Title)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(titles, "|"), "Three|One|Two|Three|Two|One"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
