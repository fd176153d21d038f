package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleSeps separate a headline from a site or section name.
var titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", " ‹ ", " › ", " / ", " ~ ", "｜", "|"}

// normName lower-cases s and keeps only letters and digits.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CleanTitle removes a site name (or section and site name) attached to
// a headline with a separator such as " | " or " - ", at either end.
// siteNames are names the site goes by (og:site_name, publisher, host
// labels); headings are the page's <h1> texts, used to recognise the
// headline part.
func CleanTitle(title string, siteNames, headings []string) string {
	title = cleanSpace(title)
	if title == "" {
		return ""
	}
	sites := newSiteMatcher(siteNames)
	for _, h := range headings {
		// A heading that is the site's part of the title names the
		// site: that part goes.
		if !sites.isSite(h) && siteHeading(title, h, sites) {
			sites = append(sites, normName(h))
		}
	}
	if h, ok := headlinePart(title, headings, sites); ok {
		return h
	}
	sep := ""
	for changed := true; changed; {
		title, sep, changed = sites.trimOnce(title, sep)
	}
	return title
}

// newSiteMatcher normalises the names a site goes by.
func newSiteMatcher(siteNames []string) siteMatcher {
	var sites siteMatcher
	for _, s := range siteNames {
		if n := normName(s); len(n) >= 2 {
			sites = append(sites, n)
		}
	}
	return sites
}

// siteHeading reports whether the heading h names the site (or a section
// or channel), not the page: it is one of the site's names, or it is the
// last part of the page's title after a separator and shorter than the
// rest ("Headline - Section - Board name" under the board's <h1>): the
// part every page of the site shares, while the headline is the longer
// part that changes.
func siteHeading(title, h string, sites siteMatcher) bool {
	if sites.isSite(h) {
		return true
	}
	hn := normName(h)
	if len(hn) < 2 {
		return false
	}
	for _, sep := range titleSeps {
		i := strings.LastIndex(title, sep)
		if i > 0 && normName(title[i+len(sep):]) == hn {
			return numFields(title[:i]) > numFields(h)
		}
	}
	return false
}

// siteMatcher holds the normalised names a site goes by.
type siteMatcher []string

// isSite reports whether part of a title names the site.
func (sites siteMatcher) isSite(part string) bool {
	n := normName(part)
	if n == "" {
		return false
	}
	for _, s := range sites {
		if n == s || strings.Contains(n, s) && len(n) <= len(s)+12 || strings.Contains(s, n) && len(n) >= 3 {
			return true
		}
	}
	return false
}

// headlinePart returns the part of the title that one of the page's
// headings is, if one is: the headline. Of the headings joined to the
// title by a mark, the longest: a channel's <h1> ("新闻") can begin the
// title before the headline's.
func headlinePart(title string, headings []string, sites siteMatcher) (string, bool) {
	joined := ""
	for _, h := range headings {
		hn := normName(h)
		if len(hn) < 4 || siteHeading(title, h, sites) {
			continue
		}
		tn := normName(title)
		if tn == hn {
			return title, true
		}
		if strings.HasPrefix(tn, hn) || strings.HasSuffix(tn, hn) {
			for _, sep := range titleSeps {
				for _, part := range strings.Split(title, sep) {
					if normName(part) == hn {
						return strings.TrimSpace(part), true
					}
				}
			}
			// "Site: Headline" and other separators: the heading is the
			// title less a few words.
			if rest := numFields(title) - numFields(h); rest > 0 && rest <= 5 && len(hn) >= 10 {
				return cleanSpace(h), true
			}
			if ch := cleanSpace(h); len(ch) > len(joined) && joinedByMark(title, ch) {
				joined = ch
			}
		}
	}
	return joined, joined != ""
}

// joinedByMark reports whether the title is the heading with a section or
// site name joined to it by a punctuation mark and no space
// ("Headline_Section_Site", "Site——Headline"): scripts written without
// spaces between words (Chinese, Japanese) join them so, and the word
// count cannot tell the heading from the title there. Only there: in a
// spaced script the mark is most often part of a word the heading is the
// start or end of ("Apple's", "Node.js", "COVID-19", "Brexit:" when a
// topic's <h1> comes before the headline's).
func joinedByMark(title, h string) bool {
	if len(h) == 0 || len(title) <= len(h) || strings.IndexFunc(h, isSpaceless) < 0 {
		return false
	}
	if rest, ok := strings.CutPrefix(title, h); ok {
		r, _ := utf8.DecodeRuneInString(rest)
		return unicode.IsPunct(r) || unicode.IsSymbol(r)
	}
	if rest, ok := strings.CutSuffix(title, h); ok {
		r, _ := utf8.DecodeLastRuneInString(rest)
		return unicode.IsPunct(r) || unicode.IsSymbol(r)
	}
	return false
}

// trimOnce removes one site name (or an empty part, or a short tail after
// " | ") from the title's end, or a site name from its start, and reports
// whether it did. prev is the separator before the site name trimmed last
// (or ""): a short tail before it is a section ("Headline - Section -
// Site"), which goes too, once; sep is the one to pass next.
func (sites siteMatcher) trimOnce(title, prev string) (out, sep string, ok bool) {
	for _, sep := range titleSeps {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if tail == "" {
			return head, "", true
		}
		if sites.isSite(tail) || sites.beginsTail(tail) {
			return head, sep, true
		}
		if (sep == " | " || sep == prev && !startsLower(tail)) && numFields(tail) <= 4 && len(head) > 2*len(tail) {
			return head, "", true
		}
		j := strings.Index(title, sep)
		head, tail = strings.TrimSpace(title[:j]), strings.TrimSpace(title[j+len(sep):])
		if sites.isSite(head) && len(tail) > 0 {
			return tail, "", true
		}
	}
	return title, "", false
}

// beginsTail reports whether a title's last part of five words or fewer
// begins with one of the site's names of five letters or more: the site
// named in full ("Harrowfield District Council" on harrowfield.example).
// The part must read as a name: a headline's sentence-case second part
// can begin with the host's word too ("Strike shuts the centre - Metro
// services suspended" on metro.example).
func (sites siteMatcher) beginsTail(tail string) bool {
	if numFields(tail) > 5 || !nameLike(tail) {
		return false
	}
	n := normName(tail)
	for _, s := range sites {
		if len(s) >= 5 && strings.HasPrefix(n, s) {
			return true
		}
	}
	return false
}

// hostNames returns name-like labels of a host: "www.nytimes.com" gives
// "nytimes".
func hostNames(host string) []string {
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	parts := strings.Split(host, ".")
	var out []string
	for i, p := range parts {
		if i == len(parts)-1 && len(parts) > 1 {
			break
		}
		switch p {
		case "co", "com", "org", "net", "gov", "ac", "edu", "news", "m", "amp", "mobile":
			continue
		}
		if len(p) >= 3 {
			out = append(out, p)
		}
	}
	return out
}

// startsLower reports whether s begins with a lower-case letter: a
// headline's own second part ("as it happened", "what we know"), not a
// section's name ("Local news").
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// nameLike reports whether every word of s of four letters or more begins
// with a capital (or a digit, or a script without case): a name such as
// "Harrowfield District Council", not a sentence-case part of a headline
// ("Metro services suspended").
func nameLike(s string) bool {
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if utf8.RuneCountInString(w) >= 4 && unicode.IsLower(r) {
			return false
		}
	}
	return true
}
