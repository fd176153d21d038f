package extract

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxHeadBlocks is how many blocks after the headline may hold its
// byline: a kicker, a standfirst, a picture's caption, the date.
const maxHeadBlocks = 4

// addHeadByline adds the names of a byline that no class, rel or link
// marks: a short line opening with "By" (bylineWords) among the first
// blocks after the page's one headline, before the story's prose. Sites
// whose class names say nothing (CSS modules, small CMSes without
// microdata) print the byline so. Only lines near the page's own <h1>
// count (a rail's teasers have bylines too), and only names of two words
// or more ("By Land and Sea" is a subheading, "By Reuters" an agency).
// Shops are left out (sellsSomething). Prose must follow the byline: a
// list of stories has a byline under every teaser's headline. It reports
// whether a person was named.
func (s *authorSet) addHeadByline(p *page) bool {
	h1 := p.headlineNode()
	if h1 == nil || p.sellsSomething() {
		return false
	}
	var names []string
	var revs seconds
	seen := 0
	for n := nextHeadLine(h1); n != nil && seen < maxHeadBlocks+maxProseWait; n = nextHeadLine(n) {
		t := shortText(n, 200)
		if t == "" {
			continue
		}
		seen++
		found, sec := headBylineNames(t)
		if found != nil && cutDateTail(t) == t && followsPicture(n, found) {
			found = nil // a picture's credit ("By Jane Doe/Agency")
		}
		credited := sec.reviewers != nil || sec.editors != nil
		switch {
		case names == nil && found != nil && seen <= maxHeadBlocks:
			names = found
		case found != nil || names == nil && revs.again(sec) || n.DataAtom == atom.H1 || isLinkHeading(n):
			return false // another story's byline or headline: a list of them
		case credited && names == nil && seen <= maxHeadBlocks:
			// A reviewer or an editor, the author only if nobody else is
			// named. Under a writer's line, an editor's and a reviewer's
			// lines are the same story's credits, no list; so are a
			// reviewer's and an editor's lines without one.
			revs.add(sec)
		case numFields(t) > 20:
			s.people = append(s.people, names...)
			s.seconds.add(revs)
			return names != nil // the story's prose
		}
	}
	return false
}

// maxProseWait is how many short lines may part the byline from the
// story's first paragraph. A list of stories has a byline under each
// headline and no prose; a byline is trusted only when prose follows it.
const maxProseWait = 8

// nextHeadLine returns the innermost block after n in document order,
// past the elements whose lines are no byline of the story (headSkipped).
func nextHeadLine(n *html.Node) *html.Node {
	for n = nextNode(n, true); n != nil; {
		switch {
		case n.Type != html.ElementNode:
			n = nextNode(n, false)
		case headSkipped[n.DataAtom]:
			n = nextNode(n, true)
		case headBlocks[n.DataAtom] && !hasHeadBlock(n):
			return n
		default:
			n = nextNode(n, false)
		}
	}
	return nil
}

// isLinkHeading reports whether n is a heading holding a link: a teaser's.
func isLinkHeading(n *html.Node) bool {
	return isHeading(n.DataAtom) && firstOfAtom(n, atom.A) != nil
}

// sellsSomething reports whether the page offers a product: a shop
// prints the maker or a book's author as "By ..." under the product's
// name, who wrote no page.
func (p *page) sellsSomething() bool {
	return p.kind.basket > 0 || p.hasType(productTypes...) || p.hasType("Offer", "AggregateOffer")
}

// headlineNode returns the page's one <h1> that is not the site's logo,
// or nil when there are none or several (a list of stories).
func (p *page) headlineNode() *html.Node {
	var h *html.Node
	for _, n := range p.h1Nodes {
		if p.homeLinked(n) {
			continue
		}
		if h != nil {
			return nil
		}
		h = n
	}
	return h
}

// headBylineNames returns the people a line under the headline names
// when it reads as a byline: a capitalised byline word or a credit's
// phrase ("Written by", "Medically reviewed by": creditClauses), then
// names of two capitalised words or more, in a line of at most fifteen
// words that ends no sentence ("By Saturday, the county had ..." does).
// The writers come apart from the people a review's credit names
// (cleanCredits).
func headBylineNames(t string) (writers []string, sec seconds) {
	rest, ok := headBylineRest(t)
	if !ok {
		return nil, seconds{}
	}
	t = cutDateTail(t)
	if numFields(t) > 15 || endsSentence(t) {
		return nil, seconds{}
	}
	r := []rune(strings.TrimSpace(rest))
	if len(r) == 0 || !unicode.IsUpper(r[0]) && !caseless(r[0]) || headArticles[strings.ToLower(strings.Fields(rest)[0])] {
		return nil, seconds{}
	}
	writers, sec = cleanCredits(t)
	for _, list := range [][]string{writers, sec.reviewers, sec.editors} {
		for _, a := range list {
			if looksLikeOrg(a) || !personName(a) && !caselessName(a) {
				return nil, seconds{}
			}
		}
	}
	return writers, sec
}

