package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/archivist-project/archivist/bench/score"
)

// pageResult is one extractor's outcome on one page.
type pageResult struct {
	ID    string     `json:"id"`
	URL   string     `json:"url"`
	Score score.Page `json:"score"`
	Error string     `json:"error,omitempty"`
	// Ms is the page's median time over the timed passes.
	Ms float64 `json:"ms"`
	// Text is the extracted body; kept for -dump, never in JSON.
	Text string `json:"-"`
}

// metaCoverage counts the pages on which an extractor reported a value.
// The benchmark has no ground truth for metadata, so it is not scored.
type metaCoverage struct {
	Title     int `json:"title"`
	Author    int `json:"author"`
	Published int `json:"published"`
}

// memory holds the memory figures of one extractor, in bytes.
type memory struct {
	// HeapBase is HeapInuse after a forced GC before the extractor ran.
	HeapBase uint64 `json:"heap_base"`
	// HeapPeak is the largest HeapInuse sampled after each page of the
	// warm-up pass.
	HeapPeak uint64 `json:"heap_peak"`
	// HeapPassDelta sums, over the timed passes, HeapInuse after two GCs
	// (which also empty sync.Pools) following the pass minus the same
	// before it: what the extractor kept across passes (caches, leaks);
	// about 0 when memory is flat.
	HeapPassDelta int64 `json:"heap_pass_delta"`
	// RSSBase is VmRSS before the extractor ran.
	RSSBase uint64 `json:"rss_base"`
	// RSSPeak is VmHWM after the warm-up pass. When RSSPeakReset is
	// true the high-water mark was reset before the pass started
	// (clear_refs), so it is this extractor's peak; otherwise it is the
	// peak of the whole process so far.
	RSSPeak      uint64 `json:"rss_peak"`
	RSSPeakReset bool   `json:"rss_peak_reset"`
	// AllocPerPage is the mean of bytes allocated per page in the warm-up
	// pass (TotalAlloc), AllocMax the most one page allocated, on page
	// AllocMaxID, and MallocsPerPage the mean count of heap objects.
	AllocPerPage   uint64 `json:"alloc_per_page"`
	AllocMax       uint64 `json:"alloc_max"`
	AllocMaxID     string `json:"alloc_max_id"`
	MallocsPerPage uint64 `json:"mallocs_per_page"`
}

// extractorResult is everything measured for one extractor.
type extractorResult struct {
	Name    string        `json:"name"`
	Summary score.Summary `json:"summary"`
	Errors  int           `json:"errors"`
	// PagesPerSec is the median over timed passes of pages per second of
	// wall time; Passes lists them all. PagesPerCPUSec and CPUPasses are
	// the same per second of process CPU time, which other processes on
	// a busy machine disturb less.
	PagesPerSec    float64   `json:"pages_per_sec"`
	Passes         []float64 `json:"passes_pages_per_sec"`
	PagesPerCPUSec float64   `json:"pages_per_cpu_sec"`
	CPUPasses      []float64 `json:"passes_pages_per_cpu_sec"`
	// SlowestMs is the largest per-page median time, on page SlowestID.
	SlowestMs float64      `json:"slowest_ms"`
	SlowestID string       `json:"slowest_id"`
	Memory    memory       `json:"memory"`
	Meta      metaCoverage `json:"metadata_found"`
	Pages     []pageResult `json:"pages"`
}

// warmUp runs x once over all pages, untimed: it gives the texts to
// score, the metadata counts and the memory figures. Each extractor's
// warm-up starts after a forced GC, with the RSS high-water mark reset.
func warmUp(ctx context.Context, x extractor, pages []page) (extractorResult, error) {
	res := extractorResult{Name: x.Name, Pages: make([]pageResult, len(pages))}
	var ms runtime.MemStats

	runtime.GC()
	debug.FreeOSMemory()
	runtime.ReadMemStats(&ms)
	res.Memory.HeapBase = ms.HeapInuse
	res.Memory.HeapPeak = ms.HeapInuse
	res.Memory.RSSPeakReset = resetPeakRSS() == nil
	res.Memory.RSSBase, _ = procStatus("VmRSS")

	alloc0, mallocs0 := ms.TotalAlloc, ms.Mallocs
	prevAlloc := ms.TotalAlloc
	for i := range pages {
		if err := ctx.Err(); err != nil {
			return res, fmt.Errorf("warm up %s: %w", x.Name, err)
		}
		p := &pages[i]
		r, err := safeExtract(x, p)
		pr := pageResult{ID: p.ID, URL: p.URL, Text: r.Text}
		if err != nil {
			pr.Error = err.Error()
			pr.Text = ""
			res.Errors++
		}
		pr.Score = score.ScorePage(pr.Text, p.Truth)
		res.Pages[i] = pr
		if strings.TrimSpace(r.Title) != "" {
			res.Meta.Title++
		}
		if strings.TrimSpace(r.Author) != "" {
			res.Meta.Author++
		}
		if !r.Published.IsZero() {
			res.Meta.Published++
		}
		runtime.ReadMemStats(&ms)
		res.Memory.HeapPeak = max(res.Memory.HeapPeak, ms.HeapInuse)
		if a := ms.TotalAlloc - prevAlloc; a > res.Memory.AllocMax {
			res.Memory.AllocMax, res.Memory.AllocMaxID = a, p.ID
		}
		prevAlloc = ms.TotalAlloc
	}
	if n := uint64(len(pages)); n > 0 {
		res.Memory.AllocPerPage = (ms.TotalAlloc - alloc0) / n
		res.Memory.MallocsPerPage = (ms.Mallocs - mallocs0) / n
	}
	res.Memory.RSSPeak, _ = procStatus("VmHWM")

	scores := make([]score.Page, len(res.Pages))
	for i, pr := range res.Pages {
		scores[i] = pr.Score
	}
	res.Summary = score.Summarize(scores)
	return res, nil
}

