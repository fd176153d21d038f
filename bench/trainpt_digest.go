package main

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strings"
)

// fitDigest is what the model file records of the tuning pages it was
// fitted on (extract.FitDigest): per feature, the sum of the pages'
// values and the sum of each value times a weight drawn from the page's
// set and id. TestPageTypeModelFit computes it again and names the
// features whose sums moved: the feature code drifted on the tuning
// pages, and the committed model is no longer what the trainer fits.
type fitDigest struct {
	Pages    int
	Sum, Mix []float64
}

// digestSamples digests the tuning pages of s, leaving out the copies
// made by -augment-url and -augment-classes (they depend on flags, the
// pages do not).
func digestSamples(s []sample, nf int) fitDigest {
	d := fitDigest{Sum: make([]float64, nf), Mix: make([]float64, nf)}
	for _, x := range s {
		if x.Aug || x.Hashed {
			continue
		}
		d.Pages++
		w := pageWeight(x.Set, x.ID)
		for i, v := range x.X {
			d.Sum[i] += v
			d.Mix[i] += w * v
		}
	}
	return d
}

// pageWeight is a weight in [1, 2) fixed by the page's set and id, so
// that two pages whose values move by the same amount in opposite
// directions still move Mix.
func pageWeight(set, id string) float64 {
	h := sha256.Sum256([]byte(set + "/" + id))
	return 1 + float64(binary.BigEndian.Uint64(h[:8])>>11)/(1<<53)
}

// digestTolerance is how far a recorded sum may be from the one
// computed now: far above the rounding of the nine digits the model
// file keeps and of the float arithmetic of another machine, far below
// one page's binary feature flipping (sums of a few hundred) or one
// page's word count moving by a word (review34b: at 1e-6 a sum of 5830
// words let 5.8 of them go unseen).
const digestTolerance = 2e-8

// digestDrift lists, one line each, the features whose sums differ
// between the digest the model recorded (want) and the one computed now.
func digestDrift(names []string, want, got fitDigest) []string {
	var out []string
	if want.Pages != got.Pages {
		out = append(out, fmt.Sprintf("pages: %d, the model was fitted on %d", got.Pages, want.Pages))
	}
	if len(want.Sum) != len(names) || len(want.Mix) != len(names) {
		return append(out, fmt.Sprintf("the model records sums of %d features, the feature code has %d", len(want.Sum), len(names)))
	}
	for i, n := range names {
		if !near(got.Sum[i], want.Sum[i]) || !near(got.Mix[i], want.Mix[i]) {
			out = append(out, fmt.Sprintf("%s: sum %.6g, the model was fitted when it was %.6g (weighted %.6g, was %.6g)",
				n, got.Sum[i], want.Sum[i], got.Mix[i], want.Mix[i]))
		}
	}
	return out
}

// near reports whether a digest sum a is b within digestTolerance of b's
// size.
func near(a, b float64) bool {
	return math.Abs(a-b) <= digestTolerance*max(1, math.Abs(b))
}

// digestSource is the Fit or Drift field of the model file.
func digestSource(field string, d fitDigest) string {
	return fmt.Sprintf("%s: FitDigest{Pages: %d,\nSum: %s,\nMix: %s},\n", field, d.Pages, floats9(d.Sum), floats9(d.Mix))
}

// fitSamples returns the tuning pages to fit on: today's features
// (through -cache), or with -fit-cache those another commit computed,
// and then also the digest of today's, which the model records as the
// drift since. -fit-cache rebuilds a model fitted at an older commit
// byte for byte while the feature code has moved since (no refit at
// main was as good on the check half); TestPageTypeModelFit then
// accepts that drift, names it, and fails on any other.
func fitSamples(ctx context.Context, o trainOptions, names []string, probes []probe, stderr io.Writer) ([]sample, fitDigest, error) {
	today, err := cachedTrainSamples(ctx, o, names, probes, stderr)
	if err != nil || o.FitCache == "" {
		return today, fitDigest{}, err
	}
	c, err := readTrainCache(o.FitCache)
	if err != nil {
		return nil, fitDigest{}, fmt.Errorf("-fit-cache: %w", err)
	}
	if !c.matches(o, names) {
		return nil, fitDigest{}, fmt.Errorf("-fit-cache %s: other features, sets or augmentation than this command's", o.FitCache)
	}
	fmt.Fprintf(stderr, "bench train-pagetype: fitting on the features in %s\n", o.FitCache)
	return c.Samples, digestSamples(today, len(names)), nil
}

// floats9 is floats with nine significant digits: the sums run to
// thousands, and a digest must tell one page's change in them.
func floats9(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprintf("%.9g", x)
	}
	return "[]float64{" + strings.Join(parts, ", ") + "}"
}
