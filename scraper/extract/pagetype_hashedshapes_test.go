package extract

import (
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestHashedShapePages: pages whose class names are hashed, so that only
// their shape tells what they are (testdata/hashedshapes, issue 8): a
// section front of teasers (a linked headline, a date, one line), a tag
// page's second page with its pager and a directory of undated cards
// under a line of intro are listings; a dated, signed story over a long
// rail of other stories and a photo story of captions under a few other
// stories are articles. Main typed them so before branch ex39lc too;
// they hold the shapes its measured and dropped change
// (docs/BENCHMARKS.md) put at stake.
func TestHashedShapePages(t *testing.T) {
	tests := []struct{ file, url, want string }{
		{"section_front_hashed.html", "https://harbourtimes.example/business/", corpus.PageTypeListing},
		{"tag_page2_hashed.html", "https://harbourtimes.example/tag/ferries/page/2/", corpus.PageTypeListing},
		{"story_long_rail_hashed.html", "https://harbourtimes.example/news/harbour-dues-to-rise-for-visiting-yachts", corpus.PageTypeArticle},
		{"walks_directory_hashed.html", "https://islandrambles.example/walks/", corpus.PageTypeListing},
		{"photo_story_hashed.html", "https://harbourtimes.example/pictures/a-day-in-the-harbour", corpus.PageTypeArticle},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			art, err := Extract(Input{Body: mustReadFile(t, "testdata/hashedshapes/"+tt.file), URL: tt.url,
				ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			if art.PageType != tt.want {
				t.Errorf("page type %q (%d words), want %s", art.PageType, art.WordCount, tt.want)
			}
		})
	}
}
