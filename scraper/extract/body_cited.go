package extract

import (
	"strings"

	"golang.org/x/net/html/atom"
)

// titledItem reports whether b, a list item, opens with its link and
// goes on after a separator (",", a dash, "|", "(", "·"): a headline and
// when, where or by whom it ran ("<a>Shops brace for the works</a>, from
// our business desk"), where a point of the story that opens with a
// link goes on with its sentence.
func (x *contentExtractor) titledItem(b block) bool {
	if b.at < 0 || int(b.at) >= len(x.nodes) {
		return false
	}
	a := x.nodes[b.at]
	for a != nil && a.DataAtom != atom.A {
		if a.DataAtom == atom.Li || a.DataAtom == atom.Dd || a.DataAtom == atom.Dt {
			return false // the text began outside a link
		}
		a = a.Parent
	}
	if a == nil {
		return false
	}
	for n := a; n != nil && n.DataAtom != atom.Li; n = n.Parent {
		if n.NextSibling != nil {
			next := textOf(n.NextSibling)
			for s := n.NextSibling.NextSibling; next == "" && s != nil; s = s.NextSibling {
				next = textOf(s)
			}
			return next != "" && strings.ContainsRune(",–—-|(·:", []rune(next)[0])
		}
	}
	return false
}
