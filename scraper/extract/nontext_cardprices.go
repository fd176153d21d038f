package extract

// Bounds of keepCardPrices: a price line is at most cardPriceWords
// words; it comes within cardPriceReach blocks after its card's title;
// a page shows cardTitleRun such cards or more.
const (
	cardPriceWords = 8
	cardPriceReach = 40
)

// keepCardPrices sets keep, on a listing, for the price line of each
// card whose linked title (isCardTitle) the model keeps: the first block after the
// title, before the next kept block and within cardPriceReach blocks,
// that holds a price (holdsPrice) in cardPriceWords words or fewer, and
// whose element meets the title's cardDepth levels up or fewer
// (meetNear) in an element that does not hold the next kept block too
// (the next card's title). The model reads a lone "$39.99" under a
// linked name as a stray token and drops it, while a shop's category
// page is its cards' names and prices, and the references keep both.
// The lines between (colour swatches, a rating's count) stay as the
// model left them. Only when cardTitleRun cards or more stand so: a
// lone price under a link is a promotion or an upsell.
func (p *page) keepCardPrices(bs []block, keep []bool) {
	var prices []int
	for i := 0; i < len(bs); i++ {
		if !keep[i] || !isCardTitle(bs[i]) {
			continue
		}
		if j := p.cardPrice(bs, keep, i); j >= 0 {
			prices = append(prices, j)
			i = j
		}
	}
	if len(prices) < cardTitleRun {
		return
	}
	for _, j := range prices {
		keep[j] = true
	}
}

// cardPrice returns the block of the price line of the card whose kept
// title is bs[i] (keepCardPrices), or -1.
func (p *page) cardPrice(bs []block, keep []bool, i int) int {
	for j := i + 1; j < len(bs) && j <= i+cardPriceReach && !keep[j]; j++ {
		if countWords(bs[j].text) > cardPriceWords || !holdsPrice(bs[j].text) {
			continue
		}
		meet := p.meetNear(bs[i], bs[j])
		if meet == nil {
			return -1
		}
		for k := j + 1; k < len(bs); k++ {
			if keep[k] {
				if n := p.blockNode(bs[k]); n == meet || isAncestor(meet, n) {
					return -1
				}
				break
			}
		}
		return j
	}
	return -1
}
