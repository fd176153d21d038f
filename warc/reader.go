package warc

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/http/httputil"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/archivist-project/archivist/corpus"
)

// The reader is our own, streaming one record at a time: WARC 1.0 and
// 1.1, a gzip member per record or uncompressed, lenient with the quirks
// of the usual producers (wget's WARC-Target-URI in angle brackets, LF
// line ends). nlnwa/gowarc (the tests' independent reader) blanks a field
// whose value fails its validation, such as wget's bracketed URIs, and
// unless it validates it discards a record's block before the caller can
// read it, so it does not fit an import.

// MaxPayload bounds the payload read from one record; a longer payload is
// cut there and its capture flagged truncated (the extractor reads at
// most 16 MiB of a page).
const MaxPayload = 32 << 20

// maxHeader bounds a record's WARC header and its HTTP head.
const maxHeader = 1 << 20

// Record is one record read from a WARC file, as much of it as an import
// needs.
type Record struct {
	Type      string // lower case
	ID        string // WARC-Record-ID, with its angle brackets
	TargetURI string
	Date      time.Time
	Offset    int64 // of the record (its gzip member) in the file
	Size      int64 // bytes it takes in the file
	IP        string
	Truncated string // WARC-Truncated, "" when whole

	// ConcurrentTo lists the WARC-Concurrent-To fields: the records made
	// in the same exchange (a request names its response, or the other
	// way round).
	ConcurrentTo []string

	// Revisit fields.
	Profile      string
	RefersTo     string
	RefersToURI  string
	RefersToDate time.Time

	// HTTP response records (and revisits carrying a head), and HTTP
	// request records: Header holds the request's headers then, Head its
	// request line and header block, Method its method.
	Status  int
	Proto   string
	Method  string
	Header  http.Header
	Head    []byte // status line (or request line) and header block as recorded
	Payload []byte // entity body, transfer coding (chunked) removed; nil unless read
	// ContentType is the media type of the HTTP payload, lower case.
	ContentType string
	cut         bool
}

// Cut reports whether the payload was longer than MaxPayload and cut.
func (r *Record) Cut() bool { return r.cut }

// CorruptError is a record that could not be read: where, and why.
type CorruptError struct {
	File   string
	Offset int64
	Err    error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%s: corrupt record at offset %d: %v", e.File, e.Offset, e.Err)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Reader reads the records of one WARC file in order. After a corrupt
// record (Next returns a *CorruptError) it goes on at the next record it
// can find.
type Reader struct {
	path   string
	f      *os.File
	size   int64
	base   int64 // file offset where br started reading
	n      int64 // bytes br has read from the file since base
	br     *bufio.Reader
	gz     *gzip.Reader
	gzbr   *bufio.Reader
	wanted func(rec *Record, prefix []byte) bool
	// blockBR reads a record's HTTP block; its PrefixLen buffer is reused.
	blockBR *bufio.Reader
	lost    bool // resynchronizing after a corrupt record: do not report again
}

// countReader counts the bytes read through it into *n.
type countReader struct {
	r io.Reader
	n *int64
}

func (c countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

// Open opens a WARC file. wanted, called with a response record's WARC
// fields and HTTP head and the first PrefixLen bytes of its payload (fewer
// when it is shorter), says whether the whole payload is to be read (nil:
// always).
func Open(path string, wanted func(rec *Record, prefix []byte) bool) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if st.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s is a folder", path)
	}
	rd := &Reader{path: path, f: f, size: st.Size(), wanted: wanted}
	rd.br = bufio.NewReaderSize(countReader{f, &rd.n}, 1<<20)
	return rd, nil
}

// pos is the file offset of the next byte to read.
func (rd *Reader) pos() int64 { return rd.base + rd.n - int64(rd.br.Buffered()) }

func (rd *Reader) seek(off int64) error {
	if _, err := rd.f.Seek(off, io.SeekStart); err != nil {
		return err
	}
	rd.base, rd.n = off, 0
	rd.br.Reset(countReader{rd.f, &rd.n})
	return nil
}

