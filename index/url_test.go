package index

import (
	"slices"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestURLField: url: finds an article by its whole URL, as written, or by
// a pattern.
func TestURLField(t *testing.T) {
	ix := MustMemIndex(t, []*corpus.Article{
		{ID: 1, URL: "https://news.example.com/2024/05/Budget-Vote.html", Title: "Budget vote", Text: "The budget."},
		{ID: 2, URL: "https://news.example.com/2023/01/other.html", Title: "Other", Text: "Another budget."},
	})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{`url:"https://news.example.com/2024/05/Budget-Vote.html"`, []string{"https://news.example.com/2024/05/Budget-Vote.html"}},
		{`url:"https://news.example.com/2024/05/budget-vote.html"`, []string{}},
		{`url:https\://news.example.com/2023/*`, []string{"https://news.example.com/2023/01/other.html"}},
		{`budget AND NOT url:"https://news.example.com/2023/01/other.html"`, []string{"https://news.example.com/2024/05/Budget-Vote.html"}},
	} {
		got := hitURLs(MustSearch(t, ix, Request{Query: tc.q}))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.q, got, tc.want)
		}
	}
}
