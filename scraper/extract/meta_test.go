package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// para is filler body text so that test pages read as articles.
var para = "<p>" + strings.Repeat("The committee met again on Tuesday, and the members agreed to publish the report next month. ", 3) + "</p>"

func TestMetadataSources(t *testing.T) {
	tests := []struct {
		name  string
		url   string
		head  string
		body  string
		check func(t *testing.T, got map[string]string)
	}{
		{
			name: "json-ld headline beats og:title",
			head: `<meta property="og:title" content="OG title | Site"><script type="application/ld+json">{"@type":"NewsArticle","headline":"The real headline"}</script>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "title", "The real headline")
			},
		},
		{
			name: "truncated headline completed from h1",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council approves the new flood barrier for…"}</script>`,
			body: `<h1>Council approves the new flood barrier for the river front</h1>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "title", "Council approves the new flood barrier for the river front")
			},
		},
		{
			name: "image object with a name",
			head: `<script type="application/ld+json">{"@type":"Article","image":[{"@type":"ImageObject","name":"Lead photo","url":"/img/a.jpg"}]}</script>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "image", "https://example.org/img/a.jpg")
			},
		},
		{
			name: "person beats organisation",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Organization","name":"Example Wire"},{"@type":"Person","name":"Ana Silva"}]}</script>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "Ana Silva")
			},
		},
		{
			name: "organisation when no person",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Example Wire"}}</script>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "Example Wire")
			},
		},
		{
			name: "meta date beats time element",
			head: `<meta property="article:published_time" content="2024-03-01T10:00:00+01:00">`,
			body: `<time datetime="2024-03-05">5 March</time>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2024-03-01T10:00:00+01:00")
			},
		},
		{
			name: "date from the URL only",
			url:  "https://example.org/news/2023/07/09/story.html",
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2023-07-09T00:00:00Z")
			},
		},
		{
			name: "modified before published is dropped",
			head: `<meta property="article:published_time" content="2024-03-01T10:00:00Z"><meta property="article:modified_time" content="2024-02-01T10:00:00Z">`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "modified", "")
			},
		},
		{
			name: "declared English over Arabic text",
			head: ``,
			body: strings.Repeat(`<p>افتتحت البلدية صباح اليوم مكتبة عامة جديدة في وسط المدينة، بعد ثلاث سنوات من أعمال البناء والتجهيز.</p>`, 6),
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "language", "ar")
			},
		},
		{
			name: "og:locale when no lang attribute",
			head: `<meta property="og:locale" content="pt_BR">`,
			body: strings.Repeat(`<p>A câmara municipal aprovou na terça-feira um novo orçamento depois de meses de debate sobre as escolas.</p>`, 4),
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "language", "pt-BR")
			},
		},
		{
			name: "keywords split and de-duplicated",
			head: `<meta name="keywords" content="rail, Transport; rail ,  budget">`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "tags", "rail|Transport|budget")
			},
		},
		{
			name: "microdata author and section",
			body: `<div itemscope itemtype="https://schema.org/Article"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Kim Lee</span></span><meta itemprop="articleSection" content="Science"></div>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "Kim Lee")
				want(t, got, "section", "Science")
			},
		},
		{
			name: "microdata authors of listed books are not the page's",
			body: `<h1>Best books</h1><table><tr itemscope itemtype="http://schema.org/Book"><td><span itemprop="name">One</span> by <span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Ann Bell</span></span></td></tr>` +
				`<tr itemscope itemtype="http://schema.org/Book"><td><span itemprop="name">Two</span> by <span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Carl Dunn</span></span></td></tr></table>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "")
			},
		},
		{
			name: "microdata author of a listed recipe is not the page's, the article's is",
			body: `<article itemscope itemtype="https://schema.org/BlogPosting"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Kim Lee</span></span>` +
				`<div itemscope itemtype="https://schema.org/Recipe"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ann Bell</span></span></div></article>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "Kim Lee")
			},
		},
		{
			name: "microdata author of a post a blog theme types CreativeWork is the page's",
			body: `<article itemscope itemtype="https://schema.org/CreativeWork"><h1 itemprop="headline">A walk by the river</h1><span itemprop="author" itemscope itemtype="https://schema.org/Person"><a href="/author/jane" itemprop="url"><span itemprop="name">Jane Roe</span></a></span>` + para + `</article>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "Jane Roe")
			},
		},
		{
			name: "microdata author of a blog post in a web page's blog is the page's",
			body: `<div itemscope itemtype="http://schema.org/WebPage"><div itemscope itemtype="http://schema.org/Blog"><article itemprop="blogPost" itemscope itemtype="http://schema.org/BlogPosting"><span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Jane Roe</span></span>` + para + `</article></div></div>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "Jane Roe")
			},
		},
		{
			name: "microdata author of a question on a Q&A page is the page's",
			body: `<div itemscope itemtype="https://schema.org/QAPage"><div itemprop="mainEntity" itemscope itemtype="https://schema.org/Question"><h1 itemprop="name">How do I reset the router?</h1><div itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ann Bell</span></div>` + para + `</div></div>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "Ann Bell")
			},
		},
		{
			name: "microdata reviews of a product: their authors and dates are not the page's",
			body: `<div itemscope itemtype="http://schema.org/Product"><h1 itemprop="name">Trail Shoe 2</h1>` + para +
				`<div itemprop="review" itemscope itemtype="http://schema.org/Review"><span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Ann Bell</span></span><meta itemprop="datePublished" content="2021-03-04"><p itemprop="reviewBody">Great shoe, the grip on wet rock is superb.</p></div>` +
				`<div itemprop="review" itemscope itemtype="http://schema.org/Review"><span itemprop="author">Carl Dunn</span><p itemprop="reviewBody">Worn out after two months.</p></div></div>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "")
				want(t, got, "published", "")
			},
		},
		{
			name: "microdata post with no itemprop inside a body typed WebSite is the page's",
			body: `<div itemscope itemtype="https://schema.org/WebSite"><article itemscope itemtype="https://schema.org/BlogPosting"><h1 itemprop="headline">A walk by the river</h1><meta itemprop="datePublished" content="2023-05-06"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane Roe</span></span>` + para + `</article></div>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "Jane Roe")
				want(t, got, "published", "2023-05-06T00:00:00Z")
			},
		},
		{
			name: "microdata authors of news articles in an item list are not the page's",
			body: `<h1>Latest</h1><ol itemscope itemtype="http://schema.org/ItemList"><li itemprop="itemListElement" itemscope itemtype="http://schema.org/NewsArticle"><span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Ann Bell</span></span><span itemprop="author">Carl Dunn</span>` + para + `</li></ol>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "")
			},
		},
		{
			name: "date in an element named for post details",
			body: `<h1>Headline</h1><ul class="info"><li><span>Datum:</span>26. Januar 2022</li></ul>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2022-01-26T00:00:00Z")
			},
		},
		{
			name: "two-digit year in a date element",
			body: `<div class="node__submitted"><span class="post-created"> 28.01.22</span> / <span>Politik</span></div>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2022-01-28T00:00:00Z")
			},
		},
		{
			name: "two-digit year in free text is not a date",
			body: `<p>Version 28.01.22 is out.</p>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "")
			},
		},
		{
			name: "date in a small element",
			body: `<small>31.01.2022&nbsp;2. Liga</small><h1>Headline</h1>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2022-01-31T00:00:00Z")
			},
		},
		{
			name: "date in page state script",
			head: `<script>window.__STATE__={"article":{"id":7,"published_at":"2019-03-02T06:22:28+01:00"}};</script>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2019-03-02T06:22:28+01:00")
			},
		},
		{
			name: "plain date text in the article",
			body: `<div><h1>Headline</h1><div><span>12 March 2021</span></div>` + para + `</div>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2021-03-12T00:00:00Z")
			},
		},
		{
			// A CJK character writes a word or most of one: 95 of them
			// are a biography, not a byline, though under 200 letters.
			name: "a cjk author's biography in an author box is no byline",
			body: `<h1>見出し</h1><div class="author">山田太郎は東京生まれの記者で、二十年にわたり港湾と都市計画を取材してきた。著書に『港の未来』など。現在は地方の経済や交通、環境問題を中心に取材を続け、週に一度コラムを執筆している。</div>` + para,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "")
			},
		},
		{
			name: "a cjk byline is read",
			body: `<h1>見出し</h1><div class="author">山田太郎</div>` + para,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "山田太郎")
			},
		},
		{
			name: "bylines of other articles are not the author's",
			body: `<h1>Headline</h1><div class="meta"><span class="author">Ana Silva</span>, <span class="author">Ben Ruiz</span></div>` + para +
				`<div class="teasers"><div class="item"><h3>Other</h3><span class="author">Carl Diaz</span></div><div class="item"><span class="author">Dora Eng</span></div></div>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "authors", "Ana Silva|Ben Ruiz")
			},
		},
		{
			name: "url date beats a sidebar time",
			url:  "https://example.org/2019/10/22/story",
			body: `<aside><ul><li><time datetime="2009-04-11">11 April 2009</time></li></ul></aside>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2019-10-22T00:00:00Z")
			},
		},
		{
			name: "url date beats a sidebar time marked published",
			url:  "https://example.org/2019/10/22/story",
			body: `<div class="sidebar"><ul><li><time class="published updated" datetime="2009-04-11 18:06:36">11. April 2009</time></li></ul></div>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2019-10-22T00:00:00Z")
			},
		},
		{
			name: "visible local time on the url day: the day, the zone being unknown",
			url:  "https://example.org/2019/10/22/story",
			body: `<h1>Headline</h1><p class="dateline">22 October 2019, 10:30</p>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2019-10-22T00:00:00Z")
				want(t, got, "precision", "day")
			},
		},
		{
			name: "visible time with its zone on the url day keeps its time",
			url:  "https://example.org/2019/10/22/story",
			body: `<h1>Headline</h1><p class="dateline">22 October 2019, 10:30 CEST</p>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2019-10-22T10:30:00+02:00")
				want(t, got, "precision", "minute")
			},
		},
		{
			name: "url date beats metadata of another day",
			url:  "https://example.org/home/2017/7/12/story",
			head: `<meta itemprop="datePublished" content="2019-06-17T18:28:00+0200">`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2017-07-12T00:00:00Z")
			},
		},
		{
			name: "metadata on the url day keeps its time",
			url:  "https://example.org/2017/07/12/story",
			head: `<meta property="article:published_time" content="2017-07-12T18:28:00+02:00">`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2017-07-12T18:28:00+02:00")
			},
		},
		{
			name: "metadata a day from the url date stays",
			url:  "https://example.org/2017/07/12/story",
			head: `<meta property="article:published_time" content="2017-07-13T18:28:00+02:00">`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2017-07-13T18:28:00+02:00")
			},
		},
		{
			name: "times in embedded posts are not the article's",
			body: `<article><h1>Headline</h1><blockquote class="instagram-media"><p>A post <time datetime="2018-03-12T19:30:12+00:00">Mar 12, 2018</time></p></blockquote>` + para + `<span class="PublishDate_date">29. Januar 2019</span></article>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2019-01-29T00:00:00Z")
			},
		},
		{
			name: "metadata out of step: the day printed in the dateline wins",
			head: `<meta property="article:published_time" content="2022-01-06T08:29:34"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-01-04T07:29:00.000Z"}</script>`,
			body: `<h1>Headline</h1><div class="article-info">06.01.2022</div>`,
			check: func(t *testing.T, got map[string]string) {
				// The meta time has no zone and the page gives none: its day.
				want(t, got, "published", "2022-01-06T00:00:00Z")
				want(t, got, "precision", "day")
			},
		},
		{
			name: "metadata out of step without a printed date keeps json-ld",
			head: `<meta property="article:published_time" content="2022-01-06T08:29:34"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-01-04T07:29:00.000Z"}</script>`,
			body: `<h1>Headline</h1>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2022-01-04T07:29:00Z")
			},
		},
		{
			name: "metadata out of step, printed day matches json-ld",
			head: `<meta property="article:published_time" content="2022-01-06T08:29:34"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-01-04T07:29:00.000Z"}</script>`,
			body: `<h1>Headline</h1><p class="date">4 January 2022</p>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2022-01-04T07:29:00Z")
			},
		},
		{
			name: "share image path date as last resort",
			head: `<meta property="og:image" content="https://example.org/files/2016/05/04/cover.png">`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2016-05-04T00:00:00Z")
			},
		},
		{
			name: "share image path date after a printed date",
			head: `<meta property="og:image" content="https://example.org/files/2016/05/04/cover.png">`,
			body: `<h1>Headline</h1><p class="date">7 June 2016</p>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2016-06-07T00:00:00Z")
			},
		},
		{
			name: "numeric date in a script call as the very last resort",
			body: `<h1>Headline</h1><script>showDate("2020/04/17 01:43:09")</script>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2020-04-17T00:00:00Z")
			},
		},
		{
			name: "most frequent loose date wins, earliest on a tie",
			body: `<h1>Headline</h1><script>var a = ["2019-03-04", "02.03.2019", "2019/3/2", "2019-03-01", "2019-03-04"];</script>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2019-03-02T00:00:00Z")
			},
		},
		{
			name: "loose dates after the fetch time are ignored",
			body: `<h1>Headline</h1><script>var d = "2031-01-01";</script>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "")
			},
		},
		{
			name: "datelines of a recent-posts list are not the article's",
			body: `<div class="sidebar-list"><ul><li><span class="post-date">09/09/2019</span> One</li><li><span class="post-date">05/07/2019</span> Two</li></ul></div>` +
				`<article><h1>Headline</h1><div class="story">` + para + para + `<span class="date">27/09/2016</span></div></article>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2016-09-27T00:00:00Z")
			},
		},
		{
			name: "datelines on one day count wherever they are",
			body: `<div class="top"><span class="post-date">09/09/2019</span></div><article><h1>Headline</h1><div class="story">` + para + para + `</div></article>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2019-09-09T00:00:00Z")
			},
		},
		{
			name: "times in comments are not the article's",
			body: `<article><h1>Headline</h1>` + para + `<div class="comment-list"><div class="comment">Nice <time datetime="2018-03-12T19:30:12+00:00">12 March</time></div></div><span class="PublishDate_date">29. Januar 2019</span></article>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2019-01-29T00:00:00Z")
			},
		},
		{
			name: "utc timestamp takes the zone of the same instant elsewhere",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-05-04T02:10:00Z"}</script><meta property="article:published_time" content="2022-05-03T21:10:00-05:00">`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2022-05-03T21:10:00-05:00")
			},
		},
		{
			name: "utc morning timestamp after the printed day takes the printed day",
			head: `<meta property="article:published_time" content="2022-05-04T03:10:00Z">`,
			body: `<h1>Headline</h1><p class="date">3 May 2022</p>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2022-05-03T00:00:00Z")
			},
		},
		{
			name: "utc timestamp on the printed day stays",
			head: `<meta property="article:published_time" content="2022-05-04T03:10:00Z">`,
			body: `<h1>Headline</h1><p class="date">4 May 2022</p>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2022-05-04T03:10:00Z")
			},
		},
		{
			name: "fecha and datum classes are datelines",
			body: `<h1>Titular</h1><p class="fecha-articulo"><span>jueves 13 junio 2019</span></p><p>Comunicado - 12 junio 2019</p>`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "published", "2019-06-13T00:00:00Z")
			},
		},
		{
			name: "canonical resolved",
			head: `<link rel="canonical" href="/news/story">`,
			check: func(t *testing.T, got map[string]string) {
				want(t, got, "canonical", "https://example.org/news/story")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.url
			if u == "" {
				u = "https://example.org/news/story"
			}
			lang := ` lang="en"`
			if strings.Contains(tt.name, "og:locale") {
				lang = ""
			}
			page := "<!DOCTYPE html><html" + lang + "><head><title>Page</title>" + tt.head + "</head><body>" + tt.body + para + "</body></html>"
			art, err := Extract(Input{Body: []byte(page), URL: u, FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{
				"title": art.Title, "image": art.Image, "authors": strings.Join(art.Authors, "|"),
				"language": art.Language, "tags": strings.Join(art.Tags, "|"), "section": art.Section,
				"canonical": art.CanonicalURL,
			}
			if art.Published != nil {
				got["published"] = art.Published.Format(time.RFC3339)
				got["precision"] = art.PublishedPrecision
			}
			if art.Modified != nil {
				got["modified"] = art.Modified.Format(time.RFC3339)
			}
			tt.check(t, got)
		})
	}
}

