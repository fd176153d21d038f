package urlnorm_test

import (
	"fmt"
	"net/url"

	"github.com/archivist-project/archivist/scraper/urlnorm"
)

func ExampleNormalize() {
	u, err := urlnorm.Normalize("HTTPS://News.Example.COM:443/world/../politics/./story.html?utm_source=tw&b=2&a=1#comments")
	if err != nil {
		panic(err)
	}
	fmt.Println(u)
	// Output: https://news.example.com/politics/story.html?a=1&b=2
}

func ExampleResolve() {
	base, _ := url.Parse("https://news.example.com/world/story.html")
	for _, href := range []string{"../sport/match.html?fbclid=x", "mailto:desk@example.com", "#top"} {
		u, ok := urlnorm.Resolve(base, href)
		fmt.Printf("%q %v\n", u, ok)
	}
	// Output:
	// "https://news.example.com/sport/match.html" true
	// "" false
	// "" false
}

func ExampleTrapCheck() {
	fmt.Println(urlnorm.TrapCheck("https://example.com/calendar/2024/01/02"))
	fmt.Println(urlnorm.TrapCheck("https://example.com/a/b/a/b/a/b/page.html"))
	// Output:
	//
	// path segments "a/b" repeated 3 times in a row
}
