package corpus

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/archivist-project/archivist/internal/quote"
)

// Export formats (NewArticleWriter).
const (
	FormatJSONL   = "jsonl"
	FormatCSV     = "csv"
	FormatParquet = "parquet"
)

// ExportFormats lists the formats NewArticleWriter writes.
var ExportFormats = []string{FormatJSONL, FormatCSV, FormatParquet}

// ErrUnknownField is returned by ParseFields for a name that is not an
// exported article field.
var ErrUnknownField = errors.New("unknown field")

// ArticleWriter writes articles in one export format.
type ArticleWriter interface {
	Write(a *Article) error
	// Close flushes buffered output; it does not close the underlying writer.
	Close() error
}

// NewArticleWriter returns the writer for format "jsonl", "csv" or
// "parquet", writing fields (the ExportFields names, in the order given;
// every field when none are given).
func NewArticleWriter(w io.Writer, format string, fields ...string) (ArticleWriter, error) {
	fs, err := lookupFields(fields)
	if err != nil {
		return nil, err
	}
	switch format {
	case FormatJSONL:
		return newJSONLWriter(w, fs), nil
	case FormatCSV:
		return newCSVWriter(w, fs), nil
	case FormatParquet:
		return newParquetWriter(w, fs)
	}
	return nil, fmt.Errorf("unknown export format %s (want %s)", quote.Short(format), strings.Join(ExportFormats, ", "))
}

// exportField is one exported article field: its name (the Article JSON
// name) and how each format gets its value.
type exportField struct {
	name string
	// json appends the value as JSON.
	json func(dst []byte, a *Article) []byte
	// text returns the CSV cell: what JSON holds, as text.
	text func(a *Article) string
}

func str(f func(a *Article) string) exportField {
	return exportField{json: func(dst []byte, a *Article) []byte { return appendJSONString(dst, f(a)) },
		text: func(a *Article) string { return validUTF8(f(a)) }}
}

