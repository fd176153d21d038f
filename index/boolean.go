package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
)

// The operators people type between the terms of a query, as in Media
// Cloud, GDELT or a library catalogue: upper case only, so that "and" and
// "or" stay words. Parentheses group terms, and a field name before a group
// ("title:(a OR b)") applies to each term in it.
const (
	opAnd = "AND"
	opOr  = "OR"
	opNot = "NOT"
)

// hasOperators reports whether qs uses AND, OR, NOT or parentheses outside
// quotes, and so needs parseBool rather than bleve's parser alone.
func hasOperators(qs string) bool {
	toks, err := lexBool(qs)
	if err != nil {
		return true // let parseBool report it
	}
	for _, t := range toks {
		if t.kind != tokTerm {
			return true
		}
	}
	return false
}

// Kinds of boolean query tokens.
const (
	tokTerm  = iota // a term of bleve's syntax: word, "phrase", field:value, +x, -x
	tokOpen         // "(", or "+(", "-(", "field:(" (prefix in text)
	tokClose        // ")"
	tokAnd
	tokOr
	tokNot
)

// boolToken is one token of a boolean query; pos is its character offset
// (from 1) for error messages.
type boolToken struct {
	kind int
	text string
	pos  int
}

// lexBool splits qs into terms, operators and parentheses. Quotes,
// /regexps/ and backslash escapes are kept inside their term.
func lexBool(qs string) ([]boolToken, error) {
	var toks []boolToken
	i := 0
	for i < len(qs) {
		r, size := utf8.DecodeRuneInString(qs[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
			continue
		case r == '(':
			toks = append(toks, boolToken{tokOpen, "", column(qs, i)})
			i++
			continue
		case r == ')':
			toks = append(toks, boolToken{tokClose, "", column(qs, i)})
			i++
			continue
		}
		start := i
		end, err := termEnd(qs, i)
		if err != nil {
			return nil, err
		}
		text := qs[start:end]
		i = end
		if i < len(qs) && qs[i] == '(' && isGroupPrefix(text) {
			toks = append(toks, boolToken{tokOpen, text, column(qs, start)})
			i++
			continue
		}
		kind := tokTerm
		switch text {
		case opAnd, "&&":
			kind = tokAnd
		case opOr, "||":
			kind = tokOr
		case opNot:
			kind = tokNot
		}
		toks = append(toks, boolToken{kind, text, column(qs, start)})
	}
	return toks, nil
}

// termEnd returns the end of the term starting at qs[i]: the next space or
// parenthesis outside quotes, a /regexp/ or an escape.
func termEnd(qs string, i int) (int, error) {
	start := i
	inQuote, inRegexp := false, false
	for i < len(qs) {
		r, size := utf8.DecodeRuneInString(qs[i:])
		switch {
		case r == '\\':
			if i+size == len(qs) {
				return 0, badQuery("the \\ at character %d escapes nothing (write \\\\ to search for a backslash)", column(qs, i))
			}
			i += size
			_, size = utf8.DecodeRuneInString(qs[i:])
		case r == '"' && !inRegexp:
			inQuote = !inQuote
		case r == '/' && !inQuote && (inRegexp || atValueStart(qs[start:i])):
			inRegexp = !inRegexp
		case !inQuote && !inRegexp && (unicode.IsSpace(r) || r == '(' || r == ')'):
			return i, nil
		}
		i += size
	}
	if inQuote {
		return 0, badQuery("unterminated quote: the \" at character %d is never closed", column(qs, strings.LastIndexByte(qs, '"')))
	}
	if inRegexp {
		return 0, badQuery("unterminated regexp: the / at character %d is never closed", column(qs, strings.LastIndexByte(qs, '/')))
	}
	return i, nil
}

// atValueStart reports whether a term's text so far is empty or only a
// prefix (+, -, field:), so that a "/" here opens a regexp.
func atValueStart(sofar string) bool {
	return sofar == "" || isGroupPrefix(sofar)
}

// isGroupPrefix reports whether text is "+", "-", "field:" or "+field:",
// which may come before a parenthesized group.
func isGroupPrefix(text string) bool {
	t := strings.TrimLeft(text, "+-")
	if len(text)-len(t) > 1 {
		return false
	}
	if t == "" {
		return text != ""
	}
	name, ok := strings.CutSuffix(t, ":")
	return ok && name != "" && !strings.ContainsAny(name, `:"\/`)
}

// column returns the character position (from 1) of byte offset i in s.
func column(s string, i int) int { return utf8.RuneCountInString(s[:max(i, 0)]) + 1 }

// boolParser parses the tokens of a boolean query:
//
//	or   = and { OR and }
//	and  = not { AND not }
//	not  = NOT not | seq
//	seq  = item { item }        (terms side by side, as bleve reads them)
//	item = term | prefix "(" or ")"
type boolParser struct {
	toks []boolToken
	i    int
	qs   string
}

// boolNode is a parsed boolean query.
type boolNode struct {
	op    int // tokTerm (a seq of items), tokAnd, tokOr, tokNot, tokOpen (a group)
	text  string
	kids  []*boolNode
	field string // for a group: the field its terms default to
	sign  byte   // for a group or term: '+', '-' or 0
}

func (p *boolParser) peek() *boolToken {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	return nil
}

func (p *boolParser) parseOr() (*boolNode, error) {
	return p.parseList(tokOr, p.parseAnd)
}

func (p *boolParser) parseAnd() (*boolNode, error) {
	return p.parseList(tokAnd, p.parseNot)
}

// parseList parses next { op next }.
func (p *boolParser) parseList(op int, next func() (*boolNode, error)) (*boolNode, error) {
	first, err := next()
	if err != nil {
		return nil, err
	}
	n := &boolNode{op: op, kids: []*boolNode{first}}
	for t := p.peek(); t != nil && (t.kind == op || (op == tokAnd && t.kind == tokNot)); t = p.peek() {
		if t.kind == tokNot {
			// "a NOT b" is "a AND NOT b".
			kid, err := p.parseNot()
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, kid)
			continue
		}
		p.i++
		if nt := p.peek(); nt == nil || nt.kind == tokClose || nt.kind == tokAnd || nt.kind == tokOr {
			return nil, badQuery("%s at character %d needs a term after it", t.text, t.pos)
		}
		kid, err := next()
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, kid)
	}
	if len(n.kids) == 1 {
		return first, nil
	}
	return n, nil
}

