package extract

import (
	"strings"
	"time"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// genericDateKeys are <meta> names that give "the date" of a page
// without saying which: content systems fill them with the record's
// creation or last change as often as with the publication.
var genericDateKeys = []string{"date", "dc.date", "dcterms.date"}

// genericMetaOnly reports whether the page's publication metadata comes
// from generic date names alone: no JSON-LD, no article:published_time,
// no other name for a publication.
func (p *page) genericMetaOnly() bool {
	g := 0
	for _, k := range genericDateKeys {
		g += len(p.stamps(p.metas[k]))
	}
	return g > 0 && g == len(p.stamps(p.publishedCands()))
}

// reModLabel finds texts that announce a last change, not a publication.
var reModLabel = lazyRE(`(?i)(geändert|aktualisiert|update|modified|revised|mis à jour|modifié|actualizado|aggiornato|bijgewerkt|gewijzigd|zaktualizowano|обновлено|изменено|stand:)`)

// rePubLabel matches a text that is nothing but a publication label
// ("Erschienen am:", "Published:"), whose date is in the next element.
var rePubLabel = lazyRE(`(?i)^(erschienen|veröffentlicht|publiziert|published|posted|publié|publicado|pubblicato|gepubliceerd|opublikowano|опубликовано)( am| on| le| el| il| op| dnia)?\s*:?$`)

// maxLabelGap is how many non-empty texts after a label are read for
// its date.
const maxLabelGap = 2

// printedDate returns the date the page prints as its own: a date after
// a publication label in the next element, a <time> element near the
// article, a dateline near it, or a date in the texts under the
// headline. Dates of teasers linking to other pages, of the site's
// banner and dates labelled as a change are left out.
func (c *dateCtx) printedDate() *stamp {
	p := c.p
	if s := p.labelledNext(); s != nil {
		return s
	}
	scope := p.dateScope()
	for _, n := range p.times {
		if scope != nil && !isAncestor(scope, n) || !p.ownDate(n) {
			continue
		}
		if s, ok := c.timeElement(n, false); ok {
			return &s
		}
	}
	for i, d := range p.datelines {
		n := p.datelineAt[i]
		if n == nil || scope != nil && !isAncestor(scope, n) || !p.ownDate(n) || reModLabel.MatchString(d) {
			continue
		}
		if s, ok := parseShortStamp(d); ok && p.stampOK(s) {
			return &s
		}
	}
	for _, n := range p.headTextNodes() {
		if h := cleanSpace(n.Data); !reModLabel.MatchString(h) && p.ownDate(n) {
			if s := p.firstStamp(h); s != nil {
				return s
			}
		}
	}
	return nil
}

// headTextNodes returns the short texts with digits (of any script)
// among the 60 texts after the first <h1>, as nodes: what nearHeadline
// and yearlessDate read, teasers' included.
func (p *page) headTextNodes() []*xhtml.Node {
	h1 := firstH1(p.root)
	if h1 == nil {
		return nil
	}
	var out []*xhtml.Node
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
		if t := cleanSpace(n.Data); t != "" && len(t) < 120 && hasDigit(t) {
			out = append(out, n)
		}
	}
	return out
}

// ownDate reports whether the date element n is the page's own: not a
// teaser's linking elsewhere, not in the banner, not an event's, not
// labelled as a change in the text just before it.
func (p *page) ownDate(n *xhtml.Node) bool {
	if p.itemLink(n) == linkOther || p.inBanner(n) || inRunningText(n) || eventDate(n) {
		return false
	}
	return !reModLabel.MatchString(prevText(n))
}

// minProseWords is the fewest words of a text beside a date that make
// it a date in running text.
const minProseWords = 5

