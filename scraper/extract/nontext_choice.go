package extract

// cleanedChoice returns the text of a page that is not an article and
// whose body won over the block model's text (takeModel): the body
// without a shop's widgets, cookie notices (shopText) and the site's
// notices about itself (dropSiteNotices, dropClosingNotice, after the
// weighing), unless the
// model's text, cleaned as it would be (shopText, dropChrome), wins the
// same test once both are cleaned. A body made mostly of customers'
// reviews or of other products outweighs the model's text before the
// cleaning and holds a few lines after it. isModel tells which it
// returns; model is the model's cleaned text when it was weighed (nil
// when the body won without it), for withInnerSentences.
func (p *page) cleanedChoice(kept []block, extra float64, pageType string) (bs, model []block, isModel bool) {
	body := dropCookieNotices(p.shopText(p.bodyOutsideDialogs(), pageType))
	bodyWords := countWords(joinBlocks(body))
	if len(kept) == 0 || bodyWords*3 >= countWords(p.body) {
		return p.dropClosingNotice(p.dropSiteNotices(body)), nil, false
	}
	model = p.mainOfOther(p.shopText(kept, pageType), false)
	if takeModel(countWords(joinBlocks(model)), bodyWords, extra) {
		return model, model, true
	}
	return p.dropClosingNotice(p.dropSiteNotices(body)), model, false
}
