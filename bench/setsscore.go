package main

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"sort"
	"strings"
	"sync"

	"github.com/archivist-project/archivist/bench/score"
	"github.com/archivist-project/archivist/bench/split"
)

// pageOutcome is one extractor's result on one page, scored.
type pageOutcome struct {
	Words    score.Words
	Shingles score.Page // when the set has full bodies
	Empty    bool       // no word token extracted
	NWords   int        // word tokens extracted (score.Tokens)
	Err      string
	With     score.Snippets
	Without  score.Snippets
	Missed   []string // with snippets not found
	Leaked   []string // without snippets found
	PageType string   // the extractor's page type, "" when it has none
	DateOK   bool     // the expected day (or no date where none is expected)
	DateGot  string   // the day found, YYYY-MM-DD, "" for none
	DatePrec string   // the found date's precision (day, minute, second), where the extractor tells
	Text     string   // kept for -show only

	// WithFolded and WithoutFolded count the same snippets spelled as
	// score.FoldSpelling writes them (informational).
	WithFolded, WithoutFolded score.Snippets
}

// scorePage runs x on p and scores the result.
func scorePage(s benchSet, p *setPage, x setExtractor) pageOutcome {
	r, err := safeSetExtract(x, p)
	var o pageOutcome
	if err != nil {
		o.Err = err.Error()
		r = setResult{}
	}
	o.Text, o.PageType = r.Text, r.PageType
	o.NWords = len(score.Tokens(r.Text))
	o.Empty = o.NWords == 0
	if p.HasBody {
		o.Words = score.ScoreWords(r.Text, p.Body)
		if s.Shingles {
			o.Shingles = score.ScorePage(r.Text, p.Body)
		}
	}
	o.With, _, o.Missed = score.FindSnippets(r.Text, p.With)
	o.Without, o.Leaked, _ = score.FindSnippets(r.Text, p.Without)
	o.WithFolded, o.WithoutFolded = score.CountFolded(r.Text, p.With), score.CountFolded(r.Text, p.Without)
	if p.HasDate {
		got := ""
		if !r.Published.IsZero() {
			got = r.Published.Format("2006-01-02")
		}
		o.DateOK, o.DateGot = got == p.Date, got
		if got != "" {
			o.DatePrec = r.PublishedPrecision
		}
	}
	return o
}

// unlabelled is the label of pages whose set gives no page type, in the
// tally of an extractor's page types.
const unlabelled = "unlabelled"

// halfScore is one extractor's scores on one half of one set.
type halfScore struct {
	Set       string              `json:"set"`
	Half      string              `json:"half"`
	Extractor string              `json:"extractor"`
	Pages     int                 `json:"pages"`
	Sites     int                 `json:"sites"`
	Words     *score.WordsSummary `json:"words,omitempty"`    // sets with reference bodies
	Shingles  *score.Summary      `json:"shingles,omitempty"` // sets with full article bodies
	Empty     int                 `json:"empty"`              // pages with no word extracted
	Errors    int                 `json:"errors"`
	With      score.Snippets      `json:"with"`
	Without   score.Snippets      `json:"without"`
	DatePages int                 `json:"date_pages"` // pages with a date truth
	DateOK    int                 `json:"date_ok"`
	// PerType is the word score per labelled page type (page-types).
	PerType map[string]score.WordsSummary `json:"per_type,omitempty"`
	// Types counts, per labelled type, the extractor's page types
	// (extractors that have one).
	Types map[string]map[string]int `json:"types,omitempty"`

	// WithFolded and WithoutFolded: the snippets found when both sides
	// are spelled as score.FoldSpelling writes them (informational).
	WithFolded    score.Snippets `json:"with_folded"`
	WithoutFolded score.Snippets `json:"without_folded"`
}

// setsReport is the whole output of the sets command.
type setsReport struct {
	Command  string         `json:"command"`
	Commit   string         `json:"commit"`
	Sets     []setInfo      `json:"sets"`
	Scores   []halfScore    `json:"scores"`
	Speed    *speedLine     `json:"speed,omitempty"`
	Failures []failureBlock `json:"failures,omitempty"`
}

