package extract

import "math"

// The block model's second stage. The first stage (blockScore) judges each
// block by its own features and its ancestors'; the second judges it again
// with the first stage's verdicts on the blocks around it in document
// order and on the whole page: a block among kept blocks is more likely
// main text than the same block among dropped ones, and a page whose
// first stage keeps little is read more generously. Its weights are
// learned with the first stage's (blockmodel_train_test.go), not set by
// hand.

// Second-stage feature indexes.
const (
	sBias = iota
	sOwn
	sPrev
	sNext
	sNear
	sWide
	sPageKept
	sOwnWords
	sLink
	sMaxSide
	sMinSide
	sOwnKept
	nSmooth
)

// clampLogit bounds a first-stage logit and scales it near 1.
func clampLogit(z float64) float64 {
	return math.Max(-10, math.Min(10, z)) / 4
}

// blockLogits returns the first stage's logits of a page's blocks.
func blockLogits(w []float64, fs [][nFeat]float64) []float64 {
	zs := make([]float64, len(fs))
	for i := range fs {
		z := 0.0
		for j := range fs[i] {
			z += w[j] * fs[i][j]
		}
		zs[i] = clampLogit(z)
	}
	return zs
}

// smoothFeatures returns the second stage's feature vectors of a page's
// blocks, from their features fs and first-stage logits zs (scaled by
// clampLogit). thr1 is the first stage's threshold.
func smoothFeatures(fs [][nFeat]float64, zs []float64, thr1 float64) [][nSmooth]float64 {
	cut := clampLogit(math.Log(thr1 / (1 - thr1)))
	keptW, allW := 0.0, 0.0
	for i := range fs {
		w := math.Expm1(fs[i][fWords])
		allW += w
		if zs[i] >= cut {
			keptW += w
		}
	}
	share := 0.0
	if allW > 0 {
		share = keptW / allW
	}
	mean := func(lo, hi, skip int) float64 {
		lo, hi = max(lo, 0), min(hi, len(zs)-1)
		s, n := 0.0, 0
		for j := lo; j <= hi; j++ {
			if j != skip {
				s += zs[j]
				n++
			}
		}
		if n == 0 {
			return -2.5
		}
		return s / float64(n)
	}
	out := make([][nSmooth]float64, len(fs))
	for i := range fs {
		v := &out[i]
		prev, next := -2.5, -2.5
		if i > 0 {
			prev = zs[i-1]
		}
		if i+1 < len(zs) {
			next = zs[i+1]
		}
		v[sBias] = 1
		v[sOwn] = zs[i]
		v[sPrev] = prev
		v[sNext] = next
		v[sNear] = mean(i-3, i+3, i)
		v[sWide] = mean(i-10, i+10, i)
		v[sPageKept] = share
		v[sOwnWords] = zs[i] * fs[i][fWords] / 5
		v[sLink] = fs[i][fLink]
		v[sMaxSide] = math.Max(prev, next)
		v[sMinSide] = math.Min(prev, next)
		v[sOwnKept] = zs[i] * share
	}
	return out
}

// smoothScore is the second stage's probability for one block.
func smoothScore(w []float64, v *[nSmooth]float64) float64 {
	z := 0.0
	for i := range v {
		z += w[i] * v[i]
	}
	return 1 / (1 + math.Exp(-z))
}