// headBylineRest returns what follows the byline word that opens t: "By
// Jane Doe", "Written by Jane Doe" (writerRoles), "Text von Anna Becker",
// a label with a colon ("Author: Jane Doe", headLabels) or any credit's
// phrase ("Reviewed by Jane Doe"); ok is false when t opens otherwise,
// or in lower case.
func headBylineRest(t string) (rest string, ok bool) {
	first, rest, ok := strings.Cut(t, " ")
	if !ok || !startsUpper(first) { // first is empty when t opens with a space
		return "", false
	}
	if by, names, ok := strings.Cut(rest, " "); ok && writerRoles[strings.ToLower(first)] && bylineWords[strings.ToLower(by)] {
		return names, true
	}
	if bylineWords[strings.ToLower(first)] || headLabels[strings.ToLower(strings.TrimRight(first, ":："))] && strings.ContainsAny(first, ":：") {
		return rest, true
	}
	if cs := creditClauses(t); len(cs) > 0 && cs[0].by >= 0 {
		return strings.Join(cs[0].words[cs[0].by+1:], " "), true
	}
	return "", false
}

// writerRoles are the words that put the writer's part before "by" in a
// byline ("Written by Jane Doe", "Words by", "Text von"): the writer's,
// not a photographer's or a reviewer's ("Photos by", "Reviewed by"),
// who are not the article's authors.
var writerRoles = map[string]bool{"written": true, "words": true, "text": true, "texte": true, "story": true,
	"reported": true, "posted": true, "geschrieben": true, "interview": true}

// headLabels open a byline with a colon ("Author: Jane Doe", "Автор: Иван
// Петров", "Text: Anna Becker"), lower-case; without the colon they are
// words of a sentence. "Interview:" is left out: in English it names the
// person interviewed.
var headLabels = map[string]bool{"author": true, "authors": true, "autor": true, "autorin": true,
	"auteur": true, "autore": true, "автор": true, "авторы": true, "text": true, "texte": true, "texto": true,
	"tekst": true, "текст": true, "作者": true}

// caselessName reports whether a reads as a name in a script without
// capitals ("山田太郎", "한서윤", "محمد علي"): one to three words of such
// letters, which personName cannot read by their capitals.
func caselessName(a string) bool {
	f := strings.Fields(a)
	if len(f) == 0 || len(f) > 3 {
		return false
	}
	n := 0
	for _, r := range a {
		switch {
		case r == ' ' || r == '・' || r == '·':
		case !caseless(r):
			return false
		}
		n++
	}
	return n >= 2 && n <= 24
}

// caseless reports whether r is a letter of a script without case.
func caseless(r rune) bool {
	return unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsLower(r)
}

// headArticles open a phrase, never a name: "By The Time The Vote Came"
// is a title-case standfirst.
var headArticles = map[string]bool{
	"the": true, "a": true, "an": true, "der": true, "die": true, "das": true, "le": true,
	"les": true, "el": true, "los": true, "las": true, "il": true, "het": true, "een": true,
}

// personName reports whether a reads as a person's name: two or three
// capitalised words, lower-case words only among the particles of names
// ("de", "van", "al"). Longer runs of capitals are title-case phrases
// ("Fin Llega La Lluvia"), other lower-case words a sentence-case one
// ("Berlin bis Paris"); a possessive or a company's legal form names a
// thing or a firm ("Grandma's Kitchen", "Acme Widgets Inc"), a manner
// word a way of doing ("Appointment Only").
func personName(a string) bool {
	words := strings.Fields(a)
	caps := 0
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,"))
		switch {
		case strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "’s") || legalForms[lw] || mannerWords[lw]:
			return false
		case unicode.IsUpper([]rune(w)[0]):
			caps++
		case !nameParticles[strings.TrimSuffix(lw, "-")] && !strings.HasPrefix(lw, "al-"):
			return false
		}
	}
	return caps >= 2 && caps <= 3 && unicode.IsUpper([]rune(a)[0])
}

// mannerWords say how something is done or had, never who wrote: "By
// Appointment Only" on a shop's or a service's page, "By Invitation".
var mannerWords = map[string]bool{
	"only": true, "appointment": true, "invitation": true, "request": true, "reservation": true,
	"arrangement": true, "referral": true, "donation": true, "subscription": true, "default": true,
}

// nameParticles are the lower-case words inside people's names.
var nameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "do": true, "dos": true, "das": true, "du": true, "del": true,
	"della": true, "la": true, "le": true, "van": true, "von": true, "der": true, "den": true, "ter": true,
	"ten": true, "zu": true, "al": true, "el": true, "bin": true, "ibn": true, "y": true, "e": true,
}

// legalForms end a firm's name, not a person's.
var legalForms = map[string]bool{
	"inc": true, "corp": true, "co": true, "ltd": true, "llc": true, "plc": true, "gmbh": true,
	"ag": true, "sa": true, "srl": true, "bv": true, "nv": true, "ab": true, "as": true,
}

