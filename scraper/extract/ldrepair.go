package extract

import (
	"bytes"
	"encoding/json"
	"html"
	"math"
	"strconv"
)

// repairLD rewrites a JSON-LD script that encoding/json rejects into JSON
// that reads as far as the text allows. Templates break JSON-LD in a few
// common ways: comments, stray or missing closing braces, trailing or
// missing commas, raw control characters and unescaped quotes inside
// strings, bare words (undefined, NaN), invalid escapes, a CDATA wrapper,
// quotes written as HTML entities. The repair is a small tokenizer that
// tracks the open containers and whether an object expects a key or a
// value; it keeps every key and value the text gives, regenerates the
// commas and never invents content (a key with no value gets null).
func repairLD(b []byte) []byte {
	if bytes.IndexByte(b, '"') < 0 && bytes.Contains(b, []byte("&quot;")) {
		// The whole script was HTML-escaped by a template.
		b = []byte(html.UnescapeString(string(b)))
	}
	r := &ldRepairer{in: b, out: make([]byte, 0, len(b)+16)}
	r.run()
	return r.out
}

// ldFrame is one open container: an object or an array.
type ldFrame struct {
	obj   bool
	n     int // elements (arrays) or keys (objects) written
	state int // objects: 0 expects a key, 1 wrote a key, 2 wrote its colon
}

type ldRepairer struct {
	in    []byte
	i     int
	out   []byte
	stack []ldFrame
	// keyFollows' answer holds for every closer before kfUntil (a run
	// of closers), so that a long run costs linear time.
	kfUntil int
	kf      bool
}

func (r *ldRepairer) run() {
	for r.i < len(r.in) {
		c := r.in[r.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			r.i++ // commas are written again where they belong
		case r.skipJunk():
		case c == ':':
			r.colon()
		case c == '}' || c == ']':
			r.close(c)
		case c == '{' || c == '[':
			if r.value(false) {
				r.out = append(r.out, c)
				r.stack = append(r.stack, ldFrame{obj: c == '{'})
			}
			r.i++
		case c == '"' || c == '\'':
			key := r.expectsKey()
			r.value(true)
			r.str(key)
		default:
			r.word()
		}
	}
	for len(r.stack) > 0 {
		r.pop()
	}
}

// skipJunk skips a comment or a CDATA marker, which are no JSON.
func (r *ldRepairer) skipJunk() bool {
	rest := r.in[r.i:]
	switch {
	case bytes.HasPrefix(rest, []byte("//")):
		if j := bytes.IndexByte(rest, '\n'); j >= 0 {
			r.i += j
		} else {
			r.i = len(r.in)
		}
	case bytes.HasPrefix(rest, []byte("/*")):
		if j := bytes.Index(rest[2:], []byte("*/")); j >= 0 {
			r.i += j + 4
		} else {
			r.i = len(r.in)
		}
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		r.i += len("<![CDATA[")
	case bytes.HasPrefix(rest, []byte("]]>")):
		r.i += len("]]>")
	default:
		return false
	}
	return true
}

func (r *ldRepairer) top() *ldFrame {
	if len(r.stack) == 0 {
		return nil
	}
	return &r.stack[len(r.stack)-1]
}

func (r *ldRepairer) expectsKey() bool {
	f := r.top()
	return f != nil && f.obj && f.state == 0
}

// value prepares the output for a value (or, where an object expects one,
// a key) and reports whether it is to be written: only a string or a bare
// word can be a key, anything else in a key's place is dropped.
func (r *ldRepairer) value(canKey bool) bool {
	f := r.top()
	switch {
	case f == nil:
		if len(r.out) > 0 {
			r.out = append(r.out, '\n')
		}
	case !f.obj:
		if f.n > 0 {
			r.out = append(r.out, ',')
		}
		f.n++
	case f.state == 0:
		if !canKey {
			return false
		}
		if f.n > 0 {
			r.out = append(r.out, ',')
		}
		f.n++
		f.state = 1
	case f.state == 1: // a key with no colon before its value
		r.out = append(r.out, ':')
		f.state = 0
	default:
		f.state = 0
	}
	return true
}

func (r *ldRepairer) colon() {
	if f := r.top(); f != nil && f.obj && f.state == 1 {
		r.out = append(r.out, ':')
		f.state = 2
	}
	r.i++
}

// pop closes the innermost container, giving a key without a value null.
func (r *ldRepairer) pop() {
	f := r.top()
	switch {
	case f.obj && f.state == 1:
		r.out = append(r.out, ":null"...)
	case f.obj && f.state == 2:
		r.out = append(r.out, "null"...)
	}
	if f.obj {
		r.out = append(r.out, '}')
	} else {
		r.out = append(r.out, ']')
	}
	r.stack = r.stack[:len(r.stack)-1]
}

// close handles a closing brace or bracket. One that matches no open
// container is stray and dropped; one whose container is deeper closes
// the containers opened after it. A closer followed by more keys is kept
// only while an object stays open to hold them: templates leave stray
// braces in the middle of an object, and the keys after them belong to
// the object still open.
func (r *ldRepairer) close(c byte) {
	r.i++
	want := c == '}'
	d := len(r.stack) - 1
	for d >= 0 && r.stack[d].obj != want {
		d--
	}
	if d < 0 {
		return
	}
	if r.keyFollows() && (d == 0 || !r.stack[d-1].obj) {
		return
	}
	for len(r.stack) > d {
		r.pop()
	}
}

