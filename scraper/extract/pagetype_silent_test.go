package extract

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestStructuralKinds reads the counts of posts and prices from structure
// on pages whose class names do not name them (hashed, or in another
// language); a price inside a sentence is not one, and an article's
// single byline makes no posts.
func TestStructuralKinds(t *testing.T) {
	const namedArticle = `<!DOCTYPE html><html lang="en"><head><title>A winter coat</title></head><body>
<header class="site-header"><a class="logo" href="/">The Daily Example</a></header>
<article class="story"><h1 class="headline">The coat that lasted ten winters</h1>
<p class="lede">It cost $120 in 2016, and it is still the coat I wear every day when the wind turns north.</p>
<p>The zip was replaced once, for $15, by a tailor who said the cloth would outlive us both.</p>
<ul><li>$120</li><li>€95</li></ul></article>
<footer class="site-footer"><p>The Daily Example</p></footer></body></html>`
	for _, tt := range []struct {
		name, file, body, url string
		feature               string
		want                  float64 // count (before log1p)
	}{
		{name: "hashed shop", file: "shop_hashed_prices.html", url: "https://shop.example/c/backpacks", feature: "price", want: 8},
		{name: "hashed thread", file: "forum_hashed_posts.html", url: "https://board.example/d/leggy-tomato-seedlings", feature: "posts", want: 5},
		// Class names in another language: a date is named ("datum"), a
		// post is not.
		{name: "thread named otherwise", file: "forum_named_otherwise.html", url: "https://garten.example/kompost-im-winter", feature: "posts", want: 4},
		// Class names that speak: posts are counted by name only (none
		// here); the two list items that are a price alone count.
		{name: "named article", body: namedArticle, url: "https://news.example/2026/11/01/coat", feature: "price", want: 2},
		{name: "named article posts", body: namedArticle, url: "https://news.example/2026/11/01/coat", feature: "posts", want: 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.body)
			if tt.file != "" {
				var err error
				if body, err = os.ReadFile(filepath.Join("testdata", "hashed", tt.file)); err != nil {
					t.Fatal(err)
				}
			}
			d, err := Parse(Input{Body: body, URL: tt.url, ContentType: "text/html; charset=utf-8"}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			get := featureGetter(t, d.PageTypeFeatures())
			if got := math.Expm1(get(tt.feature)); math.Abs(got-tt.want) > 0.01 {
				t.Errorf("%s = %.2f, want %.0f", tt.feature, got, tt.want)
			}
		})
	}
}

func TestIsPriceText(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"$12.99", true},
		{" 12,99 € ", true},
		{"£1,299", true},
		{"US$ 40", true},
		{"CHF 89.-", true},
		{"1 299 kr", true},
		{"$", false},
		{"12.99", false},
		{"from $12.99", false},
		{"$12.99 each", false},
		{"It cost $120 in 2016", false},
		{"$ave 20", false},
		{"€€€", false},
	} {
		if got := isPriceText(tt.in); got != tt.want {
			t.Errorf("isPriceText(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
