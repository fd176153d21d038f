package extract

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// boilerLines are whole paragraphs that are page furniture in any article,
// lower case, without end punctuation.
var boilerLines = map[string]bool{
	"advertisement": true, "advertisements": true, "advertising": true, "ad": true, "anzeige": true, "werbung": true,
	"publicité": true, "publicidad": true, "pubblicità": true, "publicidade": true, "reclame": true,
	"advertentie": true, "реклама": true, "إعلان": true, "広告": true, "sponsored": true,
	"skip advertisement": true, "story continues below advertisement": true,
	"story continues below": true, "article continues below": true, "continue reading below": true,
	"continue reading the main story": true, "scroll to continue with content": true,
	"share": true, "share this": true, "share this article": true, "share this story": true,
	"share on facebook": true, "share on twitter": true, "tweet": true, "email": true, "print": true,
	"read more": true, "read more here": true, "related": true, "related articles": true,
	"related stories": true, "related content": true, "related coverage": true, "more": true,
	"subscribe": true, "sign up": true, "click here": true, "continue reading": true,
	"comments": true, "leave a comment": true, "close": true, "menu": true, "image": true,
	"photo": true, "video": true, "watch": true, "listen": true, "play": true, "loading": true,
	"mehr zum thema": true, "lesen sie auch": true, "lire aussi": true, "à lire aussi": true,
	"lee también": true, "leer más": true, "leggi anche": true, "ver mais": true, "leia mais": true,
	"teilen": true, "partager": true, "compartir": true, "condividi": true, "compartilhar": true,
	"advert": true, "iklan": true, "topics": true, "tags": true, "tag": true, "don't miss": true, "dont miss": true,
	"just watched": true, "must watch": true, "you may also like": true, "you might also like": true,
	"related news": true, "recommended": true, "recommended for you": true, "most popular": true, "most read": true,
	"trending": true, "trending now": true, "top stories": true, "latest news": true, "more stories": true,
	"schlagworte": true, "schlagwörter": true, "stichworte": true, "mehr themen": true, "weitere themen": true,
	"verwandte beiträge": true, "verwandte artikel": true, "ähnliche beiträge": true, "weitere artikel": true,
	"quellen ausblenden": true, "quellen anzeigen": true, "mehr anzeigen": true, "weniger anzeigen": true,
	"show more": true, "show less": true, "afficher plus": true, "mostrar más": true,
	"quick view": true, "quickview": true, "schnellansicht": true, "aperçu rapide": true, "vista rápida": true,
	"mots-clés": true, "mots clés": true, "etiquetas": true, "artículos relacionados": true, "articles similaires": true,
	"more from": true, "see also": true, "also read": true, "further reading": true, "next article": true,
	"previous article": true, "back to top": true, "ähnliche artikel": true, "das könnte sie auch interessieren": true,
	"sur le même sujet": true, "noticias relacionadas": true, "notícias relacionadas": true, "articoli correlati": true,
	"читайте также": true, "اقرأ أيضا": true, "اقرأ أيضاً": true, "関連記事": true, "photo gallery": true, "gallery": true,
}

// reFurnitureLine matches paragraphs that are page furniture by their
// form: image counters, reading times, "Popular on ..." labels.
var reFurnitureLine = lazyRE(`(?i)^(?:image|photo|foto|bild|slide)\s*\d+\s*(?:of|/|von|de|di)\s*\d+$|^(?:reading time|lesezeit|temps de lecture|tiempo de lectura|tempo de leitura|tempo di lettura)\b|^\d+\s*(?:min|minute|minutes|minuten|minutos)\s*(?:read|lesezeit|de lecture|de leitura|de lectura)$|^(?:popular|trending|more|latest) (?:on|from|in) \S+$|^(?:(?:video|audio|sendung|folge) )?(?:verfügbar bis|available until|disponible jusqu'au|disponible hasta)\b.{0,30}$`)

// isBoilerLine reports whether a short paragraph is page furniture.
func isBoilerLine(t string) bool {
	if len(t) > 60 {
		return false
	}
	if strings.Trim(t, "_ ") == "" && strings.Contains(t, "___") {
		return false // a section rule typed as underscores, part of the text
	}
	t = bareLower(t)
	return t == "" || boilerLines[t] || reFurnitureLine.MatchString(t)
}

// bareLower returns t in lower case without the punctuation, symbols and
// spaces at its ends: the key of boilerLines and chromeLines.
func bareLower(t string) string {
	return strings.ToLower(strings.TrimFunc(t, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) }))
}

// reCredit matches photo credits and caption labels.
var reImageCredit = lazyRE(`(?i)^(?:photo|image|picture|foto|bild|imagen|immagine|credit|source|фото|صورة)s?\b\s*(?:credit)?\s*[:/(]|©|\((?:photo|image|foto|credit|source)s?\b|\b(?:getty images|reuters|afp|ap photo|shutterstock|istock)\s*\)?$`)

// isCaption reports whether a short block right after an image is its
// caption: set in italics, or a credit line.
func isCaption(b block) bool {
	if b.kind != kindPara && b.kind != kindRow || len(b.text) > 200 {
		return false
	}
	return b.italic >= 0.9 || reImageCredit.MatchString(b.text)
}

// reEndCredit matches a picture credit closing a caption: "(Foto: dpa)",
// "(mlharing / iStock.com)", "(AP Photo/Anna Berg)", "© Reuters".
var reEndCredit = lazyRE(`(?i)\((?:(?:photo|foto|bild|image|picture|credit|fotos|photos)\s*:[^()]{1,60}|[^()]{0,60}\b(?:getty ?images|istock(?:photo)?|shutterstock|dpa|afp|reuters|ap photo|adobe ?stock|unsplash|pixabay|imago|picture alliance)(?:\.com)?(?:\s*/[^()/]{1,40})?)\)$`)

