package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/archivist-project/archivist/bench/score"
	"github.com/archivist-project/archivist/bench/split"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The perturb command: rare, catastrophic failure kinds (a body cut in
// half, a second story joined to the first, a box of prose taken for the
// body) are what the check halves of the article sets lose on, and the
// tuning halves hold too few of them to study. perturb makes them on the
// tuning pages: it changes the structure of each page around its body in
// one way at a time (splits the body in chunks around an ad, appends a
// second story or a rail of prose) and scores every extractor against
// the page's own reference before and after. Check-half pages are never
// read.

// perturbOptions are the settings of the perturb command.
type perturbOptions struct {
	Shared  string   // shared data directory; "" finds it beside the repository
	Splits  string   // directory of the split lists
	Sets    []string // article sets to use
	Only    []string // extractors to run; empty runs all
	Drop    float64  // a page whose shingle F1 falls by more than this is listed
	Dump    string   // directory to write the perturbed pages that are listed
	Kinds   []string // perturbations to make; empty makes all
	All     bool     // list every page where archivist fell, not only those another extractor held
	Classes string   // classesKeep or classesHashed: the pages' class and id attributes, before and after
}

// perturbSets are the sets with full article bodies.
var perturbSets = []string{setExtractionBench, setReadeck}

// parsePerturbFlags parses the arguments after "perturb".
func parsePerturbFlags(args []string, stderr io.Writer) (perturbOptions, error) {
	var o perturbOptions
	var sets, only, kinds string
	fs := flag.NewFlagSet("bench perturb", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.Shared, "shared", "", "shared data `dir` holding extraction-bench (default ../../shared or ../shared)")
	fs.StringVar(&o.Splits, "splits", splitsDir, "`dir` of the committed split lists")
	fs.StringVar(&sets, "sets", strings.Join(perturbSets, ","), "article `sets` to perturb (comma-separated)")
	fs.StringVar(&only, "only", "", "run only these extractors (`names`, comma-separated): archivist, go-trafilatura, readeck")
	fs.Float64Var(&o.Drop, "drop", 0.1, "list the tuning pages whose shingle F1 falls by more than `X`")
	fs.StringVar(&o.Dump, "dump", "", "write the listed perturbed pages to `dir` (for a debugger)")
	fs.StringVar(&kinds, "kinds", "", "make only these perturbations (`names`, comma-separated)")
	fs.BoolVar(&o.All, "all", false, "list every tuning page where archivist fell, with its precision and recall")
	fs.StringVar(&o.Classes, "classes", classesKeep, "pages' class and id attributes, before and after the change: `mode` keep, hashed or none (as sets -classes)")
	if err := parseArgs(fs, args); err != nil {
		return o, err
	}
	o.Sets, o.Only, o.Kinds = splitList(sets), splitList(only), splitList(kinds)
	for _, k := range o.Kinds {
		if !knownPerturbation(k) {
			return o, fmt.Errorf("%w: -kinds: no perturbation %q", errUsage, k)
		}
	}
	if !slices.Contains(classModes, o.Classes) {
		return o, fmt.Errorf("%w: -classes %q: want one of %s", errUsage, o.Classes, strings.Join(classModes, ", "))
	}
	for _, s := range o.Sets {
		if s != setExtractionBench && s != setReadeck && s != setReadability {
			return o, fmt.Errorf("%w: -sets: %q has no full article bodies (want %s)", errUsage, s, strings.Join(append(perturbSets, setReadability), ", "))
		}
	}
	return o, nil
}

// perturbMain runs the perturb command and returns the exit code.
func perturbMain(ctx context.Context, args []string) int {
	o, err := parsePerturbFlags(args, os.Stderr)
	if err == nil {
		err = runPerturb(ctx, o, allSetExtractors(), os.Stdout, os.Stderr)
	}
	return exitCode("bench perturb", err)
}

// perturbation changes a parsed page around its body element b.
type perturbation struct {
	Name  string
	What  string
	Apply func(b *html.Node)
}

// perturbations are the changes perturb makes, one at a time: the
// structural ones below, the shapes of real pages (perturb_web.go), the
// chunked bodies (perturb_chunks.go) and the pieces inside the body
// (perturb_pieces.go).
var perturbations = append(append(append(structPerturbations, webPerturbations...), chunkPerturbations...), piecePerturbations...)

// structPerturbations cut the body or add blocks of prose around it.
var structPerturbations = []perturbation{
	{"split-same", "the body's second half in a sibling of the same tag and class, after an ad slot", func(b *html.Node) {
		splitBody(b, 2, b.Data, attrOf(b, "class"), `<div class="ad-slot"><p>Advertisement</p></div>`, false)
	}},
	{"split-unnamed", "the second half in an unnamed <div>, after an ad slot", func(b *html.Node) {
		splitBody(b, 2, "div", "", `<div class="ad-slot"><p>Advertisement</p></div>`, false)
	}},
	{"split-other", "the second half in a <div> of another class, after a linked promo line", func(b *html.Node) {
		splitBody(b, 2, "div", "article-continued", `<div class="inline-promo"><a href="/x">Read more: another story</a></div>`, false)
	}},
	{"split3-wrapped", "three chunks, each later one two levels deep, ads between", func(b *html.Node) {
		splitBody(b, 3, "div", "chunk", `<div class="ad-slot"><p>Advertisement</p></div>`, true)
	}},
	{"split4-same", "four chunks of the same tag and class, a figure between", func(b *html.Node) {
		splitBody(b, 4, b.Data, attrOf(b, "class"), `<figure><img src="a.jpg"><figcaption>A photo</figcaption></figure>`, false)
	}},
	{"comments-unnamed", "eight readers' comments in unnamed blocks after the body, under a \"12 responses\" heading", func(b *html.Node) {
		insertAfter(b, `<div class="thread"><h3>12 responses</h3>`+fillerBlocks(8, "c-item")+`</div>`)
	}},
	{"rail-prose", "a rail of six two-sentence cards after the body", func(b *html.Node) {
		insertAfter(b, `<div class="rail">`+fillerBlocks(6, "card")+`</div>`)
	}},
	{"second-story", "a second story (a heading over ten paragraphs) after the body's parent", func(b *html.Node) {
		insertAfter(b.Parent, secondStory("div", "<h2>Another story</h2>"))
	}},
	{"second-article", "the same second story in an <article> of its own", func(b *html.Node) {
		insertAfter(b.Parent, secondStory("article", "<h2>Another story</h2>"))
	}},
	{"second-dated", "the same with its own byline and <time> under the heading", func(b *html.Node) {
		insertAfter(b.Parent, secondStory("div", `<h2>Another story</h2><p class="byline">By Jane Doe</p>`+
			`<time datetime="2026-11-30T09:00:00Z">30 November 2026</time>`))
	}},
	{"second-linked", "the same with its heading linking to its own URL", func(b *html.Node) {
		insertAfter(b.Parent, secondStory("div", `<h2><a href="/news/another-story">Another story</a></h2>`))
	}},
}

// secondStory returns a story after the page's own: tag (class
// next-story) holding head, then ten paragraphs in a text wrapper.
func secondStory(tag, head string) string {
	return "<" + tag + ` class="next-story">` + head + `<div class="txt">` +
		strings.ReplaceAll(fillerBlocks(10, "x"), `<div class="x">`, "<div>") + "</div></" + tag + ">"
}

// perturbOutcome is one extractor's score on one page before and after.
type perturbOutcome struct {
	Set, ID, Extractor, Perturbation string
	Before, After                    score.Page
}

func runPerturb(ctx context.Context, o perturbOptions, all []setExtractor, stdout, stderr io.Writer) error {
	xs, err := selectSetExtractors(all, o.Only)
	if err != nil {
		return err
	}
	shared, err := findSharedDir(o.Shared)
	if err != nil {
		fmt.Fprintf(stderr, "bench perturb: %v\n", err)
	}
	var outs []perturbOutcome
	pages := 0
	for _, name := range o.Sets {
		s, err := setLoaders[name](shared)
		if err != nil {
			return err
		}
		l, err := readSplit(o.Splits, name)
		if err != nil {
			return err
		}
		if err := applySplit(&s, l); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "bench perturb: %s\n", name)
		for i := range s.Pages {
			if err := ctx.Err(); err != nil {
				return err
			}
			p := &s.Pages[i]
			if p.Half != split.Tune {
				continue
			}
			pages++
			outs = append(outs, perturbPage(name, p, xs, o)...)
		}
	}
	writePerturbMarkdown(stdout, o, xs, outs, pages)
	return nil
}

