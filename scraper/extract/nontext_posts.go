package extract

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// A forum's posts are comments by their markup (a class or a microdata
// role of "comment", "reply", "message"), which the content walk drops
// from an article, so a forum's text is the block model's. The model
// weighs each paragraph alone: a reply's short paragraph ("Thank you
// James.", "Quite a short journey, but a good one nonetheless.") can
// score under the threshold beside a longer one of the same post that
// scores over it. A post's paragraphs stand or fall together: on a page
// typed forum, a paragraph the model left out that scores
// postSiblingScore or more comes back when a paragraph it kept is a
// sibling in the same element (the post's text), or when it reads as
// prose (isPostProse) and its element is of the kind (tag and class)
// that holds the kept paragraphs of two posts or more: a reply of one
// short paragraph, which has no kept sibling, in a post's text element.

// postSiblingScore is the least model score of a paragraph that a kept
// sibling brings back: far lower ones are chrome that sits beside a post
// ("Share this post", a notice).
const postSiblingScore = 0.25

// postSiblingWords is the fewest words of a paragraph that a kept
// sibling brings back: shorter lines are names, stamps and buttons.
const postSiblingWords = 4

// keepPostSiblings sets keep for the paragraphs of bs (scored score)
// that share their parent element with a kept paragraph, or whose parent
// is of a kind two kept paragraphs' parents are and that read as prose.
func (p *page) keepPostSiblings(bs []block, keep []bool, score []float64) {
	parents := make(map[*html.Node]bool)
	kinds := make(map[string]int) // posts' text elements: tag and class of a kept paragraph's parent
	for i, b := range bs {
		if keep[i] && b.kind == kindPara {
			if n := p.blockParent(b); n != nil {
				if !parents[n] {
					kinds[postKind(n)]++
				}
				parents[n] = true
			}
		}
	}
	for i, b := range bs {
		if keep[i] || b.kind != kindPara || score[i] < postSiblingScore || b.link >= 0.3 ||
			countWords(b.text) < postSiblingWords || isStamp(b.text) {
			continue
		}
		n := p.blockParent(b)
		if n == nil {
			continue
		}
		if parents[n] || kinds[postKind(n)] >= 2 && postKind(n) != "" && isPostProse(b.text) || p.declaredPostText(b) {
			keep[i] = true
		}
	}
}

// declaredPostText reports whether block b is the text of a post or a
// comment by the page's own schema.org microdata: its element, or one of
// its two nearest ancestors, is itemprop="text" of an item typed a post
// (postItemTypes: a Comment's, an Answer's, a forum post's text). A Q&A site's comment of
// one line ("the link is also complex") has no kept sibling and is no
// sentence, yet the page states what it is; forum references keep them.
func (p *page) declaredPostText(b block) bool {
	return isDeclaredText(p.blockElement(b))
}

// isDeclaredText reports whether element n, or one of its two nearest
// ancestors, is itemprop="text" of a post's item (declaredPostText).
func isDeclaredText(n *html.Node) bool {
	for d := 0; n != nil && n.Type == html.ElementNode && d < 3; n, d = n.Parent, d+1 {
		if attr(n, "itemprop") == "text" {
			return inPostItem(n)
		}
	}
	return false
}

// postItemTypes are the schema.org types of a post, a comment or an
// answer. The text of another item is not a reply's: a WordPress theme
// marks a whole page's or story's body itemprop="text" of a CreativeWork,
// with what a plugin adds into it (share lines, a newsletter blurb), and
// a box of other questions beside a Q&A thread gives each its Question
// item and a teaser as its text (a thread's own question is long prose
// the model keeps).
var postItemTypes = []string{"Comment", "Answer", "DiscussionForumPosting", "SocialMediaPosting"}

// inPostItem reports whether the item n's property belongs to (the
// nearest itemscope of n or its ancestors, within eight levels) is typed
// one of postItemTypes.
func inPostItem(n *html.Node) bool {
	for d := 0; n != nil && d < 8; n, d = n.Parent, d+1 {
		if n.Type == html.ElementNode && hasAttr(n, "itemscope") {
			return slices.ContainsFunc(strings.Fields(attr(n, "itemtype")), func(f string) bool {
				return slices.Contains(postItemTypes, itemTypeName(f))
			})
		}
	}
	return false
}

// isStamp reports whether t is a post's time stamp ("Dec 31, 2025,
// 10:15 PM"): a line of six words or fewer with a date. The model's
// score decides those alone, as a post's header.
func isStamp(t string) bool {
	return countWords(t) <= 6 && dateLike(t)
}

// blockParent returns the parent of the block-level element b begins
// in: the element that holds b beside its sibling paragraphs.
func (p *page) blockParent(b block) *html.Node {
	if n := p.blockElement(b); n != nil {
		return n.Parent
	}
	return nil
}

// blockElement returns the block-level element that block b begins in
// (16 levels up at most), or nil.
func (p *page) blockElement(b block) *html.Node {
	for n, d := p.blockNode(b), 0; n != nil && d < 16; n, d = n.Parent, d+1 {
		if n.Type == html.ElementNode && classifyTag(n.DataAtom) == tagBlock {
			return n
		}
	}
	return nil
}

// postKind returns the tag and class attribute of n, a post's text
// element, or of the nearest of its two ancestors that has a class ("" when
// none has): a board that writes a post's text straight into a wrapper
// without a class (XenForo's <div itemprop="text">) has its kind a
// level up, where every post's is.
func postKind(n *html.Node) string {
	for d := 0; n != nil && n.Type == html.ElementNode && d < 3; n, d = n.Parent, d+1 {
		for _, a := range n.Attr {
			if a.Key == "class" && strings.TrimSpace(a.Val) != "" {
				return n.Data + "." + a.Val
			}
		}
	}
	return ""
}

// isPostProse reports whether t reads as a post's own text, not a line
// of its header or its poster's card: a sentence, or ten words or more,
// without a date.
func isPostProse(t string) bool {
	return (endsSentence(t) || countWords(t) >= 10) && !dateLike(t)
}
