//go:build !noarchivist

package main

import (
	"fmt"
	"strings"

	"github.com/archivist-project/archivist/scraper/extract"
)

// archivistExtractors returns archivist's own extractor. Build with
// -tags noarchivist to leave it out while scraper/extract does not
// compile.
func archivistExtractors() []extractor {
	return []extractor{{Name: "archivist", Extract: extractArchivist}}
}

// extractArchivist runs scraper/extract on the page as a crawl would, with
// the page's URL and an HTML content type.
func extractArchivist(p *page) (result, error) {
	a, err := extract.Extract(extract.Input{
		Body:        p.HTML,
		URL:         p.URL,
		ContentType: "text/html; charset=utf-8",
	})
	if err != nil {
		return result{}, fmt.Errorf("archivist: %w", err)
	}
	r := result{Text: a.Text, Title: a.Title, Author: strings.Join(a.Authors, ", ")}
	if a.Published != nil {
		r.Published = *a.Published
	}
	return r, nil
}

// archivistSetExtractors returns archivist for the sets command.
func archivistSetExtractors() []setExtractor {
	return []setExtractor{{Name: "archivist", Extract: extractArchivistSet}}
}

// extractArchivistSet runs scraper/extract as a crawl would, with the page
// URL, and with a UTF-8 content type only where the set's bytes are known
// to be UTF-8 (otherwise it finds the charset itself).
func extractArchivistSet(p *setPage) (setResult, error) {
	in := extract.Input{Body: p.HTML, URL: p.URL}
	if p.UTF8 {
		in.ContentType = "text/html; charset=utf-8"
	}
	a, err := extract.Extract(in)
	if err != nil {
		return setResult{}, fmt.Errorf("archivist: %w", err)
	}
	r := setResult{Text: a.Text, PageType: a.PageType}
	if a.Published != nil {
		r.Published, r.PublishedPrecision = *a.Published, a.PublishedPrecision
	}
	return r, nil
}

// archivistDateSource names the step of archivist's date search that
// gave the page's publication date (extract.Document.PublishedSource).
func archivistDateSource(p *setPage) string {
	in := extract.Input{Body: p.HTML, URL: p.URL}
	if p.UTF8 {
		in.ContentType = "text/html; charset=utf-8"
	}
	d, err := extract.Parse(in, extract.Options{})
	if err != nil {
		return "error: " + err.Error()
	}
	return d.PublishedSource()
}
