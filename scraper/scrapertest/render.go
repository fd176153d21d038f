package scrapertest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// perPage is the number of teasers on a listing page.
const perPage = 10

// page describes the frame around a page's main content.
type page struct {
	title     string // full <title>
	lang      string
	charset   string
	metaOnly  bool // charset only in <meta http-equiv>, not in the header
	canonical string
	desc      string
	head      string // extra head markup (meta tags, JSON-LD)
	bodyClass string
	crumbs    [][2]string // breadcrumb {label, href}
	status    int
	lastMod   time.Time
	noFrame   bool // print pages: no header, sidebar or footer
}

func baseURL(r *http.Request) string { return "http://" + r.Host }

// encoderFor returns the encoder for a charset, nil for UTF-8.
func encoderFor(charset string) *encoding.Encoder {
	switch charset {
	case "windows-1256":
		return charmap.Windows1256.NewEncoder()
	case "iso-8859-1":
		return charmap.ISO8859_1.NewEncoder()
	case "shift_jis":
		return japanese.ShiftJIS.NewEncoder()
	}
	return nil
}

// write frames content and sends it, encoded in the page's charset, with
// an ETag and Last-Modified so that conditional requests get a 304.
func (s *Site) write(w http.ResponseWriter, r *http.Request, p page, content string) {
	var b strings.Builder
	b.Grow(len(content) + 16<<10)
	s.frame(&b, r, p, content)
	body := []byte(b.String())
	if enc := encoderFor(p.charset); enc != nil {
		var err error
		// Text outside the charset (titles of other articles in the
		// sidebar) becomes numeric character references, as a CMS does.
		body, err = encoding.HTMLEscapeUnsupported(enc).Bytes(body)
		if err != nil {
			http.Error(w, "scrapertest: encode page as "+p.charset+": "+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	ct := "text/html; charset=" + p.charset
	if p.metaOnly {
		ct = "text/html"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", "max-age=60")
	if p.status != 0 && p.status != http.StatusOK {
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(p.status)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
		return
	}
	sum := sha256.Sum256(body)
	h.Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	http.ServeContent(w, r, "", p.lastMod, bytes.NewReader(body))
}

var ht = escapeText

func (s *Site) frame(b *strings.Builder, r *http.Request, p page, content string) {
	base := baseURL(r)
	lang := p.lang
	if lang == "" {
		lang = "en"
	}
	dir := "ltr"
	if lang == "ar" {
		dir = "rtl"
	}
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n", lang, dir)
	if p.metaOnly {
		fmt.Fprintf(b, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=%s\">\n", p.charset)
	} else {
		fmt.Fprintf(b, "<meta charset=\"%s\">\n", p.charset)
	}
	fmt.Fprintf(b, "<title>%s</title>\n", ht(p.title))
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	if p.desc != "" {
		fmt.Fprintf(b, "<meta name=\"description\" content=\"%s\">\n", ht(p.desc))
	}
	if p.canonical != "" {
		fmt.Fprintf(b, "<link rel=\"canonical\" href=\"%s\">\n", ht(base+p.canonical))
	}
	b.WriteString(p.head)
	if !p.noFrame {
		fmt.Fprintf(b, "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"%s RSS\" href=\"%s/feed.xml\">\n", ht(s.name), base)
		b.WriteString("<link rel=\"stylesheet\" href=\"/static/site.css\">\n<link rel=\"icon\" href=\"/favicon.ico\">\n")
		b.WriteString("<script>window.dataLayer = window.dataLayer || []; dataLayer.push({'pageType': '" + p.bodyClass + "'});</script>\n")
	}
	fmt.Fprintf(b, "</head>\n<body class=\"%s\">\n", p.bodyClass)
	if p.noFrame {
		b.WriteString(content)
		fmt.Fprintf(b, "<p class=\"print-footer\">&copy; 2024 %s. Printed from %s</p>\n</body>\n</html>\n", ht(s.name), ht(base+p.canonical))
		return
	}
	s.cookieBanner(b)
	s.header(b)
	if len(p.crumbs) > 0 {
		b.WriteString("<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\"><ol>\n<li><a href=\"/\">Home</a></li>\n")
		for _, c := range p.crumbs {
			if c[1] == "" {
				fmt.Fprintf(b, "<li aria-current=\"page\">%s</li>\n", ht(c[0]))
			} else {
				fmt.Fprintf(b, "<li><a href=\"%s\">%s</a></li>\n", c[1], ht(c[0]))
			}
		}
		b.WriteString("</ol></nav>\n")
	}
	b.WriteString("<div class=\"layout\">\n")
	b.WriteString(content)
	s.sidebar(b)
	b.WriteString("</div>\n")
	s.newsletterBox(b)
	s.footer(b)
	b.WriteString("<script src=\"/static/app.js\" defer></script>\n</body>\n</html>\n")
}

func (s *Site) cookieBanner(b *strings.Builder) {
	b.WriteString(`<div class="cookie-banner" id="cookie-consent" role="dialog" aria-label="Cookie consent">
<p>We use cookies and similar technologies to improve your experience, measure our audience and show you personalised advertising. You can change your choices at any time in the privacy settings.</p>
<button class="btn accept">Accept all</button> <button class="btn reject">Reject all</button> <a href="/privacy/">Manage preferences</a>
</div>
`)
}

func (s *Site) header(b *strings.Builder) {
	fmt.Fprintf(b, "<header class=\"site-header\">\n<div class=\"topbar\"><span class=\"today\">Friday edition</span> <a href=\"/newsletter/\">Newsletters</a> <a href=\"/login\">Sign in</a> <a class=\"subscribe\" href=\"/newsletter/\">Subscribe</a></div>\n")
	fmt.Fprintf(b, "<a class=\"logo\" href=\"/\"><img src=\"/img/logo.png\" alt=\"%s\" width=\"180\" height=\"40\"></a>\n", ht(s.name))
	b.WriteString("<nav class=\"main-nav\" aria-label=\"Sections\"><ul>\n<li><a href=\"/\">Home</a></li>\n")
	for _, sec := range enSections {
		fmt.Fprintf(b, "<li><a href=\"/%s/\">%s</a></li>\n", sec.Slug, sec.Name)
	}
	b.WriteString("</ul></nav>\n<form class=\"search\" action=\"/search\" method=\"get\"><input type=\"search\" name=\"q\" placeholder=\"Search\"><button>Search</button></form>\n")
	b.WriteString("<a class=\"search-link\" href=\"/search?q=weather\">Weather</a>\n</header>\n")
}

// mostRead picks five linked articles for the sidebar.
func (s *Site) mostRead() []*article {
	var out []*article
	for _, k := range []int{2, 5, 9, 14, 20} {
		if k < len(s.linked) {
			out = append(out, s.linked[k])
		}
	}
	return out
}

func (s *Site) sidebar(b *strings.Builder) {
	b.WriteString("<aside class=\"sidebar\">\n<section class=\"most-read\"><h3>Most read</h3><ol>\n")
	for _, a := range s.mostRead() {
		fmt.Fprintf(b, "<li><a href=\"%s\">%s</a></li>\n", a.path, ht(a.title))
	}
	b.WriteString("</ol></section>\n")
	b.WriteString("<section class=\"coming-soon\"><h3>Coming soon</h3><p><a href=\"/private/drafts/embargoed-budget.html\">Budget preview (embargoed)</a></p></section>\n")
	b.WriteString("<div class=\"ad-slot ad-sidebar\" data-ad-unit=\"sidebar-mpu\"><span class=\"ad-label\">Advertisement</span></div>\n</aside>\n")
}

func (s *Site) newsletterBox(b *strings.Builder) {
	b.WriteString(`<section class="newsletter-box">
<h3>The Morning Briefing</h3>
<p>The day's essential stories, in your inbox before seven. Free, every weekday.</p>
<form action="/newsletter/" method="get"><input type="email" name="email" placeholder="Your e-mail address"><button>Sign up</button></form>
</section>
`)
}

func (s *Site) footer(b *strings.Builder) {
	b.WriteString("<footer class=\"site-footer\">\n<div class=\"footer-col\"><h4>Sections</h4><ul>\n")
	for _, sec := range enSections {
		fmt.Fprintf(b, "<li><a href=\"/%s/\">%s</a></li>\n", sec.Slug, sec.Name)
	}
	b.WriteString(`</ul></div>
<div class="footer-col"><h4>About us</h4><ul>
<li><a href="/about/">About</a></li>
<li><a href="/contact/">Contact</a></li>
<li><a href="/careers/">Careers</a></li>
<li><a href="/files/annual-report-2023.pdf">Annual report (PDF)</a></li>
<li><a href="/img/logo.png">Press kit</a></li>
<li><a href="/private/">Staff area</a></li>
</ul></div>
<div class="footer-col"><h4>Legal</h4><ul>
<li><a href="/privacy/">Privacy policy</a></li>
<li><a href="/terms/">Terms of use</a></li>
<li><a href="/privacy/#cookies">Cookie settings</a></li>
</ul></div>
<div class="footer-col"><h4>Follow us</h4><ul>
<li><a href="/feed.xml">RSS</a></li>
<li><a href="/atom.xml">Atom</a></li>
<li><a href="https://social.example/dailymeridian" rel="me">Social</a></li>
<li><a href="https://video.example/@dailymeridian">Video</a></li>
</ul></div>
`)
	fmt.Fprintf(b, "<p class=\"copyright\">&copy; 2024 %s. All rights reserved. Registered office: 1 Quay Street, Harrowgate.</p>\n</footer>\n", ht(s.name))
}

// teaser writes a listing entry for a.
func teaser(b *strings.Builder, a *article, href string) {
	fmt.Fprintf(b, "<article class=\"teaser\">\n<h2><a href=\"%s\">%s</a></h2>\n<p class=\"excerpt\">%s</p>\n", href, ht(a.title), ht(a.desc))
	fmt.Fprintf(b, "<p class=\"teaser-meta\"><time datetime=\"%s\">%s</time> &middot; %s &middot; <a href=\"%s#comments\">%s</a></p>\n</article>\n",
		a.published.Format(time.RFC3339), a.published.Format("2 Jan 2006"), ht(strings.Join(a.authors, ", ")), a.path, plural(a.comments, "comment"))
}

// pagination writes links to every page, so that all pages are one hop
// from the first.
func pagination(b *strings.Builder, cur, last int, href func(int) string) {
	if last <= 1 {
		return
	}
	b.WriteString("<nav class=\"pagination\" aria-label=\"Pages\">\n")
	if cur > 1 {
		fmt.Fprintf(b, "<a rel=\"prev\" href=\"%s\">&laquo; Newer</a>\n", href(cur-1))
	}
	for i := 1; i <= last; i++ {
		if i == cur {
			fmt.Fprintf(b, "<span class=\"current\">%d</span>\n", i)
		} else {
			fmt.Fprintf(b, "<a href=\"%s\">%d</a>\n", href(i), i)
		}
	}
	if cur < last {
		fmt.Fprintf(b, "<a rel=\"next\" href=\"%s\">Older &raquo;</a>\n", href(cur+1))
	}
	b.WriteString("</nav>\n")
}

func (s *Site) serveHome(w http.ResponseWriter, r *http.Request) {
	base := baseURL(r)
	var b strings.Builder
	b.WriteString("<main id=\"main\" class=\"home\">\n<section class=\"top-stories\"><h2 class=\"section-title\">Latest</h2>\n")
	for _, a := range s.linked[:min(20, len(s.linked))] {
		teaser(&b, a, a.path)
	}
	b.WriteString("</section>\n")
	for _, sec := range enSections {
		list := s.bySec[sec.Slug]
		fmt.Fprintf(&b, "<section class=\"section-block\"><h2><a href=\"/%s/\">%s</a></h2><ul>\n", sec.Slug, sec.Name)
		for _, a := range list[:min(3, len(list))] {
			fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", a.path, ht(a.title))
		}
		b.WriteString("</ul>")
		if len(list) > perPage { // only sections with a second page link to it
			fmt.Fprintf(&b, "<a class=\"more\" href=\"/%s/?page=2\">More %s</a>", sec.Slug, sec.Name)
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("<section class=\"trending\"><h2>Trending</h2><ul>\n")
	for _, v := range s.variants {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", ht(v.a.path+v.suffix), ht(v.a.title))
	}
	// A link with dot segments: it resolves to the article's own URL.
	a := s.variants[0].a
	fmt.Fprintf(&b, "<li><a href=\"/%s/..%s\">%s (analysis)</a></li>\n", a.sec.Slug, a.path, ht(a.title))
	b.WriteString("</ul></section>\n")
	d := s.duplicate
	fmt.Fprintf(&b, "<section class=\"editors-pick\"><h2>Editor's pick</h2><p><a href=\"%s\">%s</a></p></section>\n", d.storyID, ht(d.title))
	b.WriteString("<section class=\"corrections\"><h2>Corrections and updates</h2><ul>\n")
	fmt.Fprintf(&b, "<li><a href=\"/2023/02/30/this-story-was-removed.html\">A story we have withdrawn</a></li>\n")
	fmt.Fprintf(&b, "<li><a href=\"/old/%s.html\">%s (updated)</a></li>\n", s.redirectTo.slug, ht(s.redirectTo.title))
	fmt.Fprintf(&b, "<li><a href=\"/go/%s\">Short link: %s</a></li>\n", s.redirectTo.slug, ht(s.redirectTo.title))
	b.WriteString("</ul></section>\n")
	if s.cfg.Faults {
		b.WriteString(faultLinks)
	}
	b.WriteString("</main>\n")
	head := fmt.Sprintf("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom\" href=\"%s/atom.xml\">\n", base) +
		fmt.Sprintf("<link rel=\"alternate\" type=\"application/feed+json\" title=\"JSON Feed\" href=\"%s/feed.json\">\n", base) +
		fmt.Sprintf("<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:site_name\" content=\"%s\">\n", ht(s.name))
	s.write(w, r, page{
		title: s.name + " | News, analysis and opinion", charset: "utf-8", canonical: "/",
		desc: "Independent news from " + s.name + ".", head: head, bodyClass: "home-page",
	}, b.String())
}

func (s *Site) serveSection(w http.ResponseWriter, r *http.Request, sec *section) {
	n, ok := pageNum(r)
	list := s.bySec[sec.Slug]
	last := max(1, (len(list)+perPage-1)/perPage)
	if !ok || n > last {
		s.notFound(w, r)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<main id=\"main\" class=\"section\">\n<h1 class=\"section-title\">%s</h1>\n", sec.Name)
	for _, a := range list[(n-1)*perPage : min(n*perPage, len(list))] {
		teaser(&b, a, a.path)
	}
	pagination(&b, n, last, func(i int) string {
		if i == 1 {
			return "/" + sec.Slug + "/"
		}
		return "/" + sec.Slug + "/?page=" + strconv.Itoa(i)
	})
	b.WriteString("</main>\n")
	canon := "/" + sec.Slug + "/"
	title := sec.Name + " | " + s.name
	if n > 1 {
		canon += "?page=" + strconv.Itoa(n)
		title = sec.Name + " (page " + strconv.Itoa(n) + ") | " + s.name
	}
	s.write(w, r, page{title: title, charset: "utf-8", canonical: canon, bodyClass: "section-page",
		crumbs: [][2]string{{sec.Name, ""}}}, b.String())
}

func (s *Site) serveTag(w http.ResponseWriter, r *http.Request) {
	// /tag/<tag>/ or /tag/<tag>/page/<n>/
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/tag/"), "/"), "/")
	list := s.byTag[parts[0]]
	n := 1
	switch {
	case len(list) == 0 || !strings.HasSuffix(r.URL.Path, "/"):
		s.notFound(w, r)
		return
	case len(parts) == 3 && parts[1] == "page":
		var err error
		if n, err = strconv.Atoi(parts[2]); err != nil || n < 2 {
			s.notFound(w, r)
			return
		}
	case len(parts) != 1:
		s.notFound(w, r)
		return
	}
	last := (len(list) + perPage - 1) / perPage
	if n > last {
		s.notFound(w, r)
		return
	}
	tag := parts[0]
	var b strings.Builder
	fmt.Fprintf(&b, "<main id=\"main\" class=\"tag\">\n<h1 class=\"section-title\">Tagged: %s</h1>\n", ht(tag))
	for _, a := range list[(n-1)*perPage : min(n*perPage, len(list))] {
		teaser(&b, a, a.path)
	}
	pagination(&b, n, last, func(i int) string {
		if i == 1 {
			return "/tag/" + tag + "/"
		}
		return "/tag/" + tag + "/page/" + strconv.Itoa(i) + "/"
	})
	b.WriteString("</main>\n")
	s.write(w, r, page{title: "Tagged " + tag + " | " + s.name, charset: "utf-8", canonical: r.URL.Path,
		bodyClass: "tag-page", crumbs: [][2]string{{"Tags", ""}, {tag, ""}}}, b.String())
}

func (s *Site) serveAuthor(w http.ResponseWriter, r *http.Request) {
	slug := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/author/"), "/")
	list := s.byAuthor[slug]
	if len(list) == 0 || r.URL.Path != "/author/"+slug+"/" {
		s.notFound(w, r)
		return
	}
	name := s.authorOf[slug]
	var b strings.Builder
	fmt.Fprintf(&b, "<main id=\"main\" class=\"author\">\n<h1>%s</h1>\n<p class=\"author-bio\">%s</p>\n", ht(name), ht(authorBio(name)))
	for _, a := range list {
		teaser(&b, a, a.path)
	}
	b.WriteString("</main>\n")
	s.write(w, r, page{title: name + " | " + s.name, charset: "utf-8", canonical: r.URL.Path,
		bodyClass: "author-page", crumbs: [][2]string{{"Authors", ""}, {name, ""}}}, b.String())
}

func authorBio(name string) string {
	for _, a := range enAuthors {
		if a.Name == name {
			return a.Bio
		}
	}
	return name + " writes for our international pages."
}

// related returns up to four other linked articles of a's section.
func (s *Site) related(a *article) []*article {
	list := s.bySec[a.sec.Slug]
	var out []*article
	start := 0
	for i, x := range list {
		if x == a {
			start = i + 1
		}
	}
	for k := 0; k < len(list) && len(out) < 4; k++ {
		x := list[(start+k)%len(list)]
		if x != a {
			out = append(out, x)
		}
	}
	return out
}

func (a *article) monthsFor() []string {
	switch a.lang {
	case "fr":
		return frBank.Months
	case "de":
		return deBank.Months
	}
	return months
}

// displayDate is the visible date line, in the article's language.
func (a *article) displayDate() string {
	t := a.published
	switch a.lang {
	case "ja":
		return fmt.Sprintf("%d年%d月%d日 %02d:%02d", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
	case "ar":
		return t.Format("2006/01/02 15:04")
	case "fr", "de":
		return fmt.Sprintf("%d %s %d, %02d:%02d", t.Day(), a.monthsFor()[t.Month()-1], t.Year(), t.Hour(), t.Minute())
	}
	switch a.layout {
	case 0:
		return t.Format("Monday 2 January 2006 15.04 MST")
	case 1:
		return t.Format("January 2, 2006 3:04 PM")
	}
	return t.Format("2006-01-02")
}

// byline is the visible byline, with links to author pages.
func (a *article) byline() string {
	by, and := "By", "and"
	switch a.lang {
	case "fr":
		by, and = frBank.Byline, frBank.And
	case "de":
		by, and = deBank.Byline, deBank.And
	case "ar":
		by, and = "بقلم", "و"
	case "ja":
		by, and = "文・", "、"
	}
	names := make([]string, len(a.authors))
	for i, n := range a.authors {
		if slug := slugify(n); slug != "" {
			names[i] = fmt.Sprintf("<a rel=\"author\" href=\"/author/%s/\">%s</a>", slug, ht(n))
		} else {
			names[i] = ht(n)
		}
	}
	return by + " " + strings.Join(names, " "+and+" ")
}

// bodyHTML renders the blocks; hook is called after each paragraph with
// its number, to interleave boilerplate.
func (a *article) bodyHTML(b *strings.Builder, indent string, hook func(p int)) {
	p := 0
	for _, bl := range a.blocks {
		switch bl.kind {
		case 'p':
			h := bl.html
			if h == "" {
				h = ht(bl.text)
			}
			fmt.Fprintf(b, "%s<p>%s</p>\n", indent, h)
			if hook != nil {
				hook(p)
			}
			p++
		case 'h':
			fmt.Fprintf(b, "%s<h2>%s</h2>\n", indent, ht(bl.text))
		case 'l':
			fmt.Fprintf(b, "%s<ul>\n", indent)
			for _, it := range bl.items {
				fmt.Fprintf(b, "%s  <li>%s</li>\n", indent, ht(it))
			}
			fmt.Fprintf(b, "%s</ul>\n", indent)
		case 'q':
			fmt.Fprintf(b, "%s<blockquote><p>%s</p></blockquote>\n", indent, ht(bl.text))
		}
	}
}

// jsonLD returns the NewsArticle object for a.
func (s *Site) jsonLD(a *article, base string) map[string]any {
	var authors []any
	for _, n := range a.authors {
		au := map[string]any{"@type": "Person", "name": n}
		if slug := slugify(n); slug != "" {
			au["url"] = base + "/author/" + slug + "/"
		}
		authors = append(authors, au)
	}
	obj := map[string]any{
		"@type":            "NewsArticle",
		"headline":         a.title,
		"description":      a.desc,
		"datePublished":    a.published.Format(time.RFC3339),
		"articleSection":   a.sec.Name,
		"keywords":         a.tags,
		"inLanguage":       a.lang,
		"image":            []string{base + a.image},
		"mainEntityOfPage": map[string]any{"@type": "WebPage", "@id": base + a.path},
		"author":           authors,
		"publisher": map[string]any{"@type": "Organization", "name": s.name,
			"logo": map[string]any{"@type": "ImageObject", "url": base + "/img/logo.png"}},
	}
	if !a.modified.IsZero() {
		obj["dateModified"] = a.modified.Format(time.RFC3339)
	}
	if a.layout == 2 {
		// The minimal layout uses the looser forms found in the wild.
		if len(authors) == 1 {
			obj["author"] = authors[0]
		}
		obj["keywords"] = strings.Join(a.tags, ", ")
		obj["image"] = base + a.image
	}
	return obj
}

func ldScript(v any) string {
	j, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err) // only maps of strings and slices: cannot fail
	}
	return "<script type=\"application/ld+json\">\n" + string(j) + "\n</script>\n"
}

// serveArticle renders an article page, or its print version.
func (s *Site) serveArticle(w http.ResponseWriter, r *http.Request, a *article, print bool) {
	base := baseURL(r)
	var head strings.Builder
	fmt.Fprintf(&head, "<meta name=\"author\" content=\"%s\">\n", ht(strings.Join(a.authors, ", ")))
	fmt.Fprintf(&head, "<meta name=\"keywords\" content=\"%s\">\n", ht(strings.Join(a.tags, ",")))
	fmt.Fprintf(&head, "<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"%s\">\n", ht(a.title))
	fmt.Fprintf(&head, "<meta property=\"og:description\" content=\"%s\">\n", ht(a.desc))
	fmt.Fprintf(&head, "<meta property=\"og:url\" content=\"%s\">\n", ht(base+a.path))
	fmt.Fprintf(&head, "<meta property=\"og:image\" content=\"%s\">\n", ht(base+a.image))
	fmt.Fprintf(&head, "<meta property=\"og:site_name\" content=\"%s\">\n", ht(s.name))
	fmt.Fprintf(&head, "<meta property=\"article:published_time\" content=\"%s\">\n", a.published.Format(time.RFC3339))
	if !a.modified.IsZero() {
		fmt.Fprintf(&head, "<meta property=\"article:modified_time\" content=\"%s\">\n", a.modified.Format(time.RFC3339))
	}
	fmt.Fprintf(&head, "<meta property=\"article:section\" content=\"%s\">\n", ht(a.sec.Name))
	for _, t := range a.tags {
		fmt.Fprintf(&head, "<meta property=\"article:tag\" content=\"%s\">\n", ht(t))
	}
	head.WriteString("<meta name=\"twitter:card\" content=\"summary_large_image\">\n")
	ld := s.jsonLD(a, base)
	if a.layout == 1 {
		ld["@id"] = base + a.path + "#article"
		ld["isPartOf"] = map[string]any{"@id": base + a.path}
		graph := []any{
			map[string]any{"@type": "Organization", "@id": base + "/#org", "name": s.name, "url": base + "/"},
			map[string]any{"@type": "WebSite", "@id": base + "/#website", "name": s.name, "url": base + "/"},
			map[string]any{"@type": "WebPage", "@id": base + a.path, "url": base + a.path, "name": a.title},
			map[string]any{"@type": "BreadcrumbList", "itemListElement": []any{
				map[string]any{"@type": "ListItem", "position": 1, "name": "Home", "item": base + "/"},
				map[string]any{"@type": "ListItem", "position": 2, "name": a.sec.Name, "item": base + "/" + a.sec.Slug + "/"},
			}},
			ld,
		}
		head.WriteString(ldScript(map[string]any{"@context": "https://schema.org", "@graph": graph}))
	} else {
		ld["@context"] = "https://schema.org"
		head.WriteString(ldScript(ld))
	}

	var b strings.Builder
	switch {
	case print:
		fmt.Fprintf(&b, "<h1>%s</h1>\n<p class=\"byline\">%s &middot; %s</p>\n<div class=\"print-body\">\n", ht(a.title), a.byline(), ht(a.displayDate()))
		a.bodyHTML(&b, "", nil)
		b.WriteString("</div>\n")
	case a.layout == 0:
		s.classic(&b, a)
	case a.layout == 1:
		s.magazine(&b, a)
	default:
		s.minimal(&b, a)
	}
	lastMod := a.published
	if !a.modified.IsZero() {
		lastMod = a.modified
	}
	s.write(w, r, page{
		title: a.title + " | " + s.name, lang: a.lang, charset: a.charset, metaOnly: a.metaOnly,
		canonical: a.path, desc: a.desc, head: head.String(), bodyClass: "article-page " + layoutNames[a.layout],
		crumbs: [][2]string{{a.sec.Name, "/" + a.sec.Slug + "/"}}, lastMod: lastMod, noFrame: print,
	}, b.String())
}

func (s *Site) shareBar(b *strings.Builder, a *article) {
	b.WriteString("<div class=\"share-bar\" aria-label=\"Share this article\"><span>Share</span>\n")
	fmt.Fprintf(b, "<a class=\"share-fb\" href=\"https://social.example/share?u=%s\">Facebook</a>\n", a.path)
	fmt.Fprintf(b, "<a class=\"share-x\" href=\"https://microblog.example/intent?url=%s\">X</a>\n", a.path)
	fmt.Fprintf(b, "<a class=\"share-mail\" href=\"mailto:?subject=%s\">E-mail</a>\n", ht(strings.ReplaceAll(a.title, " ", "%20")))
	if a.print {
		fmt.Fprintf(b, "<a class=\"share-print\" href=\"/print%s\">Print</a>\n", a.path)
	}
	b.WriteString("</div>\n")
}

func (s *Site) relatedBox(b *strings.Builder, a *article) {
	b.WriteString("<aside class=\"related\"><h3>Related articles</h3><ul>\n")
	for _, x := range s.related(a) {
		fmt.Fprintf(b, "<li><a href=\"%s\">%s</a> <span class=\"date\">%s</span></li>\n", x.path, ht(x.title), x.published.Format("2 Jan"))
	}
	b.WriteString("</ul></aside>\n")
}

func (s *Site) comments(b *strings.Builder, a *article) {
	fmt.Fprintf(b, "<section class=\"comments\" id=\"comments\"><h3>%s</h3>\n", plural(a.comments, "comment"))
	for k := range min(3, a.comments) {
		c := enComments[(a.idx+k)%len(enComments)]
		fmt.Fprintf(b, "<div class=\"comment\"><p class=\"comment-author\">reader%d</p><p class=\"comment-text\">%s</p><a href=\"/login\">Reply</a></div>\n", 100+a.idx*3+k, ht(c))
	}
	b.WriteString("<p><a href=\"/login\">Sign in to comment</a></p></section>\n")
}

func (s *Site) authorBox(b *strings.Builder, a *article) {
	for _, n := range a.authors {
		fmt.Fprintf(b, "<aside class=\"author-box\"><p class=\"author-name\">%s</p><p class=\"author-bio\">%s</p></aside>\n", ht(n), ht(authorBio(n)))
	}
}

func (s *Site) tagList(b *strings.Builder, a *article) {
	b.WriteString("<div class=\"article-tags\"><span>Topics:</span>\n")
	for _, t := range a.tags {
		fmt.Fprintf(b, "<a href=\"/tag/%s/\">%s</a>\n", t, ht(t))
	}
	b.WriteString("</div>\n")
}

func (s *Site) figure(b *strings.Builder, a *article) {
	fmt.Fprintf(b, "<figure class=\"lead-image\"><img src=\"%s\" alt=\"\" width=\"1200\" height=\"675\"><figcaption>A view of the scene earlier this week. <span class=\"credit\">Photo: Meridian Pictures</span></figcaption></figure>\n", a.image)
}

// classic: semantic <article> markup, inline newsletter promo.
func (s *Site) classic(b *strings.Builder, a *article) {
	b.WriteString("<main id=\"main\">\n<article class=\"article\">\n<header class=\"article-header\">\n")
	fmt.Fprintf(b, "<a class=\"kicker\" href=\"/%s/\">%s</a>\n<h1 class=\"headline\">%s</h1>\n", a.sec.Slug, a.sec.Name, ht(a.title))
	fmt.Fprintf(b, "<div class=\"byline\">%s</div>\n<time datetime=\"%s\">%s</time>\n</header>\n", a.byline(), a.published.Format(time.RFC3339), ht(a.displayDate()))
	s.figure(b, a)
	s.shareBar(b, a)
	b.WriteString("<div class=\"article-body\">\n")
	a.bodyHTML(b, "", func(p int) {
		switch p {
		case 2:
			b.WriteString("<aside class=\"newsletter-inline\"><p>Enjoying this story? Get the Morning Briefing every weekday.</p><a href=\"/newsletter/\">Sign up</a></aside>\n")
		case 4:
			// A pull quote repeats a line of the story: not part of the text.
			fmt.Fprintf(b, "<aside class=\"pullquote\"><p>%s</p></aside>\n", ht(a.desc))
		}
	})
	b.WriteString("</div>\n")
	s.tagList(b, a)
	s.authorBox(b, a)
	b.WriteString("</article>\n")
	s.relatedBox(b, a)
	s.comments(b, a)
	b.WriteString("</main>\n")
}

// magazine: div soup, ads and a "read more" line inside the body.
func (s *Site) magazine(b *strings.Builder, a *article) {
	rel := s.related(a)
	b.WriteString("<div class=\"page-wrap\"><div class=\"container\"><div class=\"row\"><div class=\"col-main\">\n")
	fmt.Fprintf(b, "<div class=\"story-header\"><span class=\"story-section\"><a href=\"/%s/\">%s</a></span>\n<div class=\"story-title\"><h1>%s</h1></div>\n", a.sec.Slug, a.sec.Name, ht(a.title))
	fmt.Fprintf(b, "<div class=\"story-meta\"><span class=\"author-name\">%s</span> <span class=\"date\">Published <time datetime=\"%s\">%s</time></span></div></div>\n", a.byline(), a.published.Format(time.RFC3339), ht(a.displayDate()))
	s.shareBar(b, a)
	b.WriteString("<div class=\"story-content\">\n")
	a.bodyHTML(b, "    ", func(p int) {
		switch p {
		case 0:
			s.figure(b, a)
		case 1:
			b.WriteString("    <div class=\"ad-slot ad-inline\" data-ad-unit=\"inarticle-1\"><span class=\"ad-label\">Advertisement</span></div>\n")
		case 3:
			if len(rel) > 0 {
				fmt.Fprintf(b, "    <p class=\"read-more\"><strong>Read more:</strong> <a href=\"%s\">%s</a></p>\n", rel[0].path, ht(rel[0].title))
			}
		}
	})
	b.WriteString("</div>\n")
	s.tagList(b, a)
	b.WriteString("</div></div></div></div>\n")
	b.WriteString("<main id=\"main\" class=\"below-story\">\n")
	s.authorBox(b, a)
	s.relatedBox(b, a)
	s.comments(b, a)
	b.WriteString("</main>\n")
}

// minimal: schema.org microdata, byline inside the body container.
func (s *Site) minimal(b *strings.Builder, a *article) {
	b.WriteString("<main id=\"main\">\n<article itemscope itemtype=\"https://schema.org/NewsArticle\">\n")
	fmt.Fprintf(b, "<h1 itemprop=\"headline\">%s</h1>\n", ht(a.title))
	s.shareBar(b, a)
	b.WriteString("<div class=\"entry\">\n<p class=\"meta\">")
	for i, n := range a.authors {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "<span itemprop=\"author\" itemscope itemtype=\"https://schema.org/Person\"><span itemprop=\"name\">%s</span></span>", ht(n))
	}
	fmt.Fprintf(b, " | <time itemprop=\"datePublished\" datetime=\"%s\">%s</time></p>\n", a.published.Format(time.RFC3339), ht(a.displayDate()))
	b.WriteString("<div itemprop=\"articleBody\">\n")
	if a.idx%2 == 1 {
		// A byline and dateline repeated inside the body container.
		fmt.Fprintf(b, "  <p class=\"dateline\">%s &middot; %s</p>\n", a.byline(), ht(a.displayDate()))
	}
	a.bodyHTML(b, "  ", nil)
	b.WriteString("</div>\n</div>\n")
	s.tagList(b, a)
	b.WriteString("</article>\n")
	s.relatedBox(b, a)
	s.authorBox(b, a)
	s.comments(b, a)
	b.WriteString("</main>\n")
}

// errorPage answers status with a framed page.
func (s *Site) errorPage(w http.ResponseWriter, r *http.Request, status int, title, msg string) {
	content := fmt.Sprintf("<main id=\"main\" class=\"error\">\n<h1>%s</h1>\n<p>%s</p>\n<p><a href=\"/\">Back to the front page</a></p>\n</main>\n", ht(title), ht(msg))
	s.write(w, r, page{title: title + " | " + s.name, charset: "utf-8", bodyClass: "error-page", status: status}, content)
}

var infoPages = map[string][2]string{
	"/about/":      {"About us", "The Daily Meridian is an independent newsroom founded by a group of local reporters. We cover the towns of the northern coast and the wider world, and we are funded by our readers. Our annual report is available as a PDF from the footer of every page."},
	"/contact/":    {"Contact", "Newsroom: 1 Quay Street, Harrowgate. Telephone +00 1234 5678. Tips can be sent to the newsroom by post or through our secure drop box."},
	"/newsletter/": {"Newsletters", "Choose from the Morning Briefing, the Weekend Read and the Sport Round-up. You can unsubscribe at any time."},
	"/privacy/":    {"Privacy policy", "We collect as little data as we can. Cookies are used to remember your preferences and, with your consent, to measure our audience."},
	"/terms/":      {"Terms of use", "All content is protected by copyright. You may share links to our articles freely."},
	"/careers/":    {"Careers", "We are not recruiting at the moment. Internship applications open every spring."},
}

func (s *Site) serveInfo(w http.ResponseWriter, r *http.Request) {
	pg := infoPages[r.URL.Path]
	content := fmt.Sprintf("<main id=\"main\" class=\"info\">\n<h1>%s</h1>\n<p>%s</p>\n", ht(pg[0]), ht(strings.ReplaceAll(pg[1], "The Daily Meridian", s.name)))
	if r.URL.Path == "/about/" {
		content += "<p><a href=\"/files/annual-report-2023.pdf\">Download the annual report 2023 (PDF, 1 page)</a></p>\n"
	}
	content += "</main>\n"
	s.write(w, r, page{title: pg[0] + " | " + s.name, charset: "utf-8", canonical: r.URL.Path, bodyClass: "info-page",
		crumbs: [][2]string{{pg[0], ""}}}, content)
}

func (s *Site) serveLogin(w http.ResponseWriter, r *http.Request) {
	content := `<main id="main" class="login">
<h1>Sign in</h1>
<form action="/login" method="post">
<label>E-mail <input type="email" name="email"></label>
<label>Password <input type="password" name="password"></label>
<button type="submit">Sign in</button>
</form>
<p><a href="/newsletter/">Not a subscriber yet?</a></p>
</main>
`
	s.write(w, r, page{title: "Sign in | " + s.name, charset: "utf-8", canonical: "/login", bodyClass: "login-page"}, content)
}

func (s *Site) serveSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	var b strings.Builder
	fmt.Fprintf(&b, "<main id=\"main\" class=\"search\">\n<h1>Search results for %q</h1>\n", ht(q))
	for _, a := range s.linked[:min(5, len(s.linked))] {
		teaser(&b, a, a.path)
	}
	b.WriteString("<p><a href=\"/search?q=" + ht(q) + "&amp;page=2\">More results</a></p>\n</main>\n")
	s.write(w, r, page{title: "Search | " + s.name, charset: "utf-8", bodyClass: "search-page"}, b.String())
}

// servePrivate serves the pages robots.txt forbids: a polite crawler never
// sees them.
func (s *Site) servePrivate(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/private/":
		content := "<main id=\"main\"><h1>Staff area</h1><ul>\n<li><a href=\"/private/drafts/embargoed-budget.html\">Embargoed: budget preview</a></li>\n<li><a href=\"/private/rota.html\">Weekend rota</a></li>\n</ul></main>\n"
		s.write(w, r, page{title: "Staff area | " + s.name, charset: "utf-8", bodyClass: "private"}, content)
	case "/private/drafts/embargoed-budget.html", "/private/rota.html":
		content := "<main id=\"main\"><article><h1>DRAFT: not for publication</h1><p>This page is embargoed and must never appear in an archive. Crawlers that obey robots.txt do not fetch it.</p><p><a href=\"/private/\">Back to the staff area</a></p></article></main>\n"
		s.write(w, r, page{title: "Draft | " + s.name, charset: "utf-8", bodyClass: "private"}, content)
	default:
		s.notFound(w, r)
	}
}

const siteCSS = `body{font-family:Georgia,serif;margin:0}.layout{display:flex;gap:2rem;max-width:72rem;margin:auto}
main{flex:3}.sidebar{flex:1}.cookie-banner{position:fixed;bottom:0;background:#222;color:#fff;padding:1rem}
.ad-slot{min-height:250px;background:#eee}.share-bar a{margin-right:.5rem}.site-footer{background:#111;color:#ccc}
`

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
