package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"hash/crc32"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/archivist-project/archivist/bench/split"
)

// The train-pagetype command fits scraper/extract's page-type model on
// the tuning halves of the labelled sets and writes it as Go source.
//
//	cd bench && go run . train-pagetype     # rewrites ../scraper/extract/pagetype_model.go
//
// The model is a multinomial logistic regression over the page features
// of scraper/extract/features.go; the classes are the page types the sets
// label (page-types' collection counts as listing). Only tuning-half
// pages are read; the check halves judge the model in `go run . sets`.

// trainSets are the sets the model learns from, with the label of their
// pages: the page-types labels, and article for the article sets.
// readability-shiori is left out: its pages are copies of readeck's.
var trainSets = []string{setExtractionBench, setPageTypes, setTrafilatura, setReadeck}

// trainClasses are the model's classes, article first.
var trainClasses = []string{"article", "listing", "forum", "product", "documentation", "service"}

type trainOptions struct {
	Shared, Splits, Out string
	Cache               string
	FitCache            string // features of another commit to fit on (-fit-cache, trainpt_digest.go)
	Probes              string // directory of the probe pages
	L2                  float64
	Iters               int
	Folds               int
	LostCost            float64
	ThresholdBy         string
	Errors              bool
	OOF                 string  // file to write the out-of-fold probabilities to
	Check               bool    // report both halves' typing counts (trainpt_check.go)
	AugmentURL          float64 // weight of each tuning page's copy read at a bare URL (0: none)
	AugmentClasses      float64 // weight of each tuning page's copy with its class and id words hashed (0: none)
	Sets                []string
	SetWeight           map[string]float64
	Boost               boostOptions   // the trees (-trees)
	Search              []boostOptions // settings to cross-validate (-search); the best replaces Boost
	Args                []string
}

