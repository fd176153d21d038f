package corpus

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/archivist-project/archivist/internal/quote"
)

// ArticleWriter writes articles in one export format.
type ArticleWriter interface {
	Write(a *Article) error
	// Close flushes buffered output; it does not close the underlying writer.
	Close() error
}

// NewArticleWriter returns the writer for format "jsonl" or "csv".
func NewArticleWriter(w io.Writer, format string) (ArticleWriter, error) {
	switch format {
	case "jsonl":
		return NewJSONLWriter(w), nil
	case "csv":
		return NewCSVWriter(w), nil
	}
	return nil, fmt.Errorf("unknown export format %s (want jsonl or csv)", quote.Short(format))
}

// JSONLWriter writes one JSON object per line, every Article field.
type JSONLWriter struct{ enc *json.Encoder }

// NewJSONLWriter returns a JSON Lines writer.
func NewJSONLWriter(w io.Writer) *JSONLWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &JSONLWriter{enc: enc}
}

// Write writes one article as one line.
func (j *JSONLWriter) Write(a *Article) error {
	out := *a
	out.Authors, out.Tags, out.Flags = nonNil(a.Authors), nonNil(a.Tags), nonNil(a.Flags)
	if err := j.enc.Encode(jsonlArticle{&out, a.ExtractorVersion, a.ExtractedAt, a.Version, a.CapturedAt}); err != nil {
		return fmt.Errorf("write jsonl: %w", err)
	}
	return nil
}

// jsonlArticle is an article as JSONL writes it: every field, those that
// Article's JSON omits when unknown included (0 or null).
type jsonlArticle struct {
	*Article
	ExtractorVersion int        `json:"extractor_version"`
	ExtractedAt      *time.Time `json:"extracted_at"`
	Version          int        `json:"version"`
	CapturedAt       *time.Time `json:"captured_at"`
}

// Close is a no-op: lines are written as they come.
func (j *JSONLWriter) Close() error { return nil }

// CSVColumns are the CSV header, in order: the Article JSON names.
var CSVColumns = []string{"id", "url", "canonical_url", "site", "site_name", "title", "authors", "published",
	"published_precision", "modified", "modified_precision", "language", "description", "image", "section",
	"tags", "page_type", "text", "word_count", "flags", "fetched_at", "capture_id", "content_sha256",
	"extractor_version", "extracted_at", "version", "captured_at"}

// CSVWriter writes RFC 4180 CSV with a header row; list fields (authors,
// tags, flags) are joined with "; ".
type CSVWriter struct {
	w      *csv.Writer
	header bool
}

// NewCSVWriter returns a CSV writer.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{w: csv.NewWriter(w)} }

// Write writes one article as one record (the header first, once).
func (c *CSVWriter) Write(a *Article) error {
	if !c.header {
		c.header = true
		if err := c.w.Write(CSVColumns); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	rec := []string{
		strconv.FormatInt(a.ID, 10), a.URL, a.CanonicalURL, a.Site, a.SiteName, a.Title,
		strings.Join(a.Authors, "; "), formatOptTime(a.Published), a.PublishedPrecision,
		formatOptTime(a.Modified), a.ModifiedPrecision, a.Language, a.Description, a.Image, a.Section,
		strings.Join(a.Tags, "; "), a.PageType, a.Text, strconv.Itoa(a.WordCount),
		strings.Join(a.Flags, "; "), a.FetchedAt.Format(time.RFC3339Nano), strconv.FormatInt(a.CaptureID, 10),
		a.ContentSHA256, strconv.Itoa(a.ExtractorVersion), formatOptNanos(a.ExtractedAt), strconv.Itoa(a.Version),
		formatOptNanos(a.CapturedAt),
	}
	if err := c.w.Write(rec); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// Close writes the header if nothing was written and flushes.
func (c *CSVWriter) Close() error {
	if !c.header {
		c.header = true
		c.w.Write(CSVColumns)
	}
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// formatOptNanos is t as fetched_at is written, or "" for nil.
func formatOptNanos(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func formatOptTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.RFC3339)
}
