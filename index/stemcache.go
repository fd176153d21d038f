package index

import "bytes"

// stemCache is what a language's filters make of each word (stemmer):
// nil for a stop word, else its stem. A lookup is made for each distinct
// term of every article, and with a few hundred thousand words the cache
// is far larger than the processor's caches: a string-keyed map costs a
// miss for the map's slot, another for the key's bytes (the comparison)
// and a third for the stem's. A word of less than shortLen bytes (nearly
// every word) is looked up by its bytes held in the slot itself, and a
// stem that begins the word (most of them: "running" -> "run") is kept
// as its length, so that the lookup reads the slot and the word in hand
// only. Longer words keep a string-keyed map.
type stemCache struct {
	short map[shortWord]shortStem
	long  map[string][]byte
}

// shortLen is the size of a shortWord: its bytes, then its length.
const shortLen = 16

// shortWord is a word of less than shortLen bytes, zero-padded, its
// length in the last byte (so that a word ending in NUL bytes does not
// meet a shorter one).
type shortWord [shortLen]byte

// shortStem is the cache's entry of a short word: its stem is the word's
// first n bytes if n >= 0, else stem (nil: a stop word).
type shortStem struct {
	n    int32
	stem []byte
}

func newStemCache() stemCache {
	return stemCache{short: map[shortWord]shortStem{}, long: map[string][]byte{}}
}

// shortOf returns w as a shortWord, or false if it is too long.
func shortOf(w []byte) (k shortWord, ok bool) {
	if len(w) >= shortLen {
		return k, false
	}
	copy(k[:], w)
	k[shortLen-1] = byte(len(w))
	return k, true
}

// len returns the number of words in c.
func (c *stemCache) len() int { return len(c.short) + len(c.long) }

// get returns the stem of w (nil: a stop word) and whether w is in c.
// A stem may be w's own bytes (a prefix of them).
func (c *stemCache) get(w []byte) ([]byte, bool) {
	k, ok := shortOf(w)
	if !ok {
		stem, ok := c.long[string(w)]
		return stem, ok
	}
	e, ok := c.short[k]
	if !ok {
		return nil, false
	}
	if e.n >= 0 {
		return w[:e.n:e.n], true
	}
	return e.stem, true
}

// put records that stem is the stem of w (nil: a stop word).
func (c *stemCache) put(w, stem []byte) {
	k, ok := shortOf(w)
	switch {
	case !ok:
		c.long[string(w)] = stem
	case stem != nil && bytes.HasPrefix(w, stem):
		c.short[k] = shortStem{n: int32(len(stem))}
	default:
		c.short[k] = shortStem{n: -1, stem: stem}
	}
}
