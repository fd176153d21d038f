package discover

import (
	"bytes"
	"mime"
	"net/url"
	"strings"
	"unicode/utf16"
)

// sniffLen is how much of a body Sniff looks at: enough to get past long
// comments and doctypes to the root element.
const sniffLen = 64 << 10

// Sniff tells what a fetched body is. The content decides: the root element
// of an XML or HTML document (urlset, sitemapindex, rss, feed, rdf:RDF, html),
// a JSON object with a jsonfeed.org version, or a plain-text list of URLs.
// The content type and the URL are only hints for bodies that do not say
// (HTML fragments without markup at the start, empty bodies). A body starting
// with the gzip magic bytes is decompressed first (only its first 64 KiB).
//
// An HTML page that mentions "<rss" in its text is HTML, and an XHTML page
// (XML declaration, html root) is HTML.
func Sniff(body []byte, contentType, pageURL string) Kind {
	b := decompressPrefix(body, sniffLen)
	b = toUTF8(b)
	b = bytes.TrimLeft(b, " \t\r\n\f")
	mediaType := mediaTypeOf(contentType)
	if len(b) == 0 {
		return kindFromHints(mediaType, pageURL)
	}
	switch b[0] {
	case '<':
		return sniffMarkup(b, mediaType, pageURL)
	case '{':
		if isJSONFeed(b) {
			return KindFeed
		}
		return KindOther
	}
	// Junk before an XML declaration (a PHP warning, say): look past it.
	if i := bytes.Index(b[:min(len(b), 1024)], []byte("<?xml")); i > 0 {
		return sniffMarkup(b[i:], mediaType, pageURL)
	}
	if isURLList(b) && (mediaType == "" || mediaType == "text/plain" || strings.HasSuffix(urlPath(pageURL), ".txt")) {
		return KindSitemap
	}
	if isHTMLType(mediaType) {
		return KindHTML
	}
	return KindOther
}

// sniffMarkup classifies a body that starts with "<".
func sniffMarkup(b []byte, mediaType, pageURL string) Kind {
	root, doctype := rootElement(b)
	if strings.EqualFold(doctype, "html") {
		return KindHTML
	}
	local := root
	if i := strings.IndexByte(local, ':'); i >= 0 {
		local = local[i+1:]
	}
	switch strings.ToLower(local) {
	case "urlset":
		return KindSitemap
	case "sitemapindex":
		return KindSitemapIndex
	case "rss", "feed":
		return KindFeed
	case "rdf":
		if bytes.Contains(b, []byte("purl.org/rss/1.0")) || bytes.Contains(b, []byte("<channel")) {
			return KindFeed
		}
		return KindOther
	case "html", "head", "body":
		return KindHTML
	case "":
		return kindFromHints(mediaType, pageURL)
	}
	if isHTMLType(mediaType) || htmlElements[strings.ToLower(root)] {
		return KindHTML
	}
	return KindOther
}

// htmlElements are elements that start HTML documents served without <html>.
var htmlElements = map[string]bool{
	"meta": true, "title": true, "link": true, "script": true, "style": true,
	"div": true, "p": true, "table": true, "base": true, "noscript": true,
	"header": true, "main": true, "article": true, "section": true, "nav": true,
	"h1": true, "h2": true, "span": true, "a": true, "br": true, "center": true,
	"font": true, "form": true, "iframe": true, "img": true, "ul": true,
}

// kindFromHints guesses from the content type and then the URL.
func kindFromHints(mediaType, pageURL string) Kind {
	if isHTMLType(mediaType) {
		return KindHTML
	}
	if mediaType == "" {
		p := urlPath(pageURL)
		if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".htm") {
			return KindHTML
		}
	}
	return KindOther
}

func isHTMLType(mediaType string) bool {
	return mediaType == "text/html" || mediaType == "application/xhtml+xml"
}

func mediaTypeOf(contentType string) string {
	if contentType == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	return mt
}

func urlPath(pageURL string) string {
	u, err := url.Parse(pageURL)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Path)
}

// rootElement returns the name of the first element of a markup document and
// the name given by its doctype, skipping the XML declaration, processing
// instructions, comments and whitespace. Both are "" when not found.
func rootElement(b []byte) (root, doctype string) {
	for {
		b = bytes.TrimLeft(b, " \t\r\n\f")
		if len(b) == 0 || b[0] != '<' {
			return "", doctype
		}
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return "", doctype
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b[4:], []byte("-->"))
			if i < 0 {
				return "", doctype
			}
			b = b[4+i+3:]
		case bytes.HasPrefix(b, []byte("<!")):
			// <!DOCTYPE name ... [internal subset]>
			rest := b[2:]
			if len(rest) >= 7 && strings.EqualFold(string(rest[:7]), "doctype") {
				doctype = string(name(bytes.TrimLeft(rest[7:], " \t\r\n\f")))
			}
			end := skipDecl(b)
			if end < 0 {
				return "", doctype
			}
			b = b[end:]
		default:
			return string(name(b[1:])), doctype
		}
	}
}

// skipDecl returns the offset just past a <!...> declaration, honoring an
// internal subset in brackets and quoted strings; -1 if it does not end.
func skipDecl(b []byte) int {
	depth := 0
	var quote byte
	for i := 2; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			return i + 1
		}
	}
	return -1
}

// name returns the XML name at the start of b.
func name(b []byte) []byte {
	for i, c := range b {
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '>' || c == '/' || c == '[' {
			return b[:i]
		}
	}
	return b
}

// isJSONFeed reports whether a JSON object declares a JSON Feed version.
func isJSONFeed(b []byte) bool {
	return bytes.Contains(b, []byte("jsonfeed.org/version")) || bytes.Contains(b, []byte(`jsonfeed.org\/version`))
}

// isURLList reports whether the first lines of b are all http(s) URLs.
func isURLList(b []byte) bool {
	seen := 0
	for line := range bytes.Lines(b) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if !hasHTTPPrefix(line) || bytes.ContainsAny(line, " \t<>\"") {
			// The last line of a prefix may be cut; tolerate a partial one.
			if seen > 0 && !bytes.HasSuffix(b, []byte("\n")) && bytes.HasSuffix(b, line) {
				break
			}
			return false
		}
		seen++
		if seen >= 50 {
			break
		}
	}
	return seen > 0
}

func hasHTTPPrefix(line []byte) bool {
	return len(line) > 8 && (bytes.EqualFold(line[:7], []byte("http://")) || bytes.EqualFold(line[:8], []byte("https://")))
}

// toUTF8 strips a UTF-8 byte order mark and transcodes a prefix that starts
// with a UTF-16 byte order mark, so that sniffing sees ASCII markup.
func toUTF8(b []byte) []byte {
	switch {
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		return b[3:]
	case len(b) >= 2 && (b[0] == 0xfe && b[1] == 0xff || b[0] == 0xff && b[1] == 0xfe):
		big := b[0] == 0xfe
		b = b[2:]
		u := make([]uint16, 0, len(b)/2)
		for i := 0; i+1 < len(b); i += 2 {
			if big {
				u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
			} else {
				u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
			}
		}
		return []byte(string(utf16.Decode(u)))
	}
	return b
}
