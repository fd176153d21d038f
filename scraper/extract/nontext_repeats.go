package extract

import "github.com/archivist-project/archivist/corpus"

// copyMinWords returns the fewest words of a block that dropSecondCopies
// drops from a page of the given type when it comes again: six on a
// product page (a shop prints its description, badges and notices once
// per screen size, or in a tab and again in a drawer; shorter lines, a
// price, a colour, a size, repeat because they are said twice); 25 on
// other pages, whose tabs and plan tables repeat shorter lines of their
// own; none (0) on a forum (quoted posts) or a documentation page (the
// same note under each function).
func copyMinWords(pageType string) int {
	switch pageType {
	case corpus.PageTypeForum, corpus.PageTypeDocumentation:
		return 0
	case corpus.PageTypeProduct:
		return 6
	}
	return 25
}

// dropSecondCopies drops from a page's main text each block of minWords
// words or more whose text came before: a second copy of the same
// paragraph, shown once on the screen. With minWords 0 the blocks stay
// as they are.
func dropSecondCopies(bs []block, minWords int) []block {
	if minWords <= 0 {
		return bs
	}
	seen := make(map[string]bool, len(bs))
	out := bs[:0:0]
	for _, b := range bs {
		if countWords(b.text) >= minWords {
			if seen[b.text] {
				continue
			}
			seen[b.text] = true
		}
		out = append(out, b)
	}
	return out
}
