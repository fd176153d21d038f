package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/archivist-project/archivist/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/extract")

const goldenDir = "../../testdata/extract"

// fetchedAt is the fetch time of every golden case.
var fetchedAt = time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC)

// checkText reports each string of want that text lacks and each of not
// that it has.
func checkText(tb testing.TB, text string, want, not []string) {
	tb.Helper()
	for _, s := range want {
		if !strings.Contains(text, s) {
			tb.Errorf("text lacks %q", s)
		}
	}
	for _, s := range not {
		if strings.Contains(text, s) {
			tb.Errorf("text has %q", s)
		}
	}
}

// mustReadFile reads a file or fails the test.
func mustReadFile(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// extractTestPage extracts testdata/DIR/NAME.html as fetched from url,
// or fails the test; the text is logged if the test fails.
func extractTestPage(t *testing.T, dir, name, url string) corpus.Article {
	t.Helper()
	page := mustReadFile(t, filepath.Join("testdata", dir, name+".html"))
	art, err := Extract(Input{Body: page, URL: url, ContentType: "text/html; charset=utf-8", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("text:\n%s", art.Text)
		}
	})
	return art
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name, url, contentType string
		wantFlags              []string // flags that must be set
		wantNotFlags           []string // flags that must not be set
		wantLang               string
		wantInText, notInText  []string
	}{
		{name: "ar_rtl", url: "https://alwaha.example/culture/2024/03/10/library", contentType: "text/html; charset=utf-8",
			wantLang: "ar", wantNotFlags: []string{corpus.FlagNotArticle, corpus.FlagNoDate},
			wantInText: []string{"ساعات العمل", "مكتبة عامة جديدة"}, notInText: []string{"اقرأ أيضا", "فيسبوك", "تصوير", "بقلم"}},
		{name: "ar_windows1256", url: "http://souq.example/eco/prices.php?id=7", contentType: "text/html",
			wantLang: "ar", wantNotFlags: []string{corpus.FlagNotArticle, corpus.FlagNoDate},
			wantInText: []string{"وزارة الزراعة"}, notInText: []string{"اتصل بنا", "حقوق النشر"}},
		{name: "de_magazin", url: "https://stadtanzeiger.example/lokales/radwege-altstadt?utm_source=x", contentType: "text/html; charset=utf-8",
			wantLang: "de-DE", wantNotFlags: []string{corpus.FlagNotArticle, corpus.FlagNoDate},
			wantInText: []string{"Kritik vom Einzelhandel", "Baubeginn: März\nKosten", "Altstadt bis"}, notInText: []string{"Anzeige", "Newsletter", "Cookies", "Endlich", "Impressum", "Von Anna"}},
		{name: "fr_blog", url: "https://petitcourrier.example/region/marche-de-noel", contentType: "",
			wantLang: "fr", wantNotFlags: []string{corpus.FlagNotArticle, corpus.FlagNoDate},
			wantInText: []string{"« Nous voulons", "s’installe"}, notInText: []string{"Partager", "Les plus lus", "Jean Dupont"}},
		{name: "ja_shiftjis", url: "https://minato.example/local/20210401-library.html", contentType: "text/html",
			wantLang: "ja", wantNotFlags: []string{corpus.FlagNotArticle, corpus.FlagNoDate},
			wantInText: []string{"市立図書館"}, notInText: []string{"シェア", "Copyright"}},
		{name: "jsonld_graph", url: "https://herald.example/news/flood-barrier", contentType: "text/html; charset=utf-8",
			wantLang: "en-GB", wantNotFlags: []string{corpus.FlagNotArticle, corpus.FlagNoDate, corpus.FlagPaywall},
			wantInText: []string{"Barrier walls £8m", "views of the water."}, notInText: []string{"Related", "Most read", "Priya Natarajan covers", "By Priya"}},
		{name: "microdata_only", url: "https://campo.example/noticias/aceitunas", contentType: "text/html; charset=utf-8",
			wantLang: "es", wantNotFlags: []string{corpus.FlagNotArticle, corpus.FlagNoDate},
			wantInText: []string{"almazaras"}, notInText: []string{"Comentarios", "precios acompañen", "Lucía"}},
		{name: "paywall_teaser", url: "https://ledger.example/energy/cheaper-batteries", contentType: "text/html; charset=utf-8",
			wantLang: "en-US", wantFlags: []string{corpus.FlagPaywall, corpus.FlagShort}, wantNotFlags: []string{corpus.FlagNotArticle},
			wantInText: []string{"iron and salt"}, notInText: []string{"Subscribe"}},
		{name: "wordpress_comments", url: "https://greenfield.example/2020/07/21/garden-harvest/", contentType: "text/html; charset=UTF-8",
			wantLang: "en-US", wantNotFlags: []string{corpus.FlagNotArticle, corpus.FlagNoDate},
			wantInText: []string{"Watering on a schedule", "weeds down."}, notInText: []string{"Share this", "Related", "Great write-up", "Leave a Reply", "Recent Posts", "Posted in", "July 21"}},
		{name: "split_body", url: "https://railreview.example/travel/night-trains", contentType: "text/html; charset=utf-8",
			wantLang: "en", wantNotFlags: []string{corpus.FlagNotArticle, corpus.FlagNoDate},
			wantInText: []string{"Ten years ago", "Part of the reason", "south of Europe"}, notInText: []string{"Advertisement", "inbox", "More stories", "scenic"}},
		{name: "legacy_table", url: "http://millbrook.example/news/shelters.html", contentType: "text/html",
			wantLang: "en", wantNotFlags: []string{corpus.FlagNotArticle, corpus.FlagNoDate},
			wantInText: []string{"40,000 dollars", "wheelchairs"}, notInText: []string{"Contact", "Copyright"}},
		{name: "listing", url: "https://valleytimes.example/", contentType: "text/html; charset=utf-8",
			wantLang: "en", wantFlags: []string{corpus.FlagNotArticle}},
		{name: "consent_wall", url: "https://consent.example/?continue=https://news.example/a", contentType: "text/html; charset=utf-8",
			wantLang: "en", wantFlags: []string{corpus.FlagNotArticle}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := mustReadFile(t, filepath.Join(goldenDir, tt.name+".html"))
			art, err := Extract(Input{Body: page, URL: tt.url, ContentType: tt.contentType, FetchedAt: fetchedAt})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got, err := json.MarshalIndent(art, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join(goldenDir, tt.name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := mustReadFile(t, golden)
			if !bytes.Equal(got, want) {
				t.Errorf("article differs from %s (rerun with -update and review the diff):\n%s", golden, got)
			}
			// Properties that hold whatever the golden file says.
			if !utf8.ValidString(art.Text) || !utf8.ValidString(art.Title) {
				t.Errorf("invalid UTF-8 in output")
			}
			if art.Language != tt.wantLang {
				t.Errorf("language = %q, want %q", art.Language, tt.wantLang)
			}
			for _, f := range tt.wantFlags {
				if !art.HasFlag(f) {
					t.Errorf("flag %q missing from %v", f, art.Flags)
				}
			}
			for _, f := range tt.wantNotFlags {
				if art.HasFlag(f) {
					t.Errorf("flag %q set: %v", f, art.Flags)
				}
			}
			checkText(t, art.Text, tt.wantInText, tt.notInText)
			if art.Published != nil && art.Published.After(fetchedAt) {
				t.Errorf("published %v after fetch", art.Published)
			}
		})
	}
}

