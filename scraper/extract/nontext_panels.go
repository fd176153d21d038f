package extract

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// withPanels returns the main text of a page that is not an article with
// the tab panels and collapsed sections that the page hides until a
// control shows them put back in place: the content walk drops what is
// hidden, but a service page's tabs ("Info", "Forms", "FAQs") and its
// accordions are its content, and the references keep them. A panel
// counts when it is hidden (isHiddenPanel, or an accordion's section that
// the collapsed button heading it shows, isDisclosed, which comes back
// under the button's words, or a section hidden right after a heading
// of its own, isHeadedSection), when it sits between the
// text's first and last lines or the element around it holds one of them
// (its visible tab, a sibling section), and when most of its lines are not
// in the text already (a carousel's slides printed again). An article's
// body does not get them: tried, a magazine's article lost half its text
// to a hidden tab of other stories. product says the page is typed
// product (dropPanelChrome).
func (p *page) withPanels(bs []block, product bool) []block {
	if len(bs) == 0 || p.x == nil || p.bodyNode == nil {
		return bs
	}
	var panels []*html.Node
	controls := disclosures(p.bodyNode)
	findPanels(p.bodyNode, &panels, controls)
	if len(panels) == 0 {
		return bs
	}
	if len(panels) > maxPanels {
		panels = panels[:maxPanels]
	}
	seen := make(map[string]bool, len(bs))
	for _, b := range bs {
		seen[b.text] = true
	}
	kept := p.keptAncestors(bs)
	var adds []block
	for _, n := range panels {
		at, ok := p.x.idx[n]
		// A panel directly under <body> is a popup's, not beside the text.
		if !ok || n.Parent == nil || n.Parent.DataAtom == atom.Body || !within(bs, at) && (onlyLayer(n, controls) || !kept[n.Parent] && !headKept(n, controls, kept)) {
			continue
		}
		if p.reviewPanel(n) {
			continue // customers' reviews, which the shown text drops too (dropReviews)
		}
		add := newLines(p.dropSiteNotices(dropPanelChrome(dropBlocks(p.panelLines(n, controls, kept), p.serverReport), product)), seen)
		if len(add) == 0 {
			continue
		}
		if c := controls[attr(n, "id")]; c != nil && !isHiddenPanel(n) {
			// An accordion's section: its control's words head it.
			if label := disclosureLabel(c); label != "" && !seen[label] {
				seen[label] = true
				add = append([]block{{text: label, kind: kindHeading}}, add...)
			}
		}
		for i := range add {
			add[i].at = at
		}
		adds = append(adds, add...)
		for m := n; m != nil && !kept[m]; m = m.Parent {
			kept[m] = true
		}
	}
	return mergeAt(bs, adds)
}

// headKept reports whether the collapsed control that heads the
// accordion's section n (isDisclosed) is in the text (kept): the
// section under the text's last heading, after its last line, is still
// the text's.
func headKept(n *html.Node, controls map[string]*html.Node, kept map[*html.Node]bool) bool {
	c := controls[attr(n, "id")]
	return c != nil && kept[c] && isDisclosed(n, controls)
}

// onlyLayer reports whether findPanels takes n as a revealed layer alone
// (isRevealedLayer): such a layer comes back only between the text's
// first and last lines, where a slider or a collapsed detail sits. One
// after the text, under the element that holds it, is rather a popup, a
// toast or a banner that the page's script shows later ("Subscribe to
// our newsletter", "... was added to your cart"), unless its own style
// collapses it (height:0, max-height:0): a collapsed section of details
// under the text's last line, which no popup is.
func onlyLayer(n *html.Node, controls map[string]*html.Node) bool {
	if !isRevealedLayer(n) || foundOtherwise(n, controls) || hidesElement(n) && isDisclosed(n, controls) || isSiblingPanel(n) {
		return false
	}
	return !strings.Contains(compactStyle(attr(n, "style")), "height:0")
}

// panelLines returns the blocks of the hidden panel n as the page would
// show them: panelBlocks' walk, or the block model's reading for a tab
// that names no role (isSiblingPanel, panelModelBlocks), which comes
// back only when the text keeps the tab shown beside it (kept holds the
// text's elements and their ancestors): the hidden siblings of a shown
// tab the text leaves out are the same chrome, a product page's "You
// may also like" slides.
func (p *page) panelLines(n *html.Node, controls map[string]*html.Node, kept map[*html.Node]bool) []block {
	if !isSiblingPanel(n) {
		return panelBlocks(n, p.x.declared)
	}
	if !kept[shownSibling(n)] && !foundOtherwise(n, controls) {
		return nil
	}
	return panelModelBlocks(n, p.x.declared)
}