// perturbPage scores every extractor on p and on each perturbation of
// it. A page without a body element of six paragraphs is skipped.
func perturbPage(set string, p *setPage, xs []setExtractor, o perturbOptions) []perturbOutcome {
	var outs []perturbOutcome
	before := make([]score.Page, len(xs))
	shown := *p
	shown.HTML = perturbClasses(p.HTML, o.Classes)
	for i, x := range xs {
		r, _ := safeSetExtract(x, &shown)
		before[i] = score.ScorePage(r.Text, p.Body)
	}
	for _, pt := range selectPerturbations(o.Kinds) {
		doc, err := html.Parse(bytes.NewReader(p.HTML))
		if err != nil {
			return outs
		}
		b := bodyElement(doc)
		if b == nil || b.Parent == nil {
			return outs
		}
		ref := storyReference(pt.Name, b, p.Body) // before Apply: read on the unchanged page
		pt.Apply(b)
		var buf bytes.Buffer
		if err := html.Render(&buf, doc); err != nil {
			return outs
		}
		q := *p
		q.HTML = perturbClasses(buf.Bytes(), o.Classes)
		for i, x := range xs {
			r, _ := safeSetExtract(x, &q)
			after := score.ScorePage(r.Text, ref)
			outs = append(outs, perturbOutcome{Set: set, ID: p.ID, Extractor: x.Name, Perturbation: pt.Name, Before: before[i], After: after})
			if o.Dump != "" && before[i].F1()-after.F1() > o.Drop {
				_ = os.MkdirAll(o.Dump, 0o755)
				_ = os.WriteFile(fmt.Sprintf("%s/%s_%s_%s.html", o.Dump, pt.Name, set, p.ID), q.HTML, 0o644)
			}
		}
	}
	return outs
}