func want(tb testing.TB, got map[string]string, key, value string) {
	tb.Helper()
	if got[key] != value {
		tb.Errorf("%s = %q, want %q", key, got[key], value)
	}
}

func TestNotArticle(t *testing.T) {
	deals := strings.Repeat(`<h3><a href="/p">A product with a linked name</a></h3><p>`+strings.Repeat("This product is a good buy because it is cheap, well made and lasts for years. ", 4)+`</p>`, 10)
	teasers := strings.Repeat(`<div class="card"><h3><a href="/n">A headline that links to a story</a></h3><p>A short summary of the story below the headline, with a comma.</p></div>`, 12)
	tests := []struct {
		name, url, page string
		want            bool
	}{
		{"article", "https://example.org/news/story", `<html lang="en"><head><meta property="og:type" content="article"></head><body><article>` + para + para + `</article></body></html>`, false},
		{"deals article", "https://example.org/deals/best", `<html lang="en"><head><meta property="og:type" content="article"></head><body><article>` + deals + `</article></body></html>`, false},
		{"hard paywall", "https://example.org/news/locked", `<html lang="en"><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Locked story","isAccessibleForFree":false}</script></head><body><div class="paywall"><button>Subscribe</button></div></body></html>`, false},
		{"empty", "https://example.org/x", `<html><body></body></html>`, true},
		{"teaser grid", "https://example.org/world", `<html lang="en"><body><main>` + teasers + `</main></body></html>`, true},
		{"login", "https://example.org/login", `<html lang="en"><body><form><p>Sign in to your account to continue.</p><input type="password"></form></body></html>`, true},
		{"short news about privacy", "https://example.org/news/privacy-vote", `<html lang="en"><head><meta property="og:type" content="article"></head><body><article><p>Parliament voted on Tuesday to tighten the rules on cookie consent banners, and privacy groups said they accept the compromise.</p></article></body></html>`, false},
		{"consent wall", "https://consent.example/", `<html lang="en"><body><div class="consent"><p>We use cookies to improve your experience. Accept all or manage your privacy settings.</p></div></body></html>`, true},
		{"front page", "https://example.org/", `<html lang="en"><head><meta property="og:type" content="website"></head><body>` + para + `</body></html>`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: []byte(tt.page), URL: tt.url, FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Contains(art.Flags, "not_article"); got != tt.want {
				t.Errorf("not_article = %v, want %v (flags %v, %d words)", got, tt.want, art.Flags, art.WordCount)
			}
		})
	}
}