// isCreditLine reports whether t is a short line that credits a
// picture: "© WSNA", "Foto: Ingo Pertramer", "iStock/cjp".
func isCreditLine(t string) bool {
	return len(t) <= 80 && numFields(t) <= 8 && reImageCredit.MatchString(t)
}

// isCreditedCaption reports whether the block bs[i], right after an
// image, is its caption by its credit: the caption closes with one in
// parentheses, or the next block is a credit line. Captions are short
// (200 bytes at most, as isCaption's); a longer block after an image
// and before its credit line is the story's lead printed between the
// two. Unlike isCaption (a block-model feature), it only serves the
// article body.
func isCreditedCaption(bs []block, i int) bool {
	b := bs[i]
	if b.kind != kindPara || len(b.text) > 200 {
		return false
	}
	return reEndCredit.MatchString(b.text) || i+1 < len(bs) && !bs[i+1].afterImage && isCreditLine(bs[i+1].text)
}

// reWireTag matches a news agency's name alone in parentheses closing a
// block, "(Reuters)", "(AFP)", "(dpa)": the source of a wire story's
// text. An agency's picture credit names the picture or its
// photographer too ("(AP Photo/Anna Berg)", "(Foto: dpa)").
var reWireTag = lazyRE(`(?i)\((?:reuters|afp|dpa|ap)\)$`)

// reFigureLabel matches the label that opens a figure's caption
// ("Abbildung: ...", "Figure 2. ...", "Abb. 3: ...").
var reFigureLabel = lazyRE(`(?i)^(?:abbildung|abb\.|figure|fig\.|grafik|graphic|chart|illustration|schaubild|figura|ilustración|illustrazione)\s*\d*\s*[:.]`)

// isFigureLabel reports whether a short block right after an image is
// its caption by its label. Unlike isCaption (a block-model feature), it
// only serves the article body.
func isFigureLabel(b block) bool {
	return b.kind == kindPara && len(b.text) <= 300 && reFigureLabel.MatchString(b.text)
}

// selectContent picks the elements whose text forms the article body:
// the best candidate and the siblings that continue it.
func (x *contentExtractor) selectContent(top *html.Node) []*html.Node {
	parent := top.Parent
	if parent == nil || top.DataAtom == atom.Body || top.DataAtom == atom.Html {
		return []*html.Node{top}
	}
	ti := x.info(top)
	threshold := ti.score * 0.2
	if threshold < 10 {
		threshold = 10
	}
	topClass := attr(top, "class")
	var out []*html.Node
	for s := parent.FirstChild; s != nil; s = s.NextSibling {
		if s == top {
			out = append(out, s)
			continue
		}
		if s.Type != html.ElementNode {
			continue
		}
		si := x.info(s)
		if si == nil || si.junk || si.text == 0 {
			continue
		}
		bonus := 0.0
		if topClass != "" && attr(s, "class") == topClass {
			bonus = ti.score * 0.2
		}
		if si.scored && si.score+bonus >= threshold {
			out = append(out, s)
			continue
		}
		// A sibling block of plain paragraphs (a lead, the next section
		// of a body split by a page builder) is part of the text.
		if si.para >= 120 && si.para*10 >= si.text*8 && linkDensity(si) < 0.1 && !si.negative && s.DataAtom != atom.P {
			out = append(out, s)
			continue
		}
		if s.DataAtom == atom.P {
			ld := linkDensity(si)
			if si.text > 80 && ld < 0.25 {
				out = append(out, s)
			} else if si.text < 80 && ld == 0 && endsSentence(textOf(s)) {
				out = append(out, s)
			}
		}
	}
	out = x.addLead(top, x.addTwins(top, out))
	x.dropCardRails(out)
	return out
}

// addLead adds the lead paragraphs that an article sets apart from its
// body: plain, unlinked paragraphs of at least 120 bytes (two sentences)
// before the selection, inside the <article> or <main> element that holds
// the top candidate, or else inside its closest ancestor whose class
// names article content ("article", "post", "entry", "story"): an intro in
// the article's header or in a column of its own. Bylines and datelines
// are shorter; teasers for other pages carry links.
func (x *contentExtractor) addLead(top *html.Node, sel []*html.Node) []*html.Node {
	var art *html.Node
	for a, i := top.Parent, 0; a != nil && i < 10 && a.DataAtom != atom.Body; a, i = a.Parent, i+1 {
		if a.DataAtom == atom.Article || a.DataAtom == atom.Main {
			art = a
			break
		}
		if ai := x.info(a); art == nil && ai != nil && ai.positive && !ai.negative {
			art = a
		}
	}
	if art == nil {
		return sel
	}
	first := x.idx[sel[0]]
	for _, s := range sel {
		first = min(first, x.idx[s])
	}
	var lead []*html.Node
	for _, p := range x.paras {
		if p.self || p.text < 120 || x.idx[p.n] >= first || !isAncestor(art, p.n) || isAncestor(p.n, top) {
			continue
		}
		in := x.info(p.n)
		if in == nil || in.junk || !unlinkedProse(p.n, in) || isHeading(p.n.DataAtom) || inListItem(p.n) {
			continue
		}
		nested := false
		for _, l := range lead {
			if isAncestor(l, p.n) || isAncestor(p.n, l) {
				nested = true
			}
		}
		if !nested {
			lead = append(lead, p.n)
		}
	}
	lead = x.addLeadBlocks(art, top, first, lead)
	if len(lead) == 0 {
		return sel
	}
	all := append(lead, sel...)
	sort.Slice(all, func(i, j int) bool { return x.idx[all[i]] < x.idx[all[j]] })
	return all
}

// inListItem reports whether n sits in a list item, three levels up at
// most: the summary of a teaser in a list of stories (a news ticker over
// the article), not the article's lead.
func inListItem(n *html.Node) bool {
	for a, i := n.Parent, 0; a != nil && i < 3; a, i = a.Parent, i+1 {
		if a.DataAtom == atom.Li {
			return true
		}
	}
	return false
}

