package extract

import "github.com/archivist-project/archivist/corpus"

// reActionLine matches a line that opens by telling the reader to act on
// the site rather than saying anything about the story: "Click here to
// subscribe ...", "Tap here to sign up ...", or a sign-up for the site's
// newsletter or e-mail alerts ("Sign up for our free morning newsletter
// ..."), in English, French, German, Spanish and Portuguese. A "Click
// here" that leads to anything else ("to read the full report") can be
// the story pointing at its source, and stays.
var reActionLine = lazyRE(`(?i)^\W*(?:(?:(?:click|tap) here|(?:klicken sie|klicke) hier|hier klicken|cliquez ici|(?:haga|haz) clic aquí|clique aqui)\b[^.!?]{0,60}\b(?:subscri\w*|sign(?:ing)? up|register|newsletters?|unlimited access|donat\w*|abonn\w*|suscri\w*|assin\w*|inscri\w*|anmelden)|(?:sign up|subscribe|register)\b[^.!?]{0,80}\b(?:newsletters?|inbox|e-?mails?|alerts|briefing)\b)`)

// isActionLine reports whether the block b, inside an article's body, is
// a call to action of the site's (issue 8: "Click here for more
// information", a newsletter blurb between paragraphs): a paragraph of
// forty words at most that opens with such a prompt (reActionLine) and
// holds a link, the action's target. Without the link the words can be
// the story's own ("Sign up for the e-mail alerts, the agency urged"
// is reported speech and links nothing).
//
// The site also speaks in its own voice ("our newsletter", "all our
// stories", "support us"): an imperative of the same form that names
// another's service is the story's advice ("Sign up for flood alerts on
// the national warning service", a how-to; "Click here to donate to the
// family's fundraiser", a local story), and stays (reSiteVoice).
func isActionLine(b block) bool {
	return b.kind == kindPara && b.link > 0 && len(b.text) <= 400 && numFields(b.text) <= 40 &&
		reActionLine.MatchString(b.text) && reSiteVoice.MatchString(b.text)
}

// actionDrop says which of the site's calls to action (isActionLine) an
// article's text loses.
type actionDrop uint8

const (
	// keepActions: a page of another type keeps them all (a service's
	// or a shop's own offer is its content).
	keepActions actionDrop = iota
	// unheadedActions: an undated article loses those that stand
	// between its paragraphs or after them, but keeps those that open a
	// section under a heading of their own (actionHeaded).
	unheadedActions
	// allActions: a dated article loses them all.
	allActions
)

// actionsDropped returns what a page of type article (or not) loses of
// its calls to action. A publisher inserts its prompts into its dated
// stories wherever they fall, under a heading too. An undated page typed
// article is as often a council's or a firm's page about its own service
// ("Get a reminder", then "Sign up for our bin reminder e-mails"), whose
// offer heads a section; a blog or a magazine whose date the page does
// not give inserts its prompts as the news sites do, between the
// paragraphs or after the last.
func actionsDropped(article, dated bool) actionDrop {
	switch {
	case !article:
		return keepActions
	case dated:
		return allActions
	}
	return unheadedActions
}

// drops reports whether the block b, after the blocks before, goes
// under d; topic is the headline's subject (namesTopic).
func (d actionDrop) drops(before []block, b block, topic map[string]bool) bool {
	return d != keepActions && isActionLine(b) && (d == allActions || !actionHeaded(before) && !namesTopic(b, topic))
}

// namesTopic reports whether the call to action b names a word of the
// headline's subject, topic (headlineTopic): "Sign up for our bin
// collection text alerts" under "New text alerts for bin collections",
// "Click here to donate to our winter appeal" under "Our winter appeal",
// "Sign up for our flu clinic reminder e-mails" under "How to sign up for
// the flu jab". An undated page about the site's own offer (a council's
// notice, a surgery's how-to, a charity's appeal) closes with it as its
// content, under no heading (review38e); a prompt a publisher inserts
// into its posts names its newsletter, not the post's subject.
func namesTopic(b block, topic map[string]bool) bool {
	for w := range contentWords(b.text, nil) {
		if topic[w] {
			return true
		}
	}
	return false
}

// actionHeaded reports whether a call to action after the blocks before
// opens a section under its own heading, or goes on with one: the blocks
// between the last heading and it are all offers of the site's (a short
// linked line in the site's voice: "Or subscribe to our text alerts").
// The heading names the offer ("Get a reminder", "Stay informed"): the
// page is about it. A site's prompt is set among the paragraphs of the
// text, or after the last, whatever they say.
func actionHeaded(before []block) bool {
	for j := len(before) - 1; j >= 0; j-- {
		b := before[j]
		if b.heads() {
			return true
		}
		if b.link == 0 || numFields(b.text) > 40 || !reSiteVoice.MatchString(b.text) {
			return false
		}
	}
	return false
}

// dropActionLines drops the site's calls to action from the text of an
// article (actionsDropped says which). The page type is known only after
// the body is chosen, so the rule runs here; filterBlocks applies it from
// then on (dropActions), to the blocks the recall nets read.
func (p *page) dropActionLines(art *corpus.Article, d actionDrop) {
	p.x.dropActions = d
	if d == unheadedActions {
		df, docs := p.x.pageDF()
		p.x.actionTopic = headlineTopic(art.Title, df, docs)
	}
	if art.Text != p.body {
		return
	}
	if bs := withoutActionLines(p.blocks, d, p.x.actionTopic); len(bs) < len(p.blocks) {
		p.blocks, p.body = bs, joinBlocks(bs)
		art.Text, art.WordCount = p.body, countWords(p.body)
	}
}

// withoutActionLines returns bs without the calls to action d drops
// (topic: the headline's subject).
func withoutActionLines(bs []block, d actionDrop, topic map[string]bool) []block {
	out := make([]block, 0, len(bs))
	for i, b := range bs {
		if !d.drops(bs[:i], b, topic) {
			out = append(out, b)
		}
	}
	return out
}

// reSiteVoice matches a first-person plural word in English, French,
// German, Spanish and Portuguese: the site speaking of itself ("us" in
// lower case only, "US" being the country).
var reSiteVoice = lazyRE(`\b(?:(?i:our|unser\w*|uns|notre|nos|nous|nuestr[oa]s?|noss[oa]s?)|us)\b`)

// reMediaTitle matches the label that opens a player's title: "Watch:",
// "Listen:", "Video:", "Podcast:" (and "Vidéo", "Vídeo", "Hören",
// "Écouter").
var reMediaTitle = lazyRE(`(?i)^\W*(?:watch|listen|video|vidéo|vídeo|audio|podcast|hören|écouter)\s*[:|–]`)

// isMediaTitle reports whether the block b, inside an article's body, is
// the title of an embedded player (issue 8: a video or podcast block
// between paragraphs): a heading of twenty words at most that opens with
// a media label (reMediaTitle) and does not end like a sentence, as a
// headline does not, and holds no link. The player itself has no text;
// its title names another piece, not the story. A linked one is a
// teaser's headline ("WATCH: ..." on a section front), which a listing's
// text keeps. A paragraph that opens so is as often the story's own line
// (a TV guide's "Watch: Saturday, 9pm, Channel 4"), and stays; so does a
// heading that opens the body's text (first, in filterBlocks): a podcast
// episode's or a video's own page titles its story so.
func isMediaTitle(b block, first bool) bool {
	return !first && b.kind == kindHeading && b.link == 0 && len(b.text) <= 200 && numFields(b.text) <= 20 &&
		!endsSentence(b.text) && reMediaTitle.MatchString(b.text)
}
