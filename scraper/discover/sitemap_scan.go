package discover

import (
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

// scanSitemap parses an XML sitemap urlset or index.
func scanSitemap(b []byte) (pages, children []Entry, err error) {
	if enc := declaredEncoding(b); enc != "" {
		b, err = transcode(b, enc)
		if err != nil {
			return nil, nil, fmt.Errorf("parse sitemap: %w: %w", ErrMalformed, err)
		}
	}
	var (
		stack  [maxDepth]element
		names  [maxDepth][]byte // local names, to match end tags
		depth  int
		cur    Entry
		text   []byte
		rooted bool
		n      int
	)
	malformed := func(format string, args ...any) ([]Entry, []Entry, error) {
		return pages, children, fmt.Errorf("parse sitemap: %w: %s", ErrMalformed, fmt.Sprintf(format, args...))
	}
	// field returns the entry field the innermost open element fills.
	field := func() element {
		if depth < 3 {
			return eOther
		}
		top, parent := stack[depth-1], stack[depth-2]
		switch {
		case (top == eLoc || top == eLastmod) && (parent == eURL || parent == eSitemap) && depth == 3:
			return top
		case (top == eTitle || top == ePubDate) && parent == eNews && depth == 4 && stack[1] == eURL:
			return top
		}
		return eOther
	}
	i := 0
	for i < len(b) {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			lt = len(b) - i
		}
		if lt > 0 {
			if f := field(); f != eOther {
				text = appendText(text, b[i:i+lt])
			}
			i += lt
			if i == len(b) {
				break
			}
		}
		// b[i] == '<'
		rest := b[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return malformed("unterminated comment")
			}
			i += 4 + end + 3
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest[9:], []byte("]]>"))
			if end < 0 {
				return malformed("unterminated CDATA section")
			}
			if f := field(); f != eOther && len(text) < maxField {
				text = append(text, rest[9:9+end]...)
			}
			i += 9 + end + 3
		case bytes.HasPrefix(rest, []byte("<?")):
			end := bytes.Index(rest[2:], []byte("?>"))
			if end < 0 {
				return malformed("unterminated processing instruction")
			}
			i += 2 + end + 2
		case bytes.HasPrefix(rest, []byte("<!")):
			end := skipDecl(rest)
			if end < 0 {
				return malformed("unterminated declaration")
			}
			i += end
		case bytes.HasPrefix(rest, []byte("</")):
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return malformed("unterminated end tag")
			}
			local := localName(bytes.TrimSpace(rest[2:end]))
			el := lookupElement(local)
			i += end + 1
			if depth == 0 {
				continue
			}
			if bytes.EqualFold(names[depth-1], local) {
				switch f := field(); f {
				case eLoc:
					cur.URL = string(bytes.TrimSpace(text))
				case eLastmod:
					cur.Modified = parseDate(string(text))
				case ePubDate:
					cur.Published = parseDate(string(text))
				case eTitle:
					cur.Title = strings.TrimSpace(string(text))
				}
			}
			text = text[:0]
			// Pop to the matching start, tolerating unclosed elements.
			j := depth - 1
			for j >= 0 && !bytes.EqualFold(names[j], local) {
				j--
			}
			if j < 0 {
				continue
			}
			if j == 1 && (el == eURL || el == eSitemap) && cur.URL != "" {
				if n == MaxEntries {
					return pages, children, fmt.Errorf("parse sitemap: %w: more than %d", ErrTooMany, MaxEntries)
				}
				n++
				if el == eURL {
					pages = append(pages, cur)
				} else {
					children = append(children, cur)
				}
			}
			depth = j
			if depth == 0 {
				// The root is closed: the document is complete.
				return pages, children, nil
			}
		default:
			nameEnd, tagEnd, selfClosing, ok := scanStartTag(rest)
			if !ok {
				return malformed("bad start tag at offset %d", i)
			}
			if nameEnd == 1 {
				return malformed("empty tag name at offset %d", i)
			}
			local := localName(rest[1:nameEnd])
			el := lookupElement(local)
			i += tagEnd
			if !rooted {
				rooted = true
				if el != eURLSet && el != eSitemapIndex {
					return nil, nil, fmt.Errorf("parse sitemap: %w: root element <%s>", ErrNotSitemap, truncateName(rest[1:nameEnd]))
				}
			}
			if selfClosing {
				continue
			}
			if depth == maxDepth {
				return malformed("nested too deep")
			}
			stack[depth], names[depth] = el, local
			depth++
			if depth == 2 && (el == eURL || el == eSitemap) {
				cur = Entry{}
			}
			text = text[:0]
		}
	}
	if !rooted {
		return nil, nil, fmt.Errorf("parse sitemap: %w: no root element", ErrNotSitemap)
	}
	return malformed("unexpected end of document")
}

func truncateName(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	return string(b)
}

// scanStartTag reads "<name attrs... >" at the start of b. It returns the
// end of the name, the offset just past ">", and whether the tag closes
// itself. ok is false when the tag does not end or holds a raw "<" outside
// quotes.
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
	return 0, 0, false, false
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
	if bytes.IndexByte(raw, '&') < 0 {
		return append(dst, raw...)
	}
	return appendXMLUnescaped(dst, raw)
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

// transcode converts b from the named encoding to UTF-8.
func transcode(b []byte, enc string) ([]byte, error) {
	r, err := charset.NewReaderLabel(enc, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(r, MaxDecompressed+1))
	if err != nil {
		return nil, err
	}
	if len(out) > MaxDecompressed {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxDecompressed)
	}
	return out, nil
}
