package warc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/discover"
)

// Extractor returns the article to keep from a capture's page (decoded),
// the key it is stored under, and whether the page's own URL is that key
// (a page at its canonical URL replaces the article of a variant; a
// variant does not replace the article of its canonical page); nil when
// the page is not one to keep. It is called from several goroutines at
// once.
type Extractor func(c *corpus.Capture, page []byte) (art *corpus.Article, key string, atKey bool)

// Importer reads WARC files into a corpus: every HTML response record
// becomes a capture (its original fetch time, a pointer to the record),
// and its article is extracted. Extraction runs on Workers goroutines;
// one goroutine writes, in record order.
type Importer struct {
	DB      *corpus.DB
	Extract Extractor
	Workers int // 0: one per CPU
	// Progress is called with the bytes read of every file so far and
	// their total, after each record.
	Progress func(read, total int64)
	// Corrupt is called for each record that could not be read.
	Corrupt func(*CorruptError)
	Log     *slog.Logger
}

// ImportStats counts what an import did.
type ImportStats struct {
	Records    int            // records read
	Captures   int            // captures added
	Articles   int            // articles added or updated
	Duplicates int            // article pages whose article was stored already: their URLs added to it
	Revisits   int            // of the captures, revisits resolved to their original
	Already    int            // records imported before (by WARC-Record-ID): nothing added
	Truncated  int            // captures of records flagged WARC-Truncated (or cut at MaxPayload)
	Unresolved int            // revisits whose original is not in the corpus: skipped
	Corrupt    int            // records that could not be read: skipped
	Skipped    map[string]int // records not imported, by reason (request, metadata, not_html...)
	Bytes      int64          // bytes read
}

// job is one record on its way through the pipeline.
type job struct {
	rec  *Record
	req  *Record // its request record, when the file has it
	file string
	capt *corpus.Capture
	art  *corpus.Article
	key  string
	self bool // the page is at its key
	seen bool // imported before
	done chan struct{}
}

// Import reads files in order. It returns the first error that stops it
// (a file that cannot be opened does not: it is reported in the error at
// the end, after the other files).
func (im *Importer) Import(ctx context.Context, files []string) (ImportStats, error) {
	st := ImportStats{Skipped: map[string]int{}}
	if im.Log == nil {
		im.Log = slog.New(slog.DiscardHandler)
	}
	workers := im.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *job, workers*4)
	ordered := make(chan *job, workers*8)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				im.prepare(ctx, j)
				close(j.done)
			}
		}()
	}
	var writeErr error
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		writeErr = im.write(ctx, ordered, &st)
		if writeErr != nil {
			cancel()
			for range ordered { // let the reader finish
			}
		}
	}()
	readErr := im.read(ctx, files, jobs, ordered, &st)
	close(jobs)
	close(ordered)
	wg.Wait()
	<-writerDone
	if writeErr != nil {
		return st, writeErr
	}
	return st, readErr
}

// read sends every importable record of files down the pipeline.
func (im *Importer) read(ctx context.Context, files []string, jobs, ordered chan<- *job, st *ImportStats) error {
	var total, before int64
	for _, f := range files {
		if info, err := statSize(f); err == nil {
			total += info
		}
	}
	var errs []error
	for _, f := range files {
		rd, err := Open(f, wantedPayload)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f, err))
			continue
		}
		err = im.readFile(ctx, rd, f, jobs, ordered, st, func() {
			if im.Progress != nil {
				im.Progress(before+rd.Pos(), total)
			}
		})
		before += rd.Size()
		st.Bytes += rd.Pos()
		rd.Close()
		if err != nil {
			return err
		}
	}
	return errors.Join(errs...)
}

