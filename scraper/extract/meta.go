package extract

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"time"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// fillMeta reads every metadata field into art, each from its sources in
// trust order.
func (p *page) fillMeta(art *corpus.Article) {
	ld := p.ldArticle()
	if ld == nil {
		ld = p.ldPage()
	}
	get := func(k string) string {
		if ld == nil {
			return ""
		}
		return html.UnescapeString(ldString(ld[k]))
	}
	micro := func(k string) string {
		if v := p.micro[k]; len(v) > 0 {
			return cleanSpace(v[0])
		}
		return ""
	}

	// Site name first: the title cleaner needs it.
	art.SiteName = firstNonEmpty(p.meta("og:site_name"), p.publisherName(ld), p.websiteName(), p.meta("application-name", "apple-mobile-web-app-title"))
	art.SiteName = cleanSpace(html.UnescapeString(art.SiteName))

	sites := []string{art.SiteName}
	if ld != nil {
		sites = append(sites, p.publisherName(ld))
	}
	sites = append(sites, hostNames(art.Site)...)
	title := firstNonEmpty(get("headline"), p.meta("og:title", "twitter:title"), micro("headline"),
		p.meta("title", "dc.title", "dcterms.title", "parsely-title", "sailthru.title"), get("name"))
	if title != "" && normName(title) == normName(art.SiteName) {
		// The site's name, not the headline.
		title = firstNonEmpty(p.firstH1(), p.titleTag)
	}
	if title == "" {
		// An <h1> that reads like a headline, else <title> (the first <h1>
		// is often the site's logo); CleanTitle still picks an <h1> that
		// is part of the <title>.
		title = firstNonEmpty(p.headlineH1(sites), p.titleTag, p.firstH1())
	}
	art.Title = CleanTitle(html.UnescapeString(title), sites, p.h1s)
	if stem, ok := truncated(art.Title); ok {
		// A headline cut for a feed or a card: the page's <h1> has it whole.
		for _, h := range p.h1s {
			if len(h) > len(stem) && strings.HasPrefix(h, stem) {
				art.Title = h
				break
			}
		}
	}

	art.Authors = p.authors(ld, art.SiteName)

	art.Published = p.published()
	art.Modified = p.modified(art.Published)

	art.Description = cleanSpace(html.UnescapeString(firstNonEmpty(get("description"), p.meta("og:description"), p.meta("description"),
		p.meta("twitter:description", "dc.description", "dcterms.description"), micro("description"))))
	var img string
	if ld != nil {
		img = ldURL(ld["image"])
		if img == "" {
			img = ldURL(ld["thumbnailUrl"])
		}
	}
	img = firstNonEmpty(img, p.meta("og:image", "og:image:url", "og:image:secure_url"), p.meta("twitter:image", "twitter:image:src"), micro("image"), p.links["image_src"])
	art.Image = p.abs(img)

	section := ""
	if ld != nil {
		section = ldString(ld["articleSection"])
	}
	for _, v := range []string{section, p.meta("article:section"), p.meta("section", "parsely-section", "sailthru.section", "category", "dc.subject"), micro("articleSection")} {
		v = cleanSpace(html.UnescapeString(v))
		if v != "" && !strings.HasPrefix(v, "/") && !strings.Contains(v, "://") && len(v) < 100 {
			art.Section = v // a name, not a path or a URL
			break
		}
	}

	art.Tags = p.tags(ld)

	canon := p.abs(p.links["canonical"])
	if canon == "" {
		canon = p.abs(p.meta("og:url"))
	}
	if canon == "" && ld != nil {
		canon = p.abs(firstNonEmpty(ldURL(ld["url"]), ldURL(ld["mainEntityOfPage"])))
	}
	if lp := p.ldPage(); canon == "" && lp != nil {
		canon = p.abs(firstNonEmpty(ldURL(lp["url"]), ldURL(lp["@id"])))
	}
	art.CanonicalURL = canon

	art.Language = p.language(get("inLanguage"), art.Text)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func (p *page) publisherName(ld map[string]any) string {
	if ld == nil {
		return ""
	}
	switch pub := ld["publisher"].(type) {
	case map[string]any:
		return ldString(pub["name"])
	case []any:
		for _, e := range pub {
			if m, ok := e.(map[string]any); ok {
				if n := ldString(m["name"]); n != "" {
					return n
				}
			}
		}
	case string:
		if !strings.HasPrefix(pub, "http") && !strings.HasPrefix(pub, "#") {
			return pub
		}
	}
	return ""
}

func (p *page) websiteName() string {
	for _, m := range p.ld {
		if ldIs(m, func(t string) bool { return t == "WebSite" || t == "NewsMediaOrganization" || t == "Organization" }) {
			if n := ldString(m["name"]); n != "" {
				return n
			}
		}
	}
	return ""
}

// authors returns the people who wrote the article, or the organisation
// when no person is named.
func (p *page) authors(ld map[string]any, siteName string) []string {
	var orgs []string
	add := func(dst []string, raw string) []string {
		for _, a := range CleanAuthors(html.UnescapeString(raw)) {
			if siteName != "" && normName(a) == normName(siteName) || looksLikeOrg(a) {
				orgs = appendUnique(orgs, a)
				continue
			}
			dst = appendUnique(dst, a)
		}
		return dst
	}
	var out []string
	if ld != nil {
		for _, k := range []string{"author", "creator"} {
			var vals []any
			switch v := ld[k].(type) {
			case []any:
				vals = v
			case nil:
			default:
				vals = []any{v}
			}
			for _, v := range vals {
				if m, ok := v.(map[string]any); ok && ldIs(m, func(t string) bool { return t != "Person" }) {
					if n := ldString(m["name"]); n != "" {
						orgs = appendUnique(orgs, cleanSpace(html.UnescapeString(n)))
					}
					continue
				}
				switch t := v.(type) {
				case map[string]any:
					out = add(out, ldString(t["name"]))
				case string:
					out = add(out, t)
				}
			}
			if len(out) > 0 {
				return out
			}
		}
	}
	sources := [][]string{
		p.metas["author"], p.metas["article:author"], p.metas["parsely-author"], p.metas["sailthru.author"],
		p.metas["dc.creator"], p.metas["dcterms.creator"], p.metas["byl"],
		p.microAuth,
	}
	for _, src := range sources {
		for _, v := range src {
			out = add(out, v)
		}
		if len(out) > 0 {
			return out
		}
	}
	// Visible bylines: the first that names a person, and those beside it
	// (names in sibling spans); bylines elsewhere belong to other
	// articles (teasers, related lists, author boxes of quoted pieces).
	var first *xhtml.Node
	for i, v := range p.bylines {
		n := p.bylineNodes[i]
		if first != nil && !nearNode(first, n) {
			continue
		}
		before := len(out)
		out = add(out, v)
		if first == nil && len(out) > before {
			first = n
		}
	}
	if len(out) > 0 {
		return out
	}
	if len(orgs) > 0 {
		return orgs[:1]
	}
	return nil
}

// looksLikeOrg reports whether an author name is an organisation.
func looksLikeOrg(s string) bool {
	l := strings.ToLower(s)
	for _, w := range []string{"news", "press", "agency", "associated", "reuters", "staff", "team", "editorial", "desk", "media", "online", "magazine", "redaktion", "rédaction", "redacción", "redazione", "times", "post", "herald", "tribune", "journal", "daily", ".com"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// dateOK reports whether t is a plausible publication date.
func (p *page) dateOK(t time.Time) bool {
	return !t.IsZero() && t.Year() >= 1990 && !t.After(p.fetched)
}

func (p *page) firstDate(vals ...string) *time.Time {
	for _, v := range vals {
		if v == "" {
			continue
		}
		if t, ok := ParseDate(v); ok && p.dateOK(t) {
			return &t
		}
	}
	return nil
}

// published finds the publication date in trust order.
func (p *page) published() *time.Time {
	var cands []string
	if ld := p.ldArticle(); ld != nil {
		cands = append(cands, ldString(ld["datePublished"]), ldString(ld["dateCreated"]))
	}
	if lp := p.ldPage(); lp != nil {
		cands = append(cands, ldString(lp["datePublished"]))
	}
	for _, k := range []string{"article:published_time", "og:published_time", "og:article:published_time", "article:published",
		"datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "publication-date",
		"dc.date", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dcterms.date",
		"parsely-pub-date", "sailthru.date", "article.published", "article_date_original", "original-publish-date",
		"cxenseparse:recs:publishtime", "sort_date", "displaydate", "dat", "created", "live_date", "rnews:datepublished"} {
		cands = append(cands, p.metas[k]...)
	}
	cands = append(cands, p.micro["datePublished"]...)
	cands = append(cands, p.micro["dateCreated"]...)
	var urlDate *time.Time
	if p.base != nil {
		if t, ok := dateFromURL(p.base.Path); ok && p.dateOK(t) {
			urlDate = &t
		}
	}
	if t := p.firstDate(cands...); t != nil {
		if urlDate != nil && farApart(*t, *urlDate) {
			// A full date in the URL is fixed when the page is first
			// published; metadata that names another day was updated
			// since (a republished or revised page).
			return urlDate
		}
		if v := p.visibleChoice(t, cands); v != nil {
			t = v
		}
		t = localDay(p.withZone(t, cands), urlDate)
		if urlDate == nil {
			t = p.visibleDay(t)
		}
		return t
	}
	// The URL's date is the publication day by the site's own account;
	// visible dates may be other posts', comments' or the last update's.
	// A visible date on that day is kept for its time of day.
	t := p.pageDate()
	if urlDate != nil && (t == nil || !sameDay(*t, *urlDate)) {
		return urlDate
	}
	if t == nil {
		t = p.imageURLDate()
	}
	if t == nil {
		t = p.frequentDate()
	}
	return t
}

// visibleChoice settles metadata that names more than one day (JSON-LD
// and meta tags out of step after an edit): the candidate on the day the
// page prints near its headline or in its dateline is the one readers
// saw. It returns nil when the metadata agrees, when the page prints no
// date, or when no candidate falls on the printed day.
func (p *page) visibleChoice(t *time.Time, cands []string) *time.Time {
	var alts []time.Time
	for _, c := range cands {
		if c == "" {
			continue
		}
		if x, ok := ParseDate(c); ok && p.dateOK(x) && !sameDay(x, *t) {
			alts = append(alts, x)
		}
	}
	if len(alts) == 0 {
		return nil
	}
	// The first date under the headline, then the first dateline (which
	// may be a teaser's, further down).
	v := p.firstDate(p.nearHeadline()...)
	if v == nil {
		for _, d := range p.datelines {
			if x, ok := parseShortDate(d); ok && p.dateOK(x) {
				v = &x
				break
			}
		}
	}
	if v == nil || sameDay(*v, *t) {
		return nil
	}
	for i := range alts {
		if sameDay(alts[i], *v) {
			return &alts[i]
		}
	}
	return nil
}

// looseDates calls fn with each valid numeric date in s: year first
// (2020-04-17, 2020/4/17, 2020.04.17) or day first (17.04.2020), with a
// year from 1900 to 2099, not inside a longer run of digits or a word.
func looseDates(s string, fn func(y, mo, d int)) {
	num := func(i, max int) (v, j int) {
		j = i
		for j < len(s) && j-i < max && s[j] >= '0' && s[j] <= '9' {
			v = v*10 + int(s[j]-'0')
			j++
		}
		return v, j
	}
	sep := func(c byte) bool { return c == '-' || c == '/' || c == '.' }
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		if i > 0 && (isAlnum(s[i-1]) || s[i-1] == '.') {
			// Skip the rest of this run of digits.
			for i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				i++
			}
			continue
		}
		a, j := num(i, 5)
		n := j - i
		switch {
		case n == 4 && (a/100 == 19 || a/100 == 20) && j < len(s) && sep(s[j]):
			mo, k := num(j+1, 3)
			if k-(j+1) < 1 || k-(j+1) > 2 || k >= len(s) || !sep(s[k]) {
				break
			}
			d, l := num(k+1, 3)
			if l-(k+1) < 1 || l-(k+1) > 2 || l < len(s) && isAlnum(s[l]) {
				break
			}
			if valid(a, mo, d) {
				fn(a, mo, d)
			}
		case n <= 2 && j < len(s) && s[j] == '.':
			mo, k := num(j+1, 3)
			if k-(j+1) < 1 || k-(j+1) > 2 || k >= len(s) || s[k] != '.' {
				break
			}
			y, l := num(k+1, 5)
			if l-(k+1) != 4 || y/100 != 19 && y/100 != 20 || l < len(s) && isAlnum(s[l]) {
				break
			}
			if valid(y, mo, a) {
				fn(y, mo, a)
			}
		}
		i = j - 1
	}
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// frequentDate returns the day named most often in numeric dates anywhere
// in the page, its scripts included, the earliest on a tie: the very last
// resort, for pages whose only dates sit in script calls or in running
// text. It reads at most the first 4 MB of text.
func (p *page) frequentDate() *time.Time {
	counts := make(map[time.Time]int)
	budget := 4 << 20
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if budget <= 0 {
			return
		}
		switch n.Type {
		case xhtml.TextNode:
			budget -= len(n.Data)
			if !strings.ContainsAny(n.Data, "0123456789") {
				return
			}
			looseDates(n.Data, func(y, mo, d int) {
				if t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC); p.dateOK(t) {
					counts[t]++
				}
			})
			return
		case xhtml.ElementNode:
			if n.DataAtom == atom.Style {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.root)
	var best time.Time
	bestN := 0
	for t, k := range counts {
		if k > bestN || k == bestN && t.Before(best) {
			best, bestN = t, k
		}
	}
	if bestN == 0 {
		return nil
	}
	return &best
}

// imageURLDate returns the full date in the path of the page's share
// image (og:image, twitter:image): the day it was uploaded for the page,
// the last resort for pages that state no date at all.
func (p *page) imageURLDate() *time.Time {
	for _, k := range []string{"og:image", "twitter:image"} {
		for _, v := range p.metas[k] {
			u, err := url.Parse(strings.TrimSpace(v))
			if err != nil {
				continue
			}
			if t, ok := dateFromURL(u.Path); ok && p.dateOK(t) {
				return &t
			}
		}
	}
	return nil
}

// farApart reports whether the metadata date t falls more than a day away
// from the URL's date u, beyond what time zones explain.
func farApart(t, u time.Time) bool {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Sub(time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC))
	return d.Abs() > 24*time.Hour
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// pageDate finds a date in the page's visible text and elements, for
// pages whose metadata has none.
func (p *page) pageDate() *time.Time {
	// <time> elements near the article first (its <article> or the
	// content's close ancestors), then the rest of the page.
	var scope *xhtml.Node
	if p.top != nil {
		scope = p.top
		for a, i := p.top, 0; a != nil && i < 4; a, i = a.Parent, i+1 {
			scope = a
			if a.DataAtom == atom.Article || a.DataAtom == atom.Main {
				break
			}
		}
	}
	// Marked publication times ("pubdate", class "published") first.
	var pubNear, near, far []string
	for _, t := range p.times {
		v := attr(t, "datetime")
		if v == "" {
			v = shortText(t, 100)
		}
		switch {
		case scope != nil && !isAncestor(scope, t):
			far = append(far, v)
		case hasAttr(t, "pubdate") || strings.Contains(strings.ToLower(attr(t, "class")), "publish"):
			pubNear = append(pubNear, v)
		default:
			near = append(near, v)
		}
	}
	near = append(pubNear, near...)
	if t := p.firstDate(near...); t != nil {
		return t
	}
	// Elements named for a date that name several days are a list of
	// posts (recent posts in a sidebar): only those near the article
	// count then.
	several := !p.datelinesOneDay()
	for i, d := range p.datelines {
		if several && scope != nil && p.datelineAt[i] != nil && !isAncestor(scope, p.datelineAt[i]) {
			continue
		}
		// Elements named for a date may print a two-digit year.
		if t, ok := parseShortDate(d); ok && p.dateOK(t) {
			return &t
		}
	}
	// A dateline at the top of the body text.
	for i, b := range p.blocks {
		if i == 3 {
			break
		}
		if len(b.text) < 200 {
			if t := p.firstDate(b.text); t != nil {
				return t
			}
		}
	}
	if t := p.firstDate(p.nearHeadline()...); t != nil {
		return t
	}
	// <time> elsewhere on the page, last among the structured sources:
	// sidebars and related lists carry other posts' dates.
	if t := p.firstDate(far...); t != nil {
		return t
	}
	if t := p.firstDate(p.labelledDates()...); t != nil {
		return t
	}
	for _, h := range p.dateHints {
		if t, ok := parseShortDate(h); ok && p.dateOK(t) {
			return &t
		}
	}
	if t := p.firstDate(p.scriptDates...); t != nil {
		return t
	}
	return p.textDate()
}

// datelinesOneDay reports whether the elements named for a date that
// parse name a single day.
func (p *page) datelinesOneDay() bool {
	var first *time.Time
	for _, d := range p.datelines {
		t, ok := parseShortDate(d)
		if !ok || !p.dateOK(t) {
			continue
		}
		if first == nil {
			first = &t
		} else if !sameDay(*first, t) {
			return false
		}
	}
	return true
}

// withZone returns t in the page's own zone when t is given in UTC and
// another date on the page (metadata or a <time> element) names the same
// instant with a zone offset: the day of the page's readers.
func (p *page) withZone(t *time.Time, cands []string) *time.Time {
	if _, off := t.Zone(); off != 0 {
		return t
	}
	try := func(v string) *time.Time {
		if v == "" {
			return nil
		}
		o, ok := ParseDate(v)
		if !ok {
			return nil
		}
		if _, off := o.Zone(); off != 0 && o.Sub(*t).Abs() < time.Minute {
			z := t.In(o.Location())
			return &z
		}
		return nil
	}
	for _, v := range cands {
		if z := try(v); z != nil {
			return z
		}
	}
	for _, n := range p.times {
		if z := try(attr(n, "datetime")); z != nil {
			return z
		}
	}
	return t
}

// visibleDay corrects a UTC timestamp in the morning that falls on the
// day after the date printed near the headline, as localDay does with the
// URL's date: readers west of UTC saw the printed day.
func (p *page) visibleDay(t *time.Time) *time.Time {
	if _, off := t.Zone(); off != 0 || t.Hour() >= 12 || t.Hour() == 0 && t.Minute() == 0 {
		return t
	}
	var v *time.Time
	for _, d := range p.datelines {
		if x, ok := parseShortDate(d); ok && p.dateOK(x) {
			v = &x
			break
		}
	}
	if v == nil {
		v = p.firstDate(p.nearHeadline()...)
	}
	if v != nil && sameDay(v.AddDate(0, 0, 1), *t) {
		return v
	}
	return t
}

// localDay corrects a UTC timestamp that falls on the day after the
// URL's date: the page was published in the evening of the URL's day in
// a zone west of UTC, and the URL names the day its readers saw. The
// result is the URL's day, without a time, since the zone is not known.
func localDay(t, urlDate *time.Time) *time.Time {
	if urlDate == nil {
		return t
	}
	if _, off := t.Zone(); off != 0 {
		return t
	}
	y, m, d := t.Date()
	uy, um, ud := urlDate.Date()
	if time.Date(uy, um, ud+1, 0, 0, 0, 0, time.UTC).Equal(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) && t.Hour() < 12 {
		return urlDate
	}
	return t
}

// textDate returns the first short text that is a date, in the article's
// close ancestors first, then anywhere in the page: the last resort for
// pages that print their date in a plain element without any name.
func (p *page) textDate() *time.Time {
	var found *time.Time
	var skip *xhtml.Node
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if found != nil || n == skip {
			return
		}
		switch n.Type {
		case xhtml.TextNode:
			if len(n.Data) > 120 || !strings.ContainsAny(n.Data, "0123456789") {
				return
			}
			if t := cleanSpace(n.Data); len(t) >= 6 && len(t) <= 60 {
				d, ok := ParseDate(t)
				if !ok && len(t) <= 10 {
					// A text that is nothing but "02.12.19".
					d, ok = parseShortDate(t)
				}
				if ok && p.dateOK(d) {
					found = &d
				}
			}
			return
		case xhtml.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Select, atom.Option, atom.Textarea:
				return
			}
		}
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			walk(c)
		}
	}
	if p.top != nil {
		scope := p.top
		for a, i := p.top, 0; a != nil && i < 3 && a.DataAtom != atom.Body; a, i = a.Parent, i+1 {
			scope = a
		}
		walk(scope)
		if found != nil {
			return found
		}
		skip = scope
	}
	walk(p.root)
	return found
}