// addLeadBlocks adds to lead the blocks named as a teaser or an excerpt
// that the content walk kept as the article's own lead (prune), before
// the selection (first: its first node's index) inside art, when no
// paragraph of theirs is in lead yet: a lead written as a list of points.
func (x *contentExtractor) addLeadBlocks(art, top *html.Node, first int32, lead []*html.Node) []*html.Node {
	for i := x.idx[art] + 1; i < first; i++ {
		n, in := x.nodes[i], &x.infos[i]
		if in.junk || !in.negative || in.text < 80 || n.Type != html.ElementNode || !x.leadOnly(n) || isAncestor(n, top) || !isAncestor(art, n) {
			continue
		}
		nested := false
		for _, l := range lead {
			if isAncestor(l, n) || isAncestor(n, l) || l == n {
				nested = true
			}
		}
		if !nested && unlinkedProse(n, in) {
			lead = append(lead, n)
		}
	}
	return lead
}

// addTwins adds the elements elsewhere in the page that share the top
// candidate's tag and class: bodies split into chunks around ads and
// embeds. The result is in document order.
func (x *contentExtractor) addTwins(top *html.Node, sel []*html.Node) []*html.Node {
	unit := top
	class := attr(top, "class")
	if class == "" && top.Parent != nil && top.Parent.DataAtom != atom.Body {
		// An unnamed chunk inside a named one ("div.paragraph > div"):
		// the named one is the unit that repeats.
		unit = top.Parent
		class = attr(unit, "class")
	}
	if class == "" {
		return sel
	}
	// taken holds the selected nodes and their ancestors, chosen the
	// selected nodes alone, so that each twin is checked in O(depth).
	taken := make(map[*html.Node]bool)
	chosen := make(map[*html.Node]bool, len(sel))
	for _, s := range sel {
		chosen[s] = true
		for a := s; a != nil && !taken[a]; a = a.Parent {
			taken[a] = true
		}
	}
	scope := twinScope(unit)
	var twins []*html.Node
	for i, n := range x.nodes {
		if n.DataAtom != unit.DataAtom || n.Type != html.ElementNode || taken[n] {
			continue
		}
		in := &x.infos[i]
		if in.junk || in.para < 80 || linkDensity(in) > 0.4 && in.para < in.link || attr(n, "class") != class {
			continue
		}
		if isAncestor(scope, n) && x.freeOf(n, chosen) {
			twins = append(twins, n)
			chosen[n] = true
		}
	}
	if len(twins) == 0 {
		return sel
	}
	all := append(sel, twins...)
	sort.Slice(all, func(i, j int) bool { return x.idx[all[i]] < x.idx[all[j]] })
	return all
}

// twinScope is the element a body's twins must sit under: the unit's
// ancestor five levels up, so that teaser cards elsewhere on the page that
// reuse the class stay out; or the page's <article> or <main> element,
// when it holds the top candidate within ten levels.
func twinScope(unit *html.Node) *html.Node {
	scope := unit
	for i := 0; i < 5 && scope.Parent != nil && scope.Parent.DataAtom != atom.Body; i++ {
		scope = scope.Parent
	}
	for a, i := scope, 0; a != nil && i < 5 && a.DataAtom != atom.Body; a, i = a.Parent, i+1 {
		if a.DataAtom == atom.Article || a.DataAtom == atom.Main {
			return a
		}
	}
	return scope
}

// freeOf reports whether no ancestor of n is chosen already or junk.
func (x *contentExtractor) freeOf(n *html.Node, chosen map[*html.Node]bool) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if chosen[a] {
			return false
		}
		if ai := x.info(a); ai != nil && ai.junk {
			return false
		}
	}
	return true
}

// endsSentence reports whether t ends like a sentence.
func endsSentence(t string) bool {
	t = strings.TrimRight(t, " \"'”’»)]")
	if t == "" {
		return false
	}
	switch t[len(t)-1] {
	case '.', '!', '?', ':':
		return true
	}
	// CJK full stops, Urdu's full stop, Arabic's question mark, an
	// ellipsis, and the danda of Hindi, Bengali and their neighbours.
	for _, suf := range []string{"。", "！", "？", "۔", "؟", "…", "।", "॥"} {
		if strings.HasSuffix(t, suf) {
			return true
		}
	}
	return false
}

// bodyBlocks extracts and filters the text blocks of the content nodes.
// It also returns how many headings in the content were links, a sign
// of a listing page (teaser headlines).
func (x *contentExtractor) bodyBlocks(nodes []*html.Node) ([]block, int) {
	bs, heads, _ := x.articleBlocks(nodes, false)
	return bs, heads
}

// blockFilter holds what bodyBlocks' filter knows of all the blocks.
type blockFilter struct {
	keepLinks bool   // a post made of links: linked blocks stay
	mixed     []bool // mixedLists' marks, or nil
	prose     []bool // proseItems' marks, or nil
	names     []bool // nameItems' marks, or nil
	rows      []bool // recordRows' marks, or nil
	others    []bool // otherSiteItems' marks, or nil
	leads     []bool // ledItems' marks, or nil
}

// cited reports whether the linked block bs[i] is kept only in an
// article's body: an address printed as itself (bareAddress) or a linked
// point of a body whose lists are plain text (proseItems). The page type
// and the text of other pages are decided without them (they moved
// forum and service pages of page-types when kept for every page).
func (f blockFilter) cited(bs []block, i int) bool {
	return bareAddress(bs[i].text) || f.prose != nil && f.prose[i] ||
		f.names != nil && f.names[i] || f.rows != nil && f.rows[i] ||
		f.others != nil && f.others[i] || f.leads != nil && f.leads[i]
}

