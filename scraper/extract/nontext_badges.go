package extract

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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
// many lines. When badgeMinCards blocks or more begin in one place and
// a line of theirs says the same thing in all of them, in badgeMaxWords
// words or fewer, that line is no card's own text, unless it is a
// value that all cards happen to share (isSharedValue: a price, a date,
// a byline), or a field's label written with its colon ("Features:")
// or the value under such a label ("Insulated"): the references of
// category pages keep both. A line that differs from card to card ("slim fit",
// "oversized fit") is a field and stays, and so does the same text
// where it begins in a place of its own (a heading). The references of
// listings keep each card's title, teaser and fields and leave out what
// all cards share. Two linear passes.
func (p *page) dropCardBadges(bs []block) []block {
	keys := make([]string, len(bs))
	places := map[string]*cardPlace{}
	for i, b := range bs {
		if b.kind == kindTitle || b.at < 0 || int(b.at) >= len(p.x.nodes) || isFeatureItem(b, p.x.nodes[b.at]) {
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
	for _, pl := range places {
		pl.settle()
	}
	out := make([]block, 0, len(bs))
	for i, b := range bs {
		if pl := places[keys[i]]; keys[i] != "" && pl.n >= badgeMinCards {
			if b.text = pl.own(b.text, i > 0 && isFieldLabel(lastLine(bs[i-1].text))); b.text == "" {
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

// isFeatureItem reports whether b is the bare text of an item of a list
// of unlinked items (its neighbours hold no link either): a line of a
// list inside a card (a plan's "Daily backups", a room's "Free wifi"),
// which every card may share and which is still each card's text; a
// pricing page taken for a listing lost its plans' common features. A
// card's menu (linked items), a list of tags among links ("4-day week",
// "100% salary", "Remote, Romania only": the references leave the
// shared tag out) and a badge (a span or div of its own, though the
// card is an item) are no such item. Two neighbours, a few levels deep:
// linear on a list of thousands of items.
func isFeatureItem(b block, n *html.Node) bool {
	if n.DataAtom != atom.Li || b.link > 0 {
		return false
	}
	for _, s := range []*html.Node{prevElementSibling(n), nextElementSibling(n)} {
		if s != nil && hasLink(s, 3) {
			return false
		}
	}
	return true
}

// cardPlace is what dropCardBadges knows of one place: the lines of the
// first block there, how many blocks began there, which of the lines
// another block said otherwise and, once all are counted (settle), which
// lines go.
type cardPlace struct {
	lines []string
	mixed []bool
	drop  []bool
	n     int
}

// add counts a block of the place and marks the lines it says otherwise.
func (pl *cardPlace) add(lines []string) {
	pl.n++
	for j, l := range lines {
		pl.mixed[j] = pl.mixed[j] || !strings.EqualFold(cleanSpace(l), cleanSpace(pl.lines[j]))
	}
}

// settle marks the lines of a place of badgeMinCards blocks or more
// that go: those all its blocks share, of badgeMaxWords words or fewer,
// that are not a value (isSharedValue). Once per place, not per card.
func (pl *cardPlace) settle() {
	if pl.n < badgeMinCards {
		return
	}
	pl.drop = make([]bool, len(pl.lines))
	for j, l := range pl.lines {
		pl.drop[j] = !pl.mixed[j] && countWords(l) <= badgeMaxWords && !isSharedValue(l) && !isFieldLabel(l)
	}
}

// own returns text without the lines of the place that go (settle); ""
// when none is left. After a label (afterLabel: the block before ends in
// "Features:") the first line is that field's value and stays.
func (pl *cardPlace) own(text string, afterLabel bool) string {
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for j, l := range lines {
		if !pl.drop[j] || j == 0 && afterLabel {
			kept = append(kept, l)
		}
	}
	return strings.TrimSpace(strings.Join(kept, "\n"))
}

// isSharedValue reports whether a line that all cards print alike is
// still each card's own: a price ("$10", "£95"), a date ("9 March 2026")
// or a byline ("By Jane Doe"). On a one-author blog, a day's archive or
// a shop of one price every card says the same, and the card keeps its
// value; a label or a badge is none of these. Other numbers ("100%
// salary", "5 min read") are left to the rule: a job board's shared
// line went in the references.
func isSharedValue(l string) bool {
	l = strings.TrimSpace(l)
	if strings.IndexFunc(l, func(r rune) bool { return unicode.Is(unicode.Sc, r) }) >= 0 || reByPrefix.MatchString(l) {
		return true
	}
	_, ok := ParseDate(l)
	return ok
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
// soon"; "New" in French, German, Spanish, Italian, Dutch and
// Portuguese too ("Nouveau", "Neu", "Nuevo": a tuning page's badge in
// an item of each card's list). The references of listings leave them out: on the tuning
// half's pages taken for listings, archivist's text had 212 such lines
// and the references 13. Whether an item is there at all stays ("In
// stock", "Sold out": dropStockLines found category pages' references
// keeping them, and 4 of the 8 "Sold out" here were kept; "Low stock"
// and "Back-order", 42 lines here, none kept, go), and so do
// "Featured" and "Sponsored" (kept as often as not).
var reCardBadge = lazyRE(`(?i)^(?:new|neu|nouveau|nouveauté|nuevo|novedad|nuovo|novità|nieuw|novo|novidade|sale|on sale|best ?-?sellers?|top rated|new arrivals?|new colou?rs?|low stock|back-?order|exclusive|online only|limited edition|just added|almost full|going fast|sales end soon)!?$`)

// reConditionLine matches an item's condition alone on its line
// ("Used", "Pre-owned", "Refurbished"): where cards print one, their
// "New" is the same field's value, not a badge.
var reConditionLine = lazyRE(`(?i)^(?:used|pre-?owned|refurbished|renewed|second[- ]hand|open box|gebraucht|d'occasion|occasion|usado|usato|gebruikt|seminuevo|reconditionné)$`)

// reNewLine matches "New" alone, in the languages of reCardBadge.
var reNewLine = lazyRE(`(?i)^(?:new|neu|nouveau|nuevo|nuovo|nieuw|novo)!?$`)

// dropBadgeLines drops the cards' badges (reCardBadge) from a listing's
// text, headings aside (a "New arrivals" section keeps its heading). On
// a listing of new and used items (a car dealer's, a marketplace's:
// reConditionLine) "New" is the item's condition and stays. A badge
// printed twice on its line ("NEW NEW", onceOf) is read once.
func dropBadgeLines(bs []block) []block {
	for _, b := range bs {
		if len(b.text) <= 20 && reConditionLine.MatchString(strings.TrimSpace(b.text)) {
			return dropBlocks(bs, func(b block) bool {
				t := strings.TrimSpace(b.text)
				return !b.heads() && len(t) <= 40 && reCardBadge.MatchString(onceOf(t)) && !reNewLine.MatchString(onceOf(t))
			})
		}
	}
	return dropBlocks(bs, func(b block) bool {
		return !b.heads() && len(b.text) <= 40 && reCardBadge.MatchString(onceOf(strings.TrimSpace(b.text)))
	})
}

// onceOf returns the first half of a line that says the same words
// twice ("NEW NEW": a badge printed for the eye and again for screen
// readers), else the line.
func onceOf(t string) string {
	f := strings.Fields(t)
	if h := len(f) / 2; h > 0 && len(f)%2 == 0 && slices.Equal(f[:h], f[h:]) {
		return strings.Join(f[:h], " ")
	}
	return t
}

// isFieldLabel reports whether a line is a field's label written with its
// colon ("Features:", "Material:"): the label and the line under it, the
// field's value, are each card's text though every card may say them
// alike ("Features:" "Insulated"); a label without its colon ("Brand
// Name" in each card's <dt>) still goes. On the tuning half, three
// category pages' references kept such labels and values.
func isFieldLabel(l string) bool {
	l = strings.TrimSpace(l)
	return len(l) > 1 && strings.HasSuffix(l, ":")
}

// lastLine returns the last line of text.
func lastLine(text string) string {
	return text[strings.LastIndexByte(text, '\n')+1:]
}
