package extract

import (
	"strings"
	"testing"
)

func TestEssayCaption(t *testing.T) {
	long := func(s string) string {
		return "<figcaption>" + s + " walks along the wall at first light while the water settles in the shallow pans below the old stone dyke by the sea.</figcaption>"
	}
	para := "<p>" + strings.Repeat("The story goes on here in a paragraph of plain words. ", 3) + "</p>"
	tests := []struct {
		name, body string
		want       bool
	}{
		{"three long captions among few paragraphs", `<div><div>` + long("Ann") + `</div>` + para + `<div>` + long("Kit") + `</div><div>` + long("Ysolde") + `</div></div>`, true},
		{"three long captions in a long story", `<div><div>` + long("Ann") + `</div>` + strings.Repeat(para, 12) + `<div>` + long("Kit") + `</div><div>` + long("Ysolde") + `</div></div>`, false},
		{"two long captions are no essay", `<div><div>` + long("Ann") + `</div>` + para + `<div>` + long("Kit") + `</div></div>`, false},
		{"short captions are labels", `<div><figure><figcaption>The pans at dawn.</figcaption></figure><figure><figcaption>The sluice.</figcaption></figure><figure><figcaption>Salt heaps.</figcaption></figure></div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := mustParseFragment(t, tt.body)
			if got := essayCaption(firstElement(root, "figcaption"), nil); got != tt.want {
				t.Errorf("essayCaption = %v, want %v", got, tt.want)
			}
		})
	}
}
