package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestDatelineText(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`<abbr class="published" title="2026-03-15T13:30:00Z">Publié le 15 mars 2026 à 14h30</abbr>`, "2026-03-15T13:30:00Z"},
		{`<abbr class="published" title="Central European Time">15 mars 2026</abbr>`, "15 mars 2026"},
		{`<span class="date" title="2026-03-15T13:30:00Z">15 mars 2026</span>`, "15 mars 2026"},
		{`<abbr class="published">15 mars 2026</abbr>`, "15 mars 2026"},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader("<p>" + tt.in))
		if err != nil {
			t.Fatal(err)
		}
		n := firstElement(doc, "abbr")
		if n == nil {
			n = firstElement(doc, "span")
		}
		if got := datelineText(n); got != tt.want {
			t.Errorf("datelineText(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
