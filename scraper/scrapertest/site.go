package scrapertest

import (
	"context"
	"html"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Site is the fake news site as an http.Handler. NewServer serves one on
// loopback; the fakenews command serves one with net/http.
type Site struct {
	cfg      Config
	name     string // display name, "The Daily Meridian"
	arts     []*article
	byPath   map[string]*article
	byStory  map[string]*article
	bySec    map[string][]*article // linked articles of each section, newest first
	byTag    map[string][]*article
	byAuthor map[string][]*article
	authors  []string // slugs, sorted
	authorOf map[string]string
	linked   []*article // articles linked from pages, newest first

	variants   []variantLink
	redirectTo *article // target of /old/<slug>.html and the /go/ chain
	duplicate  *article // served again at /story/<id> and /print/...

	done      chan struct{}
	closeOnce sync.Once

	mu    sync.Mutex
	tries map[string]int // requests seen by the flaky pages
}

// variantLink is a link to an article under a URL variant.
type variantLink struct {
	a      *article
	suffix string // "?utm_source=..." or "#comments"
}

// NewSite generates the site. It is deterministic: the same options give
// the same pages, byte for byte.
func NewSite(opts ...Option) *Site {
	cfg := defaultConfig(opts)
	s := &Site{
		cfg:      cfg,
		name:     siteName(cfg.Site),
		arts:     generate(cfg),
		byPath:   make(map[string]*article),
		byStory:  make(map[string]*article),
		bySec:    make(map[string][]*article),
		byTag:    make(map[string][]*article),
		byAuthor: make(map[string][]*article),
		authorOf: make(map[string]string),
		done:     make(chan struct{}),
		tries:    make(map[string]int),
	}
	for _, a := range s.arts {
		s.byPath[a.path] = a
		if a.only != "" {
			continue
		}
		s.linked = append(s.linked, a)
		s.bySec[a.sec.Slug] = append(s.bySec[a.sec.Slug], a)
		for _, t := range a.tags {
			s.byTag[t] = append(s.byTag[t], a)
		}
		for _, au := range a.authors {
			if slug := slugify(au); slug != "" {
				s.byAuthor[slug] = append(s.byAuthor[slug], a)
				s.authorOf[slug] = au
			}
		}
	}
	for slug := range s.byAuthor {
		s.authors = append(s.authors, slug)
	}
	sort.Strings(s.authors)

	// Regular English articles carry the URL variants, the duplicate and
	// the redirect.
	var regular []*article
	for _, a := range s.arts {
		if a.only == "" && a.fault == "" && a.charset == "utf-8" && a.lang == "en" {
			regular = append(regular, a)
		}
	}
	suffixes := []string{
		"?utm_source=newsletter&utm_medium=email&utm_campaign=morning",
		"?utm_source=social&utm_medium=share",
		"?fbclid=IwAR2x8Yk3mQ",
		"?gclid=Cj0KCQjw4bipBhCyARIsAFsieCw",
		"?ref=homepage",
		"#comments",
	}
	for k, suf := range suffixes {
		a := regular[k]
		s.variants = append(s.variants, variantLink{a, suf})
		if !strings.HasPrefix(suf, "#") {
			a.aliases = append(a.aliases, a.path+suf)
		}
	}
	s.duplicate = regular[len(suffixes)]
	s.duplicate.storyID = "/story/" + strconv.Itoa(40000+s.duplicate.idx)
	s.duplicate.print = true
	s.byStory[s.duplicate.storyID] = s.duplicate
	s.duplicate.aliases = append(s.duplicate.aliases, s.duplicate.storyID, "/print"+s.duplicate.path)
	s.redirectTo = regular[len(suffixes)+1]
	s.redirectTo.redirects = append(s.redirectTo.redirects, "/old/"+s.redirectTo.slug+".html", "/go/"+s.redirectTo.slug)
	if cfg.Faults {
		gzipBomb() // now, not inside the first request's handler
	}
	return s
}

func siteName(name string) string {
	if name == "news" {
		return "The Daily Meridian"
	}
	return "The " + upperFirst(name) + " Courier"
}

// Name returns the display name of the site ("The Daily Meridian").
func (s *Site) Name() string { return s.name }

// Close unblocks the handlers that wait forever (the page that never
// answers, slow pages, latency). It is safe to call more than once.
func (s *Site) Close() { s.closeOnce.Do(func() { close(s.done) }) }

// Disallowed returns the path prefixes that robots.txt disallows for every
// user agent.
func (s *Site) Disallowed() []string { return []string{"/private/", "/search"} }

// Articles returns the ground truth for every article, newest first. base
// ("http://127.0.0.1:1234") is put in front of every URL.
func (s *Site) Articles(base string) []Expected {
	out := make([]Expected, 0, len(s.arts))
	for _, a := range s.arts {
		e := Expected{
			URL:         base + a.path,
			Title:       a.title,
			Authors:     slices.Clone(a.authors),
			Published:   a.published,
			Modified:    a.modified,
			Language:    a.lang,
			Section:     a.sec.Name,
			Tags:        slices.Clone(a.tags),
			Text:        a.text(),
			Description: a.desc,
			Image:       base + a.image,
			SiteName:    s.name,
			Charset:     a.charset,
			Phrase:      a.phrase,
			Only:        a.only,
			Fault:       a.fault,
			Layout:      layoutNames[a.layout],
		}
		for _, al := range a.aliases {
			e.Aliases = append(e.Aliases, base+al)
		}
		for _, rd := range a.redirects {
			e.Redirects = append(e.Redirects, base+rd)
		}
		out = append(out, e)
	}
	return out
}

// sleep waits for d, the request to end or the site to close. It reports
// whether the full time passed.
func (s *Site) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
	case <-s.done:
	}
	return false
}

