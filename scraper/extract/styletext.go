package extract

import (
	"bytes"
	"io"
)

// withoutStyleText returns a reader of body with the text of its <style>
// elements taken out; the tags stay. The extractor reads no style sheet,
// and the parser's tokenizer reads raw text a byte at a time: style sheets
// are a quarter of the bytes of the 181 news pages and a fifth of their
// parse time. body is not copied or modified.
func withoutStyleText(body []byte) io.Reader {
	spans := styleTextSpans(body)
	if len(spans) == 0 {
		return bytes.NewReader(body)
	}
	parts := make([]io.Reader, 0, len(spans)+1)
	at := 0
	for _, sp := range spans {
		parts = append(parts, bytes.NewReader(body[at:sp[0]]))
		at = sp[1]
	}
	return io.MultiReader(append(parts, bytes.NewReader(body[at:]))...)
}

// styleTextSpans returns the spans [from, to) of body that hold the text
// of a <style> element. The scan follows the tokenizer
// (golang.org/x/net/html) far enough to see the <style> start tags it
// sees: it passes over comments, the insides of tags (quoted attribute
// values) and the raw text of scripts, titles, text areas and the like. A
// style's text that holds a '<' is left out, since the parser does not
// read every <style> as raw text (in <svg> it reads markup); the scan
// stops at what it does not follow (a script that nests "<!--" and
// "<script", <plaintext>).
func styleTextSpans(body []byte) [][2]int {
	var spans [][2]int
	for i := 0; i < len(body); {
		j := bytes.IndexByte(body[i:], '<')
		if j < 0 || i+j+1 >= len(body) {
			break
		}
		i += j
		next, from, to := markupEnd(body, i)
		if next < 0 {
			break
		}
		if from < to {
			spans = append(spans, [2]int{from, to})
		}
		i = next
	}
	return spans
}

// markupEnd reads the markup that starts with the '<' at body[i] and
// returns where the scan goes on, and the span [from, to) of a style's
// text to drop (empty if none). next is -1 when the scan must stop.
func markupEnd(body []byte, i int) (next, from, to int) {
	switch c := body[i+1]; {
	case isASCIILetter(c):
		nameEnd, end := tagEnd(body, i+1)
		return rawTextEnd(body, body[i+1:nameEnd], end)
	case c == '/':
		if i+2 < len(body) && isASCIILetter(body[i+2]) {
			_, end := tagEnd(body, i+2)
			return end, 0, 0
		}
		return closeAngle(body, i+2), 0, 0
	case c == '!' && bytes.HasPrefix(body[i+2:], []byte("--")):
		return commentEnd(body, i+4), 0, 0
	case c == '!' || c == '?':
		return closeAngle(body, i+2), 0, 0
	}
	return i + 1, 0, 0 // a '<' in text
}

// rawTextEnd returns where the scan goes on after the start tag name
// ending at end: past the raw text of the elements whose text the
// tokenizer reads raw, up to their end tag. For <style> it also returns
// the span of its text when that text holds no '<'.
func rawTextEnd(body, name []byte, end int) (next, from, to int) {
	switch {
	case end >= len(body):
		return end, 0, 0
	case bytes.EqualFold(name, []byte("plaintext")):
		return -1, 0, 0
	case bytes.EqualFold(name, []byte("style")):
		close := rawEndTag(body, end, "style")
		// A self-closing <style/> holds no text in <svg>: what follows
		// it is the page's.
		if close > end && bytes.IndexByte(body[end:close], '<') < 0 && body[end-2] != '/' {
			return close, end, close
		}
		return close, 0, 0
	case bytes.EqualFold(name, []byte("script")):
		close := rawEndTag(body, end, "script")
		if t := body[end:close]; bytes.Contains(t, []byte("<!--")) && indexFoldBytes(t, "<script") >= 0 {
			return -1, 0, 0 // the tokenizer's double-escaped script state
		}
		return close, 0, 0
	}
	for _, raw := range []string{"textarea", "title", "iframe", "noembed", "noframes", "noscript", "xmp"} {
		if bytes.EqualFold(name, []byte(raw)) {
			return rawEndTag(body, end, raw), 0, 0
		}
	}
	return end, 0, 0
}

