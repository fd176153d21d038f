package main

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// result is what an extractor returns for one page.
type result struct {
	Text      string    // the article body
	Title     string    // headline, where the extractor reports one
	Author    string    // authors joined by ", ", where reported
	Published time.Time // publication date, zero when not found
}

// extractor is one contender in the benchmark. Extract must not keep
// references to the page after it returns.
type extractor struct {
	Name    string
	Extract func(p *page) (result, error)
}

// allExtractors returns every extractor in the order they run.
func allExtractors() []extractor {
	xs := archivistExtractors()
	return append(xs,
		extractor{Name: "go-trafilatura", Extract: extractTrafilatura},
		extractor{Name: "readeck", Extract: extractReadeck},
		extractor{Name: "whole-page", Extract: extractWholePage},
	)
}

// extractTrafilatura runs go-trafilatura v1.12.2 with its readability and
// dom-distiller fallbacks enabled, as the published scores do.
//
// Like readeck below it gets a DOM parsed from the page bytes as UTF-8,
// which is what the pages are and what archivist is told by its content
// type. Their io.Reader entry points would first guess the charset with
// chardet (and NFC-normalize), which misreads one page (entermedia.co.kr,
// declared EUC-KR but stored as UTF-8) into "transform: short internal
// buffer" and costs readeck more than half its speed. Parsing is inside
// the timed call, as it is for archivist.
func extractTrafilatura(p *page) (result, error) {
	opts := trafilatura.Options{EnableFallback: true}
	if u, err := url.Parse(p.URL); err == nil {
		opts.OriginalURL = u
	}
	doc, err := html.Parse(bytes.NewReader(p.HTML))
	if err != nil {
		return result{}, fmt.Errorf("go-trafilatura: %w", err)
	}
	r, err := trafilatura.ExtractDocument(doc, opts)
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
// on a DOM parsed as UTF-8 (see extractTrafilatura) and renders the
// article node as text (render.InnerText, what Article.RenderText
// writes).
func extractReadeck(p *page) (result, error) {
	u, err := url.Parse(p.URL)
	if err != nil {
		return result{}, fmt.Errorf("readeck: %w", err)
	}
	parser := readability.NewParser()
	doc, err := html.Parse(bytes.NewReader(p.HTML))
	if err != nil {
		return result{}, fmt.Errorf("readeck: %w", err)
	}
	a, err := parser.ParseAndMutate(doc, u)
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

// extractWholePage is the baseline: all text of the page (the <title>
// included) outside script, style and similar non-text elements, one line
// per block. Its score checks the scorer against the README's published
// baseline (F1 0.665, precision 0.500, recall 0.994, accuracy 0).
func extractWholePage(p *page) (result, error) {
	t, err := htmlText(p.HTML)
	if err != nil {
		return result{}, fmt.Errorf("whole-page: %w", err)
	}
	return result{Text: t}, nil
}

// htmlText returns all text of an HTML document outside script, style and
// similar non-text elements, a line break after each block element.
func htmlText(b []byte) (string, error) {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return "", fmt.Errorf("html text: %w", err)
	}
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && !inline[n.DataAtom] {
			sb.WriteByte('\n')
		}
	}
	walk(doc)
	return sb.String(), nil
}

// inline lists the elements that do not break words apart.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true,
	atom.I: true, atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.S: true,
	atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strong: true, atom.Sub: true,
	atom.Sup: true, atom.Time: true, atom.U: true, atom.Var: true, atom.Font: true,
	atom.Strike: true, atom.Tt: true, atom.Big: true, atom.Label: true,
}