// articleBlocks is bodyBlocks; with cite set it also returns the blocks
// as an article's body has them (the cited ones kept), or nil when the
// two are the same.
func (x *contentExtractor) articleBlocks(nodes []*html.Node, cite bool) ([]block, int, []block) {
	e := emitter{x: x}
	for _, n := range nodes {
		e.walk(n)
		e.flush()
	}
	// A post made of links (a link roundup, a list of sources) keeps
	// them: its own text is under 300 bytes, too short to be the body
	// alone, and its linked items hold three times as much.
	plain, linked := 0, 0
	for _, b := range e.blocks {
		switch {
		case b.heads():
		case b.link > 0.5:
			linked += len(b.text)
		default:
			plain += len(b.text)
		}
	}
	f := blockFilter{keepLinks: plain < 300 && linked >= 3*max(plain, 100), mixed: mixedLists(e.blocks)}
	var cited []block
	if cite {
		f.prose = x.proseItems(e.blocks)
		bar := x.barItems(e.blocks)
		f.names = x.nameItems(e.blocks, bar)
		f.rows = x.recordRows(e.blocks)
		f.others = x.otherSiteItems(e.blocks, bar)
		f.leads = x.ledItems(e.blocks)
		for i, b := range e.blocks {
			if b.link > 0.5 && f.cited(e.blocks, i) {
				cited, _ = x.filterBlocks(append([]block(nil), e.blocks...), f, true)
				break
			}
		}
	}
	out, heads := x.filterBlocks(e.blocks, f, false)
	return out, heads, cited
}

// filterBlocks drops from bs, in place, the blocks that are not the
// body's text: linked blocks (teasers, menus) but those the story keeps,
// and the cited ones (blockFilter.cited) when cite is set; boilerplate
// lines, the site's calls to action, players' titles, captions, tail cards, slides,
// closing prompts and disclosures.
func (x *contentExtractor) filterBlocks(bs []block, f blockFilter, cite bool) ([]block, int) {
	out := bs[:0]
	var card []bool // parallel to out: the block follows a dropped linked title
	linkHeads := 0
	cut := false   // the last kept block leads into links that were dropped
	title := false // the last block was a linked title that was dropped
	for i, b := range bs {
		if b.kind == kindTitle {
			if len(out) == 0 {
				continue // the headline above the body
			}
			b.kind = kindHeading // a section heading marked up as h1
		}
		if b.link > 0.5 && !(f.keepLinks && b.kind != kindHeading) && !linkedProse(b) && !(len(out) == 0 && linkedStatement(bs, i)) && !(f.mixed != nil && f.mixed[i]) && !x.subItem(b) && !(cite && f.cited(bs, i)) {
			if b.kind == kindHeading {
				linkHeads++
				if numbered(b.text) && headsSection(bs, i) {
					// A section of the story that links its subject (a
					// ranked list's "20) Faces Places").
					out = append(out, b)
					card = append(card, false)
					cut, title = false, false
					continue
				}
			}
			if !cut && len(out) > 0 && isLeadIn(out[len(out)-1].text) && (b.kind != kindPara || numFields(b.text) <= 12) {
				out, card = out[:len(out)-1], card[:len(card)-1]
			} else if !cut && len(out) > 0 && headsLinkBox(out, bs, i) {
				out, card = out[:len(out)-1], card[:len(card)-1]
			}
			cut = true
			title = b.kind == kindHeading || b.kind == kindPara && numFields(b.text) <= 15 && !x.postSign(b)
			continue
		}
		cut = false
		if isBoilerLine(b.text) || x.dropActions.drops(out, b, x.actionTopic) || isMediaTitle(b, len(out) == 0) {
			continue
		}
		if b.afterImage && (b.altText || isFigureLabel(b) || !reWireTag.MatchString(b.text) && (isCaption(b) || isCreditedCaption(bs, i))) {
			continue
		}
		if i > 0 && bs[i-1].afterImage && isCreditLine(b.text) && isCreditedCaption(bs, i-1) {
			continue // the credit under a caption dropped above
		}
		out = append(out, b)
		card = append(card, title && !(cite && bareAddress(b.text))) // an address is no teaser's summary
		title = false
	}
	out = dropTailCards(out, card)
	out = dropSlides(out)
	return dropDisclosures(dropClosingPrompts(dropRepeats(out))), linkHeads
}

// reDisclosure matches an advertising or affiliate disclosure: an ad
// label that opens a line ("Anzeige, enthält Affiliate Links",
// "Sponsored: ..."), or a note that links earn the site a commission.
var reDisclosure = lazyRE(`(?i)^(?:anzeige|werbung|advertisement|sponsored|gesponsert|publicité|publicidad)\s*[,:–|-]|\baffiliate[- ]?links?\b|\bwe (?:may )?(?:receive|earn) (?:a )?(?:small )?(?:compensation|commission)\b|\b(?:erhalten|bekommen) wir (?:eine )?(?:kleine )?provision\b`)

// dropDisclosures drops an advertising or affiliate disclosure (sixty
// words at most) that opens or closes the body: the site's note about
// the page, not the story.
func dropDisclosures(bs []block) []block {
	if len(bs) > 1 && isDisclosure(bs[0].text) {
		bs = bs[1:]
	}
	if n := len(bs); n > 1 && isDisclosure(bs[n-1].text) {
		bs = bs[:n-1]
	}
	return bs
}

// isDisclosure reports whether a block is an advertising or affiliate
// disclosure (reDisclosure) of sixty words at most.
func isDisclosure(t string) bool {
	return len(t) <= 600 && numFields(t) <= 60 && reDisclosure.MatchString(t)
}

// numbered reports whether t opens with an item number ("20) ", "3. ",
// "#4 "): a heading of a ranked list.
func numbered(t string) bool {
	i := 0
	if strings.HasPrefix(t, "#") {
		i = 1
	}
	j := i
	for j < len(t) && t[j] >= '0' && t[j] <= '9' {
		j++
	}
	if j == i || j-i > 3 || j >= len(t) {
		return false
	}
	switch t[j] {
	case ')', '.', ':', ' ':
		return true
	}
	return false
}

