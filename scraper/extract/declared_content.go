package extract

import (
	"html"
	"slices"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// A page that is not an article can state its main content in its
// schema.org data as well as in its markup: an FAQPage's questions and
// answers, a HowTo's steps. Most pages show the same text in the markup,
// and the text found holds it; some keep it in a collapsed accordion that
// the content walk leaves out. A piece the text found lacks (fewer than
// declaredShown of its runs of three words are in the text) while the
// page's markup holds its answer (hidden parts included; scripts and the
// site's footer, sidebar and navigation left out) is put back, from the
// data, where question and answer come clean: the answer after its
// question when the text holds the question as a line, else both at the
// end. A piece that only the data holds is left out: references leave it
// out too (data for search engines, or shown in another form, as figures
// in a table); so is one whose question alone is shown (a link to the
// answer's own page).
//
// Forums are left out (their posts are another rule's), and so are
// articles, whose articleBody crossCheck reads. So are products: what a
// product page keeps collapsed (its description's tabs, the shop's
// questions on delivery and returns, see dropPolicyPanels) is not what a
// reader counts as its text, and putting the data's answers back cost
// product pages more than it gained (docs/BENCHMARKS.md, ex27sd).
// declaredShown is the share of a piece's runs of words that the text must hold
// for the piece to count as shown already (a page's wording differs a
// little from its data: entities, punctuation, a word changed).
const declaredShown = 0.6

// minDeclaredAnswer is the least words of a piece: shorter answers
// ("Yes.") are labels or stubs, not content.
const minDeclaredAnswer = 5

// maxDeclaredPieces bounds the pieces read from one page.
const maxDeclaredPieces = 60

// declaredPiece is one piece of main content a page's data states: a
// question (or step name) as lead, with its answer (or step text).
type declaredPiece struct {
	lead, text string
}

// withDeclaredContent adds to art's text the pieces of its schema.org
// data the text lacks, for a service, documentation, listing or
// collection page.
func (p *page) withDeclaredContent(art *corpus.Article) {
	switch art.PageType {
	case corpus.PageTypeArticle, corpus.PageTypeForum, corpus.PageTypeOther, corpus.PageTypeProduct, "":
		return
	}
	pieces := p.declaredPieces()
	if len(pieces) == 0 {
		return
	}
	have := make(map[string]bool)
	addShingles(have, art.Text)
	var page map[string]bool // the markup's text, read once when needed
	var add []declaredPiece
	for _, pc := range pieces {
		if shownIn(have, pc.text) {
			continue
		}
		if page == nil {
			page = make(map[string]bool)
			addShingles(page, markupText(p.bodyNode))
		}
		if !shownIn(page, pc.text) {
			// Data for search engines only, or shown in another form; or
			// only its question is shown, as a link to a page of its own
			// (a help centre's list of questions), whose answer is not
			// this page's text.
			continue
		}
		add = append(add, pc)
		addShingles(have, pc.lead+"\n"+pc.text) // a piece the data states twice goes in once
	}
	if len(add) > 0 {
		art.Text = placePieces(art.Text, add)
		art.WordCount = countWords(art.Text)
	}
}

// declaredPieces returns the pieces of main content the page's JSON-LD
// states: FAQPage questions and answers and HowTo steps. A Product's
// description was tried and left out: the page shows it behind a tab
// that a reader does not count as the page's text (product pages fell
// on both halves), or the data holds it percent-encoded.
func (p *page) declaredPieces() []declaredPiece {
	var out []declaredPiece
	for _, m := range p.ld {
		for _, t := range ldTypes(m) {
			switch bareLDType(t) {
			case "FAQPage":
				out = appendQuestions(out, m["mainEntity"])
			case "HowTo":
				out = appendSteps(out, m["step"], 0)
			}
		}
		if len(out) >= maxDeclaredPieces {
			return out[:maxDeclaredPieces]
		}
	}
	return out
}

// appendQuestions adds the questions of v (a Question or an array of
// them) with their accepted answer, or their first suggested one.
func appendQuestions(out []declaredPiece, v any) []declaredPiece {
	for _, e := range ldList(v) {
		q, ok := e.(map[string]any)
		if !ok || !ldIs(q, isLDType("Question")) {
			continue
		}
		ans := q["acceptedAnswer"]
		if ans == nil {
			ans = q["suggestedAnswer"]
		}
		var a string
		for _, x := range ldList(ans) {
			if am, ok := x.(map[string]any); ok {
				if a = ldText(am["text"]); a != "" {
					break
				}
			}
		}
		lead := ldText(q["name"])
		if lead == "" {
			lead = ldText(q["text"])
		}
		if lead != "" && countWords(a) >= minDeclaredAnswer {
			out = append(out, declaredPiece{lead: lead, text: a})
		}
	}
	return out
}

// appendSteps adds the steps of v: HowToStep objects (name and text),
// HowToSection objects (their itemListElement, one level down) or plain
// strings.
func appendSteps(out []declaredPiece, v any, depth int) []declaredPiece {
	for _, e := range ldList(v) {
		switch s := e.(type) {
		case string:
			if t := ldText(s); countWords(t) >= minDeclaredAnswer {
				out = append(out, declaredPiece{text: t})
			}
		case map[string]any:
			if ldIs(s, isLDType("HowToSection")) && depth == 0 {
				out = appendSteps(out, s["itemListElement"], depth+1)
				continue
			}
			t := ldText(s["text"])
			if countWords(t) < minDeclaredAnswer {
				continue
			}
			lead := ldText(s["name"])
			if strings.HasPrefix(t, lead) {
				lead = "" // a step named by its own first words
			}
			out = append(out, declaredPiece{lead: lead, text: t})
		}
	}
	return out
}

// ldList returns v as a list: an array as it is, anything else alone.
func ldList(v any) []any {
	switch t := v.(type) {
	case nil:
		return nil
	case []any:
		return t
	default:
		return []any{t}
	}
}

// ldText returns a JSON-LD text value as plain text, a line for each
// paragraph: entities decoded and markup (answers are often written as
// HTML) read as text.
func ldText(v any) string {
	s, ok := v.(string)
	if !ok {
		return ""
	}
	// Markup written as such is parsed as it is (the parser decodes its
	// entities once: "&lt;br&gt;" in it is text); markup written with
	// entities ("&lt;p&gt;") is decoded first, then parsed. Plain text
	// that names a tag ("my &lt;div&gt; collapses", a post on web pages)
	// decodes to brackets too: it is parsed only when it reads as markup.
	raw := isMarkup(s)
	if !raw {
		s = html.UnescapeString(s)
	}
	if raw || isMarkup(s) && escapedFragment(s) {
		s = fragmentText(s)
	}
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = cleanSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// escapedFragment reports whether s, decoded from entities, is a
// fragment of markup rather than text that names a tag: it opens with a
// tag or holds a closing tag or a line break.
func escapedFragment(s string) bool {
	t := strings.TrimSpace(s)
	return len(t) > 1 && t[0] == '<' && (isASCIILetter(t[1]) || t[1] == '/') ||
		strings.Contains(s, "</") || strings.Contains(strings.ToLower(s), "<br")
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool {
	return c|0x20 >= 'a' && c|0x20 <= 'z'
}

// isMarkup reports whether s looks like HTML: a tag's brackets in it.
func isMarkup(s string) bool {
	return strings.Contains(s, "<") && strings.Contains(s, ">")
}

// addShingles adds the runs of three lower-cased words of s to have.
func addShingles(have map[string]bool, s string) {
	for _, r := range wordRuns(s) {
		have[r] = true
	}
}

// shownIn reports whether have holds declaredShown of the runs of three
// words of s. Runs, not words: a short answer's words (brand names, the
// page's subject) are all over a page that does not show the answer.
func shownIn(have map[string]bool, s string) bool {
	runs := wordRuns(s)
	hit := 0
	for _, r := range runs {
		if have[r] {
			hit++
		}
	}
	return len(runs) > 0 && float64(hit) >= declaredShown*float64(len(runs))
}

// wordRuns returns the runs of three lower-cased words of s.
func wordRuns(s string) []string {
	ws := strings.FieldsFunc(strings.ToLower(s), notWordRune)
	var out []string
	for i := 2; i < len(ws); i++ {
		out = append(out, ws[i-2]+" "+ws[i-1]+" "+ws[i])
	}
	return out
}

// placePieces puts pcs into text in one pass (a page can declare tens of
// answers, and its text be long): each piece's text after the line that
// is its lead, when the text shows the lead as a line of its own (the
// question whose answer stayed collapsed), else lead and text at the end,
// in the data's order.
func placePieces(text string, pcs []declaredPiece) string {
	type insert struct {
		at   int
		text string
	}
	ends := lineEnds(text)
	var ins []insert
	var tail []string
	for _, pc := range pcs {
		if at, ok := ends[pc.lead]; ok && pc.lead != "" {
			ins = append(ins, insert{at, pc.text})
		} else if pc.lead != "" {
			tail = append(tail, pc.lead+"\n\n"+pc.text)
		} else {
			tail = append(tail, pc.text)
		}
	}
	slices.SortStableFunc(ins, func(a, b insert) int { return a.at - b.at })
	var b strings.Builder
	from := 0
	for _, in := range ins {
		b.WriteString(text[from:in.at])
		b.WriteString("\n\n")
		b.WriteString(in.text)
		from = in.at
	}
	b.WriteString(text[from:])
	for _, t := range tail {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(t)
	}
	return b.String()
}

// lineEnds maps each line of text (marks and spaces aside) to the end of
// its last occurrence. The last: a page that lists its questions at the
// top (a table of contents) shows them again over their answers.
func lineEnds(text string) map[string]int {
	ends := make(map[string]int)
	from := 0
	for from <= len(text) {
		end := strings.IndexByte(text[from:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += from
		}
		ends[strings.TrimPrefix(strings.TrimSpace(text[from:end]), "- ")] = end
		from = end + 1
	}
	return ends
}

// markupText returns the text of the tree under n outside scripts,
// styles and the site's frame (footer, sidebar, navigation), hidden parts
// included, a space between text nodes. The frame is left out because an
// SEO plugin states the same FAQ on every page of a site, and a site that
// shows it in its footer or sidebar shows it as chrome, which the content
// walk rightly left out.
func markupText(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style || isFrameElement(n)) {
			return
		}
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	return b.String()
}

// isFrameElement reports whether n is a part of the site's frame around
// the content: a footer, sidebar or navigation, by tag or by role, or a
// footer drawn as a <div> that its class names (isFooterBox) outside the
// page's <main> or <article>.
func isFrameElement(n *xhtml.Node) bool {
	switch n.DataAtom {
	case atom.Footer, atom.Aside, atom.Nav:
		return true
	}
	if isFooterBox(n) && !inMainPart(n) {
		return true
	}
	switch attr(n, "role") {
	case "contentinfo", "complementary", "navigation":
		return true
	}
	return false
}
