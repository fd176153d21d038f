package extract

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Posts of a thread. A forum thread, a question with its answers or a
// mailing-list archive is a run of like records, each signed by a person
// (a link to a profile, or an element named for the user or the author)
// and dated (a <time> element, a datetime attribute, an element named for
// a date or a time, a short title attribute that reads as one: the
// stamp's tooltip, where the text shows "Nov 27" or "3h", and which a
// board whose class words say nothing keeps; or a short text with a year
// or a time of day). An
// article holds one such byline, and its readers' comments sit beside
// its body; a listing's teasers are mostly their linked headlines. So
// isThread asks for several records by several people, most of the
// page's text in them, and the body found in a post or made of them.
// None of it names a site: the profile path words and class words are
// those of forum software and CMSs in general.

// postMarks is what a subtree holds of a post's signature.
type postMarks struct {
	dated  bool
	user   bool
	signed bool   // the subtree holds a signed, dated element of 40 bytes or more
	key    string // the href of the first profile link, to count people
}

func (m *postMarks) add(o postMarks) {
	m.dated = m.dated || o.dated
	m.user = m.user || o.user
	m.signed = m.signed || o.signed
	if m.key == "" || o.key != "" && strings.HasPrefix(m.key, "~") && !strings.HasPrefix(o.key, "~") {
		m.key = o.key // a profile link names a poster better than a name does
	}
}

// postCount sums the runs of signed, dated records on a page.
type postCount struct {
	records  int        // records in runs of two or more
	authors  int        // the most distinct profile links in one run
	text     int        // text bytes of those records
	unlinked int        // of which outside links
	most     *html.Node // the parent of the run with the most text
	mostTxt  int        // that run's text bytes
	first    *html.Node // that run's first record
	last     *html.Node // that run's last record
	runs     []postSpan // every run: its parent and its records' text
	// The page's signed, dated elements of 40 bytes or more that hold
	// no other, links or not, in document order: a post's signature, or
	// the post.
	sigs  []*html.Node
	prose []bool // for each of sigs, whether it is not mostly links
}

// postSpan is a run of records: the element that holds them and their
// text bytes outside links.
type postSpan struct {
	parent   *html.Node
	unlinked int
}

// outerText returns the text bytes outside links of the runs that sit
// inside no other run's element: a thread's posts split into several
// runs (the opening post apart from the replies, a page's posts in two
// lists) count once each, and the quotes and nested replies inside posts
// not again.
func (c *postCount) outerText() int {
	sum := 0
	for i, r := range c.runs {
		inner := false
		for j, o := range c.runs {
			if j != i && (isAncestor(o.parent, r.parent) || o.parent == r.parent && j < i) {
				inner = true
				break
			}
		}
		if !inner {
			sum += r.unlinked
		}
	}
	return sum
}

type postWalker struct {
	x *contentExtractor
	c postCount
}

// threadPosts counts the runs of signed, dated records on the page and
// the share of the page's text in them. The walk is made once per
// analysis of the page (the page type asks, then a forum's text).
func (p *page) threadPosts() (c postCount, share float64) {
	if m := p.posts; m != nil && m.x == p.x {
		return m.c, m.share
	}
	w := postWalker{x: p.x}
	w.walk(p.root, 0)
	total := 0
	for i := range p.x.infos {
		in := &p.x.infos[i]
		total = max(total, in.text-in.link) // the page's text outside links: the largest subtree's
	}
	p.posts = &postsMemo{x: p.x, c: w.c, share: ratio(w.c.unlinked, total)}
	return p.posts.c, p.posts.share
}

// postsMemo is threadPosts' answer for one analysis of the page.
type postsMemo struct {
	x     *contentExtractor
	c     postCount
	share float64
}

// isThread reports whether the page is a thread of posts: three or more
// signed, dated records by two or more people, holding half the page's
// text or more, on a page that declares no news or blog article; and the
// body found is in one of the posts or is the thread itself. An
// article's readers' comments can outweigh a short story, but they sit
// beside the story's body, not around it. Text is counted outside links:
// a board's menus and lists of other threads are links, and on a page
// whose class names say nothing (hashed, or none) the content walk keeps
// them in the page and in the body found.
func (p *page) isThread() bool {
	if p.hasType(newsTypes...) || p.bodyNode == nil {
		return false
	}
	c, share := p.threadPosts()
	if c.records < 3 && !p.postPair(c) || c.authors < 2 || share < 0.5 {
		return false
	}
	if c.most == p.bodyNode || isAncestor(c.most, p.bodyNode) {
		return true // the body is in a post
	}
	// Or the body holds the thread and little else: an article's story
	// sits in its body outside the comments, where a thread's first post
	// is one of the run, or a post apart before it (a question above its
	// answers). The runs not inside another count together: a thread's
	// posts may come in two lists.
	bi := p.x.info(p.bodyNode)
	return bi != nil && (p.bodyNode == c.most || isAncestor(p.bodyNode, c.most)) &&
		(c.outerText()+p.openingApart(c))*5 >= (bi.text-bi.link-p.textAboveTitle(c))*4
}

