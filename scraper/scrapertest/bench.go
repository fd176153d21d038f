package scrapertest

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchPerList is the number of article links on a bench listing page.
const benchPerList = 100

// BenchPage is the shape of a bench article page.
type BenchPage struct {
	// Size is the page's size in bytes, about; 60,000 when zero.
	Size int
	// Text is the article body's size in bytes, about; 4,000 when zero.
	// Real news pages carry little text for their size: on the 181 pages
	// of shared/extraction-bench the median article body is 3.2 KB in
	// 115 KB of HTML (2.9%), of which 34% is script and style, with 135
	// links. The default page follows those proportions. A Text close to
	// Size gives a page that is almost all article text, as a stress case.
	Text int
}

func (p BenchPage) withDefaults() BenchPage {
	if p.Size <= 0 {
		p.Size = 60000
	}
	p.Size = max(p.Size, 4096)
	if p.Text <= 0 {
		p.Text = 4000
	}
	return p
}

// NewBenchServer starts a site for the crawler benchmark: n article pages
// shaped by page, in the markup of a real news page (JSON-LD, OpenGraph,
// inline script and style, a navigation menu, ad slots, an article body,
// related and most-read teasers, a footer), linked from listing pages
// /list/1/ ... that the home page links all at once, so every article is
// two hops from "/". Pages are generated on the fly, cheaply and
// deterministically; robots.txt allows everything and has no Crawl-delay.
//
// Its Articles have every field but Text, which would take n*page.Text
// bytes. It keeps no request log (Requests is empty), so that the memory a
// benchmark measures is the crawler's.
func NewBenchServer(tb testing.TB, n int, page BenchPage) *Server {
	tb.Helper()
	return serve(tb, newBenchSite(n, page), "")
}

// benchSite is the handler of NewBenchServer.
type benchSite struct {
	n     int
	page  BenchPage
	seed  uint64
	paras []string // paragraph HTML
	pool  sync.Pool
	done  chan struct{}
	once  sync.Once
}

func newBenchSite(n int, page BenchPage) *benchSite {
	b := &benchSite{n: max(n, 1), page: page.withDefaults(), seed: seedOf("bench"), done: make(chan struct{})}
	b.pool.New = func() any { return new(bytes.Buffer) }
	r := rand.New(rand.NewPCG(b.seed, 0))
	all := append([]string(nil), enGeneric...)
	for _, sec := range enSections {
		all = append(all, sec.Sentences...)
	}
	f := &filler{r: r, months: months, fixed: map[string]string{
		"name": "Harbour", "noun": "project", "phrase": "harbour project",
		"person": "Agnes Hollander", "person2": "Hugo Penrose", "city": "Port Ellis", "city2": "Karsvik",
	}}
	for range 256 {
		var p []string
		for range 3 + r.IntN(3) {
			p = append(p, f.fill(all[r.IntN(len(all))]))
		}
		b.paras = append(b.paras, "<p>"+ht(strings.Join(p, " "))+"</p>\n")
	}
	return b
}

func (b *benchSite) Close()               { b.once.Do(func() { close(b.done) }) }
func (b *benchSite) Disallowed() []string { return nil }

// meta returns the metadata of bench article i.
func (b *benchSite) meta(i int) (path, title, phrase string, sec *section, authors []string, published time.Time) {
	sec = &enSections[i%len(enSections)]
	name := uniqueName(i, b.seed)
	np := sec.Nouns[(i/len(enSections))%len(sec.Nouns)]
	title = upperFirst(strings.NewReplacer("{name}", name, "{noun}", np[1], "{city}", towns[i%len(towns)]).Replace(sec.Titles[i%len(sec.Titles)]))
	phrase = name + " " + np[0] + " " + np[1]
	authors = []string{enAuthors[i%len(enAuthors)].Name}
	published = siteEpoch.Add(-time.Duration(i) * 31 * time.Minute).In(zones[0])
	path = fmt.Sprintf("/%04d/%02d/%02d/bench-story-%d.html", published.Year(), published.Month(), published.Day(), i)
	return
}

// Articles returns the ground truth without Text.
func (b *benchSite) Articles(base string) []Expected {
	out := make([]Expected, b.n)
	for i := range b.n {
		path, title, phrase, sec, authors, pub := b.meta(i)
		out[i] = Expected{URL: base + path, Title: title, Authors: authors, Published: pub, Language: "en",
			Section: sec.Name, Tags: sec.Tags[:2], Image: base + "/img/photo/1.jpg", SiteName: "The Bench Courier",
			Charset: "utf-8", Phrase: phrase, Layout: "classic"}
	}
	return out
}