// foundOtherwise reports whether findPanels takes the hidden panel n by
// a rule other than isSiblingPanel's: a tab panel or a labelled
// section (isHiddenPanel), an accordion's section (controls), a section
// under its own heading (isHeadedSection). Those come back whether the
// text keeps a shown sibling or not.
func foundOtherwise(n *html.Node, controls map[string]*html.Node) bool {
	return isHiddenPanel(n) || controls[attr(n, "id")] != nil || isHeadedSection(n)
}

// maxPanels bounds the panels and the questions looked at on one page
// (a hostile page's thousands of hidden sections or buttons).
const maxPanels = 200

// findPanels collects the hidden panels under n, in document order,
// without entering what the page hides otherwise (menus, dialogs) or
// what is never text.
func findPanels(n *html.Node, out *[]*html.Node, controls map[string]*html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Nav, atom.Svg:
			continue
		}
		if isHiddenPanel(c) || hidesElement(c) && isDisclosed(c, controls) || isSiblingPanel(c) || isHeadedSection(c) || isRevealedLayer(c) {
			*out = append(*out, c)
			continue
		}
		if hidesElement(c) {
			continue
		}
		findPanels(c, out, controls)
	}
}

// isHeadedSection reports whether n is a section that an inline style
// hides right after a heading of its own (h2 to h6, its previous
// sibling): an accordion drawn without ARIA, whose heading a script
// turns into the control that shows it (a product's FAQ answers under
// their questions). Tried and left: a heading wrapped in a <div> before
// the section (a product's "Pros"/"Neutral" notes came back too), and a
// button or <dt> before it (popups' panels). A hide marked !important is
// meant to last: a forum's description under a thread's title that the
// board's theme never shows. A section that holds a form's field is a
// form the heading names ("Newsletter", "Write a review", "Quick
// reply"), not an accordion's text.
func isHeadedSection(n *html.Node) bool {
	style := attr(n, "style")
	if !styleHides(style) || strings.Contains(style, "!important") || n.DataAtom == atom.Ul || n.DataAtom == atom.Ol {
		return false
	}
	switch attr(n, "role") {
	case "dialog", "alertdialog", "menu", "listbox", "navigation", "tooltip":
		return false
	}
	prev := prevElementSibling(n)
	return prev != nil && isHeading(prev.DataAtom) && prev.DataAtom != atom.H1 && !hidesElement(prev) && !holdsField(n)
}

// isRevealedLayer reports whether n is hidden by an inline
// visibility:hidden alone, the mark of a widget that its script shows
// once it has laid it out (a slider, a fading block): the box keeps its
// place on the page, and its text is the page's. What a page means to
// keep hidden it takes out of the flow (display:none), hides from
// assistive technology or marks !important; dialogs, menus and forms
// are no such widget.
func isRevealedLayer(n *html.Node) bool {
	v := compactStyle(attr(n, "style"))
	if !strings.Contains(v, "visibility:hidden") || strings.Contains(v, "display:none") || strings.Contains(v, "!important") {
		return false
	}
	if hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" || attr(n, "aria-modal") == "true" {
		return false
	}
	switch attr(n, "role") {
	case "dialog", "alertdialog", "menu", "listbox", "navigation", "tooltip":
		return false
	}
	return !holdsField(n)
}

// holdsField reports whether n holds a form or one of a form's fields.
// The walk stops at the first.
func holdsField(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if isFormTag(c.DataAtom) || holdsField(c) {
			return true
		}
	}
	return false
}

// disclosures returns the collapsed disclosure controls under n by the
// id of the element each shows: a button (or an element in the role of
// one) with aria-expanded="false" and aria-controls, the WAI-ARIA
// accordion's header. Controls in navigation, forms and what the page
// hides are left out.
func disclosures(n *html.Node) map[string]*html.Node {
	var out map[string]*html.Node
	walkControls(n, func(c *html.Node) bool {
		if (c.DataAtom != atom.Button && attr(c, "role") != "button") || attr(c, "aria-expanded") != "false" {
			return true
		}
		for _, id := range strings.Fields(attr(c, "aria-controls")) {
			if out == nil {
				out = map[string]*html.Node{}
			}
			if _, ok := out[id]; !ok {
				out[id] = c
			}
		}
		return false
	})
	return out
}