// postPair reports whether the page's records are a thread of two
// posts: one run of two, each named for a post (a class or id word of
// kindWords' posts, not of comments), numbered (postNumbered) and
// holding no heading. Two signed, dated sections of a story are named
// for its layout and numbered by none, a blog's two posts on its front
// page carry their headlines, and two readers' comments are named
// comments.
func (p *page) postPair(c postCount) bool {
	if c.records != 2 || len(c.runs) != 1 || c.first == nil || c.last == nil {
		return false
	}
	for _, n := range []*html.Node{c.first, c.last} {
		f := p.attrFlags(attr(n, "class")) | p.attrFlags(attr(n, "id"))
		if f&attrPost == 0 || f&attrComment != 0 || holdsHeading(n, 0) || !postNumbered(n, c.most) {
			return false
		}
	}
	return true
}

// postNumbered reports whether a record, an element between it and the
// run's parent, or one of its children carries an id or a data-
// attribute with a digit: forum software numbers each post for its
// permalink (id="p1201", data-post-id="88"), where a story's columns,
// however named, are not numbered.
func postNumbered(rec, parent *html.Node) bool {
	for n := rec; n != nil && n != parent; n = n.Parent {
		if numberedAttr(n) {
			return true
		}
	}
	for ch := rec.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && numberedAttr(ch) {
			return true
		}
	}
	return false
}

// numberedAttr reports whether n has an id or a data- attribute whose
// value holds a digit.
func numberedAttr(n *html.Node) bool {
	for _, a := range n.Attr {
		if (a.Key == "id" || strings.HasPrefix(a.Key, "data-")) && strings.ContainsAny(a.Val, "0123456789") {
			return true
		}
	}
	return false
}

// textAboveTitle returns the text bytes outside links of the elements
// that end before the page's first <h1>, when that heading is the page's
// title (its og:title or <title>) and comes before the thread's records:
// a board's notices and menus above the thread's title are not the
// thread's rivals, where a story under its headline is. The content
// walk is rooted at the <body> (node 0, p.bodyNode), so the sum is of the
// body's text, as isThread's total is.
func (p *page) textAboveTitle(c postCount) int {
	if len(p.x.h1s) == 0 || c.first == nil {
		return 0
	}
	h := p.x.h1s[0]
	if j, ok := p.x.idx[c.first]; !ok || j < h || !p.titleLike(textOf(p.x.nodes[h])) {
		return 0
	}
	sum := 0
	for i := 0; i < int(h); {
		if end := p.x.subtreeEnd(i); end < int(h) {
			in := &p.x.infos[i]
			sum += in.text - in.link
			i = end + 1
			continue
		}
		i++
	}
	return sum
}

// openingApart returns the text bytes outside links of a thread's
// opening post when it sits apart from the run of replies: the largest
// element around the page's first signed, dated element (postAround),
// before the run, in no run's element, not holding the page's <h1> (a
// story's wrapper holds its headline; a question sits under it), and
// signed as the replies are (its signature's tag and a class name or role
// found in the run's first record: a question and its answers come from
// one template, a story's byline and its readers' comments from two). 0
// when there is none.
func (p *page) openingApart(c postCount) int {
	if len(c.sigs) == 0 || c.first == nil {
		return 0
	}
	first := p.postAround(c.sigs, 0, nil)
	if first == c.first || isAncestor(first, c.first) || isAncestor(c.first, first) || holdsH1(first) ||
		!signedLike(c.first, c.sigs[0], false) {
		return 0
	}
	i, ok1 := p.x.idx[first]
	j, ok2 := p.x.idx[c.first]
	if !ok1 || !ok2 || i >= j {
		return 0
	}
	for _, r := range c.runs {
		if r.parent == first || isAncestor(r.parent, first) || isAncestor(first, r.parent) {
			return 0
		}
	}
	in := &p.x.infos[i]
	return in.text - in.link
}

// bylineApart reports whether the page's first signed, dated element
// stands before the records of the run with the most text, in no run's
// element, signed unlike them (signedLike): a story's byline above its
// readers' comments. A link post's submission line is signed in the
// template of its comments, and a question apart from its answers in
// theirs (openingApart).
func (p *page) bylineApart() bool {
	c, _ := p.threadPosts()
	if len(c.sigs) == 0 || c.first == nil {
		return false
	}
	s := c.sigs[0]
	i, ok1 := p.x.idx[s]
	j, ok2 := p.x.idx[c.first]
	if !ok1 || !ok2 || i >= j || isAncestor(s, c.first) {
		return false
	}
	for _, r := range c.runs {
		if isAncestor(r.parent, s) {
			return false
		}
	}
	return !signedLike(c.first, s, false)
}

// storyBeside reports whether a story stands beside the runs of
// records: storyBesideParas paragraphs of prose or more with one parent,
// under the page's first <h1> and before the first record of the run
// with the most text, each in no post (a signed, dated element that
// holds no run: a record, an opening post apart) or in one that holds the
// <h1> (a story's wrapper, with its headline and byline). The records are
// then readers' comments under the story, however much text they hold. A
// thread's first post is one of the run, or a post of its own apart from
// the replies, under the thread's title, not holding it; a board's
// notices come above the title.
func (p *page) storyBeside() bool {
	c, _ := p.threadPosts()
	if c.first == nil {
		return false
	}
	before, ok := p.x.idx[c.first]
	if !ok {
		return false
	}
	var marks map[*html.Node]uint8
	return p.storyBefore(before, func(n *html.Node) bool {
		if marks == nil {
			marks = c.nodeMarks()
		}
		return c.storyPara(n, marks)
	})
}

