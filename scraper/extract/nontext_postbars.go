package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Each post of a thread carries the same bar of controls: "Reply Quote
// 0", "1 Reply Last reply", a share menu ("Copy Link", "Share on X"),
// with a count or an avatar's initial beside them that changes from post
// to post. Boards name those bars in their class words, which chrome and
// card rules read; a board whose class words say nothing (hashed, or
// none) leaves them in the text, once per post. What marks them on any
// board is the repetition itself: the same short line, numbers and
// initials aside, in three places of one thread, where a post's own
// words are its own.

// barMinRepeats is how many times a short line must recur in a thread
// for dropPostBars to take it for a post's controls.
const barMinRepeats = 3

// barKey returns the key under which a forum block counts as a possible
// line of a post's bar: its words in lower case without numbers ("12",
// "3.2k", "+1") and single letters (an avatar's initial), when the block
// is a short line (eight words and 80 bytes at most) that is no heading,
// ends no sentence, dates nothing (a post's stamp, which references may
// keep), labels nothing ("Label: value", a field of the poster's card
// some references keep) and keeps two words or more, not all of them in
// capitals when three or fewer (a poster's name, which a board repeats
// over each of their posts). Otherwise "". phrase reports a key of more
// than four words that reads as a phrase (no count or initial left out,
// most words in lower case): "Same problem here with the new app",
// which three posters may each write, or a board's "wrote on ... last
// edited by"; dropPostBars tells them apart by their markup.
func barKey(b block) (key string, phrase bool) {
	t := b.text
	if b.heads() || len(t) > 80 || endsSentence(t) || dateLike(t) || strings.Contains(t, ":") {
		return "", false
	}
	fs := strings.Fields(t)
	if len(fs) > 8 {
		return "", false
	}
	kept := fs[:0:0]
	capital := 0 // words in capitals: a poster's name ("Ann Lee") is all so
	for _, f := range fs {
		w := strings.TrimFunc(f, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
		if len([]rune(w)) <= 1 || isCount(w) {
			continue
		}
		if unicode.IsUpper([]rune(w)[0]) {
			capital++
		}
		kept = append(kept, strings.ToLower(w))
	}
	if len(kept) < 2 || capital == len(kept) && len(kept) <= 3 {
		return "", false // a lone word ("Share", "Reply") or a name may be a post's own, or its poster's
	}
	return strings.Join(kept, " "), len(kept) > 4 && len(kept) == len(fs) && capital*2 <= len(kept)
}

// isCount reports whether a word is a number as a counter prints it:
// digits with separators, a k or m after them ("3.2k").
func isCount(w string) bool {
	w = strings.TrimRight(w, "km")
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

// dropPostBars drops from a thread's text (marks.threaded) the lines of
// its posts' bars: a short line whose key (barKey) barMinRepeats blocks
// share in separate places, outside code (a log's repeated lines are the
// poster's), outside an unlinked paragraph (copyMarks.said: "Count me
// in", which three posters may write) and, for a phrase (barKey),
// outside a poster's writing (paragraphs, lines broken by <br>:
// copyMarks.written). The walk is linear: one count, one pass.
func dropPostBars(bs []block, marks copyMarks) []block {
	keys := make([]string, len(bs))
	seen := map[string]int{}
	for i, b := range bs {
		if marks.pasted != nil && marks.pasted(b) {
			continue
		}
		key, phrase := barKey(b)
		if phrase && marks.written != nil && marks.written(b) || marks.said != nil && marks.said(b) {
			continue // a phrase written as a paragraph or a post's line, a paragraph of its own: a post's
		}
		// A run of lines under one key (the rows of a post's table or
		// list: "Day 1 - 12 km", "Day 2 - 15 km") counts once: bars
		// recur from post to post, with the posts' words between them.
		if keys[i] = key; key != "" && (i == 0 || keys[i-1] != key) {
			seen[key]++
		}
	}
	out := bs[:0:0]
	for i, b := range bs {
		if keys[i] == "" || seen[keys[i]] < barMinRepeats {
			out = append(out, b)
		}
	}
	return out
}

// inWriting reports whether block b is written as a poster writes: in a
// <p>, or as a line of a text broken by <br> (a board that sets a post's
// body without paragraphs): a line of an element that holds a <br> of
// its own. A board's own lines (a bar of controls,
// "wrote on ... last edited by") sit alone in <div>s and <span>s.
func (p *page) inWriting(b block) bool {
	n := p.blockElement(b)
	if n == nil {
		return false
	}
	if n.DataAtom == atom.P {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Br {
			return true
		}
	}
	return false
}

// saidInPost reports whether block b is a poster's words rather than a
// label of the board's: an unlinked paragraph (<p>) not written as a
// title (every word capitalized: a poster's rank, "Big Board Owner",
// which some boards set as a <p> in the poster's card). Boards set their
// cards' and bars' other labels in <div>s, <span>s, <dt>s and links.
func (p *page) saidInPost(b block) bool {
	if b.link >= 0.5 {
		return false
	}
	n := p.blockElement(b)
	return n != nil && n.DataAtom == atom.P && !titleCased(b.text)
}

// titleCased reports whether every word of t that starts with a letter
// starts with a capital. It allocates nothing: dropPostBars asks it of
// a thread's every paragraph.
func titleCased(t string) bool {
	start := true
	for _, r := range t {
		switch {
		case unicode.IsSpace(r):
			start = true
		case start && unicode.IsLetter(r) && !unicode.IsUpper(r):
			return false
		default:
			start = false
		}
	}
	return true
}
