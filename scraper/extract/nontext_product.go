package extract

import (
	"html"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// ldProductDescription returns the description of the page's JSON-LD
// Product (or ProductGroup) as plain text, or "".
func (p *page) ldProductDescription() string {
	for _, m := range p.ld {
		if !ldIs(m, func(t string) bool { return t == "Product" || t == "ProductGroup" }) {
			continue
		}
		d, ok := m["description"].(string)
		if !ok {
			continue
		}
		d = html.UnescapeString(strings.TrimSpace(d))
		if strings.Contains(d, "<") && strings.Contains(d, ">") {
			d = fragmentText(d)
		}
		return d
	}
	return ""
}

// descMinWords is the length from which a product's JSON-LD description
// is a description and not a tag line.
const descMinWords = 15

// withDescription puts a product page's description back in its text
// when the text holds less than half of the words of the description
// its JSON-LD gives: shops draw the description into a tab, a drawer
// or a dialog by script, and the markup holds it only in the data. It
// goes after the first heading among the text's first three blocks
// (the product's name), else first.
func (p *page) withDescription(bs []block) []block {
	d := p.ldProductDescription()
	if len(strings.Fields(d)) < descMinWords || coverage(d, bs)*2 >= 1 {
		return bs
	}
	var add []block
	for _, para := range strings.Split(d, "\n") {
		if t := cleanSpace(para); t != "" {
			add = append(add, block{text: t})
		}
	}
	at := 0
	for i, b := range bs {
		if i >= 3 {
			break
		}
		if b.heads() {
			at = i + 1
			break
		}
	}
	out := make([]block, 0, len(bs)+len(add))
	out = append(out, bs[:at]...)
	out = append(out, add...)
	return append(out, bs[at:]...)
}

// coverage returns the share of the distinct words of t (lower-cased)
// that the blocks hold.
func coverage(t string, bs []block) float64 {
	have := wordSet(bs)
	seen := make(map[string]bool)
	hit := 0
	for _, w := range strings.FieldsFunc(t, notWordRune) {
		w = strings.ToLower(w)
		if seen[w] {
			continue
		}
		seen[w] = true
		if have[w] {
			hit++
		}
	}
	if len(seen) == 0 {
		return 1
	}
	return float64(hit) / float64(len(seen))
}

// productText is the text of a product page with its description
// (withDescription), without the options of its list boxes
// (dropChoiceLists), its sign-up boxes (dropSignupBoxes), the cards of
// other products (dropRailCards) and, once the description is in (so
// that a page whose description only its data holds keeps 50 words),
// its footer drawn as a <div> (dropFooterBoxes); other pages' blocks
// are returned as they are.
func (p *page) productText(bs []block, pageType string) []block {
	if pageType != corpus.PageTypeProduct {
		return bs
	}
	return p.dropFooterBoxes(p.withDescription(p.dropRailCards(p.dropChoiceLists(p.dropSignupBoxes(p.dropTooltips(p.dropTabLabels(bs)))))))
}

// dropTooltips drops the blocks of a product page that begin inside a
// tooltip or a popover (isTooltip): what an icon or a badge explains on
// hover or click ("Star Sellers have an outstanding track record ...",
// "Open-back headphone designs are often ...", how a delivery date is
// estimated), printed in the markup beside the product and left out of
// its text by the references of every shop that shows such notes. A
// service page's tooltips explain its plans' features and stay. The
// blocks stay as they are when fewer than 50 words would be left.
func (p *page) dropTooltips(bs []block) []block {
	return dropSpans(bs, p.markedSpans(p.isTipNote), 50)
}

// isTipNote reports whether n is the note of a tooltip or a popover
// (isTooltip) rather than the line it explains or a panel of content.
// An element that prints text of its own beside a child that is a
// tooltip is the line the note explains (a CSS tooltip: <div
// class="tooltip">Fabric: linen<span class="tooltiptext">...</span>).
// A popover that holds three paragraphs or list items or more is a
// panel shown on click (care notes, a list of specifications), which
// references keep; the notes of the tuning shops are one or two
// paragraphs, some under a title.
func (p *page) isTipNote(n *xhtml.Node) bool {
	return p.isTooltip(n) && !p.hostsTip(n) && !holdsParas(n, 3)
}

// hostsTip reports whether n has a text child that is not white space
// and a child element that is a tooltip (isTooltip).
func (p *page) hostsTip(n *xhtml.Node) bool {
	text, tip := false, false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == xhtml.TextNode:
			text = text || strings.TrimSpace(c.Data) != ""
		case c.Type == xhtml.ElementNode:
			tip = tip || p.isTooltip(c)
		}
	}
	return text && tip
}

