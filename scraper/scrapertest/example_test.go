package scrapertest_test

import (
	"fmt"
	"io"
	"net/http/httptest"

	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// A Site is an http.Handler; NewServer serves one on loopback for tests.
func ExampleNewSite() {
	site := scrapertest.NewSite(scrapertest.WithArticles(20))
	rec := httptest.NewRecorder()
	site.ServeHTTP(rec, httptest.NewRequest("GET", "http://news.test/robots.txt", nil))
	body, _ := io.ReadAll(rec.Body)
	fmt.Print(string(body))

	arts := site.Articles("http://news.test")
	fmt.Println(len(arts), "articles, the newest:", arts[0].URL)
	// Output:
	// # robots.txt for The Daily Meridian
	//
	// User-agent: *
	// Disallow: /private/
	// Disallow: /search
	//
	// User-agent: BadBot
	// Disallow: /
	//
	// Sitemap: http://news.test/sitemap.xml
	// Sitemap: http://news.test/sitemap-news.xml
	// 20 articles, the newest: http://news.test/2024/06/27/nedonestur-cooperative-announces-expansion.html
}
