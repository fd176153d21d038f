package extract

import (
	"html"
	"slices"
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

// extract finds the body text. It keeps the content walk's tables in p.x
// for the other candidate texts (mainText, proseText), which the caller
// gives back with p.release once the article is filled.
func (p *page) extract(opts Options) {
	x := getExtractor()
	p.x = x
	if p.base != nil {
		x.host = siteOf(p.base.Hostname())
	}
	x.declared = p.declaresArticleMeta()
	x.thread = p.declaresThread()
	body := p.root
	for c := p.root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode {
			for b := c.FirstChild; b != nil; b = b.NextSibling {
				if b.Type == xhtml.ElementNode && b.Data == "body" {
					body = b
				}
			}
		}
	}
	para := x.analyzePage(body)
	// Comment threads can outweigh the article; the share that protects
	// a wrapper from its class name is taken without them.
	x.fullTotal = para
	x.total = para - x.commentPara(body)
	x.markFooters()
	x.markHeaders()
	x.prune(body)
	top := x.candidate()
	var nodes []*xhtml.Node
	if top == nil {
		// No paragraph long enough to score (short lines, poems, lists):
		// take the whole body and let the block filters work.
		nodes = []*xhtml.Node{body}
	} else {
		p.top = top
		nodes = x.dropOffTopic(top, x.selectContent(top), p.titleTag)
		nodes = x.dropOffTopicAfterChunks(top, nodes, p.titleTag)
		nodes = x.dropInnerStories(nodes, top, p.titleTag)
	}
	p.sel = nodes
	x.markPictures(nodes, p.summaryWords())
	p.blocks, p.linkHeads, p.cited = x.articleBlocks(nodes, true)
	p.blocks = p.trimBlocks(p.blocks)
	if p.cited != nil {
		// The same trim, without noting its datelines twice.
		d, da := len(p.datelines), len(p.datelineAt)
		p.cited = p.trimBlocks(p.cited)
		p.datelines, p.datelineAt = p.datelines[:d], p.datelineAt[:da]
	}
	if !opts.NoJSONLDBody {
		p.crossCheck()
	}
	p.body = joinBlocks(p.blocks)
	p.bodyNode = body
}

// relanguage chooses the language again once the text has been replaced:
// fillMeta chose it from the article-shaped body.
func (p *page) relanguage(art *corpus.Article) {
	if p.langDone {
		art.Language = p.language(p.ldLang, art.Text)
	}
}

// release gives the content walk's tables and attrFlags' memo back to
// the pool.
func (p *page) release() {
	p.putFlags()
	if p.x != nil {
		putExtractor(p.x)
		p.x = nil
	}
}

// trimBlocks drops bylines, datelines and headline repeats at the start
// and end of the body.
func (p *page) trimBlocks(bs []block) []block {
	for len(bs) > 0 {
		if p.isFurniture(bs[0].text) {
			// Keep it as a visible dateline for the date search.
			p.datelines = append(p.datelines, bs[0].text)
			p.datelineAt = append(p.datelineAt, nil)
			bs = bs[1:]
			continue
		}
		// A kicker ("Review", "Analysis") above the headline.
		if len(bs) > 1 && numFields(bs[0].text) <= 3 && !endsSentence(bs[0].text) && p.isFurniture(bs[1].text) {
			bs = bs[1:]
			continue
		}
		// A byline that names the metadata's author: opening the body
		// only (a closing line that names the author is often the
		// story's own sign-off).
		if numFields(bs[0].text) <= 14 && p.namesAuthor(bs[0].text) && !p.isSummaryLine(bs[0].text) {
			bs = bs[1:]
			continue
		}
		// A byline the page labels only by class ("Jane Doe Springfield
		// Herald"): a short line, no sentence, no link, right above the
		// dateline that opens the body.
		if len(bs) > 1 && isBylineShape(bs[0]) && isDateLine(bs[1].text) && !p.isSummaryLine(bs[0].text) {
			bs = bs[1:]
			continue
		}
		break
	}
	for {
		n := len(bs)
		for len(bs) > 0 && (p.isFurniture(bs[len(bs)-1].text) || isCallToAction(bs[len(bs)-1].text) || isLinkLine(bs[len(bs)-1].text)) {
			bs = bs[:len(bs)-1]
		}
		bs = trimLinkList(bs)
		if len(bs) == n {
			return bs
		}
	}
}

