package main

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/bench/score"
)

// placeWords is how many of a snippet's first words snippetPlace looks
// for when the whole snippet is not one run of the page's text.
const placeWords = 5

// snippetPlace says where a snippet sits in a page's markup, for the
// -places reading of the tuning half's failures: the innermost element
// whose text holds it, with the kinds of its ancestors that tell why an
// extractor keeps or drops it ("li > a in nav, hidden"). When the whole
// snippet is not one run of the page's text (a labeller joined pieces,
// or spelled it otherwise) its first placeWords words are looked for
// ("start: ..."), then its last ("end: "), past a list item's mark "- "
// the references write ("item: " for a short snippet found without
// it); a snippet found only once quotes and spaces are folded
// on both sides (score.FoldSpelling) is "spelling: ..."; "not in the
// markup" when none of these is there.
// The page's text is read as a browser lays it out only roughly: block
// elements are set apart by a space, inline ones joined, scripts read
// as text (a snippet found only there is script data, not shown).
func snippetPlace(doc *html.Node, snip string) string {
	s := strings.Join(strings.Fields(snip), " ")
	if s == "" {
		return "empty snippet"
	}
	same := func(t string) string { return t }
	if n := deepestHolding(doc, s, same); n != nil {
		return describePlace(n)
	}
	if n := deepestHolding(doc, score.FoldSpelling(s), score.FoldSpelling); n != nil {
		return "spelling: " + describePlace(n)
	}
	if w := strings.Fields(strings.TrimPrefix(s, "- ")); len(w) > placeWords {
		if n := deepestHolding(doc, strings.Join(w[:placeWords], " "), same); n != nil {
			return "start: " + describePlace(n)
		}
		if n := deepestHolding(doc, strings.Join(w[len(w)-placeWords:], " "), same); n != nil {
			return "end: " + describePlace(n)
		}
	} else if t := strings.TrimPrefix(s, "- "); t != s {
		if n := deepestHolding(doc, t, same); n != nil {
			return "item: " + describePlace(n)
		}
	}
	return "not in the markup"
}

// parsePage parses a page for snippetPlace; nil when it does not parse.
func parsePage(b []byte) *html.Node {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	return doc
}

// deepestHolding returns the innermost element below n whose laid-out
// text, passed through fold, holds s, or nil. It walks down one child at a time: linear in
// the page's text times its depth, for the few pages -failures lists.
func deepestHolding(n *html.Node, s string, fold func(string) string) *html.Node {
	var found *html.Node
	for n != nil {
		if !strings.Contains(fold(layoutText(n)), s) {
			break
		}
		if n.Type == html.ElementNode {
			found = n
		}
		next := (*html.Node)(nil)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && strings.Contains(fold(layoutText(c)), s) {
				next = c
				break
			}
		}
		n = next
	}
	return found
}

// layoutText is n's text with white space collapsed, block elements set
// apart by a space and style sheets left out.
func layoutText(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom == atom.Style {
				return
			}
		}
		block := n.Type == html.ElementNode && !inline[n.DataAtom]
		if block {
			sb.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			sb.WriteByte(' ')
		}
	}
	walk(n)
	return strings.Join(strings.Fields(sb.String()), " ")
}

// placeKinds are the ancestors describePlace names: what a page's
// region or a piece of a card is.
var placeKinds = map[atom.Atom]bool{
	atom.Script: true, atom.Template: true, atom.Noscript: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Dialog: true, atom.Main: true, atom.Article: true,
	atom.Li: true, atom.Td: true, atom.Th: true, atom.Dt: true, atom.Dd: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.A: true, atom.Button: true, atom.Label: true,
	atom.Summary: true, atom.Details: true, atom.Figcaption: true, atom.Option: true, atom.Table: true,
}

// describePlace names n's tag, then the kinds of its ancestors
// (placeKinds, innermost first, each once) and "hidden" when one of
// them is hidden by an attribute or an inline style.
func describePlace(n *html.Node) string {
	parts := []string{n.Data}
	seen := map[string]bool{n.Data: true}
	hidden := false
	for a := n; a != nil && a.Type == html.ElementNode; a = a.Parent {
		if hiddenByMarkup(a) {
			hidden = true
		}
		if a != n && placeKinds[a.DataAtom] && !seen[a.Data] {
			seen[a.Data] = true
			parts = append(parts, a.Data)
		}
	}
	out := parts[0]
	if len(parts) > 1 {
		out += " in " + strings.Join(parts[1:], ", ")
	}
	if hidden {
		out += " (hidden)"
	}
	return out
}

// hiddenByMarkup reports whether n is hidden by the hidden attribute,
// aria-hidden="true" or an inline style (display:none,
// visibility:hidden).
func hiddenByMarkup(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			v := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}
