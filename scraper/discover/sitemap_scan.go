package discover

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// The sitemap scanner is a small, lenient XML tokenizer specialized for
// sitemaps. It is about ten times faster than encoding/xml and allocates
// only the returned strings, which matters for 50,000-URL sitemaps listed by
// the dozen in a sitemap index. It understands what sitemaps contain: the
// XML declaration, processing instructions, comments, doctypes, CDATA
// sections, namespace prefixes (ignored), attributes (skipped), character
// references as XML defines them (the five predefined entities and
// character references; HTML entities stay as written), and tolerates
// bare "&" in URLs.

// element identifies the sitemap elements the scanner cares about.
type element uint8

const (
	eOther element = iota
	eURLSet
	eSitemapIndex
	eURL
	eSitemap
	eLoc
	eLastmod
	eNews
	eTitle
	ePubDate
)

// elementNames maps local names (compared case-insensitively) to elements.
var elementNames = []struct {
	name string
	el   element
}{
	{"urlset", eURLSet},
	{"sitemapindex", eSitemapIndex},
	{"url", eURL},
	{"sitemap", eSitemap},
	{"loc", eLoc},
	{"lastmod", eLastmod},
	{"news", eNews},
	{"title", eTitle},
	{"publication_date", ePubDate},
}

// localName drops the namespace prefix of a qualified name. As in
// encoding/xml, a name with an empty prefix or an empty local part
// (":url", "url:") has no prefix: it is all local name.
func localName(qname []byte) []byte {
	i := bytes.IndexByte(qname, ':')
	if i <= 0 || i == len(qname)-1 {
		return qname
	}
	return qname[i+1:]
}

// lookupElement returns the element of a local tag name.
func lookupElement(qname []byte) element {
	for _, e := range elementNames {
		if len(e.name) == len(qname) && bytes.EqualFold([]byte(e.name), qname) {
			return e.el
		}
	}
	return eOther
}

// maxDepth caps element nesting; sitemaps nest four deep.
const maxDepth = 64

// maxField caps the text kept for one field (a URL, a date, a title).
const maxField = 8192

// scanSitemap parses an XML sitemap urlset or index held in memory.
func scanSitemap(b []byte) (pages, children []Entry, err error) {
	err = scanXMLSitemap(bytes.NewReader(b), func(e Entry, child bool) error {
		if child {
			children = append(children, e)
		} else {
			pages = append(pages, e)
		}
		return nil
	})
	return pages, children, err
}

// scanWindow is how much of a sitemap the scanner reads at a time; it
// grows only for a single construct (a comment, a tag) larger than it.
const scanWindow = 64 << 10

// scanXMLSitemap parses an XML sitemap urlset or index from r as a
// stream, in a window of scanWindow bytes, handing each entry to emit
// (child is true for the sitemaps an index lists). An encoding named by
// the XML declaration is converted as the bytes are read.
func scanXMLSitemap(r io.Reader, emit func(e Entry, child bool) error) error {
	br := bufio.NewReaderSize(r, 1024)
	head, _ := br.Peek(1024)
	var src io.Reader = br
	if enc := declaredEncoding(head); enc != "" {
		cr, err := charset.NewReaderLabel(enc, br)
		if err != nil {
			return fmt.Errorf("parse sitemap: %w: %w", ErrMalformed, err)
		}
		src = cr
	}
	s := &sitemapScanner{emit: emit}
	buf := make([]byte, 0, scanWindow)
	eof := false
	for {
		if !eof && len(buf) < cap(buf) {
			n, err := src.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			switch {
			case err == io.EOF:
				eof = true
			case err != nil:
				return fmt.Errorf("parse sitemap: %w: %w", ErrMalformed, err)
			}
			if n == 0 && !eof {
				continue
			}
		}
		used, done, err := s.step(buf, eof)
		if err != nil || done {
			return err
		}
		if eof && used == len(buf) {
			return s.end()
		}
		if used == 0 && len(buf) == cap(buf) {
			// One construct fills the window: make room for it.
			buf = append(make([]byte, 0, 2*cap(buf)), buf...)
			continue
		}
		s.off += int64(used)
		buf = buf[:copy(buf, buf[used:])]
	}
}

