package discover_test

import (
	"fmt"

	"github.com/archivist-project/archivist/scraper/discover"
)

func ExampleParseSitemap() {
	body := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://news.example.com/world/summit.html</loc>
    <news:news>
      <news:publication_date>2024-03-05T08:15:00Z</news:publication_date>
      <news:title>Leaders meet</news:title>
    </news:news>
  </url>
</urlset>`)
	fmt.Println(discover.Sniff(body, "application/xml", ""))
	pages, _, err := discover.ParseSitemap(body)
	if err != nil {
		panic(err)
	}
	for _, p := range pages {
		fmt.Println(p.URL, p.Published.Format("2006-01-02"), p.Title)
	}
	// Output:
	// sitemap
	// https://news.example.com/world/summit.html 2024-03-05 Leaders meet
}

func ExampleRobots() {
	r, err := discover.ParseRobots(200, []byte("User-agent: *\nDisallow: /search\nCrawl-delay: 2\nSitemap: https://news.example.com/sitemap.xml\n"))
	if err != nil {
		panic(err)
	}
	ua := "archivist/0.1 (+https://example.org/archivist)"
	fmt.Println(r.Allowed(ua, "/search?q=x"), r.Allowed(ua, "https://news.example.com/world/"))
	fmt.Println(r.CrawlDelay(ua), r.Sitemaps())
	// Output:
	// false true
	// 2s [https://news.example.com/sitemap.xml]
}
