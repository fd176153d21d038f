package urlnorm

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// Scheme, host, port.
		{"already canonical", "https://example.com/a/b?x=1", "https://example.com/a/b?x=1"},
		{"upper-case scheme and host", "HTTP://Example.COM/Path", "http://example.com/Path"},
		{"path case kept", "http://example.com/A/b/C", "http://example.com/A/b/C"},
		{"default http port", "http://example.com:80/", "http://example.com/"},
		{"default https port", "https://example.com:443/x", "https://example.com/x"},
		{"https on 80 kept", "https://example.com:80/", "https://example.com:80/"},
		{"http on 443 kept", "http://example.com:443/", "http://example.com:443/"},
		{"other port kept", "http://example.com:8080/", "http://example.com:8080/"},
		{"port leading zeros", "http://example.com:0080/", "http://example.com/"},
		{"empty port", "http://example.com:/a", "http://example.com/a"},
		{"trailing dot host", "http://example.com./a", "http://example.com/a"},
		{"ipv4", "http://127.0.0.1:80/", "http://127.0.0.1/"},
		{"ipv6", "http://[::1]:8080/x", "http://[::1]:8080/x"},
		{"ipv6 default port", "http://[2001:DB8::1]:80/", "http://[2001:db8::1]/"},
		{"userinfo kept", "http://user:pw@example.com/", "http://user:pw@example.com/"},
		// IDN.
		{"idn host", "https://bücher.de/", "https://xn--bcher-kva.de/"},
		{"idn upper case", "https://BÜCHER.de/", "https://xn--bcher-kva.de/"},
		{"punycode kept", "https://XN--BCHER-KVA.de/", "https://xn--bcher-kva.de/"},
		{"arabic idn", "http://مثال.إختبار/", "http://xn--mgbh0fb.xn--kgbechtv/"},
		{"underscore host", "http://my_host.example.com/", "http://my_host.example.com/"},
		// Path.
		{"empty path", "http://example.com", "http://example.com/"},
		{"empty path with query", "http://example.com?a=1", "http://example.com/?a=1"},
		{"dot segment", "http://example.com/a/./b", "http://example.com/a/b"},
		{"dot dot segment", "http://example.com/a/b/../c", "http://example.com/a/c"},
		{"dot dot past root", "http://example.com/../../a", "http://example.com/a"},
		{"trailing dot dot", "http://example.com/a/b/..", "http://example.com/a/"},
		{"trailing dot", "http://example.com/a/.", "http://example.com/a/"},
		{"encoded dots", "http://example.com/a/%2E%2e/b", "http://example.com/b"},
		{"dots in names kept", "http://example.com/a.b/..c/d..", "http://example.com/a.b/..c/d.."},
		{"trailing slash kept", "http://example.com/a/", "http://example.com/a/"},
		{"double slash kept", "http://example.com//a", "http://example.com//a"},
		{"encoded slash kept", "http://example.com/a%2fb", "http://example.com/a%2Fb"},
		// Percent-encoding.
		{"lower-case hex", "http://example.com/%e2%82%ac", "http://example.com/%E2%82%AC"},
		{"unreserved decoded", "http://example.com/%7Euser/%41%2D%5F", "http://example.com/~user/A-_"},
		{"reserved kept encoded", "http://example.com/a%3Bb%40c", "http://example.com/a%3Bb%40c"},
		{"raw reserved kept", "http://example.com/a;b@c!$", "http://example.com/a;b@c!$"},
		{"space encoded", "http://example.com/a b", "http://example.com/a%20b"},
		{"utf8 path encoded", "http://example.com/café", "http://example.com/caf%C3%A9"},
		{"stray percent", "http://example.com/100%", "http://example.com/100%25"},
		{"stray percent mid", "http://example.com/a%zzb", "http://example.com/a%25zzb"},
		{"stray percent in query", "http://example.com/?q=50%+off", "http://example.com/?q=50%25+off"},
		{"query hex upper", "http://example.com/?q=%c3%a9", "http://example.com/?q=%C3%A9"},
		{"query unreserved decoded", "http://example.com/?%61=%62", "http://example.com/?a=b"},
		{"query plus kept", "http://example.com/?q=a+b", "http://example.com/?q=a+b"},
		{"query space encoded", "http://example.com/?q=a b", "http://example.com/?q=a%20b"},
		{"query equals in value", "http://example.com/?a=b=c", "http://example.com/?a=b=c"},
		{"query encoded amp kept", "http://example.com/?a=b%26c", "http://example.com/?a=b%26c"},
		// Tracking parameters.
		{"utm dropped", "http://example.com/?utm_source=x&utm_medium=y&id=3", "http://example.com/?id=3"},
		{"utm upper case dropped", "http://example.com/?UTM_Source=x&id=3", "http://example.com/?id=3"},
		{"fbclid dropped", "http://example.com/a?fbclid=abc", "http://example.com/a"},
		{"gclid dclid msclkid", "http://example.com/?gclid=1&dclid=2&msclkid=3&p=1", "http://example.com/?p=1"},
		{"mailchimp", "http://example.com/?mc_cid=1&mc_eid=2", "http://example.com/"},
		{"ga igshid yclid", "http://example.com/?_ga=1&igshid=2&yclid=3&ref_src=4", "http://example.com/"},
		{"encoded tracking key", "http://example.com/?utm%5Fsource=x&a=1", "http://example.com/?a=1"},
		{"tracking-like kept", "http://example.com/?utmost=1&gclidx=2", "http://example.com/?gclidx=2&utmost=1"},
		{"matomo", "http://example.com/?pk_campaign=x&mtm_source=y&page=2", "http://example.com/?page=2"},
		{"session ids", "http://example.com/?PHPSESSID=abc&id=1&jsessionid=x", "http://example.com/?id=1"},
		{"path session id", "http://example.com/a;jsessionid=0123ABC?id=1", "http://example.com/a?id=1"},
		{"path session id mid-path", "http://example.com/a;JSESSIONID=x/b;v=1", "http://example.com/a/b;v=1"},
		{"other path params kept", "http://example.com/a;v=1", "http://example.com/a;v=1"},
		// Sorting and empties.
		{"sorted by key", "http://example.com/?b=2&a=1&c=3", "http://example.com/?a=1&b=2&c=3"},
		{"sorted by value", "http://example.com/?a=2&a=1", "http://example.com/?a=1&a=2"},
		{"duplicates kept", "http://example.com/?a=1&a=1", "http://example.com/?a=1&a=1"},
		{"bare key before empty value", "http://example.com/?a=&a", "http://example.com/?a&a="},
		{"empty pairs dropped", "http://example.com/?&a=1&&b=2&", "http://example.com/?a=1&b=2"},
		{"empty question mark", "http://example.com/a?", "http://example.com/a"},
		{"only equals dropped", "http://example.com/a?=", "http://example.com/a"},
		{"semicolon not a separator", "http://example.com/?b=1;a=2", "http://example.com/?b=1;a=2"},
		// Fragments and whitespace.
		{"fragment dropped", "http://example.com/a#section", "http://example.com/a"},
		{"fragment after query", "http://example.com/a?b=1#c", "http://example.com/a?b=1"},
		{"hashbang dropped", "http://example.com/#!/page", "http://example.com/"},
		{"surrounding spaces", "  http://example.com/a \n", "http://example.com/a"},
		{"embedded newline", "http://exa\nmple.com/a\tb", "http://example.com/ab"},
		{"backslashes", `http:\\example.com\a\b?x\y`, "http://example.com/a/b?x%5Cy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if err != nil {
				t.Fatalf("Normalize(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			again, err := Normalize(got)
			if err != nil || again != got {
				t.Errorf("not idempotent: Normalize(%q) = %q, %v", got, again, err)
			}
		})
	}
}

func TestNormalizeErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"mailto", "mailto:a@example.com", ErrUnsupportedScheme},
		{"ftp", "ftp://example.com/", ErrUnsupportedScheme},
		{"javascript", "javascript:alert(1)", ErrUnsupportedScheme},
		{"relative", "/a/b", ErrUnsupportedScheme},
		{"scheme relative", "//example.com/a", ErrUnsupportedScheme},
		{"empty", "", ErrUnsupportedScheme},
		{"no host", "http:///a", ErrInvalidURL},
		{"opaque", "http:example.com", ErrInvalidURL},
		{"bad port", "http://example.com:99999/", ErrInvalidURL},
		{"non-numeric port", "http://example.com:ab/", ErrInvalidURL},
		{"control char", "http://example.com/a\x00b", ErrInvalidURL},
		{"trailing control chars trimmed then relative", "\x00/a\x01", ErrUnsupportedScheme},
		{"bad ipv6", "http://[::1/", ErrInvalidURL},
		{"colons, no address", "http://::/", ErrInvalidURL},
		{"invalid idn", "http://xn--a.\u0080/", ErrInvalidURL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Normalize(%q) = %q, %v; want error %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestIsTrackingParam(t *testing.T) {
	for _, name := range TrackingParams() {
		if !IsTrackingParam(name) || !IsTrackingParam(strings.ToUpper(name)) {
			t.Errorf("IsTrackingParam(%q) = false", name)
		}
	}
	for _, p := range TrackingPrefixes() {
		if !IsTrackingParam(p + "x") {
			t.Errorf("IsTrackingParam(%q) = false", p+"x")
		}
	}
	for _, name := range []string{"", "id", "page", "q", "p", "utm", "article", "s"} {
		if IsTrackingParam(name) {
			t.Errorf("IsTrackingParam(%q) = true", name)
		}
	}
}

func TestResolve(t *testing.T) {
	base := mustParse(t, "https://Example.com/news/2024/story.html?page=2")
	tests := []struct {
		name, href, want string
		ok               bool
	}{
		{"absolute", "http://other.com/x", "http://other.com/x", true},
		{"root relative", "/a/b", "https://example.com/a/b", true},
		{"relative", "other.html", "https://example.com/news/2024/other.html", true},
		{"dot dot", "../2023/old.html", "https://example.com/news/2023/old.html", true},
		{"query only", "?page=3", "https://example.com/news/2024/story.html?page=3", true},
		{"scheme relative", "//cdn.example.com/a", "https://cdn.example.com/a", true},
		{"tracking dropped", "/a?utm_source=tw&id=1#c", "https://example.com/a?id=1", true},
		{"spaces trimmed", "  /a  ", "https://example.com/a", true},
		{"newline in href", "/a\n/b", "https://example.com/a/b", true},
		{"backslash", `\a\b`, "https://example.com/a/b", true},
		{"upper-case scheme", "HTTPS://EXAMPLE.COM/A", "https://example.com/A", true},
		{"empty", "", "", false},
		{"blank", "   ", "", false},
		{"fragment only", "#top", "", false},
		{"javascript", "javascript:void(0)", "", false},
		{"javascript upper", "JavaScript:void(0)", "", false},
		{"mailto", "mailto:a@b.c", "", false},
		{"tel", "tel:+123", "", false},
		{"data", "data:text/html,hi", "", false},
		{"ftp", "ftp://example.com/f", "", false},
		{"unparsable", "http://[::1", "", false},
		{"bad port", "http://example.com:x/", "", false},
		{"colons, no address", "//::", "", false},
		{"ipv6 host", "//[2001:db8::1]/a", "https://[2001:db8::1]/a", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Resolve(base, tt.href)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tt.href, got, ok, tt.want, tt.ok)
			}
		})
	}
	t.Run("nil base", func(t *testing.T) {
		if got, ok := Resolve(nil, "http://a.com/x"); !ok || got != "http://a.com/x" {
			t.Errorf("Resolve(nil, absolute) = %q, %v", got, ok)
		}
		if got, ok := Resolve(nil, "/x"); ok {
			t.Errorf("Resolve(nil, relative) = %q, %v", got, ok)
		}
	})
}