// Size returns the size of the file.
func (rd *Reader) Size() int64 { return rd.size }

// Pos returns how far the reader has got in the file.
func (rd *Reader) Pos() int64 { return rd.pos() }

// Close closes the file.
func (rd *Reader) Close() error { return rd.f.Close() }

var (
	gzipMagic = []byte{0x1f, 0x8b, 0x08}
	warcMagic = []byte("WARC/")
)

// Next returns the next record, io.EOF at the end, or a *CorruptError for
// a record that cannot be read (call Next again to go on after it).
func (rd *Reader) Next() (*Record, error) {
	for {
		start, err := rd.skipToRecord()
		if err != nil {
			return nil, err
		}
		rec, err := rd.read(start)
		if err == nil {
			rd.lost = false
			rec.Offset, rec.Size = start, rd.pos()-start
			return rec, nil
		}
		// Go on from the byte after the record's start, looking for the
		// next record (a gzip member or a WARC/ line).
		if serr := rd.seek(start + 1); serr != nil {
			return nil, serr
		}
		if !rd.lost {
			rd.lost = true
			return nil, &CorruptError{File: rd.path, Offset: start, Err: err}
		}
	}
}

// skipToRecord moves to the start of the next record and returns its
// offset; io.EOF when there is none. Bytes before it are a corrupt
// region, reported once.
func (rd *Reader) skipToRecord() (int64, error) {
	skipped, from := int64(0), rd.pos()
	for {
		p, err := rd.br.Peek(5)
		if len(p) >= 3 && bytes.Equal(p[:3], gzipMagic) || len(p) == 5 && bytes.Equal(p, warcMagic) {
			break
		}
		if err != nil && len(p) < 5 {
			if skipped > 0 && bytes.TrimSpace(p) != nil && !rd.lost {
				rd.lost = true
				return 0, &CorruptError{File: rd.path, Offset: from, Err: errors.New("trailing bytes that are no record")}
			}
			return 0, io.EOF
		}
		c, _ := rd.br.ReadByte()
		if c != '\r' && c != '\n' {
			skipped++
		}
	}
	if skipped > 0 && !rd.lost {
		rd.lost = true
		return 0, &CorruptError{File: rd.path, Offset: rd.pos() - skipped,
			Err: fmt.Errorf("%d bytes that are no record", skipped)}
	}
	return rd.pos(), nil
}

// read reads the record that starts at start.
func (rd *Reader) read(start int64) (*Record, error) {
	r := rd.br
	p, _ := rd.br.Peek(3)
	compressed := bytes.Equal(p, gzipMagic)
	if compressed {
		var err error
		if rd.gz == nil {
			rd.gz, err = gzip.NewReader(rd.br)
		} else {
			err = rd.gz.Reset(rd.br)
		}
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		rd.gz.Multistream(false)
		if rd.gzbr == nil {
			rd.gzbr = bufio.NewReaderSize(rd.gz, 256<<10)
		} else {
			rd.gzbr.Reset(rd.gz)
		}
		r = rd.gzbr
	}
	rec, err := rd.record(r)
	if err != nil {
		return nil, err
	}
	if compressed {
		// The rest of the member (normally nothing): reading it to its
		// end checks the gzip checksum.
		if _, err := io.Copy(io.Discard, r); err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
	}
	return rec, nil
}

