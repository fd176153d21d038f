package main

import "testing"

// TestSnippetPlace: where snippets sit in a made-up shop page.
func TestSnippetPlace(t *testing.T) {
	page := `<html><head><style>.x{}</style></head><body>
<header><nav><ul><li><a href="/">Home page link</a></li></ul></nav></header>
<main><h1>Garden chairs</h1>
<ul class="grid"><li><a href="/c1"><h3>Folding chair</h3></a><span>$29.95</span></li></ul>
<div hidden><p>Free returns within thirty days</p></div>
<table><tr><td>Weight</td><td>3 kg</td></tr></table>
<p>The “best” <a href="/g">garden</a>.</p>
</main>
<script>var data = {"tagline": "Sit back and relax"};</script>
</body></html>`
	doc := parsePage([]byte(page))
	tests := []struct{ snip, want string }{
		{"Home page link", "a in li, nav, header"},
		{"Folding chair $29.95", "li in main"},
		{"Folding chair", "h3 in a, li, main"},
		{"Free  returns within thirty days", "p in main (hidden)"},
		{"Weight 3 kg", "tr in table, main"},
		{"Sit back and relax", "script"},
		{`The "best" garden .`, "spelling: p in main"},
		{"Garden chairs Folding chair $29.95 sold out today", "start: main"},
		{"Nothing like this at all here", "not in the markup"},
		{"Sold out today and Garden chairs", "not in the markup"},
		{"Sold out today: Folding chair", "not in the markup"},
		{"Buy now: Garden chairs Folding chair $29.95", "end: main"},
		{"- Folding chair", "item: h3 in a, li, main"},
	}
	for _, tt := range tests {
		t.Run(tt.snip, func(t *testing.T) {
			if got := snippetPlace(doc, tt.snip); got != tt.want {
				t.Errorf("snippetPlace(%q) = %q, want %q", tt.snip, got, tt.want)
			}
		})
	}
}
