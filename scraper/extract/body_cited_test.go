package extract

import "testing"

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
