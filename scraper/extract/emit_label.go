package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// labelMaxBytes bounds the text of a label read only by screen readers
// (srLabel): a field's name, not a sentence.
const labelMaxBytes = 40

// srLabel reports whether n is a label that only screen readers get, set
// before the visible value it names: an inline element whose class says
// it is visually hidden (srOnlyClass), whose text is a name of four words
// or fewer without a digit, and whose next sibling that is not white
// space is visible text. A shop's tiles carry them by the dozen ("Regular
// price" before "$36", "Sale price:", "Brand Name" before the brand): the
// page shows the value, not the label. A hidden label with a figure in it
// is a sentence read aloud ("Original price was: $39.95."), and a hidden
// word with nothing visible after it stands for an icon (a table's
// "Yes"): both stay.
func srLabel(n *html.Node) bool {
	if !srOnlyClass(attr(n, "class")) {
		return false
	}
	t := shortText(n, labelMaxBytes)
	if t == "" || len(strings.Fields(t)) > 4 || strings.IndexFunc(t, unicode.IsDigit) >= 0 {
		return false
	}
	v := nextShown(n)
	return v != nil && (v.Type == html.TextNode || !srOnlyClass(attr(v, "class")) && shortText(v, 200) != "")
}

// nextShown returns n's next sibling that is not blank text or a
// comment, or nil.
func nextShown(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		switch s.Type {
		case html.TextNode:
			if !blank(s.Data) {
				return s
			}
		case html.ElementNode:
			return s
		}
	}
	return nil
}

// srOnlyClass reports whether a class attribute names an element hidden
// from the screen but read by screen readers, in the words CSS frameworks
// and themes use for it (Bootstrap's sr-only, visually-hidden, WordPress's
// screen-reader-text).
func srOnlyClass(class string) bool {
	if class == "" {
		return false
	}
	c := strings.ToLower(class)
	for _, w := range srOnlyWords {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

var srOnlyWords = []string{"sr-only", "sr_only", "visually-hidden", "visuallyhidden", "visually_hidden", "screen-reader", "screenreader"}

// label notes the text of a muted srLabel n, so that the block model
// reads the block as the page wrote it.
func (f *featWalk) label(n *html.Node) {
	f.labels = append(f.labels, shortText(n, labelMaxBytes)...)
	f.labels = append(f.labels, ' ')
}

// featText is the block's text t as the block model reads it: with the
// labels muted in it put back before it.
func (f *featWalk) featText(t string) string {
	if len(f.labels) == 0 {
		return t
	}
	return string(f.labels) + t
}
