package scrapertest

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// discard is a ResponseWriter that keeps nothing, so benchmarks measure the
// page generation only.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

func benchServe(b *testing.B, h http.Handler, paths []string) {
	b.Helper()
	reqs := make([]*http.Request, len(paths))
	for i, p := range paths {
		reqs[i] = httptest.NewRequest("GET", "http://bench.test"+p, nil)
	}
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		clear(w.h)
		h.ServeHTTP(w, reqs[i%len(reqs)])
	}
}

func BenchmarkNewSite(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		NewSite()
	}
}

func BenchmarkSiteArticle(b *testing.B) {
	s := NewSite()
	var paths []string
	for _, a := range s.arts {
		paths = append(paths, a.path)
	}
	benchServe(b, s, paths)
}

func BenchmarkBenchServerArticle(b *testing.B) {
	s := newBenchSite(20000, BenchPage{})
	var paths []string
	for i := range 1000 {
		p, _, _, _, _, _ := s.meta(i * 20)
		paths = append(paths, p)
	}
	benchServe(b, s, paths)
}