// walkControls calls visit on the elements under n in document order,
// leaving out scripts, templates, navigation and forms, and goes into an
// element when visit returns true and the page does not hide it (a
// hidden panel excepted).
func walkControls(n *html.Node, visit func(c *html.Node) bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Nav, atom.Svg, atom.Form:
			continue
		}
		if !visit(c) || hidesElement(c) && !isHiddenPanel(c) {
			continue
		}
		walkControls(c, visit)
	}
}

// isDisclosed reports whether n is the section a collapsed disclosure
// control shows (disclosures): not a dialog, a menu or a list of
// options, which controls show too.
func isDisclosed(n *html.Node, controls map[string]*html.Node) bool {
	id := attr(n, "id")
	if id == "" || controls[id] == nil || attr(n, "aria-modal") == "true" {
		return false
	}
	switch attr(n, "role") {
	case "dialog", "alertdialog", "menu", "listbox", "navigation", "tooltip":
		return false
	}
	return n.DataAtom != atom.Ul && n.DataAtom != atom.Ol && headedBy(n, controls[id])
}

// headedBy reports whether the control c heads the section n: c is, or
// sits in, the element just before n or just before n's parent (an
// accordion's header over its panel, the panel in a wrapper that
// animates its height). A control elsewhere opens a popup.
func headedBy(n, c *html.Node) bool {
	for a, k := n, 0; a != nil && k < 2; a, k = a.Parent, k+1 {
		if prev := prevElementSibling(a); prev != nil && (prev == c || isAncestor(prev, c)) {
			return true
		}
	}
	return false
}

// disclosureLabel returns the words of a disclosure control that heads
// its section: two words or more, under 200 bytes; "" otherwise.
func disclosureLabel(n *html.Node) string {
	var sb strings.Builder
	nodeTextUpTo(&sb, n, 300)
	t := cleanSpace(sb.String())
	if numFields(t) < 2 || len(t) > 200 {
		return ""
	}
	return t
}

// isHiddenPanel reports whether n is a panel the page hides until a
// control shows it: a tab panel hidden by an inline style, or a section
// labelled by its control (aria-labelledby) hidden by an inline style or
// the hidden attribute. Dialogs, menus and lists of options are not
// panels. Tab panels with the hidden attribute or aria-hidden were tried:
// they are as often a shop's promotions or a carousel's slides.
func isHiddenPanel(n *html.Node) bool {
	role := attr(n, "role")
	switch role {
	case "tabpanel":
		return styleHides(attr(n, "style"))
	case "dialog", "alertdialog", "menu", "listbox", "navigation":
		return false
	}
	if attr(n, "aria-modal") == "true" {
		return false // a dialog by another name (a newsletter popup)
	}
	if !hasAttr(n, "aria-labelledby") {
		return false
	}
	// aria-hidden alone: the content walk shows such a panel already
	// (collapsedPanel).
	return hasAttr(n, "hidden") || styleHides(attr(n, "style"))
}

// siblingPanelReach bounds the siblings isSiblingPanel looks at on each
// side of a hidden element.
const siblingPanelReach = 6

// isSiblingPanel reports whether n is one of a row of tab panels that
// name no role: an element hidden by an inline style beside a sibling of
// the same tag and class that is shown (shownSibling) and holding a grid
// (holdsGrid): "products-content" shown for one category, hidden for the
// others, each tab's grid. A shop's category page switches its grids
// with such tabs, and the references keep every tab's items. A hidden
// tab of text was tried (40 words or more, ed2a2f1, reverted in
// review27f): it put back a product page's hidden "Shipping and returns"
// tab, a carousel's other testimonials and the hidden translation of a
// shown text, and no tuning page supported it.
func isSiblingPanel(n *html.Node) bool {
	return shownSibling(n) != nil && holdsGrid(n)
}

// shownSibling returns the sibling of n, within siblingPanelReach on
// each side, of n's tag sharing one of its classes and shown, when n is
// hidden by an inline style, names no role and is no dialog; nil
// otherwise. A sibling in another language (its lang attribute) is a
// translation, not another tab. A dialog or a menu is no panel; a
// carousel's hidden slides that only print the shown one again are left
// out by withPanels (newLines). Linear: a bounded look on each side.
func shownSibling(n *html.Node) *html.Node {
	if !styleHides(attr(n, "style")) || attr(n, "aria-modal") == "true" || hasAttr(n, "role") {
		return nil
	}
	cls := strings.Fields(attr(n, "class"))
	if len(cls) == 0 {
		return nil
	}
	for _, next := range []func(*html.Node) *html.Node{prevElementSibling, nextElementSibling} {
		for s, k := next(n), 0; s != nil && k < siblingPanelReach; s, k = next(s), k+1 {
			if s.Data == n.Data && !hidesElement(s) && sharesClass(s, cls) {
				if attr(s, "lang") != attr(n, "lang") {
					return nil
				}
				return s
			}
		}
	}
	return nil
}