func (p *boolParser) parseNot() (*boolNode, error) {
	t := p.peek()
	if t != nil && t.kind == tokNot {
		p.i++
		if nt := p.peek(); nt == nil || nt.kind == tokClose || nt.kind == tokAnd || nt.kind == tokOr {
			return nil, badQuery("NOT at character %d needs a term after it", t.pos)
		}
		kid, err := p.parseNot()
		if err != nil {
			return nil, err
		}
		return &boolNode{op: tokNot, kids: []*boolNode{kid}}, nil
	}
	return p.parseSeq()
}

func (p *boolParser) parseSeq() (*boolNode, error) {
	n := &boolNode{op: tokTerm}
	for t := p.peek(); t != nil; t = p.peek() {
		switch t.kind {
		case tokTerm:
			p.i++
			n.kids = append(n.kids, &boolNode{op: tokTerm, text: t.text})
			continue
		case tokOpen:
			p.i++
			g, err := p.parseGroup(t)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, g)
			continue
		}
		break
	}
	if len(n.kids) == 0 {
		t := p.peek()
		switch {
		case t == nil:
			return nil, badQuery("the query ends where a term was expected")
		case t.kind == tokClose:
			return nil, badQuery("\")\" at character %d has no \"(\" before it", t.pos)
		default:
			return nil, badQuery("%s at character %d needs a term before it", t.text, t.pos)
		}
	}
	return n, nil
}

