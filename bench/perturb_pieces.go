package main

import (
	"strings"

	"github.com/archivist-project/archivist/bench/score"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pieceKinds put pieces inside the body, as today's sites serve
// them (issue 8): some a reader counts as the story (an embedded post, a
// pull quote, a correction, a list crediting people with what they did,
// its links the rest of each sentence), whose text the reference then holds at its
// place (see expectStory), and some a reader counts as chrome (a photo
// caption and credit before the first paragraph, a "Read more" line, a
// "Click here" line, a newsletter blurb, a player block, an
// "Advertisement" label, a related list of kickers and linked headlines,
// a related list of "Also read" labels and lower-case linked headlines,
// an author box with the writer's bio),
// which the reference does not hold.
var pieceKinds = []pieceKind{
	{"tweet-embed", "an embedded tweet (blockquote.twitter-tweet and its script) after the body's second paragraph: story", 2, true,
		func(*html.Node) string { return tweetEmbed }},
	{"tiktok-embed", "an embedded TikTok post (blockquote.tiktok-embed, caption and tags, and its script) after the third paragraph: story", 3, true,
		func(*html.Node) string { return tiktokEmbed }},
	{"pullquote-aside", "a pull quote in an <aside> repeating a sentence of the third paragraph, after the fourth: story", 4, true,
		func(b *html.Node) string {
			return `<aside class="pullquote"><p>` + quoteOf(b, 3) + `</p></aside>`
		}},
	{"pullquote-blockquote", "the same pull quote in a <blockquote class=\"pullquote\">: story", 4, true,
		func(b *html.Node) string {
			return `<blockquote class="pullquote"><p>` + quoteOf(b, 3) + `</p></blockquote>`
		}},
	{"correction-note", "an editor's correction note in italics after the last paragraph: story", -1, true,
		func(*html.Node) string { return correctionNote }},
	{"credit-list", "a list of three people, each named and then linked to what they did (\"Ana Ruiz <a>mapped the old well</a>\"), after the second paragraph: story", 2, true,
		func(*html.Node) string { return creditList }},
	{"kicker-related", "a list of three related headlines, each a two-word kicker then the linked headline, after the third paragraph: chrome", 3, false,
		func(*html.Node) string { return kickerRelated }},
	{"label-related", "a list of three related stories, each a label without a colon then the linked headline in lower case (\"Also read <a>why the council</a>\"), after the third paragraph: chrome", 3, false,
		func(*html.Node) string { return labelRelated }},
	{"photo-caption", "a photo with a caption and a credit before the first paragraph: chrome", 0, false,
		func(*html.Node) string { return photoFigure }},
	{"photo-caption-p", "a photo whose caption and credit are a <p class=\"caption\"> beside the image, before the first paragraph: chrome", 0, false,
		func(*html.Node) string { return photoCaptionP }},
	{"read-more", "a \"Read more: <linked headline>\" line after the second paragraph: chrome", 2, false,
		func(*html.Node) string { return readMoreLine }},
	{"click-here", "a \"Click here to subscribe\" line after the fourth paragraph: chrome", 4, false,
		func(*html.Node) string { return clickHereLine }},
	{"newsletter-blurb", "a newsletter sign-up blurb paragraph (a link, no form) after the third paragraph: chrome", 3, false,
		func(*html.Node) string { return newsletterBlurb }},
	{"player-block", "a video player block with a title after the second paragraph: chrome", 2, false,
		func(*html.Node) string { return playerBlock }},
	{"ad-label", "an \"Advertisement\" label line over an empty ad slot after the third paragraph: chrome", 3, false,
		func(*html.Node) string { return adLabel }},
	{"author-box", "an author box (a Person in microdata: photo, name, a two-sentence bio, a profile link; no class word says author) after the last paragraph: chrome", -1, false,
		func(*html.Node) string { return authorBox }},
}

const tweetEmbed = `<blockquote class="twitter-tweet"><p lang="en" dir="ltr">The bridge will stay closed to traffic until the engineers finish their inspection on Friday, the transport office said. <a href="https://t.co/abc123">pic.twitter.com/abc123</a></p>` +
	`&mdash; City Transport Office (@citytransport) <a href="https://twitter.com/citytransport/status/1861234567890">November 30, 2026</a></blockquote>` +
	`<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>`

const tiktokEmbed = `<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@riverwatch/video/7301234567890" data-video-id="7301234567890"><section>` +
	`<a target="_blank" title="@riverwatch" href="https://www.tiktok.com/@riverwatch">@riverwatch</a> Water reached the top step of the old pier this morning, higher than anyone here can remember ` +
	`<a title="flood" target="_blank" href="https://www.tiktok.com/tag/flood">#flood</a> ` +
	`<a target="_blank" title="♬ original sound - riverwatch" href="https://www.tiktok.com/music/original-sound-1">♬ original sound - riverwatch</a></section></blockquote>` +
	`<script async src="https://www.tiktok.com/embed.js"></script>`

const correctionNote = `<p><em>Correction: An earlier version of this article gave the wrong date for the council meeting. It took place on Tuesday, not Monday.</em></p>`

const creditList = `<ul><li>Ana Ruiz <a href="/people/ana-ruiz">mapped the old wells along the eastern road</a></li>` +
	`<li>Tom Berg <a href="/people/tom-berg">collected the river gauge readings for the last ten years</a></li>` +
	`<li>Aisha Khan <a href="/people/aisha-khan">interviewed the farmers who lost their fields in the spring</a></li></ul>`

const kickerRelated = `<ul class="related"><li>Local politics <a href="/news/council-delays-vote">Council delays the vote on the new bus routes until spring</a></li>` +
	`<li>Climate desk <a href="/news/river-levels">River levels reach a ten-year high after a wet November</a></li>` +
	`<li>City life <a href="/news/market-hall">The market hall reopens with forty new stalls</a></li></ul>`

const labelRelated = `<ul><li>Also read <a href="/news/rural-lines">why the council wants to cut the rural bus lines</a></li>` +
	`<li>Also read <a href="/news/fast-service">what the new fast service would cost the town</a></li>` +
	`<li>Also read <a href="/news/other-towns">how other towns have changed their bus routes</a></li></ul>`

const photoFigure = `<figure class="wp-block-image"><img src="photo.jpg" alt=""><figcaption>Workers repair the road outside the station on Monday morning. <span>Photo: Jane Doe/Agency</span></figcaption></figure>`

const photoCaptionP = `<div class="photo"><img src="photo.jpg" alt=""><p class="caption">Workers repair the road outside the station on Monday morning. Photo: Jane Doe/Agency</p></div>`

const readMoreLine = `<p><strong>Read more:</strong> <a href="/news/council-delays-vote">Council delays the vote on the new bus routes until spring</a></p>`

const clickHereLine = `<p><a href="/subscribe">Click here</a> to subscribe and get unlimited access to all our stories.</p>`

const newsletterBlurb = `<p><em><a href="/newsletters">Sign up for our free morning newsletter</a> to get the day's top stories delivered to your inbox every weekday.</em></p>`

const authorBox = `<div class="box-wrap" itemscope itemtype="https://schema.org/Person" itemprop="author"><img src="face.jpg" alt=""/>` +
	`<div class="box-name"><a href="/people/maria-lind" itemprop="url"><span itemprop="name">Maria Lind</span></a></div>` +
	`<div class="box-text" itemprop="description"><p>Maria Lind has covered the region's towns and rivers for the paper since 2009. ` +
	`She lives with her two dogs by the old harbour and writes a weekly column on walking.<br/>` +
	`Follow her on <a href="https://example.social/@mlind">her social profile</a>.</p></div></div>`

const playerBlock = `<div class="video-player"><h3>Watch: Floods close the coastal road for a second day</h3><div class="player"><video src="clip.mp4" controls></video></div></div>`

const adLabel = `<div class="ad-container"><p>Advertisement</p><div id="slot-2"></div></div>`

// pieceKind puts the markup Markup(b) in the body after its At-th
// paragraph (before the first when At is 0, after the last when At is
// -1); Story says a reader counts the markup's text as the story.
type pieceKind struct {
	Name, What string
	At         int
	Story      bool
	Markup     func(b *html.Node) string
}

// piecePerturbations are the pieceKinds as perturbations.
var piecePerturbations = func() []perturbation {
	var out []perturbation
	for _, k := range pieceKinds {
		out = append(out, perturbation{k.Name, k.What, k.apply})
	}
	return out
}()

func (k pieceKind) apply(b *html.Node) {
	if k.At == 0 {
		insertBefore(nthParagraph(b, 1), k.Markup(b))
		return
	}
	insertAfter(pieceAnchor(b, k.At), k.Markup(b))
}

// storyReference returns the reference ref of a page for the
// perturbation name made on its body b (read before the change): with the
// text of the piece put in at its place when a reader counts the piece as
// the story, ref itself otherwise.
func storyReference(name string, b *html.Node, ref string) string {
	for _, k := range pieceKinds {
		if k.Name == name && k.Story {
			at := k.At
			if at == 0 {
				at = 1 // before the first paragraph: found by its start
			}
			p := pieceAnchor(b, at)
			return expectStory(ref, textOf(p), k.At == 0, visibleText(k.Markup(b)))
		}
	}
	return ref
}

// pieceAnchor returns b's at-th paragraph; when at is -1, its last
// paragraph with text (a closing note follows the story's words, not a
// paragraph that holds only a picture).
func pieceAnchor(b *html.Node, at int) *html.Node {
	if at >= 0 {
		return nthParagraph(b, at)
	}
	last := nthParagraph(b, 1<<30)
	for c := b.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.P && textBytes(c) > 0 {
			last = c
		}
	}
	return last
}

