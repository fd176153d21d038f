package scrapertest

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/sites/")

// goldenDir holds a snapshot of the default site: the ground truth of every
// article and a few pages, rendered for the host news.test. A change to
// the generator shows up as a diff there, to be reviewed like code.
const goldenDir = "../../testdata/sites/news"

func TestGolden(t *testing.T) {
	s := NewSite()
	arts := s.Articles("http://news.test")
	manifest, err := json.MarshalIndent(arts, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"articles.json": append(manifest, '\n')}
	pick := func(pred func(*article) bool) *article {
		for _, a := range s.arts {
			if pred(a) {
				return a
			}
		}
		t.Fatal("no such article")
		return nil
	}
	pages := map[string]string{
		"home.html":                    "/",
		"section.html":                 "/world/?page=2",
		"robots.txt":                   "/robots.txt",
		"sitemap.xml":                  "/sitemap.xml",
		"sitemap-news.xml":             "/sitemap-news.xml",
		"feed.xml":                     "/feed.xml",
		"atom.xml":                     "/atom.xml",
		"feed.json":                    "/feed.json",
		"article-classic.html":         pick(func(a *article) bool { return a.layout == 0 && a.lang == "en" && a.only == "" }).path,
		"article-magazine.html":        pick(func(a *article) bool { return a.layout == 1 && a.lang == "en" && a.only == "" }).path,
		"article-minimal.html":         pick(func(a *article) bool { return a.layout == 2 && a.lang == "en" && a.only == "" }).path,
		"article-print.html":           "/print" + s.duplicate.path,
		"article-fr.html":              pick(func(a *article) bool { return a.lang == "fr" && a.charset == "utf-8" }).path,
		"article-de-iso-8859-1.html":   pick(func(a *article) bool { return a.lang == "de" && a.charset == "iso-8859-1" }).path,
		"article-ar-windows-1256.html": pick(func(a *article) bool { return a.lang == "ar" && !a.metaOnly }).path,
		"article-ar-meta-only.html":    pick(func(a *article) bool { return a.lang == "ar" && a.metaOnly }).path,
		"article-ja-shift_jis.html":    pick(func(a *article) bool { return a.lang == "ja" }).path,
	}
	for name, path := range pages {
		files[filepath.Join("pages", name)] = serveOnce(s, path)
	}
	for name, want := range files {
		path := filepath.Join(goldenDir, name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the generated content; review the change and run go test -update", path)
		}
	}
}
