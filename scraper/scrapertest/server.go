// Package scrapertest serves fake news sites on loopback for the crawler,
// extractor and end-to-end tests. No test that uses it touches the
// network: every site is generated in memory, deterministically, and served
// by an httptest server that records each request it receives.
//
// The "news" site (the default) has a home page, sections with pagination,
// tag and author pages, about/contact/login pages, a few hundred article
// pages in three layouts and five languages (including windows-1256,
// ISO-8859-1 and Shift_JIS pages), sitemaps (an index, a gzipped child and
// a Google News sitemap), RSS, Atom and JSON feeds, and, unless turned off
// with WithFaults(false), traps and faults: an endless calendar, an endless
// pagination chain, a redirect loop, a page that never answers, a slow
// page, 30 MB and 50 MB pages, a gzip bomb, a connection reset, 503/429
// pages with Retry-After and a permanent 500.
//
// Server.Articles is the ground truth for every article page (title,
// authors, dates, language, section, tags, the exact clean body text, a
// phrase unique to the article, its URL aliases and redirects), so tests
// can score extraction and check that a crawl captured every article
// once. One article is listed only in the sitemap and one only in the RSS
// feed. Server.Requests is the server's own request log, for assertions on
// politeness (MaxInFlight, MinStartGap, DisallowedRequests) and retries
// (Count).
//
// The same handler is served by the fakenews command for trying archivist
// by hand, and a golden snapshot of the default site is kept under
// testdata/sites/news. NewBenchServer serves the large, politeness-free
// site of the crawler benchmark.
package scrapertest

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Request is one request as the fake server saw it.
type Request struct {
	Method    string
	Path      string
	RawQuery  string
	Host      string
	UserAgent string
	Header    http.Header
	Start     time.Time // when the handler was entered
	End       time.Time // when the handler returned; zero while in flight
	// Status is the status code written, 0 when the connection was
	// hijacked and reset or the handler gave up before answering.
	Status int
}

// Server is a fake site served on a loopback httptest server.
type Server struct {
	// URL is the base URL of the site, "http://127.0.0.1:port" with no
	// trailing slash.
	URL string
	// Addr is the host:port the server listens on.
	Addr string

	ts   *httptest.Server
	h    handler
	site *Site // nil for a bench server

	// noLog keeps no request log, for the bench server: a benchmark of
	// many thousand pages would grow it by about a kilobyte a request.
	noLog bool

	mu          sync.Mutex
	log         []Request
	logGen      int // bumped by ResetLog
	counts      map[string]int
	inFlight    int
	maxInFlight int
}

// NewServer starts a fake news site on a loopback httptest server and
// closes it with tb.Cleanup. See Option for what can be changed.
func NewServer(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	site := NewSite(opts...)
	s := serve(tb, site, site.cfg.Host)
	s.site = site
	return s
}

// handler is what a Server serves: a Site or a bench site.
type handler interface {
	http.Handler
	Close()
	Articles(base string) []Expected
	Disallowed() []string
}

func serve(tb testing.TB, h handler, host string) *Server {
	tb.Helper()
	_, bench := h.(*benchSite)
	s := &Server{h: h, counts: make(map[string]int), noLog: bench}
	ts := httptest.NewUnstartedServer(s.record(h))
	if host != "" && host != "127.0.0.1" {
		ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
		if err != nil {
			tb.Fatalf("scrapertest: listen on %s: %v", host, err)
		}
		ts.Listener.Close()
		ts.Listener = ln
	}
	// Idle keep-alive connections must not make Close wait.
	ts.Config.IdleTimeout = 5 * time.Second
	ts.Start()
	s.ts = ts
	s.URL = ts.URL
	s.Addr = ts.Listener.Addr().String()
	tb.Cleanup(s.Close)
	return s
}

// Close unblocks the pages that never answer, then shuts the server down
// and waits for the handlers still running. It is safe to call twice.
func (s *Server) Close() {
	s.h.Close()
	s.ts.CloseClientConnections()
	s.ts.Close()
}

