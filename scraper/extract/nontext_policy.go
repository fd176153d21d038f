package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// rePolicyLabel matches the label of a product page's collapsed section
// of the shop's terms: "Shipping & Returns", "Delivery and returns",
// "Returns policy", "Shipping info"; and in French, German and Spanish
// ("Livraison et retours", "Versand & Rückgabe", "Envíos y
// devoluciones").
var rePolicyLabel = lazyRE(`(?i)^(?:(?:free )?(?:shipping|delivery)(?: (?:&|and|\+) (?:returns?|exchanges|pickup))?(?: (?:info|information|policy|details))?` +
	`|returns?(?: (?:&|and) (?:exchanges|refunds))?(?: policy)?` +
	`|livraisons?(?: (?:et|&) retours?)?|retours?(?: (?:et|&) échanges)?` +
	`|versand(?: (?:&|und) (?:rückgabe|rücksendung|retouren?))?|rückgabe` +
	`|envíos?(?: y devoluciones)?|devoluciones)$`)

// dropPolicyPanels drops from a product page's text its collapsed
// sections of the shop's terms: a <details> whose <summary> is a
// rePolicyLabel, or the section that a collapsed disclosure control
// (disclosures) with such a label shows, with the control, or the
// section hidden under a heading with such a label (isHeadedSection),
// with the heading. What and
// when the shop delivers and takes back is the same on every product;
// references leave it out. A label printed alone, or a line of terms
// beside the product ("Free shipping over $75"), stays. The blocks stay
// as they are when fewer than 50 words would be left.
func (p *page) dropPolicyPanels(bs []block, pageType string) []block {
	if pageType != corpus.PageTypeProduct || p.x == nil || p.bodyNode == nil {
		return bs
	}
	controls := disclosures(p.bodyNode)
	return dropSpans(bs, p.markedSpans(func(n *html.Node) bool { return isPolicyPanel(n, controls) }), 50)
}

// isPolicyPanel reports whether n is a <details> whose first <summary>
// reads as rePolicyLabel, the section a control of controls with such a
// label shows, or that control, or a section hidden under a heading
// with such a label (isHeadedSection), or that heading.
func isPolicyPanel(n *html.Node, controls map[string]*html.Node) bool {
	if n.DataAtom == atom.Details {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Summary {
				return isPolicyLabel(c)
			}
		}
		return false
	}
	if c := controls[attr(n, "id")]; c != nil && isPolicyLabel(c) {
		return true
	}
	// An accordion drawn without ARIA: the section withPanels put back
	// (isHeadedSection) and its heading. The label first: it reads 60
	// bytes, isHeadedSection may walk the section.
	if prev := prevElementSibling(n); prev != nil && isHeading(prev.DataAtom) && isPolicyLabel(prev) && isHeadedSection(n) {
		return true
	}
	if isHeading(n.DataAtom) && isPolicyLabel(n) {
		if next := nextElementSibling(n); next != nil && isHeadedSection(next) {
			return true
		}
	}
	return attr(n, "aria-expanded") == "false" && hasAttr(n, "aria-controls") && isPolicyLabel(n)
}

// isPolicyLabel reports whether the text of n, of 60 bytes or fewer,
// reads as rePolicyLabel.
func isPolicyLabel(n *html.Node) bool {
	var sb strings.Builder
	if !nodeTextUpTo(&sb, n, 60) {
		return false
	}
	return rePolicyLabel.MatchString(cleanSpace(sb.String()))
}