// inRunningText reports whether the date n (an element or a text) sits
// in a sentence: up through inline elements, a text of minProseWords
// words or more stands beside it ("The choir sings again on <time>12
// March 2022</time> in the town hall"). Such a date is an event's.
func inRunningText(n *xhtml.Node) bool {
	for ; n != nil && n.Parent != nil; n = n.Parent {
		for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
			if s != n && s.Type == xhtml.TextNode && numFields(s.Data) >= minProseWords {
				return true
			}
		}
		switch n.Parent.DataAtom {
		case atom.Span, atom.A, atom.B, atom.Strong, atom.I, atom.Em, atom.Time, atom.Small, atom.Abbr, atom.Font, atom.Sup, atom.Sub, atom.U, atom.Mark:
		default:
			return false
		}
	}
	return false
}

// prevText returns the nearest non-empty text before n in document
// order, within n's grandparent.
func prevText(n *xhtml.Node) string {
	box := n.Parent
	if box != nil && box.Parent != nil {
		box = box.Parent
	}
	for m := prevNode(n); m != nil && m != box; m = prevNode(m) {
		if m.Type == xhtml.TextNode && !inScriptOrStyle(m) {
			if t := cleanSpace(m.Data); t != "" {
				return t
			}
		}
	}
	return ""
}

// labelledNext returns the date in the first texts after a text that is
// nothing but a publication label ("Erschienen am:" in one element,
// "13.10.2021" in the next), outside teasers linking elsewhere and the
// banner.
func (p *page) labelledNext() *stamp {
	for n := range p.root.Descendants() {
		if n.Type != xhtml.TextNode || inScriptOrStyle(n) || len(n.Data) > 80 {
			continue
		}
		if !rePubLabel.MatchString(cleanSpace(n.Data)) || p.inBanner(n) || p.itemLink(n) == linkOther {
			continue
		}
		if s := p.dateAfter(n); s != nil {
			return s
		}
	}
	return nil
}

// dateAfter returns the date in one of the maxLabelGap non-empty texts
// after the label text n.
func (p *page) dateAfter(n *xhtml.Node) *stamp {
	seen := 0
	for m := nextNode(n, true); m != nil && seen < maxLabelGap; m = nextNode(m, false) {
		if m.Type == xhtml.ElementNode && (m.DataAtom == atom.Script || m.DataAtom == atom.Style) {
			m = lastDescendant(m)
			continue
		}
		if m.Type != xhtml.TextNode {
			continue
		}
		t := cleanSpace(m.Data)
		if t == "" {
			continue
		}
		seen++
		if len(t) > 60 || !strings.ContainsAny(normDigits(t), "0123456789") {
			continue
		}
		if s, ok := parseShortStamp(t); ok && p.stampOK(s) {
			return &s
		}
	}
	return nil
}

// overGeneric returns the date the page prints as its own when the
// metadata t comes from generic date names only and names another day:
// the printed date is the one readers saw, the generic one may be the
// record's creation or last change. A date in the URL must agree.
func (c *dateCtx) overGeneric(t stamp, urlDate *stamp) *stamp {
	if !c.p.genericMetaOnly() {
		return nil
	}
	v := c.printedDate()
	if v == nil || sameDay(v.t, t.t) || urlDate != nil && !sameDay(v.t, urlDate.t) {
		return nil
	}
	s := c.settle(*v, nil)
	return &s
}

// maxRenderGap is how far a publication time may follow the modification
// time and still read as a stamp of the page's rendering.
const maxRenderGap = 10 * time.Minute

// overRenderStamp returns the date the page prints as its own, on an
// earlier day, when the metadata's publication time t follows its own
// modification time by less than maxRenderGap: a content system that
// stamps the page as it renders it, not the article's publication.
func (c *dateCtx) overRenderStamp(t stamp) *stamp {
	if !t.hasTime() {
		return nil
	}
	mods := c.p.stamps(c.p.modifiedCands())
	if len(mods) == 0 || !mods[0].hasTime() {
		return nil
	}
	if d := t.t.Sub(mods[0].t); d <= 0 || d >= maxRenderGap {
		return nil
	}
	v := c.printedDate()
	if v == nil || !v.t.Before(t.t) || sameDay(v.t, t.t) {
		return nil
	}
	s := c.settle(*v, nil)
	return &s
}

