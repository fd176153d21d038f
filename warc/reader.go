package warc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/archivist-project/archivist/corpus"
)

// The reader is nlnwa/gowarc's: it reads WARC 1.0 and 1.1, gzipped per
// record or not, tolerates the quirks of the usual producers (wget,
// Heritrix, warcprox, Browsertrix, Common Crawl), checks block digests and
// lengths, and spills large records to disk instead of holding them.

// MaxPayload bounds the payload read from one record; a longer payload is
// cut there and its capture flagged truncated (the extractor reads at
// most 16 MiB of a page).
const MaxPayload = 32 << 20

// Record is one record read from a WARC file, as much of it as an import
// needs.
type Record struct {
	Type      string
	ID        string // WARC-Record-ID, with its angle brackets
	TargetURI string
	Date      time.Time
	Offset    int64 // of the record (its gzip member) in the file
	Size      int64 // bytes it takes in the file
	IP        string
	Truncated string // WARC-Truncated, "" when whole

	// Revisit fields.
	Profile      string
	RefersTo     string
	RefersToURI  string
	RefersToDate time.Time

	// HTTP response records (and revisits carrying a head).
	Status  int
	Proto   string
	Header  http.Header
	Head    []byte // status line and header block as recorded
	Payload []byte // entity body, transfer coding (chunked) removed; nil unless read
	// ContentType is the media type of the HTTP payload, lower case.
	ContentType string
	cut         bool
}

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
	r      *gowarc.WarcFileReader
	size   int64
	pos    int64 // end of the last record read
	wanted func(*Record) bool
}

// Open opens a WARC file. wanted, called with a record's WARC and HTTP
// headers, says whether its payload is to be read (nil: always).
func Open(path string, wanted func(*Record) bool) (*Reader, error) {
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
	if err := rd.seek(0); err != nil {
		f.Close()
		return nil, err
	}
	return rd, nil
}

func (rd *Reader) seek(off int64) error {
	if rd.r != nil {
		rd.r.Close() // returns its buffer; the file stays open (see below)
	}
	if _, err := rd.f.Seek(off, io.SeekStart); err != nil {
		return err
	}
	r, err := gowarc.NewWarcFileReaderFromStream(struct{ io.Reader }{rd.f}, off,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn), gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore), gowarc.WithBlockErrorPolicy(gowarc.ErrWarn),
		gowarc.WithBufferMaxMemBytes(4<<20), gowarc.WithBufferTmpDir(os.TempDir()))
	if err != nil {
		return err
	}
	rd.r = r
	return nil
}

// Size returns the size of the file.
func (rd *Reader) Size() int64 { return rd.size }

// Pos returns how far the reader has got in the file.
func (rd *Reader) Pos() int64 { return rd.pos }

// Close closes the file.
func (rd *Reader) Close() error {
	if rd.r != nil {
		rd.r.Close()
	}
	return rd.f.Close()
}

// Next returns the next record, io.EOF at the end, or a *CorruptError for
// a record that cannot be read (call Next again to go on after it).
func (rd *Reader) Next() (*Record, error) {
	res, err := rd.r.Next()
	defer res.Close()
	if errors.Is(err, io.EOF) && res.WarcRecord == nil {
		rd.pos = rd.size
		return nil, io.EOF
	}
	if err == nil && res.WarcRecord == nil {
		err = errors.New("no record")
	}
	if err == nil {
		err = damage(res.Validation)
	}
	var rec *Record
	if err == nil {
		rec, err = rd.convert(res)
	}
	if err != nil {
		if errors.Is(err, gowarc.ErrNoRecord) {
			rd.pos = rd.size
			return nil, io.EOF
		}
		off := res.Offset
		if off < rd.pos {
			off = rd.pos
		}
		// Go on from the byte after the record's start: gowarc scans for
		// the next record (a gzip member or a WARC/ line) from there.
		rd.pos = min(off+1, rd.size)
		if serr := rd.seek(rd.pos); serr != nil {
			return nil, serr
		}
		return nil, &CorruptError{File: rd.path, Offset: off, Err: err}
	}
	rd.pos = res.Offset + res.Size
	return rec, nil
}

// damage returns the first validation finding that means the record's
// bytes are not what was written: a wrong length, a missing end, a block
// digest that does not match.
func damage(v []error) error {
	for _, e := range v {
		var cl *gowarc.ContentLengthError
		msg := e.Error()
		if errors.As(e, &cl) || strings.HasPrefix(msg, "block:") || strings.Contains(msg, "end of record marker") {
			return e
		}
	}
	return nil
}

func (rd *Reader) convert(res gowarc.Record) (*Record, error) {
	wr := res.WarcRecord
	h := wr.WarcHeader()
	rec := &Record{
		Type: strings.ToLower(wr.Type().String()), ID: h.Get(gowarc.WarcRecordID),
		TargetURI: strings.Trim(h.Get(gowarc.WarcTargetURI), "<>"), Offset: res.Offset, Size: res.Size,
		IP: h.Get(gowarc.WarcIPAddress), Truncated: h.Get(gowarc.WarcTruncated),
		Profile: h.Get(gowarc.WarcProfile), RefersTo: h.Get(gowarc.WarcRefersTo),
		RefersToURI: strings.Trim(h.Get(gowarc.WarcRefersToTargetURI), "<>"),
	}
	rec.Date, _ = h.GetTime(gowarc.WarcDate)
	rec.RefersToDate, _ = h.GetTime(gowarc.WarcRefersToDate)
	if rec.Type != TypeResponse && rec.Type != TypeRevisit {
		return rec, nil
	}
	ph, ok := wr.Block().(gowarc.ProtocolHeaderBlock)
	if !ok {
		return rec, nil // not an HTTP record (a resource, a DNS response)
	}
	head := ph.ProtocolHeaderBytes()
	if !bytes.HasPrefix(head, []byte("HTTP/")) {
		return rec, nil
	}
	rec.Head = bytes.Clone(head)
	first, fields := corpus.HeaderFromHead(head)
	rec.Proto, rec.Status = parseStatusLine(first)
	rec.Header = http.Header{}
	for _, f := range fields {
		rec.Header.Add(f[0], f[1])
	}
	rec.ContentType = mediaType(rec.Header.Get("Content-Type"))
	if rec.Type != TypeResponse || (rd.wanted != nil && !rd.wanted(rec)) {
		return rec, nil
	}
	pb, ok := wr.Block().(gowarc.PayloadBlock)
	if !ok {
		return rec, nil
	}
	r, err := pb.PayloadBytes()
	if err != nil {
		return nil, fmt.Errorf("payload: %w", err)
	}
	body, err := io.ReadAll(io.LimitReader(r, MaxPayload+1))
	if err != nil {
		return nil, fmt.Errorf("payload: %w", err)
	}
	if len(body) > MaxPayload {
		body, rec.cut = body[:MaxPayload], true
	}
	if strings.Contains(strings.ToLower(rec.Header.Get("Transfer-Encoding")), "chunked") {
		if d, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body))); err == nil {
			body = d
		}
	}
	rec.Payload = body
	return rec, nil
}

// Cut reports whether the payload was longer than MaxPayload and cut.
func (r *Record) Cut() bool { return r.cut }

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
