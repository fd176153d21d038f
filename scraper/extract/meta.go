package extract

import (
	"html"
	"strings"

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
	// Site name first: the title cleaner needs it.
	art.SiteName = firstNonEmpty(p.meta("og:site_name"), p.publisherName(ld), p.websiteName(), p.meta("application-name", "apple-mobile-web-app-title"))
	art.SiteName = cleanSpace(html.UnescapeString(art.SiteName))
	art.Title = p.title(ld, get, art)
	art.Authors = p.authors(ld, art.SiteName)
	art.Published, art.PublishedPrecision = p.published(art.FetchedAt)
	art.Modified, art.ModifiedPrecision = p.modified(art.Published, art.PublishedPrecision)
	art.Description = cleanSpace(html.UnescapeString(firstNonEmpty(get("description"), p.meta("og:description"), p.meta("description"),
		p.meta("twitter:description", "dc.description", "dcterms.description"), p.microFirst("description"))))
	art.Image = p.image(ld)
	art.Section = p.section(ld)
	art.Tags = p.tags(ld)
	art.CanonicalURL = p.canonical(ld)
	p.ldLang = get("inLanguage")
	p.langDone = true
	art.Language = p.language(p.ldLang, art.Text)
}

// microFirst returns the first microdata value of the property k, its
// space cleaned.
func (p *page) microFirst(k string) string {
	if v := p.micro[k]; len(v) > 0 {
		return cleanSpace(v[0])
	}
	return ""
}

// title returns the page's headline (get reads the JSON-LD item ld),
// cleaned of the site's name (art.SiteName and art.Site known).
func (p *page) title(ld map[string]any, get func(string) string, art *corpus.Article) string {
	sites := []string{art.SiteName}
	if ld != nil {
		sites = append(sites, p.publisherName(ld))
	}
	// The logo heading names the site.
	sites = append(sites, p.logoH1s...)
	sites = append(sites, hostNames(art.Site)...)
	title := firstNonEmpty(get("headline"), p.meta("og:title", "twitter:title"), p.microFirst("headline"),
		p.meta("title", "dc.title", "dcterms.title", "parsely-title", "sailthru.title"), get("name"))
	if title != "" && normName(title) == normName(art.SiteName) {
		// The site's name, not the headline.
		title = firstNonEmpty(p.firstH1(), p.titleTag)
	}
	if title == "" {
		// An <h1> that reads like a headline, else <title> (the first <h1>
		// is often the site's logo); CleanTitle still picks an <h1> that
		// is part of the <title>.
		title = firstNonEmpty(p.headlineH1(newSiteMatcher(sites)), p.titleTag, p.firstH1())
	}
	cleaned := CleanTitle(html.UnescapeString(title), sites, p.h1s)
	if stem, ok := truncated(cleaned); ok {
		// A headline cut for a feed or a card: the page's <h1> has it whole.
		for _, h := range p.h1s {
			if len(h) > len(stem) && strings.HasPrefix(h, stem) {
				return h
			}
		}
	}
	return cleaned
}

// image returns the address of the page's lead image.
func (p *page) image(ld map[string]any) string {
	var img string
	if ld != nil {
		img = ldURL(ld["image"])
		if img == "" {
			img = ldURL(ld["thumbnailUrl"])
		}
	}
	img = firstNonEmpty(img, p.meta("og:image", "og:image:url", "og:image:secure_url"), p.meta("twitter:image", "twitter:image:src"), p.microFirst("image"), p.links["image_src"])
	return p.abs(img)
}

// section returns the page's section: a name, not a path or a URL.
func (p *page) section(ld map[string]any) string {
	section := ""
	if ld != nil {
		section = ldString(ld["articleSection"])
	}
	for _, v := range []string{section, p.meta("article:section"), p.meta("section", "parsely-section", "sailthru.section", "category", "dc.subject"), p.microFirst("articleSection")} {
		v = cleanSpace(html.UnescapeString(v))
		if v != "" && !strings.HasPrefix(v, "/") && !strings.Contains(v, "://") && len(v) < 100 {
			return v
		}
	}
	return ""
}

// canonical returns the page's canonical address: its <link>, og:url,
// the JSON-LD item's, the JSON-LD page's.
func (p *page) canonical(ld map[string]any) string {
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
	return canon
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
	set := authorSet{site: siteName}
	if ld != nil && set.addLD(ld) {
		return set.people
	}
	if set.addMeta(p) || set.addBylines(p) || set.addAuthorLink(p) || set.addHeadByline(p) {
		return set.people
	}
	if len(set.orgs) > 0 {
		return set.orgs[:1]
	}
	return set.seconds.first()
}