// trimLinkList drops a closing list of three or more items that all carry
// links ("More stories: ..."), with the short heading that leads into it.
func trimLinkList(bs []block) []block {
	j := len(bs)
	for j > 0 && bs[j-1].kind == kindItem && bs[j-1].link > 0.2 {
		j--
	}
	if len(bs)-j < 3 {
		return bs
	}
	bs = bs[:j]
	if j > 0 {
		lead := bs[j-1]
		if lead.kind == kindHeading || numFields(lead.text) <= 8 && !endsSentence(lead.text) {
			bs = bs[:j-1]
		}
	}
	return bs
}

// reCallToAction matches the closing lines of an article that ask the
// reader to subscribe, follow or contact the author.
var reCallToAction = lazyRE(`(?i)\b(?:click here|for more information|subscribe|sign up|newsletters?|share (?:it|this)|follow (?:us|him|her|them|me)|may be reached at|can be reached at|have a tip|abonnieren|abonnez-vous|suscríbete|iscriviti)\b`)

// reCredit matches reporting credits at the end of wire stories.
var reCredit = lazyRE(`(?i)^\(?(?:additional )?(?:reporting|writing|editing|compiled) by\b|\bcontributed (?:reporting|to this report)\b|^(?:associated press|ap) writers?\b`)

// reAddressed matches text that addresses the reader: an imperative at
// the start or the second person.
var reAddressed = lazyRE(`(?i)^(?:subscribe|sign up|follow|get|click|join|like|share|read|download|listen|watch|don't miss|never miss|want|have a tip|jetzt|abonnez|suivez|síguenos|seguici)\b|\b(?:you|your|yours)\b`)

// isLinkLine reports whether a short closing line points elsewhere with a
// spelled-out URL ("More coverage: https://...").
func isLinkLine(t string) bool {
	return len(t) < 250 && (strings.Contains(t, "http://") || strings.Contains(t, "https://")) && !endsSentence(t)
}

// reAddressedOther matches the reader addressed in the extractor's other
// languages: the formal German "you" (capitalised after a word: case
// matters, and "Sie" opening a sentence is "she"), the familiar forms of
// several languages, and a closing German infinitive ("Zum Newsletter
// anmelden").
var reAddressedOther = lazyRE(`[\p{L},]\s+(?:Sie|Ihnen|Ihre?[nmrs]?)\b|(?i)\b(?:du|dich|dir|dein\w*|euch|vous|votre|vos|tu|usted|ustedes)\b|(?i)\b(?:anmelden|abonnieren|registrieren|bestellen)\W*$`)

// isCallToAction reports whether a short paragraph asks the reader to
// subscribe, follow or write in, or credits the reporting. Texts without
// one of ctaWords are not read by the expressions: they cannot match, save
// for a long s ('ſ'), which (?i) folds to 's' and strings.ToLower keeps.
func isCallToAction(t string) bool {
	if len(t) > 300 || !mayCallToAction(t) && !strings.ContainsRune(t, 'ſ') {
		return false // no word the expressions need (see ctaWords)
	}
	return reCredit.MatchString(t) ||
		reCallToAction.MatchString(t) && (reAddressed.MatchString(t) || reAddressedOther.MatchString(t))
}

// isFurniture reports whether a short paragraph at the edge of the body is
// a byline, a dateline or the headline again.
func (p *page) isFurniture(t string) bool {
	if len(t) > 200 {
		return false
	}
	words := strings.Fields(t)
	if len(words) > 20 {
		return false
	}
	if p.isHeadline(t) {
		return true
	}
	if reByPrefix.MatchString(t) && len(words) <= 12 && !endsSentence(t) && maxSpacelessRun(t) <= bylineRunMax {
		return true
	}
	if len(words) <= 12 && reEdgeLine.MatchString(t) {
		return true
	}
	if len(words) <= 30 && !endsSentence(t) {
		if _, ok := ParseDate(t); ok {
			return true
		}
	}
	if len(words) <= 12 {
		if d, ok := ParseDate(t); ok && !d.IsZero() {
			// Mostly a date: few words besides it.
			letters := 0
			for _, w := range words {
				if monthOf(strings.Trim(w, ",.")) == 0 && !strings.ContainsAny(w, "0123456789") {
					letters++
				}
			}
			if letters <= 4 {
				return true
			}
		}
	}
	return false
}

