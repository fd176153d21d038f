package warc

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/klauspost/compress/gzip"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/proc"
)

// DefaultMaxSize is the size at which a WARC file is closed and the next
// one begun, as the WARC 1.1 annex recommends.
const DefaultMaxSize = 1 << 30

// Options configure a Writer.
type Options struct {
	// MaxSize closes a file once it holds that many bytes (on disk) and
	// goes on in the next one; 0 means DefaultMaxSize, < 0 never.
	MaxSize int64
	// Software names the writer in the warcinfo records ("archivist 1.2").
	Software string
	// Info are further warcinfo fields (crawl settings), in order.
	Info [][2]string
	// CDX collects a CDXJ index line per response and revisit record.
	CDX bool
	// Namespace, when set (the corpus id), makes a capture's record ids
	// name-based: the same for every export of that capture, instead of
	// random.
	Namespace string
}

// Stats counts what a Writer wrote.
type Stats struct {
	Files     []string // the files written, in order
	Responses int
	Revisits  int
	Requests  int
	Skipped   int   // captures without a response to write (failed fetches, bodies not kept)
	Bytes     int64 // bytes written on disk, every file
	// Removed are the later files of an earlier series at the same path
	// (path-0000N past the last file written), removed by Close.
	Removed []string
}

// Writer writes captures as WARC/1.1 records: a warcinfo record at the
// start of every file, then per capture a response (or revisit) record
// and its request record. Compressed files (name ending in .gz) hold one
// gzip member per record. Files are written under temporary names and
// take their names on Close; Abort removes them.
type Writer struct {
	opts     Options
	stem     string // path without the WARC extension
	ext      string // ".warc.gz" or ".warc"
	compress bool

	tmp      *os.File
	name     string // final path of the current file
	bw       *bufio.Writer
	size     int64 // bytes in the current file
	infoID   string
	gz       *gzip.Writer
	done     []string // temporary paths of closed files, renamed on Close
	finals   []string
	cdx      *cdxSorter // nil without Options.CDX
	stats    Stats
	byID     map[int64]ref  // capture id -> its response record
	byURL    map[string]ref // URL -> its last response record
	closed   bool
	writeErr error
}

// ref is what a revisit record needs of the record it refers to.
type ref struct {
	id, date, uri, sha256, payloadDigest string
}

// Create returns a Writer whose first file is path. Later files (past
// Options.MaxSize) are path with -00001, -00002... before the extension.
func Create(path string, opts Options) (*Writer, error) {
	if opts.MaxSize == 0 {
		opts.MaxSize = DefaultMaxSize
	}
	w := &Writer{opts: opts, byID: map[int64]ref{}, byURL: map[string]ref{}}
	lower := strings.ToLower(path)
	switch {
	case strings.HasSuffix(lower, ".warc.gz"):
		w.stem, w.ext, w.compress = path[:len(path)-8], path[len(path)-8:], true
	case strings.HasSuffix(lower, ".gz"):
		w.stem, w.ext, w.compress = path[:len(path)-3], path[len(path)-3:], true
	case strings.HasSuffix(lower, ".warc"):
		w.stem, w.ext = path[:len(path)-5], path[len(path)-5:]
	default:
		w.stem, w.ext = path, ""
	}
	if opts.CDX {
		w.cdx = newCDXSorter(w.stem + ".cdxj-run")
	}
	w.removeStaleTemps()
	if err := w.open(); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *Writer) open() error {
	name := w.stem + w.ext
	if n := len(w.finals); n > 0 {
		name = fmt.Sprintf("%s-%05d%s", w.stem, n, w.ext)
	}
	f, err := proc.CreateTemp(name)
	if err != nil {
		return fmt.Errorf("create %s: %w", name, err)
	}
	w.tmp, w.name, w.size = f, name, 0
	w.finals = append(w.finals, name)
	if w.bw == nil {
		w.bw = bufio.NewWriterSize(f, 1<<20)
	} else {
		w.bw.Reset(f)
	}
	return w.writeInfo()
}

// removeStaleTemps removes the temporary files an export to the same path
// killed earlier left (.NAME.PID-HEX.tmp, see proc.CreateTemp): those of the
// first file, of a series' later ones and of CDX runs, whose process is
// gone. A live process's stay: it may be writing them.
func (w *Writer) removeStaleTemps() {
	dir, stem := filepath.Dir(w.stem), filepath.Base(w.stem)
	ours := func(base string) bool {
		if base == stem+w.ext || base == stem+".cdxj-run" {
			return true
		}
		n, ok := strings.CutPrefix(base, stem+"-")
		n, ok2 := strings.CutSuffix(n, w.ext)
		return ok && ok2 && len(n) == 5 && strings.Trim(n, "0123456789") == ""
	}
	proc.RemoveStaleTemps(dir, ours)
}