func TestSplitBodyTwins(t *testing.T) {
	chunk := func(s string) string {
		return `<div class="wrap"><div class="txt"><p>` + s + ` The rest of the paragraph continues with more words, commas, and detail.</p></div></div>`
	}
	page := `<html lang="en"><body><div id="page"><div class="col"><div class="story"><h1>Headline</h1>` +
		chunk("First part of the story.") + `<div class="ad">Advertisement</div>` + chunk("Second part of the story.") +
		`</div></div></div><div id="footer-area"><div class="x"><div class="y"><div class="z"><div class="cards"><div class="card">` +
		`<div class="txt"><p>A teaser for another story that reuses the same class name, long enough to count as text, with several more words to be sure.</p></div>` +
		`</div></div></div></div></div></div></body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://example.org/a", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"First part", "Second part"} {
		if !strings.Contains(art.Text, s) {
			t.Errorf("text lacks %q:\n%s", s, art.Text)
		}
	}
	if strings.Contains(art.Text, "teaser") {
		t.Errorf("text has the far teaser:\n%s", art.Text)
	}
}

func TestAMPPage(t *testing.T) {
	page := `<html ⚡ lang="en"><body><article><h1>Story</h1>` + para +
		`<amp-ad width="300" height="250" type="doubleclick"><div placeholder>Advertisement loading</div></amp-ad>` + para +
		`<amp-social-share type="twitter">Share on Twitter</amp-social-share></article></body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://example.org/amp/story", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(art.Text, "Advertisement") || strings.Contains(art.Text, "Share on") {
		t.Errorf("AMP furniture in text:\n%s", art.Text)
	}
	if strings.Count(art.Text, "The committee met again") != 6 {
		t.Errorf("body paragraphs missing:\n%s", art.Text)
	}
}

