package extract

import (
	"net/url"
	"strings"
	"testing"
)

// TestOtherSiteItemsAddress extracts testdata/body/other_site_items.html
// (a list of studies on other sites between the story's paragraphs, and
// a list of the site's own stories) at several addresses: at another
// host of the site (news.host, www.host) the site's own stories are
// still the site's; with no address, or a relative one, no link is
// known to lead elsewhere and both lists are left to the link rule.
func TestOtherSiteItemsAddress(t *testing.T) {
	studies := "Screen time and sleep onset in children aged 8 to 12"
	own := []string{"Five sleep myths", "Do night lights", "Should school start later"}
	for _, tt := range []struct {
		url  string
		want []string
		not  []string
	}{
		{"https://ledger.example/2026/12/other_site_items", []string{studies}, own},
		{"https://news.ledger.example/2026/12/other_site_items", []string{studies}, own},
		{"https://www.ledger.example:8443/2026/12/other_site_items", []string{studies}, own},
		{"", nil, append([]string{studies}, own...)},
		{"/2026/12/other_site_items", nil, append([]string{studies}, own...)},
	} {
		t.Run(tt.url, func(t *testing.T) {
			art := extractTestPage(t, "body", "other_site_items", tt.url)
			checkText(t, art.Text, append(tt.want, "The survey asked parents"), tt.not)
		})
	}
}

// TestSiteOf: a site's hosts share one registrable domain; a public
// suffix's tenants do not.
func TestSiteOf(t *testing.T) {
	for _, tt := range []struct{ host, want string }{
		{"news.ledger.example", "ledger.example"},
		{"WWW.Ledger.Example.", "ledger.example"},
		{"ledger.example", "ledger.example"},
		{"news.bbc.co.uk", "bbc.co.uk"},
		{"alice.github.io", "alice.github.io"},
		{"fakehost", "fakehost"},
		{"www.fakehost", "fakehost"},
		{"192.0.2.7", "192.0.2.7"},
		{"2001:db8::1", "2001:db8::1"},
		{"", ""},
	} {
		if got := siteOf(tt.host); got != tt.want {
			t.Errorf("siteOf(%q) = %q, want %q", tt.host, got, tt.want)
		}
	}
}

// TestSiteHandle: the last segment of a short path is a site's handle
// when it holds the site's name, or is held in it and six letters or
// more; without the page's address, three sites under one name.
func TestSiteHandle(t *testing.T) {
	for _, tt := range []struct {
		host, href string
		sites      int
		want       bool
	}{
		{"ledger.example", "https://social.example/@coastledger", 2, true},
		{"ledger.example", "https://pics.example/coast_ledger", 2, true},
		{"ledger.example", "https://video.example/c/Ledger", 2, true},
		{"theguardian.example", "https://social.example/guardian", 2, true},
		{"theguardian.example", "https://social.example/guard", 2, false},      // under six letters
		{"ledger.example", "https://inkwell.example/app", 2, false},            // an app's page
		{"ledger.example", "https://social.example/a/b/coastledger", 2, false}, // a long path
		{"", "https://social.example/harbourapp", 2, false},
		{"", "https://social.example/harbourapp", 3, true},
	} {
		u, err := url.Parse(tt.href)
		if err != nil {
			t.Fatal(err)
		}
		x := &contentExtractor{host: tt.host}
		name := profileName(u)
		if got := name != "" && x.siteHandle(name, tt.sites); got != tt.want {
			t.Errorf("%s at %q, %d sites: %v, want %v", tt.href, tt.host, tt.sites, got, tt.want)
		}
	}
}

// TestLedItems: in an article's body, a list whose items open with a
// name outside the link and go on, lower case, inside it is the story's
// (a roundup crediting people); a label with or without a colon, a call
// to follow or sign up, a kicker over a headline, a subject that is not
// a name, a byline and an item that is its link alone still go as links
// (branch review37a: the labels, calls and kickers were kept before).
func TestLedItems(t *testing.T) {
	item := func(lead, link string) string {
		return `<li>` + lead + `<a href="/notes/` + strings.ReplaceAll(link[:5], " ", "-") + `">` + link + `</a></li>`
	}
	for _, tt := range []struct {
		name       string
		lead, link string
		keep       bool
	}{
		{"name then deed", "Ilse van Dam ", "fixed the tooltip over the undo button", true},
		{"emoji then name", "🌟 Ana Ruiz ", "mapped the old wells along the road", true},
		{"subject then rest", "The night bus ", "now stops at the hospital gate again", false},
		{"label without colon", "Also read ", "why the council wants to cut the lines", false},
		{"label of three words", "Read more about ", "the rural lines and who uses them", false},
		{"call", "Sign up for ", "our daily newsletter with the top stories", false},
		{"kicker over lower-case headline", "Opinion column ", "the budget is not the problem here", false},
		{"byline", "Mara Lind covers ", "transport and local government for us", false},
		{"label with colon", "Read more: ", "council delays the vote on the routes", false},
		{"kicker over headline", "Local politics ", "Council delays the vote on the new routes", false},
		{"one-word lead", "Opinion ", "why the bus routes must change this year", false},
		{"link alone", "", "the results of the survey are in at last", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var list strings.Builder
			for _, s := range []string{"first", "other", "third"} {
				list.WriteString(item(tt.lead, tt.link+" "+s))
			}
			page := `<html><head><title>Notes from the depot</title></head><body><header><a href="/">Depot notes</a></header><article><h1>Notes from the depot</h1>` +
				`<p>The depot held its open day on Saturday, and more than four hundred people came to see the old buses and the new electric ones side by side.</p>` +
				`<p>Volunteers spent the week before the event cleaning the yard, repainting the signs and fixing the lights in the old workshop.</p>` +
				`<ul>` + list.String() + `</ul>` +
				`<p>The next open day is planned for the spring, when the restored double-decker should be back on the road after its long repair.</p>` +
				`<p>Thanks to everyone who came, and to the neighbours who put up with the noise of the engines for a whole afternoon.</p></article>` +
				`<footer><a href="/contact">Contact</a></footer></body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: "https://depot.example/notes/open-day", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(art.Text), " ")
			want, not := []string{"more than four hundred people", "put up with the noise"}, []string(nil)
			if tt.keep {
				want = append(want, tt.link+" other")
			} else {
				not = append(not, tt.link+" other")
			}
			checkText(t, text, want, not)
		})
	}
}