// parseGroup parses a parenthesized group after its opening token open.
func (p *boolParser) parseGroup(open *boolToken) (*boolNode, error) {
	if t := p.peek(); t != nil && t.kind == tokClose {
		return nil, badQuery("empty parentheses at character %d", t.pos)
	}
	if p.peek() == nil {
		return nil, badQuery("the \"(\" at character %d is never closed", open.pos+len([]rune(open.text)))
	}
	inner, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t == nil || t.kind != tokClose {
		return nil, badQuery("the \"(\" at character %d is never closed", open.pos+len([]rune(open.text)))
	}
	p.i++
	g := &boolNode{op: tokOpen, kids: []*boolNode{inner}}
	prefix := open.text
	if prefix != "" && (prefix[0] == '+' || prefix[0] == '-') {
		g.sign, prefix = prefix[0], prefix[1:]
	}
	g.field = strings.TrimSuffix(prefix, ":")
	return g, nil
}

// parseBool parses a query with operators or parentheses and rewrites it
// into the query to run.
func (rw *rewriter) parseBool(qs string) (query.Query, error) {
	toks, err := lexBool(qs)
	if err != nil {
		return nil, err
	}
	p := &boolParser{toks: toks, qs: qs}
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t != nil {
		// parseOr stops only at a ")" it did not open.
		return nil, badQuery("\")\" at character %d has no \"(\" before it", t.pos)
	}
	return rw.build(n, "", true)
}

// build turns a parsed node into a query; field is the field that terms
// without one default to, positive false under a NOT.
func (rw *rewriter) build(n *boolNode, field string, positive bool) (query.Query, error) {
	switch n.op {
	case tokOr:
		d := query.NewDisjunctionQuery(nil)
		for _, k := range n.kids {
			q, err := rw.build(k, field, positive)
			if err != nil {
				return nil, err
			}
			d.AddQuery(q)
		}
		return d, nil
	case tokAnd:
		var must, not []query.Query
		for _, k := range n.kids {
			if k.op == tokNot {
				q, err := rw.build(k.kids[0], field, !positive)
				if err != nil {
					return nil, err
				}
				not = append(not, q)
				continue
			}
			q, err := rw.build(k, field, positive)
			if err != nil {
				return nil, err
			}
			must = append(must, q)
		}
		return query.NewBooleanQuery(must, nil, not), nil
	case tokNot:
		q, err := rw.build(n.kids[0], field, !positive)
		if err != nil {
			return nil, err
		}
		return query.NewBooleanQuery(nil, nil, []query.Query{q}), nil
	case tokOpen:
		f := field
		if n.field != "" {
			f = n.field
		}
		return rw.build(n.kids[0], f, positive)
	}
	return rw.buildSeq(n, field, positive)
}

// buildSeq builds terms and groups side by side: +x must match, -x must
// not, the others should (bleve's query-string rules).
func (rw *rewriter) buildSeq(n *boolNode, field string, positive bool) (query.Query, error) {
	allTerms := true
	var texts []string
	for _, k := range n.kids {
		allTerms = allTerms && k.op == tokTerm
		texts = append(texts, withField(k.text, field))
	}
	if allTerms {
		return rw.parseTerms(strings.Join(texts, " "), positive)
	}
	var must, should, not []query.Query
	for _, k := range n.kids {
		sign := k.sign
		var q query.Query
		var err error
		if k.op == tokTerm {
			text := withField(k.text, field)
			if text != "" && (text[0] == '+' || text[0] == '-') {
				sign, text = text[0], text[1:]
			}
			q, err = rw.parseTerms(text, positive == (sign != '-'))
		} else {
			q, err = rw.build(k, field, positive == (sign != '-'))
		}
		if err != nil {
			return nil, err
		}
		switch sign {
		case '+':
			must = append(must, q)
		case '-':
			not = append(not, q)
		default:
			should = append(should, q)
		}
	}
	return query.NewBooleanQueryForQueryString(must, should, not), nil
}

// withField puts field before a term that names none ("a" -> "title:a",
// "+a" -> "+title:a").
func withField(term, field string) string {
	if field == "" || term == "" {
		return term
	}
	sign := ""
	if term[0] == '+' || term[0] == '-' {
		sign, term = term[:1], term[1:]
	}
	if hasFieldName(term) {
		return sign + term
	}
	return sign + field + ":" + term
}

