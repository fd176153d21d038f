package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// page is one benchmark page, decompressed in memory.
type page struct {
	ID    string
	URL   string
	HTML  []byte
	Truth string // the hand-checked article body
}

// defaultDataDirs are tried in order when -data is not given: the
// benchmark data sits in shared/ beside the repository, so it is two
// levels up from bench/ and one level up from the repository root.
var defaultDataDirs = []string{
	filepath.Join("..", "..", "shared", "extraction-bench"),
	filepath.Join("..", "shared", "extraction-bench"),
}

// findDataDir returns dir when it is set, or else the first default
// directory holding a ground-truth.json.
func findDataDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	for _, d := range defaultDataDirs {
		if _, err := os.Stat(filepath.Join(d, "ground-truth.json")); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("find data: no ground-truth.json in %v; pass -data", defaultDataDirs)
}

// loadPages reads ground-truth.json and every html/<id>.html.gz under dir
// into memory, sorted by id.
func loadPages(dir string) ([]page, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("load pages: %w", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, fmt.Errorf("load pages: ground truth: %w", err)
	}
	if len(truth) == 0 {
		return nil, errors.New("load pages: ground truth is empty")
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([]page, 0, len(ids))
	for _, id := range ids {
		b, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, fmt.Errorf("load pages: %w", err)
		}
		t := truth[id]
		pages = append(pages, page{ID: id, URL: t.URL, HTML: b, Truth: t.ArticleBody})
	}
	return pages, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, zr); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := zr.Close(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return bytes.Clone(buf.Bytes()), nil // drop the buffer's spare capacity
}