// authorSet gathers the names of a page's authors: people, and
// organisations (the site itself, names that read as one) apart, and
// the reviewers of the first line that credits a review and the editors
// of the first that credits an edit (cleanCredits), the authors when
// nobody else is named.
type authorSet struct {
	site         string
	people, orgs []string
	seconds      seconds
}

// add adds the names of the raw author line.
func (s *authorSet) add(raw string) {
	writers, sec := cleanCredits(html.UnescapeString(raw))
	for _, a := range writers {
		if s.site != "" && normName(a) == normName(s.site) || looksLikeOrg(a) {
			s.orgs = appendUnique(s.orgs, a)
			continue
		}
		s.people = appendUnique(s.people, a)
	}
	s.seconds.add(sec) // the first line's: the others are other pieces' (a rail's reviews)
}

// addLD adds the JSON-LD item's author, else its creator, and reports
// whether a person was named. Items typed other than Person are
// organisations.
func (s *authorSet) addLD(ld map[string]any) bool {
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
					s.orgs = appendUnique(s.orgs, cleanSpace(html.UnescapeString(n)))
				}
				continue
			}
			switch t := v.(type) {
			case map[string]any:
				s.add(ldString(t["name"]))
			case string:
				s.add(t)
			}
		}
		if len(s.people) > 0 {
			return true
		}
	}
	return false
}

// addMeta adds the authors of the first meta source (or microdata) that
// names a person, and reports whether one did.
func (s *authorSet) addMeta(p *page) bool {
	sources := [][]string{
		p.metas["author"], p.metas["article:author"], p.metas["parsely-author"], p.metas["sailthru.author"],
		p.metas["dc.creator"], p.metas["dcterms.creator"], p.metas["byl"],
		p.microAuth,
	}
	for _, src := range sources {
		for _, v := range src {
			s.add(v)
		}
		if len(s.people) > 0 {
			return true
		}
	}
	return false
}

// addBylines adds the visible bylines: the first that names a person, and
// those beside it (names in sibling spans); bylines elsewhere belong to
// other articles (teasers, related lists, author boxes of quoted pieces).
// It reports whether a person was named.
func (s *authorSet) addBylines(p *page) bool {
	var first *xhtml.Node
	for i, v := range p.bylines {
		n := p.bylineNodes[i]
		if first != nil && !nearNode(first, n) || authorBio(v) || inCard(n, v) {
			continue
		}
		before := len(s.people)
		s.add(v)
		if first == nil && len(s.people) > before {
			first = n
		}
	}
	return len(s.people) > 0
}

// inCard reports whether the byline n (text t) sits inside a link that
// holds more than it: a teaser's card (title, author, price) linking to
// another piece, whose author is not this page's. A link around the name
// alone is an author link, and kept.
func inCard(n *xhtml.Node, t string) bool {
	for a := n.Parent; a != nil && a.DataAtom != atom.Body; a = a.Parent {
		if a.DataAtom == atom.A {
			return len(shortText(a, 300)) != len(t)
		}
	}
	return false
}

// authorBio reports whether a text marked as a byline is an author box's
// biography, or the box around it: more than twelve words that end a
// sentence or hold one ("Dana Whitcombe writes about cities, housing and
// public services. She ..."), whose parts are not names. A biography
// opens with the name, a byline with "By" (bylineWords): "By Jane Doe and
// John Roe, with reporting by A. B. in Kyiv." is a long sentence too.
func authorBio(t string) bool {
	t = strings.TrimSpace(t)
	first, _, _ := strings.Cut(t, " ")
	return numFields(t) > 12 && (endsSentence(t) || holdsSentenceBreak(t)) && !bylineWords[strings.ToLower(first)]
}

// bylineWords open a byline ("By Jane Doe") in the languages the
// extractor reads.
var bylineWords = map[string]bool{"by": true, "von": true, "par": true, "por": true, "door": true, "di": true, "av": true, "af": true}

// looksLikeOrg reports whether an author name is an organisation.
func looksLikeOrg(s string) bool {
	l := strings.ToLower(s)
	for _, w := range []string{"news", "press", "agency", "associated", "reuters", "staff", "team", "editorial", "desk", "media", "online", "magazine", "redaktion", "redactie", "rédaction", "redacción", "redazione", "times", "post", "herald", "tribune", "journal", "daily", ".com"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
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
// the site's name (siteHeading: a site's or section's name, or the
// <title>'s shorter last part), or "".
func (p *page) headlineH1(sites siteMatcher) string {
	title := cleanSpace(html.UnescapeString(p.titleTag))
	for _, h := range p.h1s {
		if numFields(h) >= 4 && !siteHeading(title, h, sites) {
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
