package extract

// gridTitleRun is the fewest linked titles of one slot (slotKey) the
// model must keep for keepGridTitles to give it the others.
const gridTitleRun = 3

// keepGridTitles sets keep, on a listing, for the linked titles that sit
// in the same place of the same card as gridTitleRun titles or more the
// model keeps (slotKey: the tag and class of the title's element and of
// its two parents, and its place among its siblings). A grid of
// title-only cards reads as a run of links to the model, which keeps the
// first few, where the grid opens under its heading, and drops the rest;
// the cards are one component, and the references keep them all. A
// linked line in another slot (a menu, a rail of another component)
// stays out, and so do the footer's, a dialog's, and the titles above
// the page's headline (headlineAt: a header's promotions). Only the
// titles between the same two headings the model drops as a kept one
// of their slot come back: a site reuses its card for the rails under
// a list ("Trending", "More from us"), each under a heading of its own
// that the model reads as chrome, while a heading it keeps (a section
// of the list: "Soups") goes on with the list.
func (p *page) keepGridTitles(bs []block, keep, dialog []bool) {
	type slotIn struct {
		key string
		run int
	}
	head := p.headlineAt()
	keys := make([]string, len(bs))
	runs := make([]int, len(bs))
	kept := map[string]int{}
	keptIn := map[slotIn]bool{}
	run := 0
	for i, b := range bs {
		n := p.blockNode(b)
		if n != nil && b.at > head && !dialog[i] && (b.kind == kindPara || b.kind == kindHeading) && isCardTitle(b) {
			keys[i] = slotKey(n)
		}
		if keys[i] == "" && b.kind == kindHeading && !keep[i] {
			run++
		}
		runs[i] = run
		if keys[i] != "" && keep[i] {
			kept[keys[i]]++
			keptIn[slotIn{keys[i], run}] = true
		}
	}
	for i, k := range keys {
		if !keep[i] && k != "" && kept[k] >= gridTitleRun && keptIn[slotIn{k, runs[i]}] && !p.x.inFooter(bs[i]) {
			keep[i] = true
		}
	}
}
