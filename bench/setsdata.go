package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/archivist-project/archivist/bench/evalsets"
	"github.com/archivist-project/archivist/bench/split"
)

// Names of the benchmark sets of the sets command.
const (
	setExtractionBench = "extraction-bench"    // shared/extraction-bench: 181 news articles, full bodies
	setPageTypes       = "page-types"          // shared/page-types: 647 non-article pages, bodies, snippets, types
	setTrafilatura     = "trafilatura"         // go-trafilatura's test-files: snippets, dates
	setHtmldate        = "htmldate"            // go-htmldate's test-files: dates
	setReadability     = "readability-shiori"  // go-shiori/go-readability's Mozilla test pages
	setReadeck         = "readability-readeck" // readeck/go-readability's test pages
)

// setNames lists the sets in the order they are loaded and reported.
var setNames = []string{setExtractionBench, setPageTypes, setTrafilatura, setHtmldate, setReadability, setReadeck}

// setPage is one page of a benchmark set with its ground truth; fields a
// set does not annotate stay empty.
type setPage struct {
	ID   string // unique within the set; the key of the split list
	URL  string // the page's URL (a placeholder for the readability pages)
	Site string // registrable domain (split.Site), or the test page's name stem
	HTML []byte
	// UTF8 is true when the bytes are known to be UTF-8; then every
	// extractor is told so (archivist by its content type, the others get
	// a DOM parsed as UTF-8). Otherwise each detects the charset itself.
	UTF8     bool
	Body     string   // reference main text, when HasBody
	HasBody  bool     //
	With     []string // snippets a good extraction contains
	Without  []string // snippets of boilerplate it must not contain
	PageType string   // the set's label: a page-types type, "article" for article sets, "" unknown
	Date     string   // expected publication day YYYY-MM-DD, when HasDate ("" = no date)
	HasDate  bool
	Half     string // split.Tune or split.Check, from the committed list
}

// benchSet is one loaded set.
type benchSet struct {
	Name string
	// Shingles is true when the reference bodies are complete article
	// texts, scored with 4-gram shingles as well as words.
	Shingles bool
	Pages    []setPage
}

// setLoader loads one set from the shared directory or the module cache.
type setLoader func(shared string) (benchSet, error)

// setLoaders maps each set name to its loader.
var setLoaders = map[string]setLoader{
	setExtractionBench: loadExtractionBenchSet,
	setPageTypes:       loadPageTypesSet,
	setTrafilatura:     loadTrafilaturaSet,
	setHtmldate:        loadHtmldateSet,
	setReadability:     func(string) (benchSet, error) { return loadReadabilitySet(setReadability, shioriModule) },
	setReadeck:         func(string) (benchSet, error) { return loadReadabilitySet(setReadeck, readeckModule) },
}

// Modules whose Mozilla readability test pages are read from the module
// cache. go-shiori's is a later version than the one go-trafilatura links
// (bench/go.mod keeps that one, so that go-trafilatura's fallback is the
// published one); it is read in place, never built.
const (
	shioriModule  = "github.com/go-shiori/go-readability@v0.0.0-20251205110129-5db1dc9836f0"
	readeckModule = "codeberg.org/readeck/go-readability/v2@v2.1.3"
)

// readabilityURL is the URL Mozilla's readability tests give every page.
const readabilityURL = "http://fakehost/test/page.html"

// errNoData marks a set whose data is not on this machine.
var errNoData = errors.New("data not found")

// defaultSharedDirs are tried in order when -shared is not given.
var defaultSharedDirs = []string{filepath.Join("..", "..", "shared"), filepath.Join("..", "shared")}

// findSharedDir returns dir when set, or else the first default directory
// that has an extraction-bench or page-types subdirectory.
func findSharedDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	for _, d := range defaultSharedDirs {
		for _, sub := range []string{"extraction-bench", "page-types"} {
			if _, err := os.Stat(filepath.Join(d, sub, "ground-truth.json")); err == nil {
				return d, nil
			}
		}
	}
	return "", fmt.Errorf("find shared data: none of %v has extraction-bench or page-types; pass -shared: %w", defaultSharedDirs, errNoData)
}

