package extract

import (
	"strings"
	"testing"
)

// TestHeadDateLinesKeepEntries reads live blogs and a timeline whose
// entries each open with a stamp line: the first entry's stamp stands
// before the first paragraph, as a date line over a story does, and
// stays (stampsAfter).
func TestHeadDateLinesKeepEntries(t *testing.T) {
	for _, tt := range []struct{ file, stamp string }{
		{"lists/live_blog.html", "16:42"},
		{"cms/liveblog-pt.html", "14h32"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			art := extractTestdata(t, tt.file, "https://pages.test/"+tt.file)
			if !strings.Contains(art.Text, tt.stamp) {
				t.Errorf("text lacks the first entry's stamp %q: %q", tt.stamp, art.Text)
			}
		})
	}
}
