package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/scraper/extract"
)

// sample is one labelled text: a page's extracted text (or a synthetic
// one) with the language its page declares and the language it is in.
type sample struct {
	Set, ID  string
	Declared string // primary subtag the page declares, "" if none
	Label    string // the language of the text (primary subtag)
	Text     string
	Dev      bool // in the tuning half (even CRC-32 of the ID)
}

// pageSet is a set of saved pages: a name and a glob under a root.
type pageSet struct {
	name string
	glob string // relative to the module cache or to shared
	root string // "mod" or "shared"
}

// pageSets are the sets measured, read in place (never copied).
var pageSets = []pageSet{
	{"readability", "github.com/go-shiori/go-readability@v0.0.0-20251205110129-5db1dc9836f0/test-pages/*/source.html", "mod"},
	{"readeck", "codeberg.org/readeck/go-readability/v2@v2.1.3/test-pages/*/source.html", "mod"},
	{"trafilatura", "github.com/markusmobius/go-trafilatura@v1.12.2/test-files/*/*.html", "mod"},
	{"htmldate", "github.com/markusmobius/go-htmldate@v1.10.1/test-files/*/*.html", "mod"},
	{"extraction-bench", "extraction-bench/html/*.html.gz", "shared"},
	{"page-types", "page-types/html/*.html.gz", "shared"},
}

// overrides correct the label of pages whose declared language is not the
// language of their text, found by reading every page of 100 characters or
// more where whatlanggo or DetectLanguage disagreed with the declaration
// (both halves: labels are data, not tuning). "-" drops a page (mixed languages, or
// too little text to say).
var overrides = map[string]string{
	// The text is in another language than the page declares.
	"extraction-bench:html/57b4dafd18cfd0531b69f81e87158648227c673ef159f8d8c87d34e34bdb21f2.html.gz": "de",
	"extraction-bench:html/ba07d1e64775f4090e39116c382111f5a2cfe9528dd179673f4e9bfcea370c15.html.gz": "de",
	"extraction-bench:html/f81c6c05d9cbc93316992fa23ef74ec405194e292611f2e94f6a814868903665.html.gz": "en",
	"extraction-bench:html/fde930b01859de8311c6a14f8aa8c72be0659b551367803deb6736cf3526cf2e.html.gz": "en",
	"htmldate:mediacloud/1579090372.html":                                  "sq",
	"htmldate:mock/facebook.com.visitaustria.html":                         "en",
	"htmldate:mock/medef.fr.dispute.html":                                  "en",
	"htmldate:mediacloud/1523761669.html":                                  "tl",
	"htmldate:mediacloud/1561643340.html":                                  "gu",
	"htmldate:mediacloud/1565998355.html":                                  "gu",
	"htmldate:mediacloud/1577247412.html":                                  "ka",
	"htmldate:mediacloud/1716324024.html":                                  "ro",
	"htmldate:mediacloud/1721965295.html":                                  "es",
	"htmldate:mediacloud/1724245424.html":                                  "es",
	"htmldate:mediacloud/1764731404.html":                                  "ar",
	"htmldate:mediacloud/1799801548.html":                                  "th",
	"htmldate:mock/exporo.de.ezb.html":                                     "de",
	"htmldate:mock/rosneft.com.licensing.html":                             "en",
	"htmldate:mock/verfassungsblog.de.decade.html":                         "en",
	"page-types:html/4403.html.gz":                                         "id",
	"trafilatura:comparison/100noticias.com-millones.html":                 "es",
	"trafilatura:comparison/24ora.com-internationalschol.html":             "pap",
	"trafilatura:comparison/ahlen.de.reparaturcafe.html":                   "de",
	"trafilatura:comparison/archive.org.dzs-clan.de.html":                  "de",
	"trafilatura:comparison/berkutschi.com-willingen.html":                 "de",
	"trafilatura:comparison/diario1.com-legislativa.html":                  "es",
	"trafilatura:comparison/elfaro.net-asamblea.html":                      "es",
	"trafilatura:comparison/feuerwehrtaucher-oldenburg.de.ausbildung.html": "de",
	"trafilatura:comparison/harddecor.at.denkmaler.html":                   "de",
	"trafilatura:comparison/helge.at.mahu.html":                            "de",
	"trafilatura:comparison/hoy.com.do-AIRD.html":                          "es",
	"trafilatura:comparison/hr-innovation.org.enterprise.html":             "de",
	"trafilatura:comparison/lenouvelliste.com-compagnies.html":             "fr",
	"trafilatura:comparison/lexikon.huettenhilfe.de.banane.html":           "de",
	"trafilatura:comparison/linkedin.com.hoeltmann.html":                   "de",
	"trafilatura:comparison/madame.lefigaro.fr.dintestin.html":             "fr",
	"trafilatura:comparison/medium.com.recherche.html":                     "fr",
	"trafilatura:comparison/mitvergnuegen.de.herbst.html":                  "de",
	"trafilatura:comparison/murdeltas.wordpress.com.politcamp.html":        "de",
	"trafilatura:comparison/nextkabinett.wordpress.com.garden.html":        "en",
	"trafilatura:comparison/rueda.wikidot.com.enchufla.html":               "de",
	"trafilatura:comparison/sibenlab.blogspot.com.privacy.html":            "en",
	"trafilatura:comparison/springer.com-produkte.html":                    "de",
	"trafilatura:comparison/ukbdnews.com.23646.html":                       "bn",
	"trafilatura:comparison/vergleich.de.leasen.html":                      "de",
	"trafilatura:comparison/villagersandheroes.com.forums.patchnotes.html": "de",
	"trafilatura:mock/befifty.montauk.html":                                "de",
	"trafilatura:mock/denkanstoos.com.2012.html":                           "en",
	// No language to speak of in the extracted text: lorem ipsum, ids,
	// PHP warnings before the post, a cookie notice in another language,
	// half one language and half another.
	"page-types:html/0548.html.gz":                               "-",
	"page-types:html/3019.html.gz":                               "-",
	"page-types:html/3021.html.gz":                               "-",
	"readability:data-url-image":                                 "-",
	"readability:hidden-nodes":                                   "-",
	"readability:missing-paragraphs":                             "-",
	"trafilatura:comparison/colours-of-the-soul.alhelm.net.html": "-",
	"trafilatura:comparison/pointofsail-kiel.de.wilson.html":     "-",
}