// headBlocks are the elements a line under the headline is printed in.
var headBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Address: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Header: true, atom.Section: true,
	atom.Blockquote: true,
}

// headSkipped are the elements whose lines are no byline of the story: a
// picture's credit ("By Jane Doe/Agency"), scripts, menus and rails.
var headSkipped = map[atom.Atom]bool{
	atom.Figure: true, atom.Figcaption: true, atom.Script: true, atom.Style: true, atom.Template: true,
	atom.Aside: true, atom.Nav: true, atom.Noscript: true, atom.Svg: true,
}

// hasHeadBlock reports whether n holds a block: only the innermost
// blocks are lines.
func hasHeadBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (headBlocks[c.DataAtom] || hasHeadBlock(c)) {
			return true
		}
	}
	return false
}

// cutDateTail drops the date and time that end a byline line with no
// separator ("By Jane Doe Dec 5, 2026", "By Jane Doe 5 December 2026
// 10:40 am"): CleanAuthors reads no name holding digits. Only a tail
// made of date words alone goes (dateWord), with a digit in it; a line
// that goes on in words ("By Saturday, the county had 3 ...") stays whole.
func cutDateTail(t string) string {
	f := strings.Fields(t)
	cut, digit := len(f), false
	for i := len(f) - 1; i > 0 && dateWord(f[i]); i-- {
		cut, digit = i, digit || strings.ContainsAny(f[i], "0123456789")
	}
	if !digit || cut < 2 {
		return t
	}
	return strings.Join(f[:cut], " ")
}

// dateWord reports whether w belongs to a printed date or time: digits
// with their separators or an ordinal's ending ("5th", "12/05/2026",
// "10:40"), a month's name, a clock's am/pm or zone, or a separator.
func dateWord(w string) bool {
	l := strings.ToLower(strings.Trim(w, ".,|·•–—-"))
	if l == "" || clockWords[l] || monthNames()[foldMonth(l)] != 0 {
		return true
	}
	num := strings.TrimRight(l, "stndrh")
	if num == "" || !unicode.IsDigit(rune(num[0])) {
		return false
	}
	return strings.Trim(num, "0123456789:/.-") == ""
}

// clockWords follow a time of day.
var clockWords = map[string]bool{"am": true, "pm": true, "a.m": true, "p.m": true, "utc": true, "gmt": true, "et": true, "est": true, "edt": true, "pt": true, "pst": true, "pdt": true, "cet": true, "cest": true, "bst": true}

// followsPicture reports whether the line n comes right after a picture,
// with no text between: the line is the picture's caption or credit
// ("By Jane Doe/Reuters", "Photo by Jane Doe"), printed outside
// <figure> by sites that mark pictures up with bare <div>s. The walk goes
// back through n's earlier siblings, then its parent's, and stops at the
// first text (the headline above a byline, a caption line). A writer's
// portrait beside the byline is no such picture (storyPicture). A line
// that carries a date too ("By Jane Doe | Dec 5, 2026") is the story's
// byline, set under the lead picture by many CMSes: a credit is undated,
// so addHeadByline does not ask.
func followsPicture(n *html.Node, names []string) bool {
	for ; n != nil && n.DataAtom != atom.Body; n = n.Parent {
		for s := n.PrevSibling; s != nil; s = s.PrevSibling {
			switch {
			case s.Type == html.TextNode && strings.TrimSpace(s.Data) != "":
				return false
			case s.Type != html.ElementNode || headSkipped[s.DataAtom] && s.DataAtom != atom.Figure:
			case strings.TrimSpace(textOf(s)) != "":
				return false
			case storyPicture(s, names):
				return true
			}
		}
	}
	return false
}

// storyPicture reports whether n is or holds a picture of the story's:
// an image not marked as a person's portrait (an avatar or a writer's
// head shot in its class, id or address, or the byline's names in its
// alt text) nor sized as an icon (a width or height under 150 pixels).
func storyPicture(n *html.Node, names []string) bool {
	img := n
	if n.DataAtom != atom.Img {
		if img = firstOfAtom(n, atom.Img); img == nil {
			return n.DataAtom == atom.Picture || firstOfAtom(n, atom.Picture) != nil
		}
	}
	for _, k := range []string{"width", "height"} {
		if v, err := strconv.Atoi(strings.TrimSuffix(attr(img, k), "px")); err == nil && v < 150 {
			return false
		}
	}
	alt := strings.ToLower(attr(img, "alt"))
	for _, a := range names {
		if f := strings.Fields(strings.ToLower(a)); strings.Contains(alt, f[len(f)-1]) {
			return false
		}
	}
	marks := strings.ToLower(attr(n, "class") + " " + attr(img, "class") + " " + attr(img, "src") + " " + attr(img, "id"))
	return !rePortraitMark.MatchString(marks)
}

// rePortraitMark matches the words that mark a writer's portrait.
var rePortraitMark = lazyRE(`avatar|author|profile|headshot|gravatar|byline|mugshot|portrait`)
