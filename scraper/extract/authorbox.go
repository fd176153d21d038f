package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// authorBoxWords bounds the text of an author box (isAuthorBox): a name,
// a role, a bio of a few sentences and links to the author's profiles.
// An element the page declares as its author that holds more is a
// wrapper around more than the box (markup left open), not a box.
const authorBoxWords = 150

// dropAuthorBoxes drops from an article's text the blocks inside the box
// that presents its author (isAuthorBox): the photo, the name and the
// bio that blog plugins and news sites print after the story ("Patrick,
// photographer from Hamburg. I like every kind of photography ...").
// The bio is about the writer, not the story, and readers of an
// archive find the author in the article's authors. The box is told by
// the microdata the page gives it, not by class words, which differ by
// plugin and are lost to hashed or utility class names. Only a block
// whose words all lie in the box goes: a byline marked inline at the
// head of the lead ("By Jane Doe, who has covered the council since
// 2015. The council voted ...") begins the lead's block, which runs on
// with the story. The blocks stay as they are when fewer than 50 words
// would be left.
func (p *page) dropAuthorBoxes(bs []block) []block {
	spans := p.markedSpans(isAuthorBox)
	if len(spans) == 0 {
		return bs
	}
	return dropSpansIf(bs, spans, 50, func(b block, s [2]int32) bool {
		return strings.Contains(textOf(p.x.nodes[s[0]]), cleanSpace(b.text))
	})
}

// isAuthorBox reports whether n declares the page's author as an item of
// its own (itemprop "author" with itemscope: a Person, an Organization)
// and holds a bio: twelve words or more with a sentence in them, up to
// authorBoxWords. A byline marked the same way ("By Jane Doe, Staff
// Writer") holds no sentence and stays.
func isAuthorBox(n *html.Node) bool {
	if !hasAttr(n, "itemscope") || !hasToken(attr(n, "itemprop"), "author") {
		return false
	}
	t := textOf(n)
	w := countWords(t)
	return w >= 12 && w <= authorBoxWords && holdsSentence(t)
}

// holdsSentence reports whether t holds a sentence of four words or more
// that ends with a full stop, a question or an exclamation mark.
func holdsSentence(t string) bool {
	start := 0
	for i, r := range t {
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		if countWords(t[start:i]) >= 4 && (i+1 == len(t) || t[i+1] == ' ') {
			return true
		}
		start = i + 1
	}
	return false
}
