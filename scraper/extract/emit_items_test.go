package extract

import (
	"strings"
	"testing"
)

// TestJoinMarked: in a page's main text, the line of each item of a
// list that is not numbered starts with "- "; a numbered list's items,
// a card's lines after its first, a card whose name is a heading,
// paragraphs and table rows stay bare.
func TestJoinMarked(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"list", `<p>We offer:</p><ul><li>Cleanings</li><li>Extractions</li></ul>`,
			"We offer:\n\n- Cleanings\n- Extractions"},
		{"numbered list", `<ol><li>Create a file.</li><li>Run it.</li></ol>`, "Create a file.\nRun it."},
		{"nested list", `<ul><li>Fruit<ul><li>Apples</li><li>Pears</li></ul></li><li>Bread</li></ul>`,
			"- Fruit\n- Apples\n- Pears\n- Bread"},
		{"item of paragraphs", `<ul><li><p>First point.</p><p>More on it.</p></li></ul>`, "- First point.\nMore on it."},
		{"card", `<ul><li><h3>Starter</h3><p>A resume that sets you apart.</p></li></ul>`,
			"Starter\n\nA resume that sets you apart."},
		{"card of lines", `<ul><li><a href="/a">Boots</a><br><span>$170.00</span></li></ul>`, "- Boots\n$170.00"},
		{"table", `<table><tr><td>Size</td><td>M</td></tr></table>`, "Size M"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks := emitBlocks(t, tt.in, true)
			if got := joinMarked(blocks); got != tt.want {
				t.Errorf("text = %q, want %q", got, tt.want)
			}
			if got, want := joinBlocks(blocks), strings.ReplaceAll(tt.want, "- ", ""); got != want {
				t.Errorf("joinBlocks = %q, want %q", got, want)
			}
		})
	}
}
