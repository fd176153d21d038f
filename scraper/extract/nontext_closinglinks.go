package extract

// Bounds of dropClosingLinks: the fewest items of a closing list of
// links, the most words of one item, and the largest share of the
// text's words the list may hold (a list over more is the page's own).
const (
	closingLinksMin      = 4
	closingLinkMaxWords  = 8
	closingLinksMaxShare = 8 // the list holds at most 1/closingLinksMaxShare of the words
)

// dropClosingLinks drops from a listing's or a product page's text the
// list of short links that closes it, with the short line that leads
// into it ("Related searches", "More in Sauces"): a shop's or a
// directory's links to other categories and searches, set under the grid
// or the product and its text. Each item is the line of a list item
// (a card's other lines are not: the last card of a grid is no such
// list), a link of closingLinkMaxWords words or fewer that is no
// sentence; there are closingLinksMin of them or more, and the line
// before the list is not an item (the list is not the tail of the page's
// own list of entries). It stays when it holds more than
// 1/closingLinksMaxShare of the text's words (a page that is a list of
// links ends with it), or when the text before it has fewer than
// closingLinksMin short or linked lines (a grid's cards, a product's
// details): then that list is the page's entries (a topic's guide and
// the list of its recipes), not links away from a grid above it.
func dropClosingLinks(bs []block) []block {
	j := len(bs)
	listWords := 0
	for j > 0 && isClosingLink(bs[j-1]) {
		j--
		listWords += countWords(bs[j].text)
	}
	if len(bs)-j < closingLinksMin || j == 0 || bs[j-1].kind == kindItem {
		return bs
	}
	all, short := listWords, 0
	for _, b := range bs[:j] {
		all += countWords(b.text)
		if !b.heads() && (b.link >= 0.5 || numFields(b.text) <= 2*closingLinkMaxWords) {
			short++
		}
	}
	if listWords*closingLinksMaxShare > all || short < closingLinksMin {
		return bs
	}
	if lead := bs[j-1]; numFields(lead.text) <= closingLinkMaxWords && !endsSentence(lead.text) {
		j--
	}
	return bs[:j]
}

// isClosingLink reports whether b is an item of a list of links to other
// pages: the line of a list item, nearly all linked, of
// closingLinkMaxWords words or fewer, that does not end as a sentence.
func isClosingLink(b block) bool {
	return b.item && b.link >= 0.9 && numFields(b.text) <= closingLinkMaxWords && !endsSentence(b.text)
}
