package main

import (
	"strings"
	"testing"
)

func TestRewriteClasses(t *testing.T) {
	page := `<!DOCTYPE html><html><body class="home page"><div id="main" class="post-body entry">` +
		`<p class=post-body data-class="x" alt="caf&eacute;">Text &amp; more</p><script>if (a<b) x("class=\"c\"")</script>` +
		`<noscript><img class='wide' src="a.png"></noscript><img CLASS = "wide" src="b.png"/></div></body></html>`
	h := func(v string) string { return hashTokens(v, "c") }
	for _, tc := range []struct{ mode, want string }{
		{classesKeep, page},
		{classesHashed, `<!DOCTYPE html><html><body class="` + h("home") + ` ` + h("page") + `">` +
			`<div id="` + hashTokens("main", "i") + `" class="` + h("post-body") + ` ` + h("entry") + `">` +
			`<p class="` + h("post-body") + `" data-class="x" alt="caf&eacute;">Text &amp; more</p><script>if (a<b) x("class=\"c\"")</script>` +
			`<noscript><img class="` + h("wide") + `" src="a.png"></noscript><img class="` + h("wide") + `" src="b.png"/></div></body></html>`},
		{classesNone, `<!DOCTYPE html><html><body ><div  ><p  data-class="x" alt="caf&eacute;">Text &amp; more</p>` +
			`<script>if (a<b) x("class=\"c\"")</script><noscript><img  src="a.png"></noscript><img  src="b.png"/></div></body></html>`},
	} {
		s := benchSet{Pages: []setPage{{HTML: []byte(page)}}}
		rewriteSetClasses(&s, tc.mode)
		if got := string(s.Pages[0].HTML); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.mode, got, tc.want)
		}
	}
	if hashTokens("post-body", "k") == hashTokens("entry", "k") || len(hashTokens("x", "k")) != 9 {
		t.Errorf("hashTokens: %q %q", hashTokens("post-body", "k"), hashTokens("x", "k"))
	}
}

// TestRewriteClassesIDRefs: the attributes that name an id are hashed as
// the id is, so a control still names the panel it opens; other values
// and, with the ids removed, every value is left as it is.
func TestRewriteClassesIDRefs(t *testing.T) {
	page := `<button aria-controls="support-panel" data-target="#support-panel" aria-expanded="false">More</button>` +
		`<a href="#support-panel">Skip</a><a href="/news#top">News</a><a href="#">Top</a><label for="q">Search</label>` +
		`<div id="support-panel" aria-labelledby="t1 t2" data-target=".panel">Panel</div>`
	i := func(v string) string { return hashTokens(v, "i") }
	want := `<button aria-controls="` + i("support-panel") + `" data-target="#` + i("support-panel") + `" aria-expanded="false">More</button>` +
		`<a href="#` + i("support-panel") + `">Skip</a><a href="/news#top">News</a><a href="#">Top</a><label for="` + i("q") + `">Search</label>` +
		`<div id="` + i("support-panel") + `" aria-labelledby="` + i("t1") + ` ` + i("t2") + `" data-target=".panel">Panel</div>`
	if got := string(rewriteClasses([]byte(page), classesHashed)); got != want {
		t.Errorf("hashed:\n got %s\nwant %s", got, want)
	}
	if got, want := string(rewriteClasses([]byte(page), classesNone)), strings.Replace(page, `id="support-panel"`, ``, 1); got != want {
		t.Errorf("none:\n got %s\nwant %s", got, want)
	}
}
