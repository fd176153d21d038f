package extract

import "testing"

func TestKindMarks(t *testing.T) {
	tests := []struct {
		v    string
		want uint16
	}{
		{"", 0},
		{"post", attrPost},
		{"messageBody", attrPost},
		{"card teaser", attrCard},
		{"product-price", attrCard | attrPrice},
		{"forum-post result prices", attrPost | attrCard | attrPrice},
		{"postcard headline", 0},
		{"price-tag", attrPrice},
	}
	for _, tt := range tests {
		if got, _ := kindMarks(tt.v, nil); got != tt.want {
			t.Errorf("kindMarks(%q) = %b, want %b", tt.v, got, tt.want)
		}
	}
}