// gridMinLinks is the fewest links to distinct addresses a hidden panel
// holds for isSiblingPanel to read it as a tab's grid of items.
const gridMinLinks = 4

// holdsGrid reports whether n holds links to gridMinLinks addresses or
// more: a grid of items, each linked to its page. A hidden price label,
// a shipping note or a promotion's text beside the one shown links to
// one page or none. The walk stops at the count.
func holdsGrid(n *html.Node) bool {
	seen := map[string]bool{}
	var walk func(*html.Node) bool
	walk = func(m *html.Node) bool {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if h := attr(c, "href"); c.DataAtom == atom.A && h != "" && !strings.HasPrefix(h, "#") {
				seen[h] = true
				if len(seen) >= gridMinLinks {
					return true
				}
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(n)
}

// sharesClass reports whether one of n's classes is in cls.
func sharesClass(n *html.Node, cls []string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if slices.Contains(cls, c) {
			return true
		}
	}
	return false
}

// hidesElement reports whether n's own attributes hide it.
func hidesElement(n *html.Node) bool {
	return hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" || styleHides(attr(n, "style"))
}

// within reports whether the element at doc-order index at comes between
// the first and the last block of bs.
func within(bs []block, at int32) bool {
	return bs[0].at < at && at < bs[len(bs)-1].at
}

// keptAncestors returns the elements that hold a block of bs, each
// block's ancestors walked once.
func (p *page) keptAncestors(bs []block) map[*html.Node]bool {
	in := make(map[*html.Node]bool)
	for _, b := range bs {
		if int(b.at) >= len(p.x.nodes) {
			continue
		}
		for m := p.x.nodes[b.at]; m != nil && !in[m]; m = m.Parent {
			in[m] = true
		}
	}
	return in
}

// readShown calls read with a pooled extractor that has analysed the
// hidden panel n shown: the panel is shown for a walk of its own, then
// hidden again as the page had it, with the page's declaration
// (contentExtractor.declared). read must copy what it keeps: the
// extractor goes back to the pool.
func readShown(n *html.Node, declared bool, read func(y *contentExtractor)) {
	saved := append([]html.Attribute(nil), n.Attr...)
	unhide(n)
	y := getExtractor()
	y.declared = declared
	y.analyzePage(n)
	read(y)
	putExtractor(y)
	n.Attr = saved
}

// panelBlocks returns the blocks of a hidden panel as the content walk
// would make them were it shown (readShown).
func panelBlocks(n *html.Node, declared bool) []block {
	var out []block
	readShown(n, declared, func(y *contentExtractor) {
		bs, _ := y.bodyBlocks([]*html.Node{n})
		out = append([]block(nil), bs...)
	})
	return out
}

// panelLinkedShare is the share of a block's text in links from which
// panelModelBlocks asks the block model whether the block stays.
const panelLinkedShare = 0.3

// panelModelBlocks returns the blocks of a hidden tab's grid as the
// block model reads the panel shown (readShown): its unlinked lines
// (prices, short texts) and the linked ones the model keeps (the cards'
// titles), which panelBlocks' walk drops as links.
func panelModelBlocks(n *html.Node, declared bool) []block {
	var out []block
	readShown(n, declared, func(y *contentExtractor) {
		bs, fs, _ := y.featureBlocksDialogs(n, nil)
		for i := range bs {
			if bs[i].link < panelLinkedShare || blockScore(blockWeights, &fs[i]) >= blockThreshold {
				out = append(out, bs[i])
			}
		}
	})
	return out
}

// newLines returns the blocks of bs whose text is not in seen, and adds
// them to it; nothing when most of the lines were there already.
func newLines(bs []block, seen map[string]bool) []block {
	var out []block
	for _, b := range bs {
		if !seen[b.text] {
			out = append(out, b)
		}
	}
	if len(out)*2 < len(bs) {
		return nil
	}
	for _, b := range out {
		seen[b.text] = true
	}
	return out
}

// mergeAt puts the blocks of adds, in document order and each with the
// doc-order index of the element it comes from, into bs: each before the
// first block of bs made after that element.
func mergeAt(bs, adds []block) []block {
	if len(adds) == 0 {
		return bs
	}
	out := make([]block, 0, len(bs)+len(adds))
	i := 0
	for _, a := range adds {
		for i < len(bs) && bs[i].at <= a.at {
			out = append(out, bs[i])
			i++
		}
		out = append(out, a)
	}
	return append(out, bs[i:]...)
}

// withControls returns the main text of a page that is not an article
// with the questions of its FAQ put back where the question is the
// button that opens its answer: the content walk leaves buttons out while
// it keeps the answer. A button's text comes back as a heading before the
// first line of the text made after it, when that line sits in the
// element around the button (up to five levels up: the entry, or the FAQ
// section when the page draws the answers with a script), when the
// text asks a question (controlLabel) and when the text does not hold it
// already. Buttons that only say they open something (aria-expanded:
// "Item details", "Open main menu", "Oldest first") were tried and cost
// product and forum pages.
func (p *page) withControls(bs []block) []block {
	if len(bs) == 0 || p.x == nil || p.bodyNode == nil {
		return bs
	}
	var buttons []*html.Node
	findButtons(p.bodyNode, &buttons)
	if len(buttons) == 0 {
		return bs
	}
	seen := make(map[string]bool, len(bs))
	for _, b := range bs {
		seen[b.text] = true
	}
	asked := 0
	var adds []block
	for _, n := range buttons {
		at, ok := p.x.idx[n]
		if !ok {
			continue
		}
		label := controlLabel(n)
		if label == "" || seen[label] || siblingButton(n) {
			continue
		}
		if asked++; asked > maxPanels {
			break
		}
		i := firstAfter(bs, at)
		if i < 0 || !p.inEntry(n, bs[i].at) {
			continue
		}
		seen[label] = true
		adds = append(adds, block{text: label, kind: kindHeading, at: at})
	}
	return mergeAt(bs, adds)
}

// siblingButton reports whether n has a sibling <button> that answers
// it in a word or two ("Was this page helpful?" Yes, No): a form's
// question, not an FAQ's. A sibling without text (an FAQ's chevron or
// "+" toggle) does not count.
func siblingButton(n *html.Node) bool {
	for _, m := range []*html.Node{prevElementSibling(n), nextElementSibling(n)} {
		if m == nil || m.DataAtom != atom.Button {
			continue
		}
		var sb strings.Builder
		nodeTextUpTo(&sb, m, 40)
		words := strings.Fields(sb.String())
		if len(words) >= 1 && len(words) <= 2 && !strings.ContainsRune(sb.String(), '?') && strings.IndexFunc(sb.String(), unicode.IsLetter) >= 0 {
			return true
		}
	}
	return false
}

// findButtons collects the buttons under n, in document order, outside
// what the page hides, its navigation and its forms.
func findButtons(n *html.Node, out *[]*html.Node) {
	walkControls(n, func(c *html.Node) bool {
		if c.DataAtom == atom.Button {
			*out = append(*out, c)
			return false
		}
		return true
	})
}

// controlLabel returns the text of a button that asks a question, of two
// words or more; "" for other buttons.
func controlLabel(n *html.Node) string {
	var sb strings.Builder
	nodeTextUpTo(&sb, n, 300)
	t := cleanSpace(sb.String())
	if numFields(t) < 2 || len(t) > 250 {
		return ""
	}
	if strings.HasSuffix(t, "?") {
		return t
	}
	return ""
}

// firstAfter returns the index of the first block of bs made after the
// element at doc-order index at, or -1.
func firstAfter(bs []block, at int32) int {
	for i, b := range bs {
		if b.at > at {
			return i
		}
	}
	return -1
}

// inEntry reports whether the element at doc-order index at sits in one
// of the five elements around the button n. Three levels (tried first)
// left out FAQs whose answers a script draws.
func (p *page) inEntry(n *html.Node, at int32) bool {
	if int(at) >= len(p.x.nodes) {
		return false
	}
	m := p.x.nodes[at]
	a := n.Parent
	for k := 0; k < 5 && a != nil; k++ {
		for e := m; e != nil; e = e.Parent {
			if e == a {
				return true
			}
		}
		a = a.Parent
	}
	return false
}

// dropPanelChrome is dropChrome for the lines of a hidden panel put
// back: without dropLeadingLinks, whose run of short links opening a
// text is a breadcrumb trail or a menu above it. A panel stands inside
// the text, behind its tab or its button, and a run of links that opens
// it is what the panel holds (a tab of forms to download, of documents,
// of places), not a trail. But on a product page (product) such a run
// is other products (a tab of the range's other items, of what goes
// with it), whose names are not the product's text: it goes, as before.
func dropPanelChrome(bs []block, product bool) []block {
	bs = dropRelated(bs, nil)
	if product {
		bs = dropLeadingLinks(bs, false)
	}
	return dropBlocks(bs, isChromeBlock)
}
