package extract

import (
	"path/filepath"
	"testing"
)

// TestTwinCousins: the content walk's own body (before the recall nets,
// which mend some such pages later from the page's prose) on a declared
// story whose hidden rest is cut into chunks of one boilerplate-sounding
// class, each inside its own layout row and column: cousins, not
// siblings, each a tenth of the page's paragraphs or a little more.
// Together they hold most of the page: they are the story. A box of one
// boilerplate class repeated in a story (a newsletter sign-up, once
// inside a layout row) holds far less: it stays out.
func TestTwinCousins(t *testing.T) {
	tests := []struct {
		file      string
		want, not []string
	}{
		{"split_widget_cousins.html",
			[]string{"The old cider press of the village orchard", "A joiner from the next valley", "Putting the press back together",
				"The first pressing will be", "has asked for a bottle of juice instead of a glass."},
			[]string{"Most read", "Bus timetable"}},
		{"repeated_box_cousins.html",
			[]string{"The footbridge over the weir opened", "from the mill to the old ford below the church."},
			[]string{"Every Friday our editors", "Most read"}},
	}
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
