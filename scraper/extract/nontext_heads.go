package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A thread's posts open with a header: who wrote the post and when
// ("peccavi" / "January 11, 2025, 1:13am"). The block model scores such
// a header low (a short linked name, a stamp beside menus of buttons)
// and the forum rules drop a date line as a poster's card line, so the
// text came out as the posts' bodies run together, not saying who
// answered whom. Most forum references keep each post's name and stamp
// over its body. withPostHeads puts them back from the page's markup:
// for each post of the run of signed, dated records (threadPosts), the
// text of its first profile link or user-named element (the poster) and
// of its first <time> or datetime element (the stamp), when the post's
// body is in the text and the header is not there already.

// postHead is the header of one post: the poster's name and the post's
// stamp (either may be empty), at their elements' document-order
// indexes, and the post's span of indexes.
type postHead struct {
	name, stamp     string
	nameAt, stampAt int32
	lo, hi          int32
}

// headNameMax and headStampMax bound the bytes of a poster's name and a
// post's stamp: longer texts are a card or a sentence.
const (
	headNameMax  = 40
	headStampMax = 60
	// headLineWords is the most words of a line that holds a header already.
	headLineWords = 8
)

// postHeads returns the headers of the thread's posts: for each signed,
// dated element that holds no other (c.sigs), the largest element
// around it holding no other (the post, postAround). Posts are
// disjoint, so the walk reads each element once.
func (p *page) postHeads() []postHead {
	c, _ := p.threadPosts()
	if c.records < 2 {
		return nil
	}
	var heads []postHead
	for i := range c.sigs {
		post := p.postAround(c.sigs, i, nil)
		lo, ok := p.x.idx[post]
		if !ok || len(heads) > 0 && lo <= heads[len(heads)-1].hi {
			continue
		}
		h := postHead{lo: lo, hi: int32(p.x.subtreeEnd(int(lo)))}
		p.readHead(&h)
		if h.name != "" || h.stamp != "" {
			heads = append(heads, h)
		}
	}
	return heads
}

// readHead finds in a post's span its poster's name and its stamp,
// outside quotes (a quote names and dates the post it copies). The name
// is a profile link's text in a short element of its own (a header's
// name line, not a mention in a sentence nor the name over a preview of
// the post answered); the stamp is the text of a <time> element, or of
// one with a datetime attribute or a class or id naming a date or a time
// (classDated), or the post's permalink dated to the minute
// (permalinkStamp), not labelled as a poster's date (labelled,
// cardDated).
func (p *page) readHead(h *postHead) {
	for i := int(h.lo); i <= int(h.hi) && (h.name == "" || h.stamp == ""); i++ {
		n := p.x.nodes[i]
		if n.Type != html.ElementNode {
			continue
		}
		if n.DataAtom == atom.Blockquote {
			i = p.x.subtreeEnd(i)
			continue
		}
		if h.name == "" && n.DataAtom == atom.A && profileHref(attr(n, "href")) {
			if t := shortText(n, headNameMax); isHeadName(t) && !replyLine(shortText(n.Parent, 2*headNameMax), t) {
				h.name, h.nameAt = t, int32(i)
				continue
			}
		}
		if perma := h.stamp == "" && permalinkStamp(n); perma || h.stamp == "" && (n.DataAtom == atom.Time || hasAttr(n, "datetime") || classDated(n)) {
			if t := shortText(n, headStampMax); (perma || isHeadStamp(t)) && !labelled(n) && !cardDated(t) && !editStamp(n) {
				h.stamp, h.stampAt = t, int32(i)
			}
		}
	}
}

// permalinkStamp reports whether n is a link to an anchor (its href
// holds a fragment: the post's permalink, "viewtopic.php?p=12#p12")
// whose text is a date with a time of day in six fields at most ("Sun
// Dec 17, 2023 11:23 am", which isHeadStamp's word count finds too
// long): boards that print no <time> link the post's stamp to the post.
// A day alone is left out (a join date or a thread's date can be
// linked), and so is a relative stamp.
func permalinkStamp(n *html.Node) bool {
	if n.DataAtom != atom.A || !strings.Contains(attr(n, "href"), "#") {
		return false
	}
	t := shortText(n, headStampMax)
	return numFields(t) <= 6 && reClock.MatchString(t) && dateLike(t) && !relStampIn(t)
}

// replyWords are words of a line naming the member a post answers ("In
// reply to", "Replying to", "En réponse à", "Antwort auf", "En respuesta
// a"), and editWords of a line dating the post's last edit ("Edited",
// "Modifié", "Bearbeitet", "Editado"), in lower case.
var (
	replyWords = []string{"repl", "respon", "répon", "antwort", "respuesta"}
	editWords  = []string{"edit", "modifi", "bearbeit", "geändert"}
)

