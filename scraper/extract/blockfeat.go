package extract

import (
	"math"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
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
	fRecord     // in a record of a group of like siblings (records.go)
	fGroupSize  // the group's records, log
	fGroupShare // the group's share of the body's text
	fRecProduct // fRecord times the page-type model's product probability
	fRecForum   // fRecord times its forum probability
	fRecListing // fRecord times its listing probability
	fRepeat     // the block's text (digits aside) is another block's too
	fRepeatRec  // fRepeat inside a record: the records' template
	nFeat
)

// featWalk tracks the context of an emitter's walk and records a feature
// vector per block.
type featWalk struct {
	e         *emitter
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
	records   map[*html.Node]int32 // the records of repeated groups, with their group
	recNode   *html.Node           // the record being walked
	recGroup  int32                // its group
	snapGroup int32
	groups    []int32 // per block, its record's group (0: none)
	sizes     []recordGroup
	typeProb  map[string]float64 // the page-type model's probabilities (may be nil)
}

// featSkip reports whether the walk of all blocks skips n: elements whose
// subtree the content walk did not count (scripts, controls, images,
// parts hidden by style), as the content walk does.
func featSkip(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.DataAtom == 0 && skipCustom[n.Data] {
		return true
	}
	// A <noscript> with element children was read as markup (the second
	// parse, with scripting off): forum software serves its posts there.
	if classifyTag(n.DataAtom) == tagSkip && !isRegion(n.DataAtom) && !(n.DataAtom == atom.Noscript && hasElementChild(n)) {
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
	if f.selected[n] {
		set(ctxSelected)
	}
	if n == f.region {
		set(ctxMain)
	}
	if hasAttr(n, "hidden") {
		set(ctxHidden)
	}
	for c := 0; c < nCtx; c++ {
		if m&(1<<c) != 0 {
			f.count[c]++
		}
	}
	if g := f.records[n]; g != 0 && f.recNode == nil {
		f.recNode, f.recGroup = n, g
	}
	f.marks = append(f.marks, m)
	f.stack = append(f.stack, in)
	if i, ok := f.e.x.idx[n]; ok {
		f.cur = int(i)
	}
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
	if n == f.recNode {
		f.recNode, f.recGroup = nil, 0
	}
}

// start notes the context of a block when its first text arrives.
func (f *featWalk) start() {
	f.snap = f.count
	f.snapDepth = len(f.stack)
	f.snapIdx = f.cur
	f.snapGroup = f.recGroup
}

// record appends the feature vector of the block just emitted.
func (f *featWalk) record() {
	b := f.e.blocks[len(f.e.blocks)-1]
	var v [nFeat]float64
	words := countWords(b.text)
	chars := f.e.chars
	v[fBias] = 1
	v[fWords] = math.Log1p(float64(words))
	v[fLink] = b.link
	switch b.kind {
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
	if endsSentence(b.text) {
		v[fSentence] = 1
	}
	if chars > 0 {
		v[fJunk] = float64(min(f.junkChars, chars)) / float64(chars)
	}
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
	if isBoilerLine(b.text) {
		v[fBoiler] = 1
	}
	if len(b.text) <= 300 && mayCallToAction(b.text) && isCallToAction(b.text) {
		v[fCallToAction] = 1
	}
	digits, commas, run := 0, 0, 0
	for _, r := range b.text {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == ',' || r == '،' || r == '、' || r == '，':
			commas++
		}
	}
	if len(b.text) > 0 {
		v[fDigits] = float64(digits) / float64(len(b.text))
	}
	if words > 0 {
		v[fCommas] = math.Min(float64(commas)/float64(words)*5, 1)
	}
	// The container: the innermost open element holding three times the
	// block's text and at least 200 bytes.
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
		run = 1
	}
	v[fLongRun] = float64(run)
	if g := f.snapGroup; g > 0 {
		v[fRecord] = 1
		sz := f.sizes[g-1]
		v[fGroupSize] = math.Log(float64(sz.members)) / 4
		if f.bodyText > 0 {
			v[fGroupShare] = math.Min(float64(sz.text)/float64(f.bodyText), 1)
		}
		v[fRecProduct] = f.typeProb[corpus.PageTypeProduct]
		v[fRecForum] = f.typeProb[corpus.PageTypeForum]
		v[fRecListing] = f.typeProb[corpus.PageTypeListing]
	}
	f.feats = append(f.feats, v)
	f.groups = append(f.groups, f.snapGroup)
	f.junkChars = 0
}

// featureBlocks walks the whole body, the parts the content walk dropped
// included, and returns its blocks with their feature vectors and their
// records' groups (recordGroups; 0: none). sel are the article body's
// nodes (may be nil); typeProb the page-type model's probabilities (may
// be nil).
func (x *contentExtractor) featureBlocks(body *html.Node, sel []*html.Node, typeProb map[string]float64) ([]block, [][nFeat]float64, []int32) {
	f := &featWalk{selected: make(map[*html.Node]bool, len(sel)), typeProb: typeProb}
	f.records, f.sizes = x.recordGroups(body)
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
	markRepeats(e.blocks, f.feats)
	return e.blocks, f.feats, f.groups
}

// markRepeats sets the repeat features: a block whose text, without
// digits and case, is another block's too is a template's line (a
// forum's "Reply with quote" and "Posts: 1,077", a shop card's "Quick
// Shop"), more so inside records.
func markRepeats(bs []block, fs [][nFeat]float64) {
	keys := make([]string, len(bs))
	count := make(map[string]int, len(bs))
	for i, b := range bs {
		keys[i] = repeatKey(b.text)
		count[keys[i]]++
	}
	for i := range bs {
		if count[keys[i]] >= 2 {
			fs[i][fRepeat] = 1
			fs[i][fRepeatRec] = fs[i][fRecord]
		}
	}
}

// repeatKey is a block's text for markRepeats: lower case, without
// digits and spaces.
func repeatKey(t string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, t)
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
