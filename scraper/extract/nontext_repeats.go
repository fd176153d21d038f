package extract

import (
	"slices"
	"strings"

	"github.com/archivist-project/archivist/corpus"
)

// copyMinWords returns the fewest words of a block that dropSecondCopies
// drops from a page of the given type when it comes again: six on a
// product page (a shop prints its description, badges and notices once
// per screen size, or in a tab and again in a drawer; shorter lines, a
// price, a colour, a size, repeat because they are said twice); 25 on
// other pages, whose tabs and plan tables repeat shorter lines of their
// own; none (0) on a forum (quoted posts) or a documentation page (the
// same note under each function).
func copyMinWords(pageType string) int {
	switch pageType {
	case corpus.PageTypeForum, corpus.PageTypeDocumentation:
		return 0
	case corpus.PageTypeProduct:
		return 6
	}
	return 25
}

// dropSecondCopies drops from a page's main text each block of minWords
// words or more whose text came before: a second copy of the same
// paragraph, shown once on the screen. With minWords 0 the blocks stay
// as they are.
func dropSecondCopies(bs []block, minWords int) []block {
	if minWords <= 0 {
		return bs
	}
	seen := make(map[string]bool, len(bs))
	out := bs[:0:0]
	for _, b := range bs {
		if countWords(b.text) >= minWords {
			if seen[b.text] {
				continue
			}
			seen[b.text] = true
		}
		out = append(out, b)
	}
	return out
}

// echoMinWords is the fewest words of a run of blocks that dropEchoes
// drops.
const echoMinWords = 10

// dropEchoes drops from a forum page's main text each run of blocks that
// repeats the run just before it, word for word, when it holds
// echoMinWords words or more: a post printed twice in a row (a rendered
// copy and a copy for another layout or for the editor). A quote is not
// an echo: the poster's name or "... said:" stands between the post and
// its quote.
func dropEchoes(bs []block) []block {
	out := make([]block, 0, len(bs))
	var pairs pairStarts
	for i := 0; i < len(bs); {
		k := echoAt(out, bs[i:], &pairs)
		if k > 0 {
			i += k
			continue
		}
		out = append(out, bs[i])
		pairs.add(out)
		i++
	}
	return out
}

// pairStarts indexes where each pair of blocks in a row, by text, starts
// in a growing list of blocks: last holds the latest start of each pair,
// older[p] the start of the same pair before p, or -1. A map of lists
// would allocate one list per block of a long thread.
type pairStarts struct {
	last  map[[2]string]int
	older []int
}

// add indexes the pair that the last block of bs ends, once bs has
// grown by that block.
func (ps *pairStarts) add(bs []block) {
	n := len(bs)
	if n < 2 {
		return
	}
	if ps.last == nil {
		ps.last = map[[2]string]int{}
	}
	key := [2]string{bs[n-2].text, bs[n-1].text}
	prev, ok := ps.last[key]
	if !ok {
		prev = -1
	}
	ps.older = append(ps.older, prev) // at n-2: one entry per start
	ps.last[key] = n - 2
}

// echoAt returns the length of the longest run at the start of next that
// repeats the end of prev (echoMinWords words or more), or 0. pairs
// indexes prev's pairs of blocks: a run of two blocks or more starts
// where prev holds next's first two in a row, so only those places are
// compared, not every earlier block (a thread of thousands of posts).
// The longest run decides: a shorter one holds no more words. Words are
// counted only for a run that repeats whole: on a long thread a line
// every post prints (a code box, a button) starts a partial match at
// each earlier post.
func echoAt(prev, next []block, pairs *pairStarts) int {
	best := 0
	if len(next) >= 2 {
		p, ok := pairs.last[[2]string{next[0].text, next[1].text}]
		// From the latest start back to the earliest within reach of
		// next: the last match is the longest run.
		for ; ok && p >= 0 && p >= len(prev)-len(next); p = pairs.older[p] {
			if sameTexts(prev[p:], next[:len(prev)-p]) {
				best = len(prev) - p
			}
		}
	}
	if best == 0 && len(prev) > 0 && len(next) > 0 && prev[len(prev)-1].text == next[0].text {
		best = 1
	}
	if best == 0 || blocksWords(next[:best]) < echoMinWords {
		return 0
	}
	return best
}

// Bounds of dropCardEchoes: the fewest words of a run it drops, the
// fewest and the most blocks of a run it compares (a card is a title and
// a few lines; the bound keeps the walk linear).
const (
	cardEchoMinWords = 4
	cardEchoMinRun   = 2
	cardEchoMaxRun   = 8
)