// setInfo describes one loaded set.
type setInfo struct {
	Name     string         `json:"name"`
	Pages    map[string]int `json:"pages"` // per half
	Sites    map[string]int `json:"sites"` // per half
	Shingles bool           `json:"shingles"`
}

// halves lists the halves in report order.
var halves = []string{split.Tune, split.Check}

// outcomes holds, per set, each extractor's page outcomes, in the order
// of the extractors and of the set's pages.
type outcomes map[string][][]pageOutcome

// scoreSets runs every extractor on every page of every set and sums the
// scores per set, half and extractor. It also returns the per-page
// outcomes, for -failures, which lists only the tuning half's.
func scoreSets(ctx context.Context, sets []benchSet, xs []setExtractor, workers int, stderr io.Writer) (setsReport, outcomes, error) {
	var rep setsReport
	all := make(outcomes)
	for _, s := range sets {
		info := setInfo{Name: s.Name, Pages: map[string]int{}, Sites: map[string]int{}, Shingles: s.Shingles}
		sites := map[string]map[string]bool{split.Tune: {}, split.Check: {}}
		for _, p := range s.Pages {
			info.Pages[p.Half]++
			sites[p.Half][p.Site] = true
		}
		for _, h := range halves {
			info.Sites[h] = len(sites[h])
		}
		rep.Sets = append(rep.Sets, info)
		outs := make([][]pageOutcome, len(xs))
		for xi, x := range xs {
			fmt.Fprintf(stderr, "bench sets: %s: %s on %d pages\n", s.Name, x.Name, len(s.Pages))
			var err error
			if outs[xi], err = scoreAll(ctx, s, x, workers); err != nil {
				return rep, nil, err
			}
			for _, h := range halves {
				rep.Scores = append(rep.Scores, sumHalf(s, h, x.Name, outs[xi], info.Sites[h]))
			}
		}
		all[s.Name] = outs
	}
	return rep, all, nil
}

// scoreAll scores x on every page of s with the given number of
// goroutines; the outcomes are in page order whatever the number.
func scoreAll(ctx context.Context, s benchSet, x setExtractor, workers int) ([]pageOutcome, error) {
	outs := make([]pageOutcome, len(s.Pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				o := scorePage(s, &s.Pages[i], x)
				o.Text = ""
				outs[i] = o
			}
		}()
	}
	var err error
	for i := range s.Pages {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err != nil {
		return nil, fmt.Errorf("score %s: %w", s.Name, err)
	}
	return outs, nil
}

// sumHalf sums one extractor's outcomes over the pages of one half.
func sumHalf(s benchSet, half, name string, outs []pageOutcome, sites int) halfScore {
	hs := halfScore{Set: s.Name, Half: half, Extractor: name, Sites: sites}
	var words []score.Words
	var shingles []score.Page
	perType := map[string][]score.Words{}
	types := map[string]map[string]int{}
	for i, p := range s.Pages {
		if p.Half != half {
			continue
		}
		o := outs[i]
		hs.Pages++
		if o.Empty {
			hs.Empty++
		}
		if o.Err != "" {
			hs.Errors++
		}
		hs.With.Add(o.With)
		hs.Without.Add(o.Without)
		hs.WithFolded.Add(o.WithFolded)
		hs.WithoutFolded.Add(o.WithoutFolded)
		if p.HasBody {
			words = append(words, o.Words)
			perType[p.PageType] = append(perType[p.PageType], o.Words)
		}
		if s.Shingles {
			shingles = append(shingles, o.Shingles)
		}
		if p.HasDate {
			hs.DatePages++
			if o.DateOK {
				hs.DateOK++
			}
		}
		if o.PageType != "" {
			label := p.PageType
			if label == "" {
				label = unlabelled
			}
			if types[label] == nil {
				types[label] = map[string]int{}
			}
			types[label][o.PageType]++
		}
	}
	if len(words) > 0 {
		w := score.SummarizeWords(words)
		hs.Words = &w
	}
	if len(shingles) > 0 {
		sh := score.Summarize(shingles)
		hs.Shingles = &sh
	}
	if len(perType) > 1 {
		hs.PerType = map[string]score.WordsSummary{}
		for t, ws := range perType {
			hs.PerType[t] = score.SummarizeWords(ws)
		}
	}
	if len(types) > 0 {
		hs.Types = types
	}
	return hs
}

