package extract

import (
	"math/rand"
	"slices"
	"testing"
)

// TestDropEchoesAsEveryRun: dropEchoes, which compares a block only
// where the page printed its first two blocks in a row before, drops
// what comparing every run before it drops, on threads made of a few
// lines (partial matches at every earlier post, runs of one, runs that
// reach the page's end).
func TestDropEchoesAsEveryRun(t *testing.T) {
	lines := []string{
		"The first Sunday boat moves from 7:10 to 8:30 this year.",
		"There is a new one at noon.",
		"gauge: buffer full, flush failed",
		"Reply",
		"netmender said:",
		"Yes, at noon.",
		"Not on Sundays.",
	}
	rng := rand.New(rand.NewSource(26))
	for n := range 400 {
		texts := make([]string, n%40)
		for i := range texts {
			texts[i] = lines[rng.Intn(len(lines))]
		}
		got := blockTexts(dropEchoes(textBlocks(texts)))
		want := blockTexts(dropEchoesEveryRun(textBlocks(texts)))
		if !slices.Equal(got, want) {
			t.Fatalf("%q: got %q, want %q", texts, got, want)
		}
	}
}

// TestDropEchoesLongestRun: a post of short lines printed twice goes
// whole, though its first lines alone, too short to drop, repeat the
// lines before them too.
func TestDropEchoesLongestRun(t *testing.T) {
	x, y := "Yes, at noon.", "Not on Sundays."
	in := []string{x, y, x, y, x, y, x, y}
	want := []string{x, y, x, y}
	if got := blockTexts(dropEchoes(textBlocks(in))); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// dropEchoesEveryRun is dropEchoes as it was, comparing each block with
// every run before it: the reference of TestDropEchoesAsEveryRun.
func dropEchoesEveryRun(bs []block) []block {
	out := make([]block, 0, len(bs))
	for i := 0; i < len(bs); {
		best, next := 0, bs[i:]
		for k := 1; k <= len(out) && k <= len(next); k++ {
			if sameTexts(out[len(out)-k:], next[:k]) && blocksWords(next[:k]) >= echoMinWords {
				best = k
			}
		}
		if best > 0 {
			i += best
			continue
		}
		out = append(out, bs[i])
		i++
	}
	return out
}