// sitemapScanner is the state of a sitemap parse between windows.
type sitemapScanner struct {
	stack  [maxDepth]element
	names  [maxDepth][]byte // local names, to match end tags
	depth  int
	cur    Entry
	text   []byte
	rooted bool
	n      int
	off    int64 // offset of the window in the document
	at     int64 // offset of the construct being parsed
	emit   func(Entry, bool) error
}

func (s *sitemapScanner) malformed(format string, args ...any) error {
	return fmt.Errorf("parse sitemap: %w: %s", ErrMalformed, fmt.Sprintf(format, args...))
}

// end reports what the end of the document means: it came before the
// root closed.
func (s *sitemapScanner) end() error {
	if !s.rooted {
		return fmt.Errorf("parse sitemap: %w: no root element", ErrNotSitemap)
	}
	return s.malformed("unexpected end of document")
}

// field returns the entry field the innermost open element fills.
func (s *sitemapScanner) field() element {
	if s.depth < 3 {
		return eOther
	}
	top, parent := s.stack[s.depth-1], s.stack[s.depth-2]
	switch {
	case (top == eLoc || top == eLastmod) && (parent == eURL || parent == eSitemap) && s.depth == 3:
		return top
	case (top == eTitle || top == ePubDate) && parent == eNews && s.depth == 4 && s.stack[1] == eURL:
		return top
	}
	return eOther
}

// safeText returns how much of a run of text at the end of a window may
// be taken now: all of it, less a character reference that may go on in
// the next window, and less a final "\r" whose "\n" may follow there.
func safeText(t []byte) int {
	n := len(t)
	if amp := bytes.LastIndexByte(t, '&'); amp >= 0 && len(t)-amp <= 12 && bytes.IndexByte(t[amp:], ';') < 0 {
		n = amp
	}
	if n > 0 && t[n-1] == '\r' {
		n-- // a line end "\r\n" may be cut: see normalizeLineEnds
	}
	return n
}

// step parses the complete constructs of the window b and returns how
// many bytes it used, and done once the root closed. eof says that b ends
// the document; otherwise a construct cut by the end of b waits for the
// next window.
func (s *sitemapScanner) step(b []byte, eof bool) (used int, done bool, err error) {
	i := 0
	for i < len(b) {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			lt = len(b) - i
			if !eof {
				lt = safeText(b[i:])
			}
		}
		if lt > 0 {
			if f := s.field(); f != eOther {
				s.text = appendText(s.text, b[i:i+lt])
			}
			i += lt
			continue
		}
		if b[i] != '<' {
			return i, false, nil // a reference cut by the window
		}
		rest := b[i:]
		if !eof && len(rest) < 16 {
			return i, false, nil
		}
		s.at = s.off + int64(i)
		n, done, err := s.construct(rest, eof)
		if err != nil || done {
			return i + n, done, err
		}
		if n == 0 {
			return i, false, nil // cut by the window
		}
		i += n
	}
	return i, false, nil
}

// construct parses the markup at the start of b ("<..."). It returns the
// bytes it took, 0 when the construct is cut by the end of b (and b does
// not end the document).
func (s *sitemapScanner) construct(b []byte, eof bool) (n int, done bool, err error) {
	cut := func(what string) (int, bool, error) {
		if !eof {
			return 0, false, nil
		}
		return 0, false, s.malformed("unterminated %s", what)
	}
	switch {
	case bytes.HasPrefix(b, []byte("<!--")):
		end := bytes.Index(b[4:], []byte("-->"))
		if end < 0 {
			return cut("comment")
		}
		return 4 + end + 3, false, nil
	case bytes.HasPrefix(b, []byte("<![CDATA[")):
		end := bytes.Index(b[9:], []byte("]]>"))
		if end < 0 {
			return cut("CDATA section")
		}
		if f := s.field(); f != eOther && len(s.text) < maxField {
			s.text = append(s.text, normalizeLineEnds(b[9:9+end])...)
		}
		return 9 + end + 3, false, nil
	case bytes.HasPrefix(b, []byte("<?")):
		end := bytes.Index(b[2:], []byte("?>"))
		if end < 0 {
			return cut("processing instruction")
		}
		return 2 + end + 2, false, nil
	case bytes.HasPrefix(b, []byte("<!")):
		end := skipDecl(b)
		if end < 0 {
			return cut("declaration")
		}
		return end, false, nil
	case bytes.HasPrefix(b, []byte("</")):
		end := bytes.IndexByte(b, '>')
		if end < 0 {
			return cut("end tag")
		}
		done, err := s.endTag(localName(bytes.TrimSpace(b[2:end])))
		return end + 1, done, err
	}
	return s.startTag(b, eof)
}