// storyBefore reports whether storyBesideParas paragraphs of prose or
// more with one parent, that story accepts, stand under the page's first
// <h1> and before the node of index before.
func (p *page) storyBefore(before int32, story func(*html.Node) bool) bool {
	after := int32(-1)
	if len(p.x.h1s) > 0 {
		after = p.x.h1s[0]
	}
	var parent *html.Node
	k := 0
	for _, para := range p.x.paras {
		i, ok := p.x.idx[para.n]
		if !ok || i >= before {
			break // paragraphs come in document order
		}
		in := &p.x.infos[i]
		if i < after || in.junk || para.text < 80 || in.link*5 >= in.text || !story(para.n) {
			continue
		}
		if para.n.Parent != parent {
			parent, k = para.n.Parent, 0
		}
		if k++; k >= storyBesideParas {
			return true
		}
	}
	return false
}

// storyBesideParas is how many paragraphs of prose make a story (two: a
// brief above a long thread of comments is one).
const storyBesideParas = 2

// Marks of the elements around a thread's records (postCount.nodeMarks).
const (
	markHoldsSig uint8 = 1 << iota // is or holds a signed, dated element
	markHoldsRun                   // is or holds a run's element
)

// nodeMarks marks the elements that hold a signed, dated element or a
// run.
func (c *postCount) nodeMarks() map[*html.Node]uint8 {
	m := make(map[*html.Node]uint8, 4*len(c.sigs))
	up := func(n *html.Node, bit uint8) {
		for a := n; a != nil && m[a]&bit == 0; a = a.Parent {
			m[a] |= bit
		}
	}
	for _, s := range c.sigs {
		up(s, markHoldsSig)
	}
	for _, r := range c.runs {
		up(r.parent, markHoldsRun)
	}
	return m
}

// storyPara reports whether paragraph n is a story's: in no post (a
// record of a run is one), or in a signed element that holds the page's
// <h1> (a story's wrapper), or, when the records are named for comments,
// in one whose signature is not like the records' (a story's body
// holding its byline, the headline above it: the byline and the readers'
// comments come from two templates). A board's opening post apart from
// the replies is signed as they are, or the replies are named for posts
// or replies, not comments.
func (c *postCount) storyPara(n *html.Node, marks map[*html.Node]uint8) bool {
	for a := n; a != nil; a = a.Parent {
		switch m := marks[a]; {
		case m&markHoldsRun != 0:
			return true // up to the thread's element: in no post
		case m&markHoldsSig != 0:
			return holdsH1(a) || commentNamed(c.first) && !c.signedLikeRecords(a)
		}
	}
	return true
}

// commentNamed reports whether a record or one of the three elements
// around it has a class or id naming comments.
func commentNamed(n *html.Node) bool {
	for a, i := n, 0; a != nil && a.Type == html.ElementNode && i < 4; a, i = a.Parent, i+1 {
		if indexFold(attr(a, "class"), "comment") >= 0 || indexFold(attr(a, "id"), "comment") >= 0 {
			return true
		}
	}
	return false
}

// signedLikeRecords reports whether the first signed, dated element in
// a is like one in the first record of the main run (holdsLike; two
// elements with no class are alike here).
func (c *postCount) signedLikeRecords(a *html.Node) bool {
	if c.first == nil {
		return true
	}
	for _, s := range c.sigs {
		if s == a || isAncestor(a, s) {
			return signedLike(c.first, s, true)
		}
	}
	return true
}

// signedLike reports whether record holds an element like the signed,
// dated element s (holdsLike), or like one inside s that holds its
// profile link or its date (a signature's parts: the first signed
// element of a short reply is often the whole reply). Elements with no
// class are alike only when emptyAlike, and only s itself.
func signedLike(record, s *html.Node, emptyAlike bool) bool {
	if holdsLike(record, s, emptyAlike, 0) {
		return true
	}
	found := false
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for ch := n.FirstChild; ch != nil && !found && depth < 20; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			if ch.DataAtom == atom.Time || hasAttr(ch, "datetime") || ch.DataAtom == atom.A && profileHref(attr(ch, "href")) {
				for a := ch; a != s && a != nil && !found; a = a.Parent {
					found = holdsLike(record, a, false, 0)
				}
			}
			walk(ch, depth+1)
		}
	}
	walk(s, 0)
	return found
}

// holdsLike reports whether root is or holds an element like s: the
// same tag and a class name in common, or the same role attribute
// (sameRole); or, when emptyAlike, both without a class.
func holdsLike(root, s *html.Node, emptyAlike bool, depth int) bool {
	if root.Type == html.ElementNode && root.DataAtom == s.DataAtom {
		rc, sc := attr(root, "class"), attr(s, "class")
		if rc == "" && sc == "" && emptyAlike || rc != "" && sc != "" && alikeClass(rc, sc) || sameRole(root, s) {
			return true
		}
	}
	for ch := root.FirstChild; ch != nil && depth < 40; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && holdsLike(ch, s, emptyAlike, depth+1) {
			return true
		}
	}
	return false
}

