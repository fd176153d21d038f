package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestIsHiddenPanel: a tab panel or a section labelled by its control is
// a panel when an inline style hides it; dialogs, menus, shown panels
// and panels hidden otherwise (the content walk's call) are not.
func TestIsHiddenPanel(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
	}{
		{"tab hidden by style", `<div role="tabpanel" style="display: none;">x</div>`, true},
		{"tab shown", `<div role="tabpanel">x</div>`, false},
		{"tab hidden by attribute", `<div role="tabpanel" hidden>x</div>`, false},
		{"accordion panel", `<div aria-labelledby="q1" style="display:none">x</div>`, true},
		{"accordion panel, aria-hidden", `<div aria-labelledby="q1" aria-hidden="true">x</div>`, false},
		{"accordion panel, hidden attribute", `<section aria-labelledby="q1" hidden>x</section>`, true},
		{"dialog", `<div role="dialog" aria-labelledby="m1" style="display:none">x</div>`, false},
		{"menu", `<ul role="menu" aria-labelledby="b1" style="display:none">x</ul>`, false},
		{"hidden div", `<div style="display:none">x</div>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body>" + tt.in + "</body>"))
			if err != nil {
				t.Fatal(err)
			}
			n := doc.FirstChild.LastChild.FirstChild
			if got := isHiddenPanel(n); got != tt.want {
				t.Errorf("isHiddenPanel(%s) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestInsertAt: the panel's lines go before the first block made after
// the panel, or at the end.
func TestInsertAt(t *testing.T) {
	bs := []block{{text: "a", at: 1}, {text: "b", at: 5}, {text: "c", at: 9}}
	add := []block{{text: "p"}, {text: "q"}}
	tests := []struct {
		at   int32
		want string
	}{
		{0, "p|q|a|b|c"}, {5, "a|b|p|q|c"}, {7, "a|b|p|q|c"}, {20, "a|b|c|p|q"},
	}
	for _, tt := range tests {
		if got := strings.Join(blockTexts(insertAt(bs, add, tt.at)), "|"); got != tt.want {
			t.Errorf("insertAt(%d) = %s, want %s", tt.at, got, tt.want)
		}
	}
}

// TestControlLabel: a button that asks a question gives its text; other
// buttons and one-word questions give nothing.
func TestControlLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<button aria-expanded="false">  How long does a permit take? </button>`, "How long does a permit take?"},
		{`<button><span>1. Who is this</span> <span>program for?</span><i></i></button>`, "1. Who is this program for?"},
		{`<button aria-expanded="false">Item details</button>`, ""},
		{`<button>Why?</button>`, ""},
		{`<button type="submit">Subscribe</button>`, ""},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader("<body>" + tt.in + "</body>"))
		if err != nil {
			t.Fatal(err)
		}
		if got := controlLabel(doc.FirstChild.LastChild.FirstChild); got != tt.want {
			t.Errorf("controlLabel(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
