package extract

// linkBoxHeadWords is the most words of the heading of a box of links
// inside a story ("Read also", "More on this story", "Leia também"): a
// box's label is short, a section's title can be a sentence.
const linkBoxHeadWords = 8

// headsLinkBox reports whether the last kept block, a short unlinked
// heading right before bs[i], the first link of a run that filterBlocks
// drops, labels that run as other stories (alsoHeads): the heading of a
// "Read also" box between the story's paragraphs, in an <aside>, a
// <div> of its own or set bare among the paragraphs. The links were
// already dropped; left alone, the heading would read as the title of
// the section that follows. A heading whose words are in no list stays:
// a test by the box's shape alone (the smallest element holding the
// heading and the links holds no text of the story) was measured and
// dropped (docs/BENCHMARKS.md, branch ex34ra).
func headsLinkBox(out, bs []block, i int) bool {
	h := out[len(out)-1]
	return h.kind == kindHeading && h.link < 0.5 && numFields(h.text) <= linkBoxHeadWords && i > 0 &&
		bs[i-1].at == h.at && alsoHeads[bareLower(h.text)]
}

// alsoHeads are headings, lower case without end punctuation
// (bareLower), that name other stories, in the languages the extractor
// reads. boilerLines drops some of them wherever they stand; these go
// only over links that were dropped, so a story about "related" things
// keeps a heading that happens to read so.
var alsoHeads = map[string]bool{
	"read also": true, "also read": true, "see also": true, "read more": true, "read next": true,
	"more on this story": true, "more on this topic": true, "related": true, "related stories": true,
	"lire aussi": true, "à lire aussi": true, "a lire aussi": true, "lesen sie auch": true, "lesen sie außerdem": true,
	"mehr zum thema": true, "leia também": true, "leia mais": true, "veja também": true, "lee también": true,
	"lea también": true, "leggi anche": true, "lees ook": true, "czytaj także": true, "czytaj też": true,
	"читайте также": true, "читайте також": true, "اقرأ أيضا": true, "اقرأ أيضاً": true, "اقرأ ايضا": true,
	"ayrıca okuyun": true, "bunu da okuyun": true, "baca juga": true,
}