func parseTrainFlags(args []string, stderr io.Writer) (trainOptions, error) {
	fs := flag.NewFlagSet("train-pagetype", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o trainOptions
	fs.StringVar(&o.Shared, "shared", "", "directory holding extraction-bench and page-types (default ../../shared, then ../shared)")
	fs.StringVar(&o.Splits, "splits", splitsDir, "directory of the committed split lists")
	fs.StringVar(&o.Cache, "cache", "", "JSON file caching the tuning pages' features between runs (read when it holds the same features and sets, written otherwise)")
	fs.StringVar(&o.FitCache, "fit-cache", "", "fit on the tuning pages' features in this -cache file, written at another commit (the one the committed model was fitted at), and record today's features' digest as the drift since (bench/README.md)")
	fs.StringVar(&o.Out, "out", "../scraper/extract/pagetype_model.go", "Go file to write the model to (- for stdout)")
	fs.StringVar(&o.Probes, "probes", "../scraper/extract/testdata/pagetype", "directory of the probe pages whose features the model records (its test recomputes them)")
	fs.Float64Var(&o.L2, "l2", 0.01, "L2 penalty on the weights (per page of weight)")
	fs.IntVar(&o.Iters, "iters", 3000, "gradient steps")
	fs.IntVar(&o.Folds, "folds", 5, "cross-validation folds (by site) for the threshold and the report")
	sets := fs.String("sets", strings.Join(trainSets, ","), "sets to learn from (their tuning halves)")
	weights := fs.String("set-weight", "trafilatura=0.1", "per-set weight of a page, SET=W,... (trafilatura's pages are labelled article by default, and some are shops and service pages)")
	trees := fs.String("trees", "logistic:0:1:0.1:5", "boosted trees on top of the base model: base:rounds:depth:rate:minleaf (base logistic, prior or blend=A: the logistic model with a share A of the scores; 0 rounds for none)")
	search := fs.String("search", "", "settings of -trees to cross-validate, separated by \";\"; the one with the lowest out-of-fold cost is fitted")
	fs.StringVar(&o.OOF, "oof", "", "TSV file to write each tuning page's out-of-fold calibrated P(article) and next type to (set, id, site, label, P, type)")
	fs.Float64Var(&o.AugmentURL, "augment-url", 0, "also learn from each tuning page read at a bare URL of its host (https://host/p), with this share of its weight: evidence from the markup when the URL says nothing (0: none)")
	fs.Float64Var(&o.AugmentClasses, "augment-classes", 0, "also learn from each tuning page with its class and id words hashed (as sets -classes hashed), with this share of its weight: evidence from structure when class names carry no words (0: none)")
	fs.BoolVar(&o.Check, "check", false, "report the committed and the fitted model's typing counts on both halves (counts only)")
	fs.BoolVar(&o.Errors, "errors", false, "list the tuning-half pages the cross-validation gets wrong")
	fs.StringVar(&o.ThresholdBy, "threshold", "cv", "threshold on P(article): cv (the one that minimises the out-of-fold cost) or cost (1/(1+lost-cost))")
	fs.Float64Var(&o.LostCost, "lost-cost", 3, "cost of an article called something else, against 1 for a page called an article wrongly")
	if err := parseArgs(fs, args); err != nil {
		return o, err
	}
	o.Sets = splitList(*sets)
	g, err := parseGrid(*trees)
	if err != nil {
		return o, err
	}
	o.Boost = g[0]
	if *search != "" {
		if o.Search, err = parseGrid(*search); err != nil {
			return o, err
		}
	}
	o.SetWeight = map[string]float64{augKey: o.AugmentURL, hashedKey: o.AugmentClasses}
	for _, kv := range splitList(*weights) {
		k, v, ok := strings.Cut(kv, "=")
		w, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil || w <= 0 || setLoaders[k] == nil {
			return o, fmt.Errorf("%w: -set-weight: want SET=W with W > 0, got %q", errUsage, kv)
		}
		o.SetWeight[k] = w
	}
	for _, s := range o.Sets {
		if setLoaders[s] == nil {
			return o, fmt.Errorf("%w: -sets: unknown set %q", errUsage, s)
		}
	}
	if o.ThresholdBy != "cv" && o.ThresholdBy != "cost" {
		return o, fmt.Errorf("%w: -threshold: want cv or cost, got %q", errUsage, o.ThresholdBy)
	}
	if o.L2 < 0 || o.Iters < 1 || o.AugmentURL < 0 || o.AugmentClasses < 0 || o.Folds < 2 || o.LostCost <= 0 {
		return o, fmt.Errorf("%w: -l2 >= 0, -iters >= 1, -augment-url and -augment-classes >= 0, -folds >= 2 and -lost-cost > 0 please", errUsage)
	}
	o.Args = args
	return o, nil
}

// trainMain runs the command and returns the exit code.
func trainMain(ctx context.Context, args []string) int {
	o, err := parseTrainFlags(args, os.Stderr)
	if err == nil {
		err = runTrain(ctx, o, os.Stdout, os.Stderr)
	}
	return exitCode("bench train-pagetype", err)
}

// sample is one tuning-half page: its features, label and weight.
type sample struct {
	Set, ID, Site string
	Class         int
	X             []float64
	W             float64
	Aug           bool `json:",omitempty"` // the page read at a bare URL (-augment-url)
	Hashed        bool `json:",omitempty"` // the page with its class and id words hashed (-augment-classes)
}

func runTrain(ctx context.Context, o trainOptions, stdout, stderr io.Writer) error {
	names := pageTypeFeatureNames()
	if len(names) == 0 {
		return errors.New("this build has no archivist (built with -tags noarchivist)")
	}
	probes, err := readProbes(o.Probes)
	if err != nil {
		return err
	}
	samples, drift, err := fitSamples(ctx, o, names, probes, stderr)
	if err != nil {
		return err
	}
	weighSamples(samples, o.SetWeight)
	fmt.Fprintf(stdout, "%d tuning-half pages, %d features\n", len(samples), len(names))
	if len(o.Search) > 0 {
		o.Boost = searchBoost(stdout, samples, len(names), o, o.Search)
	}
	oof := crossValidateWith(samples, len(names), o, o.Boost)
	a, b := fitCalibration(samples, oof)
	for _, p := range oof {
		p[0] = calibrate(p[0], a, b)
	}
	costTh, cvTh := math.Round(100/(1+o.LostCost))/100, chooseThreshold(samples, oof, o.LostCost)
	th := cvTh
	if o.ThresholdBy == "cost" {
		th = costTh
	}
	fmt.Fprintf(stdout, "calibration: P = sigmoid(%.3f*logit(p) %+.3f); threshold by cost 1/(1+lost-cost) %.2f, by cross-validation %.2f; using %.2f (-threshold %s)\n",
		a, b, costTh, cvTh, th, o.ThresholdBy)
	reportCV(stdout, samples, oof, th, o.LostCost)
	if o.OOF != "" {
		if err := writeOOF(o.OOF, samples, oof); err != nil {
			return err
		}
	}
	if o.Errors {
		for i, x := range samples {
			if c := predictClass(oof[i], th); c != x.Class && (c == 0 || x.Class == 0) {
				fmt.Fprintf(stdout, "%s/%s: %s called %s, P(article) %.2f\n", x.Set, x.ID, trainClasses[x.Class], trainClasses[c], oof[i][0])
			}
		}
	}
	m := fitFull(samples, len(names), o, o.Boost)
	m.Threshold, m.CalibA, m.CalibB = th, a, b
	if o.Check {
		check, err := cachedCheckSamples(ctx, o, names, probes, stderr)
		if err != nil {
			return err
		}
		reportHalves(stdout, samples, check, m, oof)
	}
	m.Features, m.Probes, m.Fit, m.Drift = names, probes, digestSamples(samples, len(names)), drift
	src, err := modelSource(m, o.Sets, "cd bench && go run . train-pagetype "+strings.Join(o.Args, " "))
	if err != nil {
		return err
	}
	if o.Out == "-" {
		_, err = stdout.Write(src)
		return err
	}
	if err := os.WriteFile(o.Out, src, 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s (threshold P(article) >= %.2f)\n", o.Out, th)
	return nil
}

// loadTrainSamples loads the training sets, applies the committed splits
// and computes the features of every tuning-half page.
func loadTrainSamples(ctx context.Context, o trainOptions, stderr io.Writer) ([]sample, error) {
	return loadSamples(ctx, o, split.Tune, stderr)
}

// loadSamples is loadTrainSamples for the pages of one half.
func loadSamples(ctx context.Context, o trainOptions, half string, stderr io.Writer) ([]sample, error) {
	shared, err := findSharedDir(o.Shared)
	if err != nil {
		fmt.Fprintf(stderr, "bench train-pagetype: %v\n", err)
	}
	classOf := make(map[string]int)
	for i, c := range trainClasses {
		classOf[c] = i
	}
	classOf["collection"] = classOf["listing"]
	var out []sample
	for _, name := range o.Sets {
		s, err := setLoaders[name](shared)
		if errors.Is(err, errNoData) {
			fmt.Fprintf(stderr, "bench train-pagetype: skipping %s: %v\n", name, err)
			continue
		}
		if err != nil {
			return nil, err
		}
		l, err := readSplit(o.Splits, name)
		if err != nil {
			return nil, err
		}
		if err := applySplit(&s, l); err != nil {
			return nil, err
		}
		n := 0
		for i := range s.Pages {
			p := &s.Pages[i]
			if p.Half != half {
				continue
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			label := p.PageType
			if label == "" {
				label = "article" // trafilatura's evaluation pages: news and blog posts
			}
			c, ok := classOf[label]
			if !ok {
				return nil, fmt.Errorf("%s/%s: unknown label %q", name, p.ID, label)
			}
			x, err := pageTypeFeatures(p)
			if err != nil {
				continue // not HTML: the extractor gives no type
			}
			out = append(out, sample{Set: name, ID: p.ID, Site: p.Site, Class: c, X: x})
			n++
			if o.AugmentClasses > 0 && half == split.Tune {
				q := *p
				q.HTML = rewriteClasses(p.HTML, classesHashed)
				if x, err := pageTypeFeatures(&q); err == nil {
					out = append(out, sample{Set: name, ID: p.ID + "@hashed", Site: p.Site, Class: c, X: x, Hashed: true})
				}
			}
			if o.AugmentURL > 0 && half == split.Tune {
				if bare := bareURL(p.URL); bare != "" {
					q := *p
					q.URL = bare
					if x, err := pageTypeFeatures(&q); err == nil {
						out = append(out, sample{Set: name, ID: p.ID + "@bare", Site: p.Site, Class: c, X: x, Aug: true})
					}
				}
			}
		}
		fmt.Fprintf(stderr, "bench train-pagetype: %s: %d %s-half pages\n", name, n, half)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no training pages: %w", errNoData)
	}
	return out, nil
}

// augKey and hashedKey are the keys of SetWeight that hold
// -augment-url's and -augment-classes' shares: a copy's weight is its
// page's times that share.
const (
	augKey    = "@bare"
	hashedKey = "@hashed"
)

// bareURL returns the URL a page is read at for -augment-url: its host
// and a path of one short word (https://host/p), none of its own path,
// query or file name, so that the features must come from the markup.
// Not the host's root: that is a front page's URL, and says listing. ""
// when the URL has no host.
func bareURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host + "/p"
}

// weighSamples gives articles and the other pages equal total weight
// (articles are the larger share of the sets), each page within its side
// the weight of its set (1 unless setWeight says otherwise), with a mean
// weight of 1.
func weighSamples(s []sample, setWeight map[string]float64) {
	arts, others := 0.0, 0.0
	raw := func(x sample) float64 {
		w := 1.0
		if v, ok := setWeight[x.Set]; ok {
			w = v
		}
		if x.Aug {
			w *= setWeight[augKey]
		}
		if x.Hashed {
			w *= setWeight[hashedKey]
		}
		return w
	}
	for _, x := range s {
		if x.Class == 0 {
			arts += raw(x)
		} else {
			others += raw(x)
		}
	}
	for i := range s {
		if s[i].Class == 0 {
			s[i].W = raw(s[i]) * float64(len(s)) / (2 * max(arts, 1e-9))
		} else {
			s[i].W = raw(s[i]) * float64(len(s)) / (2 * max(others, 1e-9))
		}
	}
}

// model is what the trainer fits; its fields are those of the extractor's
// typeModel.
type model struct {
	Features  []string
	Classes   []string
	Mean      []float64
	Scale     []float64
	Weights   [][]float64
	Bias      []float64
	CalibA    float64 // calibrated P(article) = sigmoid(CalibA*logit(P(article)) + CalibB)
	CalibB    float64
	Threshold float64
	Trees     []tree // boosted trees added to the logistic scores (trainpt_trees.go)
	Probes    []probe
	Fit       fitDigest // the tuning pages' features (trainpt_digest.go)
	Drift     fitDigest // today's, when the model was fitted on another commit's (-fit-cache)
}

// probe is one probe page's features (extract.ProbeFeatures).
type probe struct {
	Name     string
	Features []float64
}

// readProbes computes the features of every .html page in dir, in name
// order.
func readProbes(dir string) ([]probe, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("probe pages: %w", err)
	}
	var out []probe
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".html") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("probe pages: %w", err)
		}
		f, err := probeFeatures(e.Name(), b)
		if err != nil {
			return nil, err
		}
		out = append(out, probe{Name: e.Name(), Features: f})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("probe pages: no .html file in %s", dir)
	}
	return out, nil
}