// safeExtract calls x on p and turns a panic into an error, so that one
// bad page does not end the run.
func safeExtract(x extractor, p *page) (r result, err error) {
	defer func() {
		if v := recover(); v != nil {
			r, err = result{}, fmt.Errorf("%s: panic: %v", x.Name, v)
		}
	}()
	return x.Extract(p)
}

// passTiming is one timed pass of one extractor.
type passTiming struct {
	Wall, CPU time.Duration
	PerPage   []time.Duration
	// HeapDelta is HeapInuse after two GCs following the pass minus the
	// same before it: what the pass left live.
	HeapDelta int64
}

// timePass runs x over all pages and times each call. It forces a GC
// first, untimed, so that no extractor pays for another's garbage.
func timePass(ctx context.Context, x extractor, pages []page) (passTiming, error) {
	var ms runtime.MemStats
	fullGC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapInuse
	pt := passTiming{PerPage: make([]time.Duration, len(pages))}
	cpu0 := processCPU()
	start := time.Now()
	for i := range pages {
		if err := ctx.Err(); err != nil {
			return pt, fmt.Errorf("time %s: %w", x.Name, err)
		}
		t0 := time.Now()
		_, _ = safeExtract(x, &pages[i])
		pt.PerPage[i] = time.Since(t0)
	}
	pt.Wall = time.Since(start)
	pt.CPU = processCPU() - cpu0
	fullGC()
	runtime.ReadMemStats(&ms)
	pt.HeapDelta = int64(ms.HeapInuse) - int64(before)
	return pt, nil
}

// fullGC collects twice: the first GC moves sync.Pool contents to the
// pools' victim caches, the second frees them, so what stays in use is
// what is really referenced.
func fullGC() {
	runtime.GC()
	runtime.GC()
}

// addTimings fills the speed figures of r from its timed passes.
func addTimings(r *extractorResult, ts []passTiming) {
	n := float64(len(r.Pages))
	r.Passes, r.CPUPasses = nil, nil
	r.Memory.HeapPassDelta = 0
	for _, t := range ts {
		r.Passes = append(r.Passes, n/t.Wall.Seconds())
		if t.CPU > 0 {
			r.CPUPasses = append(r.CPUPasses, n/t.CPU.Seconds())
		}
		r.Memory.HeapPassDelta += t.HeapDelta
	}
	r.PagesPerSec = median(r.Passes)
	r.PagesPerCPUSec = median(r.CPUPasses)
	r.SlowestMs, r.SlowestID = 0, ""
	for i := range r.Pages {
		ds := make([]float64, len(ts))
		for j, t := range ts {
			ds[j] = float64(t.PerPage[i]) / float64(time.Millisecond)
		}
		r.Pages[i].Ms = median(ds)
		if r.Pages[i].Ms > r.SlowestMs {
			r.SlowestMs, r.SlowestID = r.Pages[i].Ms, r.Pages[i].ID
		}
	}
}

// processCPU returns the user plus system CPU time of the whole process
// (all threads: the one running goroutine and the GC), 0 if unknown.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// median returns the median of xs (the mean of the middle two for an even
// count), 0 for none. It sorts a copy.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// resetPeakRSS resets the process's resident-set high-water mark (VmHWM),
// which Linux allows by writing 5 to /proc/self/clear_refs.
func resetPeakRSS() error {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		return fmt.Errorf("reset peak rss: %w", err)
	}
	return nil
}

// procStatus reads a size field such as VmHWM from /proc/self/status, in
// bytes.
func procStatus(field string) (uint64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("proc status: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok || name != field {
			continue
		}
		num, unit, _ := strings.Cut(strings.TrimSpace(rest), " ")
		v, err := strconv.ParseUint(num, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("proc status %s: %w", field, err)
		}
		if unit == "kB" {
			v *= 1024
		}
		return v, nil
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("proc status: %w", err)
	}
	return 0, fmt.Errorf("proc status: no field %s", field)
}
