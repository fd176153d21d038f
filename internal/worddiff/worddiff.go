// Package worddiff compares two versions of a text word by word, and
// paragraph by paragraph for texts whose paragraphs are separated by blank
// lines (an article's text).
package worddiff

import (
	"strings"
	"unicode"
)

// Edit operations.
const (
	Equal  = "="
	Delete = "-"
	Insert = "+"
)

// Edit is one piece of a comparison: text both versions have (Equal),
// text only the old one has (Delete), or only the new one (Insert).
type Edit struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// Hunk is a run of changed paragraphs and their word-level edits.
type Hunk struct {
	// Paragraph is where the run starts in the new text, counted from 1
	// (for a run that only deletes, the paragraph that follows it there).
	Paragraph int    `json:"paragraph"`
	Edits     []Edit `json:"edits"`
}

// maxCells bounds the comparison table (len(a) * len(b) tokens left once
// the common start and end are set aside): beyond it, the middle is
// reported as deleted and inserted whole rather than compared.
const maxCells = 4 << 20

// Words returns the edits that turn a into b. Tokens are runs of letters,
// digits and punctuation, runs of white space, and single CJK characters
// (scripts written without spaces). Changed words separated only by white
// space come out as one deletion and one insertion.
func Words(a, b string) []Edit {
	return merge(script(tokens(a), tokens(b)))
}

// Paragraphs compares texts whose paragraphs are separated by blank lines,
// and returns each run of changed paragraphs with its word-level edits
// (unchanged paragraphs are left out).
func Paragraphs(a, b string) []Hunk {
	pa, pb := paragraphs(a), paragraphs(b)
	var hunks []Hunk
	var del, ins []string
	at, inB := 0, 0
	flush := func() {
		if len(del)+len(ins) > 0 {
			hunks = append(hunks, Hunk{Paragraph: at + 1, Edits: Words(strings.Join(del, "\n\n"), strings.Join(ins, "\n\n"))})
		}
		del, ins = nil, nil
	}
	for _, e := range script(pa, pb) {
		switch e.Op {
		case Equal:
			flush()
			inB++
			continue
		case Delete:
			del = append(del, e.Text)
		case Insert:
			ins = append(ins, e.Text)
		}
		if len(del)+len(ins) == 1 {
			at = inB
		}
		if e.Op == Insert {
			inB++
		}
	}
	flush()
	return hunks
}

func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// tokens splits s into words (runs of letters, digits and punctuation)
// and single CJK characters, each with the white space that follows it.
func tokens(s string) []string {
	var out []string
	start, inSpace := 0, false
	for i, r := range s {
		space := unicode.IsSpace(r)
		switch {
		case i == start:
		case inSpace && !space, cjk(r) && !space:
			out = append(out, s[start:i])
			start = i
		}
		inSpace = space
		if cjk(r) {
			inSpace = true // what follows a CJK character starts a token
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func cjk(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai)
}

// script returns the edits that turn a into b, one per token, from a
// longest common subsequence of the tokens without their white space (an
// equal token's text is b's).
func script(a, b []string) []Edit {
	var pre, post []Edit
	for len(a) > 0 && len(b) > 0 && same(a[0], b[0]) {
		pre = append(pre, Edit{Equal, b[0]})
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && same(a[len(a)-1], b[len(b)-1]) {
		post = append(post, Edit{Equal, b[len(b)-1]})
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	out := append(pre, middle(a, b)...)
	for i := len(post) - 1; i >= 0; i-- {
		out = append(out, post[i])
	}
	return out
}

func same(a, b string) bool {
	return strings.TrimRightFunc(a, unicode.IsSpace) == strings.TrimRightFunc(b, unicode.IsSpace)
}

// middle is script for a and b that share no first or last token.
func middle(a, b []string) []Edit {
	n, m := len(a), len(b)
	var out []Edit
	if n == 0 || m == 0 || n*m > maxCells {
		for _, t := range a {
			out = append(out, Edit{Delete, t})
		}
		for _, t := range b {
			out = append(out, Edit{Insert, t})
		}
		return out
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:]
	// and b[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if same(a[i], b[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case same(a[i], b[j]):
			out = append(out, Edit{Equal, b[j]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, Edit{Delete, a[i]})
			i++
		default:
			out = append(out, Edit{Insert, b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, Edit{Delete, a[i]})
	}
	for ; j < m; j++ {
		out = append(out, Edit{Insert, b[j]})
	}
	return out
}

// merge joins a token script into runs: consecutive equal tokens into one
// edit, and each stretch of changes into one deletion followed by one
// insertion. White space that ends both is moved out of them.
func merge(s []Edit) []Edit {
	var out []Edit
	for i := 0; i < len(s); {
		j := i
		var del, ins, eq strings.Builder
		for ; j < len(s) && (s[j].Op == Equal) == (s[i].Op == Equal); j++ {
			switch s[j].Op {
			case Equal:
				eq.WriteString(s[j].Text)
			case Delete:
				del.WriteString(s[j].Text)
			case Insert:
				ins.WriteString(s[j].Text)
			}
		}
		i = j
		if eq.Len() > 0 {
			out = append(out, Edit{Equal, eq.String()})
			continue
		}
		d, n := del.String(), ins.String()
		dt, nt := strings.TrimRightFunc(d, unicode.IsSpace), strings.TrimRightFunc(n, unicode.IsSpace)
		tail := ""
		if d != "" && n != "" && d[len(dt):] == n[len(nt):] {
			d, n, tail = dt, nt, d[len(dt):]
		}
		if d != "" {
			out = append(out, Edit{Delete, d})
		}
		if n != "" {
			out = append(out, Edit{Insert, n})
		}
		if tail != "" {
			if i < len(s) {
				s[i].Text = tail + s[i].Text // the next run is equal
			} else {
				out = append(out, Edit{Equal, tail})
			}
		}
	}
	return out
}
