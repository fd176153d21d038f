package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// reCommentHeading matches the heading that opens a page's comment
// section when its class names do not say so: the plural alone or after
// the order the thread is shown in ("Kommentare", "Reader comments",
// "Comments (12)", "Top rated comments") or a count ("27
// commentaires", "No comments yet", "5 thoughts on “...”"). The singular
// alone is left out: "Comment" and "Kommentar" head opinion pieces.
var reCommentHeading = lazyRE(`(?i)^(?:(?:leser|reader(?:'?s'?)?|user|top[- ]rated|top|best|featured)\s*-?\s*)?(?:comments|kommentare|leserkommentare|commentaires|comentarios|comentários|commenti|reacties)(?:\s*[(\[]?\d+[)\]]?)?$|^(?:\d+|no|one|ein|eine|keine|un|une|aucun|uno|una)\s+(?:comments?|kommentare?|commentaires?|comentarios?|comentários?|comment[io]|reacties?|responses?|replies|reply|antworten|antwort|réponses?|respuestas?|thoughts)\b`)

// reCommentLine matches a line that opens a comment section without
// being marked up as a heading: the plural of "comment", alone, after a
// verb that shows them or with their count ("View comments (27)", "12
// Kommentare"). Replies and answers are left out (a forum's thread
// counts them), and so is a label ("Comments:" before a card's count).
var reCommentLine = lazyRE(`(?i)^(?:(?:view|show|see|read|all|alle|voir|ver)\s+(?:the\s+|all\s+|die\s+|les\s+|los\s+)?)?(?:comments|kommentare|commentaires|comentarios|comentários|commenti|reacties)(?:\s*[(\[]?\d+[)\]]?)?$|^\d+\s+(?:comments|kommentare|commentaires|comentarios|comentários|commenti|reacties)$`)

// isCommentLine reports whether t, a short line that is no heading,
// opens a comment section (reCommentLine).
func isCommentLine(t string) bool {
	t = strings.Join(strings.Fields(t), " ")
	return !strings.HasSuffix(t, ":") && reCommentLine.MatchString(bareLower(t))
}

// isCommentHeading reports whether a heading's text opens a comment
// section (reCommentHeading).
func isCommentHeading(t string) bool {
	t = strings.Join(strings.Fields(t), " ")
	return len(t) <= 200 && reCommentHeading.MatchString(bareLower(t))
}

// noteCommentHeading marks the sections that a comment heading opens,
// bottom-up: a heading that matches opens its subtree; an element whose
// first child with text opens one opens too; a child that opens one
// after other text is the comment section, named as if by its class.
// A section opened by a line that is no heading (isCommentLine) is
// noted as such (cmtLine): prune keeps it when it holds most of the
// page's paragraphs and follows no story, for such a line above the
// story ("Comments" as a tab, the byline's "12 comments") opens the
// story's own wrapper.
func (x *contentExtractor) noteCommentHeading(n *html.Node, in *nodeInfo) {
	if isHeading(n.DataAtom) {
		in.opensCmt = in.text > 0 && in.text <= 200 && mayNameComments(n, 0) && isCommentHeading(textOf(n))
		return
	}
	if !in.block && in.link == 0 && in.text > 0 && in.text <= 40 && n.DataAtom != atom.P && n.DataAtom != atom.Li &&
		mayNameComments(n, 0) && isCommentLine(textOf(n)) {
		// A line of its own, set as no heading ("<div><span>View
		// comments</span> (27)</div>"), unlinked: a link there is the
		// byline's count that leads to the thread.
		in.opensCmt, in.cmtLine = true, true
	}
	// On a page that declares an article, a row of words that starts
	// with such a line and is none itself ("Comments Share Print") is a
	// bar of tabs: it opens nothing.
	row := x.declared && !in.block && !in.cmtLine
	first := true
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if first && strings.TrimSpace(c.Data) != "" {
				first = false
			}
		case html.ElementNode:
			ci := x.info(c)
			if ci == nil || ci.junk || ci.text == 0 {
				continue
			}
			if ci.opensCmt {
				if first && !(row && ci.cmtLine) {
					in.opensCmt, in.cmtLine = true, ci.cmtLine
				} else if !first {
					ci.comment, ci.negative = true, true
				}
			}
			first = false
		}
	}
}

// commentStems are parts of the words reCommentHeading matches, in the
// cases headings are set in: a heading whose text holds none of them is
// not read further, which spares the text of most headings.
var commentStems = []string{"omment", "OMMENT", "oment", "OMENT", "eacti", "EACTI", "espons", "ESPONS",
	"epl", "EPL", "ntwort", "NTWORT", "éponse", "ÉPONSE", "espuesta", "ESPUESTA", "hought", "HOUGHT"}

// mayNameComments reports whether a text node below n holds one of the
// commentStems.
func mayNameComments(n *html.Node, depth int) bool {
	if depth > 8 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			for _, st := range commentStems {
				if strings.Contains(c.Data, st) {
					return true
				}
			}
		case html.ElementNode:
			if mayNameComments(c, depth+1) {
				return true
			}
		}
	}
	return false
}

// followsStory reports whether a comment section n comes after the
// story it answers: the page's first <h1> comes before n, and n's earlier
// siblings hold 200 bytes of paragraph text or more. Such a section is
// not the page's content however long the thread is (an open thread's
// short post above hundreds of replies).
func (x *contentExtractor) followsStory(n *html.Node) bool {
	if len(x.h1s) == 0 || x.h1s[0] >= x.idx[n] {
		return false
	}
	para := 0
	for s := n.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type != html.ElementNode {
			continue
		}
		if si := x.info(s); si != nil && !si.junk {
			para += si.para
		}
	}
	return para >= 200
}