func (b *benchSite) lists() int { return (b.n + benchPerList - 1) / benchPerList }

func (b *benchSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	buf := b.pool.Get().(*bytes.Buffer)
	buf.Reset()
	defer b.pool.Put(buf)
	p := r.URL.Path
	ct := "text/html; charset=utf-8"
	base := baseURL(r)
	switch {
	case p == "/robots.txt":
		ct = "text/plain; charset=utf-8"
		fmt.Fprintf(buf, "User-agent: *\nAllow: /\n\nSitemap: %s/sitemap.xml\n", base)
	case p == "/sitemap.xml":
		ct = "application/xml; charset=utf-8"
		buf.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
		for i := range b.n {
			path, _, _, _, _, pub := b.meta(i)
			fmt.Fprintf(buf, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n", base, path, pub.Format(time.RFC3339))
		}
		buf.WriteString("</urlset>\n")
	case p == "/":
		b.head(buf, "The Bench Courier", "")
		buf.WriteString("<main><h1>Latest news</h1><ul>\n")
		for i := range min(20, b.n) {
			path, title, _, _, _, _ := b.meta(i)
			fmt.Fprintf(buf, "<li><a href=\"%s\">%s</a></li>\n", path, ht(title))
		}
		buf.WriteString("</ul><nav class=\"pagination\">\n")
		for k := 1; k <= b.lists(); k++ {
			fmt.Fprintf(buf, "<a href=\"/list/%d/\">%d</a>\n", k, k)
		}
		buf.WriteString("</nav></main>\n")
		b.foot(buf)
	case strings.HasPrefix(p, "/list/"):
		k, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(p, "/list/"), "/"))
		if err != nil || k < 1 || k > b.lists() || p != "/list/"+strconv.Itoa(k)+"/" {
			http.NotFound(w, r)
			return
		}
		b.head(buf, fmt.Sprintf("All stories, page %d | The Bench Courier", k), "")
		fmt.Fprintf(buf, "<main><h1>All stories, page %d</h1>\n", k)
		for i := (k - 1) * benchPerList; i < min(k*benchPerList, b.n); i++ {
			path, title, _, _, authors, pub := b.meta(i)
			fmt.Fprintf(buf, "<article class=\"teaser\"><h2><a href=\"%s\">%s</a></h2><p><time datetime=\"%s\">%s</time> by %s</p></article>\n",
				path, ht(title), pub.Format(time.RFC3339), pub.Format("2 Jan 2006"), ht(authors[0]))
		}
		if k > 1 {
			fmt.Fprintf(buf, "<a rel=\"prev\" href=\"/list/%d/\">Newer</a>\n", k-1)
		}
		if k < b.lists() {
			fmt.Fprintf(buf, "<a rel=\"next\" href=\"/list/%d/\">Older</a>\n", k+1)
		}
		buf.WriteString("</main>\n")
		b.foot(buf)
	default:
		i, ok := b.articleIndex(p)
		if !ok {
			http.NotFound(w, r)
			return
		}
		b.article(buf, base, i)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// articleIndex parses an article path back to its index.
func (b *benchSite) articleIndex(p string) (int, bool) {
	j := strings.LastIndex(p, "/bench-story-")
	if j < 0 || !strings.HasSuffix(p, ".html") {
		return 0, false
	}
	i, err := strconv.Atoi(p[j+len("/bench-story-") : len(p)-len(".html")])
	if err != nil || i < 0 || i >= b.n {
		return 0, false
	}
	if path, _, _, _, _, _ := b.meta(i); path != p {
		return 0, false
	}
	return i, true
}

// The page chrome: inline style and script, icons, the navigation menu and
// the footer, built once.
var (
	benchStyle  = benchCSS()
	benchScript = benchJS()
	benchIcon   = `<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M18 16.08c-.76 0-1.44.3-1.96.77L8.91 12.7c.05-.23.09-.46.09-.7s-.04-.47-.09-.7l7.05-4.11c.54.5 1.25.81 2.04.81 1.66 0 3-1.34 3-3s-1.34-3-3-3-3 1.34-3 3c0 .24.04.47.09.7L8.04 9.81C7.5 9.31 6.79 9 6 9c-1.66 0-3 1.34-3 3s1.34 3 3 3c.79 0 1.5-.31 2.04-.81l7.12 4.16c-.05.21-.08.43-.08.65 0 1.61 1.31 2.92 2.92 2.92 1.61 0 2.92-1.31 2.92-2.92s-1.31-2.92-2.92-2.92z"/></svg>`
	benchNav    = benchMenu()
	benchFooter = benchFoot()
	benchState  = benchFiller(96 << 10)
)

// benchCSS returns about 7 KB of critical CSS, as pages inline it.
func benchCSS() string {
	var b strings.Builder
	parts := []string{"header", "nav", "teaser", "article", "byline", "figure", "related", "footer", "ad", "newsletter"}
	for k := range 60 {
		fmt.Fprintf(&b, ".c-%s__el-%d{display:flex;margin:0 0 %.2frem;padding:%dpx %dpx;font:%d %.1frem/1.4 Georgia,\"Times New Roman\",serif;color:#%06x}\n",
			parts[k%len(parts)], k, float64(k%5)/4, k%16, (k*7)%24, 400+(k%3)*100, 0.8+float64(k%6)/10, (k*0x2f3b5)&0xffffff)
	}
	b.WriteString("@media (min-width:768px){.c-nav__menu{display:grid;grid-template-columns:repeat(6,1fr)}.c-article__body{max-width:40rem;margin:0 auto}}\n")
	return b.String()
}

// benchJS returns about 4 KB of inline analytics and ad set-up.
func benchJS() string {
	var b strings.Builder
	b.WriteString("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-BENCH0001',{anonymize_ip:true});\n")
	b.WriteString("var adSlots={")
	for k := range 40 {
		fmt.Fprintf(&b, "\"slot-%d\":{\"unit\":\"/21700000/bench/article/%d\",\"sizes\":[[300,250],[728,90]],\"lazy\":%t},", k, k, k%2 == 0)
	}
	b.WriteString("};\n(function(){var s=document.createElement('script');s.async=true;s.src='/static/js/ads.js';document.head.appendChild(s)})();\n")
	return b.String()
}

// benchMenu returns the navigation: each section with its sub-sections.
func benchMenu() string {
	var b strings.Builder
	b.WriteString("<nav class=\"c-nav\" aria-label=\"Sections\"><ul class=\"c-nav__menu\">\n")
	for _, sec := range enSections {
		fmt.Fprintf(&b, "<li class=\"c-nav__item\"><a class=\"c-nav__link\" href=\"/list/1/#%s\">%s</a><ul class=\"c-nav__sub\">", sec.Slug, sec.Name)
		for k := 1; k <= 6; k++ {
			fmt.Fprintf(&b, "<li class=\"c-nav__subitem\"><a class=\"c-nav__sublink\" href=\"/list/1/#%s-%d\">%s %d</a></li>", sec.Slug, k, sec.Name, k)
		}
		b.WriteString("</ul></li>\n")
	}
	b.WriteString("</ul></nav>\n")
	return b.String()
}

// benchFoot returns the newsletter box and the footer's link columns.
func benchFoot() string {
	var b strings.Builder
	b.WriteString(`<section class="newsletter-box"><h3>The Morning Briefing</h3><p>The day's essential stories, in your inbox before seven.</p><form><input type="email"><button>Sign up</button></form></section>
<footer class="site-footer"><div class="c-footer__cols">
`)
	cols := []string{"News", "Opinion", "Services", "About us"}
	for c, name := range cols {
		fmt.Fprintf(&b, "<div class=\"c-footer__col\"><h4>%s</h4><ul>", name)
		for k := 1; k <= 6; k++ {
			fmt.Fprintf(&b, "<li><a class=\"c-footer__link\" href=\"/list/1/#footer-%d-%d\">%s link %d</a></li>", c, k, name, k)
		}
		b.WriteString("</ul></div>\n")
	}
	b.WriteString("</div><ul><li><a href=\"/\">Home</a></li><li><a href=\"/list/1/\">All stories</a></li></ul><p>&copy; 2024 The Bench Courier. All rights reserved.</p></footer>\n")
	return b.String()
}

// benchFiller returns n bytes of page state as sites embed it in a script
// (JSON of ids, flags and URLs).
func benchFiller(n int) string {
	var b strings.Builder
	b.WriteString("window.__STATE__={\"items\":[")
	for k := 0; b.Len() < n; k++ {
		fmt.Fprintf(&b, "{\"id\":%d,\"slug\":\"item-%x\",\"flags\":[%d,%d],\"img\":\"/img/%d.jpg\"},", k, k*2654435761, k%7, k%3, k%97)
	}
	return b.String()
}

func (b *benchSite) head(buf *bytes.Buffer, title, extra string) {
	fmt.Fprintf(buf, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n%s", ht(title), extra)
	buf.WriteString("<link rel=\"preload\" href=\"/static/fonts/serif.woff2\" as=\"font\" crossorigin>\n<link rel=\"stylesheet\" href=\"/static/css/main.css\">\n<style>\n")
	buf.WriteString(benchStyle)
	buf.WriteString("</style>\n<script>\n")
	buf.WriteString(benchScript)
	buf.WriteString("</script>\n</head>\n<body>\n")
	buf.WriteString("<div class=\"cookie-banner\"><p>We use cookies to improve your experience and to show you personalised advertising.</p><button>Accept</button></div>\n")
	buf.WriteString("<header class=\"site-header\"><a class=\"logo\" href=\"/\">")
	buf.WriteString(benchIcon)
	buf.WriteString("The Bench Courier</a>\n")
	buf.WriteString(benchNav)
	buf.WriteString("<form class=\"c-search\" action=\"/search\"><input type=\"search\" name=\"q\" placeholder=\"Search\"><button>Search</button></form></header>\n")
	buf.WriteString("<div class=\"ad ad--leaderboard\" id=\"ad-top\" data-ad-unit=\"/21700000/bench/top\" data-sizes=\"[[728,90],[970,250]]\" aria-hidden=\"true\"></div>\n")
}

func (b *benchSite) foot(buf *bytes.Buffer) {
	buf.WriteString(benchFooter)
	buf.WriteString("<script src=\"/static/js/vendor.js\" defer></script>\n<script src=\"/static/js/main.js\" defer></script>\n</body>\n</html>\n")
}

// teaser writes a teaser of article j: picture, title and date. Cards
// link their title only.
func (b *benchSite) teaser(buf *bytes.Buffer, j int, class string) {
	p, t, _, sec, _, pub := b.meta(j)
	fmt.Fprintf(buf, "<article class=\"%s\">", class)
	img := fmt.Sprintf("<img src=\"/img/thumb/%d.jpg\" srcset=\"/img/thumb/%d.jpg 1x, /img/thumb/%d@2x.jpg 2x\" width=\"320\" height=\"180\" alt=\"\" loading=\"lazy\">", j%97, j%97, j%97)
	if class == "c-card" {
		fmt.Fprintf(buf, "<div class=\"%s__media\">%s</div>", class, img)
	} else {
		fmt.Fprintf(buf, "<a class=\"%s__media\" href=\"%s\">%s</a>", class, p, img)
	}
	fmt.Fprintf(buf, "<div class=\"%s__body\"><span class=\"%s__kicker\">%s</span><h3 class=\"%s__title\"><a href=\"%s\">%s</a></h3><time datetime=\"%s\">%s</time></div></article>\n",
		class, class, sec.Name, class, p, ht(t), pub.Format(time.RFC3339), pub.Format("2 Jan 2006"))
}

func (b *benchSite) article(buf *bytes.Buffer, base string, i int) {
	path, title, phrase, sec, authors, pub := b.meta(i)
	var head strings.Builder
	fmt.Fprintf(&head, "<link rel=\"canonical\" href=\"%s%s\">\n<meta name=\"author\" content=\"%s\">\n", base, path, ht(authors[0]))
	fmt.Fprintf(&head, "<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"%s\">\n<meta property=\"og:site_name\" content=\"The Bench Courier\">\n", ht(title))
	fmt.Fprintf(&head, "<meta property=\"og:image\" content=\"%s/img/photo/1.jpg\">\n", base)
	fmt.Fprintf(&head, "<meta property=\"article:published_time\" content=\"%s\">\n<meta property=\"article:section\" content=\"%s\">\n", pub.Format(time.RFC3339), sec.Name)
	for _, t := range sec.Tags[:2] {
		fmt.Fprintf(&head, "<meta property=\"article:tag\" content=\"%s\">\n", t)
	}
	fmt.Fprintf(&head, "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":%q,\"datePublished\":%q,\"author\":[{\"@type\":\"Person\",\"name\":%q}],\"articleSection\":%q}</script>\n",
		title, pub.Format(time.RFC3339), authors[0], sec.Name)
	b.head(buf, title+" | The Bench Courier", head.String())
	fmt.Fprintf(buf, "<main><article class=\"c-article\"><header><span class=\"c-article__kicker\">%s</span><h1>%s</h1><p class=\"byline\">By <a rel=\"author\" href=\"/list/1/#author-%d\">%s</a></p><time datetime=\"%s\">%s</time></header>\n",
		sec.Name, ht(title), i%len(enAuthors), ht(authors[0]), pub.Format(time.RFC3339), pub.Format("2 January 2006"))
	buf.WriteString("<div class=\"share-bar\">")
	for _, s := range []string{"Share", "Post", "E-mail"} {
		fmt.Fprintf(buf, "<a class=\"share-bar__link\" href=\"#\">%s%s</a> ", benchIcon, s)
	}
	buf.WriteString("</div>\n<figure class=\"c-article__figure\"><img src=\"/img/photo/1.jpg\" srcset=\"/img/photo/1-640.jpg 640w, /img/photo/1-1280.jpg 1280w\" sizes=\"(min-width: 768px) 40rem, 100vw\" width=\"1280\" height=\"720\" alt=\"\"><figcaption>The harbour front at dusk. Photograph: Bench Courier staff</figcaption></figure>\n<div class=\"article-body\">\n")
	// The body: paragraphs up to page.Text bytes of text, an inline
	// "read more" box and an ad slot among them.
	h := uint64(i)*0x9E3779B97F4A7C15 + b.seed
	text := 0
	for k := 0; text < b.page.Text; k++ {
		var para string
		if k == 1 {
			para = "<p>Staff at the " + ht(phrase) + " said the decision came after months of preparation.</p>\n"
		} else {
			h = h*6364136223846793005 + 1442695040888963407
			para = b.paras[h>>56]
		}
		buf.WriteString(para)
		text += len(para) - len("<p></p>\n")
		switch k {
		case 2:
			buf.WriteString("<aside class=\"inline-related\"><h4>Read more</h4><ul>")
			for d := 5; d <= 6; d++ {
				p, t, _, _, _, _ := b.meta((i + d) % b.n)
				fmt.Fprintf(buf, "<li><a href=\"%s\">%s</a></li>", p, ht(t))
			}
			buf.WriteString("</ul></aside>\n")
		case 4:
			buf.WriteString("<div class=\"ad ad--inline\" id=\"ad-mid\" data-ad-unit=\"/21700000/bench/mid\" data-sizes=\"[[300,250]]\" aria-hidden=\"true\"><span class=\"ad__label\">Advertisement</span></div>\n")
		}
	}
	buf.WriteString("</div>\n<ul class=\"tags\">")
	for _, t := range sec.Tags[:2] {
		fmt.Fprintf(buf, "<li><a href=\"/list/1/#tag-%s\">%s</a></li>", strings.ReplaceAll(t, " ", "-"), ht(t))
	}
	fmt.Fprintf(buf, "</ul>\n<div class=\"c-author-box\"><img src=\"/img/authors/%d.jpg\" width=\"64\" height=\"64\" alt=\"\"><p><a href=\"/list/1/#author-%d\">%s</a> writes for The Bench Courier.</p></div>\n</article>\n",
		i%len(enAuthors), i%len(enAuthors), ht(authors[0]))
	buf.WriteString("<aside class=\"related\"><h2>Related articles</h2>\n")
	for k := 1; k <= 4; k++ {
		b.teaser(buf, (i+k)%b.n, "c-teaser")
	}
	buf.WriteString("</aside>\n<section class=\"most-read\"><h2>Most read</h2><ol>\n")
	for k := range 10 {
		p, t, _, _, _, _ := b.meta((k * 7) % b.n)
		fmt.Fprintf(buf, "<li><a href=\"%s\">%s</a></li>\n", p, ht(t))
	}
	buf.WriteString("</ol></section>\n")
	// More teasers, so that script and style come to about a third of the
	// page, as on the median real page.
	fmt.Fprintf(buf, "<section class=\"more\"><h2>More from %s</h2>\n", sec.Name)
	for k := 0; k < 80 && buf.Len() < b.page.Size*84/100; k++ {
		b.teaser(buf, (i+11+k*3)%b.n, "c-card")
	}
	buf.WriteString("</section></main>\n")
	// Page state in a script up to the page's size.
	const tail = 1100 // the footer
	if pad := b.page.Size - tail - buf.Len() - len("<script>\n</script>\n"); pad > 0 {
		buf.WriteString("<script>\n")
		buf.WriteString(benchState[:min(pad, len(benchState))])
		buf.WriteString("\n</script>\n")
	}
	b.foot(buf)
}
