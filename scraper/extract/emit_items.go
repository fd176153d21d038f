package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// markItem marks the line of the list item li among the blocks it
// made: its first block, when that is not a heading (a card's name set
// as one) or a table row; the other blocks of a card are not its line.
// Only the items of a list that is not numbered are marked: the items
// of an <ol> stay bare, as "- " would misread them and "1. " (tried)
// did not match how the references write them (see docs/EXTRACTION.md).
func markItem(bs []block, li *html.Node) {
	if len(bs) == 0 || bs[0].kind != kindItem {
		return
	}
	if li.Parent == nil || li.Parent.DataAtom != atom.Ol {
		bs[0].item = true
	}
}

// joinMarked renders blocks as joinBlocks does, with "- " before the line
// of each item of a list that is not numbered (markItem). It makes the
// main text of a page that is not an article; an article's body keeps
// its items bare (joinBlocks).
func joinMarked(bs []block) string { return renderBlocks(bs, true) }
