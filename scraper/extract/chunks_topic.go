package extract

import "golang.org/x/net/html"

// A text about the site after a split body (ex36ca). Scoring settles on
// the common ancestor of a story split into chunks (storyChunks), or on
// a long link-free text beside them that outweighs any one chunk, and
// widens to the ancestor of both: the site's "about us" text, eight
// paragraphs of sentences in no list and under no heading, then reads as
// the story's closing section. dropAfterChunks wants a heading over it;
// dropOffTopic weighs neither a split body's ancestor nor a candidate
// that is itself the other text. What tells it from the story's closing
// section is what it is about: a closing section names the story's
// subject or shares its words, a text about the site neither.

// dropOffTopicAfterChunks drops the blocks after the last of the story's
// chunks inside top (the later siblings of it and of each of its
// ancestors below top, as dropAfterChunks walks) that hold no element of
// the chunks' kind, offTopicMin bytes of paragraphs or more written in
// sentences (sentenceProse), at most a tenth of the headline's topic
// words (headlineTopic) and under offTopicShare of their content words,
// weighted by idf, in the headline or the chunks. It asks that the
// chunks name three tenths of the headline's topic words (they are the
// story) and, as dropAfterChunks does, that they hold two thirds of
// top's paragraph text outside the blocks dropped. A block that the
// markup makes a section of the story is not weighed (closingSection).
// Perturbation bench (tuning pages): chunks-about 0.808 -> 0.840,
// rail-prose 0.903 -> 0.906, no kind fell; no page of any set moved.
// Weighing the blocks inside the story's <article> too (ex36ca) made
// chunks-about 0.895, but took an obituary's life story, a background
// box and a note on how the story was reported (review36e), which a
// real story closes with more often than a note about the site inside
// its <article>. At a fifth of the topic words in place of a tenth (a
// headline's "from" is one of six topic words on a short page; ex36ca,
// the <article>'s blocks weighed) chunks-about rose to 0.912, but a
// page-types check page fell (0.461 -> 0.452): dropped.
func (x *contentExtractor) dropOffTopicAfterChunks(top *html.Node, sel []*html.Node, headline string) []*html.Node {
	chunks := x.storyChunks(top)
	if len(chunks) < 2 {
		return sel
	}
	after := x.afterChunks(top, sel, chunks)
	if len(after) == 0 {
		return sel
	}
	story := contentWords(headline, nil)
	held := 0
	for _, c := range chunks {
		contentWords(textOf(c), story)
		held += x.info(c).para
	}
	topic, df, docs, ok := x.storyTopic(headline, story)
	if !ok {
		return sel
	}
	inStory := func(w string) bool { return story[w] }
	var drop []*html.Node
	dropped := 0
	for _, n := range after {
		ws := contentWords(textOf(n), nil)
		if topicShare(ws, topic) <= 0.1 && weightedShare(ws, inStory, df, docs) < offTopicShare {
			drop = append(drop, n)
			dropped += x.info(n).para
		}
	}
	if len(drop) == 0 || 3*held < 2*(x.info(top).para-dropped) {
		return sel
	}
	return x.dropFromSel(sel, drop)
}

// afterChunks lists the blocks after the last of chunks that may be
// another text: the later siblings of the last chunk and of each of its
// ancestors below top, and the blocks of sel after top (siblings
// selectContent joined), of offTopicMin bytes of paragraphs or more,
// written in sentences, holding no element of the chunks' kind.
func (x *contentExtractor) afterChunks(top *html.Node, sel, chunks []*html.Node) []*html.Node {
	kind := chunkKind(top, chunks[0])
	art := articleAbove(chunks[0])
	var out []*html.Node
	add := func(s *html.Node) {
		si := x.info(s)
		if s.Type == html.ElementNode && si != nil && !si.junk && si.para >= offTopicMin && !holdsKind(top, s, kind) &&
			!closingSection(s, art) && x.sentenceProse(s) {
			out = append(out, s)
		}
	}
	for a := chunks[len(chunks)-1]; a != top && a.Parent != nil; a = a.Parent {
		for s := a.NextSibling; s != nil; s = s.NextSibling {
			add(s)
		}
	}
	for _, n := range sel {
		if x.idx[n] > x.idx[top] && !isAncestor(top, n) {
			add(n)
		}
	}
	return out
}

// closingSection reports whether the markup makes s, a block after a
// split body's chunks, a section of the story, as storySection does for
// dropOffTopic: a block inside the <article> art holding the chunks, or,
// where no <article> holds them, a block that opens with a heading. A
// story's closing section may change subject (an obituary's life story
// after the news, a background box on a law's history, a note on how the
// story was reported) and share few of its words (review36e: each went
// with the words alone).
func closingSection(s, art *html.Node) bool {
	if art != nil {
		return isAncestor(art, s)
	}
	return headingOpening(s)
}