// replyLine reports whether line, the text of the element around a
// profile link whose text is name, is not a poster's name line: empty
// (the element is long: a sentence or a preview of the post answered) or
// naming the member answered ("In reply to halyard"), whose name put
// over the post would read as its poster's.
func replyLine(line, name string) bool {
	return line == "" || ledBy(line, name, replyWords)
}

// editStamp reports whether the text just before a stamp's element (or
// before its parent, when the element opens it: "Edited <a><time>")
// holds an edit word: the stamp dates the post's last edit, not the post.
func editStamp(n *html.Node) bool {
	s := n.PrevSibling
	if s == nil && n.Parent != nil {
		s = n.Parent.PrevSibling
	}
	if s == nil || s.Type != html.TextNode {
		return false
	}
	return holdsAny(strings.ToLower(s.Data), editWords)
}

// ledBy reports whether a word of words (lower case) comes in line
// before t.
func ledBy(line, t string, words []string) bool {
	i := strings.Index(line, t)
	if i <= 0 {
		return false
	}
	return holdsAny(strings.ToLower(line[:i]), words)
}

// holdsAny reports whether s holds one of words.
func holdsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// classDated reports whether a class or id of n names a date or a time
// (postClassMarks).
func classDated(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			if dated, _ := postClassMarks(a.Val); dated {
				return true
			}
		}
	}
	return false
}

// labelled reports whether a stamp's element follows a card's label in
// its parent ("Joined: <span class="date">Mar 2016</span>"): a poster's
// date, not the post's.
func labelled(n *html.Node) bool {
	l, _ := cardLabel(shortText(n.Parent, headStampMax+20))
	return cardLabels[l]
}

// cardDated reports whether a stamp's text opens with a card's label
// without its colon ("Joined 2012", "Member since May 2020").
func cardDated(t string) bool {
	w := strings.Fields(strings.ToLower(t))
	return len(w) > 0 && cardLabels[w[0]] || len(w) > 1 && cardLabels[w[0]+" "+w[1]]
}

// isHeadName reports whether t, a profile link's text, reads as a
// poster's name: four words at most, three bytes or more (not an
// avatar's initial), a letter, no date, no label and no line of a
// poster's card ("L Offline", "Senior Member").
func isHeadName(t string) bool {
	if len(t) < 3 || numFields(t) > 4 || dateLike(t) || strings.HasSuffix(t, ":") ||
		postCardWords[bareLower(t)] || reCardLine.MatchString(t) {
		return false
	}
	return strings.IndexFunc(t, unicode.IsLetter) >= 0
}

// isHeadStamp reports whether t, a <time> element's text, is a post's
// stamp: six words or fewer with a date. A relative one ("2 years ago")
// is left out: it is wrong once the page is archived.
func isHeadStamp(t string) bool {
	return t != "" && countWords(t) <= 6 && dateLike(t) && !relStampIn(t)
}

// withPostHeads returns bs, a forum's text in document order, with each
// post's name and stamp (postHeads) put back before the post's body: the
// first block of bs inside the post with postSiblingWords words or more.
// A post whose body is not in bs gets none (its header would stand
// alone), and a name or a stamp that a short block of the post before
// its body holds already is not added again.
func (p *page) withPostHeads(bs []block) []block {
	heads := p.postHeads()
	if len(heads) == 0 || len(bs) == 0 {
		return bs
	}
	var add []block
	prev := -1 // the previous post's body block: what lies after it is this post's
	for _, h := range heads {
		j := sort.Search(len(bs), func(j int) bool { return bs[j].at >= h.lo })
		body := -1
		for k := j; k < len(bs) && bs[k].at <= h.hi; k++ {
			if countWords(bs[k].text) >= postSiblingWords {
				body = k
				break
			}
		}
		if body < 0 {
			continue
		}
		before := bs[prev+1 : body] // a poster's card may sit outside the post's element
		prev = body
		if h.name != "" && h.nameAt < bs[body].at && !holdsLine(before, h.name) {
			add = append(add, block{text: h.name, kind: kindPara, at: h.nameAt})
		}
		if h.stamp != "" && h.stampAt < bs[body].at && !holdsLine(before, h.stamp) {
			add = append(add, block{text: h.stamp, kind: kindPara, at: h.stampAt})
		}
	}
	if len(add) == 0 {
		return bs
	}
	out := append(slices.Clip(bs), add...)
	slices.SortStableFunc(out, func(a, b block) int { return int(a.at - b.at) })
	return out
}

// holdsLine reports whether a short line of bs (headLineWords words at
// most: a header's, not a sentence that names the poster) holds t,
// ignoring case.
func holdsLine(bs []block, t string) bool {
	t = strings.ToLower(t)
	for _, b := range bs {
		if countWords(b.text) <= headLineWords && indexFold(b.text, t) >= 0 {
			return true
		}
	}
	return false
}
