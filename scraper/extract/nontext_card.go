package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropCardItems drops from a forum page's main text the lines of the
// posters' cards written as a definition list: the <dd> items of a <dl>
// that is a card (isPosterCard), and both lines of the one-pair lists
// that the cards repeat (cardPairs). The poster's name, the <dt>, stays;
// the rank, the post count, the join date and the custom fields under
// it go ("Volunteer", "Posts: 1725", "Joined: 14. Sep 2019"), as the
// forum references keep the name and drop the rest.
func (p *page) dropCardItems(bs []block) []block {
	cards := map[*html.Node]bool{}
	keys, count := p.cardPairs(bs)
	var terms map[string]int // read only when a count or a date is found
	return dropBlocks(bs, func(b block) bool {
		dl := p.pairOf(b)
		if k, ok := keys[dl]; ok && k != "\x00" && (count[k] >= minCardPairs || pairCounts(dl) && (underPoster(dl) || p.termRepeated(&terms, k))) {
			return true
		}
		dd := p.cardItem(b)
		if dd == nil {
			return false
		}
		dl = dd.Parent
		is, ok := cards[dl]
		if !ok {
			is = isPosterCard(dl)
			cards[dl] = is
		}
		return is
	})
}

// A poster's card on some boards (XenForo's "pairs") sets each field as
// a <dl> of its own, one term and one item: "Joined" / "Dec 23, 2009",
// "Member Type" / "Student or Learner", "Home Country" / "Spain". The
// labels are the board's own custom fields, which no list of labels
// knows, but every post's card repeats them: a one-pair list whose term
// minCardPairs lists of the page share goes, term and item. A card's
// lists stand apart from the post's words; lists among a post's words
// (a small ad's "Price" / "£180") are the post's own.

// pairCounts reports whether the one-pair list dl's item is a count or
// a date ("1 287", "12.04.2019": isCardValue, isStampLine). Standing
// apart from any post's words (cardPairs), such a pair is a member's
// tally on a poster's card, whatever the board calls it and however few
// cards the page shows (a thread of two posts; an earlier rule may
// already have taken one card's line); a term with a word for its item
// ("Location" / "Kazan") needs minCardPairs cards, as a post's own
// lists may repeat it. A count or a date is still a card's only when its
// term is set twice on the page (termRepeated): a post's own fact box
// holds counts and dates too, once.
func pairCounts(dl *html.Node) bool {
	for c := dl.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Dd {
			t := strings.TrimSpace(textOf(c))
			return isCardValue(t) || isStampLine(t)
		}
	}
	return false
}

// termRepeated reports whether two one-pair lists of the page's markup
// or more have the term k (pageTerms, counted once into *terms): a
// poster's card repeats its labels on every post, while a post's own fact
// box ("Baujahr" / "1987", "Gekauft" / "03.05.2021") is set once. The
// markup is counted, not the blocks, since an earlier rule may already
// have taken one card's line.
func (p *page) termRepeated(terms *map[string]int, k string) bool {
	if *terms == nil {
		*terms = pageTerms(p.x.nodes)
	}
	return (*terms)[k] >= 2
}

// underPoster reports whether the one-pair list dl sits with a poster's
// name: the first element above it that holds more than lists holds a
// link beside them (the name, the avatar) and at most pairSlack bytes of
// text (a title). A card's count or date goes so even where its term is
// set once on the page (a thread of one post, a reply by a guest with no
// card), while a post's own fact box sits among the post's words.
func underPoster(dl *html.Node) bool {
	for n, d := dl.Parent, 0; n != nil && d < 3; n, d = n.Parent, d+1 {
		if link, more := besideLists(n); more {
			return link && !textOver(n, pairSlack, isDl)
		}
	}
	return false
}

// besideLists reports whether n has a child besides <dl>s and spacing
// (more), and whether one of them is or holds a link.
func besideLists(n *html.Node) (link, more bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Dl || c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" || c.Type == html.CommentNode {
			continue
		}
		more = true
		link = link || c.DataAtom == atom.A || hasLink(c, 1)
	}
	return link, more
}

// pageTerms counts the one-pair lists among nodes by their term
// (pairKey).
func pageTerms(nodes []*html.Node) map[string]int {
	terms := map[string]int{}
	for _, n := range nodes {
		if n.DataAtom == atom.Dl {
			if k, one := pairKey(n); one {
				terms[k]++
			}
		}
	}
	return terms
}

// pairSlack is the most text, in bytes, outside links and lists beside a
// card's one-pair lists: a poster's title ("Well-known member").
const pairSlack = 60

// isDl reports whether n is a definition list.
func isDl(n *html.Node) bool { return n.DataAtom == atom.Dl }

// minCardPairs is the fewest one-pair lists with the same term that make
// them the fields of posters' cards.
const minCardPairs = 3

// cardPairs maps each one-pair list (pairOf) that a block of bs begins
// in to its term (pairKey), and counts the lists by term. Each list is
// read once: a long list's blocks cost one look each.
func (p *page) cardPairs(bs []block) (keys map[*html.Node]string, count map[string]int) {
	keys, count = map[*html.Node]string{}, map[string]int{}
	prose := map[*html.Node]bool{} // by parent: read once for all its lists
	for _, b := range bs {
		dl := p.pairOf(b)
		if dl == nil {
			continue
		}
		if _, ok := keys[dl]; !ok {
			k, one := pairKey(dl)
			if one && dl.Parent != nil {
				in, seen := prose[dl.Parent]
				if !seen {
					in = textOver(dl.Parent, pairSlack, isDl)
					prose[dl.Parent] = in
				}
				one = !in
			}
			if !one {
				k = "\x00" // not one pair, or a post's own
			}
			keys[dl] = k
			count[k]++
		}
	}
	return keys, count
}

// pairOf returns the <dl> that block b begins in as its <dt> or <dd>
// (within three levels of the element its text began under), or nil.
func (p *page) pairOf(b block) *html.Node {
	if b.at < 0 || int(b.at) >= len(p.x.nodes) || len(b.text) > 60 {
		return nil
	}
	for n, d := p.x.nodes[b.at], 0; n != nil && d < 3; n, d = n.Parent, d+1 {
		switch n.DataAtom {
		case atom.Dt, atom.Dd:
			if dl := n.Parent; dl != nil && dl.DataAtom == atom.Dl {
				return dl
			}
			return nil
		case atom.Dl:
			return nil
		}
	}
	return nil
}

// pairKey returns the term of dl, lower case, spacing collapsed, without
// a colon, and whether dl is one pair: one <dt> of 40 bytes at most and
// one <dd>. It stops at the third term or item.
func pairKey(dl *html.Node) (key string, one bool) {
	var dt *html.Node
	dds := 0
	for c := dl.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Dt:
			if dt != nil {
				return "", false
			}
			dt = c
		case atom.Dd:
			if dds++; dds > 1 {
				return "", false
			}
		}
	}
	if dt == nil || dds != 1 {
		return "", false
	}
	t := textOf(dt)
	if len(t) > 40 {
		return "", false
	}
	return strings.TrimSuffix(strings.ToLower(cleanSpace(t)), ":"), true
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
