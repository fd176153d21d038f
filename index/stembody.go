package index

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Index format 8 (issue 11's option (b)): an article in a language with a
// stemmer has no exact body field; its stemmed field (stem_<lang>) holds
// the title and body with every word, a stop word as it is and any other
// word as its stem, so that the stem term of a word finds every article
// that holds the word or another of its forms, and a stop word's term
// finds the articles that hold it exactly. Articles in a language without
// a stemmer keep the exact body field.

// stopMark marks a stem that is itself a stop word of its language
// ("thes" -> "the" in English, say), so that it does not meet the stop
// word, which the stemmed field keeps as it is.
const stopMark = "\x00"

// filterKeepStop is the type of the token filters that end the stemmed
// fields' analyzers (stemFieldAnalyzer): each runs its language's
// analyzer's token filters (stemAnalyzers) on every token, one at a time,
// and keeps the token as it is where they drop it (a stop word).
const filterKeepStop = "archivist_keep_stop"

// stemFieldAnalyzer returns the name of the analyzer of lang's stemmed
// field: the exact analysis, then lang's filters with stop words kept
// (filterKeepStop). The documents' stemmed fields are made by docBuilder
// from the same filters; the mapping's analyzer is what bleve itself runs
// on a query's text for the field.
func stemFieldAnalyzer(lang string) string { return "archivist_stem_field_" + lang }

// keepStop is the token filter of type filterKeepStop. Its language's
// filters are looked up by the analyzer's name when first used: bleve
// defines a stored mapping's token filters before its analyzers.
type keepStop struct {
	cache    *registry.Cache
	analyzer string

	once  sync.Once
	chain []analysis.TokenFilter
	err   error
}

// filters returns the token filters of k's language.
func (k *keepStop) filters() ([]analysis.TokenFilter, error) {
	k.once.Do(func() {
		a, err := k.cache.AnalyzerNamed(k.analyzer)
		if err != nil {
			k.err = fmt.Errorf("analyzer %s: %w", k.analyzer, err)
			return
		}
		da, ok := a.(*analysis.DefaultAnalyzer)
		if !ok || len(da.CharFilters) > 0 {
			k.err = fmt.Errorf("analyzer %s: want a tokenizer and token filters", k.analyzer)
			return
		}
		k.chain = da.TokenFilters
	})
	return k.chain, k.err
}

// Filter replaces each token's term by its term in the stemmed field
// (stemTerm). Tokens are left as they are if the language's analyzer is
// missing, which newDocBuilder reports when the index is opened.
func (k *keepStop) Filter(ts analysis.TokenStream) analysis.TokenStream {
	chain, err := k.filters()
	if err != nil {
		return ts
	}
	for _, t := range ts {
		stem, stop := stemOne(chain, t.Term)
		if !stop {
			t.Term = stem
		}
	}
	return ts
}

var registerKeepStopOnce sync.Once

// registerKeepStop adds filterKeepStop to bleve's registry of token
// filter types, once per process.
func registerKeepStop() {
	registerKeepStopOnce.Do(func() {
		registry.RegisterTokenFilter(filterKeepStop, func(config map[string]any, cache *registry.Cache) (analysis.TokenFilter, error) {
			name, ok := config["analyzer"].(string)
			if !ok || name == "" {
				return nil, fmt.Errorf("%s: want the name of an analyzer", filterKeepStop)
			}
			return &keepStop{cache: cache, analyzer: name}, nil
		})
	})
}

// stemOne runs filters on the word w, in a token of its own (some
// filters change the term in place), and returns its stem, marked with
// stopMark when the stem is itself a stop word; stop is true when the
// filters drop w (a stop word), and stem is then nil.
func stemOne(filters []analysis.TokenFilter, w []byte) (stem []byte, stop bool) {
	one := runFilters(filters, w)
	if len(one) != 1 {
		return nil, true
	}
	t := one[0].Term
	stem = t[:len(t):len(t)]
	if len(runFilters(filters, stem)) == 0 {
		stem = append(stem, stopMark...)
	}
	return stem, false
}

// runFilters runs filters on a token holding a copy of w.
func runFilters(filters []analysis.TokenFilter, w []byte) analysis.TokenStream {
	one := analysis.TokenStream{&analysis.Token{Term: append([]byte(nil), w...), Position: 1, End: len(w), Type: analysis.AlphaNumeric}}
	for _, f := range filters {
		one = f.Filter(one)
	}
	return one
}