// dropCardEchoes drops from a listing's main text each run of blocks
// that repeats, word for word, the run just before it, when it holds
// cardEchoMinWords words or more and a block that the page prints
// exactly twice: a card printed twice in a row, once per screen size or
// once for a hover layer ("Tech talk", "Tue, Mar 17, 5 PM" and the same
// again). A run is cardEchoMinRun blocks or more: a lone line said twice
// is a shop card's name over its picture and under it, which references
// keep twice. Shorter copies stay (two items priced alike, "Free",
// "7.9"), and so do the lines every card prints ("Must be presented
// before start of work."), which come in a row when the model leaves out
// the cards' titles, and copies apart: two cards by one author. A
// forum's echoes are longer (dropEchoes): replies say "+1" twice.
func dropCardEchoes(bs []block) []block {
	n := make(map[string]int, len(bs))
	for _, b := range bs {
		n[b.text]++
	}
	if !slices.ContainsFunc(bs, func(b block) bool { return n[b.text] == 2 }) {
		return bs // no block printed exactly twice: no card to drop
	}
	words := make([]int, len(bs)) // counted once: a block is compared up to cardEchoMaxRun times
	for i, b := range bs {
		words[i] = countWords(b.text)
	}
	out := make([]block, 0, len(bs))
	for i := 0; i < len(bs); {
		if k := cardEchoAt(out, bs[i:], words[i:], n); k > 0 {
			i += k
			continue
		}
		out = append(out, bs[i])
		i++
	}
	if len(out) == len(bs) {
		return bs
	}
	return out
}

// cardEchoAt returns the length of the longest run at the start of next,
// cardEchoMinRun to cardEchoMaxRun blocks, that repeats the end of prev, holds
// cardEchoMinWords words or more and a block printed twice on the page
// (n counts the page's blocks by text; words[j] is next[j]'s words), or 0.
func cardEchoAt(prev, next []block, words []int, n map[string]int) int {
	best, sum, twice := 0, 0, false
	for k := 1; k <= cardEchoMaxRun && k <= len(prev) && k <= len(next); k++ {
		// The run's words and its block printed twice grow with k; only
		// the comparison with prev's end shifts.
		sum += words[k-1]
		twice = twice || n[next[k-1].text] == 2
		same := true
		for j := 0; j < k && same; j++ {
			same = prev[len(prev)-k+j].text == next[j].text
		}
		if same && k >= cardEchoMinRun && sum >= cardEchoMinWords && twice {
			best = k
		}
	}
	return best
}

// sameTexts reports whether a and b, of one length, hold the same texts.
func sameTexts(a, b []block) bool {
	for j := range a {
		if a[j].text != b[j].text {
			return false
		}
	}
	return true
}

// dropReplySubjects drops from a forum page's main text the subject
// lines of its replies, "Re: " and the thread's title, when two or more
// say the same: the board's heading of each post, not what anyone wrote.
func dropReplySubjects(bs []block) []block {
	seen := map[string]int{}
	for _, b := range bs {
		if isReplySubject(b.text) {
			seen[b.text]++
		}
	}
	return dropBlocks(bs, func(b block) bool { return isReplySubject(b.text) && seen[b.text] >= 2 })
}

// isReplySubject reports whether t is a reply's subject line: "Re:" and
// a title of 200 bytes at most.
func isReplySubject(t string) bool {
	return len(t) <= 204 && len(t) > 4 && (strings.HasPrefix(t, "Re: ") || strings.HasPrefix(t, "RE: "))
}

// Bounds of dropContainedCopies: the fewest words of a block it drops,
// the most blocks of that size on a page it compares, and the most bytes
// it searches (each block in all the others: blocks x their bytes).
const (
	containedMinWords = 15
	containedMaxCands = 300
	containedMaxWork  = 16 << 20
)

// dropContainedCopies drops from a page's main text each block of
// containedMinWords words or more whose text, white space aside, is part
// of a longer block: a paragraph shown alone and again inside a block
// that runs it together with more (a teaser of the text below, an
// expander's short and full copies). Product pages and listings only: on
// a service page the same offer stands in two tables with other prices,
// and forums quote.
func dropContainedCopies(bs []block) []block {
	norm := make([]string, len(bs))
	cands, size := 0, 0
	for i, b := range bs {
		if countWords(b.text) >= containedMinWords {
			norm[i] = strings.Join(strings.Fields(b.text), " ")
			cands++
			size += len(norm[i])
		}
	}
	if cands < 2 || cands > containedMaxCands || cands*size > containedMaxWork {
		return bs
	}
	out := bs[:0:0]
	for i, b := range bs {
		if norm[i] == "" || !containedElsewhere(norm, i) {
			out = append(out, b)
		}
	}
	return out
}

