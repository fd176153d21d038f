package scrapertest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Paths of the trap and fault pages (served when faults are on).
const (
	PathCalendar    = "/calendar/2024/06/"                      // endless calendar: every month links the previous and the next
	PathEndless     = "/archive/page/1/"                        // endless pagination: every page links the next
	PathLoop        = "/loop/a"                                 // redirect loop: /loop/a -> /loop/b -> /loop/a
	PathHang        = "/live/stream"                            // never answers
	PathSlow        = "/live/slow"                              // answers after Config.SlowDelay
	PathHuge30      = "/reports/transcript-30mb.html"           // 30 MB of HTML, chunked, no Content-Length
	PathHuge50      = "/reports/dataset-50mb.html"              // 50 MB of HTML with a Content-Length
	PathBomb        = "/reports/compressed.html"                // gzip bomb: ~1 MB on the wire, 1 GiB decompressed
	PathReset       = "/live/reset"                             // the connection is reset without an answer
	PathServerError = "/2024/03/02/server-error-story.html"     // always 500
	PathNotFound    = "/2023/02/30/this-story-was-removed.html" // 404, linked from the home page (served with faults off too)
)

// Sizes of the big pages and of the decompressed gzip bomb.
const (
	Huge30Size = 30 << 20
	Huge50Size = 50 << 20
	BombSize   = 1 << 30
)

// faultLinks is the home-page block that leads into every trap.
const faultLinks = `<section class="from-the-archive"><h2>From the archive</h2><ul>
<li><a href="` + PathCalendar + `">Events calendar</a></li>
<li><a href="` + PathEndless + `">All stories, oldest first</a></li>
<li><a href="` + PathLoop + `">Reader offers</a></li>
<li><a href="` + PathHang + `">Live: election night</a></li>
<li><a href="` + PathSlow + `">Live: the markets today</a></li>
<li><a href="` + PathHuge30 + `">Full transcript of the council hearing</a></li>
<li><a href="` + PathHuge50 + `">Data: every council vote since 1990</a></li>
<li><a href="` + PathBomb + `">Compressed archive edition</a></li>
<li><a href="` + PathReset + `">Live: the weather desk</a></li>
<li><a href="` + PathServerError + `">Harbour inquiry: the full story</a></li>
</ul></section>
`

// serveFault serves the trap and fault pages; it reports whether it did.
func (s *Site) serveFault(w http.ResponseWriter, r *http.Request) bool {
	p := r.URL.Path
	switch {
	case p == "/loop/a":
		http.Redirect(w, r, "/loop/b", http.StatusFound)
	case p == "/loop/b":
		http.Redirect(w, r, "/loop/a", http.StatusMovedPermanently)
	case p == PathHang:
		// Never answer: wait for the client to give up or the site to
		// close, then drop the connection without a response.
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
		abort()
	case p == PathSlow:
		if !s.sleep(r.Context(), s.cfg.SlowDelay) {
			abort()
		}
		s.write(w, r, page{title: "Markets live | " + s.name, charset: "utf-8", bodyClass: "live",
			canonical: PathSlow}, "<main id=\"main\"><h1>Markets live</h1><p>Prices are updated every few minutes during trading hours.</p></main>\n")
	case p == PathHuge30:
		s.serveHuge(w, r, Huge30Size, false)
	case p == PathHuge50:
		s.serveHuge(w, r, Huge50Size, true)
	case p == PathBomb:
		s.serveBomb(w, r)
	case p == PathReset:
		resetConn(w)
	case p == PathServerError:
		s.errorPage(w, r, http.StatusInternalServerError, "Something went wrong", "An unexpected error occurred. Our engineers have been notified.")
	case strings.HasPrefix(p, "/calendar/"):
		s.serveCalendar(w, r)
	case strings.HasPrefix(p, "/archive/page/"):
		s.serveEndless(w, r)
	default:
		return false
	}
	return true
}

// abort ends the handler and drops the connection without a response (not
// even the empty 200 that returning would send).
func abort() { panic(http.ErrAbortHandler) }

// resetConn hijacks the connection and closes it with SO_LINGER 0, so the
// client sees a connection reset.
func resetConn(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		http.Error(w, "cannot hijack", http.StatusInternalServerError)
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}