// headsSection reports whether the heading bs[i] heads a section of
// prose rather than a teaser: up to the next heading, two paragraphs or
// more, mostly unlinked, of 80 words together. A teaser's headline sits
// over a line or two of summary.
func headsSection(bs []block, i int) bool {
	paras, words := 0, 0
	for _, b := range bs[i+1:] {
		if b.heads() {
			break
		}
		if b.kind == kindPara && b.link <= 0.5 {
			paras++
			words += numFields(b.text)
		}
	}
	return paras >= 2 && words >= 80
}

// postSign reports whether a linked line is a post's header on a page
// that declares itself a thread or a live blog (x.thread): a time stamp
// beside a linked name ("11:20 Jane Roe", "jroe 3 hours ago"), the link
// not the whole line. What follows it is that post, not the summary of a
// teaser whose headline was dropped (dropTailCards).
func (x *contentExtractor) postSign(b block) bool {
	return x.thread && b.link < 0.95 && isStampLine(b.text)
}

// dropTailCards drops the teasers of other pages that close the body:
// two or more short paragraphs at its end, each right after a linked
// title that was dropped (a card: headline link over a line of
// summary), when the text before them is longer than theirs. A body
// made of such cards (a roundup) keeps them.
func dropTailCards(bs []block, card []bool) []block {
	j, tail := len(bs), 0
	for j > 0 && card[j-1] && bs[j-1].kind == kindPara && numFields(bs[j-1].text) <= 60 {
		j--
		tail += len(bs[j].text)
	}
	if len(bs)-j < 2 {
		return bs
	}
	rest := 0
	for _, b := range bs[:j] {
		rest += len(b.text)
	}
	if rest <= tail {
		return bs
	}
	return bs[:j]
}

// isLeadIn reports whether t is a short line (seven words or fewer) that
// introduces what follows ("More on this:", "Auch interessant:"): when the links it
// leads into are dropped, it goes with them.
func isLeadIn(t string) bool {
	return strings.HasSuffix(strings.TrimSpace(t), ":") && numFields(t) <= 7
}

// dropClosingPrompts drops the prompts after an article ("Was this
// article helpful?", "Share this article?", a rating): among the last
// four blocks, when all from one on have eight words or fewer, it drops
// from the first such block that is a question outside a list. (A last
// line ending in a colon is not dropped: it leads into an embed as often
// as into nothing.) Then it drops up to four closing blocks of page
// chrome (isClosingChrome) or prompts set as headings (isPromptHeading),
// and a comment section that opens among the
// last six blocks (isCommentStart) with everything after it.
func dropClosingPrompts(bs []block) []block {
	cut := len(bs)
	for i := cut - 1; i >= 0 && i >= len(bs)-4; i-- {
		t := strings.TrimSpace(bs[i].text)
		if numFields(t) > 8 {
			break
		}
		if bs[i].kind != kindItem && strings.HasSuffix(t, "?") {
			cut = i
		}
	}
	for k := 0; k < 4 && cut > 1 && (isClosingChrome(bs[cut-1].text) || isPromptHeading(bs[cut-1]) || isLabelLine(bs[cut-1].text)); k++ {
		cut--
	}
	// The comment section opens with its count or its prompt: what
	// follows it (the form, its notices, the comments) is the section too.
	for i := max(1, cut-6); i < cut; i++ {
		if isCommentStart(bs[i].text) {
			cut = i
			break
		}
	}
	return bs[:paywallCut(bs, cut)]
}

// paywallCut returns where a paywall's box starts among the last twelve
// of bs[:cut]: a prompt to read on ("Pour lire la suite", "To continue
// reading, ...", "Um weiterzulesen ...") followed by short lines only
// (fifteen words at most: the offers, account and login links). It
// returns cut when there is none.
func paywallCut(bs []block, cut int) int {
	for i := max(1, cut-12); i < cut; i++ {
		if numFields(bs[i].text) > 20 || !reReadOn.MatchString(strings.TrimSpace(bs[i].text)) {
			continue
		}
		short := true
		for _, b := range bs[i+1 : cut] {
			if numFields(b.text) > 15 {
				short = false
				break
			}
		}
		if short {
			return i
		}
	}
	return cut
}

// reReadOn matches a paywall's prompt to read on.
var reReadOn = lazyRE(`(?i)^(?:pour lire la suite|pour continuer (?:à|a) lire|to (?:continue|keep) reading|to read (?:the (?:rest|full)|more of)|continue reading (?:with|for)|read the (?:rest|full) (?:of this )?(?:article|story)|um (?:den (?:ganzen |vollständigen |kompletten )?(?:artikel|beitrag|text) )?weiterzulesen|(?:jetzt )?weiterlesen mit|para (?:seguir|continuar) leyendo|per continuare a leggere|para continuar lendo)\b`)

// isPromptHeading reports whether a block that closes the body is a
// prompt set as a heading over nothing: twelve words or fewer, ending in
// a question mark or trailing off ("Tell us what you think...", "Was
// meinen Sie?"), the title of a comment form or a poll the body left
// out. (dropTrailingHeads drops the other headings that end an article
// body, later.)
func isPromptHeading(b block) bool {
	t := strings.TrimRight(b.text, " \"'”’»)]")
	prompt := strings.HasSuffix(t, "?") || strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…")
	return b.kind == kindHeading && prompt && numFields(t) <= 12
}

// isLabelLine reports whether a closing line is the label of a box the
// body left out: two words or fewer ending in a colon ("Mehr Themen:",
// "Sources:"). A longer line ending in a colon leads into an embed.
func isLabelLine(t string) bool {
	t = strings.TrimSpace(t)
	return strings.HasSuffix(t, ":") && numFields(t) <= 2
}

// isCommentStart reports whether a short line opens a page's comment
// section: its count ("3 Kommentare", "No comments yet") or its prompt
// ("Leave a comment", "You must be logged in to post a comment").
func isCommentStart(t string) bool {
	if len(t) > 200 || numFields(t) > 12 {
		return false
	}
	return reClosingCount.MatchString(t) && !endsSentence(t) || reClosingUI.MatchString(t)
}