// nearHeadline returns the short texts that follow the first <h1>, where
// pages print their dateline.
func (p *page) nearHeadline() []string {
	var h1 *xhtml.Node
	var find func(n *xhtml.Node) bool
	find = func(n *xhtml.Node) bool {
		if n.Type == xhtml.ElementNode && n.DataAtom == atom.H1 {
			h1 = n
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if find(c) {
				return true
			}
		}
		return false
	}
	find(p.root)
	if h1 == nil {
		return nil
	}
	var out []string
	seen := 0
	for n := nextNode(h1, true); n != nil && seen < 60; n = nextNode(n, false) {
		if n.Type == xhtml.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			n = lastDescendant(n)
			continue
		}
		if n.Type != xhtml.TextNode {
			continue
		}
		seen++
		if t := cleanSpace(n.Data); t != "" && len(t) < 120 && strings.ContainsAny(t, "0123456789") {
			out = append(out, t)
		}
	}
	return out
}

// reDateLabel finds texts that announce a publication date.
var reDateLabel = regexp.MustCompile(`(?i)(published|posted|updated|publiziert|veröffentlicht|publié|publicado|pubblicato|gepubliceerd|opublikowano|опубликовано|입력|投稿|公開|掲載|نشر|on [A-Z][a-z]+ \d)`)

