package extract

// The block model's training program. It learns the weights in
// blockmodel_weights.go from the tuning half of shared/page-types (the
// page's main text, labelled by people) and rewrites that file:
//
//	go test ./scraper/extract/ -run TestTrainBlockModel -train-blocks
//
// Without -train-blocks the test is skipped (it reads 647 pages).
// Only tuning-half pages (bench/splits/page-types.tsv) are used for
// training and for the threshold; the check half is scored as a total
// only.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/archivist-project/archivist/corpus"
	xhtml "golang.org/x/net/html"
)

var thrOnOutput = flag.Bool("threshold-on-output", true, "choose the threshold by the extractor's text (trainPage.output) rather than the model's")

var ratios = flag.String("model-over-body", "", "values of modelOverBody (fill.go) to compare on the extractor's text")

var keepWeights = flag.Bool("keep-weights", false, "score the embedded weights and their threshold rather than learned ones; nothing is written")

var grid = flag.Bool("choice-grid", false, "compare thresholds and modelOverBody on the extractor's text (tuning half; the check half's totals of the best), write nothing")

var trainBlocks = flag.Bool("train-blocks", false, "learn the block model from shared/page-types and rewrite blockmodel_weights.go")

// trainPage is one labelled page: its blocks' features, their texts and
// the reference main text.
type trainPage struct {
	id, half, typ string
	feats         [][nFeat]float64
	texts         []string
	labels        []float64 // share of the block's words in the reference, in order
	weights       []float64
	// boost multiplies a block's training weight and force, when 0 or 1,
	// overrides its label (snippetWeights; nil: neither).
	boost, force []float64
	ref          string
	// What the extractor does with the model's text: a page it takes for
	// an article keeps its text (out); another takes the model's text
	// when that holds half as much again as the body (fillFlags).
	article bool
	out     string
	body    string
	// Snippets the text must and must not hold (page-types' with and
	// without).
	with, without []string
}

// sharedDir finds ../shared from the package directory.
func sharedDir(tb testing.TB) string {
	tb.Helper()
	for _, d := range []string{"../../../shared", "../../shared", "/work/shared"} {
		if st, err := os.Stat(filepath.Join(d, "page-types", "ground-truth.json")); err == nil && !st.IsDir() {
			return d
		}
	}
	tb.Skip("shared/page-types not found")
	return ""
}