// validUTF8 replaces invalid UTF-8 with U+FFFD, as JSON does, so that
// every format holds the same text (and Parquet readers, which check
// STRING columns, accept it).
func validUTF8(s string) string {
	if utf8.ValidString(s) { // the fast path: ToValidUTF8 decodes every rune
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func list(f func(a *Article) []string) exportField {
	return exportField{json: func(dst []byte, a *Article) []byte {
		dst = append(dst, '[')
		for i, s := range f(a) {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, s)
		}
		return append(dst, ']')
	}, text: func(a *Article) string { return validUTF8(strings.Join(f(a), "; ")) }}
}

func integer(f func(a *Article) int64) exportField {
	return exportField{json: func(dst []byte, a *Article) []byte { return strconv.AppendInt(dst, f(a), 10) },
		text: func(a *Article) string { return strconv.FormatInt(f(a), 10) }}
}

func optTime(f func(a *Article) *time.Time) exportField {
	return exportField{json: func(dst []byte, a *Article) []byte {
		t := f(a)
		if t == nil {
			return append(dst, "null"...)
		}
		b, err := t.MarshalJSON() // RFC 3339 with fractional seconds; fails only past year 9999
		if err != nil {
			return append(dst, "null"...)
		}
		return append(dst, b...)
	}, text: func(a *Article) string { return formatOptTime(f(a)) }}
}

// exportFields are every exported field, in ExportFields order.
var exportFields = []exportField{
	named("id", integer(func(a *Article) int64 { return a.ID })),
	named("url", str(func(a *Article) string { return a.URL })),
	named("canonical_url", str(func(a *Article) string { return a.CanonicalURL })),
	named("site", str(func(a *Article) string { return a.Site })),
	named("site_name", str(func(a *Article) string { return a.SiteName })),
	named("title", str(func(a *Article) string { return a.Title })),
	named("authors", list(func(a *Article) []string { return a.Authors })),
	named("published", optTime(func(a *Article) *time.Time { return a.Published })),
	named("published_precision", str(func(a *Article) string { return a.PublishedPrecision })),
	named("modified", optTime(func(a *Article) *time.Time { return a.Modified })),
	named("modified_precision", str(func(a *Article) string { return a.ModifiedPrecision })),
	named("language", str(func(a *Article) string { return a.Language })),
	named("description", str(func(a *Article) string { return a.Description })),
	named("image", str(func(a *Article) string { return a.Image })),
	named("section", str(func(a *Article) string { return a.Section })),
	named("tags", list(func(a *Article) []string { return a.Tags })),
	named("page_type", str(func(a *Article) string { return a.PageType })),
	named("text", str(func(a *Article) string { return a.Text })),
	named("word_count", integer(func(a *Article) int64 { return int64(a.WordCount) })),
	named("flags", list(func(a *Article) []string { return a.Flags })),
	named("fetched_at", optTime(func(a *Article) *time.Time { return &a.FetchedAt })),
	named("capture_id", integer(func(a *Article) int64 { return a.CaptureID })),
	named("content_sha256", str(func(a *Article) string { return a.ContentSHA256 })),
	named("extractor_version", integer(func(a *Article) int64 { return int64(a.ExtractorVersion) })),
	named("extracted_at", optTime(func(a *Article) *time.Time { return a.ExtractedAt })),
	named("version", integer(func(a *Article) int64 { return int64(a.Version) })),
	named("captured_at", optTime(func(a *Article) *time.Time { return a.CapturedAt })),
}

func named(name string, f exportField) exportField {
	f.name = name
	return f
}

// ExportFields are the names of the exported article fields, in the order
// of a full export: the Article JSON names.
var ExportFields = func() []string {
	names := make([]string, len(exportFields))
	for i, f := range exportFields {
		names[i] = f.name
	}
	return names
}()

// CSVColumns is the header of a full CSV export: ExportFields.
var CSVColumns = ExportFields

// ParseFields parses a comma-separated list of field names (as --fields
// takes it): trimmed, in the order given, each once. An unknown name is
// an error wrapping ErrUnknownField that names it. "" means every field
// (nil).
func ParseFields(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []string
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ",") {
		name := strings.ToLower(strings.TrimSpace(part))
		if name == "" {
			continue
		}
		if _, ok := fieldByName(name); !ok {
			return nil, fmt.Errorf("%w %s (known: %s)", ErrUnknownField, quote.Short(strings.TrimSpace(part)),
				strings.Join(ExportFields, ", "))
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no field named in %s", ErrUnknownField, quote.Short(s))
	}
	return out, nil
}

func fieldByName(name string) (exportField, bool) {
	for _, f := range exportFields {
		if f.name == name {
			return f, true
		}
	}
	return exportField{}, false
}

// lookupFields returns the fields named, or every field when names is
// empty.
func lookupFields(names []string) ([]exportField, error) {
	if len(names) == 0 {
		return exportFields, nil
	}
	out := make([]exportField, 0, len(names))
	for _, n := range names {
		f, ok := fieldByName(n)
		if !ok {
			return nil, fmt.Errorf("%w %s", ErrUnknownField, quote.Short(n))
		}
		out = append(out, f)
	}
	return out, nil
}

// JSONLWriter writes one JSON object per line, with the chosen fields in
// order. Times are RFC 3339 with fractional seconds and the page's zone.
type JSONLWriter struct {
	w      io.Writer
	fields []exportField
	buf    []byte
}

// NewJSONLWriter returns a JSON Lines writer of every field.
func NewJSONLWriter(w io.Writer) *JSONLWriter { return newJSONLWriter(w, exportFields) }

func newJSONLWriter(w io.Writer, fields []exportField) *JSONLWriter {
	return &JSONLWriter{w: w, fields: fields}
}

// Write writes one article as one line.
func (j *JSONLWriter) Write(a *Article) error {
	b := j.buf[:0]
	for i, f := range j.fields {
		if i == 0 {
			b = append(b, '{', '"')
		} else {
			b = append(b, ',', '"')
		}
		b = append(b, f.name...)
		b = append(b, '"', ':')
		b = f.json(b, a)
	}
	b = append(b, '}', '\n')
	j.buf = b
	if _, err := j.w.Write(b); err != nil {
		return fmt.Errorf("write jsonl: %w", err)
	}
	return nil
}

// Close is a no-op: lines are written as they come.
func (j *JSONLWriter) Close() error { return nil }

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string, as encoding/json writes it
// with HTML escaping off: invalid UTF-8 becomes U+FFFD, and U+2028 and
// U+2029 are escaped (JavaScript reads them as line ends).
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// CSVWriter writes RFC 4180 CSV with a header row; list fields (authors,
// tags, flags) are joined with "; ". Times are written as JSON Lines
// writes them: RFC 3339 with fractional seconds and the page's zone.
type CSVWriter struct {
	w      *csv.Writer
	fields []exportField
	rec    []string
	header bool
}

// NewCSVWriter returns a CSV writer of every field.
func NewCSVWriter(w io.Writer) *CSVWriter { return newCSVWriter(w, exportFields) }

func newCSVWriter(w io.Writer, fields []exportField) *CSVWriter {
	return &CSVWriter{w: csv.NewWriter(w), fields: fields, rec: make([]string, len(fields))}
}

func (c *CSVWriter) writeHeader() error {
	c.header = true
	for i, f := range c.fields {
		c.rec[i] = f.name
	}
	if err := c.w.Write(c.rec); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// Write writes one article as one record (the header first, once).
func (c *CSVWriter) Write(a *Article) error {
	if !c.header {
		if err := c.writeHeader(); err != nil {
			return err
		}
	}
	for i, f := range c.fields {
		c.rec[i] = f.text(a)
	}
	if err := c.w.Write(c.rec); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// Close writes the header if nothing was written and flushes.
func (c *CSVWriter) Close() error {
	if !c.header {
		if err := c.writeHeader(); err != nil {
			return err
		}
	}
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// formatOptTime formats t as JSON does: RFC 3339 with the fractional
// seconds it has and its zone.
func formatOptTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}
