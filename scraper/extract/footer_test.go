package extract

import "testing"

// TestEdgesByPlace runs hand-written pages whose class and id names are
// hashed (testdata/hashed), so that only the page's structure tells the
// footer (the region after the headline's branch that holds a copyright
// notice) and the header (the elements before the headline's branch,
// half links or more). A short article keeps none of its footer, not
// even the reader desk's paragraph of prose, which the recall nets would
// otherwise take; a wire story's own copyright line closing its text
// does not make the story a footer; a service listing's menus above its
// headline stay out of its text. An open thread's short post keeps its
// text without the long thread of comments that a heading opens after it.
func TestEdgesByPlace(t *testing.T) {
	tests := []struct {
		name       string
		wantInText []string
		notInText  []string
	}{
		{"article_footer_hashed",
			[]string{"The ferry to the outer islands sailed again", "the week's post, the skipper said"},
			[]string{"reader service desk", "Copyright ©", "Jobs at the Gazette", "Privacy policy"}},
		{"article_wire_copyright",
			[]string{"empty since the light was automated", "Neighbours had asked", "forbids it for twenty years"},
			[]string{"© 2026 Coast Weekly"}},
		{"article_comments_hashed",
			[]string{"This is the place to ask about the winter ferry"},
			[]string{"Top rated comments", "I asked the same at the pier office", "Rating:"}},
		{"service_header_hashed",
			[]string{"We sweep chimneys in Eastbrook", "Mesh guards fitted to the pot", "from £85"},
			[]string{"Areas we cover", "Customer reviews", "Work with us", "Book a visit", "Terms of business"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "hashed", tt.name, "https://news.example/2026/11/"+tt.name)
			checkText(t, art.Text, tt.wantInText, tt.notInText)
		})
	}
}