// Client returns an HTTP client for the server (no proxy, short idle
// timeouts), as httptest.Server.Client does.
func (s *Server) Client() *http.Client { return s.ts.Client() }

// Site returns the site the server serves, nil for a bench server.
func (s *Server) Site() *Site { return s.site }

// Requests returns a copy of the request log in arrival order, including
// requests still in flight (their End is zero).
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.log))
	copy(out, s.log)
	return out
}

// Count returns how many requests arrived for path (the URL path, without
// the query).
func (s *Server) Count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[path]
}

// MaxInFlight returns the largest number of requests the server ever had
// open at once.
func (s *Server) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInFlight
}

// MinStartGap returns the smallest gap between the starts of two
// consecutive requests (in arrival order), ignoring requests for the paths
// in except (such as "/robots.txt"). It returns -1 with fewer than two
// requests.
func (s *Server) MinStartGap(except ...string) time.Duration {
	gap := time.Duration(-1)
	var prev time.Time
	for _, r := range s.Requests() {
		if slices.Contains(except, r.Path) {
			continue
		}
		if !prev.IsZero() && (gap < 0 || r.Start.Sub(prev) < gap) {
			gap = r.Start.Sub(prev)
		}
		prev = r.Start
	}
	return gap
}

// DisallowedRequests returns the requests for paths that robots.txt
// disallows. A polite crawler makes none.
func (s *Server) DisallowedRequests() []Request {
	var out []Request
	for _, r := range s.Requests() {
		for _, p := range s.Disallowed() {
			if strings.HasPrefix(r.Path, p) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// ResetLog forgets the request log, the per-path counts and MaxInFlight
// (not the fault state of the pages, such as how often a 503 page answered).
func (s *Server) ResetLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
	s.logGen++
	s.counts = make(map[string]int)
	s.maxInFlight = s.inFlight
}

// Articles returns the ground truth for every article page, newest first,
// with absolute URLs.
func (s *Server) Articles() []Expected { return s.h.Articles(s.URL) }

// Disallowed returns the path prefixes that robots.txt disallows for every
// user agent. A polite crawler never requests a path starting with one.
func (s *Server) Disallowed() []string { return s.h.Disallowed() }

// record wraps h to log every request.
func (s *Server) record(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.noLog {
			h.ServeHTTP(w, r)
			return
		}
		s.mu.Lock()
		i, gen := len(s.log), s.logGen
		s.log = append(s.log, Request{
			Method:    r.Method,
			Path:      r.URL.Path,
			RawQuery:  r.URL.RawQuery,
			Host:      r.Host,
			UserAgent: r.UserAgent(),
			Header:    r.Header.Clone(),
			Start:     time.Now(),
		})
		s.counts[r.URL.Path]++
		s.inFlight++
		s.maxInFlight = max(s.maxInFlight, s.inFlight)
		s.mu.Unlock()

		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			s.mu.Lock()
			if s.logGen == gen { // not a request from before ResetLog
				s.log[i].End = time.Now()
				s.log[i].Status = sw.status
			}
			s.inFlight--
			s.mu.Unlock()
		}()
		h.ServeHTTP(sw, r)
	})
}

// statusWriter remembers the status code and passes Flush and Hijack
// through.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, http.ErrNotSupported
	}
	return hj.Hijack()
}

// MostAtOnce returns the largest number of the spans [start, end] that
// overlap at one instant (a span ending when another starts does not
// overlap it): the most requests a log shows in flight at once.
func MostAtOnce(spans [][2]time.Time) int {
	type ev struct {
		at time.Time
		d  int
	}
	evs := make([]ev, 0, 2*len(spans))
	for _, s := range spans {
		evs = append(evs, ev{s[0], 1}, ev{s[1], -1})
	}
	slices.SortFunc(evs, func(a, b ev) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return a.d - b.d
	})
	n, most := 0, 0
	for _, e := range evs {
		n += e.d
		most = max(most, n)
	}
	return most
}
