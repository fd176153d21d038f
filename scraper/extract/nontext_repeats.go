package extract

// repeatMinWords is the fewest words of a block that dropSecondCopies drops
// when it comes again: shorter lines (a price, a colour, a size) repeat
// on a product page because they are said twice.
const repeatMinWords = 6

// dropSecondCopies drops from a product page's main text each block of
// repeatMinWords words or more whose text came before: a shop's page
// holds the same description, badge or notice twice, once for each
// screen size or once in a tab and again in a drawer, and shows one.
// Forums (quoted posts), plan tables and tabs of other pages repeat
// their own text, so it is for product pages only.
func dropSecondCopies(bs []block) []block {
	seen := make(map[string]bool, len(bs))
	out := bs[:0:0]
	for _, b := range bs {
		if countWords(b.text) >= repeatMinWords {
			if seen[b.text] {
				continue
			}
			seen[b.text] = true
		}
		out = append(out, b)
	}
	return out
}
