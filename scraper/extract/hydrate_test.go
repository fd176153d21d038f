package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHiddenWrapper: a page whose content sits inside one wrapper that a
// script shows after hydration is read from that wrapper; hidden menus
// and dialogs beside a visible story stay out.
func TestHiddenWrapper(t *testing.T) {
	tests := []struct {
		name       string
		wantInText []string
		notInText  []string
	}{
		// Everything inside a wrapper hidden by an inline style.
		{name: "hydrate_wrapper",
			wantInText: []string{"The client retries a request", "Three settings control retries", "such a request fails on its first error."},
			notInText:  []string{"Timeouts", "MIT licence"}},
		// The answers of a page's questions, in accordion panels hidden
		// from assistive technology until their button opens them, stay;
		// a menu and a drawer hidden the same way go.
		{name: "faq_panels",
			wantInText: []string{"Cover for sailing boats", "covered all year", "carries the boat's name on its transom"},
			notInText:  []string{"Car insurance", "Sign up for our newsletter"}},
		// A visible story beside a hidden menu drawer and a dialog.
		{name: "hidden_chrome",
			wantInText: []string{"The night ferry to the outer islands", "returning empty to the mainland."},
			notInText:  []string{"brings you the stories", "Sign up for our morning briefing", "Weather"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "hidden", tt.name, "https://docs.example/guide/"+tt.name)
			checkText(t, art.Text, tt.wantInText, tt.notInText)
		})
	}
}

// TestUnhide: only what hides the element goes.
func TestUnhide(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<div id="a" class="app" hidden aria-hidden="true" style="visibility:hidden;min-height:100vh"><p>x</p></div><div id="b" style="color:red">y</div>`))
	if err != nil {
		t.Fatal(err)
	}
	body := doc.FirstChild.LastChild
	a, b := body.FirstChild, body.LastChild
	unhide(a)
	unhide(b)
	if isHidden(a) || len(a.Attr) != 2 || attr(a, "class") != "app" || attr(a, "id") != "a" || a.FirstChild == nil {
		t.Errorf("unhide left %v", a.Attr)
	}
	if len(b.Attr) != 2 || attr(b, "style") != "color:red" {
		t.Errorf("unhide changed a visible element: %v", b.Attr)
	}
}