// postRun is a run of like siblings in progress.
type postRun struct {
	tag      atom.Atom
	sig      string
	first    *html.Node
	n        int
	text     int
	unlinked int // of which outside links
	last     *html.Node
}

// walk returns the marks of n's subtree and counts the runs among its
// children.
func (w *postWalker) walk(n *html.Node, depth int) postMarks {
	var m postMarks
	var run postRun
	var keyBuf [16]string
	keys := keyBuf[:0] // the profile links of the run, each once
	flush := func() {
		if run.n >= 2 {
			w.c.records += run.n
			w.c.text += run.text
			w.c.unlinked += run.unlinked
			w.c.authors = max(w.c.authors, len(keys))
			w.c.runs = append(w.c.runs, postSpan{n, run.unlinked})
			if run.text > w.c.mostTxt {
				w.c.most, w.c.mostTxt, w.c.first, w.c.last = n, run.text, run.first, run.last
			}
		}
		run = postRun{}
		keys = keys[:0]
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			m.dated = m.dated || len(c.Data) < 80 && dateLike(c.Data)
			continue
		case html.ElementNode:
		default:
			continue
		}
		switch c.DataAtom {
		case atom.Script, atom.Style, atom.Svg, atom.Head, atom.Template:
			continue
		case atom.Noscript:
			if !holdsElement(c) {
				continue // read as text: the page was parsed with scripting on
			}
		}
		cm := ownPostMarks(c)
		if depth < 200 {
			cm.add(w.walk(c, depth+1))
		}
		in := w.x.info(c)
		signed := in != nil && cm.dated && cm.user && in.text >= 40
		if signed && !cm.signed {
			w.c.sigs = append(w.c.sigs, c)
			w.c.prose = append(w.c.prose, in.link*4 < in.text)
		}
		cm.signed = cm.signed || signed
		m.add(cm)
		if !signed || in.link*4 >= in.text {
			continue // not signed and dated, or mostly links (a teaser: a linked headline)
		}
		cls := attr(c, "class")
		if run.n == 0 || c.DataAtom != run.tag || !alikeClass(cls, run.sig) && !sameRole(c, run.first) {
			flush()
			run.tag, run.sig, run.first = c.DataAtom, cls, c
		}
		run.n++
		run.text += in.text
		run.unlinked += in.text - in.link
		run.last = c
		if cm.key != "" && len(keys) < len(keyBuf) && !containsString(keys, cm.key) && !readerComment(c, cm.key) {
			keys = append(keys, cm.key)
		}
	}
	flush()
	return m
}

// holdsElement reports whether n has an element child: a <noscript>
// parsed with scripting off (extractArticle's second parse, for pages
// that serve their posts to crawlers there) holds markup, one parsed
// with scripting on a text node.
func holdsElement(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return true
		}
	}
	return false
}

// readerComment reports whether a record signed by a name alone (no
// profile link: nameKey) is one of the readers' comments under a story
// or a recipe, whose writers seldom have profiles: the record or one of
// the three elements around it is named for comments. Or it holds a
// heading, as a teaser does. A board's posts link their posters, or are
// named for posts and messages and carry no headline of their own.
func readerComment(n *html.Node, key string) bool {
	if !strings.HasPrefix(key, "~") {
		return false
	}
	if commentNamed(n) {
		return true // the record, its list or the list's box
	}
	return holdsHeading(n, 0)
}

// holdsHeading reports whether n holds a heading: a teaser's or a
// story's headline, which a post signed by a name alone does not have.
func holdsHeading(n *html.Node, depth int) bool {
	for c := n.FirstChild; c != nil && depth < 12; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return true
		}
		if holdsHeading(c, depth+1) {
			return true
		}
	}
	return false
}

// sameRole reports whether two elements share a role attribute
// (roleAttrs) with the same word for a value (itemprop="comment",
// role="article", component="post"): the records of one run whose
// classes differ (the opening post marked apart, a moderator's post, a
// reply to oneself). Values with digits (numbers, ids) say nothing.
func sameRole(a, b *html.Node) bool {
	if b == nil {
		return false
	}
	for _, x := range a.Attr {
		if !roleAttrs[x.Key] || x.Val == "" || strings.ContainsAny(x.Val, "0123456789") {
			continue
		}
		for _, y := range b.Attr {
			if y.Key == x.Key && y.Val == x.Val {
				return true
			}
		}
	}
	return false
}

// roleAttrs are attributes that say what an element is rather than how
// it looks.
var roleAttrs = map[string]bool{"itemprop": true, "itemtype": true, "role": true, "component": true,
	"data-role": true, "data-type": true, "data-component": true}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// ownPostMarks reads the marks of one element: a <time> or a datetime
