package extract

import (
	"encoding/json"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// Single-page apps and server-rendered frameworks ship a page's content
// as data inside the page (a <script type="application/json"> block, a
// state object assigned to a global, a framework's streamed chunks, a
// large data-* attribute) and draw it in the browser: the markup holds
// a line of chrome at most. When the text found in the markup is short,
// the page's data blocks are read, their string values that are prose
// kept in document order without repeats, and the page extracted again
// with them as its main markup (see scriptArticle).

// minDataBlock is the least size, in bytes, of a data block worth
// reading: smaller ones are settings, not content.
const minDataBlock = 1000

// maxDataBytes bounds the bytes of data read on one page, so that a
// state blob of many megabytes costs a bounded scan.
const maxDataBytes = 2 << 20

// maxDataParts bounds the prose strings kept from one page.
const maxDataParts = 2000

// dataShare is how many times the words of the page's markup, and of
// the text found in it, the prose of the data must hold: a page drawn
// from its data holds a line or two of chrome, where a page that only
// carries a copy of its content holds that content in its markup too.
const dataShare = 3

// minDataWords is the least prose, in words, the data must hold to be
// taken for the page's text.
const minDataWords = 50

// dataProse collects the prose strings of a page's data blocks.
type dataProse struct {
	parts []dataPart
	seen  map[string]bool
	bytes int // data bytes read so far
	title string
	// pageTitle is the page's title as the markup gives it, lower case;
	// the data's prose is cut to the first record that holds it and
	// enough prose (anchorStart, anchorEnd: its parts), when one does.
	pageTitles             []string
	anchorStart, anchorEnd int
	flightTexts            map[string]string // a streamed payload's text chunks by id
	desc                   string
}

// dataPart is one prose string: text, or an HTML fragment (isHTML).
type dataPart struct {
	s      string
	isHTML bool
	norm   string // its text, spaces collapsed
}

// collectDataProse reads the data blocks below root.
func collectDataProse(root *html.Node, titles []string) *dataProse {
	dp := &dataProse{seen: map[string]bool{}}
	for _, t := range titles {
		if t = strings.ToLower(strings.Join(strings.Fields(t), " ")); t != "" {
			dp.pageTitles = append(dp.pageTitles, t)
		}
	}
	var flight strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			dp.attrData(n)
			switch n.DataAtom {
			case atom.Script:
				dp.scriptData(n, &flight)
				return
			case atom.Template:
				dp.templateData(n)
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if flight.Len() > 0 {
		dp.flightData(flight.String())
	}
	if dp.anchorEnd > 0 {
		dp.cutToAnchor()
	}
	return dp
}

// cutToAnchor keeps the parts of the page's record.
func (dp *dataProse) cutToAnchor() {
	kept := dp.parts[:0]
	for i, p := range dp.parts {
		if i >= dp.anchorStart && i < dp.anchorEnd {
			kept = append(kept, p)
		}
	}
	dp.parts = kept
}

// scriptData reads one <script>: a JSON block, a state object assigned
// to a global (when what follows the assignment is valid JSON), or a
// streamed chunk (kept in flight, read once all are in).
func (dp *dataProse) scriptData(n *html.Node, flight *strings.Builder) {
	if n.FirstChild == nil || n.FirstChild.Type != html.TextNode {
		return
	}
	src := n.FirstChild.Data
	typ := strings.ToLower(strings.TrimSpace(attr(n, "type")))
	switch {
	case strings.Contains(typ, "ld+json"):
		return // JSON-LD: metadata, read elsewhere
	case strings.Contains(typ, "json"):
		if len(src) >= minDataBlock {
			dp.jsonData(src)
		}
	case typ == "" || strings.Contains(typ, "javascript") || typ == "module":
		if chunk, ok := flightChunk(src); ok {
			flight.WriteString(chunk)
			return
		}
		if len(src) >= minDataBlock {
			if v, ok := assignedJSON(src); ok {
				dp.jsonData(v)
			}
		}
	}
}

// attrData reads a data-* attribute that holds a large JSON value.
func (dp *dataProse) attrData(n *html.Node) {
	for _, a := range n.Attr {
		if len(a.Val) >= minDataBlock && strings.HasPrefix(a.Key, "data-") && (a.Val[0] == '{' || a.Val[0] == '[') {
			dp.jsonData(a.Val)
		}
	}
}

// templateData reads a <template>'s content as an HTML fragment when its
// text is prose.
func (dp *dataProse) templateData(n *html.Node) {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return
		}
	}
	dp.add(b.String())
}

