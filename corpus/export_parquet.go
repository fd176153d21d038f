package corpus

import (
	"fmt"
	"io"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/archivist-project/archivist/internal/release"
)

// parquetArticle is one row of a Parquet export: the Article fields with
// Parquet types. Timestamps are instants (UTC-adjusted, nanoseconds, so
// that no fractional second is lost); the page's zone, which a Parquet
// timestamp cannot hold, is in the *_utc_offset columns (seconds east of
// UTC), and how much of the date the page stated in *_precision. Lists are
// Parquet LISTs of strings.
type parquetArticle struct {
	ID                 int64      `parquet:"id"`
	URL                string     `parquet:"url"`
	CanonicalURL       string     `parquet:"canonical_url"`
	Site               string     `parquet:"site,dict"`
	SiteName           string     `parquet:"site_name,dict"`
	Title              string     `parquet:"title"`
	Authors            []string   `parquet:"authors,list"`
	Published          *time.Time `parquet:"published,optional,timestamp(nanosecond)"`
	PublishedOffset    *int32     `parquet:"published_utc_offset,optional"`
	PublishedPrecision string     `parquet:"published_precision,dict"`
	Modified           *time.Time `parquet:"modified,optional,timestamp(nanosecond)"`
	ModifiedOffset     *int32     `parquet:"modified_utc_offset,optional"`
	ModifiedPrecision  string     `parquet:"modified_precision,dict"`
	Language           string     `parquet:"language,dict"`
	Description        string     `parquet:"description"`
	Image              string     `parquet:"image"`
	Section            string     `parquet:"section,dict"`
	Tags               []string   `parquet:"tags,list"`
	PageType           string     `parquet:"page_type,dict"`
	Text               string     `parquet:"text"`
	WordCount          int64      `parquet:"word_count"`
	Flags              []string   `parquet:"flags,list"`
	FetchedAt          time.Time  `parquet:"fetched_at,timestamp(nanosecond)"`
	CaptureID          int64      `parquet:"capture_id"`
	ContentSHA256      string     `parquet:"content_sha256"`
	ExtractorVersion   int64      `parquet:"extractor_version"`
	ExtractedAt        *time.Time `parquet:"extracted_at,optional,timestamp(nanosecond)"`
	Version            int64      `parquet:"version"`
	CapturedAt         *time.Time `parquet:"captured_at,optional,timestamp(nanosecond)"`
}

// parquetColumns maps an export field to its Parquet columns: its own
// name, and for the dates their zone offset too.
func parquetColumns(field string) []string {
	switch field {
	case "published":
		return []string{"published", "published_utc_offset"}
	case "modified":
		return []string{"modified", "modified_utc_offset"}
	}
	return []string{field}
}

// toParquet fills p from a; strings with invalid UTF-8 get U+FFFD, as in
// JSON.
func toParquet(a *Article, p *parquetArticle) {
	v := validUTF8
	*p = parquetArticle{
		ID: a.ID, URL: v(a.URL), CanonicalURL: v(a.CanonicalURL), Site: v(a.Site), SiteName: v(a.SiteName),
		Title: v(a.Title), Authors: validList(a.Authors), PublishedPrecision: a.PublishedPrecision,
		ModifiedPrecision: a.ModifiedPrecision, Language: v(a.Language), Description: v(a.Description),
		Image: v(a.Image), Section: v(a.Section), Tags: validList(a.Tags), PageType: v(a.PageType), Text: v(a.Text),
		WordCount: int64(a.WordCount), Flags: validList(a.Flags), FetchedAt: a.FetchedAt, CaptureID: a.CaptureID,
		ContentSHA256: v(a.ContentSHA256), ExtractorVersion: int64(a.ExtractorVersion), ExtractedAt: a.ExtractedAt,
		Version: int64(a.Version), CapturedAt: a.CapturedAt,
	}
	p.Published, p.PublishedOffset = parquetTime(a.Published)
	p.Modified, p.ModifiedOffset = parquetTime(a.Modified)
}

func validList(l []string) []string {
	for i, s := range l {
		if !utf8.ValidString(s) {
			l = slices.Clone(l)
			l[i] = validUTF8(s)
		}
	}
	return nonNil(l)
}