// perturbClasses returns page with its class and id attributes changed
// by mode (rewriteClasses), or page itself when they are kept: the
// change is made on the page as published and the mode applied to both
// sides, so a hashed run asks whether a rule holds without class words.
func perturbClasses(page []byte, mode string) []byte {
	if mode == classesKeep || mode == "" {
		return page
	}
	return rewriteClasses(page, mode)
}

// writePerturbMarkdown prints, per perturbation and extractor, the mean
// shingle F1 before and after (F1 of the mean P and R, as the sets
// command) and the pages that fell by more than -drop, then the tuning
// pages where archivist fell while another extractor held.
func writePerturbMarkdown(w io.Writer, o perturbOptions, xs []setExtractor, outs []perturbOutcome, pages int) {
	fmt.Fprintf(w, "Tuning pages of %s: %d. Shingle F1 against each page's reference, before -> after the change; fell: pages down by more than %.2f.\n\n",
		strings.Join(o.Sets, ", "), pages, o.Drop)
	if o.Classes != classesKeep && o.Classes != "" {
		fmt.Fprintf(w, "Class and id attributes: %s, before and after.\n\n", o.Classes)
	}
	fmt.Fprintf(w, "| perturbation | what | pages |")
	for _, x := range xs {
		fmt.Fprintf(w, " %s | fell |", x.Name)
	}
	fmt.Fprintf(w, "\n|---|---|---|%s\n", strings.Repeat("---|---|", len(xs)))
	for _, pt := range selectPerturbations(o.Kinds) {
		n := 0
		fmt.Fprintf(w, "| %s | %s |", pt.Name, pt.What)
		var cells []string
		for _, x := range xs {
			var bs, as []score.Page
			fell := 0
			for _, r := range outs {
				if r.Perturbation == pt.Name && r.Extractor == x.Name {
					bs, as = append(bs, r.Before), append(as, r.After)
					if r.Before.F1()-r.After.F1() > o.Drop {
						fell++
					}
				}
			}
			n = len(bs)
			cells = append(cells, fmt.Sprintf(" %.3f -> %.3f | %d |", meanF1(bs), meanF1(as), fell))
		}
		fmt.Fprintf(w, " %d |%s\n", n, strings.Join(cells, ""))
	}
	writePerturbLosses(w, o, outs)
}

// writePerturbLosses lists the tuning pages where archivist fell by more
// than -drop and some other extractor fell by less than half as much and
// scores higher after the change.
func writePerturbLosses(w io.Writer, o perturbOptions, outs []perturbOutcome) {
	type key struct{ set, id, pt string }
	byKey := map[key][]perturbOutcome{}
	for _, r := range outs {
		k := key{r.Set, r.ID, r.Perturbation}
		byKey[k] = append(byKey[k], r)
	}
	var lines []string
	for k, rs := range byKey {
		var a *perturbOutcome
		for i := range rs {
			if rs[i].Extractor == "archivist" {
				a = &rs[i]
			}
		}
		if a == nil || a.Before.F1()-a.After.F1() <= o.Drop {
			continue
		}
		loss := a.Before.F1() - a.After.F1()
		var held []string
		for _, r := range rs {
			if r.Extractor != "archivist" && r.Before.F1()-r.After.F1() < loss/2 && r.After.F1() > a.After.F1() {
				held = append(held, fmt.Sprintf("%s %.2f -> %.2f", r.Extractor, r.Before.F1(), r.After.F1()))
			}
		}
		if len(held) > 0 || o.All {
			lines = append(lines, fmt.Sprintf("| %s | %s/%s | %.2f -> %.2f (P %.2f, R %.2f) | %s |", k.pt, k.set, failureID(k.id),
				a.Before.F1(), a.After.F1(), a.After.Precision, a.After.Recall, strings.Join(held, ", ")))
		}
	}
	if len(lines) == 0 {
		return
	}
	sort.Strings(lines)
	title := "Tuning pages where archivist fell and another extractor held"
	if o.All {
		title = "Tuning pages where archivist fell"
	}
	fmt.Fprintf(w, "\n%s:\n\n| perturbation | page | archivist | held |\n|---|---|---|---|\n%s\n", title, strings.Join(lines, "\n"))
}