// reClosingCount matches the count line of a comment or rating widget
// ("No comments yet", "12 Comments", "(No ratings yet)").
var reClosingCount = lazyRE(`(?i)^\(?(?:no|noch keine|keine|aucun|sin|\d+)\s+(?:comments?|kommentare?|commentaires?|comentarios?|ratings?|reviews?|bewertungen|responses?|replies|antworten)\b`)

// reClosingUI matches the other lines of a page's comment, rating and
// login widgets: "Leave a comment", "You must be logged in to post a
// comment", "How would you rate this article?".
var reClosingUI = lazyRE(`(?i)^(?:(?:leave|post|write|add) a (?:comment|reply)\b|kommentieren$|kommentare? schreiben|laisser un commentaire|deja un comentario|(?:you must|you need to|sie müssen|du musst)\b.{0,40}\b(?:log(?:ged)? in|sign(?:ed)? in|einloggen|anmelden|registrieren)|(?:you are|sie sind|du bist) (?:currently |aktuell |derzeit |gerade )?(?:not|nicht) (?:logged in|signed in|eingeloggt|angemeldet)|(?:how would you rate|rate this|wie bewerten sie|bewerten sie diesen|wie hat ihnen)\b)`)

// reHouseAppeal matches a publication's appeal to its reader after the
// story: to write in ("We want to hear what you think about this
// article"), to get its app, to support it ("Help us continue ...",
// "Unterstütze unsere Arbeit").
var reHouseAppeal = lazyRE(`(?i)\bwe(?: would|'d|’d)? (?:want|love|like) to hear (?:from you|what you think)|^(?:get|download) (?:the|our)\b.{0,60}\bapp\b|\bstraight to your (?:phone|inbox)\b|^help us (?:continue|keep)\b|^(?:please )?(?:support us|support our work|unterstütze uns|unterstützen sie uns|unterstütze unsere arbeit|unterstützen sie unsere arbeit|soutenez-nous)\b|^(?:gefällt|gefallen) (?:dir|euch|ihnen) (?:unser|unsere)\b`)

// reOwnPiece matches a closing pointer to another piece of the same
// publication ("..., erklären wir in unserem Beitrag ...", "Read more in
// our guide to ...", "Kennt ihr schon unseren ...?").
var reOwnPiece = lazyRE(`(?i)\b(?:erklären|zeigen|lesen sie|lest|erfahren sie|erfahrt) (?:wir |ihr |sie )?(?:\S+ ){0,3}in unserem (?:beitrag|artikel|ratgeber|text|dossier)\b|\b(?:read|find out|learn) (?:more )?(?:about (?:it|this|that) )?in our (?:article|guide|story|explainer|piece)\b|^kennt ihr (?:schon )?unser|^kennen sie (?:schon )?unser|^did you know (?:about )?our\b`)

// reContactLine matches the label of the press contact that closes a
// release ("Kontakt: ..., Tel.: ..., E-Mail: ..."); isClosingChrome also
// wants reReachable in the line.
var reContactLine = lazyRE(`(?i)^(?:presse|medien|media |press )?(?:kontakt|contact|ansprechpartner(?:in)?|contacto|contatto)s?(?: (?:für|for|pour|para|per) (?:die |the |la |los |i )?(?:presse|medien|media|press|journalist(?:en|s|es|i)?))?\s*:`)

// reReachable matches a phone number's label or an e-mail address.
var reReachable = lazyRE(`(?i)@|\(at\)|\b(?:tel|telefon|phone|fon|mobil|mobile|fax)\b`)

// reCommentRules matches the line of a comment form that points to its
// rules ("Bitte registrieren Sie sich und halten Sie sich an unsere
// Netiquette", "Please read our community guidelines before posting").
var reCommentRules = lazyRE(`(?i)\b(?:netiquette|community (?:guidelines|standards|rules)|house rules|kommentarregeln|kommentar-richtlinien|diskussionsregeln|charte de modération|règles de la communauté|normas de (?:la comunidad|participación))\b`)

// rePostFooter matches the footer line of a blog post, which names its
// date and categories: "This entry was posted on ... and is filed
// under ...".
var rePostFooter = lazyRE(`(?i)^(?:this|the) (?:entry|post) was posted\b|^(?:der|dieser) (?:beitrag|artikel|eintrag) wurde am\b.*\b(?:veröffentlicht|abgelegt|gepostet)`)

// reTrailCredit matches a credit line for the page's lead image, which
// some pages set after the story ("Header image: ...", "Beitragsbild: ...").
var reTrailCredit = lazyRE(`(?i)^(?:beitragsbild|titelbild|titelfoto|aufmacherbild|vorschaubild|headerbild|bildquelle|bildnachweis|fotonachweis|header image|featured image|cover image|lead image|top image|image credit|photo credit|crédit photo|foto de portada)s?\s*:`)

// reTrailPhoto matches the shortest form of such a line, "Photo: Anna
// Berg", "Bild: dpa". The words name other things too (Bild is a
// newspaper a press review quotes, "Bild: «...»"), so the line must be
// short and no sentence (isClosingChrome).
var reTrailPhoto = lazyRE(`(?i)^(?:photo|foto|bild|picture)s?\s*:`)

// isClosingChrome reports whether a short block at the end of the body
// is page chrome rather than the story's last words: a line of the
// comment, rating or login widgets, a blog post's footer, or the lead
// image's credit. Widget lines are short (twelve words at most) and a
// count line does not end like a sentence ("12 comments were filed"
// does).
func isClosingChrome(t string) bool {
	if len(t) <= 600 && rePostFooter.MatchString(t) {
		// The footer lists the post's categories: it can run long.
		return true
	}
	if len(t) > 300 {
		return false
	}
	if len(t) <= 200 && reTrailCredit.MatchString(t) {
		return true
	}
	if numFields(t) <= 8 && reTrailPhoto.MatchString(t) && !endsSentence(t) {
		return true
	}
	if reContactLine.MatchString(t) && reReachable.MatchString(t) {
		return true
	}
	if numFields(t) <= 30 && (reHouseAppeal.MatchString(t) || reCommentRules.MatchString(t) || reOwnPiece.MatchString(t)) {
		return true
	}
	if numFields(t) > 12 {
		return false
	}
	return reClosingUI.MatchString(t) || reClosingCount.MatchString(t) && !endsSentence(t)
}