// pairMinWords is the fewest words of a block that dropPairedCopies
// drops when it comes twice.
const pairMinWords = 8

// pairRun is the fewest blocks in a row, the paired block among them,
// that must come again for dropPairedCopies to drop the copy.
const pairRun = 3

// dropPairedCopies drops the second copy of each block of pairMinWords
// words or more that bs holds exactly twice, with the run of blocks
// around it that repeats the run around the first copy, when that run
// holds pairRun blocks or more: a card or an intro printed once per
// screen size, or in a carousel and again in the grid, comes again
// with its title, its teaser and its lines, and goes with them. A line
// printed three times or more is a line of every card's template
// ("Must be presented before start of work.", the subjects under each
// paper), and a line printed twice among other lines (two stories by
// the same team), with one line beside it (a book and its rating on
// two lists of one page) or under another heading than the first copy
// (two stories of a series, their standfirst and byline alike) is two
// cards' own: both stay. shopText calls it on listings only, before
// dropSecondCopies (on a product page that drops every second copy of
// six words or more).
func dropPairedCopies(bs []block) []block {
	first := make(map[string]int, len(bs))
	n := make(map[string]int, len(bs))
	for i, b := range bs {
		if countWords(b.text) >= pairMinWords {
			if n[b.text] == 0 {
				first[b.text] = i
			}
			n[b.text]++
		}
	}
	// run marks the blocks of the runs found: 1 stays, 2 goes. A block
	// of a run found is not looked at again, so a list printed twice
	// costs one pass, not one per block.
	run := make([]int8, len(bs))
	dropped := false
	for j, b := range bs {
		if n[b.text] != 2 || first[b.text] == j || run[j] != 0 {
			continue
		}
		from, to := copyRun(bs, first[b.text], j)
		mark := int8(1)
		if to-from >= pairRun && !underOtherTitle(bs, from, to) {
			mark, dropped = 2, true
		}
		for k := from; k < to; k++ {
			run[k] = max(run[k], mark)
		}
	}
	if !dropped {
		return bs
	}
	out := make([]block, 0, len(bs))
	for j, b := range bs {
		if run[j] != 2 {
			out = append(out, b)
		}
	}
	return out
}

// underOtherTitle reports whether the copied run bs[from:to] holds no
// heading and opens right under one, which the first copy's run does
// not have above it (copyRun would have taken it in): the lines two
// cards share, a series' standfirst and its byline, under the second
// card's own title. A card printed twice comes with its title.
func underOtherTitle(bs []block, from, to int) bool {
	if from == 0 || !bs[from-1].heads() {
		return false
	}
	for _, b := range bs[from:to] {
		if b.heads() {
			return false
		}
	}
	return true
}

// copyRun returns the run of blocks bs[from:to] around bs[j] that
// repeats, block for block, the run around bs[i] (i < j), the two runs
// apart.
func copyRun(bs []block, i, j int) (from, to int) {
	from, to = j, j+1
	for d := 1; i-d >= 0 && j-d > i && bs[i-d].text == bs[j-d].text; d++ {
		from = j - d
	}
	for d := 1; i+d < from && j+d < len(bs) && bs[i+d].text == bs[j+d].text; d++ {
		to = j + d + 1
	}
	return from, to
}

// containedElsewhere reports whether norm[i] is part of a longer entry
// of norm.
func containedElsewhere(norm []string, i int) bool {
	for j, t := range norm {
		if j != i && len(t) > len(norm[i]) && strings.Contains(t, norm[i]) {
			return true
		}
	}
	return false
}

// reEmbedCode matches a block that is nothing but the markup of an
// embedded player or post, as a share widget prints it for copying
// ("<iframe src=... title=...></iframe>"): a tag of a player, a frame
// or a script, with its attributes, closed or not.
var reEmbedCode = lazyRE(`(?is)^<(iframe|embed|object|video|audio|script)\b[^<>]*>\s*(?:</(?:iframe|embed|object|video|audio|script)>)?$`)

// dropEmbedCodes drops from a listing's main text the embed codes its
// cards' share widgets print (reEmbedCode): markup to copy, not
// something to read. A code sample in a <pre> stays: a tutorial or a
// help page on embedding, typed a listing (a run of players, each with
// its snippet), shows the same markup as its content (inPre).
func (p *page) dropEmbedCodes(bs []block) []block {
	return dropBlocks(bs, func(b block) bool {
		return len(b.text) < 1000 && reEmbedCode.MatchString(strings.TrimSpace(b.text)) && !p.inPre(b)
	})
}