func TestExtractBasics(t *testing.T) {
	page := []byte(`<html><head><title>Quarterly results beat forecasts | Example News</title></head><body><article><p>` +
		strings.Repeat("Words in a paragraph of the article. ", 20) + `</p></article></body></html>`)
	art, err := Extract(Input{Body: page, URL: "https://WWW.Example.org/a/b", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	if art.Site != "www.example.org" {
		t.Errorf("site = %q", art.Site)
	}
	if art.ContentSHA256 != "" && len(art.ContentSHA256) != 64 {
		t.Errorf("sha = %q", art.ContentSHA256)
	}
	if !art.FetchedAt.Equal(fetchedAt) || art.ID != 0 || art.CaptureID != 0 {
		t.Errorf("fetched/ids: %v %d %d", art.FetchedAt, art.ID, art.CaptureID)
	}
	if art.Title != "Quarterly results beat forecasts" {
		t.Errorf("title = %q", art.Title)
	}
	if art.WordCount != 140 {
		t.Errorf("word count = %d", art.WordCount)
	}
}

func TestFutureDateRejected(t *testing.T) {
	page := []byte(`<html><head><meta property="article:published_time" content="2030-01-01T00:00:00Z">
<meta name="date" content="2024-12-01"></head><body><p>Text.</p></body></html>`)
	art, err := Extract(Input{Body: page, URL: "https://example.org/x", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	if art.Published == nil || art.Published.Year() != 2024 {
		t.Errorf("published = %v, want the 2024 date", art.Published)
	}
}

// TestHostileInput checks that pathological pages return promptly with an
// error or an empty result.
func TestHostileInput(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	garbage := make([]byte, 1<<20)
	rng.Read(garbage)
	big := make([]byte, 0, 20<<20)
	big = append(big, "<html><body>"...)
	for len(big) < 20<<20 {
		big = append(big, "<div><p>Some repeated paragraph text, with a comma.</p></div>\n"...)
	}
	tests := []struct {
		name    string
		body    []byte
		wantErr error
	}{
		{"deep nesting", []byte(strings.Repeat("<div>", 100000) + "text" + strings.Repeat("</div>", 100000)), ErrTooDeep},
		{"deep inline nesting", []byte(strings.Repeat("<b><i>", 50000) + "text"), nil},
		{"20 MB page", big, ErrTooLarge},
		{"binary garbage", garbage, ErrNotHTML},
		{"empty", nil, nil},
		{"many bylines", []byte("<body>" + strings.Repeat(`<div class="byline author date"><p>By Someone on 1 May 2024</p></div>`, 50000)), nil},
		{"many twins", []byte("<body>" + strings.Repeat(`<div class="post-body"><p>Paragraph text, with commas, long enough to score.</p></div>`, 50000)), nil},
		{"many times", []byte("<body>" + strings.Repeat(`<time datetime="2024-05-01">May</time>`, 50000)), nil},
		{"long word", []byte("<body><p>" + strings.Repeat("x", 5<<20) + "</p>"), nil},
		{"huge json-ld", []byte(`<script type="application/ld+json">{"@type":"NewsArticle","keywords":[` + strings.Repeat(`"tag",`, 200000) + `"x"]}</script><p>Text.</p>`), nil},
		{"wide unclosed p", []byte("<body>" + strings.Repeat("<p>Text, text, text, text and more text here.", 100000)), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: tt.body, URL: "https://example.org/x", FetchedAt: fetchedAt})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				// Any error is acceptable for hostile input without an expected kind.
				return
			}
			if !utf8.ValidString(art.Text) {
				t.Errorf("invalid UTF-8 in text")
			}
		})
	}
}