// mixedLists marks the linked items of lists that are mostly plain text:
// a run of three or more list items whose unlinked items hold as much
// text as the linked ones (200 bytes at least) is part of the story (a
// list of changes citing the bug it fixes), not a list of links to other
// pages, which is linked throughout. It returns nil when there is none.
func mixedLists(bs []block) []bool {
	var mixed []bool
	for i := 0; i < len(bs); {
		if bs[i].kind != kindItem {
			i++
			continue
		}
		j, plain, linked := i, 0, 0
		for ; j < len(bs) && bs[j].kind == kindItem; j++ {
			if bs[j].link > 0.5 {
				linked += len(bs[j].text)
			} else {
				plain += len(bs[j].text)
			}
		}
		if j-i >= 3 && plain >= 200 && plain >= linked {
			if mixed == nil {
				mixed = make([]bool, len(bs))
			}
			for k := i; k < j; k++ {
				mixed[k] = true
			}
		}
		i = j
	}
	return mixed
}

// proseItems marks the linked items that say something outside their
// links (three words or more: "Neil has patches up to <a>improve the tab
// unloader</a>") when the body's list items, five or more, hold mostly
// unlinked text (300 bytes at least): the body's lists are its points,
// split by headings into runs too short for mixedLists (a changelog's
// sections of one or two items each). Where linked items hold most of
// the lists' text, the lists are links to other pages, and their items
// stay out, and so do items that open with their link (a headline and
// when or where it ran: "<a>Shops brace for the works</a>, from our
// business desk", a list of other stories inside the story). It returns
// nil when there is none.
func (x *contentExtractor) proseItems(bs []block) []bool {
	plain, linked, items := 0, 0, 0
	for _, b := range bs {
		if b.kind != kindItem {
			continue
		}
		items++
		if b.link > 0.5 {
			linked += len(b.text)
		} else {
			plain += len(b.text)
		}
	}
	if items < 5 || plain < 300 || plain < linked {
		return nil
	}
	var marks []bool
	for i, b := range bs {
		if b.kind == kindItem && b.link > 0.5 && float64(numFields(b.text))*(1-b.link) >= 3 && !x.titledItem(b) {
			if marks == nil {
				marks = make([]bool, len(bs))
			}
			marks[i] = true
		}
	}
	return marks
}

// reSlideCounter matches a gallery slide's counter opening a block:
// "3/50", "3 / 50", "3 of 50".
var reSlideCounter = lazyRE(`^(\d{1,3}) ?(?:/|of) ?(\d{1,3})\b`)

// dropSlides drops a gallery that the story holds: three or more blocks
// opened by slide counters of one total, numbered one after another
// ("1/50 Title", "2/50 Title", ...), with the blocks between them (the
// captions) and, when the slides have captions, the block after the
// last (its caption, 80 words at most); a title over the gallery stays, as a short line before it can
// be the story's own subheading. Class names tell a gallery from the story when they
// say "gallery" or "slideshow" (prune); CSS modules' names do not, and
// fifty captions outweigh the story's text.
func dropSlides(bs []block) []block {
	first, last, total, next, runs := -1, -1, "", 0, 0
	for i, b := range bs {
		m := reSlideCounter.FindStringSubmatch(b.text)
		if m == nil {
			continue
		}
		k, _ := strconv.Atoi(m[1])
		if first >= 0 && m[2] == total && k == next {
			last, next, runs = i, next+1, runs+1
			continue
		}
		if runs >= 3 {
			break
		}
		if k == 1 {
			first, last, total, next, runs = i, i, m[2], 2, 1
		}
	}
	if runs < 3 {
		return bs
	}
	end := last + 1
	captioned := last-first+1 > runs // blocks between the counters: the slides have captions
	if captioned && end < len(bs) && !reSlideCounter.MatchString(bs[end].text) && numFields(bs[end].text) <= 80 {
		end++
	}
	return append(bs[:first:first], bs[end:]...)
}

// subItem reports whether b, a linked list item, is an item of a list
// nested in a list item whose own line is unlinked text (eight bytes or
// more): the sub-points of a point of the story ("In progress:" over the
// bug reports it cites). The items of a menu hang under a linked entry,
// those of a table of contents under a linked heading.
func (x *contentExtractor) subItem(b block) bool {
	if b.kind != kindItem {
		return false
	}
	n := x.enclosing(b, atom.Li)
	if n == nil || n.Parent == nil || n.Parent.Parent == nil || n.Parent.Parent.DataAtom != atom.Li {
		return false
	}
	pi := x.info(n.Parent.Parent)
	return pi != nil && !pi.junk && pi.own >= 8
}

// dropRepeats drops the pull quotes (short blocks of an aside) whose
// text another, longer block already holds: they repeat a line of the
// story. Other repeated lines stay: pages repeat on purpose too.
func dropRepeats(bs []block) []block {
	out := make([]block, 0, len(bs))
	for i, b := range bs {
		repeat := false
		if n := len(b.text); b.aside && n >= 40 && n <= 300 {
			for j, o := range bs {
				if j != i && len(o.text) > n && strings.Contains(o.text, b.text) {
					repeat = true
					break
				}
			}
		}
		if !repeat {
			out = append(out, b)
		}
	}
	return out
}

