package extract

import (
	"math"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The block model's features. Each text block of a page's body gets a
// vector of numbers, computed from the block's own text and from where it
// sits: the page regions and class names around it, what the content walk
// made of it (dropped, part of the article body), the text and links of
// its surroundings. blockmodel.go weighs them; blockmodel_train_test.go
// learns the weights from labelled pages.

// Context marks of the elements around a block, counted on the way down.
const (
	ctxJunk = iota
	ctxTeaser
	ctxComment
	ctxNav
	ctxHeader
	ctxFooter
	ctxAside
	ctxForm
	ctxNegative
	ctxPositive
	ctxSelected
	ctxMain
	ctxArticle
	ctxHidden
	ctxList
	ctxTable
	ctxDialog
	nCtx
)

// Feature indexes.
const (
	fBias = iota
	fWords
	fLink
	fPara
	fHeading
	fItem
	fRow
	fQuote
	fTitle
	fSentence
	fJunk
	fTeaser
	fComment
	fNav
	fHeader
	fFooter
	fAside
	fForm
	fNegative
	fPositive
	fSelected
	fMain
	fArticle
	fPos
	fBoiler
	fCallToAction
	fDigits
	fContLink
	fContShare
	fCommas
	fHidden
	fPageLink
	fCaption
	fShort
	fLinkItem
	fLinkHeading
	fLinkPara
	fDepth
	fList
	fTable
	fSelPara
	fPageSize
	fLongRun
	fPos2
	nFeat
)

// featWalk tracks the context of an emitter's walk and records a feature
// vector per block.
type featWalk struct {
	e         *emitter
	labels    []byte              // the block's labels muted for screen readers only (srLabel)
	region    *html.Node          // the page's main region, when not the body
	selected  map[*html.Node]bool // the article body's nodes
	count     [nCtx]int
	marks     []uint32 // per open element, the context marks it added
	stack     []*nodeInfo
	junk      int // open dropped elements
	junkChars int // the current block's text bytes inside them
	cur       int // doc-order index of the element being walked
	snap      [nCtx]int
	snapDepth int
	snapIdx   int
	bodyText  int
	bodyLink  int
	feats     [][nFeat]float64
	dialog    []bool // per block: inside a dialog (isDialog); not a feature
}

// featSkip reports whether the walk of all blocks skips n: elements whose
// subtree the content walk did not count (scripts, controls, images,
// parts hidden by style).
func featSkip(n *html.Node, m essayMemo) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.DataAtom == 0 && skipCustom[n.Data] {
		return true
	}
	if classifyTag(n.DataAtom) == tagSkip && !isRegion(n.DataAtom) && !accordionButton(n) && !storyCaption(n, m) {
		return true
	}
	return isHidden(n) && !hasAttr(n, "hidden")
}

func (f *featWalk) enter(n *html.Node, in *nodeInfo) {
	var m uint32
	set := func(c int) { m |= 1 << c }
	if in.junk {
		set(ctxJunk)
		f.junk++
		if in.teaser {
			set(ctxTeaser)
		}
	}
	if in.comment {
		set(ctxComment)
	}
	if in.negative {
		set(ctxNegative)
	}
	if in.positive || in.body {
		set(ctxPositive)
	}
	m |= regionContexts(n)
	if f.selected[n] {
		set(ctxSelected)
	}
	if n == f.region {
		set(ctxMain)
	}
	if hasAttr(n, "hidden") {
		set(ctxHidden)
	}
	if isDialog(n) {
		set(ctxDialog)
	}
	for c := 0; c < nCtx; c++ {
		if m&(1<<c) != 0 {
			f.count[c]++
		}
	}
	f.marks = append(f.marks, m)
	f.stack = append(f.stack, in)
	if i, ok := f.e.x.idx[n]; ok {
		f.cur = int(i)
	}
}