// scores returns the class scores of x: the logistic model's, plus the
// trees'.
func (m *model) scores(x []float64) []float64 {
	out := make([]float64, len(m.Classes))
	for c := range out {
		z := m.Bias[c]
		for i, v := range x {
			z += m.Weights[c][i] * (v - m.Mean[i]) / m.Scale[i]
		}
		out[c] = z
	}
	for i := range m.Trees {
		out[m.Trees[i].Class] += m.Trees[i].eval(x)
	}
	return out
}

// probs returns the class probabilities of x.
func (m *model) probs(x []float64) []float64 {
	return softmax(m.scores(x))
}

// softmax turns scores into probabilities, in place.
func softmax(out []float64) []float64 {
	top := math.Inf(-1)
	for _, z := range out {
		top = max(top, z)
	}
	sum := 0.0
	for c := range out {
		out[c] = math.Exp(out[c] - top)
		sum += out[c]
	}
	for c := range out {
		out[c] /= sum
	}
	return out
}

// fitModel fits a multinomial logistic regression with an L2 penalty by
// full-batch gradient descent with Adam steps, from zero weights: the
// result depends only on the samples.
func fitModel(s []sample, nf int, l2 float64, iters int) *model {
	k := len(trainClasses)
	m := &model{Classes: trainClasses, Mean: make([]float64, nf), Scale: make([]float64, nf),
		Weights: make([][]float64, k), Bias: make([]float64, k)}
	standardise(m, s, nf)
	z := make([][]float64, len(s))
	for i, x := range s {
		z[i] = make([]float64, nf)
		for j, v := range x.X {
			z[i][j] = (v - m.Mean[j]) / m.Scale[j]
		}
	}
	np := k * (nf + 1)
	theta := make([]float64, np)
	grad := make([]float64, np)
	mom, vel := make([]float64, np), make([]float64, np)
	const lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
	wsum := 0.0
	for _, x := range s {
		wsum += x.W
	}
	logits := make([]float64, k)
	for it := 1; it <= iters; it++ {
		clear(grad)
		for i, x := range s {
			top := math.Inf(-1)
			for c := 0; c < k; c++ {
				w := theta[c*(nf+1) : (c+1)*(nf+1)]
				v := w[nf]
				for j, f := range z[i] {
					v += w[j] * f
				}
				logits[c] = v
				top = max(top, v)
			}
			sum := 0.0
			for c := range logits {
				logits[c] = math.Exp(logits[c] - top)
				sum += logits[c]
			}
			for c := 0; c < k; c++ {
				d := logits[c] / sum
				if c == x.Class {
					d--
				}
				d *= x.W / wsum
				g := grad[c*(nf+1) : (c+1)*(nf+1)]
				for j, f := range z[i] {
					g[j] += d * f
				}
				g[nf] += d
			}
		}
		for c := 0; c < k; c++ {
			for j := 0; j < nf; j++ {
				grad[c*(nf+1)+j] += l2 * theta[c*(nf+1)+j]
			}
		}
		c1, c2 := 1-math.Pow(b1, float64(it)), 1-math.Pow(b2, float64(it))
		for j := range theta {
			mom[j] = b1*mom[j] + (1-b1)*grad[j]
			vel[j] = b2*vel[j] + (1-b2)*grad[j]*grad[j]
			theta[j] -= lr * (mom[j] / c1) / (math.Sqrt(vel[j]/c2) + eps)
		}
	}
	for c := 0; c < k; c++ {
		m.Weights[c] = append([]float64(nil), theta[c*(nf+1):c*(nf+1)+nf]...)
		m.Bias[c] = theta[c*(nf+1)+nf]
	}
	return m
}

