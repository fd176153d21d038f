package extract

import "testing"

// TestFooterByPlace runs hand-written articles whose class and id names
// are hashed (testdata/hashed), so that only the page's structure tells
// the footer: the region after the headline's branch that holds a
// copyright notice. A short article keeps none of its footer, not even
// the reader desk's paragraph of prose (which the short-body net would
// otherwise take); a wire story's own copyright line closing its text
// does not make the story a footer.
func TestFooterByPlace(t *testing.T) {
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "hashed", tt.name, "https://news.example/2026/11/"+tt.name)
			checkText(t, art.Text, tt.wantInText, tt.notInText)
		})
	}
}
