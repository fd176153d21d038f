package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
)

// speedLine is the speed of each extractor on the extraction-bench
// pages, measured by the main runner's code (timePass, addTimings).
type speedLine struct {
	Pages      int           `json:"pages"`
	GOMAXPROCS int           `json:"gomaxprocs"`
	Passes     int           `json:"passes"`
	Results    []speedResult `json:"results"`
}

// speedResult is one extractor's speed.
type speedResult struct {
	Name           string  `json:"name"`
	PagesPerSec    float64 `json:"pages_per_sec"`     // median pass, wall time
	PagesPerCPUSec float64 `json:"pages_per_cpu_sec"` // median pass, process CPU time
	SlowestMs      float64 `json:"slowest_ms"`        // largest per-page median
	SlowestID      string  `json:"slowest_id"`
	Over50ms       int     `json:"pages_over_50ms"` // pages whose median is over 50 ms
}

// measureSpeed times each extractor, exactly as it is scored, on the
// extraction-bench pages with GOMAXPROCS=1: one untimed warm-up pass each,
// then passes timed in turns (the order rotating each pass). It returns
// nil when the pages are not on this machine.
func measureSpeed(ctx context.Context, shared string, sets []benchSet, xs []setExtractor, passes int, stderr io.Writer) (*speedLine, error) {
	var eb *benchSet
	for i := range sets {
		if sets[i].Name == setExtractionBench {
			eb = &sets[i]
		}
	}
	if eb == nil {
		s, err := loadExtractionBenchSet(shared)
		if errors.Is(err, errNoData) {
			fmt.Fprintf(stderr, "bench sets: no speed line: %v\n", err)
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		eb = &s
	}
	pages := make([]page, len(eb.Pages))
	for i, p := range eb.Pages {
		pages[i] = page{ID: p.ID, URL: p.URL, HTML: p.HTML, Truth: p.Body}
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	adapted := make([]extractor, len(xs))
	for i, x := range xs {
		adapted[i] = adaptSetExtractor(x)
	}
	timings := make([][]passTiming, len(xs))
	for pass := -1; pass < passes; pass++ {
		fmt.Fprintf(stderr, "bench sets: speed pass %d of %d (pass 0 is the warm-up)\n", pass+1, passes)
		for k := range adapted {
			i := (k + max(pass, 0)) % len(adapted)
			t, err := timePass(ctx, adapted[i], pages)
			if err != nil {
				return nil, err
			}
			if pass >= 0 {
				timings[i] = append(timings[i], t)
			}
		}
	}
	line := &speedLine{Pages: len(pages), GOMAXPROCS: runtime.GOMAXPROCS(0), Passes: passes}
	for i, x := range adapted {
		r := extractorResult{Name: x.Name, Pages: make([]pageResult, len(pages))}
		for j, p := range pages {
			r.Pages[j].ID = p.ID
		}
		addTimings(&r, timings[i])
		sr := speedResult{Name: x.Name, PagesPerSec: r.PagesPerSec, PagesPerCPUSec: r.PagesPerCPUSec,
			SlowestMs: r.SlowestMs, SlowestID: r.SlowestID}
		for _, pr := range r.Pages {
			if pr.Ms > 50 {
				sr.Over50ms++
			}
		}
		line.Results = append(line.Results, sr)
	}
	return line, nil
}

// adaptSetExtractor wraps x as an extractor of the main runner, for its
// timing code. The extraction-bench pages are UTF-8.
func adaptSetExtractor(x setExtractor) extractor {
	return extractor{Name: x.Name, Extract: func(p *page) (result, error) {
		sp := setPage{ID: p.ID, URL: p.URL, HTML: p.HTML, UTF8: true}
		r, err := x.Extract(&sp)
		return result{Text: r.Text}, err
	}}
}