// standardise sets the model's per-feature mean and scale (the weighted
// standard deviation, 1 for a constant feature).
func standardise(m *model, s []sample, nf int) {
	wsum := 0.0
	for _, x := range s {
		wsum += x.W
		for j, v := range x.X {
			m.Mean[j] += x.W * v
		}
	}
	for j := range m.Mean {
		m.Mean[j] /= wsum
	}
	for _, x := range s {
		for j, v := range x.X {
			d := v - m.Mean[j]
			m.Scale[j] += x.W * d * d
		}
	}
	for j := range m.Scale {
		m.Scale[j] = math.Sqrt(m.Scale[j] / wsum)
		if m.Scale[j] < 1e-9 {
			m.Scale[j] = 1
		}
	}
}

// foldOf puts every page of a site in the same fold.
func foldOf(site string, folds int) int {
	return int(crc32.ChecksumIEEE([]byte(site)) % uint32(folds))
}

// crossValidateWith returns each sample's class probabilities from a
// model (with the trees of bo) fitted on the other folds (folds by site).
func crossValidateWith(s []sample, nf int, o trainOptions, bo boostOptions) [][]float64 {
	out := make([][]float64, len(s))
	for f := 0; f < o.Folds; f++ {
		var train []sample
		for _, x := range s {
			if foldOf(x.Site, o.Folds) != f {
				train = append(train, x)
			}
		}
		weighSamples(train, o.SetWeight)
		m := fitFull(train, nf, o, bo)
		for i, x := range s {
			if foldOf(x.Site, o.Folds) == f {
				out[i] = m.probs(x.X)
			}
		}
	}
	return out
}