// record parses one record from r: the WARC header, the block, the end
// marker.
func (rd *Reader) record(r *bufio.Reader) (*Record, error) {
	version, err := readLine(r)
	if err != nil {
		return nil, fmt.Errorf("version line: %w", noEOF(err))
	}
	if !strings.HasPrefix(version, "WARC/") {
		return nil, fmt.Errorf("no WARC version line (%.40q)", version)
	}
	fields, err := readFields(r)
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	length, err := strconv.ParseInt(fields.Get("Content-Length"), 10, 64)
	if err != nil || length < 0 {
		return nil, fmt.Errorf("bad Content-Length %q", fields.Get("Content-Length"))
	}
	rec := newRecord(fields)
	block := &io.LimitedReader{R: r, N: length}
	if err := rd.readBlock(rec, fields, block); err != nil {
		return nil, err
	}
	if _, err := io.Copy(io.Discard, block); err != nil {
		return nil, fmt.Errorf("block: %w", noEOF(err))
	}
	if block.N > 0 {
		return nil, fmt.Errorf("block: %d of %d bytes missing", block.N, length)
	}
	// The end marker: CRLF CRLF (LF LF from some writers; missing at the
	// very end of some files).
	for i := 0; i < 4; i++ {
		c, err := r.ReadByte()
		if err != nil {
			break
		}
		if c != '\r' && c != '\n' {
			r.UnreadByte()
			break
		}
	}
	return rec, nil
}

func newRecord(f http.Header) *Record {
	unbracket := func(s string) string { return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "<"), ">") }
	rec := &Record{
		Type: strings.ToLower(f.Get("WARC-Type")), ID: f.Get("WARC-Record-ID"),
		TargetURI: unbracket(f.Get("WARC-Target-URI")), IP: f.Get("WARC-IP-Address"),
		Truncated: f.Get("WARC-Truncated"), Profile: f.Get("WARC-Profile"), RefersTo: f.Get("WARC-Refers-To"),
		RefersToURI: unbracket(f.Get("WARC-Refers-To-Target-URI")),
	}
	for _, v := range f.Values("WARC-Concurrent-To") {
		rec.ConcurrentTo = append(rec.ConcurrentTo, strings.TrimSpace(v))
	}
	rec.Date = parseWARCDate(f.Get("WARC-Date"))
	rec.RefersToDate = parseWARCDate(f.Get("WARC-Refers-To-Date"))
	return rec
}

// PrefixLen is how much of a payload Open's wanted function is shown:
// what discover.Sniff looks at to tell a page from other content.
const PrefixLen = 64 << 10

// readBlock reads what an import needs of an HTTP response or revisit
// block: the head, and the payload when wanted.
func (rd *Reader) readBlock(rec *Record, fields http.Header, block *io.LimitedReader) error {
	if rec.Type != TypeResponse && rec.Type != TypeRevisit && rec.Type != TypeRequest {
		return nil
	}
	if !strings.HasPrefix(strings.ToLower(fields.Get("Content-Type")), "application/http") {
		return nil // a resource, a DNS response
	}
	if rec.Type == TypeRequest {
		readRequestHead(rec, block)
		return nil
	}
	var digest hash.Hash
	if alg, _, _ := strings.Cut(fields.Get("WARC-Block-Digest"), ":"); strings.EqualFold(alg, "sha1") {
		digest = sha1.New()
	}
	var src io.Reader = block
	if digest != nil {
		src = io.TeeReader(block, digest)
	}
	if rd.blockBR == nil {
		rd.blockBR = bufio.NewReaderSize(src, PrefixLen)
	}
	br := rd.blockBR
	br.Reset(src) // one buffer for every record's block
	head, err := readHead(br)
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(head, []byte("HTTP/")) {
		return nil
	}
	setHead(rec, head)
	if rec.Type != TypeResponse {
		return nil
	}
	if rd.wanted != nil {
		prefix, _ := br.Peek(PrefixLen) // fewer bytes at the block's end
		if !rd.wanted(rec, prefix) {
			return nil
		}
	}
	return readPayload(rec, br, block, fields.Get("WARC-Block-Digest"), digest)
}

// setHead gives rec the HTTP head it was read with: status, protocol,
// header fields and media type.
func setHead(rec *Record, head []byte) {
	rec.Head = head
	first, hf := corpus.HeaderFromHead(head)
	rec.Proto, rec.Status = parseStatusLine(first)
	rec.Header = http.Header{}
	for _, f := range hf {
		rec.Header.Add(f[0], f[1])
	}
	rec.ContentType = mediaType(rec.Header.Get("Content-Type"))
}

