package extract

import "testing"

// TestLogoHeadingTitle checks that the site's logo <h1> does not become
// the page's title when the page has no title metadata.
func TestLogoHeadingTitle(t *testing.T) {
	tests := []struct {
		name, url, title, body, want string
	}{
		{
			name:  "logo heading in a link to the home page",
			url:   "https://example.org/notices/library",
			title: "Library reopens after the flood repairs",
			body:  `<header><a href="/"><h1>The Evening Gazette Online</h1></a></header>`,
			want:  "Library reopens after the flood repairs",
		},
		{
			name:  "link to the board's index inside the heading",
			url:   "https://example.org/forum/viewtopic.php?t=5",
			title: "Library reopens after the flood repairs",
			body:  `<header><h1><a href="./index.php">The Evening Gazette Forum</a></h1></header>`,
			want:  "Library reopens after the flood repairs",
		},
		{
			name:  "logo heading as the title's last part",
			url:   "https://example.org/forum/viewtopic.php?t=5",
			title: "Library reopens after the flood repairs - Local news - The Evening Gazette Forum",
			body:  `<header><h1>The Evening Gazette Forum</h1></header>`,
			want:  "Library reopens after the flood repairs",
		},
		{
			name:  "a headline heading linked to its own page stays",
			url:   "https://example.org/news/library",
			title: "Library reopens | The Evening Gazette",
			body:  `<h1><a href="/news/library">Library reopens after the flood repairs</a></h1>`,
			want:  "Library reopens after the flood repairs",
		},
		{
			name:  "a one-post site's headline heading linked to its home page stays",
			url:   "https://quietlaunch.example/",
			title: "Launch day - what we learned",
			body:  `<a href="/"><h1>Launch day - what we learned</h1></a>`,
			want:  "Launch day - what we learned",
		},
		{
			name:  "a headline heading linked to its own index page stays",
			url:   "https://example.org/news/2026/12/budget/index.html",
			title: "Council budget - what it means for you",
			body:  `<h1><a href="index.html">Council budget - what it means for you</a></h1>`,
			want:  "Council budget - what it means for you",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<!DOCTYPE html><html lang="en"><head><title>` + tt.title + `</title></head><body>` + tt.body + `<main>` + para + para + `</main></body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: tt.url, FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if art.Title != tt.want {
				t.Errorf("title %q, want %q", art.Title, tt.want)
			}
		})
	}
}