// hasFieldName reports whether a term starts with "name:".
func hasFieldName(term string) bool {
	for i, r := range term {
		switch r {
		case ':':
			return i > 0
		case '"', '/', '\\', ' ':
			return false
		}
	}
	return false
}

// checkValues reports a field name with nothing after it ("url:",
// "title: x"), which bleve's parser rejects as a bare "syntax error",
// naming where it is. A lone "-" stays a dash pasted from a title.
func checkValues(qs string) error {
	toks, err := lexBool(qs)
	if err != nil {
		return err
	}
	for _, t := range toks {
		if t.kind == tokTerm && isGroupPrefix(t.text) && strings.HasSuffix(t.text, ":") {
			return badQuery("%s at character %d needs a value after it, with no space (e.g. %sword)", showTerm(t.text), t.pos, showTerm(t.text))
		}
		if t.kind == tokTerm && colonInValue(t.text) {
			return badQuery(`%s at character %d: a ":" inside a value must be escaped (\:) or the value quoted (url:"https://example.com/a")`, showTerm(t.text), t.pos)
		}
		if p, at, ok := emptyPhrase(t); ok {
			return badQuery("empty phrase %s at character %d: put words between the quotes", showTerm(p), t.pos+at)
		}
	}
	return nil
}

// emptyPhrase reports a term whose value is a quoted phrase without a word
// in it (`""`, `title:""`, `+"  "~2`), which bleve would search for nothing
// and so find nothing. It returns the phrase as typed and the character
// offset of its opening quote in the term.
func emptyPhrase(t boolToken) (string, int, bool) {
	if t.kind != tokTerm {
		return "", 0, false
	}
	v := strings.TrimLeft(t.text, "+-")
	if f, rest, ok := strings.Cut(v, ":"); ok && f != "" && !strings.ContainsAny(f, `"/\`) {
		v = rest
	}
	if !strings.HasPrefix(v, `"`) {
		return "", 0, false
	}
	end := strings.IndexByte(v[1:], '"')
	if end < 0 || strings.TrimSpace(v[1:1+end]) != "" {
		return "", 0, false
	}
	return v[:end+2], utf8.RuneCountInString(t.text) - utf8.RuneCountInString(v), true
}

// dropLoneSigns blanks each "+" or "-" that stands alone, with a space
// (or the end) after it: a headline's dash pasted into a query ("Brexit -
// what next"), which bleve's parser would otherwise apply to the next
// word, excluding it ("-what") or requiring it. A sign before a word or a
// parenthesis ("-fire", "-(a OR b)") is kept. A query made only of signs
// is returned as it is, for the parser to reject.
func dropLoneSigns(qs string) string {
	var b strings.Builder
	for i := 0; i < len(qs); {
		r, size := utf8.DecodeRuneInString(qs[i:])
		if unicode.IsSpace(r) || r == '(' || r == ')' {
			b.WriteString(qs[i : i+size])
			i += size
			continue
		}
		end, err := termEnd(qs, i)
		if err != nil {
			return qs // the parser reports it
		}
		t := qs[i:end]
		if (t == "+" || t == "-") && (end == len(qs) || qs[end] != '(') {
			t = " " // a space, so that characters keep their positions in messages
		}
		b.WriteString(t)
		i = end
	}
	if strings.TrimSpace(b.String()) == "" {
		return qs
	}
	return b.String()
}

// colonInValue reports a term with a ":" in its value, outside quotes,
// regexps and escapes (url:https://x, 3:1, a:b:c), which bleve's parser
// rejects as a bare "syntax error".
func colonInValue(text string) bool {
	colons, inQuote, inRegexp := 0, false, false
	v := strings.TrimLeft(text, "+-")
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\':
			i++
		case c == '"' && !inRegexp:
			inQuote = !inQuote
		case c == '/' && !inQuote && (inRegexp || atValueStart(v[:i])):
			inRegexp = !inRegexp
		case c == ':' && !inQuote && !inRegexp:
			colons++
			if colons == 1 && strings.Trim(v[:i], "0123456789") == "" {
				return true // a number is no field name
			}
		}
	}
	return colons > 1
}
