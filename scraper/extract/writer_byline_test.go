package extract

import (
	"slices"
	"testing"
)

// TestWriterByline: "writer" names a byline as a whole class word only;
// the word inside another ("ghostwriter", "typewriter", "writers-guild")
// names something else, and such an element before the story's byline
// must not become its author.
func TestWriterByline(t *testing.T) {
	story := `<h1>Ferry keeps early crossing</h1>` +
		`<p>The council voted on Monday night to keep the early ferry running through the winter months, at a cost of forty thousand pounds a year to the town.</p>` +
		`<p>Councillors said the service was the only way for nurses and shop workers on the island to reach the mainland before seven in the morning.</p>`
	tests := []struct {
		name, before, byline string
		want                 []string
	}{
		{"writer class", ``, `<span class="news-writer">بقلم: سارة المنصوري</span>`, []string{"سارة المنصوري"}},
		{"camel case", ``, `<div class="articleWriter">By Anna Berg</div>`, []string{"Anna Berg"}},
		{"ghostwriter ad", `<div class="ad ghostwriter-ad"><a href="/x">Ghostwriter Services</a></div>`, ``, nil},
		{"copywriter promo", `<span class="promo-copywriter">Copywriter Wanted</span>`, ``, nil},
		{"writers room link", `<nav><a class="menu-writers-room" href="/wr">Writers Room</a></nav>`, ``, nil},
		{"guild box", `<div class="writers-guild-box">Member of the Writers Guild</div>`, ``, nil},
		{"typewriter effect", `<h2 class="typewriter">Island Life Matters</h2>`, `<div class="byline">By Anna Berg</div>`, []string{"Anna Berg"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head><title>Ferry keeps early crossing</title></head><body>` + tt.before +
				`<main><article>` + tt.byline + story + `</article></main></body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: "https://harbour.example/news/ferry"})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(art.Authors, tt.want) {
				t.Errorf("authors %q, want %q", art.Authors, tt.want)
			}
		})
	}
}