// flightChunk returns the string pushed by a streamed-rendering chunk,
// `self.__next_f.push([1,"..."])`: an array of 1 and a JSON string.
func flightChunk(src string) (string, bool) {
	s := strings.TrimSpace(src)
	i := strings.Index(s[:min(len(s), 48)], ".push(")
	if i < 0 || !strings.HasSuffix(s, ")") {
		return "", false
	}
	s = strings.TrimSpace(s[i+len(".push(") : len(s)-1])
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return "", false
	}
	s = strings.TrimSpace(s[1 : len(s)-1])
	one, str, ok := strings.Cut(s, ",")
	str = strings.TrimSpace(str)
	if !ok || strings.TrimSpace(one) != "1" || len(str) < 2 || str[0] != '"' || stringEnd(str, 1) != len(str)-1 {
		return "", false
	}
	return jsonString(str), true
}

// assignedJSON returns the value of a script that only assigns a JSON
// value to a global: `window.X = {...};`, `var x = [...]`. A value over
// maxDataBytes is not read (checking it is JSON would cost a full scan).
func assignedJSON(src string) (string, bool) {
	s := strings.TrimSpace(src)
	eq := strings.IndexByte(s, '=')
	if eq <= 0 || eq > 120 || !assignTarget(strings.TrimSpace(s[:eq])) {
		return "", false
	}
	v := strings.TrimSpace(s[eq+1:])
	v = strings.TrimSpace(strings.TrimSuffix(v, ";"))
	if v == "" || v[0] != '{' && v[0] != '[' || len(v) > maxDataBytes || !json.Valid([]byte(v)) {
		return "", false
	}
	return v, true
}

// assignTarget reports whether s is the left side of a plain assignment
// to a name or a property: `window.__STATE__`, `var data`, `self["x"]`.
func assignTarget(s string) bool {
	for _, kw := range []string{"var ", "let ", "const "} {
		s = strings.TrimPrefix(s, kw)
	}
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_$.[]\"' ", r)) {
			return false
		}
	}
	return true
}

// flightData reads a streamed-rendering payload: lines `id:JSON`, and
// text chunks `id:T<hex length>,<text>` that the lines refer to as
// "$id" (read in the place of the reference, so that only the text of
// the page's record is kept).
func (dp *dataProse) flightData(payload string) {
	var lines []string
	for payload != "" && dp.bytes < maxDataBytes {
		colon := strings.IndexByte(payload, ':')
		if colon < 0 || colon > 16 {
			lines = append(lines, payload)
			break
		}
		rest := payload[colon+1:]
		if n, text, ok := flightText(rest); ok {
			if dp.flightTexts == nil {
				dp.flightTexts = map[string]string{}
			}
			dp.flightTexts[payload[:colon]] = text
			dp.bytes += len(text)
			payload = rest[n:]
			continue
		}
		line, next, _ := strings.Cut(rest, "\n")
		lines = append(lines, line)
		payload = next
	}
	for _, l := range lines {
		dp.jsonData(l)
	}
}