// rawEndTag returns the index of the "</name" that ends raw text starting
// at i: followed by white space, '/' or '>', in any case; len(body) if
// none does.
func rawEndTag(body []byte, i int, name string) int {
	for {
		k := bytes.Index(body[i:], []byte("</"))
		if k < 0 {
			return len(body)
		}
		k += i
		e := k + 2 + len(name)
		if e < len(body) && bytes.EqualFold(body[k+2:e], []byte(name)) {
			switch body[e] {
			case ' ', '\n', '\r', '\t', '\f', '/', '>':
				return k
			}
		}
		i = k + 2
	}
}

// tagEnd reads a tag whose name starts at body[i] as the tokenizer does
// (readTag) and returns the end of its name and the index past its '>'
// (len(body) if the tag does not end).
func tagEnd(body []byte, i int) (nameEnd, end int) {
	for nameEnd = i; nameEnd < len(body); nameEnd++ {
		if c := body[nameEnd]; isHTMLSpace(c) || c == '/' || c == '>' {
			break
		}
	}
	k := skipHTMLSpace(body, nameEnd)
	for k < len(body) {
		if body[k] == '>' {
			return nameEnd, k + 1
		}
		k = attrEnd(body, k)
		k = skipHTMLSpace(body, k)
	}
	return nameEnd, len(body)
}

// attrEnd reads one attribute (or a '/') from body[k] as the tokenizer's
// readTagAttrKey and readTagAttrVal do and returns the index after it.
func attrEnd(body []byte, k int) int {
	start := k
	for ; k < len(body); k++ {
		c := body[k]
		if c == '=' && k == start {
			continue // an '=' that opens a name is part of it
		}
		if c == '=' || isHTMLSpace(c) || c == '/' || c == '>' {
			break
		}
	}
	k = skipHTMLSpace(body, k)
	if k >= len(body) || body[k] != '=' {
		if k < len(body) && body[k] == '/' {
			k++
		}
		return k
	}
	k = skipHTMLSpace(body, k+1)
	if k >= len(body) {
		return k
	}
	switch q := body[k]; q {
	case '>':
		return k
	case '"', '\'':
		if e := bytes.IndexByte(body[k+1:], q); e >= 0 {
			return k + 1 + e + 1
		}
		return len(body)
	}
	for ; k < len(body) && !isHTMLSpace(body[k]) && body[k] != '>'; k++ {
	}
	return k
}

// commentEnd returns the index past the comment whose text starts at i
// (after "<!--"), ended as the tokenizer's readComment ends it: "-->",
// "--!>", or a '>' after nothing but dashes ("<!-->", "<!--->").
func commentEnd(body []byte, i int) int {
	for k := i; ; k++ {
		e := bytes.IndexByte(body[k:], '>')
		if e < 0 {
			return len(body)
		}
		k += e
		if k == i || k == i+1 && body[i] == '-' ||
			k-2 >= i && body[k-1] == '-' && body[k-2] == '-' ||
			k-3 >= i && body[k-1] == '!' && body[k-2] == '-' && body[k-3] == '-' {
			return k + 1
		}
	}
}

// closeAngle returns the index past the next '>' from i, or len(body).
func closeAngle(body []byte, i int) int {
	if i >= len(body) {
		return len(body)
	}
	if e := bytes.IndexByte(body[i:], '>'); e >= 0 {
		return i + e + 1
	}
	return len(body)
}

func skipHTMLSpace(body []byte, k int) int {
	for k < len(body) && isHTMLSpace(body[k]) {
		k++
	}
	return k
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

// indexFoldBytes is the index of the ASCII word w, which starts with
// '<', in b, in any case, or -1.
func indexFoldBytes(b []byte, w string) int {
	for k := 0; ; k++ {
		e := bytes.IndexByte(b[k:], '<')
		if e < 0 {
			return -1
		}
		k += e
		if k+len(w) <= len(b) && bytes.EqualFold(b[k:k+len(w)], []byte(w)) {
			return k
		}
	}
}