// bylineRunMax is the most characters of a script written without spaces
// a byline holds in a row: a Chinese or Japanese name is two to five, and
// names are set apart by spaces or marks. An interview's question after
// its "记者：" (the reporter's label) is a sentence, one long run, and
// strings.Fields cannot count its words.
const bylineRunMax = 6

// maxSpacelessRun returns the length of the longest run of characters of
// a script written without spaces (isSpaceless) in t.
func maxSpacelessRun(t string) int {
	longest, n := 0, 0
	for _, r := range t {
		if !isSpaceless(r) {
			n = 0
			continue
		}
		n++
		longest = max(longest, n)
	}
	return longest
}

// isHeadline reports whether t is the page's headline again: an <h1>
// of the page, or its og:title, twitter:title or <title> (or the start
// or end of one, without the site's name).
func (p *page) isHeadline(t string) bool {
	nt := normName(t)
	for _, h := range p.h1s {
		if normName(h) == nt {
			return true
		}
	}
	return p.titleLike(t)
}

// reEdgeLine matches short lines found at the start or end of a body that
// are not part of the story: update stamps, filing notes, bare e-mail
// addresses and links.
var reEdgeLine = lazyRE(`(?i)^(?:(?:last )?updated|published|posted|aktualisiert|veröffentlicht|mis à jour|publié|actualizado|publicado|aggiornato|pubblicato)\b\D{0,20}\d|^(?:filed under|posted in|tagged|tags?|categor(?:y|ies)|kategorie|catégorie|categoría|schlagworte)\s*:|^\S+@\S+\.\w+$|^(?:https?://|www\.)?[\w.-]+\.[a-z]{2,}/\S*$`)

// crossCheck compares the body with the JSON-LD articleBody and uses the
// latter when the page text clearly missed the article.
func (p *page) crossCheck() {
	art := p.ldArticle()
	if art == nil {
		return
	}
	ab := ldString(art["articleBody"])
	if ab == "" {
		return
	}
	ab = html.UnescapeString(ab)
	if strings.Contains(ab, "<") && strings.Contains(ab, ">") {
		ab = fragmentText(ab)
	}
	abWords := countWords(ab)
	if abWords < 80 {
		return
	}
	have := wordSet(p.blocks)
	seen, hit := 0, 0
	for _, w := range strings.FieldsFunc(ab, notWordRune) {
		seen++
		if have[strings.ToLower(w)] {
			hit++
		}
	}
	if seen == 0 || hit*10 >= seen*6 {
		return
	}
	var bs []block
	for _, para := range strings.Split(ab, "\n") {
		if t := cleanSpace(para); t != "" {
			bs = append(bs, block{text: t})
		}
	}
	p.blocks, p.cited = bs, nil
}

// wordSet returns the lower-cased words of bs.
func wordSet(bs []block) map[string]bool {
	have := make(map[string]bool)
	for _, b := range bs {
		for _, w := range strings.FieldsFunc(b.text, notWordRune) {
			have[strings.ToLower(w)] = true
		}
	}
	return have
}

func notWordRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)))
}

// fill copies everything found into art.
func (p *page) fill(art *corpus.Article, opts Options) {
	art.Text = p.body
	art.WordCount = countWords(p.body)
	if !opts.NoMetadata {
		p.fillMeta(art)
	} else {
		art.Published, art.PublishedPrecision = p.published(art.FetchedAt)
	}
	p.fillFlags(art)
	if art.Authors == nil {
		art.Authors = []string{}
	}
	if art.Tags == nil {
		art.Tags = []string{}
	}
	if art.Flags == nil {
		art.Flags = []string{}
	}
}

// shortBodyNet is the recall net of a short article body: a body under
// ShortWords words, while the prose of the block model's main text
// (unlinked paragraphs of ten words or more) holds three times as many,
// is a fragment picked over the page's text (a caption, a video
// dialog, a teaser): the model's text replaces it. Only the prose
// outside comment sections decides, so that a short post whose page is
// mostly links, chrome or comments keeps its body.
func (p *page) shortBodyNet(art *corpus.Article) {
	if art.WordCount >= ShortWords {
		return
	}
	bs, comment := p.modelBlocks()
	own := make([]block, 0, len(bs))
	for i, b := range bs {
		if !comment[i] {
			own = append(own, b)
		}
	}
	if countWords(proseText(own)) <= art.WordCount*3 {
		return
	}
	art.Text = joinBlocks(bs)
	art.WordCount = countWords(art.Text)
	p.relanguage(art)
}

