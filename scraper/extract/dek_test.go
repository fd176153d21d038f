package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// dekPage is a service page whose hero banner holds the headline, a
// dek (%s) and a button: the banner reads as chrome.
const dekPage = `<!doctype html><html lang="en"><head><title>Acme Invoicing: invoices in minutes</title>
<meta property="og:type" content="website"></head><body>
<nav><a href="/">Home</a> <a href="/pricing">Pricing</a> <a href="/login">Log in</a></nav>
<div class="hero-banner"><div class="banner-content"><h1>Invoicing for small teams</h1>
%s
<a class="btn" href="/signup">Start free trial</a></div></div>
<main>
<section><h2>Features</h2><ul>
<li><h3>Recurring invoices</h3><p>Bill your regular clients on a schedule you set once.</p></li>
<li><h3>Online payments</h3><p>Clients pay by card or bank transfer from the invoice itself.</p></li>
<li><h3>Reminders</h3><p>Polite reminders go out before and after the due date.</p></li>
</ul></section>
<section><h2>Pricing</h2><div class="plans">
<div class="plan"><h3>Starter</h3><p>$9 per month</p><a href="/signup?plan=starter">Choose Starter</a></div>
<div class="plan"><h3>Team</h3><p>$29 per month</p><a href="/signup?plan=team">Choose Team</a></div>
</div></section>
<section><h2>Frequently asked questions</h2>
<h3>Can I cancel at any time?</h3><p>Yes, you can cancel your plan whenever you like from the settings page.</p>
<h3>Do you offer a free trial?</h3><p>Every plan starts with a thirty day free trial, no card needed.</p>
</section>
</main>
<footer><p>© 2026 Acme Inc. All rights reserved.</p></footer>
</body></html>
`

func TestDekOfNonArticle(t *testing.T) {
	const dek = "Send invoices in minutes and get paid twice as fast."
	tests := []struct {
		name, hero string
		want       bool
		h1, head   string // replace the page's <h1>, add to its <head>
	}{
		{"dek", `<p class="subtitle">` + dek + `</p>`, true, "", ""},
		{"dek in a wrapper", `<div class="lead"><span>` + dek + `</span></div>`, true, "", ""},
		{"linked", `<p class="subtitle"><a href="/pay">Send invoices in minutes</a> and get paid twice as fast.</p>`, false, "", ""},
		{"no full stop", `<p class="subtitle">Send invoices in minutes and get paid twice as fast</p>`, false, "", ""},
		{"too short", `<p class="subtitle">Invoices made easy.</p>`, false, "", ""},
		{"in a class named for a header", `<p class="hero-header-description">` + dek + `</p>`, true, "", ""},
		{"in an aside", `<aside><p>` + dek + `</p></aside>`, false, "", ""},
		{"call to action", `<p class="subtitle">Sign up to send invoices in minutes and get paid twice as fast.</p>`, false, "", ""},
		// An <h1> that is the site's logo (a link home, an image, the
		// site's name) is followed by the site's tagline, not a dek.
		{"under a logo linked home", `<p class="site-description">` + dek + `</p>`, false, `<h1 class="site-title"><a href="/">Acme Invoicing</a></h1>`, ""},
		{"under a logo linked home, absolute", `<p>` + dek + `</p>`, false, `<h1><a href="https://acme.example.com/">Acme Invoicing</a></h1>`, ""},
		{"under a headline linked elsewhere", `<p>` + dek + `</p>`, true, `<h1><a href="/invoicing">Invoicing for small teams</a></h1>`, ""},
		{"under a logo image", `<p>` + dek + `</p>`, false, `<h1><img src="/logo.svg" alt="Acme Invoicing"></h1>`, ""},
		{"under the site's name", `<p>` + dek + `</p>`, false, `<h1>Acme Invoicing</h1>`, `<meta property="og:site_name" content="Acme Invoicing">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := fmt.Sprintf(dekPage, tt.hero)
			if tt.h1 != "" {
				page = strings.Replace(page, "<h1>Invoicing for small teams</h1>", tt.h1, 1)
			}
			page = strings.Replace(page, "</head>", tt.head+"</head>", 1)
			a, err := Extract(Input{Body: []byte(page), URL: "https://acme.example.com/invoicing"})
			if err != nil {
				t.Fatal(err)
			}
			if a.PageType != corpus.PageTypeService {
				t.Fatalf("page type %q, want service", a.PageType)
			}
			if got := strings.Contains(a.Text, "paid twice as fast"); got != tt.want {
				t.Errorf("text holds the dek: %v, want %v; text:\n%s", got, tt.want, a.Text)
			}
			if !strings.Contains(a.Text, "Bill your regular clients") {
				t.Errorf("text lost the features:\n%s", a.Text)
			}
		})
	}
}

// TestWithDekOnce: a dek the text already holds, broken into lines, is
// not added a second time.
func TestWithDekOnce(t *testing.T) {
	hero := `<p class="subtitle">Send invoices in minutes and get paid twice as fast.</p>`
	body := strings.Replace(fmt.Sprintf(dekPage, hero), "<main>", "<main><p>Send invoices in minutes<br>and get paid twice as fast.</p>", 1)
	a, err := Extract(Input{Body: []byte(body), URL: "https://acme.example.com/invoicing"})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(a.Text, "paid twice"); n > 1 {
		t.Errorf("the dek %d times in the text:\n%s", n, a.Text)
	}
}
