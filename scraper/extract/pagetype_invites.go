package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// reServiceInvite matches the lines with which a business asks the
// reader to buy its time: "Get a free quote", "Book a consultation",
// "Request a demo", "Get in touch", "Let's talk", "Call us". It is
// reInvite without the invitations a news site makes too: "Contact us"
// (its masthead's page), "Sign up now" and "Register today" (its
// newsletter and accounts), "Connect with us" (its social links) and
// "Start for free". The same invitations in the other languages whose
// pages the sets hold (reServiceInviteIntl): a council's "Termin online
// buchen" or a clinic's "Prendre rendez-vous" asks for the reader's
// visit as "Book an appointment" does (branch ex35cm), and a story
// does not close on one either.
var reServiceInvite = lazyRE(`(?i)^(?:(?:book|schedule|request|get|claim) (?:a|an|your|our)? ?(?:free |quick |personal |personalized |personalised )?(?:demo|call|consultation|quote|estimate|appointment|discovery call)\b|get in touch\b|let'?s (?:talk|connect|chat)\b|talk (?:with|to) (?:us|our \w+)\b|call us\b)`)

// reServiceInviteIntl is reServiceInvite's alternation in German, French,
// Spanish, Italian, Portuguese and Dutch: book or request an appointment,
// a consultation, a quote or a demo. Ask a question or contact us are
// left out, as in English. It counts on a link or a button only
// (serviceInviteIn): a story's subhead or short paragraph names the same
// act ("Termin buchen? Fehlanzeige.", "Prendre rendez-vous en ligne",
// "Pedir cita previa" in stories of waiting lists; branch review35c),
// where a service's page makes it its call to action.
var reServiceInviteIntl = lazyRE(`(?i)^(?:(?:jetzt )?(?:(?:einen |ihren )?(?:termin|beratungstermin|rückruf)e? (?:online |jetzt )?(?:buchen|vereinbaren|reservieren|anfordern)|(?:ein |ihr )?(?:kostenloses |unverbindliches |individuelles )?(?:angebot|beratungsgespräch) (?:anfordern|einholen|vereinbaren))\b|` +
	`(?:prendre|réserver|demander|obtenir) (?:un |une |votre |mon |ma )?(?:rendez-vous|rdv|devis|consultation|démo|rappel)\b|` +
	`(?:pedir|pide|solicitar|solicita|reservar|reserva|concertar|agendar|marcar) (?:una |un |tu |su |mi |o |a |uma |um )?(?:cita|presupuesto|consulta|demo|demostración|orçamento|demonstração|reunião)\b|` +
	`(?:prenota|richiedi|fissa) (?:un |una |il |la |un')?(?:appuntamento|preventivo|consulenza|demo)\b|` +
	`(?:maak een afspraak|afspraak maken|offerte aanvragen|vraag (?:een |uw )?offerte aan|plan een (?:afspraak|gesprek|demo))\b)`)

// offersService reports whether the page's <body>, outside its <nav>,
// <header>, <footer> and <aside>, holds a link, button, paragraph or
// heading that is one invitation of reServiceInvite: a short line (80
// bytes and ten words at most) with no digit, colon or address, so that
// "Call us on 0800 123 456" in a story's text does not count.
func (p *page) offersService() bool {
	if p.bodyNode == nil {
		return false
	}
	return serviceInviteIn(p.bodyNode)
}

// serviceInviteIn walks n's children for offersService.
func serviceInviteIn(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Nav, atom.Header, atom.Footer, atom.Aside:
			continue // the site's chrome invites on every page
		case atom.A, atom.Button:
			if t := textOf(c); isServiceInvite(t, reServiceInvite) || isServiceInvite(t, reServiceInviteIntl) {
				return true
			}
		case atom.P, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			if isServiceInvite(textOf(c), reServiceInvite) {
				return true
			}
		}
		if serviceInviteIn(c) {
			return true
		}
	}
	return false
}

// isServiceInvite reports whether the line s is one invitation of re,
// short and giving no number or address.
func isServiceInvite(s string, re *lazyRegexp) bool {
	return len(s) <= 80 && numFields(s) <= 10 && !strings.ContainsAny(s, ":@0123456789") &&
		re.MatchString(strings.TrimLeft(s, "-–• "))
}
