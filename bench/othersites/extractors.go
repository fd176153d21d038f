package main

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"

	"github.com/archivist-project/archivist/scraper/extract"
)

// result is what an extractor returns for one page. Fields the extractor
// does not produce stay empty.
type result struct {
	Text      string    // article body
	Title     string    // headline
	Author    string    // authors as one string, names separated by "; " where the extractor has a list
	Published time.Time // publication date; zero when not found
	Flags     []string  // quality flags, where the extractor has them (archivist)
}

// Capabilities of an extractor: what it is scored on.
const (
	capBody = 1 << iota
	capTitle
	capAuthor
	capDate
)

// extractor is one contender. Extract gets the raw page bytes (each
// extractor detects the charset itself, through its usual entry point)
// and the page URL, and must not keep references to either.
type extractor struct {
	Name    string
	Caps    int
	Extract func(body []byte, pageURL string) (result, error)
}

// allExtractors returns every extractor in the order they are reported.
func allExtractors() []extractor {
	return []extractor{
		{Name: "archivist", Caps: capBody | capTitle | capAuthor | capDate, Extract: extractArchivist},
		{Name: "go-trafilatura", Caps: capBody | capTitle | capAuthor | capDate, Extract: extractTrafilatura},
		{Name: "readeck", Caps: capBody | capTitle | capAuthor | capDate, Extract: extractReadeck},
		{Name: "go-htmldate", Caps: capDate, Extract: extractHtmldate},
	}
}

// extractArchivist runs scraper/extract as a crawl would, with the page
// URL and no Content-Type header, so that it finds the charset itself.
func extractArchivist(body []byte, pageURL string) (result, error) {
	a, err := extract.Extract(extract.Input{Body: body, URL: pageURL})
	if err != nil {
		return result{}, fmt.Errorf("archivist: %w", err)
	}
	r := result{Text: a.Text, Title: a.Title, Author: strings.Join(a.Authors, "; "), Flags: a.Flags}
	if a.Published != nil {
		r.Published = *a.Published
	}
	return r, nil
}

// extractTrafilatura runs go-trafilatura with the settings of its own
// comparison script (scripts/comparison/content.go, "Trafilatura +
// Fallback + Balanced"): fallbacks on, comments excluded, tables kept.
// Its io.Reader entry point detects the charset (go-shiori/dom.Parse), as
// upstream's comparison does before calling ExtractDocument.
func extractTrafilatura(body []byte, pageURL string) (result, error) {
	opts := trafilatura.Options{EnableFallback: true, ExcludeComments: true, Focus: trafilatura.Balanced}
	if u, err := url.Parse(pageURL); err == nil {
		opts.OriginalURL = u
	}
	r, err := trafilatura.Extract(bytes.NewReader(body), opts)
	if err != nil {
		return result{}, fmt.Errorf("go-trafilatura: %w", err)
	}
	return result{
		Text:      r.ContentText,
		Title:     r.Metadata.Title,
		Author:    r.Metadata.Author,
		Published: r.Metadata.Date,
	}, nil
}

// extractReadeck runs readeck's go-readability v2 with its default parser
// through its io.Reader entry point (charset detected by
// go-shiori/dom.Parse) and renders the article node as text.
func extractReadeck(body []byte, pageURL string) (result, error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return result{}, fmt.Errorf("readeck: %w", err)
	}
	parser := readability.NewParser()
	a, err := parser.Parse(bytes.NewReader(body), u)
	if err != nil {
		return result{}, fmt.Errorf("readeck: %w", err)
	}
	r := result{Title: a.Title(), Author: a.Byline()}
	if a.Node != nil {
		r.Text = render.InnerText(a.Node)
	}
	if t, err := a.PublishedTime(); err == nil {
		r.Published = t
	}
	return r, nil
}

// extractHtmldate runs go-htmldate with the "extensive" settings of its
// comparison script (scripts/comparison/main.go: UseOriginalDate, the
// dateparser search on), plus the page URL, which every other extractor
// gets too. Upstream's script passes no URL; see README.md.
func extractHtmldate(body []byte, pageURL string) (result, error) {
	res, err := htmldate.FromReader(bytes.NewReader(body), htmldate.Options{UseOriginalDate: true, URL: pageURL})
	if err != nil {
		return result{}, fmt.Errorf("go-htmldate: %w", err)
	}
	return result{Published: res.DateTime}, nil
}