// failureBlock lists the worst tuning-half pages of one set for one
// extractor.
type failureBlock struct {
	Set       string        `json:"set"`
	Extractor string        `json:"extractor"`
	Pages     []failureLine `json:"pages"`
}

// failureLine is one tuning-half page in a failure list.
type failureLine struct {
	ID      string   `json:"id"`
	Site    string   `json:"site"`
	URL     string   `json:"url"`
	Type    string   `json:"type,omitempty"`
	Got     string   `json:"got_type,omitempty"`
	WordF1  *float64 `json:"word_f1,omitempty"`    // sets with a reference body
	Shingle *float64 `json:"shingle_f1,omitempty"` // sets with full article bodies
	Empty   bool     `json:"empty"`
	Err     string   `json:"error,omitempty"`
	Missed  []string `json:"missed_with,omitempty"`
	Leaked  []string `json:"found_without,omitempty"`
	// MissedAt and LeakedAt say where each of Missed and Leaked sits in
	// the page's markup (snippetPlace), with -places.
	MissedAt []string `json:"missed_at,omitempty"`
	LeakedAt []string `json:"found_at,omitempty"`
	DateOK   *bool    `json:"date_ok,omitempty"`
	Date     string   `json:"date,omitempty"` // "want W, got G" when wrong
	badness  float64
	page     *setPage
}

// collectFailures returns, per set and extractor, the n worst pages of
// the tuning half: lowest word F1 first where the set has bodies, then
// the most snippet errors, then a wrong date. Check-half pages are
// never listed (tuneOnly). With places, each listed page's snippets are
// placed in its markup (placeSnippets).
func collectFailures(sets []benchSet, xs []setExtractor, all outcomes, n int, places bool) []failureBlock {
	var blocks []failureBlock
	for _, s := range sets {
		outs := all[s.Name]
		for xi, x := range xs {
			var lines []failureLine
			for i := range s.Pages {
				p := &s.Pages[i]
				if tuneOnly(s.Name, p) != nil {
					continue
				}
				o := outs[xi][i]
				l := failureLine{ID: p.ID, Site: p.Site, URL: p.URL, Type: p.PageType, Got: o.PageType,
					Empty: o.Empty, Err: o.Err, Missed: o.Missed, Leaked: o.Leaked, page: p}
				bad := float64(len(o.Missed) + len(o.Leaked))
				if p.HasBody {
					bad += 10 * (1 - o.Words.F1)
					l.WordF1 = &o.Words.F1
				}
				if s.Shingles {
					f := o.Shingles.F1()
					l.Shingle = &f
				}
				if p.HasDate {
					ok := o.DateOK
					l.DateOK = &ok
					if !ok {
						bad++
						l.Date = fmt.Sprintf("want %q, got %q", p.Date, o.DateGot)
					}
				}
				if bad == 0 {
					continue
				}
				l.badness = bad
				lines = append(lines, l)
			}
			sort.SliceStable(lines, func(i, j int) bool { return lines[i].badness > lines[j].badness })
			if len(lines) > n {
				lines = lines[:n]
			}
			if places {
				placeSnippets(lines)
			}
			blocks = append(blocks, failureBlock{Set: s.Name, Extractor: x.Name, Pages: lines})
		}
	}
	return blocks
}

// placeSnippets fills MissedAt and LeakedAt of lines, tuning-half pages
// (collectFailures lists no other), each page parsed once.
func placeSnippets(lines []failureLine) {
	for i := range lines {
		l := &lines[i]
		if len(l.Missed) == 0 && len(l.Leaked) == 0 {
			continue
		}
		doc := parsePage(l.page.HTML)
		if doc == nil {
			continue
		}
		for _, s := range l.Missed {
			l.MissedAt = append(l.MissedAt, snippetPlace(doc, s))
		}
		for _, s := range l.Leaked {
			l.LeakedAt = append(l.LeakedAt, snippetPlace(doc, s))
		}
	}
}

// runGit runs git in the current directory and returns its output.
func runGit(args ...string) (string, error) {
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return string(out), nil
}
