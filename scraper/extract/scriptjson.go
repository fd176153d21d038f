package extract

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonFrame is one open object or array of the JSON walk.
type jsonFrame struct {
	key    string // the member name the object or array is the value of
	obj    bool
	skip   bool // inside a member named like a dictionary or a setting
	start  int  // len(dp.parts) when it opened
	strs   int  // string members
	labels int  // string members that read as an interface label
	titled bool // holds the page's title, or a part too small to be the page
	story  bool // holds a string of a story's length (storyBytes)
}

// storyBytes is the length of a string member that makes its object a
// record of content, not an interface dictionary, whatever its other
// members (a story's body beside its title, caption, credit, kicker ...).
const storyBytes = 400

// maxDataDepth bounds the nesting of data read: a hostile page of a
// million "[" would cost a frame each.
const maxDataDepth = 1000

// jsonData reads the string values of one JSON text, within the page's
// byte budget. A scan by hand, not a decoder: it costs one pass over the
// bytes and stands truncated or slightly broken input.
func (dp *dataProse) jsonData(src string) {
	if dp.bytes >= maxDataBytes {
		return
	}
	if len(src) > maxDataBytes-dp.bytes {
		src = src[:maxDataBytes-dp.bytes]
	}
	dp.bytes += len(src)
	var stack []jsonFrame
	key := ""
	for i := 0; i < len(src) && len(dp.parts) < maxDataParts; i++ {
		switch c := src[i]; c {
		case '{', '[':
			if len(stack) >= maxDataDepth {
				return // hostile nesting: a frame a level would cost memory
			}
			skip := skipSubtree(key) || len(stack) > 0 && stack[len(stack)-1].skip
			stack = append(stack, jsonFrame{key: key, obj: c == '{', skip: skip, start: len(dp.parts)})
			key = ""
		case '}', ']':
			if len(stack) == 0 {
				continue
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if f.obj && isDictionary(f) && len(dp.parts) > f.start {
				dp.parts = dp.parts[:f.start]
			}
			if f.titled && dp.anchorEnd == 0 {
				dp.closeTitled(f, stack)
			}
			key = ""
		case ',':
			key = ""
		case '"':
			end := stringEnd(src, i+1)
			if end == i { // the text ends on an opening quote (cut at the budget)
				return
			}
			raw := src[i : end+1]
			i = end
			if k := skipSpace(src, end+1); k < len(src) && src[k] == ':' {
				key, i = jsonString(raw), k
				continue
			}
			dp.jsonValue(raw, key, stack)
		}
	}
}

// jsonValue handles one string value found under key, still quoted
// (raw), in the innermost frame of stack. Only a string that may be a
// title, a reference or prose is decoded.
func (dp *dataProse) jsonValue(raw, key string, stack []jsonFrame) {
	var f *jsonFrame
	if len(stack) > 0 {
		f = &stack[len(stack)-1]
		f.strs++
		if labelLike(raw[1 : len(raw)-1]) {
			f.labels++
		}
		if len(raw) >= storyBytes && mayBeProse(raw) {
			f.story = true
		}
		if !f.obj {
			key = f.key
		}
		if f.skip {
			return
		}
	}
	if !titleKey(key) && !strings.HasPrefix(raw, `"$`) && !mayBeProse(raw) {
		return
	}
	str := jsonString(raw)
	if len(str) > 1 && str[0] == '$' && dp.flightTexts != nil {
		if text, ok := dp.flightTexts[str[1:]]; ok {
			str = text
		}
	}
	dp.metaValue(str, key)
	if f != nil && f.obj && titleKey(key) && dp.isPageTitle(str) {
		f.titled = true
	}
	if skipValue(key) {
		return
	}
	if len(str) >= minDataBlock && (str[0] == '{' || str[0] == '[') {
		dp.jsonData(str) // JSON inside a string
		return
	}
	dp.add(str)
}

// metaValue keeps the first title and description the data gives.
func (dp *dataProse) metaValue(str, key string) {
	switch strings.ToLower(key) {
	case "title", "headline":
		if dp.title == "" && len(str) <= 300 && strings.Contains(str, " ") && !strings.Contains(str, "<") {
			dp.title = strings.TrimSpace(str)
		}
	case "description", "excerpt", "summary":
		if dp.desc == "" && len(str) <= 1000 && isProse(str) {
			dp.desc = strings.TrimSpace(str)
		}
	}
}

// closeTitled handles the end of a frame f that holds the page's title:
// the first one whose prose makes a page is the page's record; one too
// small (a record's metadata beside its body) hands the mark to its
// parent.
func (dp *dataProse) closeTitled(f jsonFrame, stack []jsonFrame) {
	words := 0
	for _, p := range dp.parts[min(f.start, len(dp.parts)):] {
		words += countWords(p.norm)
	}
	switch {
	case words >= minDataWords:
		dp.anchorStart, dp.anchorEnd = f.start, len(dp.parts)
	case len(stack) > 0:
		stack[len(stack)-1].titled = true
	}
}

// titleKey reports whether a member named key gives a record's title
// (children: the text of an element in a streamed-rendering tree).
func titleKey(key string) bool {
	switch strings.ToLower(key) {
	case "title", "headline", "name", "subject", "heading", "children":
		return true
	}
	return false
}

// isPageTitle reports whether s is the page's title, or the part of it
// before the site's name.
func (dp *dataProse) isPageTitle(s string) bool {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if t == "" {
		return false
	}
	for _, pt := range dp.pageTitles {
		if t == pt || countWords(t) >= 3 && strings.HasPrefix(pt, t) {
			return true
		}
	}
	return false
}

// stringEnd returns the index of the quote closing the JSON string that
// starts at i (after its opening quote), or the last index of s.
func stringEnd(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(s) - 1
}

// jsonString decodes a quoted JSON string; a broken one comes back raw.
func jsonString(q string) string {
	if len(q) < 2 {
		return ""
	}
	if !strings.ContainsRune(q, '\\') {
		return q[1 : len(q)-1]
	}
	var b strings.Builder
	b.Grow(len(q))
	for i := 1; i < len(q)-1; i++ {
		c := q[i]
		if c != '\\' || i+1 >= len(q)-1 {
			b.WriteByte(c)
			continue
		}
		i++
		switch c = q[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 't', 'r', 'b', 'f':
			b.WriteByte(' ')
		case 'u':
			r, n := jsonRune(q[i+1 : len(q)-1])
			b.WriteRune(r)
			i += n
		default: // " \ / and the unknown
			b.WriteByte(c)
		}
	}
	return b.String()
}

// jsonRune decodes the hex digits of a \u escape at the start of s, and a
// low surrogate's escape after a high one, returning the rune and the
// bytes read.
func jsonRune(s string) (rune, int) {
	if len(s) < 4 {
		return utf8.RuneError, len(s)
	}
	v, err := strconv.ParseUint(s[:4], 16, 32)
	if err != nil {
		return utf8.RuneError, 0
	}
	r := rune(v)
	if utf16.IsSurrogate(r) && len(s) >= 10 && s[4] == '\\' && s[5] == 'u' {
		if lo, err := strconv.ParseUint(s[6:10], 16, 32); err == nil {
			return utf16.DecodeRune(r, rune(lo)), 10
		}
	}
	return r, 4
}

// mayBeProse reports whether a quoted JSON string may hold prose or JSON
// of its own: long enough, with a space or text outside ASCII (scripts
// written without spaces), or opening an object or array.
func mayBeProse(raw string) bool {
	if len(raw) < 42 {
		return false
	}
	if raw[1] == '{' || raw[1] == '[' || strings.IndexByte(raw, ' ') >= 0 || strings.Contains(raw, `\u`) {
		return true
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] >= 0x80 {
			return true
		}
	}
	return false
}

