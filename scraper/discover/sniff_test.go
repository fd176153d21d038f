package discover

import (
	"strings"
	"testing"
	"unicode/utf16"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		contentType string
		url         string
		want        Kind
	}{
		{"urlset", urlsetXML, "application/xml", "", KindSitemap},
		{"urlset served as html", urlsetXML, "text/html", "", KindSitemap},
		{"sitemap index", indexXML, "text/xml", "", KindSitemapIndex},
		{"news sitemap", newsXML, "", "", KindSitemap},
		{"gzipped sitemap", string(gz(t, []byte(urlsetXML))), "application/octet-stream", "https://a.example/s.xml.gz", KindSitemap},
		{"gzipped index", string(gz(t, []byte(indexXML))), "application/x-gzip", "", KindSitemapIndex},
		{"rss 2.0", rss2XML, "application/rss+xml", "", KindFeed},
		{"rss served as text/html", rss2XML, "text/html; charset=utf-8", "", KindFeed},
		{"atom", atomXML, "application/atom+xml", "", KindFeed},
		{"rdf", rdfXML, "application/rdf+xml", "", KindFeed},
		{"non-feed rdf", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description/></rdf:RDF>`, "", "", KindOther},
		{"json feed", jsonFeed, "application/feed+json", "", KindFeed},
		{"json feed escaped slash", `{"version":"https:\/\/jsonfeed.org\/version\/1","items":[]}`, "application/json", "", KindFeed},
		{"plain json", `{"a": 1}`, "application/json", "", KindOther},
		{"html", htmlPage, "text/html", "", KindHTML},
		{"html mentioning rss without content type", htmlPage, "", "", KindHTML},
		{"html with rss tag first in body", "<html><body><rss version=\"2.0\">", "", "", KindHTML},
		{"html comment mentioning urlset", "<!-- <urlset> --><!doctype html><p>x", "", "", KindHTML},
		{"xhtml", xhtmlPage, "application/xhtml+xml", "", KindHTML},
		{"xhtml as xml", xhtmlPage, "application/xml", "", KindHTML},
		{"html fragment", "<div>hello</div>", "", "", KindHTML},
		{"html without tags at start", "Hello <b>world</b>", "text/html", "", KindHTML},
		{"doctype upper", "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n<HTML>", "", "", KindHTML},
		{"html with bom and spaces", "\ufeff \n <html>", "", "", KindHTML},
		{"utf-16 sitemap", utf16LE("\ufeff<?xml version=\"1.0\" encoding=\"UTF-16\"?><urlset>"), "", "", KindSitemap},
		{"doctype with internal subset", `<!DOCTYPE rss [<!ENTITY x "]>">]><rss version="2.0">`, "", "", KindFeed},
		{"junk before xml", "Notice: x\n<?xml version=\"1.0\"?><urlset>", "", "", KindSitemap},
		{"text sitemap", "https://a.example/1\nhttps://a.example/2\n", "text/plain", "", KindSitemap},
		{"text sitemap by url", "https://a.example/1\n", "application/octet-stream", "https://a.example/sitemap.txt", KindSitemap},
		{"text that is not urls", "User-agent: *\nDisallow: /\n", "text/plain", "", KindOther},
		{"url list served as html", "https://a.example/1\n", "text/html", "", KindHTML},
		{"generic xml", `<?xml version="1.0"?><config><a/></config>`, "application/xml", "", KindOther},
		{"image", "\x89PNG\r\n\x1a\n\x00\x00", "image/png", "", KindOther},
		{"pdf", "%PDF-1.7\n", "application/pdf", "", KindOther},
		{"empty html by type", "", "text/html", "", KindHTML},
		{"empty html by url", "", "", "https://a.example/x.html", KindHTML},
		{"empty", "", "", "", KindOther},
		{"unterminated comment", "<!-- forever", "", "", KindOther},
		{"unterminated pi", "<?xml version", "", "", KindOther},
		{"lone bracket", "<", "", "", KindOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff([]byte(tt.body), tt.contentType, tt.url); got != tt.want {
				t.Errorf("Sniff = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSniffLongPrologue(t *testing.T) {
	body := "<?xml version=\"1.0\"?>\n<!--" + strings.Repeat("x", 50000) + "-->\n<urlset>"
	if got := Sniff([]byte(body), "", ""); got != KindSitemap {
		t.Errorf("Sniff = %v, want sitemap", got)
	}
}

func TestKindString(t *testing.T) {
	want := map[Kind]string{KindOther: "other", KindHTML: "html", KindSitemap: "sitemap", KindSitemapIndex: "sitemap_index", KindFeed: "feed", Kind(99): "other"}
	for k, s := range want {
		if k.String() != s {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), k.String(), s)
		}
	}
}

func utf16LE(s string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func FuzzSniff(f *testing.F) {
	for _, s := range []string{urlsetXML, indexXML, rss2XML, atomXML, rdfXML, jsonFeed, htmlPage, xhtmlPage, "<!DOCTYPE x [", "\xfe\xff\x00<"} {
		f.Add([]byte(s), "text/html", "https://a.example/x")
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType, pageURL string) {
		if len(body) > fuzzMaxBytes {
			return
		}
		k := Sniff(body, contentType, pageURL)
		if k < KindOther || k > KindFeed {
			t.Fatalf("Sniff returned %d", k)
		}
	})
}

func BenchmarkSniff(b *testing.B) {
	page := []byte(htmlPage + strings.Repeat("<p>paragraph of article text</p>\n", 2000))
	for _, c := range []struct {
		name string
		body []byte
	}{{"html", page}, {"sitemap", []byte(newsXML)}, {"gzip", gz(b, benchSitemap(1000))}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Sniff(c.body, "text/html", "https://a.example/")
			}
		})
	}
}