func TestContentTypes(t *testing.T) {
	page := []byte(`<html><body><p>` + strings.Repeat("Some words of text. ", 30) + `</p></body></html>`)
	tests := []struct {
		ct      string
		wantErr bool
	}{
		{"", false},
		{"text/html", false},
		{"text/html; charset=utf-8", false},
		{"application/xhtml+xml", false},
		{"text/plain", false},
		{"application/pdf", true},
		{"image/png", true},
		{"application/json", true},
		{"application/octet-stream", false},
		{"not a / valid type;;", false},
	}
	for _, tt := range tests {
		t.Run(tt.ct, func(t *testing.T) {
			_, err := Extract(Input{Body: page, URL: "https://example.org/a", ContentType: tt.ct, FetchedAt: fetchedAt})
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, ErrNotHTML) {
				t.Errorf("err = %v, want ErrNotHTML", err)
			}
		})
	}
}

// TestConcurrentExtract runs extractions in parallel; run with -race to
// check that Extract is safe for concurrent use.
func TestConcurrentExtract(t *testing.T) {
	matches, err := filepath.Glob(filepath.Join(goldenDir, "*.html"))
	if err != nil || len(matches) == 0 {
		t.Fatalf("golden pages: %v", err)
	}
	want := make(map[string]string)
	bodies := make(map[string][]byte)
	for _, m := range matches {
		bodies[m] = mustReadFile(t, m)
		art, err := Extract(Input{Body: bodies[m], URL: "https://example.org/a", FetchedAt: fetchedAt})
		if err != nil {
			t.Fatal(err)
		}
		want[m] = art.Text
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			for _, m := range matches {
				art, err := Extract(Input{Body: bodies[m], URL: "https://example.org/a", FetchedAt: fetchedAt})
				if err == nil && art.Text != want[m] {
					err = errors.New(m + ": text differs between runs")
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