// endTag closes the element local, tolerating unclosed elements, and
// emits the entry it ends.
func (s *sitemapScanner) endTag(local []byte) (done bool, err error) {
	el := lookupElement(local)
	if s.depth == 0 {
		return false, nil
	}
	if bytes.EqualFold(s.names[s.depth-1], local) {
		switch f := s.field(); f {
		case eLoc:
			s.cur.URL = string(bytes.TrimSpace(s.text))
		case eLastmod:
			s.cur.Modified = parseDate(string(s.text))
		case ePubDate:
			s.cur.Published = parseDate(string(s.text))
		case eTitle:
			s.cur.Title = strings.TrimSpace(string(s.text))
		}
	}
	s.text = s.text[:0]
	// Pop to the matching start, tolerating unclosed elements.
	j := s.depth - 1
	for j >= 0 && !bytes.EqualFold(s.names[j], local) {
		j--
	}
	if j < 0 {
		return false, nil
	}
	if j == 1 && (el == eURL || el == eSitemap) && s.cur.URL != "" {
		if s.n == MaxEntries {
			return true, fmt.Errorf("parse sitemap: %w: more than %d", ErrTooMany, MaxEntries)
		}
		s.n++
		if err := s.emit(s.cur, el == eSitemap); err != nil {
			return true, err
		}
	}
	s.depth = j
	// The root is closed: the document is complete.
	return s.depth == 0, nil
}

// startTag opens the element whose start tag begins b.
func (s *sitemapScanner) startTag(b []byte, eof bool) (n int, done bool, err error) {
	nameEnd, tagEnd, selfClosing, ok := scanStartTag(b)
	if !ok {
		if !eof && tagEnd < 0 {
			return 0, false, nil // cut by the window
		}
		return 0, false, s.malformed("bad start tag at offset %d", s.at)
	}
	if nameEnd == 1 {
		return 0, false, s.malformed("empty tag name at offset %d", s.at)
	}
	local := localName(b[1:nameEnd])
	el := lookupElement(local)
	if !s.rooted {
		s.rooted = true
		if el != eURLSet && el != eSitemapIndex {
			return 0, false, fmt.Errorf("parse sitemap: %w: root element <%s>", ErrNotSitemap, truncateName(b[1:nameEnd]))
		}
	}
	if selfClosing {
		return tagEnd, false, nil
	}
	if s.depth == maxDepth {
		return 0, false, s.malformed("nested too deep")
	}
	s.stack[s.depth] = el
	s.names[s.depth] = append(s.names[s.depth][:0], local...)
	s.depth++
	if s.depth == 2 && (el == eURL || el == eSitemap) {
		s.cur = Entry{}
	}
	s.text = s.text[:0]
	return tagEnd, false, nil
}

func truncateName(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	return string(b)
}

// scanStartTag reads "<name attrs... >" at the start of b. It returns the
// end of the name, the offset just past ">", and whether the tag closes
// itself. ok is false when the tag does not end (tagEnd is then -1) or
// holds a raw "<" outside quotes.
func scanStartTag(b []byte) (nameEnd, tagEnd int, selfClosing, ok bool) {
	nameEnd = 1
	for nameEnd < len(b) {
		c := b[nameEnd]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/' || c == '<' {
			break
		}
		nameEnd++
	}
	var quote byte
	for j := nameEnd; j < len(b); j++ {
		c := b[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<':
			return 0, 0, false, false
		case c == '>':
			return nameEnd, j + 1, b[j-1] == '/', true
		}
	}
	return 0, -1, false, false
}

// appendText appends character data, decoding references as XML does
// (see appendXMLUnescaped).
func appendText(dst, raw []byte) []byte {
	if len(dst) >= maxField {
		return dst
	}
	if len(dst)+len(raw) > maxField {
		raw = raw[:maxField-len(dst)]
	}
	raw = normalizeLineEnds(raw)
	if bytes.IndexByte(raw, '&') < 0 {
		return append(dst, raw...)
	}
	return appendXMLUnescaped(dst, raw)
}

