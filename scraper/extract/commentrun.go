package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Readers' comments recognised by their shape, not by their class names
// (issue 8): on a site whose class names are hashed (CSS modules) or
// utility classes, "comment" appears nowhere in the markup, and a thread
// under a story swells the page's paragraph total that the candidates'
// shares are judged against (x.total), or joins the story. What every
// comment system draws is the same: a run of sibling blocks, each with
// its writer's name, a time stamp (often relative: "3 hours ago") and a
// control to answer it ("Reply", "Antworten", "Répondre"). A forum's
// posts are drawn so too, but there the first post opens the run: only a
// run that follows a story is taken for comments (storyBefore). A thread
// under a forum's rules notice and a live blog's entries below its intro
// have that shape after prose too, and there the run is the page's
// content, outweighing the prose before it. Comments are a story's
// appendix: on a page that does not declare an article (x.declared), the
// prose before must hold more text than the run, however long it is: a
// forum's opening post drawn apart from its replies, without a reply
// control of its own, is prose of a story's length before a run of
// comments (review39e). A page that declares
// itself a thread or a live blog (x.thread: QAPage, DiscussionForumPosting,
// LiveBlogPosting) says that its run is its content: no run is taken for
// comments there.

// commentRunMin is how many comment-shaped siblings make a thread.
const commentRunMin = 3

// commentItemMax is the most text a comment with its replies holds; a
// longer block is a section of a page, not one reader's say.
const commentItemMax = 6000

// storyBeforeMin is how much paragraph text must come before a run of
// comments for it to follow a story: some four sentences.
const storyBeforeMin = 400

// replyLabels are the labels of the control that answers a comment, in
// the languages the extractor reads, lower case, without a count.
var replyLabels = map[string]bool{
	"reply": true, "replies": true, "respond": true, "antworten": true, "antwort": true, "répondre": true,
	"repondre": true, "responder": true, "responde": true, "rispondi": true, "responda": true, "responder a": true,
	"beantwoorden": true, "reageren": true, "reageer": true, "svara": true, "svar": true, "odpowiedz": true,
	"odpowiedź": true, "ответить": true, "yanıtla": true, "cevapla": true, "balas": true, "رد": true,
}

// isReplyControl reports whether a link or button's text is the control
// that answers a comment: a reply word, alone or with a count ("Reply",
// "Antworten (3)").
func isReplyControl(t string) bool {
	if len(t) > 40 {
		return false
	}
	t = strings.TrimRight(bareLower(t), "0123456789() ")
	return replyLabels[t]
}

// reStampLine matches a short line that stamps a comment with its time:
// a time of day, a numeric date, a day and a month name, or a relative
// time ("3 hours ago", "vor 2 Tagen", "il y a 5 min", "hace 1 hora").
var reStampLine = lazyRE(`(?i)\b\d{1,2}:\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}\.?\s*(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|janv|févr|mars|avr|mai|juin|juil|août|sept|déc|ene|abr|ago|dic)[a-zéû]*\.?(?:\s|$)|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d+\s*[a-zäöüéáíóúàèìò]+\s+(?:ago|fa|geleden|sedan|siden|temu|atrás|назад|önce)\b|\b(?:vor|il y a|hace|há)\s+\d+\s*[a-zäöüéáíóú]+`)

// isStampLine reports whether a short text node stamps a comment with
// its time (reStampLine); a line of more than 40 bytes is a sentence.
func isStampLine(t string) bool {
	if !strings.ContainsAny(t, "0123456789") {
		return false
	}
	t = strings.TrimSpace(t)
	return len(t) >= 3 && len(t) <= 40 && stampShaped(t) && reStampLine.MatchString(t)
}

