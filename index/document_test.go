package index

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/archivist-project/archivist/corpus"
)

// TestDocumentMatchesMapping checks that the documents docBuilder makes
// are those bleve's mapping makes of the same article (toDoc, below):
// the same fields, options, stored values, and analyzed terms with their
// frequencies and positions.
func TestDocumentMatchesMapping(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	b, err := newDocBuilder(m, true)
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2024, 5, 17, 9, 30, 0, 123000000, time.FixedZone("CEST", 2*3600))
	arts := []*corpus.Article{
		{ID: 1, URL: "https://a.example/1"},
		{ID: 2, URL: "https://a.example/2", Title: "  It won’t spring back  ", Text: "L’économie d’abord. It won’t spring back.",
			Language: "fr-FR", Authors: []string{"Anne O’Neil", "", "Anne O’Neil", "Bob"}, Tags: []string{"Économie", "eco"},
			Flags: []string{"Paywall"}, Section: "Économie", Site: "A.Example", Published: &pub, PageType: corpus.PageTypeListing},
		{ID: 3, URL: "https://a.example/3", Title: "أَخْبَار اليوم", Text: "النص العربي هنا", Language: "ar"},
		{ID: 4, URL: "https://a.example/4", Title: "東京の天気", Text: "今日は晴れ。", Language: "ja", Description: "desc only"},
		{ID: 5, URL: "https://a.example/5", Title: "The government's budget", Description: "Elections and voters",
			Text: "The ﬁnance minister’s elections.\n\nSecond paragraph.", Language: "en-GB"},
		{ID: 6, URL: "https://a.example/6", Title: "Die Wahlen", Text: "Die Wahlen in Österreich", Language: "de_AT"},
		{ID: 7, URL: "https://a.example/7", Title: "Vojnici u gradovima", Text: "Vlada je donijela odluku o novom zakonu.", Language: "hr"},
		// Stems that several terms share, in the title and the body.
		{ID: 8, URL: "https://a.example/8", Title: "Elections: the elected", Language: "en",
			Text: "The election was run by those elected in elections. Running, runs, the election."},
	}
	for i := 1; i <= 200; i++ {
		a := genArticle(i)
		a.ID = int64(100 + i)
		arts = append(arts, a)
	}
	for _, a := range arts {
		want := document.NewDocument(docID(a.ID))
		if err := m.MapDocument(want, toDoc(a)); err != nil {
			t.Fatal(err)
		}
		got := b.document(a)
		if diff := compareDocs(docFields(want), docFields(got)); diff != "" {
			t.Errorf("article %d (%s): %s", a.ID, a.Language, diff)
		}
		checkSizes(t, a.ID, got)
	}
}

// checkSizes checks that the size of each field of words (counted as its
// frequencies are made) is what bleve's walk of its frequencies counts.
func checkSizes(t *testing.T, id int64, d *document.Document) {
	t.Helper()
	d.VisitFields(func(f bindex.Field) {
		wf, ok := f.(*wordsField)
		if !ok {
			return
		}
		if got, want := wf.Size(), 64+len(wf.name)+wf.AnalyzedTokenFrequencies().Size(); got != want {
			t.Errorf("article %d, field %s: size %d, want %d", id, wf.name, got, want)
		}
	})
}

// docFields analyzes the indexed fields of d and returns a description of
// every field, keyed by name and array positions.
func docFields(d *document.Document) map[string]string {
	out := map[string]string{}
	d.VisitFields(func(f bindex.Field) {
		if f.Options().IsIndexed() {
			f.Analyze()
		}
		key := fmt.Sprintf("%s%v", f.Name(), f.ArrayPositions())
		var b strings.Builder
		fmt.Fprintf(&b, "options %v", f.Options())
		if f.Options().IsStored() {
			fmt.Fprintf(&b, " value %q", f.Value())
		}
		if f.Options().IsIndexed() {
			fmt.Fprintf(&b, " length %d", f.AnalyzedLength())
			freqs := f.AnalyzedTokenFrequencies()
			terms := make([]string, 0, len(freqs))
			for term, tf := range freqs {
				var locs []string
				for _, l := range tf.Locations {
					locs = append(locs, fmt.Sprintf("%d:%d-%d%v", l.Position, l.Start, l.End, l.ArrayPositions))
				}
				terms = append(terms, fmt.Sprintf("%q x%d %v", term, tf.Frequency(), locs))
			}
			slices.Sort(terms)
			fmt.Fprintf(&b, " terms %s", strings.Join(terms, "; "))
		}
		out[key] = b.String()
	})
	return out
}

func compareDocs(want, got map[string]string) string {
	var diffs []string
	for k, w := range want {
		if g, ok := got[k]; !ok {
			diffs = append(diffs, "missing field "+k)
		} else if !reflect.DeepEqual(w, g) {
			diffs = append(diffs, fmt.Sprintf("field %s:\n got %s\nwant %s", k, g, w))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, "extra field "+k)
		}
	}
	slices.Sort(diffs)
	return strings.Join(diffs, "\n")
}

