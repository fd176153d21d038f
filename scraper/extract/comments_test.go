package extract

import "testing"

// TestIsCommentHeading: the plural or a count opens a comment section;
// the singular heads an opinion piece, and a sentence is text.
func TestIsCommentHeading(t *testing.T) {
	tests := []struct {
		heading string
		want    bool
	}{
		{"Leserkommentare", true},
		{"Kommentare (12)", true},
		{"Reader comments", true},
		{"27 commentaires", true},
		{"No comments yet", true},
		{"1 Antwort", true},
		{"5 thoughts on “The harbour ferry”", true},
		{"Comments:", true},
		{"Kommentar", false},
		{"Comment", false},
		{"Commentaires du ministre", false},
		{"Comments from the council meeting were mixed", false},
		{"Recent comments", false},
	}
	for _, tt := range tests {
		if got := isCommentHeading(tt.heading); got != tt.want {
			t.Errorf("isCommentHeading(%q) = %v, want %v", tt.heading, got, tt.want)
		}
	}
}
