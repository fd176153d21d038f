package extract

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// DecodeHTML converts page bytes to UTF-8 using, in order: the
// Content-Type charset, a byte order mark, <meta charset> or <meta
// http-equiv="Content-Type">, then detection. It returns the UTF-8 bytes
// (always valid UTF-8, without a byte order mark) and the WHATWG name of
// the charset used.
//
// Three corrections keep real pages readable: a byte order mark wins over
// a header that contradicts it (as browsers do); a declared Latin-1 or
// windows-1252 charset is ignored for bytes that are valid UTF-8 holding
// multi-byte sequences, a common server misconfiguration; and a UTF-8
// declaration (header or <meta>) is ignored when many of the bytes are
// not UTF-8.
func DecodeHTML(body []byte, contentType string) ([]byte, string, error) {
	name := ""
	if bom := bomCharset(body); bom != "" {
		name = bom
	}
	if name == "" && contentType != "" {
		name = headerCharset(contentType)
	}
	var enc encoding.Encoding
	if name != "" {
		enc, name = charset.Lookup(name)
		if name == "utf-8" && bomCharset(body) == "" && mostlyInvalidUTF8(body) {
			// A server that labels every page UTF-8 in front of
			// text saved in a legacy charset: detect instead, or
			// every accented letter would become U+FFFD.
			enc, name = nil, ""
		}
	}
	if enc == nil {
		if m := metaCharset(body); m != "" {
			enc, name = charset.Lookup(m)
			if name == "utf-8" && mostlyInvalidUTF8(body) {
				// A template that declares UTF-8 around text saved in a
				// legacy charset: detect instead.
				enc, name = nil, ""
			}
		}
	}
	if enc != nil && (name == "windows-1252" || name == "iso-8859-1") && hasMultibyteUTF8(body) {
		enc, name = nil, ""
	}
	if enc != nil && (name == "utf-16le" || name == "utf-16be") && bomCharset(body) == "" {
		// A page that declares UTF-16 inside itself is readable as
		// ASCII, so it is not UTF-16 (WHATWG rule).
		if metaCharset(body) != "" {
			enc, name = nil, ""
		}
	}
	if enc == nil {
		if utf8.Valid(body) {
			return stripBOM(body), "utf-8", nil
		}
		enc, name = detectCharset(body)
	}
	if name == "utf-8" {
		b := stripBOM(body)
		if !utf8.Valid(b) {
			b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
		}
		return b, name, nil
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), body)
	if err != nil {
		return nil, name, fmt.Errorf("decode %s: %w", name, err)
	}
	out = stripBOM(out)
	if !utf8.Valid(out) {
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return out, name, nil
}

// headerCharset returns the charset parameter of a Content-Type header
// value, or "". A header that mime.ParseMediaType rejects (stray bytes,
// unquoted specials) is searched for "charset=" in any letter case.
func headerCharset(contentType string) string {
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		return params["charset"]
	}
	i := indexFold(contentType, "charset=")
	if i < 0 {
		return ""
	}
	v := strings.TrimLeft(contentType[i+len("charset="):], `"' `)
	if k := strings.IndexAny(v, `"' ;,`); k >= 0 {
		v = v[:k]
	}
	return v
}

func stripBOM(b []byte) []byte {
	return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
}

// bomCharset returns the charset named by a byte order mark, or "".
func bomCharset(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		return "utf-8"
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		return "utf-16be"
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		return "utf-16le"
	}
	return ""
}

// hasMultibyteUTF8 reports whether b is valid UTF-8 with at least one
// multi-byte sequence.
func hasMultibyteUTF8(b []byte) bool {
	multi := false
	for _, c := range b {
		if c >= 0x80 {
			multi = true
			break
		}
	}
	return multi && utf8.Valid(b)
}

// mostlyInvalidUTF8 reports whether at least a tenth of the non-ASCII
// bytes of b (in its first 64 KiB) do not form valid UTF-8.
func mostlyInvalidUTF8(b []byte) bool {
	if len(b) > 64<<10 {
		b = b[:64<<10]
	}
	if utf8.Valid(b) {
		return false // no bad byte; utf8.Valid skips ASCII eight bytes at a time
	}
	high, bad := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		high += size
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		i += size
	}
	return high > 0 && bad*10 >= high
}

// metaCharset finds a charset declared in a <meta> element within the
// first 4 KiB of b, or returns "".
func metaCharset(b []byte) string {
	if len(b) > 4096 {
		b = b[:4096]
	}
	lb := bytes.ToLower(b)
	for off := 0; ; {
		i := bytes.Index(lb[off:], []byte("<meta"))
		if i < 0 {
			return ""
		}
		start := off + i
		end := bytes.IndexByte(lb[start:], '>')
		if end < 0 {
			return ""
		}
		tag := lb[start : start+end]
		off = start + end
		j := bytes.Index(tag, []byte("charset="))
		if j < 0 {
			continue
		}
		v := tag[j+len("charset="):]
		v = bytes.TrimLeft(v, `"' `)
		k := bytes.IndexAny(v, "\"' ;/>")
		if k >= 0 {
			v = v[:k]
		}
		if len(v) > 0 {
			return string(v)
		}
	}
}

// detectCharset guesses the encoding of b, which is not valid UTF-8.
func detectCharset(b []byte) (encoding.Encoding, string) {
	sample := b
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	if r, err := chardet.NewHtmlDetector().DetectBest(sample); err == nil && r.Confidence >= 30 {
		if e, n := charset.Lookup(r.Charset); e != nil && n != "utf-8" {
			return e, n
		}
	}
	e, n := charset.Lookup("windows-1252")
	return e, n
}
