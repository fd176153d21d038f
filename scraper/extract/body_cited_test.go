package extract

import (
	"net/url"
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