// flightText reads a text chunk `T<hex length>,<text>` at the start of s
// and returns the bytes it spans and its text.
func flightText(s string) (int, string, bool) {
	if len(s) < 3 || s[0] != 'T' {
		return 0, "", false
	}
	comma := strings.IndexByte(s, ',')
	if comma < 2 || comma > 10 {
		return 0, "", false
	}
	size := 0
	for _, c := range s[1:comma] {
		d := strings.IndexRune("0123456789abcdef", unicode.ToLower(c))
		if d < 0 {
			return 0, "", false
		}
		size = size*16 + d
	}
	end := comma + 1 + size
	if end > len(s) {
		end = len(s)
	}
	return end, s[comma+1 : end], true
}

// words returns the words of the prose kept.
func (dp *dataProse) words() int {
	n := 0
	for _, p := range dp.parts {
		n += countWords(p.norm)
	}
	return n
}

// scriptArticle extracts the page again with the prose of its data
// blocks as its main markup, when the text found in the markup (art) is
// short and the data holds clearly more prose: a <main> holding the
// prose, as paragraphs or the fragments' markup, goes first in the body
// of a copy of the page's tree. ok is false when the page keeps art.
func (d *Document) scriptArticle(art corpus.Article) (corpus.Article, []float64, bool) {
	dp := collectDataProse(d.root, append(headTitles(d.root), art.Title))
	words := dp.words()
	mw := markupWords(d.root)
	if words < minDataWords || words <= dataShare*art.WordCount || words <= dataShare*mw || dp.anchorEnd == 0 {
		return art, nil, false
	}
	root := cloneTree(d.root)
	body := firstOfAtom(root, atom.Body)
	if body == nil {
		return art, nil, false
	}
	body.InsertBefore(dp.mainNode(), body.FirstChild)
	alt, _, feats := d.article(root)
	if alt.WordCount <= 2*art.WordCount || alt.WordCount < minDataWords {
		return art, nil, false
	}
	if alt.Title == "" {
		alt.Title = dp.title
	}
	if alt.Description == "" {
		alt.Description = dp.desc
	}
	return alt, feats, true
}

// mainNode returns a <main> holding the prose kept.
func (dp *dataProse) mainNode() *html.Node {
	main := &html.Node{Type: html.ElementNode, Data: "main", DataAtom: atom.Main}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, p := range dp.parts {
		if p.isHTML {
			if nodes, err := html.ParseFragment(strings.NewReader(p.s), ctx); err == nil {
				for _, n := range nodes {
					main.AppendChild(n)
				}
				continue
			}
		}
		para := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		para.AppendChild(&html.Node{Type: html.TextNode, Data: p.norm})
		main.AppendChild(para)
	}
	return main
}

// firstOfAtom returns the first element below n of kind a, in document
// order, or nil.
func firstOfAtom(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		if f := firstOfAtom(c, a); f != nil {
			return f
		}
	}
	return nil
}

// markupWords returns the words of the text in root's body outside
// scripts, styles and templates: all the markup shows.
func markupWords(root *html.Node) int {
	n := 0
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		for ; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				n += countWords(c.Data)
			case c.Type == html.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style || c.DataAtom == atom.Template || c.DataAtom == atom.Head):
			default:
				walk(c.FirstChild)
			}
		}
	}
	walk(root.FirstChild)
	return n
}

// headTitles returns the page's <title> text and its og:title.
func headTitles(root *html.Node) []string {
	head := firstOfAtom(root, atom.Head)
	if head == nil {
		return nil
	}
	var ts []string
	for c := head.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.Title && c.FirstChild != nil && c.FirstChild.Type == html.TextNode:
			ts = append(ts, c.FirstChild.Data)
		case c.DataAtom == atom.Meta && attr(c, "property") == "og:title":
			ts = append(ts, attr(c, "content"))
		}
	}
	return ts
}

// cloneTree returns a deep copy of the tree below n. Text is shared, not
// copied (strings do not change), so a page's large scripts cost one
// node each.
func cloneTree(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	c.Attr = append([]html.Attribute(nil), n.Attr...)
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(cloneTree(k))
	}
	return c
}
