package extract

// Feature cards on a service page: a grid of three to six cards, each a
// short title and a sentence or two ("Fast setup" over "Connect your
// bank in minutes."), that the block model drops because such pages draw
// them in the classes and boxes of their menus. The references keep
// them: they are what the page offers. Chrome draws grids of the same
// shape (related posts, other products, footer columns); what tells them
// apart is where the grid sits and how it is linked: a page's own cards
// lie between the first and the last block the model keeps (the pitch
// around them is kept), and their teasers are plain text, while a rail
// of teasers is a list of links and comes after the kept text.

// featureCardRun is the fewest cards in a run keepFeatureCards puts
// back: two title-and-sentence pairs are as often a pair of teasers.
const featureCardRun = 3

// featureTitleWords and featureTeaserWords bound a card's title and
// teaser: a title is a few words, a teaser a sentence or two.
const (
	featureTitleWords     = 8
	featureTeaserMinWords = 5
	featureTeaserMaxWords = 45
)

// keepFeatureCards marks in keep the cards of a grid the model dropped
// (see above) on a service page: runs of featureCardRun or more cards,
// each a short title, mostly unlinked, then a teaser of
// featureTeaserMinWords to featureTeaserMaxWords words, mostly
// unlinked and no heading, then at most one short block that is all
// link (the card's "Learn more"), which stays out; every card of a run
// of the same shape (with or without that link), the run inside the
// span of the blocks the model keeps, outside the footer and dialogs.
func (p *page) keepFeatureCards(bs []block, keep, dialog []bool) {
	first, last := -1, -1
	for i, k := range keep {
		if k {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return
	}
	var marks []int
	for i := first + 1; i < last; {
		step, n := 3, p.featureRun(bs, dialog, i, last, 3)
		if n2 := p.featureRun(bs, dialog, i, last, 2); n2 > n {
			step, n = 2, n2
		}
		if n == 0 {
			i++
			continue
		}
		j := i + n*step
		if n >= featureCardRun {
			for k := i; k < j; k += step {
				marks = append(marks, k, k+1)
			}
		}
		i = j
	}
	for _, k := range marks {
		keep[k] = true
	}
}

// featureRun counts the cards of step blocks (2: title and teaser, 3:
// with its link) that follow each other from bs[i] on, before bs[end].
// Both steps are tried and the longer run wins (keepFeatureCards): a
// card's short linked title reads as the "Learn more" of the card
// before it, so taking the link whenever there is one broke every run
// of cards with linked titles and no such link.
func (p *page) featureRun(bs []block, dialog []bool, i, end, step int) int {
	n := 0
	for j := i; p.featureCard(bs, dialog, j, end, step); j += step {
		n++
	}
	return n
}

// featureCard reports whether a card of step blocks begins at bs[i] and
// ends before bs[end]: a title, a teaser and, when step is 3, the card's
// link (keepFeatureCards).
func (p *page) featureCard(bs []block, dialog []bool, i, end, step int) bool {
	if i+step-1 >= end {
		return false
	}
	t, s := bs[i], bs[i+1]
	tw, sw := numFields(t.text), numFields(s.text)
	if tw == 0 || tw > featureTitleWords || s.link >= 0.5 ||
		sw < featureTeaserMinWords || sw > featureTeaserMaxWords || s.heads() ||
		dialog[i] || dialog[i+1] || p.x.inFooter(t) || p.x.inFooter(s) {
		return false
	}
	if step == 3 {
		l := bs[i+2]
		return l.link >= 0.99 && countWords(l.text) <= 4
	}
	return true
}