// stampShaped is reStampLine's cheap precondition: a time or a numeric
// date holds a digit, one of ':./-' and a digit in a row (digitSepDigit);
// every other stamp holds one of stampStems (a month, "ago", "vor"). Most
// short texts with digits (counts, prices, "12 comments", "1.5 million")
// hold neither, and skip the regexp.
func stampShaped(t string) bool {
	if digitSepDigit(t) {
		return true
	}
	l := strings.ToLower(t)
	for _, w := range stampStems {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// digitSepDigit reports whether t holds a digit, one of ':./-' and a
// digit in a row ("12:45", "05.12.2026", "2026-12-05").
func digitSepDigit(t string) bool {
	for i := 1; i+1 < len(t); i++ {
		switch t[i] {
		case ':', '.', '/', '-':
			if isDigit(t[i-1]) && isDigit(t[i+1]) {
				return true
			}
		}
	}
	return false
}

// stampStems are the words of reStampLine's stamps other than a time or a
// numeric date, cut to what every spelling the regexp takes holds.
var stampStems = []string{"jan", "feb", "mar", "mär", "apr", "mai", "may", "jun", "jul", "aug", "sep", "oct", "okt",
	"nov", "dec", "dez", "févr", "avr", "juin", "juil", "août", "déc", "ene", "abr", "ago", "dic", "fa", "geleden",
	"sedan", "siden", "temu", "atrás", "назад", "önce", "vor", "il y a", "hace", "há"}

// noteCommentSigns counts the time stamps and reply controls a text or
// element node n adds to the page (x.stamps, x.replies): analyze notes
// each node's share as the difference of the counts around its subtree.
// text is n's text size (0 for a button: its text is not counted).
func (x *contentExtractor) noteCommentSigns(n *html.Node, text int) {
	switch {
	case n.Type == html.TextNode:
		if text <= 40 && isStampLine(n.Data) {
			x.stamps++
		}
	case n.DataAtom == atom.Time:
		x.stamps++
	case n.DataAtom == atom.A && text <= 30 || n.DataAtom == atom.Button:
		if mayReply(n) && isReplyControl(controlText(n)) {
			x.replies++
		}
	}
}

// controlText is the text of a link or button: its one text node's, as
// most controls hold, without the copy textOf makes; textOf's otherwise.
func controlText(n *html.Node) string {
	if c := n.FirstChild; c != nil && c.NextSibling == nil && c.Type == html.TextNode {
		return c.Data
	}
	return textOf(n)
}

// mayReply reports whether n's text is short enough to be a control's
// label, before it is read.
func mayReply(n *html.Node) bool {
	size := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			size += len(c.Data)
		case html.ElementNode:
			if c.FirstChild != nil && c.FirstChild.Type == html.TextNode {
				size += len(c.FirstChild.Data)
			}
		}
		if size > 80 {
			return false
		}
	}
	return size > 0
}

// commentShaped reports whether an element's info says it is one reader's
// comment: a time stamp and a reply control below it, and the text of a
// comment (and its replies) at most.
func commentShaped(in *nodeInfo) bool {
	return in.replies > 0 && stampedItem(in)
}

// noteCommentRun marks n as a comment section when its children are a
// run of comments (commentShaped, commentRunMin of them at least) that
// hold four fifths of its text (a heading, a count or a "load more" line
// beside them), and a story comes before n (storyBefore).
func (x *contentExtractor) noteCommentRun(n *html.Node, in *nodeInfo) {
	if in.stamps < commentRunMin || in.comment || in.text < 100 || n.DataAtom == atom.Body || n.DataAtom == atom.Html || x.thread {
		return // most elements: fewer stamps below than a run has
	}
	headed := x.afterCommentHeading(n)
	if in.replies < commentRunMin && !headed {
		return
	}
	items, itemText := 0, 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if ci := x.info(c); ci != nil && !ci.junk && (commentShaped(ci) || headed && stampedItem(ci)) && !titled(c) {
			items++
			itemText += ci.text
		}
	}
	need := storyBeforeMin
	if !x.declared {
		need = max(need, in.text+1)
	}
	if items < commentRunMin || itemText*5 < in.text*4 || !x.storyBefore(n, need) {
		return
	}
	in.comment, in.negative, in.cmtRun = true, true, true
}

// storyBefore reports whether need bytes of paragraph text come
// before n in the page, outside it: in the earlier siblings of n and of
// its ancestors. A thread's first post is one of its run, and nothing
// but its title comes before it; where it is drawn apart from the
// replies (a link board's post above its comment tree), it has a reply
// control of its own, which a story has not: prose under a reply control
// is not counted.
func (x *contentExtractor) storyBefore(n *html.Node, need int) bool {
	para := 0
	for a := n; a != nil && a.DataAtom != atom.Body; a = a.Parent {
		for s := a.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type != html.ElementNode {
				continue
			}
			if si := x.info(s); si != nil && !si.junk && si.replies == 0 {
				if para += si.para; para >= need {
					return true
				}
			}
		}
	}
	return false
}

// stampedItem reports whether an element's info says it is a signed
// block's shape without a reply control: a time stamp and a comment's
// text at most. Under a heading that names comments, that is enough.
func stampedItem(in *nodeInfo) bool {
	return in.stamps > 0 && in.text >= 20 && in.text <= commentItemMax
}

// afterCommentHeading reports whether n's previous sibling with text is
// a heading that opens a comment section (noteCommentHeading): "12
// comments" set beside the list it counts, not around it.
func (x *contentExtractor) afterCommentHeading(n *html.Node) bool {
	for s := n.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type != html.ElementNode {
			continue
		}
		si := x.info(s)
		if si == nil || si.junk || si.text == 0 {
			continue
		}
		return si.opensCmt && !si.cmtLine
	}
	return false
}

// titled reports whether n's first child with text or markup is a
// heading: a letter to the editor, a live blog's entry or an update
// opens with a title of its own, while a reader's comment opens with its
// writer's avatar or name line. Such a run is the page's own pieces,
// each with a "Reply" link to the page, not its readers' replies.
func titled(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return false
		}
		if c.Type == html.ElementNode {
			return isHeading(c.DataAtom)
		}
	}
	return false
}