// fillFlags sets the flags and the page type. A page that is not an
// article gets its main content as text (a listing whose body found is a
// run of teasers keeps that body, as an article would): the block model's text, when
// takeModel prefers it to the article-shaped body found, without site
// chrome (dropChrome, told whether the page came out a forum); a forum
// page that keeps its body gets it without that chrome too. A listing
// that keeps a body gets back the cards' titles the content walk
// dropped from it (withCardTitles).
func (p *page) fillFlags(art *corpus.Article) {
	paywalled := p.isPaywalled(art)
	article, other := p.decideType(art, paywalled)
	art.PageType = corpus.PageTypeArticle
	plain := art.Text == p.body
	drop := actionsDropped(article, art.Published != nil)
	if article {
		p.dropActionLines(art, drop)
	}
	if article || p.teaserBody {
		p.articleNets(art)
	}
	if article && plain && p.cited != nil && art.Text == p.body {
		p.withCited(art, drop)
	}
	var m modelChoice
	if !article && !p.teaserBody || p.shortArt {
		m = p.weighModel(art, article, other)
	}
	if !article {
		p.otherPage(art, other, m)
		p.withDeclaredContent(art)
	}
	p.withDek(art)
	addFlags(art, art.PageType == corpus.PageTypeArticle, paywalled)
}

// withCited swaps in the article's body with the links it cites
// (articleBlocks), trimmed as articleNets trims the plain body. It comes
// after the recall nets: their ratios weigh the body found against the
// page's other texts, and the cited lines, kept only in an article's
// body, must not tip a net that would have taken the page's text (a
// service page whose body is one section, read as an article's with a
// few linked headings kept).
func (p *page) withCited(art *corpus.Article, drop actionDrop) {
	cited := withoutActionLines(p.trimArticle(p.cited), drop, p.x.actionTopic)
	p.blocks, p.body = cited, joinBlocks(cited)
	art.Text, art.WordCount = p.body, countWords(p.body)
}

// trimArticle drops from an article's blocks a server's error reports
// (dropServerErrors), the author boxes (dropAuthorBoxes), the newsletter
// boxes (dropNewsletterBoxes), the sign-up boxes (dropClosingSignups),
// the date lines over the story (dropHeadDateLines) and the headings
// that end the body (dropShutHeads, dropTrailingHeads). articleNets and
// withCited trim the plain and the cited body alike.
func (p *page) trimArticle(bs []block) []block {
	bs = p.dropHeadDateLines(p.dropServerErrors(bs))
	return dropTrailingHeads(dropShutHeads(p.dropClosingSignups(p.dropNewsletterBoxes(p.dropAuthorBoxes(bs)))))
}

// articleNets trims an article's body (or a listing's run of teasers;
// trimArticle) and, where the body found holds far less than the page's
// prose, takes that prose (the recall nets).
func (p *page) articleNets(art *corpus.Article) {
	if bs := p.trimArticle(p.blocks); len(bs) < len(p.blocks) {
		p.blocks, p.body = bs, joinBlocks(bs)
		art.Text, art.WordCount = p.body, countWords(p.body)
	}
	// A recall net: the body found holds less than half the prose of
	// the page's main region (a fragment picked over the text).
	// A cheap estimate first: most articles hold their region's prose.
	if p.x.proseBytes(p.bodyNode)*3 > len(p.body)*4 {
		prose := proseText(p.x.mainBlocks(p.bodyNode, false))
		if words := countWords(prose); words > art.WordCount*2 {
			art.Text, art.WordCount = prose, words
			p.relanguage(art)
		}
	}
	p.shortBodyNet(art)
	p.serviceNet(art)
}

// modelChoice is the block model's text of a page (weighModel): the
// blocks kept, the words it adds outside the body, the orphans, and
// whether it was taken over the body found.
type modelChoice struct {
	kept    []block
	extra   float64
	orphans map[int32]bool
	took    bool
	run     *modelRun // the model's run, kept whole for a page of no type yet
}

