package extract

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/publicsuffix"
)

// nameItems marks the linked items of three words at most (30 bytes),
// two or more in a row, that a paragraph of the story's prose follows:
// a list of the names the story goes on to talk about (the apps a
// writer uses, a profile and a timeline of the case), linked to their
// pages. A list of links after the story's last paragraph (further
// reading, tags, a menu), a lone "see also" link and a table of
// contents (links to the page's own sections) are left to the link
// rule, and so is a share or follow bar (barItems' marks, bar). It
// returns nil when there is none.
func (x *contentExtractor) nameItems(bs []block, bar []bool) []bool {
	last := lastProse(bs)
	var marks []bool
	for i := 0; i < last; {
		j := i
		for j < last && x.nameItem(bs[j]) && !bar[j] {
			j++
		}
		if j-i >= 2 {
			if marks == nil {
				marks = make([]bool, len(bs))
			}
			for k := i; k < j; k++ {
				marks[k] = true
			}
		}
		i = max(j, i+1)
	}
	return marks
}

// nameItem reports whether b is a linked list item of three words at
// most (30 bytes) whose link leads to another page.
func (x *contentExtractor) nameItem(b block) bool {
	return b.kind == kindItem && b.link > 0.5 && len(b.text) <= 30 && numFields(b.text) <= 3 && !x.opensFragment(b)
}

// opensFragment reports whether the first link of b's element points
// into the page itself ("#section").
func (x *contentExtractor) opensFragment(b block) bool {
	n := x.enclosing(b, atom.Li)
	if n == nil {
		return false
	}
	a := firstLink(n, 0)
	return a != nil && strings.HasPrefix(strings.TrimSpace(attr(a, "href")), "#")
}

// enclosing returns the nearest element of tag a around b's first
// node (the list item or table row holding b), or nil.
func (x *contentExtractor) enclosing(b block, a atom.Atom) *html.Node {
	if b.at < 0 || int(b.at) >= len(x.nodes) {
		return nil
	}
	n := x.nodes[b.at]
	for n != nil && n.DataAtom != a {
		n = n.Parent
	}
	return n
}

// lastProse returns the index of the body's last paragraph of prose
// (storyProse), or -1.
func lastProse(bs []block) int {
	for i := len(bs) - 1; i >= 0; i-- {
		if storyProse(bs[i]) {
			return i
		}
	}
	return -1
}

// storyProse reports whether b is a paragraph of the story's prose: ten
// words or more, at most half of its text linked.
func storyProse(b block) bool {
	return b.kind == kindPara && b.link <= 0.5 && numFields(b.text) >= 10
}

// otherSiteItems marks the linked list items before the story's last
// paragraph of prose whose links all lead to other sites: the sources
// and things the story cites (a shop's product, a report, a tool), which
// the story goes on to talk about. A list of the site's own pages (other
// stories, sections, a table of contents) is left to the link rule, and
// so is a list after the story and a share or follow bar (barItems'
// marks, bar). It returns nil when there is none, or when the page's
// address is not known.
func (x *contentExtractor) otherSiteItems(bs []block, bar []bool) []bool {
	if x.host == "" {
		return nil
	}
	return markWhere(bs, max(lastProse(bs), 0), func(i int, b block) bool {
		return b.kind == kindItem && b.link > 0.5 && !bar[i] && x.linksElsewhere(b)
	})
}

// linksElsewhere reports whether the list item holding b has links and
// all of them lead to other sites than the page's: other registrable
// domains (siteOf), where a site's hosts (news.host, www.host, host) are
// one.
func (x *contentExtractor) linksElsewhere(b block) bool {
	n := x.enclosing(b, atom.Li)
	if n == nil {
		return false
	}
	other, own := 0, 0
	forEachLink(n, func(href string) {
		u, err := url.Parse(strings.TrimSpace(href))
		switch {
		case err != nil || u.Host == "" || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https":
			own++ // a page of the site, a fragment, mail or script
		case siteOf(u.Hostname()) == x.host:
			own++ // the page's site, or another of its hosts (news.host, host)
		default:
			other++
		}
	})
	return other > 0 && own == 0
}

