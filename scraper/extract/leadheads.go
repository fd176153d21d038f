package extract

// leadHeadFloor is the least block-model score of a heading that
// keepLeadHeads puts back: below it the model is sure the line is chrome
// (a menu's or a footer's heading) whatever follows it.
const leadHeadFloor = 0.2

// leadHeadWords is the most words of a heading keepLeadHeads puts back.
const leadHeadWords = 16

// keepLeadHeads marks in keep the headings the block model dropped right
// above a block it keeps, on a service or documentation page: a feature's
// or a section's title over its kept paragraph ("Keep your content
// safe" over the paragraph that says how). Such pages draw those titles
// in <header> elements and in the same classes as their menus, which
// the model reads as chrome; the paragraph under one says the section is
// content, and its title belongs with it. A heading mostly linked (a
// tab, a menu entry), a long one, one in the page's footer or one the
// model scores under leadHeadFloor stays out. The walk goes forward
// and looks at the next block's own mark, so a heading over a heading
// put back is not put back: a run of headings is not pulled in by its
// last one.
func (p *page) keepLeadHeads(bs []block, keep []bool, score []float64) {
	for i := 0; i+1 < len(bs); i++ {
		b := bs[i]
		if keep[i] || !keep[i+1] || b.kind != kindHeading || b.link >= 0.5 ||
			score[i] < leadHeadFloor || numFields(b.text) > leadHeadWords || p.x.inFooter(b) {
			continue
		}
		keep[i] = true
	}
}
