package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
	"unicode"
)

var worst = flag.Int("worst", 0, "log the N worst benchmark pages in TestBenchScore")

// benchDir is the shared extraction benchmark, relative to this package.
const benchDir = "../../../shared/extraction-bench"

type benchPage struct {
	id, url, truth string
	html           []byte
}

// loadBench reads the benchmark pages, skipping the test when the data
// is absent.
func loadBench(tb testing.TB) []benchPage {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(benchDir, "ground-truth.json"))
	if err != nil {
		tb.Skipf("extraction benchmark not available: %v", err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		tb.Fatalf("ground truth: %v", err)
	}
	var pages []benchPage
	for id, g := range gt {
		gz, err := os.ReadFile(filepath.Join(benchDir, "html", id+".html.gz"))
		if err != nil {
			tb.Fatalf("page %s: %v", id, err)
		}
		r, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			tb.Fatalf("page %s: %v", id, err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			tb.Fatalf("page %s: %v", id, err)
		}
		pages = append(pages, benchPage{id: id, url: g.URL, truth: g.ArticleBody, html: b})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].id < pages[j].id })
	return pages
}

// words tokenizes s into runs of Unicode word characters.
func words(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
		if w && start < 0 {
			start = i
		} else if !w && start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func shingles(toks []string) map[string]int {
	m := make(map[string]int)
	if len(toks) == 0 {
		return m
	}
	if len(toks) < 4 {
		m[join(toks)]++
		return m
	}
	for i := 0; i+4 <= len(toks); i++ {
		m[join(toks[i:i+4])]++
	}
	return m
}

func join(t []string) string {
	var b bytes.Buffer
	for i, s := range t {
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(s)
	}
	return b.String()
}

// pageScore is the benchmark score of one page.
type pageScore struct {
	tp, fp, fn float64
	exact      bool
}

// scorePage implements the benchmark README's rule for one page.
func scorePage(truth, pred string) pageScore {
	tt, pt := words(truth), words(pred)
	ts, ps := shingles(tt), shingles(pt)
	var s pageScore
	for k, tc := range ts {
		pc := ps[k]
		s.tp += float64(min(tc, pc))
		if tc > pc {
			s.fn += float64(tc - pc)
		}
	}
	for k, pc := range ps {
		if tc := ts[k]; pc > tc {
			s.fp += float64(pc - tc)
		}
	}
	if sum := s.tp + s.fp + s.fn; sum > 0 {
		s.tp, s.fp, s.fn = s.tp/sum, s.fp/sum, s.fn/sum
	}
	s.exact = len(tt) == len(pt)
	if s.exact {
		for i := range tt {
			if tt[i] != pt[i] {
				s.exact = false
				break
			}
		}
	}
	return s
}

func (s pageScore) precision() float64 {
	if s.fp == 0 && s.fn == 0 {
		return 1
	}
	if s.tp+s.fp == 0 {
		return 0
	}
	return s.tp / (s.tp + s.fp)
}

func (s pageScore) recall() float64 {
	if s.fp == 0 && s.fn == 0 {
		return 1
	}
	if s.tp+s.fn == 0 {
		return 0
	}
	return s.tp / (s.tp + s.fn)
}

// totals computes precision, recall, F1 and accuracy over pages.
func totals(ss []pageScore) (p, r, f1, acc float64) {
	var np, nr, exact int
	for _, s := range ss {
		if s.tp+s.fp > 0 || s.fp == 0 && s.fn == 0 {
			p += s.precision()
			np++
		}
		if s.tp+s.fn > 0 || s.fp == 0 && s.fn == 0 {
			r += s.recall()
			nr++
		}
		if s.exact {
			exact++
		}
	}
	if np > 0 {
		p /= float64(np)
	}
	if nr > 0 {
		r /= float64(nr)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1, float64(exact) / float64(len(ss))
}

func TestScorer(t *testing.T) {
	tests := []struct {
		name, truth, pred string
		p, r              float64
		exact             bool
	}{
		{"same", "one two three four five", "one, two three four five!", 1, 1, true},
		{"empty both", "", "", 1, 1, true},
		{"empty pred", "one two three four", "", 0, 0, false},
		{"extra", "a b c d", "a b c d e", 0.5, 1, false},
		{"short", "a b", "a b", 1, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := scorePage(tt.truth, tt.pred)
			if s.precision() != tt.p || s.recall() != tt.r || s.exact != tt.exact {
				t.Errorf("got p=%v r=%v exact=%v, want %v %v %v", s.precision(), s.recall(), s.exact, tt.p, tt.r, tt.exact)
			}
		})
	}
}

// TestBenchScore scores the extractor on the shared benchmark and fails
// when F1 drops below the target.
func TestBenchScore(t *testing.T) {
	pages := loadBench(t)
	fetched := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	scores := make([]pageScore, len(pages))
	type bad struct {
		id, url string
		f1      float64
		p, r    float64
	}
	var bads []bad
	for i, pg := range pages {
		art, err := Extract(Input{Body: pg.html, URL: pg.url, ContentType: "text/html; charset=utf-8", FetchedAt: fetched})
		if err != nil {
			t.Errorf("%s: %v", pg.id, err)
		}
		scores[i] = scorePage(pg.truth, art.Text)
		s := scores[i]
		f := 0.0
		if s.precision()+s.recall() > 0 {
			f = 2 * s.precision() * s.recall() / (s.precision() + s.recall())
		}
		bads = append(bads, bad{pg.id, pg.url, f, s.precision(), s.recall()})
	}
	p, r, f1, acc := totals(scores)
	t.Logf("pages=%d F1=%.4f precision=%.4f recall=%.4f accuracy=%.4f", len(pages), f1, p, r, acc)
	sort.Slice(bads, func(i, j int) bool { return bads[i].f1 < bads[j].f1 })
	for i := 0; i < *worst && i < len(bads); i++ {
		b := bads[i]
		t.Logf("%.3f p=%.3f r=%.3f %s %s", b.f1, b.p, b.r, b.id[:12], b.url)
	}
	if f1 < 0.95 {
		t.Errorf("F1 %.4f below 0.95", f1)
	}
}

// BenchmarkExtract extracts every benchmark page once per iteration.
func BenchmarkExtract(b *testing.B) {
	pages := loadBench(b)
	fetched := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var size int64
	for _, pg := range pages {
		size += int64(len(pg.html))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, pg := range pages {
			if _, err := Extract(Input{Body: pg.html, URL: pg.url, FetchedAt: fetched}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(pages))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
