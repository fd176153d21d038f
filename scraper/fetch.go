package scraper

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// Sentinel errors of a fetch.
var (
	// ErrRedirectLoop is returned for a redirect chain that comes back to
	// a URL it already visited.
	ErrRedirectLoop = errors.New("redirect loop")
	// ErrTooManyRedirects is returned for a redirect chain longer than 10
	// hops.
	ErrTooManyRedirects = errors.New("too many redirects")
	// errStopped is returned for a request that was waiting for its
	// host's turn when the crawl stopped: it was never sent.
	errStopped = errors.New("crawl stopped before the request was sent")
)

// Reasons a redirect was not followed (fetchResult.stopReason).
const (
	stopOtherHost = "other_host" // the target is on another host: queued as its own URL
	stopRobots    = "robots"     // robots.txt disallows the target
	stopKnown     = "known"      // the target is already in the frontier
)

// fetchResult is everything one fetch produced.
type fetchResult struct {
	chain     []string // every URL requested, in order; the last is the final URL
	status    int      // final status, 0 when no response came
	proto     string
	header    http.Header
	reqHeader http.Header
	body      []byte // payload with Content-Encoding removed, cut at max body
	wire      []byte // payload as received, Content-Encoding intact, cut at max body
	reqHead   []byte // request head as sent (HTTP/1.x), nil when not recorded
	respHead  []byte // response head as received (HTTP/1.x), nil when not recorded
	remoteIP  string
	size      int64 // payload size as announced or read
	truncated bool  // cut at the body limit
	// overlong: the server sent more bytes than its Content-Length; the
	// body is cut at the announced length and size counts what came.
	overlong bool
	// coded: the body may be a sitemap (it had the sitemap limit) and
	// has a Content-Encoding: body is left nil rather than decoded whole
	// (up to 50 MiB); see content, prefix and reader in wire.go.
	coded      bool
	maxBody    int64 // the body limit of the fetch
	start      time.Time
	duration   time.Duration
	err        error  // transport error, redirect loop, timeout
	stopAt     string // normalized redirect target not followed
	stopReason string
}

// final returns the final URL of the fetch.
func (r *fetchResult) final() string {
	if len(r.chain) == 0 {
		return ""
	}
	return r.chain[len(r.chain)-1]
}

// fetcher drives one colly collector, one request at a time. A crawl has
// one fetcher per --parallel slot; they share the http.Transport (and so
// its connection pool) and the cookie jar.
type fetcher struct {
	c    *Crawler
	coll *colly.Collector
	cur  *fetchResult
	host string // host of the fetch in progress
	// claim is the frontier ID of the URL being fetched, 0 for robots.txt
	// (see Crawler.startRequest).
	claim int64
	// limit, when set, replaces --max-body for the next fetch (sitemaps
	// have a limit of their own); fetch clears it.
	limit int64
}

// newTransport returns the transport every fetcher shares: enough idle
// connections per host for --per-host, bounded dial, TLS and header
// timeouts. Its decompression is off: bodies are kept as they came, and
// decoded by the fetcher (see wire.go); its connections record the heads.
func newTransport(cfg *config) *http.Transport {
	d := &net.Dialer{Timeout: min(cfg.timeout, 30*time.Second), KeepAlive: 30 * time.Second}
	base, proxy := d.DialContext, http.ProxyFromEnvironment
	if cfg.dial != nil {
		base, proxy = cfg.dial, nil
	}
	dial, dialTLS := wireDialers(base, min(cfg.timeout, 15*time.Second), nil)
	return &http.Transport{
		Proxy:                 proxy,
		DialContext:           dial,
		DialTLSContext:        dialTLS,
		DisableCompression:    true,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          max(100, cfg.parallel*2),
		MaxIdleConnsPerHost:   max(cfg.perHost, 2),
		MaxConnsPerHost:       0,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   min(cfg.timeout, 15*time.Second),
		ResponseHeaderTimeout: cfg.timeout,
		ExpectContinueTimeout: time.Second,
		// Real pages send a few KB of headers; Go's default of 10 MB
		// let a hostile server make every retry download 10 MB of them,
		// all stored in the capture.
		MaxResponseHeaderBytes: maxResponseHeaderBytes,
	}
}