// skipSpace returns the index of the first byte from i that is not JSON
// white space.
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
		i++
	}
	return i
}

// skipSubtree reports whether a member named key holds a dictionary of
// interface strings or settings rather than the page's content.
func skipSubtree(key string) bool {
	k := strings.ToLower(key)
	for _, w := range []string{"i18n", "l10n", "translation", "locale", "intl", "dictionary", "config", "settings", "labels"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// skipValue reports whether a value named key is an address, a style or
// an identifier rather than text.
func skipValue(key string) bool {
	k := strings.ToLower(key)
	for _, w := range []string{"url", "href", "src", "class", "style", "css", "script", "token", "hash"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return strings.Contains(key, ".") || k == "id" || k == "slug" || k == "path" || k == "icon"
}

// isDictionary reports whether an object is a table of interface
// strings (an i18n dictionary): ten string members or more, nearly all
// labels (sentences of a cookie notice count as labels), where a record
// of content has addresses, dates and ids beside its text, or a story's
// body.
func isDictionary(f jsonFrame) bool {
	return f.strs >= 10 && f.labels*5 >= f.strs*4 && !f.story
}

// labelLike reports whether s reads as an interface label or message: a
// capitalised word or words with a space, not an address.
func labelLike(s string) bool {
	if s == "" || strings.Contains(s, "://") || strings.HasPrefix(s, "/") {
		return false
	}
	if strings.Contains(strings.TrimSpace(s), " ") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) && !strings.ContainsAny(s, "0123456789_-")
}

// add keeps s when it is prose not seen before, as text or as an HTML
// fragment.
func (dp *dataProse) add(s string) {
	s = strings.TrimSpace(s)
	if len(s) < 40 {
		return
	}
	text, isHTML := s, looksHTML(s)
	if isHTML {
		text = fragmentText(s)
	}
	if !isProse(text) {
		return
	}
	norm := strings.Join(strings.Fields(text), " ")
	if dp.seen[norm] {
		return
	}
	dp.seen[norm] = true
	if dp.replacesPrefix(norm, s, isHTML) {
		return
	}
	dp.parts = append(dp.parts, dataPart{s: s, isHTML: isHTML, norm: norm})
}

// replacesPrefix handles a string that starts like one of the last few
// kept (an excerpt and its full text): the longer one is kept, in the
// place of the first. It reports whether s was handled.
func (dp *dataProse) replacesPrefix(norm, s string, isHTML bool) bool {
	for i := len(dp.parts) - 1; i >= 0 && i >= len(dp.parts)-20; i-- {
		p := &dp.parts[i]
		short, long := trimEllipsis(p.norm), norm
		if len(short) > len(long) {
			short, long = trimEllipsis(norm), p.norm
		}
		if !strings.HasPrefix(long, short) {
			continue
		}
		if len(norm) > len(p.norm) {
			p.s, p.isHTML, p.norm = s, isHTML, norm
		}
		return true
	}
	return false
}

// trimEllipsis removes a trailing ellipsis that marks a cut text.
func trimEllipsis(s string) string {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "…"), "...")
	return strings.TrimSpace(s)
}