// chooseThreshold returns the threshold on P(article) that minimises the
// weighted cost of the out-of-fold errors: lostCost for an article
// called something else, 1 for another page called an article. Ties go
// to the lower threshold (more pages kept as articles).
func chooseThreshold(s []sample, oof [][]float64, lostCost float64) float64 {
	best, bestCost := 0.5, math.Inf(1)
	for i := 5; i <= 95; i++ {
		t := float64(i) / 100
		cost := 0.0
		for i, x := range s {
			art := oof[i][0] >= t
			switch {
			case x.Class == 0 && !art:
				cost += lostCost * x.W
			case x.Class != 0 && art:
				cost += x.W
			}
		}
		if cost < bestCost-1e-9 {
			best, bestCost = t, cost
		}
	}
	return best
}

// reportCV prints the out-of-fold confusion matrix and the calibration of
// P(article) by bins.
func reportCV(w io.Writer, s []sample, oof [][]float64, th, lostCost float64) {
	fmt.Fprintf(w, "\nOut-of-fold (folds by site) on the tuning halves; threshold P(article) >= %.2f (cost %.0f:1)\n\n", th, lostCost)
	k := len(trainClasses)
	conf := make([][]int, k)
	for i := range conf {
		conf[i] = make([]int, k)
	}
	for i, x := range s {
		conf[x.Class][predictClass(oof[i], th)]++
	}
	fmt.Fprintf(w, "| label \\ type | %s |\n|---|%s\n", strings.Join(trainClasses, " | "), strings.Repeat("---|", k))
	for c := range conf {
		cells := make([]string, k)
		for j, n := range conf[c] {
			cells[j] = fmt.Sprint(n)
		}
		fmt.Fprintf(w, "| %s | %s |\n", trainClasses[c], strings.Join(cells, " | "))
	}
	reportCalibration(w, s, oof)
	lost, kept, lists, nonArt, nLists := 0, 0, 0, 0, 0
	for i, x := range s {
		c := predictClass(oof[i], th)
		switch {
		case x.Class == 0 && c != 0:
			lost++
		case x.Class != 0:
			nonArt++
			if c == 0 {
				kept++
			}
			if x.Class == 1 {
				nLists++
				if c == 0 {
					lists++
				}
			}
		}
	}
	fmt.Fprintf(w, "\nsummary: articles lost %d of %d, non-articles called article %d of %d, listings called article %d of %d\n", lost, len(s)-nonArt, kept, nonArt, lists, nLists)
	sets := map[string][2]int{}
	for i, x := range s {
		if x.Class == 0 && predictClass(oof[i], th) != 0 {
			v := sets[x.Set]
			v[0]++
			sets[x.Set] = v
		}
	}
	keys := make([]string, 0, len(sets))
	for k := range sets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "\narticles of %s called something else: %d", k, sets[k][0])
	}
	fmt.Fprintln(w)
}

