package extract

// The choice model's training program. It learns the weights in
// choice_weights_test.go from the tuning half of shared/page-types and
// rewrites that file:
//
//	go test ./scraper/extract/ -run TestTrainChoice -train-choice -v
//
// Without -train-choice the test is skipped. Every page the extractor
// does not take for an article gives one example: its choice features
// and the word F1 of each candidate text against the page's reference.
// The L2 penalty is chosen by cross-validation grouped by site on the
// tuning half (five folds, a site's pages all in one fold); the check
// half is scored once, as totals per type.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

var choiceCands = flag.String("choice-cands", "body,model,model_low,model_high,prose,main", "the candidates the choice model may pick besides the rule's")

var choiceOut = flag.String("choice-out", "choice_weights_test.go", "where the choice model's trainer writes the weights")

var trainChoice = flag.Bool("train-choice", false, "learn the choice between candidate texts from shared/page-types and rewrite choice_weights_test.go")

// choicePage is one training example.
type choicePage struct {
	id, site, half, typ string
	feats               []float64
	f1                  [nCand]float64
	now                 float64 // word F1 of the text the rule before the choice model took
	nowK                int     // the candidate the rule before took
	with, without       [nCand]int
	nWith, nWithout     int
}

// snipWeight weighs the snippets in the training target: a candidate's
// word F1 plus snipWeight times (share of `with` snippets found less share
// of `without` snippets found).
var snipWeight = flag.Float64("choice-snippets", 0.5, "weight of the snippets in the choice model's target")

// target is what the choice model learns to estimate for candidate k.
func (p *choicePage) target(k int) float64 {
	y := p.f1[k]
	if p.nWith > 0 {
		y += *snipWeight * float64(p.with[k]) / float64(p.nWith)
	}
	if p.nWithout > 0 {
		y -= *snipWeight * float64(p.without[k]) / float64(p.nWithout)
	}
	return y
}

// found counts the snippets contained in text, white space collapsed.
func found(text string, snippets []string) int {
	norm := strings.Join(strings.Fields(text), " ")
	n := 0
	for _, s := range snippets {
		if s = strings.Join(strings.Fields(s), " "); s != "" && strings.Contains(norm, s) {
			n++
		}
	}
	return n
}

func countSnippets(snippets []string) int {
	n := 0
	for _, s := range snippets {
		if strings.TrimSpace(s) != "" {
			n++
		}
	}
	return n
}

// loadChoicePages extracts every page-types page and keeps those the
// extractor does not take for articles.
func loadChoicePages(tb testing.TB) []choicePage {
	dir := filepath.Join(sharedDir(tb), "page-types")
	truth := readTruth(tb, dir)
	sites, halves := readSplitSites(tb, "../../bench/splits/page-types.tsv")
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []choicePage
	for _, id := range ids {
		t := truth[id]
		body, err := readGz(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			tb.Fatal(err)
		}
		cp, ok := choiceExample(body, t.URL, t)
		if !ok {
			continue
		}
		cp.id, cp.site, cp.half, cp.typ = id, sites[id], halves[id], t.Type
		out = append(out, cp)
	}
	return out
}

type truthPage struct {
	URL     string   `json:"url"`
	Type    string   `json:"page_type"`
	Body    string   `json:"articleBody"`
	With    []string `json:"with"`
	Without []string `json:"without"`
}

func readTruth(tb testing.TB, dir string) map[string]truthPage {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var truth map[string]truthPage
	if err := json.Unmarshal(raw, &truth); err != nil {
		tb.Fatal(err)
	}
	return truth
}

// choiceExample extracts one page as Extract does (without the
// <noscript> second try) and, when it is not an article, returns its
// example.
func choiceExample(body []byte, url string, ref truthPage) (choicePage, bool) {
	d, err := Parse(Input{Body: body, URL: url, ContentType: "text/html; charset=utf-8"}, Options{})
	if err != nil {
		return choicePage{}, false
	}
	art, cp, noscript := choiceOn(d, d.root, ref)
	if art.WordCount < ShortWords && noscript >= 400 {
		// As extractArticle: the page read again with scripting off.
		if root, err := html.ParseWithOptions(bytes.NewReader(d.html), html.ParseOptionEnableScripting(false)); err == nil {
			if alt, altCP, _ := choiceOn(d, root, ref); alt.WordCount > art.WordCount*2 && alt.WordCount >= 50 {
				art, cp = alt, altCP
			}
		}
	}
	if !slices.Contains(art.Flags, corpus.FlagNotArticle) {
		return choicePage{}, false
	}
	return cp, true
}

