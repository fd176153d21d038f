package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropCardItems drops from a forum page's main text the lines of the
// posters' cards written as a definition list: the <dd> items of a <dl>
// that is a card (isPosterCard). The poster's name, the <dt>, stays;
// the rank, the post count, the join date and the custom fields under
// it go ("Volunteer", "Posts: 1725", "Joined: 14. Sep 2019"), as the
// forum references keep the name and drop the rest.
func (p *page) dropCardItems(bs []block) []block {
	cards := map[*html.Node]bool{}
	return dropBlocks(bs, func(b block) bool {
		dd := p.cardItem(b)
		if dd == nil {
			return false
		}
		dl := dd.Parent
		is, ok := cards[dl]
		if !ok {
			is = isPosterCard(dl)
			cards[dl] = is
		}
		return is
	})
}

// cardItem returns the <dd> that block b begins in, within four levels
// of the element its text began under, or nil.
func (p *page) cardItem(b block) *html.Node {
	if b.kind != kindItem || b.at < 0 || int(b.at) >= len(p.x.nodes) {
		return nil
	}
	for n, d := p.x.nodes[b.at], 0; n != nil && d < 4; n, d = n.Parent, d+1 {
		switch n.DataAtom {
		case atom.Dd:
			if n.Parent != nil && n.Parent.DataAtom == atom.Dl {
				return n
			}
			return nil
		case atom.Dt, atom.Dl:
			return nil
		}
	}
	return nil
}

// posterLabels are the labels of cardLabels that only a poster's card
// carries: how long and how much a member has posted, not where a thing
// is or what state it is in ("Location:", "Status:" may label a post's
// own list).
var posterLabels = map[string]bool{
	"joined": true, "join date": true, "registered": true, "member since": true, "posts": true,
	"messages": true, "total posts": true, "post count": true, "reaction score": true,
	"likes received": true, "trophy points": true, "reputation": true, "karma": true, "best answers": true,
}

// isPosterCard reports whether dl is a poster's card: a term holding a
// link (the poster's name, to the profile) and two items or more, one
// of them a member's count or join date ("Posts: 1725", "Joined: 14.
// Sep 2019"; posterLabels). A post's own list of linked terms, with a
// "Location:" line or none, is not a card.
func isPosterCard(dl *html.Node) bool {
	if dl == nil {
		return false
	}
	named, items, labelled := false, 0, false
	for c := dl.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Dt:
			named = named || hasLink(c, 0)
		case atom.Dd:
			items++
			l, _ := cardLabel(textOf(c))
			labelled = labelled || posterLabels[l]
		}
	}
	return named && items >= 2 && labelled
}

// posterTitleClasses are the class names, lower case without their
// separators, that forum software gives a poster's title or rank under
// the name ("userTitle", "usertitle", "user-title", "member-rank").
var posterTitleClasses = map[string]bool{
	"usertitle": true, "membertitle": true, "postertitle": true, "authortitle": true,
	"userrank": true, "memberrank": true, "posterrank": true, "profilerank": true,
}

// isPosterTitle reports whether n holds a poster's title: its itemprop
// is schema.org's jobTitle (a Person's), or one of its class names is
// one of posterTitleClasses. A modifier such as "no-profile-rank" on a
// post's element, or "Rank-Admin", names no title.
func isPosterTitle(n *html.Node) bool {
	for _, a := range n.Attr {
		switch {
		case a.Key == "itemprop" && strings.EqualFold(strings.TrimSpace(a.Val), "jobTitle"):
			return true
		case a.Key == "class":
			for _, c := range strings.Fields(a.Val) {
				if posterTitleClasses[joinedLower(c)] {
					return true
				}
			}
		}
	}
	return false
}

// dropPosterTitles drops from a forum page's main text the posters'
// titles and ranks under their names ("Well-known member", "Senior
// Member", a member's own motto set as a title): the blocks that begin
// inside an element that holds one (isPosterTitle) and whose text is
// part of that element's. The references of forum threads keep the
// poster's name and drop the title; a block that begins before the
// title (the name, with the title inline) stays, and so does the text
// that follows the element without another element around it (a post's
// sentence after a quoted card's jobTitle), which the block records
// as begun inside it.
func (p *page) dropPosterTitles(bs []block) []block {
	return dropSpansIf(bs, p.markedSpans(isPosterTitle), 20, func(b block, s [2]int32) bool {
		return strings.Contains(textOf(p.x.nodes[s[0]]), cleanSpace(b.text))
	})
}
