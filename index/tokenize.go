package index

import (
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/segment"
)

// wordTokenizer splits text exactly as bleve's unicode tokenizer does
// (the word segmentation of UAX #29, as blevesearch/segment's scanner
// implements it), faster: bleve's calls the scanner once per segment,
// with two allocations each, and the scanner walks a large automaton
// byte by byte. Here the text is cut at the ASCII bytes that always end
// a segment and that nothing after can join (clsSep); a chunk between
// two of them that is all ASCII is split by the scanner's rules for
// ASCII, written out (asciiWords), and any other chunk is given to the
// scanner, with the byte before it for context (scan.words). Text
// that is not valid UTF-8 goes to bleve's tokenizer whole. A test
// compares the two token for token (TestWordTokenizerMatchesBleve,
// FuzzWordTokenizer).
type wordTokenizer struct {
	bleve analysis.Tokenizer // the unicode tokenizer, for what the fast path does not take
}

// fastTokens returns analyzer a with wordTokenizer in place of bleve's
// unicode tokenizer, or a itself if it has another tokenizer. Only the
// documents' analysis uses it: the mapping, and so every query, keeps
// bleve's, which gives the same tokens.
func fastTokens(a analysis.Analyzer) analysis.Analyzer {
	da, ok := a.(*analysis.DefaultAnalyzer)
	if !ok {
		return a
	}
	if _, ok := da.Tokenizer.(*unicode.UnicodeTokenizer); !ok {
		return a
	}
	fast := *da
	fast.Tokenizer = wordTokenizer{bleve: da.Tokenizer}
	return &fast
}

// Character classes of ASCII bytes for the word segmentation
// (blevesearch/segment's ragel/uwb.rl, Unicode 8.0).
const (
	clsSep    = iota // every other ASCII byte: Other, CR, LF, Newline
	clsLetter        // ALetter: A-Z, a-z
	clsDigit         // Numeric: 0-9
	clsUnder         // ExtendNumLet: _
	clsMidL          // MidLetter: ':'
	clsMidLN         // MidNumLet and Single_Quote: '.', '\''
	clsMidN          // MidNum: ',', ';'
	clsQuote         // Double_Quote: '"' (joins Hebrew letters only)
	clsHigh          // not ASCII
)

// asciiClass is the class of each byte.
var asciiClass = func() (t [256]uint8) {
	for c := 0x80; c < 0x100; c++ {
		t[c] = clsHigh
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = clsLetter, clsLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = clsDigit
	}
	t['_'], t[':'], t['.'], t['\''], t[','], t[';'], t['"'] = clsUnder, clsMidL, clsMidLN, clsMidLN, clsMidN, clsMidN, clsQuote
	return t
}()

// Tokenize returns the tokens of input, as the unicode tokenizer does.
func (t wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks, ok := splitWords(input)
	if !ok {
		return t.bleve.Tokenize(input)
	}
	stream := make(analysis.TokenStream, len(toks))
	for k := range toks {
		toks[k].Position = k + 1
		stream[k] = &toks[k]
	}
	return stream
}

// splitWords returns the tokens of input, without their positions, or
// false if input is not valid UTF-8 or the scanner failed on a chunk
// (which it does not on valid UTF-8: a test checks that the fast path
// takes every valid text, since bleve's tokens would hide its failure).
func splitWords(input []byte) ([]analysis.Token, bool) {
	if !utf8.Valid(input) {
		return nil, false
	}
	toks := make([]analysis.Token, 0, len(input)/4+4) // English: 4.7 bytes a token
	var sc scan
	for i := 0; i < len(input); {
		if asciiClass[input[i]] == clsSep {
			i++
			continue
		}
		j, ascii := i, true
		for j < len(input) && asciiClass[input[j]] != clsSep {
			ascii = ascii && input[j] < utf8.RuneSelf
			j++
		}
		if ascii {
			toks = asciiWords(toks, input, i, j)
		} else {
			var ok bool
			if toks, ok = sc.words(toks, input, i, j); !ok {
				return nil, false
			}
		}
		i = j
	}
	return toks, true
}

// asciiWords appends the words of input[i:j], ASCII bytes none of them a
// separator: runs of letters, digits and underscores, in which a single
// ':', '.' or apostrophe between two letters, or a single '.',
// apostrophe, ',' or ';' between two digits, is part of the word (the
// rules WB5-WB13b). A word of digits (and underscores, and the marks
// between digits) is numeric.
func asciiWords(toks []analysis.Token, input []byte, i, j int) []analysis.Token {
	for p := i; p < j; {
		if c := asciiClass[input[p]]; c != clsLetter && c != clsDigit && c != clsUnder {
			p++
			continue
		}
		start, letters, digits := p, false, false
	word:
		for ; p < j; p++ {
			switch c := asciiClass[input[p]]; {
			case c == clsLetter:
				letters = true
			case c == clsDigit:
				digits = true
			case c == clsUnder:
			case p+1 < j && joins(asciiClass[input[p-1]], c, asciiClass[input[p+1]]):
			default:
				break word
			}
		}
		typ := analysis.AlphaNumeric
		if digits && !letters {
			typ = analysis.Numeric
		}
		toks = append(toks, analysis.Token{Term: input[start:p], Start: start, End: p, Type: typ})
	}
	return toks
}

// joins reports whether a mark of class mid between bytes of classes
// before and after is part of a word.
func joins(before, mid, after uint8) bool {
	if before != after {
		return false
	}
	switch before {
	case clsLetter:
		return mid == clsMidL || mid == clsMidLN
	case clsDigit:
		return mid == clsMidN || mid == clsMidLN
	}
	return false
}

// scan holds the segments of blevesearch/segment's scanner, reused from
// one chunk to the next (the scanner makes room for a thousand when given
// none).
type scan struct {
	segs  [][]byte
	types []int
}

// words appends the words the scanner finds in input[i:j], scanning from
// the separator before i if there is one (a combining mark after it
// belongs to it). It reports false if the scanner fails, which it does
// not on valid UTF-8.
func (sc *scan) words(toks []analysis.Token, input []byte, i, j int) ([]analysis.Token, bool) {
	from := i
	if from > 0 {
		from--
	}
	sc.room(input[from:j])
	segs, types, n, err := segment.SegmentWordsDirect(input[from:j], sc.segs[:0], sc.types[:0])
	sc.segs, sc.types = segs, types
	if err != nil || n != j-from {
		return toks, false
	}
	toks = slices.Grow(toks, len(segs))
	start := from
	for k, s := range segs {
		end := start + len(s)
		if types[k] != segment.None {
			toks = append(toks, analysis.Token{Term: s, Start: start, End: end, Type: tokenType(types[k])})
		}
		start = end
	}
	return toks, true
}

// room makes room in sc for the segments of chunk at once, one per three
// bytes (a segment a character in Chinese, Japanese or Thai, whose
// paragraphs have no ASCII space and come whole): the scanner's appends
// grow a long slice by a quarter at a time, and copied the segments of
// such a chunk over and over. (One per rune would be exact for them, and
// twice the room for one long word of two-byte letters.)
func (sc *scan) room(chunk []byte) {
	if n := len(chunk)/3 + 16; n > cap(sc.segs) {
		sc.segs, sc.types = make([][]byte, 0, n), make([]int, 0, n)
	}
}

// tokenType is the unicode tokenizer's type of a segment's type.
func tokenType(t int) analysis.TokenType {
	switch t {
	case segment.Ideo, segment.Kana:
		return analysis.Ideographic
	case segment.Number:
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}