// maxResponseHeaderBytes bounds the response headers of one fetch.
const maxResponseHeaderBytes = 1 << 20

func newFetcher(c *Crawler, rt http.RoundTripper, jar http.CookieJar) *fetcher {
	f := &fetcher{c: c}
	// Init rather than NewCollector: no COLLY_* environment overrides.
	coll := &colly.Collector{}
	coll.Init()
	coll.UserAgent = c.cfg.userAgent
	coll.IgnoreRobotsTxt = true // robots.txt is ours: cached per host, with Crawl-delay
	coll.AllowURLRevisit = true // the visited set is the corpus frontier, not colly's map
	coll.ParseHTTPErrorResponse = true
	coll.DetectCharset = false
	coll.MaxBodySize = 0 // the transport caps the body
	coll.WithTransport(&captureTransport{f: f, base: rt})
	coll.SetCookieJar(jar)
	// --timeout bounds each hop once it is sent (see captureTransport); the
	// wait for the host's turn is not part of it.
	coll.SetRequestTimeout(0)
	coll.SetRedirectHandler(f.checkRedirect)
	coll.OnResponse(func(r *colly.Response) {
		if f.cur != nil {
			f.cur.status = r.StatusCode
		}
	})
	f.coll = coll
	return f
}

func newJar() http.CookieJar {
	jar, _ := cookiejar.New(nil)
	return jar
}

// fetch GETs u (normalized) with the extra headers hdr.
func (f *fetcher) fetch(ctx context.Context, u string, hdr http.Header) *fetchResult {
	r := &fetchResult{start: time.Now().UTC()}
	f.cur = r
	f.host = origin(u)
	defer func() { f.cur, f.limit = nil, 0 }()
	h := http.Header{}
	for k, v := range hdr {
		h[k] = v
	}
	h.Set("User-Agent", f.c.cfg.userAgent)
	h.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	h.Set("Accept-Encoding", acceptEncoding)
	f.coll.Context = ctx
	err := f.coll.Request(http.MethodGet, u, nil, nil, h)
	r.duration = time.Since(r.start)
	if err != nil {
		if len(r.chain) == 0 {
			r.chain = []string{u}
		}
		if r.stopReason == "" {
			r.err = err
			r.status = 0
		}
	}
	return r
}

// checkRedirect decides on each redirect hop: loops and long chains are
// errors; a target on another host, disallowed by robots.txt or already
// known to the frontier (queued, in flight or fetched) is not followed: the
// 3xx is the capture, and the target is fetched on its own; a target
// on the same host is followed (the transport holds it to the host's
// delay like any request).
func (f *fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	r := f.cur
	if r == nil {
		return http.ErrUseLastResponse
	}
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w: %d hops", ErrTooManyRedirects, len(via))
	}
	// Go keeps the query of a Location header as sent, raw bytes
	// included: escape them as a browser does, so that the request line
	// is ASCII and the URL recorded for the capture is valid UTF-8.
	req.URL.RawQuery = escapeQuery(req.URL.RawQuery)
	target, err := urlnorm.Normalize(req.URL.String())
	if err != nil {
		return fmt.Errorf("redirect to %s: %w", req.URL, err)
	}
	for _, v := range via {
		if n, err := urlnorm.Normalize(v.URL.String()); err == nil && n == target {
			return fmt.Errorf("%w: back to %s", ErrRedirectLoop, target)
		}
	}
	stop := func(reason string) error {
		r.stopAt, r.stopReason = target, reason
		return http.ErrUseLastResponse
	}
	h := origin(target)
	if h != f.host {
		return stop(stopOtherHost)
	}
	if !f.c.cfg.ignoreRobots && !f.c.sched.allowed(h, f.c.cfg.userAgent, target) {
		return stop(stopRobots)
	}
	if f.c.known(req.Context(), target) {
		return stop(stopKnown)
	}
	return nil
}