// holdsParas reports whether n holds min paragraphs or list items or
// more.
func holdsParas(n *xhtml.Node, min int) bool {
	paras := 0
	for d := range n.Descendants() {
		if d.DataAtom == atom.P || d.DataAtom == atom.Li {
			if paras++; paras >= min {
				return true
			}
		}
	}
	return false
}

// isTooltip reports whether n is a tooltip or a popover: its role says
// so, its tag is a custom element <tool-tip>, or a class or id word is
// one of tipWords ("tool-tip" as two words) and no word after it
// names what opens it (tooltipOpeners: a trigger, an icon, a wrapper
// around the text that has the note).
func (p *page) isTooltip(n *xhtml.Node) bool {
	if attr(n, "role") == "tooltip" || n.Data == "tool-tip" {
		return true
	}
	toks := p.x.nameTokens(n)
	for i, t := range toks {
		tip := tipWords[t] || t == "tip" && i > 0 && toks[i-1] == "tool"
		if tip && (i+1 == len(toks) || !tooltipOpeners[toks[i+1]]) {
			return true
		}
	}
	return false
}

// tipWords are the class words of a tooltip's or a popover's note:
// the words themselves and a CSS tooltip's note ("tooltiptext").
var tipWords = map[string]bool{"tooltip": true, "popover": true, "tooltiptext": true, "tooltipcontent": true}

// tooltipOpeners are the class words that, after "tooltip" or
// "popover", name the element that opens the note or holds the text it
// is about rather than the note itself.
var tooltipOpeners = map[string]bool{"trigger": true, "toggle": true, "button": true, "btn": true,
	"icon": true, "link": true, "anchor": true, "target": true, "wrapper": true, "wrap": true,
	"container": true, "holder": true, "parent": true, "host": true}

// dropTabLabels drops the labels of a product page's tabs: a block of
// four words or fewer that begins inside an element whose role is "tab"
// ("Description", "Reviews (29)", "Shipping & Returns") and that holds
// the label and little else (inTabLabel): the names of the panels, not
// their text. An accordion that gives the role to an item holding its
// panel keeps the panel's short lines ("Hand wash only").
func (p *page) dropTabLabels(bs []block) []block {
	return dropBlocks(bs, func(b block) bool { return countWords(b.text) <= 4 && p.inTabLabel(b) })
}

// tabExtraBytes is the most text a tab holds beside its label's block: a
// count or a badge of its own ("12", "New").
const tabExtraBytes = 16

// inTabLabel reports whether block b begins inside an element of role
// "tab" whose text is b's and tabExtraBytes more at most.
func (p *page) inTabLabel(b block) bool {
	if b.at < 0 || int(b.at) >= len(p.x.nodes) {
		return false
	}
	for n, d := p.x.nodes[b.at], 0; n != nil && d < 8; n, d = n.Parent, d+1 {
		if n.Type == xhtml.ElementNode && attr(n, "role") == "tab" {
			in := p.x.info(n)
			return in != nil && in.text <= len(b.text)+tabExtraBytes
		}
	}
	return false
}

// reSizeHelp matches the link or button that opens a product page's
// size help: "Size chart", "Size guide", "Know your size", "Not your
// size?", "Guide des tailles", "Größentabelle", "Guía de tallas". The
// chart itself, when the page shows it, stays.
var reSizeHelp = lazyRE(`(?i)^(?:(?:view |see )?size (?:chart|guide|table)s?|sizing (?:chart|guide)|(?:find|know) your (?:size|fit)|not your size\??` +
	`|(?:voir le )?(?:guide|tableau) des tailles|größentabelle|größenratgeber|größenberater|(?:ver (?:la )?)?(?:guía|tabla) de tallas)$`)

// dropSizeHelp drops a product page's size help lines (reSizeHelp) that
// are not headings: a heading over the chart is the chart's.
func dropSizeHelp(bs []block) []block { return dropShortLines(bs, reSizeHelp, 40) }