// reportCalibration prints, by bins of the out-of-fold P(article), the
// pages, the articles among them (and those of the labelled sets alone:
// trafilatura's pages are articles by default, some are not), the mean P
// and the weighted share of articles (the weights the model is fitted
// with), and the weighted expected calibration error over the bins.
func reportCalibration(w io.Writer, s []sample, oof [][]float64) {
	fmt.Fprintf(w, "\n| P(article) | pages | articles | labelled pages | labelled articles | mean P | weighted share of articles |\n|---|---|---|---|---|---|---|\n")
	bins := []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01}
	total, ece := 0.0, 0.0
	for _, x := range s {
		total += x.W
	}
	for b := 0; b+1 < len(bins); b++ {
		n, a, ln, la := 0, 0, 0, 0
		wsum, wart, wp := 0.0, 0.0, 0.0
		for i, x := range s {
			p := oof[i][0]
			if p < bins[b] || p >= bins[b+1] {
				continue
			}
			n++
			wsum += x.W
			wp += x.W * p
			labelled := x.Set != setTrafilatura
			if labelled {
				ln++
			}
			if x.Class == 0 {
				a++
				wart += x.W
				if labelled {
					la++
				}
			}
		}
		if n == 0 {
			continue
		}
		ece += math.Abs(wart-wp) / max(total, 1e-9)
		fmt.Fprintf(w, "| %.1f-%.1f | %d | %d | %d | %d | %.3f | %.3f |\n", bins[b], min(bins[b+1], 1), n, a, ln, la, wp/wsum, wart/wsum)
	}
	fmt.Fprintf(w, "\nweighted expected calibration error: %.3f\n", ece)
}

