package extract

import (
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestShortPageTypeFromModel: a short page that is undated, declares no
// article and that the rules reject is not an article, and its type is
// the page-type model's most probable other class, not pageType's guess
// (on the tuning halves the model's class was right on about ten more
// pages, docs/BENCHMARKS.md, branch extypes4).
func TestShortPageTypeFromModel(t *testing.T) {
	services := `<html><head><title>Our services</title></head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav><main><h1>Our services</h1>
<h2><a href="/services/audit">Energy audits</a></h2><p>We measure where your building loses heat.</p>
<h2><a href="/services/design">Structural design</a></h2><p>Plans for new buildings and extensions.</p>
<h2><a href="/services/permits">Permits</a></h2><p>We file the papers with the town.</p>
<h2><a href="/services/survey">Surveys</a></h2><p>Land and building surveys across the region.</p>
<p>Call us on 555 0100 or write to office@example.org for a quote.</p></main></body></html>`
	thread := `<html><head><title>Bike won't shift - Forum</title></head><body><main><h1>Bike won't shift</h1>
<div class="post"><span class="author">rider42</span><p>My rear derailleur skips under load. Any ideas?</p></div>
<div class="post"><span class="author">wrench</span><p>Check the hanger alignment first.</p></div>
<div class="post"><span class="author">rider42</span><p>It was bent. Thanks!</p></div>
<div class="post"><span class="author">mod</span><p>Marked as solved.</p></div></main></body></html>`
	tests := []struct{ name, page, url string }{
		{"services page", services, "https://example.org/services"},
		{"services page on a thread's URL", services, "https://example.org/forum/thread/123"},
		{"thread", thread, "https://example.org/forum/thread/123"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Body: []byte(tc.page), URL: tc.url, ContentType: "text/html; charset=utf-8"}
			art, err := Extract(in)
			if err != nil {
				t.Fatal(err)
			}
			if art.WordCount < 20 || art.WordCount >= 100 || art.Published != nil {
				t.Fatalf("%d words, published %v: not the short undated page under test", art.WordCount, art.Published)
			}
			d, err := Parse(in, Options{})
			if err != nil {
				t.Fatal(err)
			}
			_, _, want := pageTypeModel.classify(d.PageTypeFeatures())
			if art.PageType == corpus.PageTypeArticle || art.PageType != want {
				t.Errorf("page type %q, want the model's other class %q", art.PageType, want)
			}
		})
	}
}
