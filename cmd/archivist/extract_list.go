package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// listEntry is one page named by an `extract --urls` list.
type listEntry struct {
	Path string // as written in the list
	File string // Path resolved against the list's directory
	URL  string
	Line int // line of the list that names it
}

// maxListLine is the longest line a TSV page list may have.
const maxListLine = 1 << 20

// maxQuote is how much of a bad line a usage error quotes.
const maxQuote = 200

// listError is a mistake in a page list: its line and the line's text.
type listError struct {
	line int
	msg  string
	text string // the bad line, when known
}

func (e *listError) Error() string { return e.msg }

// scanList reads the page list at path, TSV (`path<TAB>url` per line) or a
// JSON object mapping paths to URLs (when its first non-space byte is
// `{`), and calls fn for each page in order. It streams: memory does not
// grow with the list. A malformed list is a usage error naming the file
// and line.
func scanList(ctx context.Context, path string, fn func(listEntry) error) error {
	f, err := openList(path)
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	isJSON, err := listIsJSON(br)
	if err != nil {
		return fmt.Errorf("extract: read %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	emit := func(e listEntry) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if e.File = e.Path; !filepath.IsAbs(e.Path) {
			e.File = filepath.Join(dir, e.Path)
		}
		return fn(e)
	}
	if isJSON {
		err = scanJSONList(br, emit)
	} else {
		err = scanTSVList(br, emit)
	}
	var le *listError
	if errors.As(err, &le) {
		return listUsageError(path, le)
	}
	return err
}

// openList opens a page list; a missing or unreadable list is a usage
// error.
func openList(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, usagef("extract: --urls %s: no such file", path)
		}
		return nil, usagef("extract: --urls %s: %v", path, err)
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, usagef("extract: --urls %s is a directory", path)
	}
	return f, nil
}

// listIsJSON skips a UTF-8 byte order mark and reports whether the first
// non-space byte is `{`.
func listIsJSON(br *bufio.Reader) (bool, error) {
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	for n := 1; ; n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			if errors.Is(err, io.EOF) || errors.Is(err, bufio.ErrBufferFull) {
				return false, nil
			}
			return false, err
		}
		switch b[n-1] {
		case ' ', '\t', '\r', '\n':
			continue
		case '{':
			return true, nil
		}
		return false, nil
	}
}

// listUsageError turns a listError into the one-line usage error.
func listUsageError(path string, le *listError) error {
	text := le.text
	if text == "" && le.line > 0 {
		text = lineOf(path, le.line)
	}
	if text == "" {
		return usagef("extract: %s:%d: %s", path, le.line, le.msg)
	}
	return usagef("extract: %s:%d: %s: %q", path, le.line, le.msg, clip(text, maxQuote))
}

// clip returns at most n characters of s, marking a cut with "...".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "..."
}

// scanTSVList reads `path<TAB>url` lines; blank lines and lines starting
// with # are skipped.
func scanTSVList(r io.Reader, fn func(listEntry) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxListLine)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		e, msg := parseTSVLine(line)
		if msg != "" {
			return &listError{line: n, msg: msg, text: line}
		}
		e.Line = n
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return &listError{line: n + 1, msg: fmt.Sprintf("line longer than %d bytes", maxListLine)}
		}
		return fmt.Errorf("read list: %w", err)
	}
	return nil
}

// parseTSVLine parses one `path<TAB>url` line, or says what is wrong.
func parseTSVLine(line string) (listEntry, string) {
	fields := strings.Split(line, "\t")
	if len(fields) != 2 {
		return listEntry{}, fmt.Sprintf("want path<TAB>url, got %d tab-separated fields", len(fields))
	}
	e := listEntry{Path: strings.TrimSpace(fields[0]), URL: strings.TrimSpace(fields[1])}
	return e, checkEntry(e)
}

// checkEntry says what is wrong with an entry, or returns "".
func checkEntry(e listEntry) string {
	if e.Path == "" {
		return "empty path"
	}
	u, err := url.Parse(e.URL)
	if err != nil || u.Scheme == "" || (u.Host == "" && u.Scheme != "file") {
		return fmt.Sprintf("bad URL %q (want an absolute URL such as https://example.com/page)", clip(e.URL, 80))
	}
	return ""
}

// scanJSONList reads a JSON object {"path": "url", ...} entry by entry, in
// file order.
func scanJSONList(r io.Reader, fn func(listEntry) error) error {
	cr := &lineCounter{r: r}
	dec := json.NewDecoder(cr)
	fail := func(err error) error {
		var se *json.SyntaxError
		off := dec.InputOffset()
		if errors.As(err, &se) {
			off = se.Offset
		}
		msg := "bad JSON"
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
			msg = "bad JSON: " + err.Error()
		} else {
			msg = "bad JSON: unexpected end of file"
		}
		return &listError{line: cr.lineAt(off), msg: msg}
	}
	if tok, err := dec.Token(); err != nil {
		return fail(err)
	} else if tok != json.Delim('{') {
		return fail(errors.New("want an object mapping paths to URLs"))
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		line := cr.lineAt(dec.InputOffset())
		vt, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		v, ok := vt.(string)
		if !ok {
			return &listError{line: line, msg: fmt.Sprintf("the value of %q is not a URL string", clip(kt.(string), 80))}
		}
		e := listEntry{Path: strings.TrimSpace(kt.(string)), URL: strings.TrimSpace(v), Line: line}
		if msg := checkEntry(e); msg != "" {
			return &listError{line: line, msg: msg}
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return fail(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the closing brace")
		}
		return fail(err)
	}
	return nil
}

// lineCounter passes reads through and remembers where lines start, so
// that a decoder's byte offset can be turned into a line number. It keeps
// only the offsets of the newlines in the last window of input.
type lineCounter struct {
	r      io.Reader
	off    int64   // bytes read so far
	lines  int     // newlines before base
	starts []int64 // offsets of the newlines at or after base
}

// window is how many newline offsets a lineCounter keeps.
const window = 4096

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			c.starts = append(c.starts, c.off+int64(i))
		}
	}
	if len(c.starts) > 2*window {
		drop := len(c.starts) - window
		c.lines += drop
		c.starts = append(c.starts[:0], c.starts[drop:]...)
	}
	c.off += int64(n)
	return n, err
}

// lineAt returns the 1-based line holding byte offset off; offsets before
// the kept window count from its start.
func (c *lineCounter) lineAt(off int64) int {
	n := c.lines
	for _, s := range c.starts {
		if s >= off {
			break
		}
		n++
	}
	return n + 1
}

// lineOf returns line n of the file at path, or "" when it cannot be read.
func lineOf(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	br := bufio.NewReader(f)
	for i := 1; ; i++ {
		line, err := br.ReadSlice('\n')
		if i == n {
			s := strings.TrimRight(string(line), "\r\n")
			if !utf8.ValidString(s) {
				s = strings.ToValidUTF8(s, "\uFFFD")
			}
			return s
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			// A long line: skip the rest of it.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
		}
		if err != nil {
			return ""
		}
	}
}
