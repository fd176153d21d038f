package index

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/quote"
)

// Texts reads articles from the corpus (implemented by *corpus.DB). An
// on-disk index does not keep the text and description of articles, which
// would be a fifth of its size: Search reads them from Texts to build
// snippets, with one query for all its hits.
type Texts interface {
	Articles(ctx context.Context, f corpus.ArticleFilter, fn func(*corpus.Article) error) error
}

// ReadTextsFrom sets where Search reads the text of its hits for snippets
// (see Texts). Without it, hits from an on-disk index get no snippet (an
// index made by NewMemOnly keeps the text itself).
func (ix *Index) ReadTextsFrom(t Texts) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.texts = t
}

// hitText is the text and description of a hit.
type hitText struct{ text, desc string }

// hitTexts returns the text and description of the articles of hits, by
// bleve document id, read from ix.texts; nil when there is nothing to read
// them from, or when the index stores them. An article missing from the
// corpus (deleted since it was indexed) has none. The caller holds ix.mu.
func (ix *Index) hitTexts(ctx context.Context, hits search.DocumentMatchCollection) (map[string]hitText, error) {
	if ix.texts == nil || ix.docs.storeText || len(hits) == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, len(hits))
	for _, h := range hits {
		if id, err := strconv.ParseInt(h.ID, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	out := make(map[string]hitText, len(ids))
	err := ix.texts.Articles(ctx, corpus.ArticleFilter{IDs: ids}, func(a *corpus.Article) error {
		out[docID(a.ID)] = hitText{a.Text, a.Description}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: read the text of hits: %w", err)
	}
	return out, nil
}

// textOf returns the text and description of hit h: from texts (made by
// hitTexts) when it is not nil, else from the index's stored fields.
func textOf(h *search.DocumentMatch, texts map[string]hitText) (text, desc string) {
	if texts != nil {
		t := texts[h.ID]
		return t.text, t.desc
	}
	return fieldString(h.Fields[fieldText]), fieldString(h.Fields[fieldDescription])
}

// snippetRunes is the target length of a snippet, in characters.
const snippetRunes = 200

// contextBefore caps the characters of context shown before the first
// match of a snippet.
const contextBefore = 60

// marker is a snippet marking style.
type marker struct {
	open, close string
	escape      func(string) string
}

func markerFor(style string) (marker, error) {
	same := func(s string) string { return s }
	switch style {
	case "", HighlightHTML:
		return marker{"<mark>", "</mark>", html.EscapeString}, nil
	case HighlightANSI:
		return marker{"\x1b[1m", "\x1b[0m", same}, nil
	case HighlightPlain:
		return marker{"[", "]", same}, nil
	case HighlightNone:
		return marker{"", "", same}, nil
	}
	return marker{}, badQuery("unknown highlight %s (want html, ansi, plain or none)", quote.Short(style))
}

// span is a match in a text: bytes [start, end), and the query term it
// matched (to count distinct terms).
type span struct {
	start, end int
	key        string
}

// snippet returns about snippetRunes characters of text around its best
// group of matches. When the text has no match it uses the description
// (marked if it matches), or else the start of the text.
func (ix *Index) snippet(text, desc, lang string, mt *matcher, mk marker) string {
	if !mt.empty() {
		if spans := ix.findMatches(text, lang, mt); len(spans) > 0 {
			return window(text, spans, mk)
		}
		if spans := ix.findMatches(desc, lang, mt); len(spans) > 0 {
			return window(desc, spans, mk)
		}
	}
	if strings.TrimSpace(desc) != "" {
		return window(desc, nil, mk)
	}
	return window(text, nil, mk)
}

// findMatches returns the spans of text, an article in language lang, that
// match mt, sorted by start.
func (ix *Index) findMatches(text, lang string, mt *matcher) []span {
	if text == "" {
		return nil
	}
	toks := ix.m.AnalyzerNamed(analyzerExact).Analyze([]byte(text))
	for _, t := range toks {
		// Index and query text went through foldText; the stored text
		// did not.
		if bytes.IndexFunc(t.Term, isArabic) >= 0 || bytes.IndexFunc(t.Term, isApostrophe) >= 0 {
			t.Term = []byte(foldText(string(t.Term)))
		}
	}
	spans := termSpans(nil, toks, mt)
	spans = phraseSpans(spans, toks, mt)
	spans = ix.stemSpans(spans, toks, lang, mt)
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	return spans
}

// termSpans appends the tokens that match one of mt's words exactly, a
// wildcard or regexp pattern, or a fuzzy term.
func termSpans(spans []span, toks analysis.TokenStream, mt *matcher) []span {
	for _, t := range toks {
		if mt.exact[string(t.Term)] {
			spans = append(spans, span{t.Start, t.End, string(t.Term)})
			continue
		}
		if len(mt.patterns) == 0 && len(mt.fuzzy) == 0 {
			continue
		}
		term := string(t.Term)
		for _, re := range mt.patterns {
			if re.MatchString(term) {
				spans = append(spans, span{t.Start, t.End, re.String()})
				break
			}
		}
		for _, f := range mt.fuzzy {
			if levenshtein(term, f.term, f.dist) <= f.dist {
				spans = append(spans, span{t.Start, t.End, "~" + f.term})
				break
			}
		}
	}
	return spans
}

// phraseSpans appends each run of tokens, at consecutive positions, that
// spells one of mt's phrases.
func phraseSpans(spans []span, toks analysis.TokenStream, mt *matcher) []span {
	for _, p := range mt.phrases {
		key := strings.Join(p, " ")
	next:
		for i := 0; i+len(p) <= len(toks); i++ {
			for k, w := range p {
				t := toks[i+k]
				if string(t.Term) != w || t.Position != toks[i].Position+k {
					continue next
				}
			}
			spans = append(spans, span{toks[i].Start, toks[i+len(p)-1].End, key})
		}
	}
	return spans
}

// stemSpans appends the tokens whose stem, in the article's language, is one
// of mt's stems. Only the words that could have a query stem (those starting
// with the same letter) are stemmed, each once per query (mt.stemmed).
func (ix *Index) stemSpans(spans []span, toks analysis.TokenStream, lang string, mt *matcher) []span {
	sl := stemLang(lang)
	stems := mt.stems[sl]
	if len(stems) == 0 {
		return spans
	}
	stemmer := ix.m.AnalyzerNamed(stemAnalyzers[sl])
	memo := mt.stemmed[sl]
	if memo == nil {
		memo = map[string][]string{}
		mt.stemmed[sl] = memo
	}
	for _, t := range toks {
		if mt.exact[string(t.Term)] || !mt.stemCandidate(sl, t.Term) {
			continue
		}
		keys, seen := memo[string(t.Term)]
		if !seen {
			for _, st := range stemmer.Analyze(t.Term) {
				if term := string(st.Term); stems[term] {
					keys = append(keys, "stem:"+term)
				}
			}
			memo[string(t.Term)] = keys
		}
		for _, key := range keys {
			spans = append(spans, span{t.Start, t.End, key})
		}
	}
	return spans
}

// window renders the best snippet of text for spans (sorted by start); with
// no spans, the start of text.
func window(text string, spans []span, mk marker) string {
	if len(spans) == 0 {
		end := cutAfter(text, 0, snippetRunes)
		return render(text, 0, end, nil, mk)
	}

	// Find the run of spans fitting in snippetRunes with the most
	// distinct terms, then the most matches; the earliest on ties.
	bestI, bestJ, bestScore := 0, 0, -1
	keys := map[string]int{}
	j := 0
	for i := range spans {
		if j < i {
			j = i
		}
		for j < len(spans) && (j == i || utf8.RuneCountInString(text[spans[i].start:max(spans[i].end, spans[j].end)]) <= snippetRunes) {
			keys[spans[j].key]++
			j++
		}
		if score := len(keys)*1000 + (j - i); score > bestScore {
			bestI, bestJ, bestScore = i, j, score
		}
		if keys[spans[i].key]--; keys[spans[i].key] == 0 {
			delete(keys, spans[i].key)
		}
	}
	mStart, mEnd := spans[bestI].start, spans[bestI].end
	for _, s := range spans[bestI:bestJ] {
		mEnd = max(mEnd, s.end)
	}

	rest := max(snippetRunes-utf8.RuneCountInString(text[mStart:mEnd]), 0)
	// Context goes mostly after the matches; what the end of the text
	// leaves unused goes before them.
	before := min(rest/2, contextBefore)
	if after := utf8.RuneCountInString(text[mEnd:min(len(text), mEnd+4*rest)]); after < rest-before {
		before = rest - after
	}
	start := cutBefore(text, mStart, before)
	used := utf8.RuneCountInString(text[start:mStart])
	end := cutAfter(text, mEnd, rest-used)
	return render(text, start, end, spans, mk)
}

// cutBefore returns a start offset about n characters before pos: at the
// start of the paragraph if it is that close, else after a space.
func cutBefore(text string, pos, n int) int {
	start := pos
	for i := 0; i < n && start > 0; i++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	if start == 0 {
		return 0
	}
	if k := strings.LastIndexByte(text[start:pos], '\n'); k >= 0 {
		return start + k + 1
	}
	if k := strings.IndexFunc(text[start:pos], unicode.IsSpace); k >= 0 {
		return start + k + 1
	}
	return start
}

// cutAfter returns an end offset about n characters after pos, before a
// space when there is one to cut at.
func cutAfter(text string, pos, n int) int {
	end := pos
	for i := 0; i < n && end < len(text); i++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	if end >= len(text) {
		return len(text)
	}
	if k := strings.LastIndexFunc(text[pos:end], unicode.IsSpace); k > 0 {
		return pos + k
	}
	return end
}

// render writes text[start:end] with the spans inside it marked, white
// space collapsed, control characters dropped, and "…" where the text was
// cut.
func render(text string, start, end int, spans []span, mk marker) string {
	var b strings.Builder
	if start > 0 && text[start-1] != '\n' {
		b.WriteString("…")
	}
	pos := start
	for k := 0; k < len(spans); k++ {
		s := spans[k]
		if s.start < pos || s.end > end {
			continue
		}
		// Merge overlapping matches into one mark.
		for k+1 < len(spans) && spans[k+1].start < s.end {
			k++
			if spans[k].end <= end {
				s.end = max(s.end, spans[k].end)
			}
		}
		b.WriteString(mk.escape(clean(text[pos:s.start])))
		b.WriteString(mk.open)
		b.WriteString(mk.escape(clean(text[s.start:s.end])))
		b.WriteString(mk.close)
		pos = s.end
	}
	b.WriteString(mk.escape(clean(text[pos:end])))
	out := strings.TrimSpace(b.String())
	if end < len(text) && strings.TrimSpace(text[end:]) != "" {
		out += "…"
	}
	return out
}

// clean collapses runs of white space into one space and drops control
// characters (which could drive a terminal).
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r) || r == utf8.RuneError:
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// levenshtein returns the edit distance between a and b, or limit+1 as soon
// as it is known to exceed limit.
func levenshtein(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
