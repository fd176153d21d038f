package discover

import (
	"bytes"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// Robots limits.
const (
	// MaxRobotsSize is how much of a robots.txt is read, the 500 KiB that
	// RFC 9309 asks crawlers to parse at least.
	MaxRobotsSize = 500 << 10
	// MaxCrawlDelay caps the Crawl-delay honored for a group.
	MaxCrawlDelay = 24 * time.Hour
)

// Robots is a parsed robots.txt. A nil *Robots allows everything. It is
// safe for concurrent use.
type Robots struct {
	data   *robotstxt.RobotsData
	agents map[string]bool // user-agent values of the groups, lower case
}

// ParseRobots reads a robots.txt fetched with the given final HTTP status,
// following RFC 9309:
//
//   - 2xx: the body is parsed;
//   - 4xx (and a 3xx the fetcher gave up following): the file is
//     unavailable and everything is allowed;
//   - 5xx, 429 Too Many Requests, or no response (status 0): the site is
//     unreachable and everything is disallowed (the crawler should fetch
//     robots.txt again later). 429 is read as a server error, as Google does,
//     since the site is asking us to slow down.
//
// Only the first MaxRobotsSize bytes are read. Parsing is lenient: rules
// before any User-agent line and invalid Crawl-delay values are skipped
// rather than failing the whole file. Other statuses return an error.
func ParseRobots(status int, body []byte) (*Robots, error) {
	switch {
	case status >= 200 && status < 300:
	case status >= 300 && status < 500 && status != 429:
		body = nil
	case status == 0 || status == 429 || status >= 500 && status < 600:
		data, err := robotstxt.FromStatusAndBytes(http.StatusServiceUnavailable, nil)
		if err != nil {
			return nil, fmt.Errorf("parse robots: %w", err)
		}
		return &Robots{data: data}, nil
	default:
		return nil, fmt.Errorf("parse robots: unexpected status %d", status)
	}
	clean, agents := sanitizeRobots(body)
	data, err := robotstxt.FromBytes(clean)
	if err != nil {
		return nil, fmt.Errorf("parse robots: %w", err)
	}
	return &Robots{data: data, agents: agents}, nil
}

// sanitizeRobots rewrites a robots.txt so that temoto/robotstxt accepts it
// and matches the way RFC 9309 does: it drops group rules that come before
// any User-agent line (or after only empty ones) and invalid Crawl-delay
// values, clamps large Crawl-delay
// values, normalizes the percent-encoding of rule paths like urlnorm does to
// URLs, anchors rules at the start of the path (see anchorMark), lists each
// group's Allow rules before its Disallow rules (so that an
// Allow wins a tie of equal length, as the RFC says), and makes sure a group
// without rules still exists (it allows everything for its agents instead of
// falling back to "*"). It also collects the user agents named by groups.
func sanitizeRobots(body []byte) ([]byte, map[string]bool) {
	body = toUTF8(body)
	if len(body) > MaxRobotsSize {
		body = body[:MaxRobotsSize]
		if i := bytes.LastIndexByte(body, '\n'); i > 0 {
			body = body[:i+1]
		}
	}
	w := robotsWriter{agents: map[string]bool{}}
	w.out.Grow(len(body) + 64)
	for line := range bytes.Lines(body) {
		// Old Macs end lines with a lone CR.
		for sub := range bytes.SplitSeq(line, []byte{'\r'}) {
			s := string(sub)
			if i := strings.IndexByte(s, '#'); i >= 0 {
				s = s[:i]
			}
			if key, val, ok := strings.Cut(s, ":"); ok {
				w.line(strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val))
			}
		}
	}
	if w.inAgents && w.agentsN > 0 {
		w.write("crawl-delay", "0")
	}
	w.flush()
	return w.out.Bytes(), w.agents
}

// robotsWriter is sanitizeRobots' state: the rewritten file and the group
// being read.
type robotsWriter struct {
	out      bytes.Buffer
	agents   map[string]bool
	inAgents bool     // the last group line was a User-agent line
	agentsN  int      // valid user agents of the current group
	allows   []string // the current group's rules, flushed at its end
	others   []string // disallow and crawl-delay lines, as "key\x00val"
}

func (w *robotsWriter) write(key, val string) {
	w.out.WriteString(key)
	w.out.WriteString(": ")
	w.out.WriteString(val)
	w.out.WriteByte('\n')
}

// flush writes the current group's rules, its Allow rules first.
func (w *robotsWriter) flush() {
	for _, a := range w.allows {
		w.write("allow", a)
	}
	for _, o := range w.others {
		k, v, _ := strings.Cut(o, "\x00")
		w.write(k, v)
	}
	w.allows, w.others = w.allows[:0], w.others[:0]
}

