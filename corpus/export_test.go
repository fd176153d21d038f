package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/archivist-project/archivist/internal/release"
)

// exportSample returns articles that exercise every field: zones,
// fractional seconds, each precision, empty and non-empty lists, text that
// needs escaping in JSON and quoting in CSV.
func exportSample() []*Article {
	pub := time.Date(2024, 5, 17, 9, 30, 12, 250_000_000, time.FixedZone("", -4*3600))
	mod := time.Date(2024, 5, 18, 0, 0, 0, 0, time.FixedZone("", 5*3600+30*60))
	day := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	return []*Article{
		{ID: 1, URL: "http://a.test/1", CanonicalURL: "http://a.test/one", Site: "a.test", SiteName: "A",
			Title: "Quotes \"and\", commas <b>&amp;</b>", Authors: []string{"Jane Doe", "John Roe"},
			Published: &pub, PublishedPrecision: PrecisionSecond, Modified: &mod, ModifiedPrecision: PrecisionDay,
			Language: "en-GB", Description: "d\u2028e", Image: "http://a.test/i.jpg", Section: "World",
			Tags: []string{"x", "y"}, PageType: PageTypeArticle, Text: "Para one.\n\nPara two,\ttab \x01 ctl \\ back.",
			WordCount: 8, Flags: []string{FlagShort}, FetchedAt: time.Date(2024, 5, 19, 1, 2, 3, 123456789, time.UTC),
			CaptureID: 7, ContentSHA256: strings.Repeat("ab", 32)},
		{ID: 2, URL: "http://a.test/2", Site: "a.test", Title: "Empty lists, no date", PageType: PageTypeListing,
			Text: "bad utf8 \xff here", FetchedAt: time.Date(2024, 5, 20, 0, 0, 0, 0, time.UTC), CaptureID: 8},
		{ID: 3, URL: "http://b.test/3", Site: "b.test", Title: "Árabe — عربي", Published: &day,
			PublishedPrecision: PrecisionDay, Language: "ar", Authors: []string{"A"}, PageType: PageTypeArticle,
			FetchedAt: time.Date(2024, 5, 21, 0, 0, 0, 1, time.UTC), CaptureID: 9},
	}
}