// attribute dates it, a profile link or a class or id naming the user
// or the author signs it.
func ownPostMarks(n *html.Node) postMarks {
	var m postMarks
	named := false
	dataName := "" // a data- attribute's poster: the key of the last resort
	m.dated = n.DataAtom == atom.Time
	for _, a := range n.Attr {
		switch a.Key {
		case "datetime":
			m.dated = true
		case "title":
			m.dated = m.dated || len(a.Val) < 80 && dateLike(a.Val)
		case "class", "id":
			dated, user := postClassMarks(a.Val)
			m.dated = m.dated || dated
			if user {
				m.user = true
				named = true
			}
		case "rel":
			m.user = m.user || n.DataAtom == atom.A && indexFold(a.Val, "author") >= 0
		case "href":
			if n.DataAtom == atom.A && profileHref(a.Val) {
				m.user, m.key = true, a.Val
			}
		default:
			if poster, stamp := dataPostMark(a.Key, a.Val); poster {
				m.user = true
				if dataName == "" {
					dataName = a.Val
				}
			} else if stamp {
				m.dated = true
			}
		}
	}
	if named && m.key == "" {
		m.key = nameKey(n)
	}
	if m.key == "" && dataName != "" {
		m.key = "~" + dataName
	}
	return m
}

// dataPosterWords are the words a data- attribute's name holds when its
// value names a post's poster (data-username="ann", data-user-id="12",
// data-author="ann", data-poster-name="ann"), and dataStampNames the
// names of one whose value dates the post (data-timestamp="1708800062",
// data-time, data-date, data-posttime). Board software writes them for
// its scripts whatever its class names say: a board built with hashed
// or utility classes keeps them.
var (
	dataPosterWords = []string{"user", "author", "poster", "member"}
	dataStampNames  = []string{"data-time", "data-timestamp", "data-date", "data-datetime", "data-posttime"}
)

// dataPostMark reports whether a data- attribute names a post's poster
// (data-, a word of dataPosterWords, then nothing, "name", "id" or
// "username", with or without a hyphen: not data-user-color-scheme-id on
// the page's root, nor data-ipsquote-username on a quote) or dates it
// (dataStampNames, with a value that reads as a date or is a Unix time
// in seconds or milliseconds).
func dataPostMark(key, val string) (poster, stamp bool) {
	rest, ok := strings.CutPrefix(key, "data-")
	if !ok || strings.TrimSpace(val) == "" {
		return false, false
	}
	for _, w := range dataPosterWords {
		if tail, ok := strings.CutPrefix(rest, w); ok {
			tail = strings.TrimLeft(tail, "-_")
			return tail == "" || tail == "name" || tail == "id" || tail == "username", false
		}
	}
	return false, slices.Contains(dataStampNames, key) && (dateLike(val) || unixTime(val))
}