// choiceOn extracts the tree root as Document.article does and returns
// the article, the choice example and the <noscript> markup read as text.
func choiceOn(d *Document, root *html.Node, ref truthPage) (corpus.Article, choicePage, int) {
	art := d.art
	p := newPage(goquery.NewDocumentFromNode(root), d.base, d.fetched)
	defer p.release()
	p.extract(d.opts)
	p.fill(&art, d.opts)
	c := p.candidateTexts()
	cp := choicePage{feats: p.choiceFeatures(c, p.typeProbs())}
	cp.nWith, cp.nWithout = countSnippets(ref.With), countSnippets(ref.Without)
	for k := range c.text {
		cp.f1[k] = pageF1(c.text[k], ref.Body)
		cp.with[k], cp.without[k] = found(c.text[k], ref.With), found(c.text[k], ref.Without)
	}
	cp.nowK = candBody
	if cp.feats[cfRule] > 0 {
		cp.nowK = candModel
	}
	cp.now = cp.f1[cp.nowK]
	return art, cp, p.noscript
}

func readSplitSites(tb testing.TB, path string) (sites, halves map[string]string) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sites, halves = map[string]string{}, map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) == 3 && !strings.HasPrefix(fs[0], "#") {
			sites[fs[0]], halves[fs[0]] = fs[1], fs[2]
		}
	}
	return sites, halves
}

// fitChoice learns one ridge regression per candidate: its target less
// that of the text the rule before took (the body, or the model's text
// when it holds half as much again), from the page's features, so that
// the penalty shrinks every estimate towards the rule.
func fitChoice(pages []choicePage, l2 float64) [nCand][nChoice]float64 {
	var w [nCand][nChoice]float64
	allowed := strings.Split(*choiceCands, ",")
	for k := 0; k < nCand; k++ {
		if !slices.Contains(allowed, candNames[k]) {
			continue // zero weights: never above the margin
		}
		a := make([][]float64, nChoice)
		b := make([]float64, nChoice)
		for i := range a {
			a[i] = make([]float64, nChoice)
			if i != cfBias {
				a[i][i] = l2 * float64(len(pages))
			}
		}
		for _, p := range pages {
			for i, xi := range p.feats {
				b[i] += xi * (p.target(k) - p.target(p.nowK))
				for j, xj := range p.feats {
					a[i][j] += xi * xj
				}
			}
		}
		copy(w[k][:], solve(a, b))
	}
	return w
}

// solve solves a x = b by Gaussian elimination with partial pivoting
// (a is symmetric positive definite once penalised).
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	for c := 0; c < n; c++ {
		piv := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[piv][c]) {
				piv = r
			}
		}
		a[c], a[piv] = a[piv], a[c]
		b[c], b[piv] = b[piv], b[c]
		if math.Abs(a[c][c]) < 1e-12 {
			continue
		}
		for r := c + 1; r < n; r++ {
			m := a[r][c] / a[c][c]
			for k := c; k < n; k++ {
				a[r][k] -= m * a[c][k]
			}
			b[r] -= m * b[c]
		}
	}
	x := make([]float64, n)
	for c := n - 1; c >= 0; c-- {
		if math.Abs(a[c][c]) < 1e-12 {
			continue
		}
		s := b[c]
		for k := c + 1; k < n; k++ {
			s -= a[c][k] * x[k]
		}
		x[c] = s / a[c][c]
	}
	return x
}

// fold puts a site in one of five folds.
func fold(site string) int {
	h := fnv.New32a()
	h.Write([]byte(site))
	return int(h.Sum32() % 5)
}

// choiceScores is the mean word F1 per type (and "all") of the
// candidates pick chooses, with the shares of `with` and `without`
// snippets found ("with", "without") and the objective the penalty and
// margin are chosen on ("goal": all plus snipWeight times with less
// without).
func choiceScores(pages []choicePage, pick func(p *choicePage) int) map[string]float64 {
	sum, n := map[string]float64{}, map[string]float64{}
	var w, wo, nw, nwo int
	for i := range pages {
		p := &pages[i]
		k := pick(p)
		sum[p.typ] += p.f1[k]
		n[p.typ]++
		sum["all"] += p.f1[k]
		n["all"]++
		w, wo, nw, nwo = w+p.with[k], wo+p.without[k], nw+p.nWith, nwo+p.nWithout
	}
	for k := range sum {
		sum[k] /= n[k]
	}
	sum["with"] = float64(w) / float64(max(1, nw))
	sum["without"] = float64(wo) / float64(max(1, nwo))
	sum["goal"] = sum["all"] + *snipWeight*(sum["with"]-sum["without"])
	return sum
}