// readPayload reads the rest of a response block (the payload, cut at
// MaxPayload), checks the block's digest when one was computed, and
// undoes a chunked transfer coding.
func readPayload(rec *Record, br *bufio.Reader, block *io.LimitedReader, digestField string, digest hash.Hash) error {
	body, err := io.ReadAll(io.LimitReader(br, MaxPayload+1))
	if err != nil {
		return fmt.Errorf("payload: %w", noEOF(err))
	}
	if len(body) > MaxPayload {
		body, rec.cut = body[:MaxPayload], true
	}
	if _, err := io.Copy(io.Discard, br); err != nil {
		return fmt.Errorf("payload: %w", noEOF(err))
	}
	if block.N > 0 {
		return fmt.Errorf("block: %d bytes missing", block.N)
	}
	if digest != nil {
		if err := checkDigest(digestField, digest.Sum(nil)); err != nil {
			return err
		}
	}
	if chunked(rec) {
		if d, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body))); err == nil {
			body = d
		}
	}
	rec.Payload = body
	return nil
}

// checkDigest compares a SHA-1 digest field (base32 or hex) with sum.
func checkDigest(field string, sum []byte) error {
	_, want, _ := strings.Cut(strings.TrimSpace(field), ":")
	if strings.EqualFold(want, base32.StdEncoding.EncodeToString(sum)) || strings.EqualFold(want, hex.EncodeToString(sum)) {
		return nil
	}
	return fmt.Errorf("block digest %s does not match the block (sha1:%s)", field, base32.StdEncoding.EncodeToString(sum))
}

// readLine reads one line without its end (CRLF or LF).
func readLine(r *bufio.Reader) (string, error) {
	line, err := r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return "", errors.New("line too long")
	}
	if err != nil && len(line) == 0 {
		return "", err
	}
	return strings.TrimRight(string(line), "\r\n"), nil
}

// readFields reads "Name: value" lines up to a blank line.
func readFields(r *bufio.Reader) (http.Header, error) {
	h := http.Header{}
	last, total := "", 0
	for {
		line, err := readLine(r)
		if err != nil {
			return nil, noEOF(err)
		}
		if total += len(line); total > maxHeader {
			return nil, errors.New("header too long")
		}
		if line == "" {
			return h, nil
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			vs := h[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("bad header line %.60q", line)
		}
		last = http.CanonicalHeaderKey(strings.TrimSpace(name))
		h[last] = append(h[last], strings.TrimSpace(value))
	}
}

// readHead reads an HTTP head up to and including its blank line.
func readHead(r *bufio.Reader) ([]byte, error) {
	var head []byte
	for {
		line, err := r.ReadSlice('\n')
		head = append(head, line...)
		if len(head) > maxHeader {
			return nil, errors.New("http head too long")
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return head, nil // a head without a payload or blank line
			}
			return nil, fmt.Errorf("http head: %w", err)
		}
		if len(bytes.TrimRight(line, "\r\n")) == 0 {
			return head, nil
		}
	}
}

// noEOF turns an end of input inside a record into ErrUnexpectedEOF.
func noEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

func parseWARCDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "20060102150405"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

func parseStatusLine(line string) (proto string, status int) {
	parts := strings.SplitN(line, " ", 3)
	if len(parts) < 2 {
		return "", 0
	}
	status, _ = strconv.Atoi(parts[1])
	return parts[0], status
}

func mediaType(ct string) string {
	mt, _, _ := strings.Cut(ct, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// readRequestHead reads the request line and headers of an HTTP request
// record; a block that is no HTTP request is left alone (a request is
// never imported by itself, so it makes no record corrupt).
func readRequestHead(rec *Record, block io.Reader) {
	head, err := readHead(bufio.NewReaderSize(block, 4<<10))
	if err != nil {
		return
	}
	first, hf := corpus.HeaderFromHead(head)
	method, rest, ok := strings.Cut(first, " ")
	if !ok || method == "" || !strings.Contains(rest, " HTTP/") {
		return
	}
	rec.Head, rec.Method = head, method
	rec.Header = http.Header{}
	for _, f := range hf {
		rec.Header.Add(f[0], f[1])
	}
}