// meanF1 is the F1 of the mean precision and recall of pages.
func meanF1(pages []score.Page) float64 {
	if len(pages) == 0 {
		return 0
	}
	var p, r float64
	for _, pg := range pages {
		p += pg.Precision
		r += pg.Recall
	}
	p, r = p/float64(len(pages)), r/float64(len(pages))
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// bodyElement returns the element with the most text in <p> children of
// its own, six of them at least: the container of the page's body.
func bodyElement(doc *html.Node) *html.Node {
	var best *html.Node
	most := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			t, k := 0, 0
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.P {
					t += textBytes(c)
					k++
				}
			}
			if k >= 6 && t > most {
				best, most = n, t
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return best
}

// textBytes counts the bytes of n's text, without surrounding space.
func textBytes(n *html.Node) int {
	if n.Type == html.TextNode {
		return len(strings.TrimSpace(n.Data))
	}
	s := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s += textBytes(c)
	}
	return s
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// fragment parses s as the children of a <div>.
func fragment(s string) []*html.Node {
	ns, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		panic(fmt.Sprintf("perturb: fragment %q: %v", s, err)) // the fragments are constants of this file
	}
	return ns
}

// insertAfter inserts the nodes of s after ref and returns the last.
func insertAfter(ref *html.Node, s string) *html.Node {
	last, next := ref, ref.NextSibling
	for _, n := range fragment(s) {
		ref.Parent.InsertBefore(n, next)
		last = n
	}
	return last
}

// moveNodes moves kids, children of from, to the end of to.
func moveNodes(kids []*html.Node, from, to *html.Node) {
	for _, c := range kids {
		from.RemoveChild(c)
		to.AppendChild(c)
	}
}

// splitBody moves b's children, from the paragraph that starts each of
// the k-1 later parts on, into new elements (tag, class) placed after b,
// each after the between markup; wrapped puts each new element inside a
// <div class="row">.
func splitBody(b *html.Node, k int, tag, class, between string, wrapped bool) {
	kids, ps := bodyParts(b)
	ref := b
	for part := 1; part < k; part++ {
		from, to := partRange(ps, len(kids), part, k)
		if between != "" {
			ref = insertAfter(ref, between)
		}
		nb := &html.Node{Type: html.ElementNode, Data: tag, DataAtom: atom.Lookup([]byte(tag))}
		if class != "" {
			nb.Attr = []html.Attribute{{Key: "class", Val: class}}
		}
		holder := nb
		if wrapped {
			holder = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div, Attr: []html.Attribute{{Key: "class", Val: "row"}}}
			holder.AppendChild(nb)
		}
		ref.Parent.InsertBefore(holder, ref.NextSibling)
		ref = holder
		moveNodes(kids[from:to], b, nb)
	}
}

// bodyParts returns b's children and the indexes among them of its <p>
// children, where splitBody and chunkBodyIn cut b.
func bodyParts(b *html.Node) (kids []*html.Node, ps []int) {
	for c := b.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.P {
			ps = append(ps, len(kids))
		}
		kids = append(kids, c)
	}
	return kids, ps
}

// partRange returns the children [from, to) of part (1 to k-1) of a body
// cut in k parts at its paragraphs ps, of n children: the first part
// stays in place. bodyElement's body has six <p> at least, so k up to 6
// gives no empty part.
func partRange(ps []int, n, part, k int) (from, to int) {
	from, to = ps[len(ps)*part/k], n
	if part+1 < k {
		to = ps[len(ps)*(part+1)/k]
	}
	return from, to
}

// fillerSentences are the text of the blocks perturb adds: prose that is
// in no page's reference.
var fillerSentences = []string{
	"The council said on Tuesday that the new schedule would take effect next month, after a long review of the routes and the costs involved.",
	"Residents who spoke at the meeting were divided, with some praising the plan and others warning that it would leave older people without a bus.",
	"Officials promised to publish the full figures before the vote, and to hold two more public sessions in the spring for anyone who wants to comment.",
}

// fillerBlocks returns n blocks <div class="class"><p>two sentences</p></div>.
func fillerBlocks(n int, class string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "<div class=%q><p>%s %s</p></div>", class, fillerSentences[i%3], fillerSentences[(i+1)%3])
	}
	return b.String()
}
