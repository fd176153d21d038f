package discover

import (
	"slices"
	"strings"
	"testing"
	"time"
)

const robotsTxt = `# robots.txt for news.example.com
User-agent: *
Disallow: /private/
Disallow: /search
Allow: /search/about
Crawl-delay: 2

User-agent: Archivist
User-agent: otherbot
Disallow: /drafts/
Disallow: /*.pdf$
Allow: /drafts/public
Crawl-delay: 0.5

User-agent: archivist-images
Disallow: /

User-agent: BadBot
Disallow: /

user-agent: quietbot

Sitemap: https://news.example.com/sitemap.xml
sitemap: https://news.example.com/news-sitemap.xml.gz
`

func TestRobotsAllowed(t *testing.T) {
	r, err := ParseRobots(200, []byte(robotsTxt))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		agent, path string
		want        bool
	}{
		// "*" group.
		{"SomeCrawler/1.0", "/", true},
		{"SomeCrawler/1.0", "/private/x", false},
		{"SomeCrawler/1.0", "/private", true},
		{"SomeCrawler/1.0", "/search?q=x", false},
		{"SomeCrawler/1.0", "/search/about", true},
		{"SomeCrawler/1.0", "/drafts/x", true},
		// Our group, by product token, case-insensitive.
		{"Archivist/0.1 (+https://example.org/bot)", "/private/x", true},
		{"archivist", "/drafts/x", false},
		{"ARCHIVIST/2", "/drafts/public/y", true},
		{"archivist", "/files/report.pdf", false},
		{"archivist", "/files/report.pdf?download=1", true},
		{"archivist", "/search?q=x", true},
		{"Mozilla/5.0 (compatible; Archivist/1.0; +https://example.org/bot)", "/drafts/x", false},
		// A group listing two agents applies to both.
		{"otherbot/3", "/drafts/x", false},
		// Prefix names are different agents: no "archivist" group for them.
		{"archivistx/1", "/drafts/x", true},
		{"archivistx/1", "/private/x", false},
		{"archivist-images/1", "/anything", false},
		{"badbot", "/", false},
		// A group without rules allows everything for its agent.
		{"quietbot", "/private/x", true},
		// Full URLs and percent-encoding.
		{"SomeCrawler", "https://news.example.com/private/a?b=c", false},
		{"SomeCrawler", "https://news.example.com/%70rivate/a", false},
		{"SomeCrawler", "", true},
		{"badbot", "/robots.txt", true},
		{"", "/private/", false},
	}
	for _, tt := range tests {
		if got := r.Allowed(tt.agent, tt.path); got != tt.want {
			t.Errorf("Allowed(%q, %q) = %v, want %v", tt.agent, tt.path, got, tt.want)
		}
	}
}

func TestRobotsCrawlDelayAndSitemaps(t *testing.T) {
	r, err := ParseRobots(200, []byte(robotsTxt))
	if err != nil {
		t.Fatal(err)
	}
	for agent, want := range map[string]time.Duration{
		"SomeCrawler": 2 * time.Second,
		"archivist":   500 * time.Millisecond,
		"badbot":      0,
		"quietbot":    0,
	} {
		if got := r.CrawlDelay(agent); got != want {
			t.Errorf("CrawlDelay(%q) = %v, want %v", agent, got, want)
		}
	}
	want := []string{"https://news.example.com/sitemap.xml", "https://news.example.com/news-sitemap.xml.gz"}
	if got := r.Sitemaps(); !slices.Equal(got, want) {
		t.Errorf("Sitemaps = %q, want %q", got, want)
	}
}

func TestParseRobotsStatus(t *testing.T) {
	body := []byte("User-agent: *\nDisallow: /\nSitemap: https://a.example/s.xml\n")
	tests := []struct {
		status  int
		allowed bool
		err     bool
	}{
		{200, false, false},
		{204, false, false},
		{401, true, false},
		{403, true, false},
		{404, true, false},
		{410, true, false},
		{429, false, false},
		{301, true, false},
		{500, false, false},
		{503, false, false},
		{0, false, false},
		{600, false, true},
		{100, false, true},
	}
	for _, tt := range tests {
		r, err := ParseRobots(tt.status, body)
		if (err != nil) != tt.err {
			t.Errorf("status %d: err = %v", tt.status, err)
			continue
		}
		if err != nil {
			continue
		}
		if got := r.Allowed("archivist", "/page"); got != tt.allowed {
			t.Errorf("status %d: Allowed = %v, want %v", tt.status, got, tt.allowed)
		}
	}
}