// outOfFold scores the tuning pages under choosers learned on the other
// folds.
func outOfFold(pages []choicePage, l2, margin float64) map[string]float64 {
	got := make(map[string]int, len(pages))
	for f := 0; f < 5; f++ {
		var train []choicePage
		for _, p := range pages {
			if fold(p.site) != f {
				train = append(train, p)
			}
		}
		w := fitChoice(train, l2)
		for _, p := range pages {
			if fold(p.site) == f {
				got[p.id] = chooseCandidate(&w, p.feats, margin)
			}
		}
	}
	return choiceScores(pages, func(p *choicePage) int { return got[p.id] })
}

func TestTrainChoice(t *testing.T) {
	if !*trainChoice {
		t.Skip("run with -train-choice to learn the choice between candidate texts")
	}
	pages := loadChoicePages(t)
	var tune, check []choicePage
	for _, p := range pages {
		if p.half == "tune" {
			tune = append(tune, p)
		} else {
			check = append(check, p)
		}
	}
	t.Logf("%d tuning pages, %d check pages not taken for articles", len(tune), len(check))
	t.Logf("tune, the rule before (model text when half as long again as the body): %s", fmtScores(choiceScores(tune, func(p *choicePage) int { return p.nowK })))
	for k := 0; k < nCand; k++ {
		t.Logf("tune, always %s: %s", candNames[k], fmtScores(choiceScores(tune, func(p *choicePage) int { return k })))
	}
	t.Logf("tune, best candidate (ceiling): %s", fmtScores(choiceScores(tune, func(p *choicePage) int {
		best := 0
		for k := range p.f1 {
			if p.target(k) > p.target(best) {
				best = k
			}
		}
		return best
	})))
	best, margin, bestF := 0.0, 0.0, math.Inf(-1)
	for _, l2 := range []float64{1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3} {
		for _, mg := range []float64{0, 0.02, 0.05} {
			s := outOfFold(tune, l2, mg)
			t.Logf("tune, out of fold by site, L2 %g, margin %g: %s", l2, mg, fmtScores(s))
			if s["goal"] > bestF+1e-4 {
				best, margin, bestF = l2, mg, s["goal"]
			}
		}
	}
	w := fitChoice(tune, best)
	picks := map[string]int{}
	for _, p := range tune {
		picks[candNames[chooseCandidate(&w, p.feats, margin)]]++
	}
	t.Logf("tune picks, in sample: %v", picks)
	t.Logf("check, the rule before: %s", fmtScores(choiceScores(check, func(p *choicePage) int { return p.nowK })))
	t.Logf("check, chooser (L2 %g, margin %g): %s", best, margin, fmtScores(choiceScores(check, func(p *choicePage) int { return chooseCandidate(&w, p.feats, margin) })))
	if err := writeChoiceWeights(*choiceOut, &w, best, margin, len(tune)); err != nil {
		t.Fatal(err)
	}
}

func writeChoiceWeights(path string, w *[nCand][nChoice]float64, l2, margin float64, pages int) error {
	var b strings.Builder
	b.WriteString("// Code generated by `go test ./scraper/extract/ -run TestTrainChoice -train-choice`; DO NOT EDIT.\n\n")
	b.WriteString("package extract\n\n")
	fmt.Fprintf(&b, "// choiceWeights estimate each candidate's gain over the rule's text (word F1\n// plus snippets, see the trainer) from the choice features\n// (ridge regression, L2 %g), learned from the %d tuning-half pages of\n// shared/page-types that the extractor does not take for articles.\n", l2, pages)
	b.WriteString("var choiceWeights = [nCand][nChoice]float64{\n")
	for k := range w {
		fmt.Fprintf(&b, "\t{ // %s\n", candNames[k])
		for _, x := range w[k] {
			fmt.Fprintf(&b, "\t\t%.6f,\n", x)
		}
		b.WriteString("\t},\n")
	}
	b.WriteString("}\n\n")
	b.WriteString("// choiceMargin is the estimated gain over the rule's text that another\n// candidate needs, chosen with the penalty out of fold by site.\n")
	fmt.Fprintf(&b, "const choiceMargin = %g\n", margin)
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return fmt.Errorf("format weights: %w", err)
	}
	return os.WriteFile(path, src, 0o644)
}