// escapeQuery percent-encodes the bytes of a raw query that may not
// appear in a request line: controls, space, '"', '<', '>' and every byte
// outside ASCII (so invalid UTF-8 too). Other bytes, escapes included,
// stay as they are.
func escapeQuery(q string) string {
	const hex = "0123456789ABCDEF"
	plain := func(c byte) bool { return c > ' ' && c < 0x7f && c != '"' && c != '<' && c != '>' }
	i := 0
	for i < len(q) && plain(q[i]) {
		i++
	}
	if i == len(q) {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	b.WriteString(q[:i])
	for ; i < len(q); i++ {
		if c := q[i]; plain(c) {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// captureTransport records each hop of a fetch and reads the body itself,
// raw and capped: colly's reader neither caps decompressed bytes nor keeps
// the payload as received (it converts charsets). colly drives the
// request: headers, context, the redirect policy, the callbacks.
type captureTransport struct {
	f    *fetcher
	base http.RoundTripper
}

func (t *captureTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := t.f.cur
	if r == nil {
		return t.base.RoundTrip(req)
	}
	r.chain = append(r.chain, req.URL.String())
	r.reqHeader = req.Header.Clone()
	if req.Body == nil || req.Body == http.NoBody {
		// An empty body that is not http.NoBody makes the request
		// non-replayable, so that net/http never re-sends it on its own
		// after a failure on a reused connection: every request start is
		// one the scheduler granted. The transport probes the body, finds
		// it empty and sends no body.
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(strings.NewReader(""))
		req.ContentLength = 0
	}
	if err := t.f.c.startRequest(t.f.c.stop, t.f.host, t.f.claim); err != nil {
		return nil, fmt.Errorf("%w: %w", errStopped, err)
	}
	ctx, cancel := context.WithTimeout(req.Context(), t.f.c.cfg.timeout)
	defer cancel()
	var wt wireTrace
	var wrote sync.Once
	sent := func(at time.Time) { wrote.Do(func() { t.f.c.sched.sent(t.f.host, at) }) }
	req = req.WithContext(wt.trace(ctx, func() { sent(time.Now()) }))
	defer wt.done()
	res, err := t.base.RoundTrip(req)
	sent(time.Time{}) // not written at all, when WroteRequest never came
	if err != nil {
		return nil, err
	}
	r.status, r.proto, r.header = res.StatusCode, res.Proto, res.Header
	if err := t.readBody(r, res, &wt); err != nil {
		return nil, err
	}
	// colly gets an empty body: the payload is in r.body, raw. colly would
	// only copy it, convert its charset and, for .gz URLs, gunzip it
	// without a cap.
	res.Body = http.NoBody
	res.ContentLength = 0
	res.Uncompressed = true
	return res, nil
}

// readBody reads the body of res into r, as received and decoded, both
// capped at --max-body, and takes the heads and address of the exchange.
func (t *captureTransport) readBody(r *fetchResult, res *http.Response, wt *wireTrace) error {
	max := t.f.c.cfg.maxBody
	if t.f.limit > 0 {
		max = t.f.limit // a sitemap's own limit
	}
	wire, err := readBody(res.Body, res.ContentLength, max+1)
	res.Body.Close()
	if err != nil {
		return fmt.Errorf("read body: %w", err)
	}
	r.size = int64(len(wire))
	r.truncated, r.overlong = false, false
	if int64(len(wire)) > max {
		wire = wire[:max]
		r.truncated = true
		r.size = max + 1
		if res.ContentLength > max {
			r.size = res.ContentLength
		}
	}
	r.maxBody, r.coded = max, false
	if t.f.limit > t.f.c.cfg.maxBody && !r.truncated && len(corpus.ContentCodings(res.Header.Get("Content-Encoding"))) > 0 {
		// What may be a sitemap is parsed as a stream by the handle
		// stage, and decoded whole only if it turns out not to be one.
		r.wire, r.body, r.coded = wire, nil, true
	} else {
		body, cut, err := decodeBody(wire, res.Header, max, r.truncated)
		if err != nil {
			return fmt.Errorf("read body: %w", err)
		}
		if cut && !r.truncated {
			r.truncated, r.size = true, max+1
		}
		r.wire, r.body = wire, body
	}
	if extra := overlong(res, wt.rec, int64(len(wire))); extra > 0 && !r.truncated {
		r.overlong, r.size = true, int64(len(wire))+extra
	}
	r.reqHead, r.respHead = wt.rec.heads()
	r.remoteIP = wt.ip
	return nil
}

// overlong returns how many bytes the server sent past the Content-Length
// of res, as far as the connection has read them (HTTP/1.x; net/http stops
// at the announced length and drops the rest, which would otherwise go
// unnoticed). read is how much of the body was read.
func overlong(res *http.Response, rec *wireRec, read int64) int64 {
	if res.ContentLength < 0 || len(res.TransferEncoding) > 0 || read != res.ContentLength {
		return 0
	}
	return max(rec.bodyBytes()-res.ContentLength, 0)
}

// readBody reads at most limit bytes of r into a buffer sized from the
// announced length.
func readBody(r io.Reader, announced, limit int64) ([]byte, error) {
	size := int64(32 << 10)
	if announced >= 0 {
		size = announced + 1 // room to see EOF without growing
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(size, limit)))
	_, err := buf.ReadFrom(io.LimitReader(r, limit))
	return buf.Bytes(), err
}

// classify returns the corpus error kind of a fetch error and whether it
// is worth retrying.
func classify(err error) (kind string, transient bool) {
	var (
		dnsErr  *net.DNSError
		netErr  net.Error
		certErr *tls.CertificateVerificationError
		unkAuth x509.UnknownAuthorityError
		hostErr x509.HostnameError
	)
	switch {
	case errors.Is(err, ErrRedirectLoop), errors.Is(err, ErrTooManyRedirects):
		return corpus.ErrKindRedirectLoop, false
	case errors.As(err, &dnsErr):
		// Even "no such host" may pass (the network comes back, a
		// record is fixed): retried with backoff like the others.
		return corpus.ErrKindDNS, true
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return corpus.ErrKindTimeout, true
	case errors.As(err, &certErr), errors.As(err, &unkAuth), errors.As(err, &hostErr):
		return corpus.ErrKindConnection, false
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.EPIPE), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EHOSTUNREACH),
		errors.Is(err, syscall.ENETUNREACH):
		return corpus.ErrKindConnection, true
	case strings.Contains(err.Error(), "connection reset"), strings.Contains(err.Error(), "server closed"),
		strings.Contains(err.Error(), "tls:"):
		return corpus.ErrKindConnection, true
	case malformed(err):
		// Retried the usual number of times (a proxy's glitch passes),
		// then failed; not retried by the next run.
		return corpus.ErrKindMalformed, true
	}
	return corpus.ErrKindOther, true
}

// malformedErrs are the messages net/http gives a response it cannot
// parse; it has no typed errors for them.
var malformedErrs = []string{
	"malformed HTTP", // response, status code, version
	"malformed MIME header",
	"invalid Content-Length", "bad Content-Length", "too many transfer encodings",
	"unsupported transfer encoding", "invalid Trailer", "bad trailer",
	"invalid byte in chunk length", "malformed chunked encoding", "chunk length too large",
	"header line too long", "response headers exceeded", "multiple Content-Length",
	"failed to parse Location header",
}

// malformed reports whether err says the response was not valid HTTP,
// or its body not in the Content-Encoding it named.
func malformed(err error) bool {
	if errors.Is(err, corpus.ErrEncoding) {
		return true
	}
	s := err.Error()
	for _, m := range malformedErrs {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// cause returns what went wrong in a fetch error, in a few words for a
// one-line message: "no such host", "connection refused", "timed out".
func cause(err error) string {
	var (
		dnsErr  *net.DNSError
		netErr  net.Error
		certErr *tls.CertificateVerificationError
		unkAuth x509.UnknownAuthorityError
		hostErr x509.HostnameError
		opErr   *net.OpError
	)
	switch {
	case errors.Is(err, ErrRedirectLoop):
		return "redirect loop"
	case errors.Is(err, ErrTooManyRedirects):
		return "too many redirects"
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound || dnsErr.Err == "" {
			return "no such host"
		}
		return dnsErr.Err
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timed out"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "network unreachable"
	case errors.As(err, &certErr), errors.As(err, &unkAuth), errors.As(err, &hostErr):
		return "TLS certificate not valid"
	case errors.As(err, &opErr) && opErr.Err != nil:
		return opErr.Err.Error()
	}
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return s
}