// genericChange returns the generic meta date as the last change when
// the publication was taken from elsewhere (the date the page prints, or
// the URL's) and the latest generic date names a later day: the record's
// last change, which the page states nowhere else. A generic date within
// maxRenderAge before the fetch is the page's rendering, not a change.
// Nil otherwise.
func (c *dateCtx) genericChange(pub *time.Time) []stamp {
	if pub == nil || !c.p.genericMetaOnly() {
		return nil
	}
	var vals []string
	for _, k := range genericDateKeys {
		vals = append(vals, c.p.metas[k]...)
	}
	var last *stamp
	for _, g := range c.p.stamps(vals) {
		if c.p.fetched.Sub(g.t) >= maxRenderAge && (last == nil || g.t.After(last.t)) {
			last = &g
		}
	}
	if last == nil || !dayBefore(*pub, last.t) {
		return nil
	}
	return c.settleAll([]stamp{*last})
}

// visibleChange returns the last change the page prints near the
// article, for a page whose metadata states none: the first <time>
// element or dateline that the text labels as a change ("Last updated:",
// "Aktualisiert am", "Mis à jour le"), not a teaser's linking elsewhere
// nor the banner's, nor a data box's (inDataBox). The publication search passes over these
// (notPublication); without this they would date nothing.
func (c *dateCtx) visibleChange() []stamp {
	p := c.p
	scope := p.dateScope()
	mine := func(n *xhtml.Node) bool {
		return n != nil && (scope == nil || isAncestor(scope, n)) && !inDataBox(n, scope) &&
			p.itemLink(n) != linkOther && !p.inBanner(n)
	}
	for _, n := range p.times {
		if changeLabel(prevText(n)) && mine(n) {
			if s, ok := c.timeElement(n, false); ok {
				return []stamp{s}
			}
		}
	}
	for i, d := range p.datelines {
		if mine(p.datelineAt[i]) && reModLabel.MatchString(d) {
			if s, ok := parseShortStamp(d); ok && p.stampOK(s) {
				return []stamp{c.settle(s, nil)}
			}
		}
	}
	return nil
}

// rePubWord matches a verb of publication in the text before a date: a
// byline written as a sentence ("This story was filed by Jane Roe from
// Kyiv on", "Von Jane Roe, veröffentlicht am") dates the page, though a
// sentence of five words or more stands beside its time.
var rePubWord = lazyRE(`(?i)(published|posted|filed|written|veröffentlicht|publiziert|erschienen|publié|posté|publicado|publicada|escrito|pubblicato|scritto|gepubliceerd|opublikowano|опубликовано)`)

// inDataBox reports whether n sits in a table, an aside or a figure
// below scope: a box whose "Last updated" dates its figures (a league
// table, a key-figures box), not the story.
func inDataBox(n, scope *xhtml.Node) bool {
	for a := n.Parent; a != nil && a != scope; a = a.Parent {
		switch a.DataAtom {
		case atom.Table, atom.Aside, atom.Figure:
			return true
		}
	}
	return false
}

// maxLabelWords is the most words of a label before a date: "Zuletzt
// aktualisiert am", "This story was updated".
const maxLabelWords = 5

// changeLabel reports whether the text just before a date is a label of
// a change ("Last updated:", "Aktualisiert am"), not a headline or a
// sentence that names an update.
func changeLabel(s string) bool {
	return numFields(s) <= maxLabelWords && reModLabel.MatchString(s)
}

// maxRenderAge is how long before the fetch a generic meta date may be
// the time the page was rendered rather than changed.
const maxRenderAge = 24 * time.Hour

// dayBefore reports whether the calendar day of a comes before that of b.
func dayBefore(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC).Before(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC))
}