// loadExtractionBenchSet reads the 181 pages of shared/extraction-bench.
func loadExtractionBenchSet(shared string) (benchSet, error) {
	dir := filepath.Join(shared, "extraction-bench")
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		return benchSet{}, fmt.Errorf("load %s: %w: %w", setExtractionBench, errNoData, err)
	}
	pages, err := loadPages(dir)
	if err != nil {
		return benchSet{}, err
	}
	s := benchSet{Name: setExtractionBench, Shingles: true}
	for _, p := range pages {
		s.Pages = append(s.Pages, setPage{
			ID: p.ID, URL: p.URL, Site: split.Site(p.URL), HTML: p.HTML, UTF8: true,
			Body: p.Truth, HasBody: true, PageType: "article",
		})
	}
	return s, nil
}

// loadPageTypesSet reads the 647 pages of shared/page-types.
func loadPageTypesSet(shared string) (benchSet, error) {
	dir := filepath.Join(shared, "page-types")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return benchSet{}, fmt.Errorf("load %s: %w: %w", setPageTypes, errNoData, err)
	}
	var truth map[string]struct {
		URL         string   `json:"url"`
		PageType    string   `json:"page_type"`
		ArticleBody string   `json:"articleBody"`
		With        []string `json:"with"`
		Without     []string `json:"without"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return benchSet{}, fmt.Errorf("load %s: ground truth: %w", setPageTypes, err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	s := benchSet{Name: setPageTypes}
	for _, id := range ids {
		t := truth[id]
		b, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return benchSet{}, fmt.Errorf("load %s: %w", setPageTypes, err)
		}
		s.Pages = append(s.Pages, setPage{
			ID: id, URL: t.URL, Site: split.Site(t.URL), HTML: b, UTF8: true,
			Body: t.ArticleBody, HasBody: true, With: t.With, Without: t.Without, PageType: t.PageType,
		})
	}
	return s, nil
}

// splitsDir is where the committed split lists live, relative to bench/.
const splitsDir = "splits"

// splitEntries returns the split entries of a loaded set.
func splitEntries(s benchSet) []split.Entry {
	es := make([]split.Entry, len(s.Pages))
	for i, p := range s.Pages {
		es[i] = split.New(p.ID, p.Site)
	}
	return es
}

// writeSplit writes the split list of s into dir/<set>.tsv.
func writeSplit(dir string, s benchSet) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write split: %w", err)
	}
	f, err := os.Create(filepath.Join(dir, s.Name+".tsv"))
	if err != nil {
		return fmt.Errorf("write split: %w", err)
	}
	if err := split.Write(f, splitEntries(s)); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write split: %w", err)
	}
	return nil
}

// readSplit reads dir/<set>.tsv.
func readSplit(dir, set string) (split.List, error) {
	path := filepath.Join(dir, set+".tsv")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read split: %w (generate the lists once with -write-splits)", err)
	}
	defer f.Close()
	return split.Read(f, path)
}

// applySplit sets every page's half from the list; a page that is not
// listed, or listed under another site, is an error: the list is fixed,
// and a changed set needs a deliberate new list.
func applySplit(s *benchSet, l split.List) error {
	for i := range s.Pages {
		p := &s.Pages[i]
		e, ok := l[p.ID]
		if !ok {
			return fmt.Errorf("apply split %s: page %q: %w", s.Name, p.ID, split.ErrMissing)
		}
		if e.Site != p.Site {
			return fmt.Errorf("apply split %s: page %q: site %q, the list says %q", s.Name, p.ID, p.Site, e.Site)
		}
		p.Half = e.Half
	}
	return nil
}

// moduleSetDir returns the module's directory in the module cache, or an
// errNoData error when it is not there.
func moduleSetDir(set, module string) (string, error) {
	dir, err := evalsets.ModuleDir(module)
	if err != nil {
		return "", fmt.Errorf("load %s: %w: %w", set, errNoData, err)
	}
	return dir, nil
}

// loadTrafilaturaSet reads go-trafilatura's evaluation pages (with and
// without snippets, dates) as bench/othersites does, all of them; the
// page id is the file name.
func loadTrafilaturaSet(string) (benchSet, error) {
	dir, err := moduleSetDir(setTrafilatura, evalsets.TrafilaturaModule)
	if err != nil {
		return benchSet{}, err
	}
	ps, _, err := evalsets.LoadTrafilatura(dir)
	if err != nil {
		return benchSet{}, fmt.Errorf("load %s: %w", setTrafilatura, err)
	}
	s := benchSet{Name: setTrafilatura}
	for _, p := range ps {
		s.Pages = append(s.Pages, setPage{
			ID: p.File, URL: p.URL, Site: split.Site(p.URL), HTML: p.HTML,
			With: p.With, Without: p.Without, Date: p.Date, HasDate: p.HasDate,
		})
	}
	return s, uniqueIDs(s)
}

// loadHtmldateSet reads go-htmldate's evaluation pages (dates); the page
// id is the file name.
func loadHtmldateSet(string) (benchSet, error) {
	dir, err := moduleSetDir(setHtmldate, evalsets.HtmldateModule)
	if err != nil {
		return benchSet{}, err
	}
	ps, _, err := evalsets.LoadHtmldate(dir)
	if err != nil {
		return benchSet{}, fmt.Errorf("load %s: %w", setHtmldate, err)
	}
	s := benchSet{Name: setHtmldate}
	seen := make(map[string]string)
	for _, p := range ps {
		if date, dup := seen[p.File]; dup && date == p.Date {
			// Upstream lists modabot.de.serkan.html twice (the page and
			// its Wayback capture URL) with the same date: one page.
			continue
		}
		seen[p.File] = p.Date
		s.Pages = append(s.Pages, setPage{
			ID: p.File, URL: p.URL, Site: split.Site(p.URL), HTML: p.HTML, Date: p.Date, HasDate: true,
		})
	}
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].ID < s.Pages[j].ID })
	return s, uniqueIDs(s)
}

// loadReadabilitySet reads the Mozilla readability test pages of module:
// test-pages/<name>/source.html, with the text of expected.html as the
// reference body. The page id is the directory name, the site its stem
// (split.SiteOfName); every page counts as an article.
func loadReadabilitySet(set, module string) (benchSet, error) {
	dir, err := moduleSetDir(set, module)
	if err != nil {
		return benchSet{}, err
	}
	root := filepath.Join(dir, "test-pages")
	ents, err := os.ReadDir(root)
	if err != nil {
		return benchSet{}, fmt.Errorf("load %s: %w", set, err)
	}
	s := benchSet{Name: set, Shingles: true}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		src, err1 := os.ReadFile(filepath.Join(root, e.Name(), "source.html"))
		exp, err2 := os.ReadFile(filepath.Join(root, e.Name(), "expected.html"))
		if err1 != nil || err2 != nil {
			continue // not a test page
		}
		body, err := htmlText(exp)
		if err != nil {
			return benchSet{}, fmt.Errorf("load %s: %s: %w", set, e.Name(), err)
		}
		s.Pages = append(s.Pages, setPage{
			ID: e.Name(), URL: readabilityURL, Site: split.SiteOfName(e.Name()), HTML: src, UTF8: true,
			Body: body, HasBody: true, PageType: "article",
		})
	}
	if len(s.Pages) == 0 {
		return benchSet{}, fmt.Errorf("load %s: no test pages in %s: %w", set, root, errNoData)
	}
	return s, nil
}

// uniqueIDs reports an error when two pages of s share an id.
func uniqueIDs(s benchSet) error {
	seen := make(map[string]bool, len(s.Pages))
	for _, p := range s.Pages {
		if seen[p.ID] {
			return fmt.Errorf("load %s: two pages with id %q", s.Name, p.ID)
		}
		seen[p.ID] = true
	}
	return nil
}