func TestArticleOutweighedByComments(t *testing.T) {
	comment := `<div class="comment"><p>` + strings.Repeat("I have lived here for thirty years and I have never seen anything like this, frankly. ", 3) + `</p></div>`
	// Declared an article: short and undated, it would otherwise be judged as a page, whose comments are content.
	page := `<html lang="en"><head><meta property="og:type" content="article"></head><body><div class="main-col has-sidebar"><h1>Story</h1>` + para + para + `</div>` +
		`<div id="comments" class="comments">` + strings.Repeat(comment, 8) + `</div></body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://example.org/news/story", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(art.Text, "The committee met again") {
		t.Errorf("article text lost:\n%s", art.Text)
	}
	if strings.Contains(art.Text, "thirty years") {
		t.Errorf("comments in text:\n%s", art.Text)
	}
}

func TestCaptionRepeatsAlt(t *testing.T) {
	page := `<html lang="en"><body><article><h1>Story</h1>` + para +
		`<div><img src="/a.jpg" alt="The new arrow keys"><br><span class="small">The new arrow keys</span></div>` + para +
		`</article></body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://example.org/news/story", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(art.Text, "arrow keys") {
		t.Errorf("caption in text:\n%s", art.Text)
	}
}

func TestFrameworkClassNames(t *testing.T) {
	var body, related strings.Builder
	for i := range 8 {
		fmt.Fprintf(&body, "<p>In part %d, the river authority said on Monday that the new barrier would protect four thousand homes, and that work would start in spring.</p>", i)
	}
	// Related stories with more text than the article: the article's
	// container is not protected by holding most of the page.
	related.WriteString(`<div class="related">`)
	for i := range 12 {
		fmt.Fprintf(&related, "<p>Story %d: elsewhere, the council debated parking fees, bus lanes and the budget for the coming year at length.</p>", i)
	}
	related.WriteString(`</div>`)
	tests := []struct {
		name, page string
	}{
		{"wordpress taxonomy classes", `<article class="post-7 post type-post status-publish category-social tag-share hentry"><h1>H</h1>` + body.String() + `</article><aside class="widget">Recent posts</aside>`},
		{"drupal label modifier", `<div class="field field--name-body field--label-hidden">` + body.String() + `</div>`},
		{"page builder text widget", `<div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container">` + body.String() + `</div></div>`},
		{"blogger post widget", `<div class="widget Blog" id="Blog1"><div class="post">` + body.String() + `</div></div>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: []byte(`<html lang=en><head><meta property="og:type" content="article"><meta property="article:published_time" content="2024-03-01T09:00:00Z"></head><body>` + tt.page + related.String() + "<footer>Imprint</footer></body></html>"), URL: "https://example.org/a", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(art.Text, "four thousand homes") || slices.Contains(art.Flags, "not_article") {
				t.Errorf("text %q flags %v, want the article", art.Text, art.Flags)
			}
		})
	}
}

func TestArticleAmongTeasers(t *testing.T) {
	var teasers strings.Builder
	for i := range 9 {
		fmt.Fprintf(&teasers, `<article class="teaser"><h3><a href="/s%d">Story %d</a></h3><p>A short summary of story %d.</p></article>`, i, i, i)
	}
	body := strings.Repeat("<p>The mayor said on Friday that the bridge, closed since March, would reopen to cyclists and walkers next week.</p>", 4)
	tests := []struct {
		name        string
		page        string
		wantArticle bool
	}{
		{"own article beside teasers", `<article class="story"><h1>Bridge reopens</h1>` + body + `</article><aside>` + teasers.String() + `</aside>`, true},
		{"body is one teaser among equals", teasers.String() + `<article class="teaser"><h3><a href="/b">Bridge</a></h3>` + body + `</article>` + strings.ReplaceAll(teasers.String(), "short summary", body), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html lang=en><head><meta property="og:type" content="article"></head><body>` + tt.page + `</body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: "https://example.org/news/bridge", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if got := !slices.Contains(art.Flags, "not_article"); got != tt.wantArticle {
				t.Errorf("article = %v, want %v (flags %v)", got, tt.wantArticle, art.Flags)
			}
		})
	}
}

func TestSiblingTextBlocks(t *testing.T) {
	var main strings.Builder
	for i := range 8 {
		fmt.Fprintf(&main, "<p>In part %d, the minister said, the plan would cut waiting times, hire more staff, and open two clinics by the end of the year.</p>", i)
	}
	lead := `<div class="field field-perex"><p>The health minister has resigned after a week of protests over the new hospital plan, his office said on Sunday. His deputy will lead the ministry until a successor is named next month.</p></div>`
	links := `<div class="more"><p><a href="/a">First other story with a long linked title here</a> and <a href="/b">second other story with a long linked title</a>.</p></div>`
	page := `<html lang=en><body><div class="wrap">` + lead + `<div class="field body">` + main.String() + `</div>` + links + `</div></body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://example.org/news/minister", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(art.Text, "has resigned") {
		t.Errorf("lead block missing: %q", art.Text)
	}
	if strings.Contains(art.Text, "other story") {
		t.Errorf("linked block kept: %q", art.Text)
	}
}

func TestArticleHeaderLead(t *testing.T) {
	var main strings.Builder
	for i := range 8 {
		fmt.Fprintf(&main, "<p>In part %d, the engineers said, snow on the panels adds weight, and clearing it by hand can crack the glass or the frames.</p>", i)
	}
	page := `<html lang=en><body><header class="site"><a href="/">Site</a> <p>Subscribe to our daily newsletter for all the news from the region, every morning.</p></header>` +
		`<main><article><header class="mt-0"><span class="kicker">Solar</span><h1>Snow strains panels</h1><p class="lead">A blanket of snow on a solar roof cuts the yield, and its weight strains the modules and their mounts as well. Experts warn owners not to climb onto the roof to clear it.</p><div class="byline">By Ana Silva</div></header>` +
		`<div class="body">` + main.String() + `</div></article></main></body></html>`
	art, err := Extract(Input{Body: []byte(page), URL: "https://example.org/news/snow", FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(art.Text, "A blanket of snow") {
		t.Errorf("lead missing: %q", art.Text)
	}
	for _, bad := range []string{"newsletter", "Solar\n", "By Ana Silva"} {
		if strings.Contains(art.Text, bad) {
			t.Errorf("text has %q: %q", bad, art.Text)
		}
	}
}

func TestHiddenInlineTextNotCounted(t *testing.T) {
	hidden := strings.Repeat("structured data for search engines, with a date and a summary, ", 4)
	page := `<html><body><article class="slide"><h3><a href="/s">Story</a></h3><span class="hidden"><span>` + hidden + `</span></span></article></body></html>`
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	x := getExtractor()
	defer putExtractor(x)
	body := doc.Find("body").Get(0)
	_, _, _, para := x.analyze(body, false)
	x.fullTotal, x.total = para, para
	x.prune(body)
	for _, p := range x.paras {
		if p.text >= 25 {
			t.Errorf("paragraph %s of %d bytes counts hidden text", p.n.Data, p.text)
		}
	}
}

func TestSplitBodyUnits(t *testing.T) {
	chunk := func(i int) string {
		var b strings.Builder
		for j := range 3 {
			fmt.Fprintf(&b, "<p>Chunk %d, paragraph %d: the goats ate the island bare, and the rangers spent a decade removing them before the trees returned.</p>", i, j)
		}
		return b.String()
	}
	tests := []struct {
		name, page string
	}{
		{"unnamed chunks in named units", `<article><div class="main-col"><div class="paragraph"><div>` + chunk(0) + `</div></div><figure><img src="a.jpg"></figure><div class="ad">Advert</div><div class="paragraph"><div>` + chunk(1) + `</div></div></div></article>`},
		{"sections far apart in the article", `<main><div class="paywall"><div id="b1"><section class="sec"><div class="wrap"><div class="row"><div class="col"><div class="rich">` + chunk(0) + `</div></div></div></div></section></div><div class="embed">Watch</div><div id="b2"><section class="sec"><div class="wrap"><div class="row"><div class="col"><div class="rich">` + chunk(1) + `</div></div></div></div></section></div></div></main>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: []byte("<html lang=en><body>" + tt.page + "</body></html>"), URL: "https://example.org/news/goats", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(art.Text, "Chunk 0") || !strings.Contains(art.Text, "Chunk 1") {
				t.Errorf("text %q, want both chunks", art.Text)
			}
		})
	}
}

func TestHeavierCandidate(t *testing.T) {
	story := `<p>The caravan show drew more than fifty thousand visitors over five days, the organisers said, and the new electric campers drew the biggest crowds.<br><br>` +
		`The electric van comes with a pop-up roof, a solar panel on top, an outside power socket, and a small kitchen, and the smaller model gets a roof tent, a shower, and a folding box in the boot.<br><br>` +
		`A limited edition of sixty vans, built on the same base, has a comfort roof, swivel seats, an awning, and a kitchen, and is ready for any trip, in the country or abroad.</p>`
	blurb := `<div class="f-info"><p>Example Trade is the leading magazine for the car trade, with news, tests, and reports, month after month, for workshops and dealers, by professionals for professionals.</p></div>`
	tests := []struct {
		name, page, want, not string
	}{
		{
			name: "short box named content loses to the story",
			page: `<div class="page"><div class="detail"><div class="row">` + story + `</div></div></div><div class="bottom"><div class="bottom_content">` + blurb + `</div></div>`,
			want: "swivel seats", not: "leading magazine",
		},
		{
			name: "a longer linked list does not win",
			page: `<div class="main-content">` + blurb + blurb + `</div><div class="list"><ul>` + strings.Repeat(`<li><a href="/x">A linked teaser headline of some length, with a comma</a>, and more</li>`, 12) + `</ul></div>`,
			want: "leading magazine", not: "teaser headline",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Declared an article: the body scorer is under test, not the main content of other pages.
			page := `<html lang=en><head><meta property="og:type" content="article"><meta property="article:published_time" content="2024-03-01T09:00:00Z"></head><body>` + tt.page + `</body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: "https://example.org/news/caravan", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(art.Text, tt.want) {
				t.Errorf("text misses %q: %q", tt.want, art.Text)
			}
			if strings.Contains(art.Text, tt.not) {
				t.Errorf("text keeps %q: %q", tt.not, art.Text)
			}
		})
	}
}

func TestWidenToContainer(t *testing.T) {
	section := func(i, commas int) string {
		return fmt.Sprintf(`<div class="row-%d"><div class="column-%d"><div><p>Section %d of the review tells, in plain words%s, how the film was made and why it matters to the audience today.</p></div></div></div>`,
			i, i, i, strings.Repeat(", and more", commas))
	}
	links := `<div class="more">` + strings.Repeat(`<p><a href="/a">Another story with a long linked title to read next</a></p>`, 6) + `</div>`
	tests := []struct {
		name, page string
		want, not  []string
	}{
		{
			name: "sections of a builder body",
			page: `<div class="film">` + section(1, 1) + section(2, 20) + section(3, 1) + `</div>`,
			want: []string{"Section 1", "Section 2", "Section 3"},
		},
		{
			name: "sections of a builder body with a list",
			page: `<div class="film">` + section(1, 1) + section(2, 20) + section(3, 1) + `<div class="row-9"><div><ul>` +
				strings.Repeat(`<li>One of the places where the film was shot, in the hills above the town</li>`, 4) + `</ul></div></div></div>`,
			want: []string{"Section 1", "Section 3", "in the hills above"},
		},
		{
			name: "a linked wrapper is not taken",
			page: `<div class="film">` + section(1, 1) + section(2, 20) + links + links + `</div>`,
			want: []string{"Section 2"}, not: []string{"Another story"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Declared an article: the body scorer is under test, not the main content of other pages.
			page := `<html lang=en><head><meta property="og:type" content="article"><meta property="article:published_time" content="2024-03-01T09:00:00Z"></head><body>` + tt.page + `</body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: "https://example.org/news/film", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(art.Text, w) {
					t.Errorf("text misses %q: %q", w, art.Text)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(art.Text, w) {
					t.Errorf("text keeps %q: %q", w, art.Text)
				}
			}
		})
	}
}

func TestUnlinkedTeaserIsLead(t *testing.T) {
	body := strings.Repeat("<p>The council met on Monday, and after a long debate, it voted to fund the new bridge, the mayor said.</p>", 6)
	tests := []struct {
		name, block, word string
		keep              bool
	}{
		{"unlinked teaser is the lead", `<div class="teaser-text"><blockquote><p>The prime minister named a new cabinet on Monday, the first led by a woman, after weeks of talks between the parties.</p></blockquote></div>`, "new cabinet", true},
		{"unlinked excerpt is the lead", `<p class="excerpt">The prime minister named a new cabinet on Monday, the first led by a woman, after weeks of talks between the parties.</p>`, "new cabinet", true},
		{"linked teaser is dropped", `<div class="teaser"><p><a href="/other">Another story: the prime minister named a new cabinet</a> on Monday.</p></div>`, "new cabinet", false},
		{"related teaser is dropped", `<div class="related-teaser"><p>The prime minister named a new cabinet on Monday, the first led by a woman, after weeks of talks between the parties.</p></div>`, "new cabinet", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html lang=en><body><div class="story">` + tt.block + body + `</div></body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: "https://example.org/news/cabinet", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(art.Text, tt.word); got != tt.keep {
				t.Errorf("kept %q = %v, want %v: %q", tt.word, got, tt.keep, art.Text)
			}
		})
	}
}

func TestLeadInArticle(t *testing.T) {
	body := `<div class="body-col"><div class="text">` + strings.Repeat("<p>The council met on Monday, and after a long debate, it voted to fund the new bridge, the mayor said.</p>", 6) + `</div></div>`
	lead := `<div class="intro-col"><div class="intro">The city will build a second bridge over the river by 2027. The council approved the plan and its budget of forty million euros on Monday night, after a long and heated debate.</div></div>`
	tests := []struct {
		name, page, word string
		keep             bool
	}{
		{"lead in another column of the article", `<article>` + lead + body + `</article>`, "second bridge", true},
		{"lead with a link is a teaser", `<article><div class="intro-col"><div class="intro"><a href="/other">The city will build a second bridge over the river by 2027, the council said on Monday night after a vote.</a></div></div>` + body + `</article>`, "second bridge", false},
		{"lead in main, deep", `<main><div><div><div>` + lead + `<div><div><div><div><div>` + body + `</div></div></div></div></div></div></div></div></main>`, "second bridge", true},
		{"lead in a container named for the article", `<div class="article detail">` + lead + strings.ReplaceAll(body, "body-col", "col-2") + `</div>`, "second bridge", true},
		{"no article element", `<div class="page">` + lead + body + `</div>`, "second bridge", false},
		{"short line is not a lead", `<article><div class="intro-col"><div class="kicker">City news: the second bridge</div></div>` + body + `</article>`, "second bridge", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html lang=en><body>` + tt.page + `</body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: "https://example.org/news/bridge", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(art.Text, tt.word); got != tt.keep {
				t.Errorf("kept %q = %v, want %v: %q", tt.word, got, tt.keep, art.Text)
			}
		})
	}
}