func (w *Writer) writeInfo() error {
	var b bytes.Buffer
	info := append([][2]string{{"software", w.opts.Software}, {"format", "WARC File Format 1.1"},
		{"conformsTo", "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"}}, w.opts.Info...)
	for _, f := range info {
		if f[1] != "" {
			writeField(&b, f[0], f[1])
		}
	}
	w.infoID = newRecordID()
	_, _, err := w.record([][2]string{
		{"WARC-Type", TypeWarcinfo}, {"WARC-Record-ID", w.infoID}, {"WARC-Date", warcDate(nowFunc())},
		{"WARC-Filename", filepath.Base(w.name)}, {"Content-Type", "application/warc-fields"},
	}, b.Bytes())
	return err
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n *int64
}

func (c countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	*c.n += int64(n)
	return n, err
}

// record writes one record: the fields, a block digest, Content-Length
// and the block parts. It returns the record's offset and length in the
// file.
func (w *Writer) record(fields [][2]string, block ...[]byte) (offset, length int64, err error) {
	if w.writeErr != nil {
		return 0, 0, w.writeErr
	}
	offset = w.size
	var out io.Writer = countWriter{w.bw, &w.size}
	if w.compress {
		if w.gz == nil {
			w.gz, _ = gzip.NewWriterLevel(out, gzip.DefaultCompression)
		} else {
			w.gz.Reset(out)
		}
		out = w.gz
	}
	h := sha1.New()
	n := 0
	for _, p := range block {
		h.Write(p)
		n += len(p)
	}
	var head bytes.Buffer
	head.WriteString("WARC/1.1\r\n")
	for _, f := range fields {
		writeField(&head, f[0], f[1])
	}
	writeField(&head, "WARC-Block-Digest", sha1Digest(h))
	writeField(&head, "Content-Length", strconv.Itoa(n))
	head.WriteString("\r\n")
	if _, err = out.Write(head.Bytes()); err == nil {
		for _, p := range block {
			if _, err = out.Write(p); err != nil {
				break
			}
		}
	}
	if err == nil {
		_, err = io.WriteString(out, "\r\n\r\n")
	}
	if err == nil && w.compress {
		err = w.gz.Close()
	}
	if err != nil {
		w.writeErr = fmt.Errorf("write %s: %w", w.name, err)
		return 0, 0, w.writeErr
	}
	return offset, w.size - offset, nil
}

// WriteCapture writes c's records. Captures without a response (a failed
// fetch) or whose body was not kept are skipped and counted. A capture
// that repeats an earlier one (a 304, or the same payload as the last
// capture of its URL written) becomes a revisit record referring to it.
func (w *Writer) WriteCapture(c *corpus.Capture) error {
	if c.Status == 0 || (c.Body == nil && c.RevisitOf == 0) {
		w.stats.Skipped++
		return nil
	}
	if w.opts.MaxSize > 0 && w.size >= w.opts.MaxSize {
		if err := w.rotate(); err != nil {
			return err
		}
	}
	respID, reqID := w.recordIDs(c.ID)
	date := warcDate(c.FetchedAt)
	fields := [][2]string{{"WARC-Type", TypeResponse}, {"WARC-Record-ID", respID}, {"WARC-Date", date},
		{"WARC-Target-URI", c.URL}, {"WARC-Warcinfo-ID", w.infoID}, {"WARC-Concurrent-To", reqID}}
	if c.RemoteIP != "" {
		fields = append(fields, [2]string{"WARC-IP-Address", c.RemoteIP})
	}
	fields = append(fields, [2]string{"Content-Type", "application/http; msgtype=response"})
	head, body := responseHead(c, len(c.Body)), c.Body
	payload := SHA1Of(body)
	mime := c.ContentType
	orig := w.original(c)
	if orig != nil {
		fields[0][1], mime, body = TypeRevisit, "warc/revisit", nil // the block is the head alone
		fields = append(fields, revisitFields(c, orig, payload)...)
	} else {
		fields = append(fields, [2]string{"WARC-Payload-Digest", payload})
		if c.Truncated {
			fields = append(fields, [2]string{"WARC-Truncated", "length"})
		}
	}
	off, n, err := w.record(fields, head, body)
	if err != nil {
		return err
	}
	if orig == nil {
		r := ref{id: respID, date: date, uri: c.URL, sha256: c.SHA256, payloadDigest: payload}
		w.byID[c.ID], w.byURL[c.URL] = r, r
		w.stats.Responses++
	} else {
		w.stats.Revisits++
	}
	if w.cdx != nil {
		if err := w.cdx.add(cdxLine(c, mime, strings.TrimPrefix(payload, "sha1:"), off, n, filepath.Base(w.name))); err != nil {
			return err
		}
	}
	_, _, err = w.record([][2]string{{"WARC-Type", TypeRequest}, {"WARC-Record-ID", reqID}, {"WARC-Date", date},
		{"WARC-Target-URI", c.URL}, {"WARC-Warcinfo-ID", w.infoID}, {"WARC-Concurrent-To", respID},
		{"Content-Type", "application/http; msgtype=request"}}, requestHead(c))
	if err == nil {
		w.stats.Requests++
	}
	return err
}

