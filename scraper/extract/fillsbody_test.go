package extract

import (
	"path/filepath"
	"testing"
)

// TestSlotFillsBody: a chunk of a story set in a slot whose class names
// boilerplate ("PromoArea", "meta_field"), as the only content of an
// element named as the story's body (fillsBody), is the story's text;
// the body in parts (three chunks of one body class, an ad or a promo
// line between) reads whole. A boilerplate box around a body-named
// excerpt of another story, a sign-up box or a list of related links
// as the only content of a body-named element, and a comment section
// so placed stay out.
func TestSlotFillsBody(t *testing.T) {
	tests := []struct {
		file      string
		want, not []string
	}{
		{"chunk_in_promo_slot.html",
			[]string{"The cottage beside the old lighthouse", "Inside, the rooms will look as they did in the fifties",
				"until the sea calmed.", "The museum will open on weekends", "given by the keeper's granddaughter."},
			[]string{"Advertisement", "Most read", "Ferry timetable"}},
		{"slot_in_body_element.html",
			[]string{"Beekeepers in the upper valley lost", "Several members fed their colonies with sugar syrup",
				"will talk about raising new queens.", "The valley's honey harvest will be smaller"},
			[]string{"Get the Valley Post in your inbox", "Read more: the honey show returns"}},
		{"related_excerpt_slot.html",
			[]string{"The clock in the town hall tower", "by the width of a coin to slow it down."},
			[]string{"The old market hall by the river", "the nearest indoor play hall"}},
		{"body_named_signup.html",
			[]string{"The new ferry to the outer island", "when it is launched in the yard next month."},
			[]string{"Every Friday our editors", "The post boat needs a name too", "More from the islands"}},
		{"body_named_comments.html",
			[]string{"The mill pond at the bottom of the village", "to skate on in winter."},
			[]string{"4 comments", "I skated on that pond", "Good news for the herons"}},
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