func parquetTime(t *time.Time) (*time.Time, *int32) {
	if t == nil {
		return nil, nil
	}
	_, off := t.Zone()
	o := int32(off)
	return t, &o
}

// parquetRowGroupBytes is about how much text a row group holds before it
// is written out: the writer buffers one row group, so this bounds its
// memory.
const parquetRowGroupBytes = 32 << 20

// parquetBatch is the number of rows handed to the parquet writer at a
// time (one at a time costs a call through its row writer per row).
const parquetBatch = 64

// ParquetWriter writes a Parquet file, zstd-compressed, one row group per
// about 32 MB of article data. It buffers one row group in memory.
type ParquetWriter struct {
	w       *parquet.GenericWriter[parquetArticle]
	rows    []parquetArticle // rows not yet handed to w
	pending int              // bytes of article data in the open row group
}

func newParquetWriter(w io.Writer, fields []exportField) (*ParquetWriter, error) {
	opts := []parquet.WriterOption{
		parquet.Compression(&zstd.Codec{Level: zstd.SpeedFastest}),
		parquet.CreatedBy("archivist", release.Version, release.Build()),
		parquet.PageBufferSize(1 << 20),
	}
	if len(fields) != len(exportFields) || !sameOrder(fields) {
		schema, err := parquetSchema(fields)
		if err != nil {
			return nil, err
		}
		opts = append(opts, schema)
	}
	return &ParquetWriter{w: parquet.NewGenericWriter[parquetArticle](w, opts...), rows: make([]parquetArticle, 0, parquetBatch)}, nil
}

func sameOrder(fields []exportField) bool {
	for i, f := range fields {
		if f.name != exportFields[i].name {
			return false
		}
	}
	return true
}

// parquetSchema is the schema of the chosen fields, in their order.
func parquetSchema(fields []exportField) (*parquet.Schema, error) {
	full := parquet.SchemaOf(parquetArticle{})
	byName := map[string]parquet.Field{}
	for _, f := range full.Fields() {
		byName[f.Name()] = f
	}
	var chosen []parquet.Field
	for _, f := range fields {
		for _, col := range parquetColumns(f.name) {
			pf, ok := byName[col]
			if !ok {
				return nil, fmt.Errorf("parquet: no column %s", col)
			}
			chosen = append(chosen, pf)
		}
	}
	return parquet.NewSchema("parquetArticle", fieldGroup{Node: full, fields: chosen}), nil
}

// fieldGroup is a group of some of another group's fields, in a chosen
// order (parquet.Group orders its fields by name).
type fieldGroup struct {
	parquet.Node
	fields []parquet.Field
}

// Fields returns the chosen fields.
func (g fieldGroup) Fields() []parquet.Field { return g.fields }

// Write adds one article to the open row group, and writes the group out
// once it holds about parquetRowGroupBytes.
func (p *ParquetWriter) Write(a *Article) error {
	p.rows = p.rows[:len(p.rows)+1]
	toParquet(a, &p.rows[len(p.rows)-1])
	p.pending += len(a.Text) + len(a.Title) + len(a.Description) + len(a.URL) + len(a.CanonicalURL) + 200
	if p.pending >= parquetRowGroupBytes {
		p.pending = 0
		if err := p.writeRows(); err != nil {
			return err
		}
		if err := p.w.Flush(); err != nil {
			return fmt.Errorf("write parquet: %w", err)
		}
		return nil
	}
	if len(p.rows) == cap(p.rows) {
		return p.writeRows()
	}
	return nil
}

// writeRows hands the buffered rows to the parquet writer.
func (p *ParquetWriter) writeRows() error {
	_, err := p.w.Write(p.rows)
	clear(p.rows) // drop the references to the articles' strings
	p.rows = p.rows[:0]
	if err != nil {
		return fmt.Errorf("write parquet: %w", err)
	}
	return nil
}

// Close writes the last row group and the file footer.
func (p *ParquetWriter) Close() error {
	if err := p.writeRows(); err != nil {
		return err
	}
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("write parquet: %w", err)
	}
	return nil
}