// regionContexts gives the contexts an element opens by its tag or its
// ARIA role: navigation, header, footer, aside, form, article, list,
// table.
func regionContexts(n *html.Node) uint32 {
	var m uint32
	set := func(c int) { m |= 1 << c }
	switch n.DataAtom {
	case atom.Nav:
		set(ctxNav)
	case atom.Header:
		set(ctxHeader)
	case atom.Footer:
		set(ctxFooter)
	case atom.Aside:
		set(ctxAside)
	case atom.Form:
		set(ctxForm)
	case atom.Article:
		set(ctxArticle)
	case atom.Ul, atom.Ol, atom.Dl:
		set(ctxList)
	case atom.Table:
		set(ctxTable)
	}
	switch attr(n, "role") {
	case "navigation", "menu", "menubar":
		set(ctxNav)
	case "banner":
		set(ctxHeader)
	case "contentinfo":
		set(ctxFooter)
	case "complementary":
		set(ctxAside)
	}
	return m
}

func (f *featWalk) leave(n *html.Node, in *nodeInfo) {
	m := f.marks[len(f.marks)-1]
	f.marks = f.marks[:len(f.marks)-1]
	f.stack = f.stack[:len(f.stack)-1]
	for c := 0; c < nCtx; c++ {
		if m&(1<<c) != 0 {
			f.count[c]--
		}
	}
	if in.junk {
		f.junk--
	}
}

// start notes the context of a block when its first text arrives.
func (f *featWalk) start() {
	f.snap = f.count
	f.snapDepth = len(f.stack)
	f.snapIdx = f.cur
}

// record appends the feature vector of the block just emitted.
func (f *featWalk) record() {
	b := f.e.blocks[len(f.e.blocks)-1]
	b.text = f.featText(b.text)
	var v [nFeat]float64
	words := countWords(b.text)
	chars := f.e.chars
	v[fBias] = 1
	v[fWords] = math.Log1p(float64(words))
	v[fLink] = b.link
	kindFeatures(&v, b.kind)
	if endsSentence(b.text) {
		v[fSentence] = 1
	}
	if chars > 0 {
		v[fJunk] = float64(min(f.junkChars, chars)) / float64(chars)
	}
	f.contextFeatures(&v)
	textFeatures(&v, b.text, words)
	f.containerFeatures(&v, chars)
	if b.afterImage && (b.altText || isCaption(b)) {
		v[fCaption] = 1
	}
	if words < 4 {
		v[fShort] = 1
	}
	v[fLinkItem] = b.link * v[fItem]
	v[fLinkHeading] = b.link * v[fHeading]
	v[fLinkPara] = b.link * v[fPara]
	v[fDepth] = math.Min(float64(f.snapDepth), 40) / 40
	v[fSelPara] = v[fSelected] * v[fPara]
	if words >= 30 && b.link < 0.2 {
		v[fLongRun] = 1
	}
	f.feats = append(f.feats, v)
	f.dialog = append(f.dialog, f.snap[ctxDialog] > 0)
	f.junkChars = 0
}

// kindFeatures sets the one-hot feature of the block's kind.
func kindFeatures(v *[nFeat]float64, k blockKind) {
	switch k {
	case kindPara:
		v[fPara] = 1
	case kindHeading:
		v[fHeading] = 1
	case kindItem:
		v[fItem] = 1
	case kindRow:
		v[fRow] = 1
	case kindQuote:
		v[fQuote] = 1
	case kindTitle:
		v[fTitle] = 1
	}
}

// contextFeatures sets the features of the elements open around the
// block (teaser, comment, nav, ...) and of its position in the page.
func (f *featWalk) contextFeatures(v *[nFeat]float64) {
	on := func(c int) float64 {
		if f.snap[c] > 0 {
			return 1
		}
		return 0
	}
	v[fTeaser] = on(ctxTeaser)
	v[fComment] = on(ctxComment)
	v[fNav] = on(ctxNav)
	v[fHeader] = on(ctxHeader)
	v[fFooter] = on(ctxFooter)
	v[fAside] = on(ctxAside)
	v[fForm] = on(ctxForm)
	v[fNegative] = math.Min(float64(f.snap[ctxNegative]), 3) / 3
	v[fPositive] = on(ctxPositive)
	v[fSelected] = on(ctxSelected)
	v[fMain] = on(ctxMain)
	v[fArticle] = on(ctxArticle)
	v[fHidden] = on(ctxHidden)
	v[fList] = on(ctxList)
	v[fTable] = on(ctxTable)
	if n := len(f.e.x.nodes); n > 0 {
		v[fPos] = float64(f.snapIdx) / float64(n)
		v[fPos2] = v[fPos] * v[fPos]
	}
}