// labelledDates returns short texts anywhere in the page that carry a
// date label such as "Published" or "publiziert am".
func (p *page) labelledDates() []string {
	var out []string
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if len(out) >= 10 {
			return
		}
		switch n.Type {
		case xhtml.TextNode:
			if len(n.Data) < 200 && strings.ContainsAny(n.Data, "0123456789") && reDateLabel.MatchString(n.Data) {
				out = append(out, cleanSpace(n.Data))
			}
			return
		case xhtml.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.root)
	return out
}

// nextNode returns the node after n in document order; with skipKids it
// skips n's subtree.
func nextNode(n *xhtml.Node, skipKids bool) *xhtml.Node {
	if !skipKids && n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != nil; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

func lastDescendant(n *xhtml.Node) *xhtml.Node {
	for n.LastChild != nil {
		n = n.LastChild
	}
	return n
}

// modified finds the last modification date; it is never before the
// publication date.
func (p *page) modified(pub *time.Time) *time.Time {
	var cands []string
	if ld := p.ldArticle(); ld != nil {
		cands = append(cands, ldString(ld["dateModified"]))
	}
	for _, k := range []string{"article:modified_time", "og:updated_time", "article:modified", "last-modified", "lastmod",
		"dateModified", "datemodified", "dcterms.modified", "dc.date.modified", "parsely-updated", "modified_time", "eomportal-lastupdate"} {
		cands = append(cands, p.metas[k]...)
	}
	cands = append(cands, p.micro["dateModified"]...)
	t := p.firstDate(cands...)
	if t == nil || pub != nil && t.Before(*pub) {
		return nil
	}
	return t
}

func (p *page) tags(ld map[string]any) []string {
	var raw []string
	if ld != nil {
		raw = ldStrings(ld["keywords"])
	}
	if len(raw) == 0 {
		raw = p.metas["article:tag"]
	}
	if len(raw) == 0 {
		for _, k := range []string{"news_keywords", "keywords", "parsely-tags", "sailthru.tags", "dc.subject"} {
			if raw = p.metas[k]; len(raw) > 0 {
				break
			}
		}
	}
	if len(raw) == 0 {
		raw = p.micro["keywords"]
	}
	var out []string
	for _, r := range raw {
		for _, t := range strings.FieldsFunc(html.UnescapeString(r), func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == '、' || r == '،' }) {
			t = cleanSpace(t)
			if t == "" || len(t) > 100 || strings.Contains(t, "://") {
				continue
			}
			out = appendUnique(out, t)
			if len(out) == 50 {
				return out
			}
		}
	}
	return out
}