// looksHTML reports whether s is markup: it holds a tag.
func looksHTML(s string) bool {
	i := strings.IndexByte(s, '<')
	return i >= 0 && i+1 < len(s) && (s[i+1] >= 'a' && s[i+1] <= 'z' || s[i+1] == '/') && strings.IndexByte(s[i:], '>') > 0
}

// isProse reports whether text reads as sentences: ten words or more,
// mostly letters, with sentence punctuation, not addresses or code.
func isProse(text string) bool {
	words := countWords(text)
	if words < 10 || strings.Count(text, "://")*8 > words {
		return false
	}
	if strings.Contains(text, "function(") || strings.Contains(text, "=>") {
		return false
	}
	letters, marks, other := 0, 0, 0
	for _, r := range text {
		switch {
		case unicode.IsLetter(r):
			letters++
		case strings.ContainsRune("{}<>;=|\\", r):
			marks++
		case !unicode.IsSpace(r):
			other++
		}
	}
	if marks*50 > letters+marks+other || letters*3 < (letters+marks+other)*2 {
		return false
	}
	return hasSentenceEnd(text)
}

// hasSentenceEnd reports whether text has a sentence's end mark followed
// by a space or the end.
func hasSentenceEnd(text string) bool {
	for i, r := range text {
		if strings.ContainsRune(".!?。！？", r) {
			rest := text[i+len(string(r)):]
			if rest == "" || rest[0] == ' ' || rest[0] == '\n' || r > 0x3000 {
				return true
			}
		}
	}
	return false
}