// loadTrainPages reads page-types with its split and turns every page
// into blocks with features and labels.
func loadTrainPages(tb testing.TB) []trainPage {
	dir := filepath.Join(sharedDir(tb), "page-types")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var truth map[string]struct {
		URL     string   `json:"url"`
		Type    string   `json:"page_type"`
		Body    string   `json:"articleBody"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		tb.Fatal(err)
	}
	half := readSplit(tb, "../../bench/splits/page-types.tsv")
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var pages []trainPage
	for _, id := range ids {
		t := truth[id]
		h, ok := half[id]
		if !ok {
			tb.Fatalf("page %s is not in the split", id)
		}
		body, err := readGz(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			tb.Fatal(err)
		}
		tp := trainPage{id: id, half: h, typ: t.Type, ref: t.Body, with: t.With, without: t.Without}
		tp.texts, tp.feats, tp.article, tp.out, tp.body = pageFeatures(body, t.URL)
		ref := refGrams(t.Body)
		for _, s := range tp.texts {
			l, w := ref.label(s)
			tp.labels = append(tp.labels, l)
			tp.weights = append(tp.weights, w)
		}
		pages = append(pages, tp)
	}
	return pages
}

// pageFeatures extracts a page's blocks and their features as Extract
// would see them: from the tree that
// extractArticle keeps, the second parse with scripting off included
// (forum software serves its posts to crawlers in <noscript>).
// It also returns whether the extractor takes the page for an article,
// its text, and the article body found.
func pageFeatures(body []byte, url string) ([]string, [][nFeat]float64, bool, string, string) {
	d, err := Parse(Input{Body: body, URL: url, ContentType: "text/html; charset=utf-8"}, Options{})
	if err != nil {
		return nil, nil, false, "", ""
	}
	root := d.root
	art, noscript, _ := d.article(d.root)
	if art.WordCount < ShortWords && noscript >= 400 {
		if alt, err := xhtml.ParseWithOptions(bytes.NewReader(d.html), xhtml.ParseOptionEnableScripting(false)); err == nil {
			if a, _, _ := d.article(alt); a.WordCount > art.WordCount*2 && a.WordCount >= 50 {
				root, art = alt, a
			}
		}
	}
	p := newPage(goquery.NewDocumentFromNode(root), d.base, d.fetched)
	defer p.release()
	p.extract(d.opts)
	bs, fs := p.x.featureBlocks(p.bodyNode, p.sel)
	texts := make([]string, len(bs))
	for i, b := range bs {
		texts[i] = b.text
	}
	return texts, fs, art.PageType == corpus.PageTypeArticle, art.Text, p.body
}

func readSplit(tb testing.TB, path string) map[string]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	out := make(map[string]string)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) == 3 && !strings.HasPrefix(fs[0], "#") {
			out[fs[0]] = fs[2]
		}
	}
	return out
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// wordTokens are the benchmark's tokens: lower-cased runs of letters,
// digits and '_'.
func wordTokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r))
	})
}

// grams holds a reference text's word trigrams, bigrams and words.
type grams struct{ tri, bi, uni map[string]bool }

func refGrams(ref string) grams {
	g := grams{map[string]bool{}, map[string]bool{}, map[string]bool{}}
	t := wordTokens(ref)
	for i := range t {
		g.uni[t[i]] = true
		if i+1 < len(t) {
			g.bi[t[i]+" "+t[i+1]] = true
		}
		if i+2 < len(t) {
			g.tri[t[i]+" "+t[i+1]+" "+t[i+2]] = true
		}
	}
	return g
}

// label returns the share of a block's word sequence found in the
// reference (trigrams; bigrams or the words for shorter blocks) and the
// block's weight in training, its word count.
func (g grams) label(s string) (float64, float64) {
	t := wordTokens(s)
	switch len(t) {
	case 0:
		return 0, 0
	case 1:
		if g.uni[t[0]] {
			return 1, 1
		}
		return 0, 1
	case 2:
		if g.bi[t[0]+" "+t[1]] {
			return 1, 2
		}
		return 0, 2
	}
	hit := 0
	for i := 0; i+2 < len(t); i++ {
		if g.tri[t[i]+" "+t[i+1]+" "+t[i+2]] {
			hit++
		}
	}
	return float64(hit) / float64(len(t)-2), float64(len(t))
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// fitLogistic learns weights by gradient descent (Adam) on the weighted
// log loss, with an L2 penalty.
func fitLogistic(pages []trainPage, iters int, l2 float64) [nFeat]float64 {
	var w, m, v [nFeat]float64
	const lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
	total := 0.0
	for _, p := range pages {
		for i := range p.weights {
			total += p.trainWeight(i)
		}
	}
	for it := 1; it <= iters; it++ {
		var g [nFeat]float64
		for _, p := range pages {
			for i, x := range p.feats {
				wt := p.trainWeight(i)
				if wt == 0 {
					continue
				}
				y := 0.0
				if p.label(i) >= 0.5 {
					y = 1
				}
				z := 0.0
				for j := range x {
					z += w[j] * x[j]
				}
				d := (sigmoid(z) - y) * wt
				for j := range x {
					g[j] += d * x[j]
				}
			}
		}
		for j := range g {
			g[j] = g[j]/total + l2*w[j]
			m[j] = b1*m[j] + (1-b1)*g[j]
			v[j] = b2*v[j] + (1-b2)*g[j]*g[j]
			mh := m[j] / (1 - math.Pow(b1, float64(it)))
			vh := v[j] / (1 - math.Pow(b2, float64(it)))
			w[j] -= lr * mh / (math.Sqrt(vh) + eps)
		}
	}
	return w
}

// pageF1 is the benchmark's word F1 of a text against a reference.
func pageF1(pred, ref string) float64 {
	pt, rt := wordTokens(pred), wordTokens(ref)
	if len(rt) == 0 && len(pt) == 0 {
		return 1
	}
	if len(rt) == 0 || len(pt) == 0 {
		return 0
	}
	bag := make(map[string]int, len(rt))
	for _, t := range rt {
		bag[t]++
	}
	ov := 0
	for _, t := range pt {
		if bag[t] > 0 {
			bag[t]--
			ov++
		}
	}
	if ov == 0 {
		return 0
	}
	p, r := float64(ov)/float64(len(pt)), float64(ov)/float64(len(rt))
	return 2 * p * r / (p + r)
}

// modelF1 is the mean word F1 of the model's text over pages, per page
// type and in all.
func modelF1(pages []trainPage, w [nFeat]float64, thr float64) map[string]float64 {
	return scorerF1(pages, func(x *[nFeat]float64) float64 { return blockScore(w[:], x) }, thr)
}

// scorerF1 is modelF1 for any block scorer.
func scorerF1(pages []trainPage, score func(*[nFeat]float64) float64, thr float64) map[string]float64 {
	sum, n := map[string]float64{}, map[string]float64{}
	for _, p := range pages {
		var kept []string
		scores := make([]float64, len(p.feats))
		for i := range p.feats {
			scores[i] = score(&p.feats[i])
		}
		pthr := pageThreshold(scores, thr)
		for i, keep := range keptBlocks(scores, pthr) {
			if keep {
				kept = append(kept, p.texts[i])
			}
		}
		text := strings.Join(kept, "\n\n")
		curExtra = extraConfidence(p.feats, p.texts, scores, pthr)
		if scoreOutput {
			text = p.output(text)
		}
		f := pageF1(text, p.ref)
		if scoreOutput {
			norm := strings.Join(strings.Fields(text), " ")
			for k, sns := range map[string][]string{"with": p.with, "without": p.without} {
				for _, sn := range sns {
					if sn = strings.Join(strings.Fields(sn), " "); sn != "" {
						n[k]++
						if strings.Contains(norm, sn) {
							sum[k]++
						}
					}
				}
			}
		}
		sum[p.typ] += f
		n[p.typ]++
		sum["all"] += f
		n["all"]++
	}
	for k := range sum {
		sum[k] /= n[k]
	}
	return sum
}

// modelOverBody is fillFlags' rule: the model's text replaces the body
// of a page that is not an article when it holds this many times the
// body's words (words*2 > body*3 there; keep the two in step).
var modelOverBody = 1.5

// scoreOutput makes scorerF1 score the extractor's text (trainPage.output)
// rather than the model's.
var scoreOutput bool

// output is the extractor's text for the model's text: see trainPage.
func (p *trainPage) output(model string) string {
	if p.article {
		return p.out
	}
	if modelOverBody == 1.5 && extraMin == modelExtraConf && extraRatio == 1.2 {
		// The extractor's rule.
		if takeModel(countWords(model), countWords(p.body), curExtra) {
			return model
		}
		return p.body
	}
	mw, bw := float64(countWords(model)), float64(countWords(p.body))
	if mw > modelOverBody*bw {
		return model
	}
	if extraMin > 0 && mw > extraRatio*bw && curExtra >= extraMin {
		return model
	}
	return p.body
}

func TestTrainBlockModel(t *testing.T) {
	if !*trainBlocks {
		t.Skip("run with -train-blocks to learn the block model")
	}
	pages := loadTrainPages(t)
	var tune, check []trainPage
	for _, p := range pages {
		if p.half == "tune" {
			tune = append(tune, p)
		} else {
			check = append(check, p)
		}
	}
	if *weighGrid {
		weighGrids(t, tune, check)
		return
	}
	if *rescue {
		rescueGrid(t, tune, check)
		return
	}
	if *choiceDump {
		dumpChoice(t, tune)
		return
	}
	w := fitLogistic(tune, 600, 1e-4)
	if *keepWeights {
		copy(w[:], blockWeights)
		t.Logf("embedded weights, threshold %.3f: tune %v", blockThreshold, fmtScores(modelF1(tune, w, blockThreshold)))
		scoreOutput = true
		t.Logf("extractor's text: tune %v", fmtScores(modelF1(tune, w, blockThreshold)))
		t.Logf("extractor's text: check (totals only) %v", fmtScores(modelF1(check, w, blockThreshold)))
		scoreOutput = false
	}
	if *grid {
		gridSearch(t, tune, check, w)
		return
	}
	if *choiceConf {
		choiceGrids(t, tune, check, w)
		return
	}
	best, _ := bestThreshold(tune, w)
	if *thrOnOutput {
		scoreOutput = true
		best, _ = bestThreshold(tune, w)
		scoreOutput = false
	}
	t.Logf("threshold %.3f: tune %v", best, fmtScores(modelF1(tune, w, best)))
	t.Logf("check (totals only): %v", fmtScores(modelF1(check, w, best)))
	scoreOutput = true
	t.Logf("extractor's text, threshold %.3f: tune %v", best, fmtScores(modelF1(tune, w, best)))
	t.Logf("extractor's text, check (totals only): %v", fmtScores(modelF1(check, w, best)))
	if *ratios != "" {
		keep := modelOverBody
		for _, r := range strings.Split(*ratios, ",") {
			fmt.Sscan(r, &modelOverBody)
			t.Logf("model over body %.2f: tune %v", modelOverBody, fmtScores(modelF1(tune, w, best)))
			t.Logf("model over body %.2f: check (totals only) %v", modelOverBody, fmtScores(modelF1(check, w, best)))
		}
		modelOverBody = keep
	}
	scoreOutput = false
	if *keepWeights {
		return
	}
	if err := writeBlockWeights("blockmodel_weights.go", w, best, len(tune)); err != nil {
		t.Fatal(err)
	}
}

// bestThreshold is the threshold of best mean word F1 on pages.
func bestThreshold(pages []trainPage, w [nFeat]float64) (float64, float64) {
	best, bestF := 0.5, -1.0
	for thr := 0.2; thr <= 0.8; thr += 0.025 {
		if f := modelF1(pages, w, thr)["all"]; f > bestF {
			best, bestF = thr, f
		}
	}
	return best, bestF
}

func fmtScores(m map[string]float64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s %.3f ", k, m[k])
	}
	return b.String()
}

// featNames names the features for the generated file.
var featNames = [nFeat]string{"bias", "words", "link", "para", "heading", "item", "row", "quote", "title", "sentence",
	"junk", "teaser", "comment", "nav", "header", "footer", "aside", "form", "negative", "positive", "selected",
	"main", "article", "pos", "boiler", "callToAction", "digits", "contLink", "contShare", "commas", "hidden",
	"pageLink", "caption", "short", "linkItem", "linkHeading", "linkPara", "depth", "list", "table", "selPara",
	"pageSize", "longRun", "pos2"}

func writeBlockWeights(path string, w [nFeat]float64, thr float64, pages int) error {
	var b strings.Builder
	b.WriteString("// Code generated by `go test ./scraper/extract/ -run TestTrainBlockModel -train-blocks`; DO NOT EDIT.\n\n")
	b.WriteString("package extract\n\n")
	fmt.Fprintf(&b, "// blockWeights are the block model's weights, learned from the %d tuning-half pages of shared/page-types.\n", pages)
	b.WriteString("var blockWeights = []float64{\n")
	for i, x := range w {
		fmt.Fprintf(&b, "\t%.6f, // %s\n", x, featNames[i])
	}
	b.WriteString("}\n\n")
	b.WriteString("// blockThreshold is the probability from which a block is kept.\n")
	fmt.Fprintf(&b, "const blockThreshold = %.3f\n", thr)
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return fmt.Errorf("format weights: %w", err)
	}
	return os.WriteFile(path, src, 0o644)
}

// gridSearch scores the extractor's text over thresholds and values of
// modelOverBody on the tuning half by word F1 + (with - without) / 2,
// and shows the check half's totals for the best only.
func gridSearch(t *testing.T, tune, check []trainPage, w [nFeat]float64) {
	scoreOutput = true
	defer func() { scoreOutput = false }()
	keep := modelOverBody
	defer func() { modelOverBody = keep }()
	bestObj, bestThr, bestR := -1.0, 0.0, 0.0
	for _, r := range []float64{1.2, 1.35, 1.5, 1.75} {
		modelOverBody = r
		for thr := 0.3; thr <= 0.501; thr += 0.05 {
			m := modelF1(tune, w, thr)
			obj := m["all"] + (m["with"]-m["without"])/2
			t.Logf("thr %.2f ratio %.2f: tune %.4f  %v", thr, r, obj, fmtScores(m))
			if obj > bestObj {
				bestObj, bestThr, bestR = obj, thr, r
			}
		}
	}
	modelOverBody = bestR
	t.Logf("best thr %.2f ratio %.2f: check (totals only) %v", bestThr, bestR, fmtScores(modelF1(check, w, bestThr)))
}