// toDoc converts an article into the document bleve indexes. Empty values
// are left out, so that they count as missing in facets.
func toDoc(a *corpus.Article) map[string]any {
	d := map[string]any{fieldURL: a.URL}
	setStr := func(k, v string) {
		if v = strings.TrimSpace(v); v != "" {
			d[k] = v
		}
	}
	setStr(fieldTitle, foldText(a.Title))
	setStr(fieldTitleStored, a.Title)
	setStr(fieldDescription, a.Description)
	setStr(fieldText, a.Text)
	// One string rather than a list: bleve records an array position with
	// every term location of a list, which makes phrase queries allocate
	// several times more. A phrase may then run from one part into the
	// next, which costs nothing but an unlikely extra match.
	var body strings.Builder
	for _, s := range [][]string{{a.Description, a.Text}, a.Authors, a.Tags} {
		for _, v := range s {
			if v = strings.TrimSpace(v); v != "" {
				body.WriteString(foldText(v))
				body.WriteString("\n\n")
			}
		}
	}
	// Format 8: an article with a stemmer has its body in its stemmed
	// field only.
	if lang := stemLang(a.Language); lang != "" {
		setStr(fieldStemPrefix+lang, foldText(a.Title)+"\n\n"+body.String())
	} else {
		setStr(fieldBody, body.String())
	}
	setStr(fieldSite, strings.ToLower(a.Site))
	setStr(fieldLang, normalizeLang(a.Language))
	setStr(fieldPageType, pageType(a))
	setStr(fieldSection, foldText(a.Section))
	setStr(fieldSectionFacet, a.Section)

	if authors := nonEmpty(a.Authors); len(authors) > 0 {
		d[fieldAuthor] = foldAll(authors)
		d[fieldAuthorFacet] = authors
	}
	if tags := nonEmpty(a.Tags); len(tags) > 0 {
		d[fieldTag] = foldAll(tags)
		d[fieldTagFacet] = tags
	}
	if flags := nonEmpty(a.Flags); len(flags) > 0 {
		d[fieldFlags] = flags
	}
	if a.Published != nil && !a.Published.IsZero() {
		utc := a.Published.UTC()
		d[fieldPublished] = utc
		d[fieldPublishedRaw] = a.Published.Format(time.RFC3339Nano)
		d[fieldYear] = utc.Format("2006")
		d[fieldMonth] = utc.Format("2006-01")
		d[fieldDay] = utc.Format("2006-01-02")
	}
	return d
}

// foldAll applies foldText to each string of vs.
func foldAll(vs []any) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = foldText(v.(string))
	}
	return out
}

// BenchmarkAnalyze compares making and analyzing the documents of 1,000
// generated articles through bleve's mapping (toDoc) and directly.
func BenchmarkAnalyze(b *testing.B) {
	m, err := newMapping()
	if err != nil {
		b.Fatal(err)
	}
	db, err := newDocBuilder(m, true)
	if err != nil {
		b.Fatal(err)
	}
	arts := benchArticles()[:1000]
	analyze := func(d *document.Document) {
		d.VisitFields(func(f bindex.Field) {
			if f.Options().IsIndexed() {
				f.Analyze()
			}
		})
	}
	b.Run("mapping", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, a := range arts {
				d := document.NewDocument(docID(a.ID))
				if err := m.MapDocument(d, toDoc(a)); err != nil {
					b.Fatal(err)
				}
				analyze(d)
			}
		}
	})
	b.Run("direct", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, a := range arts {
				analyze(db.document(a))
			}
		}
	})
}

// Articles calls fn for the latest version of each article of f.IDs, as
// *corpus.DB does (fakeSource is then the Texts of an on-disk index); it
// ignores the other fields of f.
func (s *fakeSource) Articles(_ context.Context, f corpus.ArticleFilter, fn func(*corpus.Article) error) error {
	for _, id := range f.IDs {
		s.mu.Lock()
		r, ok := s.rows[id]
		s.mu.Unlock()
		if !ok {
			continue
		}
		a := r.a
		if err := fn(&a); err != nil {
			return err
		}
	}
	return nil
}

// TestTermKeys checks that the keys keep their terms' bytes when the
// terms change afterwards and when the buffer moves.
func TestTermKeys(t *testing.T) {
	for name, room := range map[string]int{"room for all": 1 << 10, "buffer moves": 3, "no room": 0} {
		t.Run(name, func(t *testing.T) {
			terms := [][]byte{[]byte("alpha"), []byte("b"), nil, []byte("gamma"), []byte("alpha"), []byte("δέλτα")}
			want := make([]string, len(terms))
			keys := make(termKeys, 0, room)
			got := make([]string, len(terms))
			for i, term := range terms {
				want[i] = string(term)
				got[i] = keys.key(term)
			}
			for _, term := range terms {
				for i := range term {
					term[i] = 'x'
				}
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("key %d: %q, want %q", i, got[i], want[i])
				}
			}
		})
	}
	if n := cap(newTermKeys([][]byte{[]byte("ab"), []byte("cde")}, func(t *[]byte) []byte { return *t })); n != 5 {
		t.Errorf("newTermKeys: room for %d bytes, want 5", n)
	}
}

// TestDocumentsKeepTheirTerms checks that a document's terms (the keys
// of its term maps, which bleve keeps in its batch, and the forward
// index's terms) still hold after the builder has made other documents:
// nothing of one document's analysis may be reused by the next.
func TestDocumentsKeepTheirTerms(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	b, err := newDocBuilder(m, false)
	if err != nil {
		t.Fatal(err)
	}
	type made struct {
		d     *document.Document
		w     *words
		first map[string]string
		fwd   string
	}
	docs := make([]made, 0, 300)
	for i := 1; i <= 300; i++ {
		d, w := b.documentWords(genArticle(i))
		docs = append(docs, made{d: d, w: w, first: docFields(d), fwd: fmt.Sprint(w.fwdDoc())})
	}
	for i, m := range docs {
		if diff := compareDocs(m.first, docFields(m.d)); diff != "" {
			t.Fatalf("article %d changed after the next ones: %s", i+1, diff)
		}
		if fwd := fmt.Sprint(m.w.fwdDoc()); fwd != m.fwd {
			t.Fatalf("article %d: forward terms changed after the next ones", i+1)
		}
	}
}
