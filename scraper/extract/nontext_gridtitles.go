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
// titles after a kept one of their slot come back, up to a heading the
// model drops: a site reuses its card for the rails under a list
// ("Trending", "More from us"), each under a heading of its own that
// the model reads as chrome, while a heading it keeps (a section of the
// list: "Soups") goes on with the list.
func (p *page) keepGridTitles(bs []block, keep, dialog []bool) {
	head := p.headlineAt()
	keys := make([]string, len(bs))
	kept := map[string]int{}
	for i, b := range bs {
		n := p.blockNode(b)
		if n == nil || b.at <= head || dialog[i] || b.kind != kindPara && b.kind != kindHeading || !isCardTitle(b) {
			continue
		}
		keys[i] = slotKey(n)
		if keep[i] {
			kept[keys[i]]++
		}
	}
	open := map[string]bool{} // slots with a kept title since the last dropped heading
	for i, b := range bs {
		k := keys[i]
		switch {
		case k != "" && keep[i]:
			open[k] = true
		case k != "" && open[k] && kept[k] >= gridTitleRun && !p.x.inFooter(b):
			keep[i] = true
		case b.kind == kindHeading && !keep[i]:
			clear(open)
		}
	}
}