// serveCalendar serves /calendar/YYYY/MM/, which links the previous and
// the next month, forever.
func (s *Site) serveCalendar(w http.ResponseWriter, r *http.Request) {
	var y, m int
	if _, err := fmt.Sscanf(r.URL.Path, "/calendar/%d/%d/", &y, &m); err != nil || m < 1 || m > 12 ||
		r.URL.Path != fmt.Sprintf("/calendar/%d/%02d/", y, m) {
		s.notFound(w, r)
		return
	}
	t := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	prev, next := t.AddDate(0, -1, 0), t.AddDate(0, 1, 0)
	var b strings.Builder
	fmt.Fprintf(&b, "<main id=\"main\" class=\"calendar\">\n<h1>Events in %s %d</h1>\n<table class=\"month\"><tr>", months[m-1], y)
	for d := 1; d <= 28; d++ {
		fmt.Fprintf(&b, "<td>%d</td>", d)
		if d%7 == 0 {
			b.WriteString("</tr>\n<tr>")
		}
	}
	b.WriteString("</tr></table>\n")
	fmt.Fprintf(&b, "<nav class=\"calendar-nav\"><a rel=\"prev\" href=\"/calendar/%d/%02d/\">&laquo; %s %d</a> <a rel=\"next\" href=\"/calendar/%d/%02d/\">%s %d &raquo;</a></nav>\n",
		prev.Year(), prev.Month(), months[prev.Month()-1], prev.Year(), next.Year(), next.Month(), months[next.Month()-1], next.Year())
	b.WriteString("</main>\n")
	s.write(w, r, page{title: "Events calendar | " + s.name, charset: "utf-8", bodyClass: "calendar-page", canonical: r.URL.Path}, b.String())
}

// serveEndless serves /archive/page/N/: ten real article links and a link
// to page N+1, forever.
func (s *Site) serveEndless(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/archive/page/"), "/")
	n, err := strconv.Atoi(rest)
	if err != nil || n < 1 || r.URL.Path != "/archive/page/"+rest+"/" {
		s.notFound(w, r)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<main id=\"main\" class=\"archive\">\n<h1>Archive, page %d</h1>\n", n)
	for k := range perPage {
		a := s.linked[((n-1)*perPage+k)%len(s.linked)]
		teaser(&b, a, a.path)
	}
	fmt.Fprintf(&b, "<nav class=\"pagination\"><a rel=\"next\" href=\"/archive/page/%d/\">Older posts</a></nav>\n</main>\n", n+1)
	s.write(w, r, page{title: fmt.Sprintf("Archive, page %d | %s", n, s.name), charset: "utf-8", bodyClass: "archive-page", canonical: r.URL.Path}, b.String())
}

// hugeChunk is 64 KiB of paragraphs repeated by the big pages.
var hugeChunk = func() string {
	var b strings.Builder
	line := "<p>Item: the council resumed its session; the clerk read the minutes of the previous meeting aloud and members noted their objections.</p>\n"
	for b.Len()+len(line) <= 64<<10 {
		b.WriteString(line)
	}
	pad := 64<<10 - b.Len()
	b.WriteString(strings.Repeat(" ", pad-1) + "\n")
	return b.String()
}()

// serveHuge streams size bytes of HTML without holding them in memory.
func (s *Site) serveHuge(w http.ResponseWriter, r *http.Request, size int, withLength bool) {
	head := "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Transcript | " + ht(s.name) + "</title></head><body><main><h1>Full transcript</h1>\n"
	tail := "</main></body></html>\n"
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if withLength {
		w.Header().Set("Content-Length", strconv.Itoa(size))
	}
	if r.Method == http.MethodHead {
		return
	}
	if _, err := w.Write([]byte(head)); err != nil {
		return
	}
	left := size - len(head) - len(tail)
	chunk := []byte(hugeChunk)
	for left > 0 {
		c := chunk[:min(len(chunk), left)]
		if _, err := w.Write(c); err != nil {
			return
		}
		left -= len(c)
	}
	w.Write([]byte(tail))
}

// serveBomb serves a gzip bomb: Content-Encoding gzip, a little over 1 MB
// on the wire, BombSize bytes once decompressed.
func (s *Site) serveBomb(w http.ResponseWriter, r *http.Request) {
	bomb := gzipBomb()
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Encoding", "gzip")
	h.Set("Content-Length", strconv.Itoa(len(bomb)))
	if r.Method != http.MethodHead {
		w.Write(bomb)
	}
}

// gzipBomb returns the bomb, built once per process. NewSite builds it
// for a site with faults, before the site serves anything: built on the
// first request, it took a third of a second of CPU (seconds on a loaded
// machine) inside the handler, so the client's --timeout could expire
// before the first byte and the crawl fetched the page twice.
var gzipBomb = sync.OnceValue(buildGzipBomb)

// buildGzipBomb builds a multi-member gzip stream: a small HTML head, then
// the same member of 1 MiB of spaces repeated, then an HTML tail, BombSize
// bytes in all. Deflate cannot do better than about 1:1000, so this is as
// small as one layer of gzip gets (and a 1 MiB member costs a sixteenth of
// the CPU of a 16 MiB one for the same ratio).
func buildGzipBomb() []byte {
	member := func(p []byte) []byte {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(p)
		zw.Close()
		return buf.Bytes()
	}
	head := []byte("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Archive edition</title></head><body><pre>")
	tail := []byte("</pre></body></html>")
	const block = 1 << 20
	fill := BombSize - len(head) - len(tail)
	spaces := member(bytes.Repeat([]byte{' '}, block))
	out := append([]byte(nil), member(head)...)
	for ; fill >= block; fill -= block {
		out = append(out, spaces...)
	}
	out = append(out, member(bytes.Repeat([]byte{' '}, fill))...)
	return append(out, member(tail)...)
}
