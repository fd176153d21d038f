package scrapertest

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
)

// CollyBaseline crawls from seed with colly alone, the yardstick of the
// crawl benchmarks: its own scheduler and in-memory visited map, parallel
// requests in flight, every page parsed with goquery (colly's OnHTML) and
// its links followed to depth 2 from the seed. It returns the pages
// fetched.
func CollyBaseline(ctx context.Context, seed string, parallel int) (int, error) {
	var n, errs atomic.Int64
	var firstErr atomic.Pointer[error]
	c := colly.NewCollector(colly.Async(true), colly.MaxDepth(3), colly.StdlibContext(ctx))
	c.WithTransport(&http.Transport{
		DialContext:         (&net.Dialer{Timeout: 30 * time.Second}).DialContext,
		MaxIdleConns:        100,
		MaxIdleConnsPerHost: parallel,
		IdleConnTimeout:     90 * time.Second,
	})
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: parallel}); err != nil {
		return 0, err
	}
	c.SetRequestTimeout(time.Minute)
	c.OnError(func(r *colly.Response, err error) {
		errs.Add(1)
		err = fmt.Errorf("colly: %s: %w", r.Request.URL, err)
		firstErr.CompareAndSwap(nil, &err)
	})
	c.OnResponse(func(r *colly.Response) {
		n.Add(1)
	})
	// Parse every page with goquery (OnHTML does) and follow links.
	c.OnHTML("html", func(e *colly.HTMLElement) {
		e.DOM.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
			href, _ := s.Attr("href")
			e.Request.Visit(href)
		})
	})
	if err := c.Visit(seed); err != nil {
		return 0, err
	}
	c.Wait()
	if p := firstErr.Load(); p != nil {
		return int(n.Load()), fmt.Errorf("%d errors, the first: %w", errs.Load(), *p)
	}
	return int(n.Load()), nil
}

// ResetPeakRSS resets the process's peak resident set size (VmHWM on
// Linux), so that a benchmark can report its own peak.
func ResetPeakRSS() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// PeakRSS returns the process's peak resident set size (VmHWM) in bytes,
// 0 where unknown.
func PeakRSS() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}