// quoteOf returns the first sentence of b's k-th paragraph, in quotes,
// cut to its first twenty words when longer: a pull quote is a line.
func quoteOf(b *html.Node, k int) string {
	s := strings.TrimSpace(textOf(nthParagraph(b, k)))
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i+1]
	}
	if w := strings.Fields(s); len(w) > 20 {
		s = strings.Join(w[:20], " ")
	}
	return "“" + html.EscapeString(s) + "”"
}

// visibleText returns the text of the markup s without its scripts.
func visibleText(s string) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range fragment(s) {
		walk(n)
	}
	return b.String()
}

// expectStory returns the reference ref with the tokens of story put
// where the page now holds them: after the tokens of the paragraph
// anchor (before them when before is set), found by its last (first)
// four tokens; at the reference's end (start) when the reference does
// not hold them. The result is tokens joined by spaces, which the
// shingle scoring reads as it reads ref.
func expectStory(ref, anchor string, before bool, story string) string {
	toks, at, add := score.Tokens(ref), score.Tokens(anchor), score.Tokens(story)
	key := at
	if len(key) > score.ShingleSize {
		if before {
			key = key[:score.ShingleSize]
		} else {
			key = key[len(key)-score.ShingleSize:]
		}
	}
	pos := len(toks)
	if before {
		pos = 0
	}
	if i := indexTokens(toks, key); i >= 0 && len(key) > 0 {
		pos = i
		if !before {
			pos = i + len(key)
		}
	}
	out := append(append(append([]string(nil), toks[:pos]...), add...), toks[pos:]...)
	return strings.Join(out, " ")
}

// indexTokens returns the first index of the run key in toks, or -1.
func indexTokens(toks, key []string) int {
	for i := 0; i+len(key) <= len(toks); i++ {
		if equalRun(toks[i:i+len(key)], key) {
			return i
		}
	}
	return -1
}

func equalRun(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
