package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// deskSignals counts what a business's page offers its reader outside
// the site's chrome (header, footer, navigation, asides) and hidden
// elements: phone links, forms asking for the reader's details, and
// lines of opening hours.
type deskSignals struct{ tel, forms, hours int }

// serviceDesk reports whether the page's own content asks for the
// reader's details in a form meant to reach the business (a message or a
// phone number to call back: detailsForm) and gives a phone link or
// opening hours beside it, on lines of their own, and tells little in
// paragraphs of prose (storyParas). A practice's, an office's or a shop's
// page for a service: the model reads its lines as an article's prose
// once the URL says nothing. A story gives a shop's hours or a phone
// number in its sentences, tells its news in paragraphs, and may end on
// a form for readers' tips, memories or events as well as on a comment
// form; a signed or declared story stays the model's (serviceDeskPage).
func (p *page) serviceDesk() bool {
	if p.bodyNode == nil || p.storyParas() >= maxDeskParas {
		return false
	}
	var s deskSignals
	s.walk(p.bodyNode)
	return s.forms > 0 && (s.tel > 0 || s.hours > 0)
}

// maxDeskParas is the number of paragraphs of prose from which a page
// tells a story rather than sets out a service: a news story, a review
// or a blog post runs to four paragraphs and more, a service's page has
// an intro and a paragraph or two between its steps, timetable and form.
const maxDeskParas = 4

// storyParas counts the paragraphs of prose in the body found: fifteen
// words or more, under a fifth of them linked.
func (p *page) storyParas() int {
	n := 0
	for _, b := range p.blocks {
		if b.kind == kindPara && b.link < 0.2 && countWords(b.text) >= 15 {
			n++
		}
	}
	return n
}

// walk counts n's descendants into s, skipping the site's chrome, hidden
// elements and sentences (a paragraph of ten words or more that ends as
// a sentence does): a service gives its phone and hours on lines of
// their own (a timetable, a contact line, a step), a story in its
// sentences. A short line of a table row, an item or a paragraph is read
// whole for hours, as markup often splits the day from the time.
func (s *deskSignals) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			if len(c.Data) <= maxHoursLine && reOpeningHours.MatchString(c.Data) {
				s.hours++
			}
			continue
		}
		if c.Type != html.ElementNode || isHidden(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Script, atom.Style, atom.Template:
			continue // the site's chrome gives its phone and newsletter on every page
		case atom.A:
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(attr(c, "href"))), "tel:") {
				s.tel++
			}
		case atom.Form:
			if detailsForm(c) {
				s.forms++
			}
			continue
		}
		if c.DataAtom == atom.Tr || c.DataAtom == atom.Li || c.DataAtom == atom.Dt || c.DataAtom == atom.P {
			t := textOf(c)
			if c.DataAtom == atom.P && countWords(t) >= 10 && endsSentence(t) {
				continue
			}
			if len(t) <= maxHoursLine && reOpeningHours.MatchString(t) {
				s.hours++
				continue
			}
		}
		s.walk(c)
	}
}

// maxHoursLine is the longest line, in bytes, read for opening hours.
const maxHoursLine = 120

// detailsForm reports whether the form asks a reader to reach the
// business: two or more fields to type into, one of them for a message
// (a text area) or a phone number, none a password (a login) or a
// search, and not a comment form. A newsletter's sign-up asks for a name
// and an e-mail address only.
func detailsForm(f *html.Node) bool {
	fields, reach, other := 0, false, false
	walkElements(f, func(c *html.Node) bool {
		switch c.DataAtom {
		case atom.Textarea:
			fields++
			reach = true
		case atom.Input:
			switch typ := strings.ToLower(attr(c, "type")); typ {
			case "", "text", "email", "tel", "number", "date":
				fields++
				name := strings.ToLower(attr(c, "name"))
				reach = reach || typ == "tel" || strings.Contains(name, "phone")
			case "password", "search":
				other = true
			}
		}
		return true
	})
	return fields >= 2 && reach && !other && !strings.EqualFold(attr(f, "role"), "search") && !commentForm(f)
}

// commentForm reports whether the form posts a reader's comment (its
// action or its text area named for one): the form below a story.
func commentForm(f *html.Node) bool {
	if strings.Contains(strings.ToLower(attr(f, "action")), "comment") {
		return true
	}
	found := false
	walkElements(f, func(c *html.Node) bool {
		if c.DataAtom == atom.Textarea && strings.Contains(strings.ToLower(attr(c, "name")+" "+attr(c, "id")), "comment") {
			found = true
		}
		return !found
	})
	return found
}

// reOpeningHours matches a weekday (or a span of them) followed closely
// by a span of clock hours, the first written as a time (minutes, am/pm
// or h): "Monday to Friday 8:00 - 18:00", "Sat 9am-12pm", "du lundi au
// vendredi de 9h00 à 18h30", "Mo.–Fr. 8:00 – 17:00 Uhr". Weekdays are
// known in English, French, German, Spanish, Italian and Dutch (and
// German's two-letter spans), the languages whose dates the extractor
// reads. A score ("on Sunday ... 2-1") and a date ("Friday 13 December")
// are not hours.
var reOpeningHours = lazyRE(`(?i)(?:\b(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?s?\.?\b|` +
	`\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|` +
	`lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|domenica|` +
	`maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)|` +
	`\b(?:mo|di|mi|do|fr|sa|so)\.?\s*(?:-|–|—|bis)\s*(?:mo|di|mi|do|fr|sa|so)\b)` +
	`[^0-9]{0,30}\d{1,2}(?:[:.h]\d{2}\s*(?:am|pm|h)?|\s*(?:am|pm|h))\s*(?:-|–|—|to|until|till|à|a|bis|al|alle|tot)\s*\d{1,2}`)

// serviceDeskPage reports whether a page the model takes for an article
// is a business's page for a service (serviceDesk) that nothing signs or
// declares a story. A date alone does not make it one: a practice's news
// box beside its page dates the page too.
func (p *page) serviceDeskPage(art *corpus.Article) bool {
	return p.unsignedPage(art) && !p.declaresArticle() && !p.hasType(newsTypes...) && p.serviceDesk()
}
