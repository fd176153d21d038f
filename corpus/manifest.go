package corpus

import (
	"bufio"
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
	"sort"
	"time"

	"github.com/parquet-go/parquet-go"
)

// Manifest describes one export file, so that a dataset can be cited and
// checked: what was asked, what it holds, where it came from, and the
// file's digest. It is written beside the file as FILE.manifest.json.
//
// JSON names are a contract with other tools: keep them.
type Manifest struct {
	File    string            `json:"file"` // the export file's name, without its folder
	Format  string            `json:"format"`
	Fields  []string          `json:"fields"`
	Query   string            `json:"query"`
	Filters map[string]string `json:"filters"` // the other selecting flags as given, by name
	// Articles is the number of articles (rows) in the file.
	Articles int64 `json:"articles"`
	// Published is the range of publication dates in the file; nil when
	// no article has one. Undated counts the articles without one.
	Published *DateRange     `json:"published"`
	Undated   int64          `json:"undated"`
	Sites     []ManifestSite `json:"sites"` // most articles first
	// ArchivistVersion is the version of the archivist that wrote it.
	ArchivistVersion string    `json:"archivist_version"`
	CorpusID         string    `json:"corpus_id"`
	ExportedAt       time.Time `json:"exported_at"`
	Bytes            int64     `json:"bytes"`
	SHA256           string    `json:"sha256"` // hex SHA-256 of the file
}

// DateRange is a range of instants, as the pages gave them.
type DateRange struct {
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
}

// ManifestSite is the number of articles of one site in an export.
type ManifestSite struct {
	Site     string `json:"site"`
	Articles int64  `json:"articles"`
}

// ManifestPath is where the manifest of the export file path goes.
func ManifestPath(path string) string { return path + ".manifest.json" }

// ExportSummary counts what an export writes, for its manifest, in
// memory that grows with the number of sites only.
type ExportSummary struct {
	Articles, Undated int64
	Published         *DateRange
	sites             map[string]int64
}

// Add counts one exported article.
func (s *ExportSummary) Add(a *Article) {
	s.Articles++
	if s.sites == nil {
		s.sites = map[string]int64{}
	}
	s.sites[a.Site]++
	if a.Published == nil {
		s.Undated++
		return
	}
	switch p := *a.Published; {
	case s.Published == nil:
		s.Published = &DateRange{First: p, Last: p}
	case p.Before(s.Published.First):
		s.Published.First = p
	case p.After(s.Published.Last):
		s.Published.Last = p
	}
}

// Sites returns the articles per site, most first (then by name).
func (s *ExportSummary) Sites() []ManifestSite {
	out := make([]ManifestSite, 0, len(s.sites))
	for site, n := range s.sites {
		out = append(out, ManifestSite{Site: site, Articles: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Articles != out[j].Articles {
			return out[i].Articles > out[j].Articles
		}
		return out[i].Site < out[j].Site
	})
	return out
}

// WriteManifest writes m as path's manifest, whole or not at all.
func WriteManifest(path string, m *Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	data = append(data, '\n')
	dst := ManifestPath(path)
	tmp := dst + ".tmp"
	if err := os.WriteFile(tmp, data, 0o666); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

// ReadManifest reads the manifest file path.
func ReadManifest(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("read manifest %s: not a manifest: %w", path, err)
	}
	if m.SHA256 == "" || m.Format == "" {
		return nil, fmt.Errorf("read manifest %s: not a manifest: no sha256 or format", path)
	}
	return &m, nil
}

// ErrExportMismatch is returned by VerifyExport when a file does not match
// its manifest.
var ErrExportMismatch = errors.New("does not match its manifest")

// VerifyExport checks the export file path against its manifest m: its
// size, SHA-256 and number of rows. A difference is an error wrapping
// ErrExportMismatch that says what differs.
func VerifyExport(path string, m *Manifest) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	size, err := io.Copy(h, bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if sum != m.SHA256 {
		other := ""
		if m.File != "" && m.File != filepath.Base(path) {
			other = "; the manifest is that of " + m.File
		}
		return fmt.Errorf("%w: sha256 is %s, the manifest says %s (%d bytes, the manifest says %d)%s",
			ErrExportMismatch, sum, m.SHA256, size, m.Bytes, other)
	}
	rows, err := CountExportRows(f, size, m.Format)
	if err != nil {
		return fmt.Errorf("%w: cannot count its rows as %s: %w", ErrExportMismatch, m.Format, err)
	}
	if rows != m.Articles {
		return fmt.Errorf("%w: it holds %d rows, the manifest says %d articles", ErrExportMismatch, rows, m.Articles)
	}
	return nil
}

// CountExportRows counts the articles in an export of format held in r
// (size bytes): lines of JSONL, records after the header of CSV, rows of
// Parquet.
func CountExportRows(r io.ReaderAt, size int64, format string) (int64, error) {
	sr := io.NewSectionReader(r, 0, size)
	switch format {
	case FormatJSONL:
		return countLines(sr)
	case FormatCSV:
		cr := csv.NewReader(bufio.NewReaderSize(sr, 1<<20))
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		var n int64
		for {
			_, err := cr.Read()
			if err == io.EOF {
				return max(n-1, 0), nil
			}
			if err != nil {
				return 0, err
			}
			n++
		}
	case FormatParquet:
		pf, err := parquet.OpenFile(r, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
		if err != nil {
			return 0, err
		}
		return pf.NumRows(), nil
	}
	return 0, fmt.Errorf("unknown export format %q", format)
}

func countLines(r io.Reader) (int64, error) {
	buf := make([]byte, 1<<20)
	var n int64
	for {
		k, err := r.Read(buf)
		n += int64(bytes.Count(buf[:k], []byte{'\n'}))
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
	}
}
