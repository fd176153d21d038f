package main

import "testing"

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