// siteOf returns the registrable domain of host (eTLD+1 from the public
// suffix list: "ledger.example" for news.ledger.example and
// www.ledger.example), lower case without "www."; an IP address, a
// single label or a public suffix itself as it is.
func siteOf(host string) string {
	h := strings.TrimPrefix(strings.TrimSuffix(strings.ToLower(host), "."), "www.")
	if h == "" || strings.IndexByte(h, ':') >= 0 || strings.Trim(h, "0123456789.") == "" {
		return h
	}
	if s, err := publicsuffix.EffectiveTLDPlusOne(h); err == nil {
		return s
	}
	return h
}

// barItems marks the linked items of a follow bar, which link other
// sites for the page's sake and cite nothing: items whose links lead to
// two sites or more under one name, the last segment of a short path,
// that is the page's site's (siteHandle: its handle on each network,
// "/ledger", "/@ledger", "/c/ledger"). A list of names the story cites
// links each name to its own page. It returns a mark for every block of
// bs.
func (x *contentExtractor) barItems(bs []block) []bool {
	marks := make([]bool, len(bs))
	handles := map[string]map[string]bool{} // handle: hosts
	names := make([]string, len(bs))
	for i, b := range bs {
		if b.kind != kindItem || b.link <= 0.5 {
			continue
		}
		u := x.itemLink(b)
		if u == nil || u.Host == "" {
			continue
		}
		host := siteOf(u.Hostname())
		if names[i] = profileName(u); names[i] != "" {
			if handles[names[i]] == nil {
				handles[names[i]] = map[string]bool{}
			}
			handles[names[i]][host] = true
		}
	}
	for i, h := range names {
		if h != "" && len(handles[h]) >= 2 && x.siteHandle(h, len(handles[h])) {
			marks[i] = true
		}
	}
	return marks
}

// siteHandle reports whether name, the last path segment of links to
// other sites (hosts of them), is the page's site's handle there: it
// holds the name of the page's site ("coastledger" and ledger.example),
// or is held in it and six letters or more ("guardian" and
// theguardian.example; "/app" on two sites is two apps' pages). When the
// page's address is not known, three sites or more under one name make
// it a handle.
func (x *contentExtractor) siteHandle(name string, hosts int) bool {
	if x.host == "" {
		return hosts >= 3
	}
	site, _, _ := strings.Cut(x.host, ".")
	return len(site) >= 3 && strings.Contains(name, site) || len(name) >= 6 && strings.Contains(site, name)
}

// itemLink returns the address of the first link of the list item
// holding b, or nil.
func (x *contentExtractor) itemLink(b block) *url.URL {
	n := x.enclosing(b, atom.Li)
	if n == nil {
		return nil
	}
	a := firstLink(n, 0)
	if a == nil {
		return nil
	}
	u, err := url.Parse(strings.TrimSpace(attr(a, "href")))
	if err != nil {
		return nil
	}
	return u
}

// profileName returns the last segment of u's path, lower case without
// "@", "-", "_" and ".", when the path has one or two segments and the
// name three characters or more ("/ledger", "/@ledger", "/c/the_ledger");
// or "".
func profileName(u *url.URL) string {
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	if len(segs) == 0 || len(segs) > 2 {
		return ""
	}
	name := strings.Map(func(r rune) rune {
		if r == '@' || r == '-' || r == '_' || r == '.' {
			return -1
		}
		return r
	}, strings.ToLower(segs[len(segs)-1]))
	if len(name) < 3 {
		return ""
	}
	return name
}

// forEachLink calls f with the href of each link in n's subtree.
func forEachLink(n *html.Node, f func(href string)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A {
			f(attr(c, "href"))
		}
		forEachLink(c, f)
	}
}

// recordRows marks the linked rows of tables whose row holds text in
// two cells or more: a record of a data table (a release and its date,
// a team and its score), whose linked cells are its values. A layout
// table's menu puts one link in a row or in a cell of its own row. It
// returns nil when there is none.
func (x *contentExtractor) recordRows(bs []block) []bool {
	return markWhere(bs, len(bs), func(_ int, b block) bool {
		return b.kind == kindRow && b.link > 0.5 && x.rowCells(b) >= 2
	})
}

