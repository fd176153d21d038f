package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestStoryCaption: a figcaption is text only as a full sentence in a run
// of three or more such captioned items, or as the caption inside a link
// to another page in a run of three or more such cards.
func TestStoryCaption(t *testing.T) {
	step := func(cap, alt string) string {
		return `<figure><img src="a.jpg" alt="` + alt + `"><figcaption>` + cap + `</figcaption></figure>`
	}
	s := "Stir the sauce over a low heat until it is thick and glossy."
	// A portfolio's card: the figure's link holds its caption, a name
	// and a place, no sentence (cardCaption).
	card := func(href string) string {
		return `<figure><a href="` + href + `"><img src="a.jpg" alt=""><figcaption>Orchard House, 2026</figcaption></a></figure>`
	}
	const linkedImg = `<figure><a href="/work/a/"><img src="a.jpg" alt=""></a><figcaption>Orchard House, 2026</figcaption></figure>`
	tests := []struct {
		name string
		page string
		want bool
	}{
		{"three figures", step(s, "") + step(s, "") + step(s, ""), true},
		{"three list items", "<ol><li>" + step(s, "") + "</li><li>" + step(s, "") + "</li><li>" + step(s, "") + "</li></ol>", true},
		{"three divs", "<div>" + step(s, "") + "</div><div>" + step(s, "") + "</div><div>" + step(s, "") + "</div>", true},
		{"two figures", step(s, "") + step(s, ""), false},
		{"credits", step("Photo: Ann Lee for the Hill Kitchen, taken in May.", "") + step("Photo: Ann Lee for the Hill Kitchen, taken in May.", "") + step("Photo: Ann Lee for the Hill Kitchen, taken in May.", ""), false},
		{"short labels", step("The sauce.", "") + step("The sauce.", "") + step("The sauce.", ""), false},
		{"alt text again", step(s, s) + step(s, s) + step(s, s), false},
		{"no full stop", step("Stir the sauce over a low heat until it is thick", "") + step(s, "") + step(s, ""), false},
		{"item holds more", "<div>" + step(s, "") + "<p>x</p></div><div>" + step(s, "") + "</div><div>" + step(s, "") + "</div>", false},
		{"three linked cards", card("/work/a/") + card("/work/b/") + card("/work/c/"), true},
		{"two linked cards", card("/work/a/") + card("/work/b/"), false},
		{"a lightbox's links", card("/img/a.jpg") + card("/img/b.jpg") + card("/img/c.jpg"), false},
		{"anchors", card("#a") + card("#b") + card("#c"), false},
		{"caption outside the link", linkedImg + linkedImg + linkedImg, false},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader("<body>" + tt.page + "</body>"))
		if err != nil {
			t.Fatal(err)
		}
		var first *html.Node
		var find func(n *html.Node)
		find = func(n *html.Node) {
			if first == nil && n.DataAtom == atom.Figcaption {
				first = n
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				find(c)
			}
		}
		find(doc)
		if got := storyCaption(first, nil); got != tt.want {
			t.Errorf("%s: storyCaption = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCreditCaption(t *testing.T) {
	tests := []struct {
		t    string
		want bool
	}{
		{"Photo: Ann Lee", true},
		{"Image courtesy of the Moorland Trust.", true},
		{"The old quay on festival morning © Ann Lee", true},
		{"Photos by Ann Lee and Jonas Field.", true},
		{"Credit: Moorland Trust", true},
		{"Stir the sauce until it is thick.", false},
		{"Photograph the wires before you undo anything.", false},
	}
	for _, tt := range tests {
		if got := creditCaption(tt.t); got != tt.want {
			t.Errorf("creditCaption(%q) = %v, want %v", tt.t, got, tt.want)
		}
	}
}