// try counts a request to a flaky page and returns its number, from 1.
func (s *Site) try(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tries[path]++
	return s.tries[path]
}

// ServeHTTP serves the site.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.sleep(r.Context(), s.cfg.Latency) {
		abort()
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if s.cfg.Faults && s.serveFault(w, r) {
		return
	}
	switch {
	case p == "/":
		s.serveHome(w, r)
	case p == "/robots.txt":
		s.serveRobots(w, r)
	case p == "/sitemap.xml":
		s.serveSitemapIndex(w, r)
	case p == "/sitemap-articles.xml.gz":
		s.serveSitemapArticles(w, r)
	case p == "/sitemap-news.xml":
		s.serveSitemapNews(w, r)
	case p == "/sitemap-pages.xml":
		s.serveSitemapPages(w, r)
	case p == "/feed.xml":
		s.serveRSS(w, r)
	case p == "/atom.xml":
		s.serveAtom(w, r)
	case p == "/feed.json":
		s.serveJSONFeed(w, r)
	case p == "/static/site.css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Write([]byte(siteCSS))
	case p == "/favicon.ico" || p == "/img/logo.png" || strings.HasPrefix(p, "/img/photo/"):
		s.serveImage(w, r)
	case p == "/files/annual-report-2023.pdf":
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(minimalPDF(s.name + " annual report 2023"))
	case p == "/login":
		s.serveLogin(w, r)
	case p == "/about/" || p == "/contact/" || p == "/newsletter/" || p == "/privacy/" || p == "/terms/" || p == "/careers/":
		s.serveInfo(w, r)
	case p == "/search":
		s.serveSearch(w, r)
	case strings.HasPrefix(p, "/private/"):
		s.servePrivate(w, r)
	case strings.HasPrefix(p, "/tag/"):
		s.serveTag(w, r)
	case strings.HasPrefix(p, "/author/"):
		s.serveAuthor(w, r)
	case strings.HasPrefix(p, "/old/"):
		if a := s.redirectTo; p == "/old/"+a.slug+".html" {
			http.Redirect(w, r, a.path, http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r)
	case strings.HasPrefix(p, "/go/"):
		if a := s.redirectTo; p == "/go/"+a.slug {
			http.Redirect(w, r, "/old/"+a.slug+".html", http.StatusFound)
			return
		}
		s.notFound(w, r)
	case strings.HasPrefix(p, "/story/"):
		if a := s.byStory[p]; a != nil {
			s.serveArticle(w, r, a, false)
			return
		}
		s.notFound(w, r)
	case strings.HasPrefix(p, "/print/"):
		if a := s.byPath[strings.TrimPrefix(p, "/print")]; a != nil && a.print {
			s.serveArticle(w, r, a, true)
			return
		}
		s.notFound(w, r)
	default:
		if a := s.byPath[p]; a != nil {
			s.serveFlakyArticle(w, r, a)
			return
		}
		if sec := s.sectionOf(p); sec != nil {
			s.serveSection(w, r, sec)
			return
		}
		s.notFound(w, r)
	}
}

// serveFlakyArticle serves an article, answering 503 (twice) or 429
// (once) first when the article is one of the flaky ones.
func (s *Site) serveFlakyArticle(w http.ResponseWriter, r *http.Request, a *article) {
	if s.cfg.Faults && a.fault != "" {
		n := s.try(a.path)
		switch {
		case a.fault == "503" && n <= 2:
			w.Header().Set("Retry-After", "1")
			s.errorPage(w, r, http.StatusServiceUnavailable, "Service temporarily unavailable", "We are doing some maintenance. Please try again in a moment.")
			return
		case a.fault == "429" && n <= 1:
			w.Header().Set("Retry-After", "1")
			s.errorPage(w, r, http.StatusTooManyRequests, "Too many requests", "Slow down, please.")
			return
		}
	}
	s.serveArticle(w, r, a, false)
}

func (s *Site) sectionOf(p string) *section {
	for i := range enSections {
		if p == "/"+enSections[i].Slug+"/" {
			return &enSections[i]
		}
	}
	return nil
}

func (s *Site) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "Page not found", "Sorry, we could not find the page you were looking for. It may have been moved or deleted.")
}

// pageNum parses ?page=N (default 1); ok is false for a bad value.
func pageNum(r *http.Request) (int, bool) {
	v := r.URL.Query().Get("page")
	if v == "" {
		return 1, true
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 1
}

// escapeText escapes text for HTML.
func escapeText(s string) string { return html.EscapeString(s) }

// NewHandler returns the fake news site as an http.Handler (a *Site).
func NewHandler(opts ...Option) http.Handler { return NewSite(opts...) }