// recordIDs returns the ids of a capture's response (or revisit) and
// request records: name-based under Options.Namespace, random without.
func (w *Writer) recordIDs(captureID int64) (resp, req string) {
	if w.opts.Namespace == "" || captureID == 0 {
		return newRecordID(), newRecordID()
	}
	return namedRecordID(w.opts.Namespace, captureID, TypeResponse), namedRecordID(w.opts.Namespace, captureID, TypeRequest)
}

// original returns the response record c repeats, nil when c is written
// as a response: for a 304 the capture it revisits (only its URI when
// that capture was not written), else the last response written for the
// URL when its payload is the same.
func (w *Writer) original(c *corpus.Capture) *ref {
	if c.RevisitOf != 0 {
		if r, ok := w.byID[c.RevisitOf]; ok {
			return &r
		}
		return &ref{uri: c.URL}
	}
	if r, ok := w.byURL[c.URL]; ok && c.Body != nil && r.sha256 == c.SHA256 && c.Status >= 200 && c.Status < 300 {
		return &r
	}
	return nil
}

// revisitFields returns the fields of a revisit record of c that repeats
// orig; payload is the digest of c's own payload.
func revisitFields(c *corpus.Capture, orig *ref, payload string) [][2]string {
	profile, digest := ProfileIdenticalPayload, orig.payloadDigest
	if c.RevisitOf != 0 {
		profile, digest = ProfileNotModified, payload
	}
	fields := [][2]string{{"WARC-Profile", profile}}
	if orig.id != "" {
		fields = append(fields, [2]string{"WARC-Refers-To", orig.id})
	}
	fields = append(fields, [2]string{"WARC-Refers-To-Target-URI", orig.uri})
	if orig.date != "" {
		fields = append(fields, [2]string{"WARC-Refers-To-Date", orig.date})
	}
	return append(fields, [2]string{"WARC-Payload-Digest", digest})
}

// nowFunc is the clock of warcinfo dates.
var nowFunc = timeNow

func (w *Writer) finish() error {
	if err := w.bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", w.name, err)
	}
	if err := w.tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", w.name, err)
	}
	if err := w.tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", w.name, err)
	}
	w.stats.Bytes += w.size
	w.done = append(w.done, w.tmp.Name())
	w.tmp = nil
	return nil
}

func (w *Writer) rotate() error {
	if err := w.finish(); err != nil {
		return err
	}
	return w.open()
}

// Close finishes the last file and gives every file its name.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	if w.writeErr != nil {
		w.abort()
		return w.writeErr
	}
	if err := w.finish(); err != nil {
		w.abort()
		return err
	}
	for i, tmp := range w.done {
		if err := os.Rename(tmp, w.finals[i]); err != nil {
			w.abort()
			return fmt.Errorf("rename to %s: %w", w.finals[i], err)
		}
		w.stats.Files = append(w.stats.Files, w.finals[i])
	}
	w.removeStale()
	return nil
}

// removeStale removes the files that continue an earlier, longer series
// at the same path: left among the new files, they would be read with
// them, their revisits pointing at records no longer there.
func (w *Writer) removeStale() {
	for n := len(w.finals); ; n++ {
		name := fmt.Sprintf("%s-%05d%s", w.stem, n, w.ext)
		st, err := os.Lstat(name)
		if err != nil || !st.Mode().IsRegular() || os.Remove(name) != nil {
			return
		}
		w.stats.Removed = append(w.stats.Removed, name)
	}
}

// Abort removes every file written (those not renamed yet).
func (w *Writer) Abort() {
	if !w.closed {
		w.closed = true
		w.abort()
	}
}

func (w *Writer) abort() {
	if w.cdx != nil {
		w.cdx.remove()
	}
	if w.tmp != nil {
		w.tmp.Close()
		os.Remove(w.tmp.Name())
		w.tmp = nil
	}
	for _, p := range w.done {
		os.Remove(p)
	}
}

// Stats returns what was written so far.
func (w *Writer) Stats() Stats { return w.stats }

// WriteCDX writes the CDXJ index of the records written, sorted, once.
// It holds a bounded number of lines in memory: past that, sorted runs
// wait in temporary files beside the WARC files, removed here (or by
// Abort).
func (w *Writer) WriteCDX(out io.Writer) error {
	if w.cdx == nil {
		return errors.New("write cdx: the writer was not asked to index")
	}
	defer w.cdx.remove()
	return w.cdx.writeTo(out)
}
