package main

import (
	"bytes"
	"fmt"
	"net/url"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// setResult is what an extractor returns for one page of a set.
type setResult struct {
	Text      string    // main text
	PageType  string    // page type, where the extractor has one (archivist)
	Published time.Time // publication date, zero when not found
	// PublishedPrecision is day, minute or second, where the extractor
	// tells (archivist); "" otherwise.
	PublishedPrecision string
}

// setExtractor is one contender of the sets command.
type setExtractor struct {
	Name    string
	Extract func(p *setPage) (setResult, error)
}

// allSetExtractors returns the extractors of the sets command in report
// order.
func allSetExtractors() []setExtractor {
	return append(archivistSetExtractors(),
		setExtractor{Name: "go-trafilatura", Extract: extractTrafilaturaSet},
		setExtractor{Name: "readeck", Extract: extractReadeckSet},
	)
}

// trafilaturaSetOptions are the settings of bench/othersites, those of
// go-trafilatura's own comparison ("Trafilatura + Fallback + Balanced").
func trafilaturaSetOptions(pageURL string) trafilatura.Options {
	opts := trafilatura.Options{EnableFallback: true, ExcludeComments: true, Focus: trafilatura.Balanced}
	if u, err := url.Parse(pageURL); err == nil {
		opts.OriginalURL = u
	}
	return opts
}

// extractTrafilaturaSet runs go-trafilatura v1.12.2 as bench/othersites
// does. On UTF-8 pages it gets a DOM parsed as UTF-8 (see
// extractTrafilatura); on the others its io.Reader entry point detects
// the charset.
func extractTrafilaturaSet(p *setPage) (setResult, error) {
	opts := trafilaturaSetOptions(p.URL)
	var r *trafilatura.ExtractResult
	var err error
	if p.UTF8 {
		var doc *html.Node
		if doc, err = html.Parse(bytes.NewReader(p.HTML)); err != nil {
			return setResult{}, fmt.Errorf("go-trafilatura: %w", err)
		}
		r, err = trafilatura.ExtractDocument(doc, opts)
	} else {
		r, err = trafilatura.Extract(bytes.NewReader(p.HTML), opts)
	}
	if err != nil {
		return setResult{}, fmt.Errorf("go-trafilatura: %w", err)
	}
	return setResult{Text: r.ContentText, Published: r.Metadata.Date}, nil
}

// extractReadeckSet runs readeck's go-readability v2.1.3 with its default
// parser, on a DOM parsed as UTF-8 for UTF-8 pages and through its
// charset-detecting io.Reader entry point for the others, and renders
// the article node as text.
func extractReadeckSet(p *setPage) (setResult, error) {
	u, err := url.Parse(p.URL)
	if err != nil {
		return setResult{}, fmt.Errorf("readeck: %w", err)
	}
	parser := readability.NewParser()
	var a readability.Article
	if p.UTF8 {
		doc, err := html.Parse(bytes.NewReader(p.HTML))
		if err != nil {
			return setResult{}, fmt.Errorf("readeck: %w", err)
		}
		a, err = parser.ParseAndMutate(doc, u)
	} else {
		a, err = parser.Parse(bytes.NewReader(p.HTML), u)
	}
	if err != nil {
		return setResult{}, fmt.Errorf("readeck: %w", err)
	}
	var r setResult
	if a.Node != nil {
		r.Text = render.InnerText(a.Node)
	}
	if t, err := a.PublishedTime(); err == nil {
		r.Published = t
	}
	return r, nil
}

// safeSetExtract calls x on p and turns a panic into an error.
func safeSetExtract(x setExtractor, p *setPage) (r setResult, err error) {
	defer func() {
		if v := recover(); v != nil {
			r, err = setResult{}, fmt.Errorf("%s: panic: %v", x.Name, v)
		}
	}()
	return x.Extract(p)
}
