// Command cmscompare runs archivist, go-trafilatura and readeck on the
// hand-written CMS article pages of scraper/extract/testdata/cms and
// prints, per page and extractor, the story sentences lost, the chrome
// lines kept, and the title, author and date found: a side-by-side view
// on pages written for no extractor (issue 8); the pages and their
// expectations are the ones TestCMSArticles reads.
//
//	go run ./cmscompare -dir ../scraper/extract/testdata/cms
//	go run ./cmscompare -dir ../scraper/extract/testdata/unseen
//
// The second directory holds pages of the other types (threads, shops,
// docs, listings, services; TestUnseenPages): their cases give the
// expected page type, and a case with no date or author is not scored on
// them.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/markusmobius/go-trafilatura"

	"github.com/archivist-project/archivist/scraper/extract"
)

// cmsCase is one page and what its text must and must not hold.
type cmsCase struct {
	File      string   `json:"file"`
	URL       string   `json:"url"`
	Title     string   `json:"title"`
	Author    string   `json:"author"`
	Published string   `json:"published"`
	Precision string   `json:"precision"` // empty means second
	Lang      string   `json:"lang"`
	Type      string   `json:"type"` // the expected page type; empty means article
	Must      []string `json:"must"`
	MustNot   []string `json:"mustNot"`
}

// result is what one extractor found.
type result struct {
	text, title, author, pageType, lang string
	published                           time.Time
	precision                           string // archivist's only; the others give none
}

// fetched is the fetch time the relative dates are read against, as in
// TestCMSArticles.
var fetched = time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)

type extractor struct {
	name string
	run  func(body []byte, u *url.URL) (result, error)
}

func main() {
	dir := flag.String("dir", "../scraper/extract/testdata/cms", "directory of the CMS pages and cases.json")
	flag.Parse()
	b, err := os.ReadFile(filepath.Join(*dir, "cases.json"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var cases []cmsCase
	if err := json.Unmarshal(b, &cases); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	exs := []extractor{{"archivist", runArchivist}, {"go-trafilatura", runTrafilatura}, {"readeck", runReadeck}}
	totals := map[string][2]int{}
	for _, c := range cases {
		body, err := os.ReadFile(filepath.Join(*dir, c.File))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		u, _ := url.Parse(c.URL)
		for _, ex := range exs {
			r, err := ex.run(body, u)
			if err != nil {
				fmt.Printf("%s %s: error %v\n", c.File, ex.name, err)
				continue
			}
			lost, kept := report(c, r)
			t := totals[ex.name]
			totals[ex.name] = [2]int{t[0] + len(lost), t[1] + len(kept)}
			fmt.Printf("%-18s %-15s lost %d/%d kept %d/%d type=%s%s title=%v author=%v date=%s lang=%v\n", c.File, ex.name,
				len(lost), len(c.Must), len(kept), len(c.MustNot), r.pageType, typeVerdict(r, c), r.title == c.Title,
				strings.Contains(r.author, c.Author), dateVerdict(r, c), c.Lang == "" || strings.HasPrefix(r.lang, c.Lang))
			if r.title != c.Title {
				fmt.Printf("    title: %q\n", r.title)
			}
			for _, s := range lost {
				fmt.Printf("    lost: %s\n", s)
			}
			for _, s := range kept {
				fmt.Printf("    kept: %s\n", s)
			}
		}
	}
	for _, ex := range exs {
		fmt.Printf("TOTAL %-15s lost %d kept %d\n", ex.name, totals[ex.name][0], totals[ex.name][1])
	}
}

// report lists the story sentences missing from r and the chrome lines in it.
func report(c cmsCase, r result) (lost, kept []string) {
	text := strings.Join(strings.Fields(r.text), " ")
	for _, s := range c.Must {
		if !strings.Contains(text, s) {
			lost = append(lost, s)
		}
	}
	for _, s := range c.MustNot {
		if strings.Contains(text, s) {
			kept = append(kept, s)
		}
	}
	return lost, kept
}

// typeVerdict marks a page type other than the case's; only archivist
// gives one.
func typeVerdict(r result, c cmsCase) string {
	want := c.Type
	if want == "" {
		want = "article"
	}
	if r.pageType == "" || r.pageType == want {
		return ""
	}
	return "(want " + want + ")"
}

// dateVerdict is rightDate with the time found, or "-" for a case that
// states no date.
func dateVerdict(r result, c cmsCase) string {
	if c.Published == "" {
		return "-"
	}
	return fmt.Sprintf("%v (%s)", rightDate(r, c), r.published.Format(time.RFC3339))
}

// rightDate reports whether r's published time is the case's instant;
// for an extractor that gives a precision (archivist), also the case's
// precision and the zone the page gives, as TestCMSArticles checks.
func rightDate(r result, c cmsCase) bool {
	w, err := time.Parse(time.RFC3339, c.Published)
	if err != nil || !r.published.Truncate(time.Second).Equal(w) {
		return false
	}
	if r.precision == "" {
		return true
	}
	want := c.Precision
	if want == "" {
		want = "second"
	}
	_, got := r.published.Zone()
	_, off := w.Zone()
	return r.precision == want && got == off
}

func runArchivist(body []byte, u *url.URL) (result, error) {
	a, err := extract.Extract(extract.Input{Body: body, URL: u.String(), FetchedAt: fetched})
	if err != nil {
		return result{}, err
	}
	r := result{text: a.Text, title: a.Title, author: strings.Join(a.Authors, "; "), pageType: a.PageType, lang: a.Language,
		precision: a.PublishedPrecision}
	if a.Published != nil {
		r.published = *a.Published
	}
	return r, nil
}

func runTrafilatura(body []byte, u *url.URL) (result, error) {
	opts := trafilatura.Options{EnableFallback: true, ExcludeComments: true, Focus: trafilatura.Balanced, OriginalURL: u}
	r, err := trafilatura.Extract(bytes.NewReader(body), opts)
	if err != nil {
		return result{}, err
	}
	return result{text: r.ContentText, title: r.Metadata.Title, author: r.Metadata.Author, published: r.Metadata.Date, lang: r.Metadata.Language}, nil
}

func runReadeck(body []byte, u *url.URL) (result, error) {
	parser := readability.NewParser()
	a, err := parser.Parse(bytes.NewReader(body), u)
	if err != nil {
		return result{}, err
	}
	r := result{title: a.Title(), author: a.Byline(), lang: a.Language()}
	if a.Node != nil {
		r.text = render.InnerText(a.Node)
	}
	if t, err := a.PublishedTime(); err == nil {
		r.published = t
	}
	return r, nil
}