func (im *Importer) readFile(ctx context.Context, rd *Reader, path string, jobs, ordered chan<- *job,
	st *ImportStats, progress func()) error {
	base := filepath.Base(path)
	send := func(j *job) error {
		select {
		case ordered <- j:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case jobs <- j:
		case <-ctx.Done():
			return ctx.Err()
		}
		return nil
	}
	p := &pairer{send: send, unpaired: func() { st.Skipped[TypeRequest]++ }}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := rd.Next()
		progress()
		if errors.Is(err, io.EOF) {
			return p.flush()
		}
		var ce *CorruptError
		if errors.As(err, &ce) {
			st.Corrupt++
			if im.Corrupt != nil {
				im.Corrupt(ce)
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		st.Records++
		if rec.Type == TypeRequest {
			if err := p.request(rec); err != nil {
				return err
			}
			continue
		}
		if err := p.release(); err != nil {
			return err
		}
		if why := skipReason(rec); why != "" {
			st.Skipped[why]++
			continue
		}
		if err := p.capture(&job{rec: rec, file: base, done: make(chan struct{})}); err != nil {
			return err
		}
	}
}

// wantedPayload says which payloads the reader reads: HTML responses,
// and those of a type that may hide HTML whose start is HTML, as the
// crawl sniffs them.
func wantedPayload(r *Record, prefix []byte) bool {
	if isHTML(r.ContentType) {
		return true
	}
	if !mayBeHTML(r.ContentType) {
		return false
	}
	// A chunked payload starts with a chunk's size: read it whole,
	// de-chunked, and let isPage sniff it.
	return chunked(r) || sniffedHTML(r, prefix)
}

// chunked reports whether r's payload is in the chunked transfer coding.
func chunked(r *Record) bool {
	return strings.Contains(strings.ToLower(r.Header.Get("Transfer-Encoding")), "chunked")
}

// sniffedHTML reports whether a payload starting with prefix is a page.
func sniffedHTML(r *Record, prefix []byte) bool {
	return discover.Sniff(prefix, r.Header.Get("Content-Type"), r.TargetURI) == discover.KindHTML
}

func isHTML(ct string) bool {
	return ct == "text/html" || ct == "application/xhtml+xml"
}

// mayBeHTML reports whether a payload of media type ct is HTML when its
// content says so: no type, or a generic one. The crawl stores a page
// served so when discover.Sniff finds HTML in it; import must keep it too.
func mayBeHTML(ct string) bool {
	switch ct {
	case "", "application/octet-stream", "binary/octet-stream", "text/plain", "application/unknown", "unknown/unknown":
		return true
	}
	return false
}

// genericRevisit reports whether r is a revisit whose HTTP head gives a
// generic type (octet-stream, text/plain): it repeats a page only when the
// record it names is a stored capture. A 304's head often has no type at
// all, and is tied by URL and date as before. Found by URL or date alone, the original could be the page
// where the revisit repeats a PDF or a robots.txt served at the same URL.
func genericRevisit(r *Record) bool {
	return r.Type == TypeRevisit && r.Head != nil && r.ContentType != "" && mayBeHTML(r.ContentType) &&
		r.Status != http.StatusNotModified && r.Profile != ProfileNotModified
}

// isPage reports whether r's payload is an HTML page, as the crawl judged it.
func isPage(r *Record) bool {
	if isHTML(r.ContentType) {
		return true
	}
	return mayBeHTML(r.ContentType) && r.Payload != nil && sniffedHTML(r, r.Payload)
}

// skipReason returns why a record is not imported, "" when it is.
func skipReason(r *Record) string {
	switch r.Type {
	case TypeResponse:
		switch {
		case r.Head == nil:
			return "not_http"
		case !isPage(r):
			return "not_html"
		case r.TargetURI == "":
			return "no_target_uri"
		}
		return ""
	case TypeRevisit:
		if r.Head != nil && !isHTML(r.ContentType) && !mayBeHTML(r.ContentType) {
			return "not_html"
		}
		if r.TargetURI == "" {
			return "no_target_uri"
		}
		return ""
	case "":
		return "unknown"
	}
	return r.Type
}

// prepare builds the capture of j's record and extracts its article; it
// runs on a worker.
func (im *Importer) prepare(ctx context.Context, j *job) {
	r := j.rec
	if r.ID != "" {
		if seen, err := im.DB.HasWARCRecord(ctx, r.ID); err == nil && seen {
			j.seen = true
			return
		}
	}
	c := &corpus.Capture{
		RequestedURL: r.TargetURI, URL: r.TargetURI, Method: http.MethodGet, Status: r.Status, Proto: r.Proto,
		Header: r.Header, FetchedAt: r.Date.UTC(), RemoteIP: r.IP, ResponseHead: r.Head, ContentType: r.ContentType,
		Truncated: r.Truncated != "" || r.Cut(), Source: "warc",
		WARC: corpus.WARCOrigin{File: j.file, Offset: r.Offset, RecordID: r.ID},
	}
	if c.WARC.RecordID == "" {
		c.WARC.RecordID = fmt.Sprintf("<archivist:%s#%d>", j.file, r.Offset)
	}
	if q := j.req; q != nil && q.Head != nil {
		c.Method, c.RequestHead, c.RequestHeader = q.Method, q.Head, q.Header
	}
	switch {
	case c.Status >= 500:
		c.ErrorKind, c.Error = corpus.ErrKindHTTP5xx, http.StatusText(c.Status)
	case c.Status >= 400:
		c.ErrorKind, c.Error = corpus.ErrKindHTTP4xx, http.StatusText(c.Status)
	}
	j.capt = c
	if r.Type != TypeResponse {
		if c.Status == 0 { // a revisit without its HTTP head
			c.Status = http.StatusOK
			if r.Profile == ProfileNotModified {
				c.Status = http.StatusNotModified
			}
		}
		return
	}
	c.Body, c.BodyForm = r.Payload, corpus.BodyWire
	if c.Body == nil {
		c.Body = []byte{}
	}
	im.DB.Pack(c) // digest and compression here, in parallel
	if c.Status < 200 || c.Status >= 300 || im.Extract == nil {
		return
	}
	page, _, err := c.Decoded(MaxPayload)
	if err != nil {
		im.Log.Debug("import: decode", "url", c.URL, "err", err)
		return
	}
	j.art, j.key, j.self = im.Extract(c, page)
}

// write stores the prepared records in order, many to a transaction.
func (im *Importer) write(ctx context.Context, ordered <-chan *job, st *ImportStats) error {
	const maxBatch = 256
	batch := make([]*job, 0, maxBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		var add ImportStats
		err := im.DB.Update(ctx, func(tx *corpus.Tx) error {
			add = ImportStats{Skipped: map[string]int{}}
			for _, j := range batch {
				if err := im.store(ctx, tx, j, &add); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err // the caller names the import
		}
		st.Captures += add.Captures
		st.Articles += add.Articles
		st.Duplicates += add.Duplicates
		st.Revisits += add.Revisits
		st.Already += add.Already
		st.Truncated += add.Truncated
		st.Unresolved += add.Unresolved
		for why, n := range add.Skipped {
			st.Skipped[why] += n
		}
		batch = batch[:0]
		return nil
	}
	for j := range ordered {
		<-j.done
		batch = append(batch, j)
		if len(batch) == maxBatch || len(ordered) == 0 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// store writes one record's capture and article.
func (im *Importer) store(ctx context.Context, tx *corpus.Tx, j *job, st *ImportStats) error {
	if j.seen || j.capt == nil {
		st.Already++
		return nil
	}
	c := j.capt
	if _, err := tx.CaptureByWARCRecord(ctx, c.WARC.RecordID); err == nil {
		st.Already++ // the same record twice in one run
		return nil
	} else if !errors.Is(err, corpus.ErrNotFound) {
		return err
	}
	if j.rec.Type == TypeRevisit {
		orig, err := im.original(ctx, tx, j.rec)
		if errors.Is(err, corpus.ErrNotFound) && genericRevisit(j.rec) {
			st.Skipped["not_html"]++
			return nil
		}
		if errors.Is(err, corpus.ErrNotFound) {
			st.Unresolved++
			im.Log.Debug("import: revisit of a record not in the corpus", "url", c.URL, "refers_to", j.rec.RefersTo)
			return nil
		}
		if err != nil {
			return err
		}
		c.RevisitOf, c.SHA256 = orig.ID, orig.SHA256
		st.Revisits++
	}
	id, err := tx.AddCapture(ctx, c)
	if err != nil {
		return err
	}
	st.Captures++
	if c.Truncated {
		st.Truncated++
	}
	if j.art == nil {
		return nil
	}
	j.art.CaptureID = id
	dup, err := saveArticle(ctx, tx, j.art, j.key, j.self)
	if err != nil {
		return err
	}
	if dup {
		st.Duplicates++
	} else {
		st.Articles++
	}
	return nil
}

// original finds the capture a revisit record repeats: by the record it
// refers to, else by URL and date, else the latest capture of the URL.
func (im *Importer) original(ctx context.Context, tx *corpus.Tx, r *Record) (corpus.CaptureRef, error) {
	if r.RefersTo != "" {
		if ref, err := tx.CaptureByWARCRecord(ctx, r.RefersTo); !errors.Is(err, corpus.ErrNotFound) {
			return ref, err
		}
	}
	if genericRevisit(r) {
		return corpus.CaptureRef{}, corpus.ErrNotFound
	}
	uri := r.RefersToURI
	if uri == "" {
		uri = r.TargetURI
	}
	if !r.RefersToDate.IsZero() {
		if ref, err := tx.CaptureAt(ctx, uri, r.RefersToDate.UTC()); !errors.Is(err, corpus.ErrNotFound) {
			return ref, err
		}
	}
	return tx.LatestCaptureOf(ctx, uri)
}

// saveArticle stores art under key as a crawl does: when an article was
// already extracted from the same payload, or art is a variant (not at
// its key) of an article already stored, it records art's URL under that
// article instead (dup).
func saveArticle(ctx context.Context, tx *corpus.Tx, art *corpus.Article, key string, atKey bool) (dup bool, err error) {
	id, err := tx.ArticleIDByContent(ctx, art.ContentSHA256)
	if errors.Is(err, corpus.ErrNotFound) && !atKey {
		id, err = tx.ArticleIDByKey(ctx, key)
	}
	switch {
	case err == nil:
		art.ID = id
		return true, tx.AddArticleURL(ctx, id, art.URL)
	case errors.Is(err, corpus.ErrNotFound):
		_, err = tx.PutArticle(ctx, art, key)
		return false, err
	}
	return false, err
}

func statSize(path string) (int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// Summary returns the skipped counts as "reason N" pairs, sorted.
func (s ImportStats) Summary() string {
	var parts []string
	for _, k := range sortedKeys(s.Skipped) {
		parts = append(parts, fmt.Sprintf("%s %d", k, s.Skipped[k]))
	}
	return strings.Join(parts, ", ")
}

func sortedKeys(m map[string]int) []string { return slices.Sorted(maps.Keys(m)) }