// markWhere returns the marks of the blocks among bs[:upto] for which ok
// holds, as long as bs, or nil when there is none.
func markWhere(bs []block, upto int, ok func(i int, b block) bool) []bool {
	var marks []bool
	for i, b := range bs[:upto] {
		if ok(i, b) {
			if marks == nil {
				marks = make([]bool, len(bs))
			}
			marks[i] = true
		}
	}
	return marks
}

// rowCells returns how many cells of the table row holding b have text.
func (x *contentExtractor) rowCells(b block) int {
	n := x.enclosing(b, atom.Tr)
	if n == nil {
		return 0
	}
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if (c.DataAtom == atom.Td || c.DataAtom == atom.Th) && textOf(c) != "" {
			k++
		}
	}
	return k
}

// titledItem reports whether b, a list item, opens with its link and
// goes on after a separator (",", a dash, "|", "(", "·"): a headline and
// when, where or by whom it ran ("<a>Shops brace for the works</a>, from
// our business desk"), where a point of the story that opens with a
// link goes on with its sentence.
func (x *contentExtractor) titledItem(b block) bool {
	if b.at < 0 || int(b.at) >= len(x.nodes) {
		return false
	}
	a := x.nodes[b.at]
	for a != nil && a.DataAtom != atom.A {
		if a.DataAtom == atom.Li || a.DataAtom == atom.Dd || a.DataAtom == atom.Dt {
			return false // the text began outside a link
		}
		a = a.Parent
	}
	if a == nil {
		return false
	}
	for n := a; n != nil && n.DataAtom != atom.Li; n = n.Parent {
		if n.NextSibling != nil {
			next := textOf(n.NextSibling)
			for s := n.NextSibling.NextSibling; next == "" && s != nil; s = s.NextSibling {
				next = textOf(s)
			}
			return next != "" && strings.ContainsRune(",–—-|(·:", []rune(next)[0])
		}
	}
	return false
}

// ledItems marks the linked list items that are one sentence opened by
// a name outside the link: "Ilse van Dam <a>fixed the tooltip on small
// screens</a>", a change log or round-up crediting someone, whose link
// is the rest of its sentence (blog roundups, release notes, wiki
// lists). A teaser or a menu entry is its link alone, or its link and
// then a source (titledItem); a label before a link ("Read more: ",
// "Also read ", "See also ") or a call ("Sign up for ", "Follow us on ")
// does not end in a capitalised word, and a kicker ("Local politics ")
// neither, or is followed by a capitalised headline: those still go.
// It returns nil when there is none.
func (x *contentExtractor) ledItems(bs []block) []bool {
	return markWhere(bs, len(bs), func(_ int, b block) bool { return x.ledItem(b) })
}

// ledItem reports whether b, a linked list item of six words or more,
// opens outside its link with a name (two words or more, the first and
// the last capitalised, ending in a letter or digit) and its link's
// text does not open with a capital.
func (x *contentExtractor) ledItem(b block) bool {
	if b.kind != kindItem || b.link <= 0.5 || numFields(b.text) < 6 {
		return false
	}
	n := x.enclosing(b, atom.Li)
	if n == nil {
		return false
	}
	var lead strings.Builder
	a := textBeforeLink(&lead, n)
	if a == nil {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(lead.String()))
	first, _ := utf8.DecodeRuneInString(textOf(a))
	return leadsName(lead.String()) && (unicode.IsLetter(last) || unicode.IsDigit(last)) && unicode.IsLetter(first) && !unicode.IsUpper(first)
}

// leadsName reports whether s's words (those with a letter) are two or
// more and the first and the last open with a capital, as a person's
// name does ("Ilse van Dam", "🌟 Ankush Dua"), where a label or a call
// ends in a lower-case word ("See also", "Sign up for").
func leadsName(s string) bool {
	var words []string
	for _, w := range strings.Fields(s) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words = append(words, w)
		}
	}
	capital := func(w string) bool {
		r, _ := utf8.DecodeRuneInString(w[strings.IndexFunc(w, unicode.IsLetter):])
		return unicode.IsUpper(r)
	}
	return len(words) >= 2 && capital(words[0]) && capital(words[len(words)-1])
}

// textBeforeLink writes to b the text of n's subtree before its first
// link and returns that link, or nil when n holds none.
func textBeforeLink(b *strings.Builder, n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.A:
			return c
		default:
			if a := textBeforeLink(b, c); a != nil {
				return a
			}
		}
	}
	return nil
}
