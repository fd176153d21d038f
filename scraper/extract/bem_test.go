package extract

import "testing"

// TestBEMBody: a BEM element of a body block that names the block's
// content is a body class; other elements of the block, and content
// elements of other blocks, are not.
func TestBEMBody(t *testing.T) {
	tests := []struct {
		class string
		want  bool
	}{
		{"article-body__content", true},
		{"story-body__inner--wide", true},
		{"entry-content__text", true},
		{"articleBody__wrapper", true},
		{"article-body__share", false},
		{"article-body__related", false},
		{"sidebar__content", false},
		{"card__text", false},
		{"article-body", false}, // no element: bodyWords reads it
		{"__content", false},
	}
	for _, tt := range tests {
		if got := bemBody(tt.class); got != tt.want {
			t.Errorf("bemBody(%q) = %v, want %v", tt.class, got, tt.want)
		}
	}
}