func TestParseRobotsLenient(t *testing.T) {
	tests := []struct {
		name, body string
		agent      string
		path       string
		allowed    bool
		delay      time.Duration
	}{
		{"empty", "", "a", "/x", true, 0},
		{"rules before any user-agent are skipped", "Disallow: /x\nUser-agent: *\nDisallow: /y\n", "a", "/x", true, 0},
		{"and the later group still applies", "Disallow: /x\nUser-agent: *\nDisallow: /y\n", "a", "/y", false, 0},
		{"invalid crawl-delay skipped", "User-agent: *\nCrawl-delay: soon\nDisallow: /y\n", "a", "/y", false, 0},
		{"negative crawl-delay skipped", "User-agent: *\nCrawl-delay: -5\n", "a", "/", true, 0},
		{"huge crawl-delay capped", "User-agent: *\nCrawl-delay: 1e300\n", "a", "/", true, MaxCrawlDelay},
		{"comments and spaces", "  User-Agent :  *   # all\n\tDISALLOW: /y # no\n", "a", "/y", false, 0},
		{"cr line endings", "User-agent: *\rDisallow: /y\r", "a", "/y", false, 0},
		{"crlf line endings", "User-agent: *\r\nDisallow: /y\r\n", "a", "/y", false, 0},
		{"bom", "\ufeffUser-agent: *\nDisallow: /y\n", "a", "/y", false, 0},
		{"empty disallow allows", "User-agent: *\nDisallow:\n", "a", "/y", true, 0},
		{"allow wins a tie", "User-agent: *\nDisallow: /page\nAllow: /page\n", "a", "/page", true, 0},
		{"longest match wins", "User-agent: *\nAllow: /\nDisallow: /a\nAllow: /a/b\n", "a", "/a/b/c", true, 0},
		{"longest match disallows", "User-agent: *\nAllow: /a/b\nDisallow: /a/b/c\n", "a", "/a/b/c", false, 0},
		{"percent-encoded rule", "User-agent: *\nDisallow: /%7Ejoe/\n", "a", "/~joe/x", false, 0},
		{"non-ascii rule", "User-agent: *\nDisallow: /café\n", "a", "/caf%C3%A9", false, 0},
		{"html error page", "<html><body>Not here</body></html>", "a", "/", true, 0},
		{"unknown lines", "Foo: bar\nUser-agent: *\nNoindex: /y\n", "a", "/y", true, 0},
		{"wildcard matches from the start", "User-agent: *\nDisallow: /fish*.php\n", "a", "/x/fish1.php", true, 0},
		{"wildcard", "User-agent: *\nDisallow: /fish*.php\n", "a", "/fish/salmon.php?x", false, 0},
		{"end anchor", "User-agent: *\nDisallow: /*.php$\n", "a", "/a.php?x=1", true, 0},
		{"leading wildcard", "User-agent: *\nDisallow: *.gif\n", "a", "/img/a.gif", false, 0},
		{"empty user-agent group dropped", "User-agent: *\nDisallow: /x\n\nUser-agent:\nDisallow: /y\n", "a", "/y", true, 0},
		{"and does not join the previous group", "User-agent: *\nDisallow: /x\n\nUser-agent:\nDisallow: /y\n", "a", "/x", false, 0},
		{"agent with spaces", "User-agent: a b c\nDisallow: /y\n", "a", "/y", false, 0},
		{"group of one empty agent first", "User-agent:\nDisallow: /y\n", "a", "/y", true, 0},
		{"groups merge", "User-agent: a\nDisallow: /x\n\nUser-agent: a\nDisallow: /y\n", "a", "/y", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseRobots(200, []byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Allowed(tt.agent, tt.path); got != tt.allowed {
				t.Errorf("Allowed(%q) = %v, want %v", tt.path, got, tt.allowed)
			}
			if got := r.CrawlDelay(tt.agent); got != tt.delay {
				t.Errorf("CrawlDelay = %v, want %v", got, tt.delay)
			}
		})
	}
}

func TestRobotsTooLarge(t *testing.T) {
	body := "User-agent: *\nDisallow: /early\n" + strings.Repeat("# padding\n", MaxRobotsSize/10) + "Disallow: /late\n"
	r, err := ParseRobots(200, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if r.Allowed("a", "/early") || !r.Allowed("a", "/late") {
		t.Errorf("want rules before the %d-byte cap only", MaxRobotsSize)
	}
}

func TestNilRobots(t *testing.T) {
	var r *Robots
	if !r.Allowed("a", "/") || r.CrawlDelay("a") != 0 || r.Sitemaps() != nil {
		t.Error("nil Robots must allow everything")
	}
}

func TestProductToken(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Archivist/0.1 (+https://example.org)", "archivist"},
		{"archivist", "archivist"},
		{"  my_bot-2/1.0", "my_bot-2"},
		{"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "googlebot"},
		{"Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0", "mozilla"},
		{"", ""},
		{"/1.0", ""},
	}
	for _, tt := range tests {
		if got := ProductToken(tt.in); got != tt.want {
			t.Errorf("ProductToken(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkRobotsAllowed(b *testing.B) {
	r, err := ParseRobots(200, []byte(robotsTxt))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r.Allowed("Archivist/0.1", "/news/2024/01/02/story.html")
	}
}

func BenchmarkParseRobots(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseRobots(200, []byte(robotsTxt)); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzParseRobots(f *testing.F) {
	f.Add(200, []byte(robotsTxt), "archivist/1.0", "/drafts/x")
	f.Add(200, []byte("User-agent: *\nDisallow: /*$*$\nCrawl-delay: 1e309\n"), "a", "/")
	f.Fuzz(func(t *testing.T, status int, body []byte, agent, path string) {
		if len(body) > fuzzMaxBytes {
			return
		}
		r, err := ParseRobots(status, body)
		ProductToken(agent)
		if err != nil {
			if status >= 200 && status < 300 {
				t.Fatalf("ParseRobots(%d) failed: %v", status, err)
			}
			return
		}
		r.Allowed(agent, path)
		if d := r.CrawlDelay(agent); d < 0 || d > MaxCrawlDelay {
			t.Fatalf("CrawlDelay = %v", d)
		}
		r.Sitemaps()
	})
}