func writeAll(tb testing.TB, format string, fields []string, arts []*Article) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w, err := NewArticleWriter(&buf, format, fields...)
	if err != nil {
		tb.Fatal(err)
	}
	for _, a := range arts {
		if err := w.Write(a); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestJSONLMatchesEncodingJSON: the hand-written JSON Lines encoder writes
// exactly what encoding/json writes for the Article struct (HTML escaping
// off), which is the JSON names' contract.
func TestJSONLMatchesEncodingJSON(t *testing.T) {
	got := writeAll(t, FormatJSONL, nil, exportSample())
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	for _, a := range exportSample() {
		out := *a
		out.Authors, out.Tags, out.Flags = nonNil(a.Authors), nonNil(a.Tags), nonNil(a.Flags)
		// Export writes the provenance and version fields that the
		// Article's JSON omits when unknown, as 0 or null.
		full := struct {
			*Article
			ExtractorVersion int        `json:"extractor_version"`
			ExtractedAt      *time.Time `json:"extracted_at"`
			Version          int        `json:"version"`
			CapturedAt       *time.Time `json:"captured_at"`
		}{&out, a.ExtractorVersion, a.ExtractedAt, a.Version, a.CapturedAt}
		if err := enc.Encode(&full); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("jsonl differs from encoding/json:\ngot  %s\nwant %s", got, want.Bytes())
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", `"q" \ b`, "\b\f\n\r\t\x00\x1f\x7f", "<>&", "\u2028\u2029",
		"\xff\xfe", "é€😀", "a\xc3", "\xed\xa0\x80"} {
		want, _ := json.Marshal(s)
		want = bytes.ReplaceAll(bytes.ReplaceAll(bytes.ReplaceAll(want, []byte(`\u003c`), []byte("<")),
			[]byte(`\u003e`), []byte(">")), []byte(`\u0026`), []byte("&"))
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

// TestCSVKeepsWhatJSONLKeeps: every CSV cell is the JSONL value as text
// (dates with their fractional seconds and zone; lists joined with "; ").
func TestCSVKeepsWhatJSONLKeeps(t *testing.T) {
	arts := exportSample()
	recs, err := csv.NewReader(bytes.NewReader(writeAll(t, FormatCSV, nil, arts))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(arts)+1 || !slices.Equal(recs[0], CSVColumns) {
		t.Fatalf("header %v, %d records", recs[0], len(recs))
	}
	lines := strings.Split(strings.TrimSpace(string(writeAll(t, FormatJSONL, nil, arts))), "\n")
	for i, line := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		for c, name := range recs[0] {
			want := ""
			switch v := m[name].(type) {
			case nil:
			case string:
				want = v
			case float64:
				want = fmt.Sprint(int64(v))
			case []any:
				var parts []string
				for _, p := range v {
					parts = append(parts, p.(string))
				}
				want = strings.Join(parts, "; ")
			}
			if got := recs[i+1][c]; got != want {
				t.Errorf("row %d %s: csv %q, jsonl %q", i+1, name, got, want)
			}
		}
	}
	if got := recs[1][slices.Index(CSVColumns, "published")]; got != "2024-05-17T09:30:12.25-04:00" {
		t.Errorf("published in csv: %q", got)
	}
}

func TestParseFields(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    []string
		wantErr string
	}{
		{"", nil, ""},
		{"title", []string{"title"}, ""},
		{" url , Title,url ", []string{"url", "title"}, ""},
		{"url,,text", []string{"url", "text"}, ""},
		{"url,bogus", nil, `unknown field "bogus"`},
		{",", nil, "no field named"},
	} {
		got, err := ParseFields(tc.in)
		if tc.wantErr != "" {
			if err == nil || !errors.Is(err, ErrUnknownField) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%q: %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestFieldsPickColumnsInOrder(t *testing.T) {
	fields := []string{"title", "published", "id"}
	lines := strings.Split(strings.TrimSpace(string(writeAll(t, FormatJSONL, fields, exportSample()))), "\n")
	if want := `{"title":"Quotes \"and\", commas <b>&amp;</b>","published":"2024-05-17T09:30:12.25-04:00","id":1}`; lines[0] != want {
		t.Errorf("jsonl: %s\nwant %s", lines[0], want)
	}
	recs, _ := csv.NewReader(bytes.NewReader(writeAll(t, FormatCSV, fields, exportSample()))).ReadAll()
	if !slices.Equal(recs[0], fields) || recs[2][1] != "" || recs[2][2] != "2" {
		t.Errorf("csv: %v", recs)
	}
	if !slices.Equal(parquetColumnNames(t, writeAll(t, FormatParquet, fields, exportSample())),
		[]string{"title", "published", "published_utc_offset", "id"}) {
		t.Errorf("parquet columns: %v", parquetColumnNames(t, writeAll(t, FormatParquet, fields, exportSample())))
	}
}

func openParquet(tb testing.TB, data []byte) *parquet.File {
	tb.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

func parquetColumnNames(tb testing.TB, data []byte) []string {
	var names []string
	for _, f := range openParquet(tb, data).Schema().Fields() {
		names = append(names, f.Name())
	}
	return names
}

// parquetTypes describes the file's schema as stored in its footer (what
// DuckDB or pyarrow read), one "name type logical repetition" per element.
func parquetTypes(f *parquet.File) []string {
	var out []string
	for _, el := range f.Metadata().Schema[1:] {
		typ := "group"
		if t, ok := el.Type.Get(); ok {
			typ = t.String()
		}
		rep := ""
		if r, ok := el.RepetitionType.Get(); ok {
			rep = r.String()
		}
		out = append(out, strings.Join(strings.Fields(fmt.Sprintf("%s %s %s %s", el.Name, typ, el.LogicalType.String(), rep)), " "))
	}
	return out
}

// TestParquetSchema checks the column types in the file's own footer:
// timestamps as UTC-adjusted nanosecond timestamps, lists as LISTs of
// strings, text as STRING, counts as INT64, compressed with zstd.
func TestParquetSchema(t *testing.T) {
	f := openParquet(t, writeAll(t, FormatParquet, nil, exportSample()))
	got := parquetTypes(f)
	want := []string{
		"id INT64 INT(64,true) REQUIRED", "url BYTE_ARRAY STRING REQUIRED", "canonical_url BYTE_ARRAY STRING REQUIRED",
		"site BYTE_ARRAY STRING REQUIRED", "site_name BYTE_ARRAY STRING REQUIRED", "title BYTE_ARRAY STRING REQUIRED",
		"authors group LIST REQUIRED", "list group REPEATED", "element BYTE_ARRAY STRING REQUIRED",
		"published INT64 TIMESTAMP(isAdjustedToUTC=true,unit=NANOS) OPTIONAL", "published_utc_offset INT32 INT(32,true) OPTIONAL",
		"published_precision BYTE_ARRAY STRING REQUIRED",
		"modified INT64 TIMESTAMP(isAdjustedToUTC=true,unit=NANOS) OPTIONAL", "modified_utc_offset INT32 INT(32,true) OPTIONAL",
		"modified_precision BYTE_ARRAY STRING REQUIRED", "language BYTE_ARRAY STRING REQUIRED",
		"description BYTE_ARRAY STRING REQUIRED", "image BYTE_ARRAY STRING REQUIRED", "section BYTE_ARRAY STRING REQUIRED",
		"tags group LIST REQUIRED", "list group REPEATED", "element BYTE_ARRAY STRING REQUIRED",
		"page_type BYTE_ARRAY STRING REQUIRED", "text BYTE_ARRAY STRING REQUIRED", "word_count INT64 INT(64,true) REQUIRED",
		"flags group LIST REQUIRED", "list group REPEATED", "element BYTE_ARRAY STRING REQUIRED",
		"fetched_at INT64 TIMESTAMP(isAdjustedToUTC=true,unit=NANOS) REQUIRED", "capture_id INT64 INT(64,true) REQUIRED",
		"content_sha256 BYTE_ARRAY STRING REQUIRED", "extractor_version INT64 INT(64,true) REQUIRED",
		"extracted_at INT64 TIMESTAMP(isAdjustedToUTC=true,unit=NANOS) OPTIONAL", "version INT64 INT(64,true) REQUIRED",
		"captured_at INT64 TIMESTAMP(isAdjustedToUTC=true,unit=NANOS) OPTIONAL",
	}
	if !slices.Equal(got, want) {
		t.Errorf("schema:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := f.Metadata().CreatedBy, "archivist version "+release.Version+"(build "+release.Build()+")"; got != want {
		t.Errorf("created_by %q, want %q", got, want)
	}
	for _, rg := range f.Metadata().RowGroups {
		for _, c := range rg.Columns {
			if c.MetaData.Codec.String() != "ZSTD" {
				t.Errorf("column %v: codec %s, want ZSTD", c.MetaData.PathInSchema, c.MetaData.Codec)
			}
		}
	}
}

// readBack is a row as a reader declares it, apart from the writer's type.
type readBack struct {
	ID         int64      `parquet:"id"`
	Title      string     `parquet:"title"`
	Authors    []string   `parquet:"authors,list"`
	Published  *time.Time `parquet:"published,optional,timestamp(nanosecond)"`
	Offset     *int32     `parquet:"published_utc_offset,optional"`
	Precision  string     `parquet:"published_precision"`
	Modified   *time.Time `parquet:"modified,optional,timestamp(nanosecond)"`
	Tags       []string   `parquet:"tags,list"`
	Text       string     `parquet:"text"`
	WordCount  int64      `parquet:"word_count"`
	Flags      []string   `parquet:"flags,list"`
	FetchedAt  time.Time  `parquet:"fetched_at,timestamp(nanosecond)"`
	ContentSHA string     `parquet:"content_sha256"`
}

// TestParquetRoundTrip reads the rows back with parquet-go's generic
// reader and compares them with the articles: instants to the
// nanosecond, zones through the offset columns, lists, text.
func TestParquetRoundTrip(t *testing.T) {
	arts := exportSample()
	data := writeAll(t, FormatParquet, nil, arts)
	rows, err := parquet.Read[readBack](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(arts) {
		t.Fatalf("%d rows, want %d", len(rows), len(arts))
	}
	for i, r := range rows {
		a := arts[i]
		if r.ID != a.ID || r.Title != a.Title || r.Text != strings.ToValidUTF8(a.Text, "\uFFFD") || r.WordCount != int64(a.WordCount) ||
			r.Precision != a.PublishedPrecision || r.ContentSHA != a.ContentSHA256 {
			t.Errorf("row %d: %+v", i, r)
		}
		if !slices.Equal(r.Authors, nonNil(a.Authors)) || !slices.Equal(r.Tags, nonNil(a.Tags)) ||
			!slices.Equal(r.Flags, nonNil(a.Flags)) {
			t.Errorf("row %d lists: %q %q %q", i, r.Authors, r.Tags, r.Flags)
		}
		if !r.FetchedAt.Equal(a.FetchedAt) {
			t.Errorf("row %d fetched_at %v, want %v", i, r.FetchedAt, a.FetchedAt)
		}
		checkInstant(t, i, "published", r.Published, r.Offset, a.Published)
		checkInstant(t, i, "modified", r.Modified, nil, a.Modified)
	}
}

func checkInstant(t *testing.T, row int, name string, got *time.Time, offset *int32, want *time.Time) {
	t.Helper()
	if (got == nil) != (want == nil) {
		t.Errorf("row %d %s: %v, want %v", row, name, got, want)
		return
	}
	if want == nil {
		if offset != nil {
			t.Errorf("row %d %s: offset %d without a date", row, name, *offset)
		}
		return
	}
	if !got.Equal(*want) {
		t.Errorf("row %d %s: %v, want %v", row, name, got, want)
	}
	if offset != nil {
		if _, off := want.Zone(); int32(off) != *offset {
			t.Errorf("row %d %s offset: %d, want %d", row, name, *offset, off)
		} else if got.In(time.FixedZone("", off)).Format(time.RFC3339Nano) != want.Format(time.RFC3339Nano) {
			t.Errorf("row %d %s: does not rebuild the page's time", row, name)
		}
	}
}

// TestParquetRowGroups: a large export is cut into row groups (memory
// stays bounded) and every row is there.
func TestParquetRowGroups(t *testing.T) {
	big := strings.Repeat("word ", 1<<20) // 5 MB of text per article
	var arts []*Article
	for i := range 15 {
		arts = append(arts, &Article{ID: int64(i + 1), URL: fmt.Sprint("http://a.test/", i), Text: big})
	}
	data := writeAll(t, FormatParquet, nil, arts)
	f := openParquet(t, data)
	if f.NumRows() != 15 || len(f.RowGroups()) < 2 {
		t.Errorf("%d rows in %d row groups; want 15 rows in several", f.NumRows(), len(f.RowGroups()))
	}
}

func TestVerifyExport(t *testing.T) {
	dir := t.TempDir()
	for _, format := range ExportFormats {
		t.Run(format, func(t *testing.T) {
			data := writeAll(t, format, nil, exportSample())
			path := filepath.Join(dir, "x."+format)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			n, err := CountExportRows(bytes.NewReader(data), int64(len(data)), format)
			if err != nil || n != 3 {
				t.Fatalf("rows: %d, %v", n, err)
			}
			m := &Manifest{Format: format, Articles: 3, Bytes: int64(len(data)), SHA256: sha256Hex(data)}
			if err := VerifyExport(path, m); err != nil {
				t.Errorf("verify: %v", err)
			}
			m.Articles = 4
			if err := VerifyExport(path, m); !errors.Is(err, ErrExportMismatch) || !strings.Contains(err.Error(), "holds 3 rows") {
				t.Errorf("row count: %v", err)
			}
			m.Articles = 3
			data[len(data)/2] ^= 1
			os.WriteFile(path, data, 0o644)
			if err := VerifyExport(path, m); !errors.Is(err, ErrExportMismatch) || !strings.Contains(err.Error(), "sha256 is") {
				t.Errorf("hash: %v", err)
			}
		})
	}
}

func TestCorpusID(t *testing.T) {
	db := MustOpen(t)
	ctx := t.Context()
	id, err := db.ID(ctx)
	if err != nil || len(id) != 32 {
		t.Fatalf("id %q, %v", id, err)
	}
	path := db.Path()
	db.Close()
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if again, err := ro.ID(ctx); err != nil || again != id {
		t.Errorf("after reopening: %q, %v; want %q", again, err, id)
	}
	if other, _ := MustOpen(t).ID(ctx); other == id {
		t.Errorf("two corpora share id %s", id)
	}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// BenchmarkArticleWriter measures each format's writer alone on realistic
// articles (4 KB of text); bytes are those of the JSONL export, so that
// MB/s compare across formats.
//
//	go test -run '^$' -bench ArticleWriter ./corpus/
func BenchmarkArticleWriter(b *testing.B) {
	base := exportSample()[0]
	arts := make([]*Article, 1000)
	var size int64
	for i := range arts {
		a := *base
		a.ID = int64(i + 1)
		a.Text = strings.Repeat(fmt.Sprintf("Word%d and another sentence of the story, ", i%97), 100)
		arts[i] = &a
	}
	size = int64(len(writeAll(b, FormatJSONL, nil, arts)))
	for _, format := range ExportFormats {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size)
			for b.Loop() {
				w, err := NewArticleWriter(io.Discard, format)
				if err != nil {
					b.Fatal(err)
				}
				for _, a := range arts {
					if err := w.Write(a); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestVerifyExportNamesOtherFile: checked against the manifest of another
// export (--manifest, or a file renamed), a mismatch says whose manifest
// it is, not only that the digests differ.
func TestVerifyExportNamesOtherFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.jsonl")
	if err := os.WriteFile(path, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file string
		want bool
	}{
		{"corpus.jsonl", true},
		{"x.jsonl", false},
		{"", false}, // a manifest without a name
	} {
		m := &Manifest{File: tc.file, Format: FormatJSONL, Articles: 1, Bytes: 3, SHA256: strings.Repeat("0", 64)}
		err := VerifyExport(path, m)
		got := err != nil && strings.Contains(err.Error(), "the manifest is that of corpus.jsonl")
		if !errors.Is(err, ErrExportMismatch) || got != tc.want {
			t.Errorf("manifest of %q: %v; want it to name the manifest's file: %v", tc.file, err, tc.want)
		}
	}
}