// unixTime reports whether s is a Unix time of this century's first
// decades: ten digits (seconds) or thirteen (milliseconds) from a 1.
func unixTime(s string) bool {
	if len(s) != 10 && len(s) != 13 || s[0] != '1' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// postClassMarks reports whether a class or id value names a date or a
// time, and whether it names the user or the author (userClassWords),
// ASCII letters of any case. The value is scanned for capitals once: most
// have none, and then plain strings.Contains answers as indexFold would.
func postClassMarks(v string) (dated, user bool) {
	if hasUpperASCII(v) {
		return indexFold(v, "date") >= 0 || indexFold(v, "time") >= 0, containsFold(v, userClassWords)
	}
	dated = strings.Contains(v, "date") || strings.Contains(v, "time")
	for _, w := range userClassWords {
		if strings.Contains(v, w) {
			return dated, true
		}
	}
	return dated, false
}

// nameKey returns the short text of an element named for the user or
// the author, as the key of a poster who has no profile link: "~" and
// the name, or "" when the element holds more than a name.
func nameKey(n *html.Node) string {
	if t := shortText(n, 40); t != "" {
		return "~" + t
	}
	return ""
}

// userClassWords are parts of class and id names of a post's signature.
var userClassWords = []string{"user", "author", "poster", "member", "nick"}

// profileSegments are path segments of links to a person's profile.
var profileSegments = []string{"user", "users", "u", "member", "members", "profile", "profiles", "people",
	"author", "authors", "usr"}

// profileParams are query parameters that name a user.
var profileParams = []string{"u", "uid", "userid", "user", "showuser"}

// profileHref reports whether a link leads to a person's profile: a
// profile path segment (/user/name, /members/name.12/), a segment that
// starts with @ or ~, a profile script (member.php, profile.php) or a
// user parameter (?u=12, mode=viewprofile, action=profile;u=12). A script is a last segment
// with a dot and no hyphen (not a story's slug). It allocates nothing:
// a page has hundreds of links.
func profileHref(href string) bool {
	h := href
	if i := strings.Index(h, "://"); i >= 0 {
		h = h[i+3:]
		j := strings.IndexByte(h, '/')
		if j < 0 {
			return false
		}
		h = h[j:]
	}
	path, query, _ := strings.Cut(h, "?")
	path, _, _ = strings.Cut(path, "#")
	for path != "" {
		var seg string
		seg, path, _ = strings.Cut(strings.TrimLeft(path, "/"), "/")
		switch {
		case seg == "":
		case equalFoldAny(seg, profileSegments), seg[0] == '@' && len(seg) > 1, seg[0] == '~' && len(seg) > 1:
			return true
		case path == "" && strings.Contains(seg, ".") && !strings.Contains(seg, "-") &&
			(hasPrefixFold(seg, "member") || hasPrefixFold(seg, "profile") || hasPrefixFold(seg, "user")):
			return true
		}
	}
	query, _, _ = strings.Cut(query, "#")
	for query != "" {
		// Parameters are separated by & or, in some board software's
		// links (index.php?action=profile;u=12), by ;.
		i := strings.IndexAny(query, "&;")
		kv := query
		if i >= 0 {
			kv, query = query[:i], query[i+1:]
		} else {
			query = ""
		}
		k, v, _ := strings.Cut(kv, "=")
		if equalFoldAny(k, profileParams) || (strings.EqualFold(k, "mode") || strings.EqualFold(k, "action")) &&
			(strings.EqualFold(v, "viewprofile") || strings.EqualFold(v, "profile")) {
			return true
		}
	}
	return false
}

func equalFoldAny(s string, list []string) bool {
	for _, v := range list {
		if strings.EqualFold(s, v) {
			return true
		}
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// containsFold reports whether s holds one of subs (lower case),
// ignoring the case of ASCII letters.
func containsFold(s string, subs []string) bool {
	for _, sub := range subs {
		if indexFold(s, sub) >= 0 {
			return true
		}
	}
	return false
}

// dateLike reports whether a short text reads as a date or a time: a
// year from 1990 to 2039 or a time of day (12:45) standing alone among
// the digits, or a relative stamp (relStampIn).
func dateLike(s string) bool {
	if relStampIn(s) {
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || i > 0 && isDigit(s[i-1]) {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		switch num := s[i:j]; {
		case len(num) == 4 && (num[:2] == "19" && num[2] >= '9' || num[:2] == "20" && num[2] <= '3'):
			return true
		case len(num) <= 2 && j+2 < len(s) && s[j] == ':' && isDigit(s[j+1]) && isDigit(s[j+2]) && (j+3 == len(s) || !isDigit(s[j+3])):
			return true
		}
		i = j
	}
	return false
}

// relStampWords are the words that every relative stamp of
// relStampIntl holds, lower case: a cheap test before the regexp.
var relStampWords = []string{"il y a", "vor ", "hace ", "há ", "ha ", "geleden", "temu", "назад"}

// relStampIn reports whether s holds a relative stamp: " ago" or one of
// relStampIntl's ("vor 2 Tagen", "3 дня назад"). A post's header in any
// language the extractor reads dates the post so, not only an English
// one. Only texts under 120 bytes are read for the other languages'
// stamps: the test is made on every short block, and a stamp is short.
func relStampIn(s string) bool {
	if strings.Contains(s, " ago") {
		return true
	}
	return len(s) < 120 && counted(s) && (containsFold(s, relStampWords) || endsWordFa(s)) && reRelStampIntl.MatchString(s)
}

// counted is relStampIntl's cheap precondition: each of its stamps counts
// with digits or with a word for one ("un", "una", "uma", "een", "ein").
func counted(s string) bool {
	return strings.ContainsAny(s, "0123456789") || containsFold(s, oneWords)
}

// oneWords hold every word for one that relStampIntl reads.
var oneWords = []string{"un", "um", "een", "ein"}

// endsWordFa reports whether s holds Italian's "fa" as a word ("3 giorni
// fa"): " fa" alone is relStampWords' costliest false lead, the start of
// "fact", "far" and "family" in every English line.
func endsWordFa(s string) bool {
	for i := indexFold(s, " fa"); i >= 0; {
		j := i + 3
		if j == len(s) || !isWordByte(s[j]) { // as the regexp's ASCII \b reads it
			return true
		}
		k := indexFold(s[j:], " fa")
		if k < 0 {
			return false
		}
		i = j + k
	}
	return false
}

// reRelStampIntl matches relStampIntl alone.
var reRelStampIntl = lazyRE(`(?i)` + relStampIntl)

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// isWordByte reports whether b is a word character to Go's regexp \b.
func isWordByte(b byte) bool { return isDigit(b) || b == '_' || b|0x20 >= 'a' && b|0x20 <= 'z' }

// threadSpan returns the document-order span of a thread's posts. It
// starts at the first post: the largest element around the page's first
// signed, dated element that holds no other one (the opening post, even
// when its links keep it out of the run of replies or it sits apart from
// them, as a question above its answers). It ends with the last post
// inside the element that holds the first post and the run of records
// with the most text: that run's last record, or a later signed element
// there that is not mostly links (a reply nested in the replies). ok is false when the page has
// no run of records.
func (p *page) threadSpan() (lo, hi int32, ok bool) {
	c, _ := p.threadPosts()
	if len(c.sigs) == 0 || c.last == nil || inNoscript(c.last) {
		// No posts; or a board's view for crawlers in <noscript>, read
		// with scripting off: the thread and little else, nothing to trim.
		return 0, 0, false
	}
	first := p.firstPost(c.sigs)
	last := c.last
	thread := first
	for thread != nil && !isAncestor(thread, last) {
		thread = thread.Parent
	}
	for i := len(c.sigs) - 1; thread != nil && i >= 0; i-- {
		if s := c.sigs[i]; c.prose[i] && isAncestor(thread, s) {
			if !isAncestor(last, s) && p.x.idx[s] > p.x.idx[last] {
				last = p.postAround(c.sigs, i, thread)
				if r := c.runSibling(s); r != nil {
					last = r
				}
			}
			break
		}
	}
	lo, ok1 := p.x.idx[first]
	hi, ok2 := p.x.idx[last]
	if !ok1 || !ok2 {
		return 0, 0, false
	}
	hi = int32(p.x.subtreeEnd(int(hi)))
	return lo, hi, lo <= hi
}

// runSibling returns the child of the main run's element (c.most) that
// holds s, when it is like the run's records (their tag and a class name
// or role in common, as the run asks of them); else nil. It is a post of
// the run that its links kept out of the run (a short reply under a
// linked subject line, beside its poster's linked card), and it ends
// with its own words: postAround stops at the poster's card when the
// post's header is signed too (a card beside a stamped header). A box
// after the posts in the same element (similar threads with their
// posters and days, the board's statistics) is not like them, and its
// rest stays out of the thread.
func (c *postCount) runSibling(s *html.Node) *html.Node {
	for a := s; a != nil && a.Parent != nil; a = a.Parent {
		if a.Parent == c.most {
			if a.DataAtom == c.last.DataAtom && (alikeClass(attr(a, "class"), attr(c.last, "class")) || sameRole(a, c.last)) {
				return a
			}
			return nil
		}
	}
	return nil
}

// inNoscript reports whether n sits in a <noscript> element.
func inNoscript(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.DataAtom == atom.Noscript {
			return true
		}
	}
	return false
}

// firstPost returns the opening post: the largest element around the
// page's first signature that holds no other. A post may be signed twice
// in one row ("edited ... by X" beside "asked ... by Y", under the
// question they sign): signatures whose nearest common element holds no
// text of its own outside links (sigRow) sign one post, and the post is
// the largest element around that row holding no later signature. Else
// a body printed above its signature row is left out, as if it were the
// board's chrome.
func (p *page) firstPost(sigs []*html.Node) *html.Node {
	row, n := sigs[0], 1
	for n < len(sigs) {
		r := commonParent(row, sigs[n])
		if r == nil || !p.sigRow(r, sigs[:n+1]) {
			break
		}
		row, n = r, n+1
	}
	if n == 1 {
		return p.postAround(sigs, 0, nil)
	}
	post := row
	for a := row.Parent; a != nil && a != p.bodyNode && a.Type == html.ElementNode; a = a.Parent {
		if n < len(sigs) && isAncestor(a, sigs[n]) {
			break
		}
		post = a
	}
	return post
}

// sigRowSlack is the most text bytes outside links, besides its
// signatures, that a row of signatures holds (a "Follow" label, a
// separator).
const sigRowSlack = 24

// sigCardMax is the most text bytes of a signature card: a stamp, a
// name and the poster's counts, not a post.
const sigCardMax = 160

// sigRow reports whether r, the element around sigs, holds no text
// outside links but theirs (sigRowSlack bytes at most), and each of sigs
// is a card (sigCardMax), not a post that holds its own signature.
func (p *page) sigRow(r *html.Node, sigs []*html.Node) bool {
	own := p.unlinkedText(r)
	for _, s := range sigs {
		i, ok := p.x.idx[s]
		if !ok || p.x.infos[i].text > sigCardMax {
			return false
		}
		own -= p.unlinkedText(s)
	}
	return own <= sigRowSlack
}

// unlinkedText returns n's visible text bytes outside links.
func (p *page) unlinkedText(n *html.Node) int {
	i, ok := p.x.idx[n]
	if !ok {
		return 0
	}
	in := &p.x.infos[i]
	return in.text - in.link
}

// commonParent returns the nearest element holding both a and b.
func commonParent(a, b *html.Node) *html.Node {
	for r := a; r != nil; r = r.Parent {
		if r == b || isAncestor(r, b) {
			return r
		}
	}
	return nil
}

// postAround returns the largest element around sigs[i] that holds no
// other of sigs, below stop and the page's body.
func (p *page) postAround(sigs []*html.Node, i int, stop *html.Node) *html.Node {
	post := sigs[i]
	for a := post.Parent; a != nil && a != stop && a != p.bodyNode && a.Type == html.ElementNode; a = a.Parent {
		if i > 0 && isAncestor(a, sigs[i-1]) || i+1 < len(sigs) && isAncestor(a, sigs[i+1]) {
			break
		}
		post = a
	}
	return post
}

// trimToThread drops from a forum page's main text the blocks outside
// the thread's posts (threadSpan): the board's menus, breadcrumbs and
// notices above the first post, and below the last one the reply and
// sign-up prompts, the lists of similar threads and the board's footer.
// The thread's title (the page's headline) goes with them: it is the
// page's title, which the forum references leave out of the posts. The
// blocks are kept as they are when the posts hold less than half of the
// text: then the records found are not the page's thread.
func (p *page) trimToThread(bs []block) []block {
	lo, hi, ok := p.threadSpan()
	if !ok {
		return bs
	}
	out := make([]block, 0, len(bs))
	in, all := 0, 0
	for _, b := range bs {
		w := countWords(b.text)
		all += w
		if b.at >= lo && b.at <= hi {
			in += w
			out = append(out, b)
		}
	}
	if in*2 < all {
		return bs
	}
	return out
}

// titleLike reports whether t is the page's og:title, twitter:title or
// <title> (or the start or end of one, without the site's name).
func (p *page) titleLike(t string) bool {
	nt := normName(t)
	if len(nt) <= 10 {
		return false
	}
	for _, h := range []string{p.meta("og:title"), p.meta("twitter:title"), p.titleTag} {
		if nh := normName(h); nh == nt || len(nh) > len(nt) && (strings.HasPrefix(nh, nt) || strings.HasSuffix(nh, nt)) {
			return true
		}
	}
	return false
}

// replyThread reports whether two headings or more on the page are
// replies' subjects: the page's headline after a reply prefix ("Re:",
// replyPrefixes), as boards and mailing-list archives title the replies
// of a thread. A listing's teasers have headlines of their own, and a
// story's sections do not answer it. Such a thread's posts may be signed
// by a name in plain text, which isThread cannot read, and their titles
// link to each post's own page, which teaserFront would read as teasers.
// A story before the first heading that repeats the headline (the first
// post's subject, or the first reply's) is not a thread's: the replies
// are its readers' comments.
func (p *page) replyThread() bool {
	k, first := 0, int32(-1)
	for i, n := range p.x.nodes {
		if !isHeading(n.DataAtom) || n.DataAtom == atom.H1 || p.x.infos[i].text > 300 {
			continue
		}
		if rest, reply := cutReplyPrefix(textOf(n)); reply && p.isHeadline(rest) {
			k++
		}
	}
	if k < 2 {
		return false
	}
	for i, n := range p.x.nodes {
		if isHeading(n.DataAtom) && n.DataAtom != atom.H1 && p.x.infos[i].text <= 300 {
			if rest, _ := cutReplyPrefix(textOf(n)); p.isHeadline(rest) {
				first = int32(i)
				break
			}
		}
	}
	return !p.storyBefore(first, func(*html.Node) bool { return true })
}

// replyPrefixes are the prefixes mail and board software put before a
// reply's subject, lower case: English and Latin "re", German "aw",
// Scandinavian "sv", Dutch "antw", Polish "odp", Finnish "vs", Turkish
// "ynt", Italian "r" and "rif".
var replyPrefixes = []string{"re", "aw", "sv", "antw", "odp", "vs", "ynt", "r", "rif"}

// cutReplyPrefix returns s without a reply prefix ("Re: ", "RE[2]: ",
// "Aw: "), and whether it had one.
func cutReplyPrefix(s string) (string, bool) {
	s = strings.TrimSpace(s)
	head, rest, ok := strings.Cut(s, ":")
	if !ok || len(head) > 8 {
		return s, false
	}
	if i := strings.IndexAny(head, "[("); i > 0 {
		head = head[:i]
	}
	if !equalFoldAny(strings.TrimSpace(head), replyPrefixes) {
		return s, false
	}
	return strings.TrimSpace(rest), true
}

// mailNavLabels are the labels, lower case, of the links a mailing
// list's archive puts around one message (Mailman's pipermail,
// Hypermail, MHonArc): to the messages before and after it by thread or
// by date, and to the indexes. An archive in another language names
// them in its own: the previous and next message in French, German and
// Spanish too.
var mailNavLabels = []string{"previous message", "next message", "messages sorted by", "thread prev", "thread next",
	"date prev", "date next", "prev by date", "next by date", "prev by thread", "next by thread",
	"previous by thread", "previous by date",
	"message précédent", "message suivant", "vorherige nachricht", "nächste nachricht",
	"mensaje anterior", "mensaje siguiente"}

// listMessage reports whether the page is one message of a mailing
// list's archive: two short texts or more open with mailNavLabels
// (navLabel). Texts inside <pre> (the message) are not read.
func (p *page) listMessage() bool {
	k := 0
	var walk func(n *html.Node, depth int) bool
	walk = func(n *html.Node, depth int) bool {
		for c := n.FirstChild; c != nil && depth < 60; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode && len(c.Data) < 80:
				if navLabel(c.Data) {
					if k++; k >= 2 {
						return true
					}
				}
			case c.Type == html.ElementNode && c.DataAtom != atom.Script && c.DataAtom != atom.Style && c.DataAtom != atom.Pre:
				if walk(c, depth+1) {
					return true
				}
			}
		}
		return false
	}
	return walk(p.root, 0)
}

// navLabel reports whether s, past spaces and punctuation ("[", "«"),
// opens with one of mailNavLabels, in any case: a label, not a
// sentence of a story that speaks of the next message.
func navLabel(s string) bool {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, l := range mailNavLabels {
		if hasPrefixFold(s, l) {
			return true
		}
	}
	return false
}
