package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/archivist-project/archivist/bench/split"
)

// The -check report of train-pagetype: how the committed model and the
// model just fitted type the pages of both halves, by counts only (no
// check-half page is named), so that a model's fit to the tuning half
// can be set against how it does on pages it has not seen. The model
// alone is judged, before the extractor's rules (decideType); `go run .
// sets` judges the whole.

// classIndex returns the index of a page type in trainClasses, -1 for
// one the model does not have.
func classIndex(name string) int {
	if name == "collection" {
		name = "listing"
	}
	return slices.Index(trainClasses, name)
}

// halfCounts are the typing counts of one model on one half.
type halfCounts struct {
	pages, right                 int // labelled pages (not trafilatura's), typed as labelled
	arts, lost                   int // labelled articles, typed otherwise
	lists, listsArt              int // listings (and collections), typed article
	others, othersArt            int // other non-articles, typed article
	forums, forumsRight          int // forums, typed forum
	unlabelled, unlabelledNonArt int // trafilatura's pages, typed other than article
}

// countHalf types every sample with class and counts the outcomes.
func countHalf(s []sample, class func(x []float64) int) halfCounts {
	var h halfCounts
	for _, x := range s {
		c := class(x.X)
		if x.Set == setTrafilatura {
			h.unlabelled++
			if c != 0 {
				h.unlabelledNonArt++
			}
			continue
		}
		h.pages++
		if c == x.Class {
			h.right++
		}
		switch {
		case x.Class == 0:
			h.arts++
			if c != 0 {
				h.lost++
			}
		case x.Class == 1:
			h.lists++
			if c == 0 {
				h.listsArt++
			}
		default:
			if x.Class == 2 {
				h.forums++
				if c == 2 {
					h.forumsRight++
				}
			}
			h.others++
			if c == 0 {
				h.othersArt++
			}
		}
	}
	return h
}

// row returns the counts as the cells of a Markdown table row.
func (h halfCounts) row() string {
	pct := func(a, b int) string {
		return fmt.Sprintf("%d of %d (%.1f%%)", a, b, 100*float64(a)/float64(max(b, 1)))
	}
	return strings.Join([]string{pct(h.right, h.pages), pct(h.lost, h.arts), pct(h.listsArt, h.lists),
		pct(h.othersArt, h.others), pct(h.forumsRight, h.forums), pct(h.unlabelledNonArt, h.unlabelled)}, " | ")
}

// reportHalves prints the committed model's and the fitted model's
// counts on the tuning half (in sample for the fitted model) and on the
// check half, and the fitted model's out of fold on the tuning half;
// -augment-url's and -augment-classes' copies are left out of the counts.
func reportHalves(w io.Writer, all, check []sample, m *model, allOOF [][]float64) {
	var tune []sample // the pages as they are, without the copies
	var oof [][]float64
	for i, x := range all {
		if !x.Aug && !x.Hashed {
			tune, oof = append(tune, x), append(oof, allOOF[i])
		}
	}
	fitted := func(x []float64) int {
		p := m.probs(x)
		p[0] = calibrate(p[0], m.CalibA, m.CalibB)
		return predictClass(p, m.Threshold)
	}
	committed := func(x []float64) int {
		c, ok := committedType(x)
		if !ok {
			return -1
		}
		return c
	}
	i := 0
	outOfFold := func([]float64) int { i++; return predictClass(oof[i-1], m.Threshold) }
	fmt.Fprintf(w, "\nThe model alone on both halves (before the extractor's rules; labelled pages: every set but trafilatura)\n\n")
	fmt.Fprintf(w, "| model | half | labelled pages typed right | articles typed otherwise | listings typed article | other non-articles typed article | forums typed forum | trafilatura pages typed non-article |\n|---|---|---|---|---|---|---|---|\n")
	if _, ok := committedType(tune[0].X); ok {
		fmt.Fprintf(w, "| committed | tune | %s |\n", countHalf(tune, committed).row())
		fmt.Fprintf(w, "| committed | check | %s |\n", countHalf(check, committed).row())
	} else {
		fmt.Fprintf(w, "| committed | both | fitted on other features | | | | | |\n")
	}
	fmt.Fprintf(w, "| fitted | tune, in sample | %s |\n", countHalf(tune, fitted).row())
	fmt.Fprintf(w, "| fitted | tune, out of fold | %s |\n", countHalf(tune, outOfFold).row())
	fmt.Fprintf(w, "| fitted | check | %s |\n", countHalf(check, fitted).row())
}

// cachedCheckSamples returns the check-half pages' features, through a
// cache file beside -cache (NAME-check.json) when one is given.
func cachedCheckSamples(ctx context.Context, o trainOptions, names []string, probes []probe, stderr io.Writer) ([]sample, error) {
	path := ""
	if o.Cache != "" {
		path = strings.TrimSuffix(o.Cache, ".json") + "-check.json"
		var c trainCache
		if b, err := os.ReadFile(path); err == nil && json.Unmarshal(b, &c) == nil &&
			slices.Equal(c.Features, names) && slices.Equal(c.Sets, o.Sets) && sameProbes(c.Probes, probes) && len(c.Samples) > 0 {
			fmt.Fprintf(stderr, "bench train-pagetype: check-half features from %s\n", path)
			return c.Samples, nil
		}
	}
	samples, err := loadSamples(ctx, o, split.Check, stderr)
	if err != nil || path == "" {
		return samples, err
	}
	b, err := json.Marshal(trainCache{Features: names, Sets: o.Sets, Probes: probes, Samples: samples})
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		return nil, fmt.Errorf("write check cache: %w", err)
	}
	return samples, nil
}
