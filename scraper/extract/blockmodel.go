package extract

import (
	"math"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// blockScore is the block model's probability that a block belongs to
// the page's main text: a logistic function of its features
// (blockfeat.go) with the weights learned by blockmodel_train_test.go.
func blockScore(w []float64, x *[nFeat]float64) float64 {
	z := 0.0
	for i := range x {
		z += w[i] * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// modelText returns the main text of the page by the block model: every
// block of the body, the parts the content walk dropped included, kept
// when the model scores it at blockThreshold or more. extra is the mean
// score (weighted by words) of the kept blocks outside the article body
// (0 when there are none): how sure the model is of what it adds to the
// body.
func (p *page) modelText() (text string, extra float64) {
	bs, extra := p.modelKept()
	return joinBlocks(bs), extra
}

// modelKept returns the blocks of modelText and its extra.
func (p *page) modelKept() (kept []block, extra float64) {
	kept, extra, _ = p.modelKeptOf("")
	return kept, extra
}

// modelKeptOf is modelKept for a page of the given type: for a page
// that is not an article (pageType not ""), without the blocks inside
// its dialogs (isDialog) unless they hold nearly all of it, and on
// a product page or a listing, without the headings whose section the
// model drops whole (dropOrphanHeads), whose places (block.at) it
// returns too.
func (p *page) modelKeptOf(pageType string) (kept []block, extra float64, orphans map[int32]bool) {
	return p.modelKeptAs(pageType, pageType == corpus.PageTypeListing)
}

// modelKeptAs is modelKeptOf, with the linked titles of the cards whose
// teasers the model keeps (keepCardTitles) and the rest of a grid of
// title-only cards whose first titles it keeps (keepGridTitles), and
// the price lines of the cards whose titles it keeps (keepCardPrices),
// when cardTitles is set: on a
// listing, and on a page typed a listing only after its model text was
// weighed (otherPage).
func (p *page) modelKeptAs(pageType string, cardTitles bool) (kept []block, extra float64, orphans map[int32]bool) {
	r := p.runModel()
	return p.keptOfRun(r, pageType, cardTitles, r.bs[:0])
}

// modelRun is one run of the block model over a page's body: its
// blocks, their features, dialogs and scores, and which blocks the
// scores keep (above blockThreshold, outside the footer), with the words
// kept in all and inside dialogs.
type modelRun struct {
	bs             []block
	fs             [][nFeat]float64
	dialog         []bool
	score          []float64
	keep           []bool
	inDialogs, all int
}

// kept is the number of blocks r keeps.
func (r *modelRun) kept() int {
	n := 0
	for _, k := range r.keep {
		if k {
			n++
		}
	}
	return n
}

// runModel scores every block of the page's body (modelKeptAs).
func (p *page) runModel() *modelRun {
	bs, fs, dialog := p.x.featureBlocksDialogs(p.bodyNode, p.sel)
	r := &modelRun{bs: bs, fs: fs, dialog: dialog, keep: make([]bool, len(bs)), score: make([]float64, len(bs))}
	for i := range bs {
		r.score[i] = blockScore(blockWeights, &fs[i])
		r.keep[i] = r.score[i] >= blockThreshold && !p.x.inFooter(bs[i])
		if r.keep[i] {
			w := countWords(bs[i].text)
			r.all += w
			if dialog[i] {
				r.inDialogs += w
			}
		}
	}
	return r
}

// keptOfRun is modelKeptAs on a run of the model, the kept blocks
// appended to out: r.bs[:0] reuses the run's blocks (the run is spent),
// another slice leaves them whole. r.keep is changed unless pageType is
// "" and cardTitles unset: then the run can be kept for a second reading
// (reuseModel).
func (p *page) keptOfRun(r *modelRun, pageType string, cardTitles bool, out []block) (kept []block, extra float64, orphans map[int32]bool) {
	bs, fs, keep, score, dialog := r.bs, r.fs, r.keep, r.score, r.dialog
	if pageType == corpus.PageTypeForum {
		p.keepPostSiblings(bs, keep, score)
	}
	if pageType == corpus.PageTypeService || pageType == corpus.PageTypeDocumentation {
		p.keepLeadHeads(bs, keep, score)
	}
	if pageType == corpus.PageTypeService {
		p.keepFeatureCards(bs, keep, dialog)
	}
	if pageType == corpus.PageTypeProduct || pageType == corpus.PageTypeDocumentation {
		p.keepLabelValues(bs, keep)
	}
	if cardTitles {
		p.keepCardTitles(bs, keep)
		p.keepGridTitles(bs, keep, dialog)
		p.keepCardPrices(bs, keep)
	}
	// A page that is not an article loses what the model keeps inside its
	// dialogs, unless fewer than dialogMinLeft words would be left: then
	// the dialog is the page (a quick view saved as a page).
	if pageType != "" && r.inDialogs > 0 && r.all-r.inDialogs >= dialogMinLeft {
		for i := range bs {
			keep[i] = keep[i] && !dialog[i]
		}
	}
	if pageType == corpus.PageTypeProduct || pageType == corpus.PageTypeListing {
		orphans = dropOrphanHeads(bs, keep)
	}
	var sum, n float64
	for i := range bs {
		s := score[i]
		if !keep[i] {
			continue
		}
		if fs[i][fSelected] == 0 {
			w := float64(countWords(bs[i].text))
			sum += s * w
			n += w
		}
		out = append(out, bs[i])
	}
	if n > 0 {
		extra = sum / n
	}
	return out, extra, orphans
}

// dialogMinLeft is the fewest words of a page's text outside its
// dialogs for modelKeptOf to drop what they hold.
const dialogMinLeft = 20

// orphanWords is the fewest words of a section the model drops whole
// under a heading it keeps, from which the heading goes too
// (dropOrphanHeads).
const orphanWords = 20

// dropOrphanHeads unmarks in keep the headings whose section the model
// drops whole, and returns their places (block.at): a kept heading, mostly unlinked (a card's linked title
// stays, its teaser dropped or not), followed, up to the next heading or the
// end, by blocks none of which is kept and which hold orphanWords words
// or more. Such a heading names what the text left out (a rail of
// reviews, a list of related items, a frequently-asked-questions box)
// and reads as a heading over the next section. Shops draw such rails;
// a service page's lone headings are its taglines and the titles of its
// forms, which the references keep.
func dropOrphanHeads(bs []block, keep []bool) map[int32]bool {
	type orphan struct{ i, words int }
	var found []orphan
	for i := 0; i < len(bs); i++ {
		if !keep[i] || bs[i].kind != kindHeading || bs[i].link >= 0.5 {
			continue
		}
		words, j := 0, i+1
		for ; j < len(bs) && !bs[j].heads(); j++ {
			if keep[j] {
				words = -1
				break
			}
			words += countWords(bs[j].text)
		}
		if words >= orphanWords {
			found = append(found, orphan{i, words})
		}
	}
	var at map[int32]bool
	for k := 0; k < len(found); {
		// A run of cardRun or more headings, each over a short dropped
		// section and each the next heading after the other, is a grid
		// of cards whose titles are plain text and whose teasers the
		// model dropped: the titles stay.
		n := 1
		for k+n < len(found) && found[k+n-1].words < cardWords && found[k+n].words < cardWords &&
			nextHeading(bs, found[k+n-1].i) == found[k+n].i {
			n++
		}
		if n >= cardRun && found[k].words < cardWords {
			k += n
			continue
		}
		i := found[k].i
		keep[i] = false
		if at == nil {
			at = make(map[int32]bool)
		}
		at[bs[i].at] = true
		k++
	}
	return at
}

// cardRun and cardWords: a run of at least cardRun headings over dropped
// sections of fewer than cardWords words each is a grid of cards
// (dropOrphanHeads).
const (
	cardRun   = 3
	cardWords = 60
)

// nextHeading returns the index of the first heading after bs[i], or
// len(bs).
func nextHeading(bs []block, i int) int {
	for j := i + 1; j < len(bs); j++ {
		if bs[j].heads() {
			return j
		}
	}
	return len(bs)
}

// wordsOutsideDialogs returns the words of the article-shaped body's
// blocks that do not begin inside a dialog (isDialog); words, the body's
// count, when none does.
func (p *page) wordsOutsideDialogs(words int) int {
	out, left := p.outsideDialogs(p.blocks)
	if len(out) == len(p.blocks) {
		return words
	}
	return left
}

// outsideDialogs returns the blocks of bs that do not begin inside a
// dialog (isDialog), and their words.
func (p *page) outsideDialogs(bs []block) (out []block, words int) {
	out = make([]block, 0, len(bs))
	for _, b := range bs {
		if !p.inDialog(b) {
			out = append(out, b)
			words += countWords(b.text)
		}
	}
	return out, words
}

// bodyOutsideDialogs returns the article-shaped body's blocks without
// those inside dialogs, as modelKeptOf leaves them out of the model's
// text on a page that is not an article, unless fewer than
// dialogMinLeft words would be left (the dialog is the page).
func (p *page) bodyOutsideDialogs() []block {
	out, words := p.outsideDialogs(p.blocks)
	if len(out) == len(p.blocks) || words < dialogMinLeft {
		return p.blocks
	}
	return out
}

// inDialog reports whether block b begins inside a dialog (isDialog).
func (p *page) inDialog(b block) bool {
	if b.at < 0 || int(b.at) >= len(p.x.nodes) {
		return false
	}
	for n, d := p.x.nodes[b.at], 0; n != nil && d < 64; n, d = n.Parent, d+1 {
		if n.Type == html.ElementNode && isDialog(n) {
			return true
		}
	}
	return false
}

// withoutOrphans drops from a text's blocks the headings at the places
// dropOrphanHeads found (the article-shaped body's copy of them).
func withoutOrphans(bs []block, at map[int32]bool) []block {
	if len(at) == 0 {
		return bs
	}
	return dropBlocks(bs, func(b block) bool { return b.kind == kindHeading && at[b.at] })
}

// modelExtraConf is the mean score from which the blocks the model adds
// to the article body are trusted (see takeModel).
const modelExtraConf = 0.65

// takeModel reports whether a page that is not an article gets the block
// model's text rather than the article body: when the model's text holds
// half as much again as the body, or a fifth more while the blocks it
// adds to the body score modelExtraConf or more on average (the model's
// text holds the body's blocks, so size alone would hand a page to a
// body that is a fragment of it whenever the model keeps little chrome).
func takeModel(modelWords, bodyWords int, extra float64) bool {
	return modelWords*2 > bodyWords*3 || modelWords*5 > bodyWords*6 && extra >= modelExtraConf
}

// modelBlocks returns the blocks of modelText and, for each, whether it
// sits in a comment section.
func (p *page) modelBlocks() ([]block, []bool) {
	bs, fs := p.x.featureBlocks(p.bodyNode, p.sel)
	out := bs[:0]
	var comment []bool
	for i := range bs {
		if blockScore(blockWeights, &fs[i]) >= blockThreshold && !p.x.inFooter(bs[i]) {
			out = append(out, bs[i])
			comment = append(comment, fs[i][fComment] > 0)
		}
	}
	return out, comment
}

// keepLabelValues marks in keep, on a product or documentation page, the
// value of a label the model keeps: a
// block of labelValueWords words or fewer inside a <dd> right after the
// <dt> of the kept block before it, or inside a table cell right after
// the row's kept first cell. A details list or a specification table
// prints a value alone ("352", an ISBN, "2026"), which the model scores
// low for want of words, while it keeps the label ("Pages", "ISBN"):
// the label then stood alone and the value was lost. A forum's poster
// cards list their counts so ("Posts", "1,204"), which the references
// leave out.
func (p *page) keepLabelValues(bs []block, keep []bool) {
	for i := 1; i < len(bs); i++ {
		if keep[i] || !keep[i-1] || numFields(bs[i].text) > labelValueWords {
			continue
		}
		v, l := p.cellOf(bs[i]), p.cellOf(bs[i-1])
		if v == nil || l == nil || v == l || prevElementSibling(v) != l {
			continue
		}
		if v.DataAtom == atom.Dd && l.DataAtom == atom.Dt || v.DataAtom == atom.Td && (l.DataAtom == atom.Th || l.DataAtom == atom.Td) {
			keep[i] = true
		}
	}
}

// labelValueWords is the most words of a value keepLabelValues puts back.
const labelValueWords = 6

// cellOf returns the <dt>, <dd>, <th> or <td> that b's text began in, two
// elements up at most, or nil.
func (p *page) cellOf(b block) *html.Node {
	if p.x == nil || b.at < 0 || int(b.at) >= len(p.x.nodes) {
		return nil
	}
	for n, d := p.x.nodes[b.at], 0; n != nil && d < 3; n, d = n.Parent, d+1 {
		switch n.DataAtom {
		case atom.Dt, atom.Dd, atom.Th, atom.Td:
			return n
		}
	}
	return nil
}