// line takes one "key: value" line, key in lower case.
func (w *robotsWriter) line(key, val string) {
	switch key {
	case "user-agent", "useragent":
		w.agent(val)
		return
	case "allow", "disallow":
		if w.agentsN == 0 || val == "" {
			return
		}
		val = anchor(urlnorm.NormalizePath(val))
	case "crawl-delay", "crawldelay":
		d, err := strconv.ParseFloat(val, 64)
		if w.agentsN == 0 || err != nil || d < 0 || math.IsNaN(d) {
			return
		}
		key = "crawl-delay"
		val = strconv.FormatFloat(min(d, MaxCrawlDelay.Seconds()), 'f', -1, 64)
	case "sitemap", "host":
		if val != "" {
			w.write(key, val)
		}
		return
	default:
		return
	}
	if w.inAgents {
		w.inAgents = false
		// First rule of a group: a no-op line that creates the group in
		// temoto even if all its rules were dropped.
		w.write("crawl-delay", "0")
	}
	if key == "allow" {
		w.allows = append(w.allows, val)
	} else {
		w.others = append(w.others, key+"\x00"+val)
	}
}

// agent takes a User-agent line: the first of a group ends the one before.
func (w *robotsWriter) agent(val string) {
	if !w.inAgents {
		w.flush()
		w.agentsN = 0
	}
	w.inAgents = true
	// The value is a product token ("*" or letters, digits, "-" and "_");
	// keep what comes before any space.
	if i := strings.IndexAny(val, " \t"); i >= 0 {
		val = val[:i]
	}
	if val = strings.ToLower(val); val != "" {
		w.agents[val] = true
		w.agentsN++
		w.write("user-agent", val)
	}
}

// anchorMark starts every rule and every tested path. temoto/robotstxt
// matches wildcard rules with an unanchored regexp, so "/fish*.php" would
// match "/x/fish1.php"; "^" never appears raw in a normalized path (urlnorm
// encodes it), so a rule that starts with "/^" can only match at the start.
const anchorMark = "/^"

// anchor prefixes a rule or path with anchorMark, reading a rule that starts
// with "*" as "/*" (every path starts with "/").
func anchor(p string) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return anchorMark + p
}

// ProductToken extracts the robots.txt product token from a User-Agent
// header: its first product name, lower case ("archivist" for
// "Archivist/1.0 (+https://example.org/bot)"). For a browser-like
// "Mozilla/5.0 (compatible; Archivist/1.0; ...)" it picks the first product
// in the comment that is not Mozilla.
func ProductToken(userAgent string) string {
	ua := strings.TrimSpace(userAgent)
	tok := leadingToken(ua)
	if strings.EqualFold(tok, "mozilla") {
		if i := strings.IndexByte(ua, '('); i >= 0 {
			comment := ua[i+1:]
			if j := strings.IndexByte(comment, ')'); j >= 0 {
				comment = comment[:j]
			}
			for part := range strings.SplitSeq(comment, ";") {
				part = strings.TrimSpace(part)
				t := leadingToken(part)
				if t != "" && strings.HasPrefix(part[len(t):], "/") && !strings.EqualFold(t, "mozilla") {
					return strings.ToLower(t)
				}
			}
		}
	}
	return strings.ToLower(tok)
}

// leadingToken returns the run of letters, digits, "-" and "_" at the start
// of s, the characters RFC 9309 allows in product tokens.
func leadingToken(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return s[:i]
		}
	}
	return s
}

// group returns the group that applies to userAgent.
func (r *Robots) group(userAgent string) *robotstxt.Group {
	return r.data.FindGroup(groupKey(r, userAgent))
}

// Allowed reports whether userAgent may fetch target, a path with optional
// query ("/a/b?c=d") or an absolute URL, under the group for the agent's
// product token, else the "*" group. Paths are compared in urlnorm's
// percent-encoding. /robots.txt itself is always allowed.
func (r *Robots) Allowed(userAgent, target string) bool {
	if r == nil || r.data == nil {
		return true
	}
	p := target
	if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
		u, err := url.Parse(p)
		if err != nil {
			return true
		}
		p = u.EscapedPath()
		if u.RawQuery != "" {
			p += "?" + u.RawQuery
		}
	}
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	if p == "/robots.txt" {
		return true // RFC 9309 2.2.2: implicitly allowed
	}
	return r.data.TestAgent(anchor(urlnorm.NormalizePath(p)), groupKey(r, userAgent))
}

// groupKey returns the agent string to hand temoto so that its prefix match
// picks exactly the group that applies: the group naming the agent's product
// token (case-insensitive, exact match), else the "*" group.
func groupKey(r *Robots, userAgent string) string {
	tok := ProductToken(userAgent)
	if tok == "" || !r.agents[tok] {
		return "*"
	}
	return tok
}

// CrawlDelay returns the Crawl-delay of the group for userAgent, 0 when
// there is none. It is never more than MaxCrawlDelay.
func (r *Robots) CrawlDelay(userAgent string) time.Duration {
	if r == nil || r.data == nil {
		return 0
	}
	return min(max(r.group(userAgent).CrawlDelay, 0), MaxCrawlDelay)
}

// Sitemaps returns the URLs of the Sitemap lines, in order.
func (r *Robots) Sitemaps() []string {
	if r == nil || r.data == nil {
		return nil
	}
	return append([]string(nil), r.data.Sitemaps...)
}
