package extract

import (
	"path/filepath"
	"testing"

	"golang.org/x/net/html"
)

// TestTwinCousins: the content walk's own body (before the recall nets,
// which mend some such pages later from the page's prose) on a declared
// story whose hidden rest is cut into chunks of one boilerplate-sounding
// class, each inside its own layout row and column: cousins, not
// siblings, each a tenth of the page's paragraphs or a little more.
// Together they hold most of the page: they are the story. A box of one
// boilerplate class repeated in a story (a newsletter sign-up, once
// inside a layout row) holds far less: it stays out; so do boxes named
// for their role that together outweigh a short story.
func TestTwinCousins(t *testing.T) {
	runBodyPages(t, []bodyPage{
		{"split_widget_cousins.html",
			[]string{"The old cider press of the village orchard", "A joiner from the next valley", "Putting the press back together",
				"The first pressing will be", "has asked for a bottle of juice instead of a glass."},
			[]string{"Most read", "Bus timetable"}},
		{"repeated_box_cousins.html",
			[]string{"The footbridge over the weir opened", "from the mill to the old ford below the church."},
			[]string{"Every Friday our editors", "Most read"}},
		// Four author bios of two paragraphs, each in its own layout
		// row, outweigh a short opinion piece: named for their role, not
		// for how they are shown, they are boxes, not the story's rest.
		{"repeated_bios_cousins.html",
			[]string{"The reservoirs of the valley are lower", "before the spring, when the next licences are due to be signed."},
			[]string{"Anna Berg teaches hydrology", "Jon Hale farms sheep", "Most read"}},
		// Three such bios, each over a fifth of the page: cousins named
		// for a role are not looked for (siblings only).
		{"repeated_bios3_cousins.html",
			[]string{"The reservoirs of the valley are lower", "before the spring, when the next licences are due to be signed."},
			[]string{"Anna Berg teaches hydrology", "Lena Fors works", "Most read"}},
	})
}

// bodyPage is a page of testdata/body and what the content walk's body
// must hold and leave out.
type bodyPage struct {
	file      string
	want, not []string
}

func runBodyPages(t *testing.T, tests []bodyPage) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := extractedPage(t, filepath.Join("testdata", "body", tt.file), "https://example.org/news/2026/12/story")
			defer p.release()
			checkText(t, p.body, tt.want, tt.not)
			if t.Failed() {
				t.Logf("body:\n%s", p.body)
			}
		})
	}
}

// TestShownNameOnly: the names whose boilerplate words say how a chunk
// is shown get the cousin search and the tenth; names of a role do not.
func TestShownNameOnly(t *testing.T) {
	tests := []struct {
		class string
		want  bool
	}{
		{"toggle-group hideOnInit", true},
		{"hide-on-init more-text", true},
		{"read-more-content is-hidden", true},
		{"author-bio", false},
		{"newsletter-box", false},
		{"about-company promo", false},
		{"hidden-mobile related-card", false},
		{"sharebox hidden", false},
		{"story-body", false},
	}
	for _, tt := range tests {
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: tt.class}}}
		if got := shownNameOnly(n); got != tt.want {
			t.Errorf("shownNameOnly(%q) = %v, want %v", tt.class, got, tt.want)
		}
	}
}