// writeOOF writes one line per tuning page: set, id, site, label, the
// out-of-fold calibrated P(article) and the most probable other type.
func writeOOF(path string, s []sample, oof [][]float64) error {
	var b bytes.Buffer
	b.WriteString("set\tid\tsite\tlabel\tp_article\tother\n")
	for i, x := range s {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%.4f\t%s\n", x.Set, x.ID, x.Site, trainClasses[x.Class], oof[i][0], trainClasses[predictClass(oof[i], 2)])
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write out-of-fold probabilities: %w", err)
	}
	return nil
}

func logit(p float64) float64 {
	p = min(max(p, 1e-6), 1-1e-6)
	return math.Log(p / (1 - p))
}

// calibrate maps the model's P(article) through the fitted calibration.
func calibrate(p, a, b float64) float64 {
	return 1 / (1 + math.Exp(-(a*logit(p) + b)))
}

// fitCalibration fits Platt scaling of the out-of-fold P(article) to the
// article labels (weighted as in training): the model's own probabilities
// are those of a model that has seen the page, and too sure.
func fitCalibration(s []sample, oof [][]float64) (a, b float64) {
	a, b = 1, 0
	const lr = 0.1
	wsum := 0.0
	for _, x := range s {
		wsum += x.W
	}
	for it := 0; it < 5000; it++ {
		ga, gb := 0.0, 0.0
		for i, x := range s {
			l := logit(oof[i][0])
			p := 1 / (1 + math.Exp(-(a*l + b)))
			y := 0.0
			if x.Class == 0 {
				y = 1
			}
			ga += x.W * (p - y) * l / wsum
			gb += x.W * (p - y) / wsum
		}
		a -= lr * ga
		b -= lr * gb
	}
	return a, b
}

// predictClass is the extractor's decision: article when P(article) >=
// th, else the most probable other class.
func predictClass(p []float64, th float64) int {
	if p[0] >= th {
		return 0
	}
	best := 1
	for c := 2; c < len(p); c++ {
		if p[c] > p[best] {
			best = c
		}
	}
	return best
}