// linkedProse reports whether a paragraph with mostly linked text is
// still prose (a lead that links every name it mentions) rather than a
// teaser: a full sentence of 15 words or more, with some words outside
// the links. A list item is prose when it has twelve words or more and
// under 70% of its text in links: a step or a change that links the page
// it cites ("Read how to make a list of checksums and keep it"), where
// an item of a list of links is a linked title with a few words at most
// beside it.
func linkedProse(b block) bool {
	if b.kind == kindItem {
		return b.link < 0.7 && numFields(b.text) >= 12
	}
	return b.kind == kindPara && b.link < 0.8 && endsSentence(b.text) && numFields(b.text) >= 15
}

// bareAddress reports whether t, a block's whole text, is one web
// address ("http://...", "https://...", "www....") or e-mail address
// ("name@host.tld"): a link that prints its own address is the story
// citing it (a list of shop links under the items of a gift guide, the
// sources of a report, the writer's address under a column), which the
// reader copies; a teaser or a menu entry names its page in words. A
// label before the address ("Listen: http://...", "Write to ... at
// name@host") makes it another line of links, which still goes, and so
// does a social handle ("@name").
func bareAddress(t string) bool {
	t = strings.TrimSpace(t)
	if numFields(t) != 1 {
		return false
	}
	l := strings.ToLower(t)
	if at := strings.IndexByte(l, '@'); at > 0 && strings.Count(l, "@") == 1 && strings.Contains(l[at:], ".") {
		return true
	}
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.")
}

// linkedStatement reports whether bs[i], the first block of the body, a
// paragraph with mostly linked text too short for linkedProse, is still
// the story's lead: six words or more, four of them unlinked (a linked
// byline, credit or "Read more:" line has fewer), under four fifths
// linked, ending
// as a statement (not a question, a label or a headline), and followed
// by a paragraph of the story's prose (ten words or more, at most half
// linked) that is not the last block. A lead that links the names it
// mentions ("<a>Name</a> has been eliminated from <a>the show</a>.")
// goes on into the story. The same test anywhere in the body took
// closing lines of chrome ("Follow us on <a>X</a> and <a>Y</a>.", a
// credit) and cost check pages of two sets (docs/BENCHMARKS.md,
// exread15).
func linkedStatement(bs []block, i int) bool {
	b := bs[i]
	words := numFields(b.text)
	if b.kind != kindPara || b.link >= 0.8 || words < 6 || float64(words)*(1-b.link) < 4 ||
		!endsStatement(b.text) || i+2 >= len(bs) {
		return false
	}
	n := bs[i+1]
	return n.kind == kindPara && n.link <= 0.5 && numFields(n.text) >= 10
}

// endsStatement reports whether t ends with a full stop or an
// exclamation mark (closing quotes and brackets aside): a statement, not
// a question, a label or a headline.
func endsStatement(t string) bool {
	t = strings.TrimRight(t, " \"'”’»)]")
	return strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "。")
}

// joinBlocks renders blocks as text: paragraphs separated by a blank
// line, list items and table rows one a line.
func joinBlocks(bs []block) string { return renderBlocks(bs, false) }

// renderBlocks is joinBlocks, with "- " before each marked item when marks is set
// (joinMarked).
func renderBlocks(bs []block, marks bool) string {
	var b strings.Builder
	for i, bl := range bs {
		if i > 0 {
			prev := bs[i-1].kind
			if bl.kind == prev && (bl.kind == kindItem || bl.kind == kindRow) {
				b.WriteByte('\n')
			} else {
				b.WriteString("\n\n")
			}
		}
		if marks && bl.item {
			b.WriteString("- ")
		}
		b.WriteString(bl.text)
	}
	return b.String()
}

// mainText returns the main content of a page that is not an article:
// every block of its main region (the <main> element when it holds a
// quarter of the page's text, else the body), link lists and headings
// included, without the regions, hidden parts and boilerplate that the
// content walk marked as junk.
func (x *contentExtractor) mainText(body *html.Node) string {
	return joinBlocks(x.mainBlocks(body, true))
}

// mainBlocks returns the blocks of the main region (see mainText); broad
// keeps the teasers and comments that the content walk dropped.
func (x *contentExtractor) mainBlocks(body *html.Node, broad bool) []block {
	region := x.mainRegion(body)
	e := emitter{x: x, broad: broad}
	e.walk(region)
	e.flush()
	out := e.blocks[:0]
	for _, b := range e.blocks {
		if !isBoilerLine(b.text) {
			out = append(out, b)
		}
	}
	return out
}

// mainRegion returns the <main> element when it holds a quarter of the
// page's text, else body.
func (x *contentExtractor) mainRegion(body *html.Node) *html.Node {
	bi := x.info(body)
	if i, n := x.firstMain(); n != nil {
		if in := &x.infos[i]; !in.junk && bi != nil && in.text*4 >= bi.text {
			return n
		}
	}
	return body
}

// firstMain returns the page's first <main> or element of role "main"
// and its index in x.nodes, or -1 and nil.
func (x *contentExtractor) firstMain() (int, *html.Node) {
	for i, n := range x.nodes {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Main || attr(n, "role") == "main") {
			return i, n
		}
	}
	return -1, nil
}

// proseBytes estimates, without an emit walk, the text bytes of the main
// region's prose (see proseText) from the paragraphs the content walk
// kept: unlinked ones of 60 bytes or more.
func (x *contentExtractor) proseBytes(body *html.Node) int {
	region := x.mainRegion(body)
	sum := 0
	for _, p := range x.paras {
		in := x.info(p.n)
		if in == nil || in.junk || p.text < 60 || in.link*10 >= in.text*3 {
			continue
		}
		if region == body || isAncestor(region, p.n) {
			sum += p.text - in.link
		}
	}
	return sum
}

// proseText returns the blocks of bs that read as prose: unlinked
// paragraphs and quotes of ten words or more.
func proseText(bs []block) string {
	return joinBlocks(dropBlocks(bs, func(b block) bool {
		return b.kind != kindPara && b.kind != kindQuote || b.link >= 0.3 || numFields(b.text) < 10
	}))
}
