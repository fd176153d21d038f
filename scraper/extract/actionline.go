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

// dropActionLines drops the site's calls to action (isActionLine) from
// the text of a dated article: a publisher inserts them into its stories.
// On a page with no date (a council's "Bin collections", a shop's help
// page) or one that is no article (a service, a product), the site's own
// offer ("Sign up for our bin reminder e-mails") is the page's content,
// and stays. The page type is known only after the body is chosen, so
// the rule runs here; filterBlocks applies it from then on (dropActions),
// to the blocks the recall nets read.
func (p *page) dropActionLines(art *corpus.Article) {
	p.x.dropActions = true
	if art.Text != p.body {
		return
	}
	if bs := withoutActionLines(p.blocks); len(bs) < len(p.blocks) {
		p.blocks, p.body = bs, joinBlocks(bs)
		art.Text, art.WordCount = p.body, countWords(p.body)
	}
}

// withoutActionLines returns bs without its calls to action.
func withoutActionLines(bs []block) []block {
	out := make([]block, 0, len(bs))
	for _, b := range bs {
		if !isActionLine(b) {
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