// reuseModel is modelKeptAs(pageType, true) on the run weighModel kept
// whole (the blocks and scores do not change in between), or on a new
// run when there is none; the run is spent.
func (p *page) reuseModel(r *modelRun, pageType string) (kept []block, extra float64, orphans map[int32]bool) {
	if r == nil {
		return p.modelKeptAs(pageType, true)
	}
	return p.keptOfRun(r, pageType, true, r.bs[:0])
}

// weighModel weighs the block model's text against the body found
// (takeModel) for a page that is not an article of type other, or a
// short article; a short article taken gets the model's text as it is.
func (p *page) weighModel(art *corpus.Article, article bool, other string) modelChoice {
	typ := other
	if article { // a short article's model text: the rules for other pages do not apply
		typ = ""
	}
	var m modelChoice
	if typ == "" && !article {
		// A page of no type yet may come out a listing (otherPage), whose
		// model text adds the cards' titles: the run is kept for that.
		m.run = p.runModel()
		m.kept, m.extra, m.orphans = p.keptOfRun(m.run, "", false, make([]block, 0, m.run.kept()))
	} else {
		m.kept, m.extra, m.orphans = p.modelKeptOf(typ)
	}
	main := joinBlocks(m.kept)
	words := countWords(main)
	bodyWords := art.WordCount
	if typ != "" {
		// The model's text leaves the dialogs out: so does the body
		// it is weighed against (a consent box read as the body).
		bodyWords = p.wordsOutsideDialogs(art.WordCount)
	}
	if m.took = takeModel(words, bodyWords, m.extra); m.took {
		art.WordCount = words
		if article { // a short article: its text as is (dropChrome is for other pages)
			art.Text = main
			p.relanguage(art)
		}
	}
	return m
}

// otherPage sets the type and the text of a page that is not an article.
func (p *page) otherPage(art *corpus.Article, other string, m modelChoice) {
	art.PageType = other
	if other == "" || art.WordCount < 20 || p.consentTxt > 0 && art.WordCount < 100 {
		art.PageType = p.pageType(art.WordCount) // "other" for an empty page or a consent wall
		if art.PageType == corpus.PageTypeOther && p.bare {
			// A page that says a sentence and nothing more: a short
			// text of its own, not an empty page. Its text is chosen
			// as other's, which keeps the page's every line.
			art.PageType = corpus.PageTypeArticle
		}
	}
	forum := art.PageType == corpus.PageTypeForum
	if other == "" && m.took && art.PageType == corpus.PageTypeListing {
		// The type came after the model's text was weighed (a short
		// body): the cards' titles are put back all the same.
		m.kept, _, _ = p.reuseModel(m.run, other)
	}
	switch {
	case p.teaserBody: // the teasers found are the listing's text, as an article's body would be
		p.withTeaserTitles(art)
	case m.took:
		art.Text = p.otherText(p.mainOfOther(p.shopText(m.kept, art.PageType), forum), art.PageType)
		art.WordCount = countWords(art.Text)
		p.relanguage(art)
	case art.Text != p.body: // a net above chose another text: kept
	case forum:
		art.Text = joinMarked(p.mainOfOther(withLinkedLines(p.blocks, m.kept), true))
		art.WordCount = countWords(art.Text)
	default:
		bs, model, isModel := p.cleanedChoice(m.kept, m.extra, art.PageType)
		if !isModel && innerSentenceTypes[art.PageType] {
			if model == nil { // cleanedChoice kept the body without weighing the model's text
				model = p.mainOfOther(p.shopText(m.kept, art.PageType), false)
			}
			bs = withInnerSentences(bs, p.outsideBoilerplate(model, bs))
		}
		bs = withoutOrphans(bs, m.orphans)
		if art.PageType == corpus.PageTypeListing && !isModel {
			bs = p.withListingTitles(bs, m.kept)
		}
		art.Text = p.otherText(bs, art.PageType)
		art.WordCount = countWords(art.Text)
	}
}

// addFlags sets art's flags from its date, length, paywall and type.
func addFlags(art *corpus.Article, article, paywalled bool) {
	if art.Published == nil {
		art.Flags = append(art.Flags, corpus.FlagNoDate)
	}
	if art.WordCount < ShortWords {
		art.Flags = append(art.Flags, corpus.FlagShort)
	}
	if paywalled {
		art.Flags = append(art.Flags, corpus.FlagPaywall)
	}
	if !article {
		art.Flags = append(art.Flags, corpus.FlagNotArticle)
	}
}