// keyFollows reports whether, past blanks, commas, comments and more
// closers, the text goes on with an object key ("name":).
func (r *ldRepairer) keyFollows() bool {
	if r.i < r.kfUntil {
		return r.kf
	}
	j := r.skipBlank(r.i, ",}]")
	r.kfUntil, r.kf = j, r.keyAt(j)
	return r.kf
}

func (r *ldRepairer) keyAt(j int) bool {
	if j >= len(r.in) || r.in[j] != '"' {
		return false
	}
	for j++; j < len(r.in) && r.in[j] != '"' && r.in[j] != '\n'; j++ {
		if r.in[j] == '\\' {
			j++
		}
	}
	j = r.skipBlank(j+1, "")
	return j < len(r.in) && r.in[j] == ':'
}

// skipBlank returns the first index from j that is not white space, a
// comment or one of the bytes in also.
func (r *ldRepairer) skipBlank(j int, also string) int {
	for j < len(r.in) {
		c := r.in[j]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || bytes.IndexByte([]byte(also), c) >= 0:
			j++
		case bytes.HasPrefix(r.in[j:], []byte("//")):
			k := bytes.IndexByte(r.in[j:], '\n')
			if k < 0 {
				return len(r.in)
			}
			j += k
		case bytes.HasPrefix(r.in[j:], []byte("/*")):
			k := bytes.Index(r.in[j+2:], []byte("*/"))
			if k < 0 {
				return len(r.in)
			}
			j += k + 4
		default:
			return j
		}
	}
	return j
}

// str copies a string, escaping what JSON does not allow raw: control
// characters become spaces (as browsers' lenient readers see them), a
// quote that does not end the string (the text after it does not go on as
// JSON) is escaped, an invalid escape keeps only its character.
func (r *ldRepairer) str(key bool) {
	q := r.in[r.i]
	r.out = append(r.out, '"')
	for r.i++; r.i < len(r.in); r.i++ {
		c := r.in[r.i]
		switch {
		case c == '\\':
			r.escape()
		case c == q && r.endsString(r.i+1, key):
			r.out = append(r.out, '"')
			r.i++
			return
		case c == '"':
			r.out = append(r.out, '\\', '"')
		case c < 0x20:
			r.out = append(r.out, ' ')
		default:
			r.out = append(r.out, c)
		}
	}
	r.out = append(r.out, '"')
}

func (r *ldRepairer) escape() {
	if r.i+1 >= len(r.in) {
		return
	}
	n := r.in[r.i+1]
	r.i++
	switch {
	case bytes.IndexByte([]byte(`"\/bfnrt`), n) >= 0:
		r.out = append(r.out, '\\', n)
	case n == 'u' && r.i+4 < len(r.in) && isHex4(r.in[r.i+1:r.i+5]):
		r.out = append(r.out, '\\', 'u')
	case n < 0x20:
		r.out = append(r.out, ' ')
	default:
		r.out = append(r.out, n)
	}
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// endsString reports whether a quote before index j closes its string:
// the text after it goes on as JSON does after a key (a colon) or any
// string (a comma and the next element, a closer, the end, or on a new
// line the next key of an object whose comma is missing).
func (r *ldRepairer) endsString(j int, key bool) bool {
	k := r.skipBlank(j, "")
	if k >= len(r.in) {
		return true
	}
	c := r.in[k]
	switch c {
	case ':':
		return key
	case '}', ']':
		return true
	case ',':
		return r.startsValue(r.skipBlank(k+1, ""))
	case '"':
		return bytes.IndexByte(r.in[j:k], '\n') >= 0
	}
	return bytes.HasPrefix(r.in[k:], []byte("]]>"))
}

// startsValue reports whether the text at k starts a JSON element.
func (r *ldRepairer) startsValue(k int) bool {
	if k >= len(r.in) {
		return true
	}
	c := r.in[k]
	if bytes.IndexByte([]byte(`"{[}]-0123456789`), c) >= 0 {
		return true
	}
	w := r.in[k:r.wordEnd(k)]
	return bytes.Equal(w, []byte("true")) || bytes.Equal(w, []byte("false")) || bytes.Equal(w, []byte("null"))
}

func (r *ldRepairer) wordEnd(k int) int {
	for k < len(r.in) {
		c := r.in[k]
		if !(c == '_' || c == '$' || c == '.' || c == '+' || c == '-' || '0' <= c && c <= '9' ||
			'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			break
		}
		k++
	}
	return k
}

// word copies a bare word: a number, true, false or null as it is, an
// unquoted key quoted (a number in a key's place is dropped), and anything else (undefined, NaN, Infinity) as
// null. A byte that starts no word is skipped.
func (r *ldRepairer) word() {
	end := r.wordEnd(r.i)
	if end == r.i {
		r.i++
		return
	}
	w := string(r.in[r.i:end])
	r.i = end
	if r.expectsKey() {
		if !isIdentStart(w[0]) {
			return // a number where a key belongs
		}
		r.value(true)
		r.out = strconv.AppendQuote(r.out, w)
		return
	}
	if !r.value(false) {
		return
	}
	r.out = append(r.out, ldWord(w)...)
}

func ldWord(w string) string {
	if w == "true" || w == "false" || w == "null" || json.Valid([]byte(w)) {
		return w
	}
	if f, err := strconv.ParseFloat(w, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return "null"
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