// modelSource returns the Go source of pagetype_model.go.
func modelSource(m *model, sets []string, command string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by %q; DO NOT EDIT.\n\npackage extract\n\n", strings.TrimSpace(command))
	fmt.Fprintf(&b, "// pageTypeModel was fitted on the tuning halves of %s\n// (bench/splits); see docs/EXTRACTION.md.\n", strings.Join(sets, ", "))
	fmt.Fprintf(&b, "var pageTypeModel = &typeModel{\n")
	fmt.Fprintf(&b, "Features: %#v,\n", m.Features)
	fmt.Fprintf(&b, "Classes: %#v,\n", m.Classes)
	fmt.Fprintf(&b, "Mean: %s,\n", floats(m.Mean))
	fmt.Fprintf(&b, "Scale: %s,\n", floats(m.Scale))
	fmt.Fprintf(&b, "Weights: [][]float64{\n")
	for _, w := range m.Weights {
		fmt.Fprintf(&b, "%s,\n", floats(w))
	}
	fmt.Fprintf(&b, "},\n")
	fmt.Fprintf(&b, "Bias: %s,\n", floats(m.Bias))
	fmt.Fprintf(&b, "CalibA: %.6g,\nCalibB: %.6g,\n", m.CalibA, m.CalibB)
	fmt.Fprintf(&b, "Threshold: %g,\n", m.Threshold)
	if len(m.Trees) > 0 {
		fmt.Fprintf(&b, "Trees: []typeTree{\n")
		for _, t := range m.Trees {
			fmt.Fprintf(&b, "{%d, []treeNode{", t.Class)
			for _, n := range t.Nodes {
				fmt.Fprintf(&b, "{%d, %.9g, %d, %d, %.6g}, ", n.Feature, n.Threshold, n.Left, n.Right, n.Value)
			}
			fmt.Fprintf(&b, "}},\n")
		}
		fmt.Fprintf(&b, "},\n")
	}
	fmt.Fprintf(&b, "Probes: []typeProbe{\n")
	for _, p := range m.Probes {
		fmt.Fprintf(&b, "{%q, %s},\n", p.Name, floats(p.Features))
	}
	fmt.Fprintf(&b, "},\n")
	if m.Fit.Pages > 0 {
		b.WriteString(digestSource("Fit", m.Fit))
	}
	if m.Drift.Pages > 0 {
		b.WriteString(digestSource("Drift", m.Drift))
	}
	fmt.Fprintf(&b, "}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format model: %w", err)
	}
	return src, nil
}

func floats(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprintf("%.6g", x)
	}
	return "[]float64{" + strings.Join(parts, ", ") + "}"
}

// trainCache is the file -cache reads and writes.
type trainCache struct {
	Features []string
	Sets     []string
	Augment  bool    `json:",omitempty"` // the samples hold -augment-url's copies
	Hashed   bool    `json:",omitempty"` // the samples hold -augment-classes' copies
	Probes   []probe // the probe pages' features when the cache was written
	Samples  []sample
}

// cachedTrainSamples is loadTrainSamples, through the -cache file when
// one is given: the features of the tuning pages take minutes to compute
// and do not change while only the fit's settings do. The cache is read
// only when it holds the same feature names, sets and probe features: a
// change of the feature code that moves a probe page's features makes
// it stale.
func cachedTrainSamples(ctx context.Context, o trainOptions, names []string, probes []probe, stderr io.Writer) ([]sample, error) {
	if o.Cache != "" {
		if c, err := readTrainCache(o.Cache); err == nil && c.matches(o, names) && sameProbes(c.Probes, probes) && len(c.Samples) > 0 {
			fmt.Fprintf(stderr, "bench train-pagetype: features from %s\n", o.Cache)
			return c.Samples, nil
		}
	}
	samples, err := loadTrainSamples(ctx, o, stderr)
	if err != nil || o.Cache == "" {
		return samples, err
	}
	b, err := json.Marshal(trainCache{Features: names, Sets: o.Sets, Probes: probes, Samples: samples, Augment: o.AugmentURL > 0, Hashed: o.AugmentClasses > 0})
	if err == nil {
		err = os.WriteFile(o.Cache, b, 0o644)
	}
	if err != nil {
		return nil, fmt.Errorf("write cache: %w", err)
	}
	return samples, nil
}

// readTrainCache reads a -cache file.
func readTrainCache(path string) (trainCache, error) {
	var c trainCache
	b, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	return c, err
}

// matches reports whether c holds the features of names for the sets and
// augmentation o asks for.
func (c trainCache) matches(o trainOptions, names []string) bool {
	return slices.Equal(c.Features, names) && slices.Equal(c.Sets, o.Sets) && c.Augment == (o.AugmentURL > 0) && c.Hashed == (o.AugmentClasses > 0)
}

// sameProbes reports whether two sets of probe features are equal.
func sameProbes(a, b []probe) bool {
	return slices.EqualFunc(a, b, func(x, y probe) bool { return x.Name == y.Name && slices.Equal(x.Features, y.Features) })
}
