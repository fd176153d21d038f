package scraper

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestMalformedSitemapQueuesWhatWasRead: a sitemap that breaks partway
// (cut short, a broken tag, mismatched elements) still queues the URLs
// listed before the break; the crawl warns about the rest.
func TestMalformedSitemapQueuesWhatWasRead(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		tail string // after the entries for /a and /b
		pad  int    // entries of other pages before /a and /b
		gz   string // "file": served as a .xml.gz; "encoding": Content-Encoding gzip
		cut  int    // bytes cut from the end of the compressed body
	}{
		{name: "cut short", tail: "<url><loc>/c</lo"},
		{name: "broken tag", tail: "<url <<< </urlset>"},
		{name: "mismatched end", tail: "<url><loc>/c</url></urlset>"},
		{name: "control byte", tail: "<url><loc>/c\x01</loc></url></urlset>"},
		{name: "past the sniffed prefix", tail: "<url><loc>/c</url></urlset>", pad: 2000},
		{name: "gzip file cut", tail: "</urlset>", gz: "file", cut: 12, pad: 3000},
		{name: "gzip encoding cut", tail: "</urlset>", gz: "encoding", cut: 12, pad: 3000},
		{name: "gzip file malformed", tail: "<url <<< </urlset>", gz: "file"},
		{name: "gzip encoding malformed", tail: "<url <<< </urlset>", gz: "encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var srv *httptest.Server
			srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/sitemap.xml":
					var b bytes.Buffer
					fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
						`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
					for i := range tt.pad {
						fmt.Fprintf(&b, "<url><loc>%s/x/%d</loc></url>\n", srv.URL, i)
					}
					fmt.Fprintf(&b, `<url><loc>%[1]s/a</loc></url><url><loc>%[1]s/b</loc></url>%[2]s`,
						srv.URL, strings.ReplaceAll(tt.tail, "/c", srv.URL+"/c"))
					body := b.Bytes()
					if tt.gz != "" {
						var z bytes.Buffer
						zw := gzip.NewWriter(&z)
						zw.Write(body)
						zw.Close()
						body = z.Bytes()[:z.Len()-tt.cut]
					}
					switch tt.gz {
					case "file":
						w.Header().Set("Content-Type", "application/gzip")
					case "encoding":
						w.Header().Set("Content-Type", "application/xml")
						w.Header().Set("Content-Encoding", "gzip")
					default:
						w.Header().Set("Content-Type", "application/xml")
					}
					w.Write(body)
				case "/a", "/b", "/c":
					w.Header().Set("Content-Type", "text/html")
					fmt.Fprintf(w, "<html><head><title>Page %s</title></head><body><p>Text.</p></body></html>", r.URL.Path)
				case "/robots.txt":
					http.NotFound(w, r)
				default:
					if strings.HasPrefix(r.URL.Path, "/x/") {
						w.WriteHeader(http.StatusGone)
						return
					}
					http.NotFound(w, r)
				}
			}))
			defer srv.Close()
			db := corpus.MustOpen(t)
			mustCrawl(t, db, []string{srv.URL + "/sitemap.xml"}, fast(WithDepth(0), WithExclude("/x/"))...)
			got := map[string]bool{}
			for _, c := range readCorpus(t, db).captures {
				got[strings.TrimPrefix(c.RequestedURL, srv.URL)] = true
			}
			for _, p := range []string{"/a", "/b"} {
				if !got[p] {
					t.Errorf("%s, listed before the break, was not fetched; fetched %v", p, got)
				}
			}
		})
	}
}
