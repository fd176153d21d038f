package extract

import "testing"

// TestLinkedStatement: a mostly linked first paragraph that reads as the
// story's lead opens the body; a linked byline, photo credit or "Read
// more:" line, whose unlinked words are too few, does not.
func TestLinkedStatement(t *testing.T) {
	prose := block{kind: kindPara, text: "The council met on Tuesday to discuss the harbour plan, which residents said would change the district."}
	last := block{kind: kindPara, text: "The vote is expected next month."}
	for _, tc := range []struct {
		name string
		lead block
		want bool
	}{
		{"lead linking its names", block{kind: kindPara, link: 0.45,
			text: "Jane Doe has been eliminated from the show after a tense final round."}, true},
		{"linked byline", block{kind: kindPara, link: 0.7, text: "By Jane Doe and John Roe."}, false},
		{"photo credit", block{kind: kindPara, link: 0.75, text: "Photo by Anna Berg for Harbour Picture Agency."}, false},
		{"read more", block{kind: kindPara, link: 0.75, text: "Read more: The ferry that never came back to port."}, false},
		{"a question", block{kind: kindPara, link: 0.5, text: "What does the harbour plan mean for the district?"}, false},
	} {
		if got := linkedStatement([]block{tc.lead, prose, last}, 0); got != tc.want {
			t.Errorf("%s: linkedStatement = %v, want %v", tc.name, got, tc.want)
		}
	}
}
