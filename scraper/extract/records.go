package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// Repeated records. A forum thread's posts, a listing's items, a shop's
// product cards and a product's spec rows are sibling subtrees of one
// shape: the same tag and the same class names (digits aside). Each is a
// record, and the records of one parent form a group. The block model
// reads a block's record, its group's size and text share (blockfeat.go),
// and whether the block's text repeats (a record template's line).

// recordMinMembers is the least number of like siblings that make a group.
const recordMinMembers = 3

// recordMaxShare is the most of a group's text one member may hold: a
// page's wrappers (one big main beside a small header and footer) are
// not records.
const recordMaxShare = 0.6

// recordSig is an element's shape: its tag and its class names without
// digits (generated names differ in numbers only).
func recordSig(n *html.Node) string {
	c := attr(n, "class")
	if c == "" {
		return n.Data
	}
	var b strings.Builder
	b.WriteString(n.Data)
	b.WriteByte('.')
	for _, f := range strings.Fields(c) {
		f = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return -1
			}
			return r
		}, f)
		b.WriteString(f)
		b.WriteByte(' ')
	}
	return b.String()
}

// recordGroup is a group's size: its records and their text bytes.
type recordGroup struct{ members, text int }

// recordGroups finds the outermost groups of records below body and
// returns, for each record, its group's number (1, 2, ...), and the
// groups' sizes (group n at n-1).
func (x *contentExtractor) recordGroups(body *html.Node) (map[*html.Node]int32, []recordGroup) {
	out := make(map[*html.Node]int32)
	var sizes []recordGroup
	var next int32
	var walk func(p *html.Node)
	walk = func(p *html.Node) {
		groups := map[string][]*html.Node{}
		var order []string
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || featSkip(c) {
				continue
			}
			in := x.info(c)
			if in == nil || in.text == 0 || in.consent {
				continue
			}
			s := recordSig(c)
			if groups[s] == nil {
				order = append(order, s)
			}
			groups[s] = append(groups[s], c)
		}
		for _, s := range order {
			ms := groups[s]
			if len(ms) < recordMinMembers {
				continue
			}
			total, most := 0, 0
			for _, m := range ms {
				t := x.info(m).text
				total += t
				most = max(most, t)
			}
			if float64(most) > recordMaxShare*float64(total) {
				continue
			}
			next++
			sizes = append(sizes, recordGroup{len(ms), total})
			for _, m := range ms {
				out[m] = next
			}
		}
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && out[c] == 0 && !featSkip(c) {
				walk(c)
			}
		}
	}
	walk(body)
	return out, sizes
}