// textFeatures sets the features read from the block's text alone:
// boilerplate and call-to-action lines, the share of digits and commas.
func textFeatures(v *[nFeat]float64, text string, words int) {
	if isBoilerLine(text) {
		v[fBoiler] = 1
	}
	if len(text) <= 300 && mayCallToAction(text) && isCallToAction(text) {
		v[fCallToAction] = 1
	}
	digits, commas := 0, 0
	for _, r := range text {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == ',' || r == '،' || r == '、' || r == '，':
			commas++
		}
	}
	if len(text) > 0 {
		v[fDigits] = float64(digits) / float64(len(text))
	}
	if words > 0 {
		v[fCommas] = math.Min(float64(commas)/float64(words)*5, 1)
	}
}

// containerFeatures sets the link share and text share of the block's
// container (the innermost open element holding three times the block's
// text and at least 200 bytes) and the page's link share and size.
func (f *featWalk) containerFeatures(v *[nFeat]float64, chars int) {
	for i := f.snapDepth - 1; i >= 0 && i < len(f.stack); i-- {
		if c := f.stack[i]; c.text >= 3*chars && c.text >= 200 {
			v[fContLink] = linkDensity(c)
			if f.bodyText > 0 {
				v[fContShare] = float64(c.text) / float64(f.bodyText)
			}
			break
		}
	}
	if f.bodyText > 0 {
		v[fPageLink] = float64(f.bodyLink) / float64(f.bodyText)
		v[fPageSize] = math.Log1p(float64(f.bodyText)) / 12
	}
}

// featureBlocks walks the whole body, the parts the content walk dropped
// included, and returns its blocks with their feature vectors. sel are
// the article body's nodes (may be nil).
func (x *contentExtractor) featureBlocks(body *html.Node, sel []*html.Node) ([]block, [][nFeat]float64) {
	bs, fs, _ := x.featureBlocksDialogs(body, sel)
	return bs, fs
}

// isDialog reports whether n is a dialog box: a <dialog> that is not
// open, or an element whose role is dialog or alertdialog, or that
// ARIA calls modal. A shop's cart drawer, a sign-up or exit pop-up, a
// location prompt and a product's overlays are written so; the page
// shows them over itself on demand, and they are not its text. A dialog
// that holds an <h1> is the page's own content shown as a modal (a story
// opened over a list of stories at the story's URL): not a dialog here.
func isDialog(n *html.Node) bool {
	switch {
	case n.DataAtom == atom.Dialog:
		if hasAttr(n, "open") {
			return false
		}
	case attr(n, "role") == "dialog", attr(n, "role") == "alertdialog", attr(n, "aria-modal") == "true":
	default:
		return false
	}
	return !holdsH1(n)
}

// holdsH1 reports whether n's subtree has an <h1>.
func holdsH1(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.H1 || holdsH1(c)) {
			return true
		}
	}
	return false
}

// featureBlocksDialogs is featureBlocks with, per block, whether it sits
// inside a dialog (isDialog).
func (x *contentExtractor) featureBlocksDialogs(body *html.Node, sel []*html.Node) ([]block, [][nFeat]float64, []bool) {
	f := &featWalk{selected: make(map[*html.Node]bool, len(sel))}
	for _, n := range sel {
		f.selected[n] = true
	}
	if r := x.mainRegion(body); r != body {
		f.region = r
	}
	if bi := x.info(body); bi != nil {
		f.bodyText, f.bodyLink = bi.text, bi.link
	}
	e := emitter{x: x, broad: true, feat: f}
	f.e = &e
	e.walk(body)
	e.flush()
	return e.blocks, f.feats, f.dialog
}

// ctaWords are parts of every text that isCallToAction matches, lower
// case: a cheap test before its regular expressions, which are the
// costliest part of the features.
var ctaWords = []string{"by", "contributed", "writer", "click here", "for more information", "subscribe",
	"sign up", "newsletter", "share", "follow", "reached at", "have a tip", "abonn", "suscr", "iscriv"}

// mayCallToAction reports whether t holds one of ctaWords.
func mayCallToAction(t string) bool {
	l := strings.ToLower(t)
	for _, w := range ctaWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}