// dropFlag removes flag from art's flags: a later pass that finds the
// text addFlags judged (a thread's posts, the last net's prose) takes
// back what no longer holds.
func dropFlag(art *corpus.Article, flag string) {
	art.Flags = slices.DeleteFunc(art.Flags, func(f string) bool { return f == flag })
}

// otherText is the text of a page that is not an article, from the
// blocks chosen for it: on a product, documentation or listing page,
// cut to the region around its <h1> (keepHeadRegion), then a product's rules
// (productText), then the panels its controls show put back
// (withPanels) after the sign-up boxes that close the text of a page
// that is neither a product, a forum nor an article
// (dropClosingSignups) and the links that close a service page's cards
// (dropCardActions), less a product's delivery and returns panels
// (dropPolicyPanels: after withPanels, so that a hidden one put back
// goes too), and the questions its controls ask (withControls). Both
// ways fillFlags takes to a text end here.
// A panel put back did not go through productDrops (shopText): a
// shop's help offers and a seller's card in a hidden section go after
// withPanels; the text's other lines went through them already.
func (p *page) otherText(bs []block, pageType string) string {
	if headRegionTypes[pageType] {
		bs = p.keepHeadRegion(bs, pageType)
	}
	if pageType != corpus.PageTypeProduct && pageType != corpus.PageTypeForum && pageType != corpus.PageTypeArticle {
		// A product's sign-up boxes go wherever they stand
		// (productText); a forum's are the thread's. An article
		// (a short page otherPage types so) is not cut here, as
		// before (review32a's defensive skip); the body found for
		// an article is cut in articleNets.
		bs = p.dropClosingSignups(bs)
	}
	if pageType == corpus.PageTypeService {
		bs = dropCardActions(bs)
	}
	bs = p.withPanels(p.productText(bs, pageType), pageType == corpus.PageTypeProduct)
	if pageType == corpus.PageTypeProduct {
		bs = dropSellerLines(dropHelpOffers(bs))
	}
	return joinMarked(p.withControls(p.dropPolicyPanels(bs, pageType)))
}

// mainOfOther returns the blocks of a page that is not an article
// without its site's chrome (dropChrome) and notices about itself
// (dropSiteNotices), its buttons that close a
// section (dropButtonLinks), its invitations to act (dropInvites) and
// a closing legal line (dropClosingNotice) and, on a forum, cut to the
// thread without the posters' signatures, posts printed twice in a row
// (dropEchoes), the replies' shared subject lines (dropReplySubjects) and
// the lines of the posters' cards (dropCardItems), the posters' titles
// (dropPosterTitles), the posts' headers (dropPostCards) and the bars of
// controls each post repeats (dropPostBars), each post then opening with
// its poster's name and its stamp (withPostHeads).
func (p *page) mainOfOther(bs []block, forum bool) []block {
	if forum {
		marks := p.copyMarks()
		bs = dropChrome(dropBlocks(p.dropSignatures(p.trimToThread(bs)), p.serverReport), true, p.ownLinks, p.saidInPost)
		bs = dropReplySubjects(dropEchoes(p.dropSiteNotices(bs)))
		bs = dropPostCards(p.dropPosterTitles(p.dropCardItems(bs)), marks)
		return p.withPostHeads(dropHeadRuns(dropPostBars(bs, marks)))
	}
	return p.dropClosingNotice(dropInvites(p.dropButtonLinks(p.dropSiteNotices(dropChrome(dropBlocks(bs, p.serverReport), forum, p.ownLinks, nil)))))
}

// dropTrailingHeads drops the headings that end an article body: a
// heading with no text under it led into what the body left out (a list
// of links, a comment box, a form). A heading that ends like a sentence
// may be the story's last line set large, and stays.
func dropTrailingHeads(bs []block) []block {
	for len(bs) > 1 && bs[len(bs)-1].heads() && !endsSentence(bs[len(bs)-1].text) {
		bs = bs[:len(bs)-1]
	}
	return bs
}

// dropShutHeads drops an article's accordion headers over panels the
// walk left out (block.shut): headings of nothing.
func dropShutHeads(bs []block) []block {
	for _, b := range bs {
		if b.shut {
			return dropBlocks(bs, func(b block) bool { return b.shut })
		}
	}
	return bs
}
