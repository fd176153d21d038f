package index

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestStemBodyHits checks index format 8 (no exact body for articles with
// a stemmer) against the oracle (format 7's exact body): the same hits for words, stop words, other forms,
// quoted words, text: words and phrases, on articles written to tempt
// it: a stem that is a stop word ("abouts" -> "about"), Norwegian
// Bokmål, Japanese (no stemmer), an article without a language, French
// elision, a stop word of one language that is a plain word of another.
func TestStemBodyHits(t *testing.T) {
	arts := []*corpus.Article{
		{ID: 1, URL: "https://a.test/1", Title: "Vote count", Language: "en", Text: "The elections were held about the city. Voters said so."},
		{ID: 2, URL: "https://a.test/2", Title: "Notes", Language: "en", Text: "An election is coming to the cities, with abouts and whereabouts."},
		{ID: 3, URL: "https://a.test/3", Title: "Wahl", Language: "de-AT", Text: "Die Wahlen in der Stadt: die Wahl ist vorbei, the end."},
		{ID: 4, URL: "https://a.test/4", Title: "Valg", Language: "nb", Text: "Valget i byen og valgene i landet."},
		{ID: 5, URL: "https://a.test/5", Title: "東京", Language: "ja", Text: "東京の選挙 election results the city"},
		{ID: 6, URL: "https://a.test/6", Title: "Untagged", Text: "Running elections in the city; runs and runner."},
		{ID: 7, URL: "https://a.test/7", Title: "Élection", Language: "fr", Text: "L'élection de la ville et les élections du pays. Die is a word here."},
		{ID: 8, URL: "https://a.test/8", Title: "Plain", Language: "en", Text: "Nothing to see: a die was cast, and the city slept."},
		{ID: 9, URL: "https://a.test/9", Title: "The title only", Language: "en", Text: "Words of a body without that article, about nothing."},
	}
	queries := []string{
		"election", "elections", "Wahl", "wahlen", "valg", "valget", "élection", "elections lang:fr",
		"the", "about", "abouts", "whereabouts", "die", "der", "og", "la",
		"run", "running", "runner", "東京", "選挙", "city", "cities",
		`"election"`, `"elections"`, `"the city"`, `"die wahl"`, `"a die"`, `"about the city"`, `"東京の選挙"`,
		"text:elections", "text:the", "text:about", "text:title", "text:of", "title:the", "text:die", "text:abouts", `text:"the city"`, "body:election",
		"title:wahl", "elections -city", "the city", "election AND city",
	}
	ix, err := Open(filepath.Join(t.TempDir(), "x.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(context.Background(), newFakeSource(arts...)); err != nil {
		t.Fatal(err)
	}
	// The case the mark is for: a stem that is a stop word.
	if got := ix.docs.stems["en"].term("abouts"); got != "about"+stopMark {
		t.Errorf("term(abouts) = %q, want the stop word marked", got)
	}
	if got := ix.docs.stems["en"].term("about"); got != "about" {
		t.Errorf("term(about) = %q, want the stop word as it is", got)
	}
	o := newOracle(ix, arts)
	stems := map[string][]string{}
	for _, q := range queries {
		res := MustSearch(t, ix, Request{Query: q, Limit: 100})
		urls := hitURLs(res)
		slices.Sort(urls)
		stems[q] = urls
		if want := o.hits(o.parse(ix, q)); !slices.Equal(urls, want) {
			t.Errorf("%s: the oracle (format 7's exact body) %v, format 8 %v", q, want, urls)
		}
	}
	// Cases the articles were written for.
	for q, want := range map[string]int{"abouts": 1, "about": 2, "elections": 4, "valg": 1, "die": 3, "東京": 1} {
		if got := len(stems[q]); got != want {
			t.Errorf("%s: %d hits %v, want %d", q, got, stems[q], want)
		}
	}
}

// parse reads the simple queries of TestStemBodyHits as the oracle's:
// words, quoted words and phrases, title:, text:, body: and lang: (all
// or-ed, as bleve's query strings read them), a leading "-" and AND
// between two parts.
func (o *oracle) parse(ix *Index, q string) pred {
	if l, r, ok := strings.Cut(q, " AND "); ok {
		return and(o.parse(ix, l), o.parse(ix, r))
	}
	var should, must []pred
	for _, f := range splitQuoted(q) {
		neg := strings.HasPrefix(f, "-")
		f = strings.TrimPrefix(f, "-")
		field, v, ok := strings.Cut(f, ":")
		if !ok {
			field, v = "", f
		}
		terms := termsOf(ix.m.AnalyzerNamed(analyzerExact), strings.Trim(v, `"`))
		var p pred
		switch {
		case field == "lang":
			p = inLang(v)
		case field == "text" || field == "body":
			p = phrase("body", terms...)
		case field == "title":
			p = phrase("title", terms...)
		case strings.HasPrefix(v, `"`) || len(terms) > 1:
			p = phrase("", terms...)
		default:
			p = o.word(terms[0])
		}
		if neg {
			must = append(must, not(p))
		} else {
			should = append(should, p) // lang: too, as bleve reads it
		}
	}
	return and(append(must, or(should...))...)
}

// splitQuoted splits q at spaces outside double quotes.
func splitQuoted(q string) []string {
	var out []string
	in := false
	start := 0
	for i, r := range q {
		switch {
		case r == '"':
			in = !in
		case r == ' ' && !in:
			if i > start {
				out = append(out, q[start:i])
			}
			start = i + 1
		}
	}
	if start < len(q) {
		out = append(out, q[start:])
	}
	return out
}