// normalizeLineEnds turns every "\r\n" and every other "\r" of raw text
// into "\n", as an XML parser does before anything else (XML 1.0, 2.11),
// so that a URL broken over lines reads as encoding/xml reads it. A "\r"
// written as a character reference (&#13;) is not a line end and stays.
func normalizeLineEnds(raw []byte) []byte {
	if bytes.IndexByte(raw, '\r') < 0 {
		return raw
	}
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(raw, []byte("\r"), []byte("\n"))
}

// xmlEntities are the five entities XML predefines, with their trailing
// semicolon; XML has no others unless a DTD declares them, which sitemaps
// do not.
var xmlEntities = []struct {
	ref string
	c   byte
}{{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}}

// appendXMLUnescaped appends raw to dst, replacing the five predefined
// entity references (&amp; &lt; &gt; &quot; &apos;) and character
// references (&#N; &#xN;) naming a legal XML character. Anything else is
// kept as written: a bare "&" (common in sitemap URLs, though not
// well-formed), an HTML entity such as "&copy;", and "&copy" without a
// semicolon, which an HTML decoder would turn into "©" and so change the
// URL "?id=1&copy=2".
func appendXMLUnescaped(dst, raw []byte) []byte {
	for {
		amp := bytes.IndexByte(raw, '&')
		if amp < 0 {
			return append(dst, raw...)
		}
		dst = append(dst, raw[:amp]...)
		raw = raw[amp+1:]
		if r, n := xmlCharRef(raw); n > 0 {
			dst = utf8.AppendRune(dst, r)
			raw = raw[n:]
			continue
		}
		matched := false
		for _, e := range xmlEntities {
			if bytes.HasPrefix(raw, []byte(e.ref)) {
				dst = append(dst, e.c)
				raw = raw[len(e.ref):]
				matched = true
				break
			}
		}
		if !matched {
			dst = append(dst, '&')
		}
	}
}

// xmlCharRef decodes a character reference at the start of b, just after
// its "&" ("#65;", "#x41;"). It returns the character and the bytes read,
// or 0 bytes unless b starts with a reference to a legal XML character.
func xmlCharRef(b []byte) (rune, int) {
	if len(b) < 3 || b[0] != '#' {
		return 0, 0
	}
	i, base := 1, 10
	if b[1] == 'x' {
		i, base = 2, 16
	}
	start := i
	for i < len(b) && (b[i] >= '0' && b[i] <= '9' ||
		base == 16 && (b[i] >= 'a' && b[i] <= 'f' || b[i] >= 'A' && b[i] <= 'F')) {
		i++
	}
	if i == start || i == len(b) || b[i] != ';' {
		return 0, 0
	}
	n, err := strconv.ParseUint(string(b[start:i]), base, 32)
	if err != nil || !isXMLChar(n) {
		return 0, 0
	}
	return rune(n), i + 1
}

// isXMLChar reports whether n is a Char of the XML 1.0 grammar.
func isXMLChar(n uint64) bool {
	return n == 0x09 || n == 0x0A || n == 0x0D ||
		n >= 0x20 && n <= 0xD7FF ||
		n >= 0xE000 && n <= 0xFFFD ||
		n >= 0x10000 && n <= 0x10FFFF
}

// declaredEncoding returns the encoding named by the XML declaration when it
// is not UTF-8 (or ASCII, a subset), "" otherwise. A UTF-16 label is
// ignored: a UTF-16 body with a byte order mark has been converted already,
// and one without cannot have a readable declaration.
func declaredEncoding(b []byte) string {
	// The declaration's target is "xml" and nothing more: "<?xmlfoo" is
	// another processing instruction, whose pseudo-attributes mean nothing.
	if !bytes.HasPrefix(b, []byte("<?xml")) || len(b) == 5 || !isXMLSpace(b[5]) {
		return ""
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := b[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	j := bytes.IndexByte(rest[1:], q)
	if j < 0 {
		return ""
	}
	enc := strings.ToLower(string(rest[1 : 1+j]))
	switch enc {
	case "utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be", "":
		return ""
	}
	return enc
}

func isXMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n'
}
