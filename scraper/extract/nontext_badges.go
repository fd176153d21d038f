package extract

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// badgeMinCards is the fewest cards of a listing that must carry one
// line in one place for dropCardBadges to read it as the cards' label.
const badgeMinCards = 4

// badgeMaxWords is the most words of a line that dropCardBadges drops.
const badgeMaxWords = 3

// dropCardBadges drops from a listing's main text the lines that every
// card prints alike in the same place: a field's label ("Brand Name",
// "Price" in each card's <dl>), a badge ("Lifetime Guarantee",
// "Back-order"), a button ("Quick view"). A place is the element a
// block begins in, its index among its siblings, and its two parents,
// tag and class (slotKey), and a line's number within blocks of as
// many lines. When badgeMinCards
// blocks or more begin in one place and a line of theirs says the same
// thing in all of them, in badgeMaxWords words or fewer, that line is
// no card's own text. A line that differs from card to card ("slim
// fit", "oversized fit"; a price, a date) is a field and stays, and so
// does the same text where it begins in a place of its own (a heading).
// The references of listings keep each card's title, teaser and fields
// and leave out what all cards share. Two linear passes.
func (p *page) dropCardBadges(bs []block) []block {
	keys := make([]string, len(bs))
	places := map[string]*cardPlace{}
	for i, b := range bs {
		if b.kind == kindTitle || b.at < 0 || int(b.at) >= len(p.x.nodes) {
			continue
		}
		lines := strings.Split(b.text, "\n")
		keys[i] = slotKey(p.x.nodes[b.at]) + "#" + strconv.Itoa(len(lines))
		pl := places[keys[i]]
		if pl == nil {
			pl = &cardPlace{lines: lines, mixed: make([]bool, len(lines))}
			places[keys[i]] = pl
		}
		pl.add(lines)
	}
	out := make([]block, 0, len(bs))
	for i, b := range bs {
		if pl := places[keys[i]]; keys[i] != "" && pl.n >= badgeMinCards {
			if b.text = pl.own(b.text); b.text == "" {
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

// cardPlace is what dropCardBadges knows of one place: the lines of the
// first block there, how many blocks began there, and which of the
// lines another block said otherwise.
type cardPlace struct {
	lines []string
	mixed []bool
	n     int
}

// add counts a block of the place and marks the lines it says otherwise.
func (pl *cardPlace) add(lines []string) {
	pl.n++
	for j, l := range lines {
		pl.mixed[j] = pl.mixed[j] || !strings.EqualFold(cleanSpace(l), cleanSpace(pl.lines[j]))
	}
}

// own returns text without the lines that all blocks of the place share
// and that are badgeMaxWords words or fewer; "" when none is left.
func (pl *cardPlace) own(text string) string {
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for j, l := range lines {
		if pl.mixed[j] || countWords(l) > badgeMaxWords {
			kept = append(kept, l)
		}
	}
	return strings.TrimSpace(strings.Join(kept, "\n"))
}

// slotMaxIndex bounds the count of an element's earlier siblings in
// slotKey, so that a list of thousands of items costs no more per item.
const slotMaxIndex = 16

// slotKey names the place of n in a card: the tag and class of n and
// of its two parents, and how many elements come before n in its parent
// ("2:dt.<dl.<a.card": the second term of each card's list, its label).
// Ids are left out, as each card may number its own.
func slotKey(n *html.Node) string {
	var sb strings.Builder
	i := 0
	for s := n.PrevSibling; s != nil && i < slotMaxIndex; s = s.PrevSibling {
		if s.Type == html.ElementNode {
			i++
		}
	}
	sb.WriteString(strconv.Itoa(i))
	sb.WriteByte(':')
	for d := 0; n != nil && n.Type == html.ElementNode && d < 3; n, d = n.Parent, d+1 {
		if d > 0 {
			sb.WriteByte('<')
		}
		sb.WriteString(n.Data)
		sb.WriteByte('.')
		sb.WriteString(attr(n, "class"))
	}
	return sb.String()
}

// reCardBadge matches a merchandising badge that a shop or an events
// list pins on its cards, alone on its line: "New", "Sale!", "On sale",
// "Best seller", "Top rated", "New arrival", "New colors", "Low stock",
// "Back-order", "Exclusive", "Online only", "Limited edition", and an
// events list's "Just added", "Almost full", "Going fast", "Sales end
// soon". The references of listings leave them out: on the tuning
// half's pages taken for listings, archivist's text had 212 such lines
// and the references 13. Whether an item is there at all stays ("In
// stock", "Sold out": dropStockLines found category pages' references
// keeping them, and 4 of the 8 "Sold out" here were kept; "Low stock"
// and "Back-order", 42 lines here, none kept, go), and so do
// "Featured" and "Sponsored" (kept as often as not).
var reCardBadge = lazyRE(`(?i)^(?:new|sale|on sale|best ?-?sellers?|top rated|new arrivals?|new colou?rs?|low stock|back-?order|exclusive|online only|limited edition|just added|almost full|going fast|sales end soon)!?$`)

// dropBadgeLines drops the cards' badges (reCardBadge) from a listing's
// text, headings aside (a "New arrivals" section keeps its heading).
func dropBadgeLines(bs []block) []block { return dropShortLines(bs, reCardBadge, 40) }
