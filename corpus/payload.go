package corpus

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// ErrEncoding is returned for a body whose Content-Encoding archivist
// cannot decode, or whose bytes do not decode.
var ErrEncoding = errors.New("cannot decode content encoding")

// Decoded returns the capture's page: Body with its Content-Encoding
// removed, at most limit bytes of it (limit <= 0: no limit) and whether
// it was cut there. Bodies stored decoded (BodyDecoded) are returned as
// they are.
func (c *Capture) Decoded(limit int64) ([]byte, bool, error) {
	if c.BodyForm != BodyWire {
		return c.Body, false, nil
	}
	return DecodeContent(c.Body, c.Header.Get("Content-Encoding"), limit)
}

// DecodeContent removes the content codings named by a Content-Encoding
// header value (gzip, deflate, zstd, identity, applied in the order
// given) from body. It returns at most limit bytes (limit <= 0: no limit)
// and whether the output was cut there. On an error it also returns what
// was decoded before it.
func DecodeContent(body []byte, encoding string, limit int64) ([]byte, bool, error) {
	codings := ContentCodings(encoding)
	if len(codings) == 0 {
		if limit > 0 && int64(len(body)) > limit {
			return body[:limit], true, nil
		}
		return body, false, nil
	}
	out := body
	for i := len(codings) - 1; i >= 0; i-- {
		r, err := decoder(codings[i], bytes.NewReader(out))
		if err != nil {
			return nil, false, err
		}
		max := limit
		if max <= 0 {
			max = 1 << 40
		}
		buf := bytes.NewBuffer(make([]byte, 0, min(int64(len(out))*4+512, max+1)))
		_, err = buf.ReadFrom(io.LimitReader(r, max+1))
		if c, ok := r.(io.Closer); ok {
			c.Close()
		}
		out = buf.Bytes()
		if err != nil {
			return out, false, fmt.Errorf("%w: %s: %w", ErrEncoding, codings[i], err)
		}
		if limit > 0 && int64(len(out)) > limit {
			return out[:limit], true, nil
		}
	}
	return out, false, nil
}

// ContentCodings returns the codings of a Content-Encoding value, lower
// case, identity left out.
func ContentCodings(encoding string) []string {
	var out []string
	for _, c := range strings.Split(encoding, ",") {
		c = strings.ToLower(strings.TrimSpace(c))
		if c != "" && c != "identity" {
			out = append(out, c)
		}
	}
	return out
}

// NewContentReader returns a reader of body with the content codings
// named by a Content-Encoding value removed as it is read, for bodies too
// large to decode whole. Close releases the decoders.
func NewContentReader(body io.Reader, encoding string) (io.ReadCloser, error) {
	codings := ContentCodings(encoding)
	r, closers := body, []io.Closer(nil)
	for i := len(codings) - 1; i >= 0; i-- {
		d, err := decoder(codings[i], r)
		if err != nil {
			closeAll(closers)
			return nil, err
		}
		if c, ok := d.(io.Closer); ok {
			closers = append(closers, c)
		}
		r = d
	}
	return contentReader{r, closers}, nil
}

type contentReader struct {
	io.Reader
	closers []io.Closer
}

func (c contentReader) Close() error {
	closeAll(c.closers)
	return nil
}

func closeAll(cs []io.Closer) {
	for _, c := range cs {
		c.Close()
	}
}

// isZlibHeader reports whether h starts a zlib stream (RFC 1950) that
// zlib.NewReader accepts: deflate, a valid check, no preset dictionary.
func isZlibHeader(h []byte) bool {
	return len(h) == 2 && h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 && h[1]&0x20 == 0
}

func decoder(coding string, body io.Reader) (io.Reader, error) {
	switch coding {
	case "gzip", "x-gzip":
		r, err := gzip.NewReader(body)
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %w", ErrEncoding, err)
		}
		return r, nil
	case "deflate":
		// RFC 9110 deflate is zlib; some servers send raw deflate.
		br := bufio.NewReader(body)
		if h, _ := br.Peek(2); isZlibHeader(h) {
			if r, err := zlib.NewReader(br); err == nil {
				return r, nil
			}
		}
		return flate.NewReader(br), nil
	case "zstd":
		d, err := zstd.NewReader(body, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<30))
		if err != nil {
			return nil, fmt.Errorf("%w: zstd: %w", ErrEncoding, err)
		}
		return d.IOReadCloser(), nil
	}
	return nil, fmt.Errorf("%w: %q", ErrEncoding, coding)
}

// HeaderFromHead parses the header block of a request or response head
// (as in Capture.ResponseHead) in order: the first line, and each field
// as a name and a value. Continuation lines are folded into their field.
func HeaderFromHead(head []byte) (first string, fields [][2]string) {
	lines := strings.Split(strings.TrimRight(string(head), "\r\n"), "\n")
	if len(lines) == 0 {
		return "", nil
	}
	first = strings.TrimRight(lines[0], "\r")
	for _, l := range lines[1:] {
		l = strings.TrimRight(l, "\r")
		if l == "" {
			break
		}
		if (l[0] == ' ' || l[0] == '\t') && len(fields) > 0 {
			fields[len(fields)-1][1] += " " + strings.TrimSpace(l)
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		fields = append(fields, [2]string{name, strings.TrimSpace(value)})
	}
	return first, fields
}

// SortedFields returns h as fields in name order, each name's values in
// their order: the head of a message whose bytes were not recorded.
func SortedFields(h http.Header) [][2]string {
	var out [][2]string
	for _, k := range sortedKeys(h) {
		for _, v := range h[k] {
			out = append(out, [2]string{k, v})
		}
	}
	return out
}

func sortedKeys(h http.Header) []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
