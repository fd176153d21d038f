package warc

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/archivist-project/archivist/corpus"
)

// origPrefix is the prefix replay tools expect on a header whose value no
// longer describes the payload as written.
const origPrefix = "X-Archive-Orig-"

// responseHead returns the HTTP response head written for c: the head as
// received when it was recorded, else one built from the parsed headers
// (in name order). The payload is written as stored, so a header that no
// longer describes it is renamed with origPrefix: Transfer-Encoding
// always (the body is stored de-chunked), and Content-Encoding and
// Content-Length for bodies stored decoded, which then get a
// Content-Length of their own.
func responseHead(c *corpus.Capture, bodyLen int) []byte {
	var first string
	var fields [][2]string
	if len(c.ResponseHead) > 0 {
		first, fields = corpus.HeaderFromHead(c.ResponseHead)
	} else {
		proto := c.Proto
		if !strings.HasPrefix(proto, "HTTP/1.") {
			proto = "HTTP/1.1" // HTTP/2 and unknown: written as HTTP/1.1, as replay tools read it
		}
		first = proto + " " + strconv.Itoa(c.Status) + " " + http.StatusText(c.Status)
		fields = corpus.SortedFields(c.Header)
	}
	decoded := c.BodyForm != corpus.BodyWire
	var b bytes.Buffer
	b.WriteString(first)
	b.WriteString("\r\n")
	for _, f := range fields {
		name := f[0]
		switch {
		case strings.EqualFold(name, "Transfer-Encoding"):
			name = origPrefix + name
		case decoded && (strings.EqualFold(name, "Content-Encoding") || strings.EqualFold(name, "Content-Length")):
			name = origPrefix + name
		}
		writeField(&b, name, f[1])
	}
	if decoded && c.Body != nil {
		writeField(&b, "Content-Length", strconv.Itoa(bodyLen))
	}
	b.WriteString("\r\n")
	return b.Bytes()
}

// requestHead returns the HTTP request head written for c: as sent when
// it was recorded, else one built from the request headers.
func requestHead(c *corpus.Capture) []byte {
	if len(c.RequestHead) > 0 {
		return c.RequestHead
	}
	target, host := "/", ""
	if u, err := url.Parse(c.URL); err == nil {
		target = u.RequestURI()
		host = u.Host
	}
	method := c.Method
	if method == "" {
		method = http.MethodGet
	}
	var b bytes.Buffer
	b.WriteString(method + " " + target + " HTTP/1.1\r\n")
	writeField(&b, "Host", host)
	for _, f := range corpus.SortedFields(c.RequestHeader) {
		if !strings.EqualFold(f[0], "Host") {
			writeField(&b, f[0], f[1])
		}
	}
	b.WriteString("\r\n")
	return b.Bytes()
}

func writeField(b *bytes.Buffer, name, value string) {
	b.WriteString(name)
	b.WriteString(": ")
	b.WriteString(strings.NewReplacer("\r", " ", "\n", " ").Replace(value))
	b.WriteString("\r\n")
}