// language reads the declared language and lets ChooseLanguage weigh it
// against the language of the text (the title when there is no text).
func (p *page) language(ldLang, text string) string {
	declared := ""
	for _, v := range []string{p.lang, p.meta("og:locale"), p.meta("content-language", "language", "dc.language"), ldLang, p.meta("inlanguage")} {
		if l := NormalizeLang(v); l != "" {
			declared = l
			break
		}
	}
	sample := text
	if sample == "" {
		sample = p.titleTag
	}
	return ChooseLanguage(declared, sample)
}

func (p *page) firstH1() string {
	if len(p.h1s) > 0 {
		return p.h1s[0]
	}
	return ""
}

// truncated reports whether a title ends in an ellipsis, and returns it
// without one.
func truncated(t string) (string, bool) {
	for _, e := range []string{"...", "…"} {
		if strings.HasSuffix(t, e) {
			return strings.TrimSpace(strings.TrimSuffix(t, e)), true
		}
	}
	return t, false
}

// headlineH1 returns the first <h1> of at least four words that is not
// the site's name, or "".
func (p *page) headlineH1(sites []string) string {
	for _, h := range p.h1s {
		if len(strings.Fields(h)) < 4 {
			continue
		}
		site := false
		for _, s := range sites {
			if s != "" && normName(s) == normName(h) {
				site = true
			}
		}
		if !site {
			return h
		}
	}
	return ""
}

// nearNode reports whether b sits inside a, or shares its parent or
// grandparent with a.
func nearNode(a, b *xhtml.Node) bool {
	if isAncestor(a, b) {
		return true
	}
	pa := a.Parent
	for i := 0; i < 2 && pa != nil; i, pa = i+1, pa.Parent {
		if pa.DataAtom == atom.Body {
			return false
		}
		if isAncestor(pa, b) {
			return true
		}
	}
	return false
}