func TestHostAndSite(t *testing.T) {
	tests := []struct {
		in, host, site string
	}{
		{"http://Example.COM:8080/a", "example.com", "example.com"},
		{"https://www.example.com/", "www.example.com", "example.com"},
		{"https://news.bbc.co.uk/x", "news.bbc.co.uk", "bbc.co.uk"},
		{"https://bücher.de/", "xn--bcher-kva.de", "xn--bcher-kva.de"},
		{"http://127.0.0.1:8080/", "127.0.0.1", "127.0.0.1"},
		{"http://[::1]:80/", "::1", "::1"},
		{"http://localhost/", "localhost", "localhost"},
		{"http://example.com./", "example.com", "example.com"},
		{"/relative", "", ""},
		{"http://[::1", "", ""},
	}
	for _, tt := range tests {
		if got := Host(tt.in); got != tt.host {
			t.Errorf("Host(%q) = %q, want %q", tt.in, got, tt.host)
		}
		if got := Site(tt.in); got != tt.site {
			t.Errorf("Site(%q) = %q, want %q", tt.in, got, tt.site)
		}
	}
}

func TestSameHostSameSite(t *testing.T) {
	tests := []struct {
		a, b           string
		sameHost, site bool
	}{
		{"http://example.com/a", "https://www.example.com/b", true, true},
		{"http://EXAMPLE.com:80/", "http://example.com:8080/", true, true},
		{"http://news.example.com/", "http://example.com/", false, true},
		{"http://a.co.uk/", "http://b.co.uk/", false, false},
		{"http://a.github.io/", "http://b.github.io/", false, false},
		{"http://example.com/", "http://example.org/", false, false},
		{"http://example.com/", "/relative", false, false},
		{"", "", false, false},
	}
	for _, tt := range tests {
		if got := SameHost(tt.a, tt.b); got != tt.sameHost {
			t.Errorf("SameHost(%q, %q) = %v", tt.a, tt.b, got)
		}
		if got := SameSite(tt.a, tt.b); got != tt.site {
			t.Errorf("SameSite(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestNormalizePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/a/%7ejoe", "/a/~joe"},
		{"/*.pdf$", "/*.pdf$"},
		{"/caf\u00e9?q=%c3%a9", "/caf%C3%A9?q=%C3%A9"},
		{"/a b", "/a%20b"},
		{"/100%", "/100%25"},
	}
	for _, tt := range tests {
		if got := NormalizePath(tt.in); got != tt.want {
			t.Errorf("NormalizePath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// mustParse parses a URL or fails the test.
func mustParse(tb testing.TB, s string) *url.URL {
	tb.Helper()
	u, err := url.Parse(s)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"http://example.com/a/./b/../c?b=2&a=1#f",
		"HTTPS://BÜCHER.de:443/%7e?utm_source=x",
		"http://[::1]:80/%zz?a&&b=%2",
		`http:\\example.com\a?x\y`,
		"http://example.com/a/%2E%2E/%2e/b?q=a b",
		"http://user:p%40ss@example.com:0080/",
		"http://example.com/?a=&a&=&a=1",
		"http://xn--bcher-kva.de./",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 8<<10 {
			return
		}
		n, err := Normalize(s)
		if err != nil {
			return
		}
		n2, err := Normalize(n)
		if err != nil {
			t.Fatalf("Normalize(%q) = %q, which fails: %v", s, n, err)
		}
		if n2 != n {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, n, n2)
		}
		if _, err := url.Parse(n); err != nil {
			t.Fatalf("Normalize(%q) = %q, unparsable: %v", s, n, err)
		}
		_ = TrapCheck(n)
		_ = Host(s)
		_ = Site(s)
		_ = NormalizePath(s)
	})
}

// FuzzResolve: links found on a page resolve to URLs that Normalize keeps
// as they are.
func FuzzResolve(f *testing.F) {
	for _, c := range [][2]string{
		{"https://example.com/a/b.html", "../c?x=1#f"},
		{"https://example.com/", "//cdn.example.com/x"},
		{"http://[::1]:8080/a/", "  ./b%zz "},
		{"https://bücher.de/", "javascript:void(0)"},
		{"https://example.com/a", "HTTPS://EXAMPLE.com:443/./b/../c/?utm_source=1&b=&a"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, base, href string) {
		if len(base)+len(href) > 8<<10 {
			return
		}
		b, err := url.Parse(base)
		if err != nil {
			b = nil
		}
		r, ok := Resolve(b, href)
		if !ok {
			return
		}
		n, err := Normalize(r)
		if err != nil {
			t.Fatalf("Resolve(%q, %q) = %q, which Normalize rejects: %v", base, href, r, err)
		}
		if n != r {
			t.Fatalf("Resolve(%q, %q) = %q, not normalized (%q)", base, href, r, n)
		}
		_ = SameSite(r, base)
		_ = SameHost(r, base)
	})
}

func BenchmarkNormalize(b *testing.B) {
	inputs := []string{
		"https://www.example.com/news/2024/01/02/some-long-article-slug-here.html",
		"HTTP://Example.COM:80/a/./b/../c?utm_source=x&b=2&a=1#frag",
		"https://example.com/search?q=caf%c3%a9&page=2&sort=date&fbclid=abc",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Normalize(inputs[i%len(inputs)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	base := mustParse(b, "https://www.example.com/news/2024/story.html")
	hrefs := []string{
		"/news/2024/01/02/another-story.html",
		"../2023/older.html?ref=home",
		"https://www.example.com/section/world/",
		"#comments",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Resolve(base, hrefs[i%len(hrefs)])
	}
}

// TestNormalizeErrorsAreShort: an error quotes at most 200 characters of
// what it rejects, however long the input.
func TestNormalizeErrorsAreShort(t *testing.T) {
	long := strings.Repeat("a", 100_000)
	for _, in := range []string{
		"http://" + long + "\x7f.test/",
		"ftp" + long + "://a.test/",
		"http://a.test:" + long + "/",
		"http://é" + long + "\u200d\u0301.test/",
		"http://[::1" + long,
		"/relative/" + long,
	} {
		_, err := Normalize(in)
		if err == nil {
			t.Errorf("Normalize(%.30q...) accepted", in)
			continue
		}
		if len(err.Error()) > 600 {
			t.Errorf("Normalize(%.30q...): error of %d bytes: %.300s", in, len(err.Error()), err)
		}
	}
}