// loadPages reads every set, skipping pages seen in an earlier set (the
// readability test pages are in two modules).
func loadPages(modCache, shared string, logf func(string, ...any)) ([]sample, error) {
	seen := map[[32]byte]bool{}
	var out []sample
	for _, s := range pageSets {
		root := modCache
		if s.root == "shared" {
			root = shared
		}
		files, err := filepath.Glob(filepath.Join(root, s.glob))
		if err != nil {
			return nil, fmt.Errorf("glob %s: %w", s.glob, err)
		}
		if len(files) == 0 {
			logf("set %s: no pages at %s, skipped", s.name, filepath.Join(root, s.glob))
			continue
		}
		sort.Strings(files)
		n := 0
		for _, f := range files {
			body, err := readFile(f)
			if err != nil {
				return nil, err
			}
			sum := sha256.Sum256(body)
			if seen[sum] {
				continue
			}
			seen[sum] = true
			id := pageID(f)
			smp, ok := pageSample(s.name, id, body)
			if ok {
				out = append(out, smp)
				n++
			}
		}
		logf("set %s: %d pages with a declared language of %d", s.name, n, len(files))
	}
	return out, nil
}

// pageID names a page by its folder and file name.
func pageID(path string) string {
	base := filepath.Base(path)
	if base == "source.html" {
		return filepath.Base(filepath.Dir(path))
	}
	return filepath.Base(filepath.Dir(path)) + "/" + base
}

// pageSample extracts a page and labels it with its declared language (or
// an override); pages that declare none and have no override are skipped.
func pageSample(set, id string, body []byte) (sample, bool) {
	declared := declaredLang(body)
	label := declared
	if o, ok := overrides[set+":"+id]; ok {
		label = o
	}
	if label == "" || label == "-" {
		return sample{}, false
	}
	art, err := extract.ExtractWith(extract.Input{Body: body, URL: "https://example.com/" + id}, extract.Options{})
	if err != nil {
		return sample{}, false
	}
	text := art.Text
	if strings.TrimSpace(text) == "" {
		text = art.Title
	}
	return sample{Set: set, ID: id, Declared: declared, Label: label, Text: text, Dev: dev(id)}, true
}

// dev reports whether id is in the tuning half: an even CRC-32 of its
// base name, as internal/halves splits the benchmark pages.
func dev(id string) bool {
	return crc32.ChecksumIEEE([]byte(filepath.Base(id)))%2 == 0
}

// readFile reads a page, gunzipping .gz files.
func readFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	if !strings.HasSuffix(path, ".gz") {
		return b, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	b, err = io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// declaredLang returns the primary subtag of the language a page
// declares: <html lang> (or xml:lang), else <meta http-equiv=
// content-language>, else og:locale; "" if none.
func declaredLang(body []byte) string {
	z := html.NewTokenizer(bytes.NewReader(body))
	var meta, og string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return primary(firstNonEmpty(meta, og))
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			switch t.Data {
			case "html":
				for _, a := range t.Attr {
					if (a.Key == "lang" || a.Key == "xml:lang") && primary(a.Val) != "" {
						return primary(a.Val)
					}
				}
			case "meta":
				attrs := map[string]string{}
				for _, a := range t.Attr {
					attrs[a.Key] = a.Val
				}
				if strings.EqualFold(attrs["http-equiv"], "content-language") && meta == "" {
					meta = attrs["content"]
				}
				if attrs["property"] == "og:locale" && og == "" {
					og = attrs["content"]
				}
			case "body":
				return primary(firstNonEmpty(meta, og))
			}
		}
	}
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// primary returns the canonical primary subtag of a language tag.
func primary(tag string) string {
	l := extract.NormalizeLang(tag)
	if i := strings.IndexByte(l, '-'); i >= 0 {
		l = l[:i]
	}
	switch l {
	case "no", "nn":
		return "nb"
	case "iw":
		return "he"
	case "in":
		return "id"
	}
	return l
}
