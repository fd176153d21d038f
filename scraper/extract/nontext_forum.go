package extract

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cardLabels are the labels of a forum poster's card and of a thread's
// header, lower case without the colon: "Joined: Mar 2016", "Posts:
// 701", "Likes Received:", "Location: WA", "Last edited: Jul 9, 2022".
var cardLabels = map[string]bool{
	"joined": true, "join date": true, "registered": true, "member since": true, "last edited": true,
	"posts": true, "messages": true, "total posts": true, "post count": true, "threads": true,
	"reaction score": true, "points": true, "trophy points": true, "likes received": true,
	"best answers": true, "solutions": true, "reputation": true, "karma": true, "credits": true,
	"thanks": true, "thanked": true, "location": true, "from": true, "status": true, "gender": true,
	"age": true, "country": true, "occupation": true, "rep": true,
}

// postCardWords are whole lines of a forum page that label a post or its
// poster rather than say anything: a role without a name, the markers of
// the opening post, a closed quote's label, presence.
var postCardWords = map[string]bool{
	"status": true, "attachments": true, "attachment": true, "author": true, "member": true, "guest": true,
	"op": true, "recommended posts": true, "original post": true, "scroll to see replies": true, "quote": true,
	"online": true, "offline": true, "registered user": true, "new member": true, "advertisement": true,
	"not open for further replies": true,
}

// reCardLine matches other lines of a post's header, its poster's card
// or its footer by their form: the post's number ("#12", "Reply 3",
// "Post #4"), a thread header's starter and start date (a name or a
// date: five words at most after the label, so that a poster's "Thread
// starter here, ..." or "Ersteller hier, ..." stays), an
// advertisement's label, an avatar's initial before presence ("N
// Offline"), a member's rank after a name or alone ("ann Senior
// Member", "10+ Year Member"), an attachment's size and downloads, "View
// attachment 123", who liked the post ("A, B and 2 others like this."), a template left
// unrendered ("{{ errors[12].message }}"), a poster's count alone on its
// line ("1,076 posts", "155 helpful votes", "8.2k reputation"), a Q&A
// site's reputation and badge counts run together ("59.6k44 gold
// badges151 silver badges"), a Q&A post's or comment's stamp led by what
// was done ("asked Oct 16, 2010 at 21:58", "Commented May 1, 2017 at
// 13:17", "edited 3 hours ago": Q&A references leave them out, while a
// board's "Posted March 19, 2024 at 9:05 pm" stays), a comment's signature (a dash
// before the commenter's name of four words at most: "– Decio Lira"), or
// the link that unfolds a post's folded comments ("| Show 12 more
// comments").
var reCardLine = lazyRE(`(?i)^(?:#\d+|(?:asked|answered|edited|commented|modified) (?:on )?(?:[a-z]{3,9}\.? \d{1,2}(?:, ?\d{4})?|\d{1,2} [a-z]{3,9}\.?(?: \d{4})?|\d{4}-\d\d-\d\d|yesterday|today|\d+ (?:secs?|mins?|minutes?|hours?|days?|weeks?|months?|years?) ago)(?:,? at \d{1,2}:\d\d(?::\d\d)?(?: ?[ap]m)?)?|[–—] ?[^\s.!?,;:]+(?: [^\s.!?,;:]+){0,3}|(?:\|\s*)?show \d+ more (?:comments?|replies)|(?:reply|post) #?\d+|(?:thread starter|start date|` + threadHeadIntl + `)(?:\s+\S+){1,5}|advertisement\b.{0,50}|\w (?:online|offline)|(?:\S+ )?(?:new|junior|senior|active|full|registered|well-known|established|veteran|gold|premium|vip|key|notable|\d+\+? years?) (?:member|user|poster|contributor)|\(?[\d.,]+ ?[kmg]i?b\)? downloaded \d+ times?|(?:view attachment \d+\s*)+|[^\s!?]+ likes this\.?|[^!?]{1,150} and (?:\d+ others?|[^\s!?]+) like this\.?|\{\{.*\}\}|\d[\d,.]*[km]? (?:posts?|messages?|helpful votes?|reputation|solutions?|best answers?)|(?:[\d,.]*\d[km]?)?(?:[\d,]+\s*(?:gold|silver|bronze) badges?\s*)+)$`)

// threadHeadIntl are a thread header's labels of its starter and start
// date ("Thread starter", "Start date") as boards translate them into
// the other languages the extractor reads (a regexp group).
const threadHeadIntl = `(?:ersteller|erstellt am|auteur de la discussion|date de début|autor del tema|fecha de inicio|autore discussione|data di inizio|autor do tópico|data de início|автор темы|дата начала)`

// cardLabel returns the label of a "Label: value" or "Label:" line of
// eight words and 60 bytes at most (lower case, without the colon) and
// whether the label stands alone. A link ("https://...") and a clock
// ("6:58:36 AM: ...", a log's line) have none.
func cardLabel(t string) (label string, bare bool) {
	if len(t) > 60 || numFields(t) > 8 {
		return "", false
	}
	i := strings.IndexByte(t, ':')
	if i <= 0 || numFields(t[:i]) > 2 {
		return "", false
	}
	rest := strings.TrimSpace(t[i+1:])
	if strings.HasPrefix(rest, "//") || !unicode.IsLetter([]rune(t)[0]) {
		return "", false // a link or a clock, not a label
	}
	return strings.ToLower(strings.TrimSpace(t[:i])), rest == ""
}

// isCardLine reports whether a forum block is a line of a poster's card
// or a post's header (postCardWords, reCardLine), a label of cardLabels
// that two blocks of the page carry, or any other "Label: value" line
// not ending a sentence whose label three blocks carry ("Primary OS:
// ..."; seen: how many blocks carry each label).
func isCardLine(t string, seen map[string]int) bool {
	if len(t) > 160 {
		return false
	}
	if postCardWords[bareLower(t)] || reCardLine.MatchString(strings.TrimSpace(t)) {
		return true
	}
	l, _ := cardLabel(t)
	return cardLabels[l] && seen[l] >= 2 || l != "" && seen[l] >= 3 && !endsSentence(t)
}

// isCardValue reports whether a block is the value of a bare card label
// before it ("103" after "Likes Received:"): a number of two words or
// fewer.
func isCardValue(t string) bool {
	return len(t) <= 20 && numFields(t) <= 2 && strings.ContainsAny(t, "0123456789") && !endsSentence(t)
}

// dropPostCards drops from a forum page's main text the lines of the
// posters' cards and the posts' headers (dropCardLines) and the copies
// of earlier posts that replies quote (dropQuotedCopies; marks tells
// what a block's markup says of it).
func dropPostCards(bs []block, marks copyMarks) []block {
	return dropQuotedCopies(dropCardLines(bs, marks.stampApart), marks)
}

// quoteMinWords is the fewest words of a forum block that
// dropQuotedCopies drops when its text came before.
const quoteMinWords = 8

// reQuoteLead matches the line a board sets over a quote: "X said:",
// "On 4/19/2024 at 3:10 PM, X said:", "X wrote:", "Originally Posted by
// X", "Quote from X", "Quote"; in the other languages the extractor
// reads, with the colon boards print after them ("X schrieb:", "X a
// écrit :", "X escribió:", "X ha scritto:", "X написал(а):").
var reQuoteLead = lazyRE(`(?i)(?:\b(?:said|wrote|writes|says)\s*:?|(?:^|\s)(?:schrieb|sagte|a écrit|a dit|escribió|dijo|ha scritto|scrive|escreveu|disse|schreef|zei|skrev|napisał|napisała|napisał\(a\)|написал|написала|написал\(а\)|yazdı|dedi|كتب|قال)\s*:|^(?:originally posted by|quote from|quoting|zitat von|citation de|cita de|citazione di)\b.*|^(?:quote|zitat|citation|cita|citazione|цитата):?)\s*$`)

// copyMarks tells dropQuotedCopies what the page's markup says of a
// copy: whether the page is made of posts (threaded: two or more signed,
// dated records), whether a block was pasted as code (pasted) and which
// element holds it beside its sibling paragraphs (parent); and, for
// dropPostBars, whether a block is written as a poster writes (written,
// said); and, for dropCardLines, whether a block's relative stamp stands
// in an element of its own (stampApart). The funcs may be nil (no markup
// known).
type copyMarks struct {
	threaded bool
	pasted   func(block) bool
	parent   func(block) *html.Node
	written  func(block) bool // b is written as a <p> or a line broken by <br>: a post's words, not a bar's
	said     func(block) bool // b is an unlinked <p>: a poster's words, not a label
	// stampApart: b's text stamp sits in an element of its own (a
	// header's <span> or <time>), not in the running words of b.
	stampApart func(b block, stamp string) bool
}

// dropQuotedCopies drops from a forum page's main text the copies of
// earlier posts: a block of quoteMinWords words or more whose text
// (lower case, spacing collapsed) came before on the page. Replies quote
// posts in a <blockquote> or in a run of copies under a quote's lead
// line (reQuoteLead; shorter lines do not end the run, a block not seen
// before does); on a thread of posts (marks.threaded) boards also quote
// in a box of their own markup and print the post a reply answers above
// it (a "replying to" preview), so there a copy in no quote's markup
// goes too, but for one pasted as code (the same log or program output
// in two posts is each poster's own) and one in the same element as its
// first print (ownCopies: a post's own refrain). The post stays where
// it was written, once, and so does a quote of a post not on the page.
// Most forum references leave the copies out.
func dropQuotedCopies(bs []block, marks copyMarks) []block {
	copies, own := ownCopies(bs, marks.parent)
	out := bs[:0:0]
	lead := false // in a run of copies under a quote's lead line
	for i, b := range bs {
		if len(b.text) <= 160 && reQuoteLead.MatchString(strings.TrimSpace(b.text)) {
			lead = true
			out = append(out, b)
			continue
		}
		if countWords(b.text) < quoteMinWords { // shorter lines do not end a lead's run
			out = append(out, b)
			continue
		}
		if copies[i] && (b.kind == kindQuote || lead || marks.threaded && !own[i] && (marks.pasted == nil || !marks.pasted(b))) {
			continue
		}
		lead = lead && copies[i]
		out = append(out, b)
	}
	return out
}

// ownCopies tells, for each block of bs, whether it is a copy (a block
// of quoteMinWords words or more whose text came before) and whether it
// sits in the same element (parent) as the text's first print: a post
// that repeats its own line (a refrain, a step), where a quote or a
// preview sits in another post.
func ownCopies(bs []block, parent func(block) *html.Node) (copies, own []bool) {
	copies, own = make([]bool, len(bs)), make([]bool, len(bs))
	first := make(map[string]*html.Node, len(bs))
	for i, b := range bs {
		if countWords(b.text) < quoteMinWords {
			continue
		}
		k := strings.ToLower(strings.Join(strings.Fields(b.text), " "))
		var n *html.Node
		if parent != nil {
			n = parent(b)
		}
		at, ok := first[k]
		copies[i] = ok
		own[i] = ok && n != nil && n == at
		if !ok {
			first[k] = n
		}
	}
	return copies, own
}

// dropCardLines drops from a forum page's main text the lines of the
// posters' cards and the posts' headers (isCardLine), with the number
// under a bare label, and lines that only date a post or a poster
// (isPostDate). A header line loses its relative stamp (stripRelStamp)
// when apart says the stamp is an element of its own: in a post's own
// words ("Bought my copy 2 years ago") it is not.
func dropCardLines(bs []block, apart func(block, string) bool) []block {
	seen := map[string]int{}
	for _, b := range bs {
		if l, _ := cardLabel(b.text); l != "" {
			seen[l]++
		}
	}
	out := make([]block, 0, len(bs))
	for i := 0; i < len(bs); i++ {
		t := bs[i].text
		if !isCardLine(t, seen) && !isPostDate(t) || dashList(bs, i) {
			b := bs[i]
			if h, ok := stripRelStamp(b.text); ok && apart != nil && apart(b, relStampOf(b.text)) {
				if h == "" {
					continue
				}
				b.text = h
			}
			out = append(out, b)
			continue
		}
		if _, bare := cardLabel(t); bare && i+1 < len(bs) && isCardValue(bs[i+1].text) {
			i++
		}
	}
	return out
}

// reRelStamp matches a post's relative stamp inside its header line:
// "2 years ago", "· 1 year ago", "an hour ago" (a separator before it
// goes with it), and the same stamp as boards print it in the other
// languages the extractor reads (relStampIntl).
var reRelStamp = lazyRE(`(?i)\s*[·•|]?\s*(?:\b(?:\d+|an?|one) (?:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?|yrs?) ago\b|` + relStampIntl + `)`)

// relStampIntl is a relative stamp from seconds to years ago in French,
// German, Spanish, Portuguese, Italian, Dutch, Polish and Russian ("il y
// a 3 jours", "vor 2 Stunden", "hace 5 días", "há 2 dias", "3 giorni
// fa", "2 dagen geleden", "3 dni temu", "3 дня назад"): a board in those
// languages sets it in a post's header where an English one writes "3
// days ago" (a regexp group; Go's \b is ASCII-only, so the words that
// end in other letters are closed by a space, punctuation or the end).
const relStampIntl = `(?:\bil y a (?:\d+|une?) (?:secondes?|minutes?|min|heures?|h|jours?|semaines?|mois|ans?)\b|` +
	`\bvor (?:\d+|einer|einem|eine?n?) (?:sekunden?|minuten?|min\.?|stunden?|std\.?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)(?:$|[\s,.·|])|` +
	`\bhace (?:\d+|una?) (?:segundos?|minutos?|min|horas?|h|d[ií]as?|semanas?|mes(?:es)?|años?)(?:$|[\s,.·|])|` +
	`\bh[áa] (?:\d+|uma?) (?:segundos?|minutos?|min|horas?|h|dias?|semanas?|m[êe]s|meses|anos?)(?:$|[\s,.·|])|` +
	`\b(?:\d+|una?) (?:secondi|secondo|minuti|minuto|ore|ora|giorni|giorno|settimane|settimana|mesi|mese|anni|anno) fa\b|` +
	`\b(?:\d+|een) (?:seconden|minuten|minuut|uur|dagen|dag|weken|week|maanden|maand|jaar) geleden\b|` +
	`\b\d+ (?:sekund[ęy]?|minut[ęy]?|godzin[ęy]?|dni|dzień|tygodni[ea]?|tydzień|miesięcy|miesiące|miesiąc|lat[a]?|rok) temu(?:$|[\s,.·|])|` +
	`\b\d+ (?:секунд[уы]?|минут[уы]?|час(?:а|ов)?|дн(?:я|ей)|день|недел[юиь]|месяц(?:а|ев)?|год(?:а)?|лет) назад(?:$|[\s,.·|]))`

// relStampOf returns the relative stamp in t ("2 years ago"), without
// the separator reRelStamp takes with it, or "".
func relStampOf(t string) string {
	if m := reRelStamp.FindStringSubmatch(t); m != nil {
		return strings.Trim(m[0], " \t·•|,.")
	}
	return ""
}

// stampApart reports whether stamp is the text of an element inside
// block b's element, not b's own running text: the text node that holds
// it has another parent than b's element and than an emphasis (<b>,
// <strong>, <em>, <i>) in it. A post's header sets its stamp apart in a
// <span> or a <time> ("Need2Know <span>2 years ago</span> #1"); a
// poster who writes "Bought my copy 2 years ago" does not.
func (p *page) stampApart(b block, stamp string) bool {
	n := p.blockElement(b)
	if n == nil || stamp == "" {
		return false
	}
	apart, seen := false, 0
	walkElements(n, func(e *html.Node) bool {
		if apart || seen >= 64 { // a header line is a few elements
			return false
		}
		seen++
		for c := e.FirstChild; c != nil && !apart; c = c.NextSibling {
			if c.Type == html.TextNode && strings.Contains(cleanSpace(c.Data), stamp) {
				apart = e != n && !emphasis(e)
			}
		}
		return true
	})
	return apart
}

// emphasis reports whether n sets words in bold or italics.
func emphasis(n *html.Node) bool {
	switch n.DataAtom {
	case atom.B, atom.Strong, atom.Em, atom.I:
		return true
	}
	return false
}

// stripRelStamp returns a post's header line without its relative stamp
// ("Need2KnowLion 2 years ago#1" -> "Need2KnowLion #1", "- ann 1 year
// ago" -> "- ann") and whether it had one: a line of eight words at most
// that does not end a sentence and does not lead a quote ("3 minutes
// ago, X said:", which stays whole). A relative stamp says when the page
// was saved more than when the post was written, and forum references
// keep the poster's name and leave it out (the stamps withPostHeads adds
// are absolute for the same reason).
func stripRelStamp(t string) (string, bool) {
	if len(t) > 80 || numFields(t) > 8 || endsSentence(t) || reQuoteLead.MatchString(strings.TrimSpace(t)) {
		return t, false
	}
	loc := reRelStamp.FindStringSubmatchIndex(t)
	if loc == nil {
		return t, false
	}
	h := strings.TrimSpace(t[:loc[0]] + " " + strings.TrimSpace(t[loc[1]:]))
	if strings.Trim(h, "-–—·•|#0123456789 ") == "" && !strings.Contains(h, "#") {
		h = ""
	}
	return h, true
}

// dashList reports whether bs[i] and a block beside it both open with
// a dash: a list a poster wrote with dashes ("– my shift times", "–
// the ward"), not a comment's signature ("– Decio Lira"), which stands
// alone between comments.
func dashList(bs []block, i int) bool {
	dash := func(j int) bool {
		if j < 0 || j >= len(bs) {
			return false
		}
		return strings.HasPrefix(bs[j].text, "–") || strings.HasPrefix(bs[j].text, "—")
	}
	return dash(i) && (dash(i-1) || dash(i+1))
}

// dateWords are the words a post's date line holds besides digits.
var dateWords = map[string]bool{
	"at": true, "am": true, "pm": true, "ago": true, "on": true, "a": true, "an": true,
	"year": true, "years": true, "month": true, "months": true, "week": true, "weeks": true,
	"day": true, "days": true, "hour": true, "hours": true, "minute": true, "minutes": true,
	"yesterday": true, "today": true, "edited": true,
}

// isPostDate reports whether a short forum block only dates a poster or
// a post by the day: "Jan 8, 2012" (when a member joined), "spartan14 2
// years ago" (dateLike, six words at most, no time of day), with one
// word at most that is not part of a date (the poster's name). A post's
// stamp with its time ("Feb 14, 2026 | 9:05 pm") stays: several boards'
// references keep it, none keeps a join date.
func isPostDate(t string) bool {
	if len(t) > 60 || !dateLike(t) || reClock.MatchString(t) {
		return false
	}
	words := strings.Fields(t)
	if len(words) > 6 {
		return false
	}
	other := 0
	for _, w := range words {
		w = strings.Trim(strings.ToLower(w), ",.:;()")
		if w == "" || dateWords[w] || monthOf(w) != 0 || strings.Trim(w, "0123456789:/-") == "" {
			continue
		}
		other++
	}
	return other <= 1
}

// reClock matches a time of day.
var reClock = lazyRE(`\d:\d\d`)

// pastedMaxDepth bounds the walk up from a block to a <pre> or a
// <code>: code sits in <pre><code>, a highlighter adds a span or two.
const pastedMaxDepth = 4

// inCode reports whether block b began inside a <pre> or a <code>:
// pasted code, a log or a program's output (several boards set a code
// box as a <code> with line breaks, no <pre>).
func (p *page) inCode(b block) bool { return p.within(b, atom.Pre, atom.Code) }

// inPre reports whether block b began inside a <pre>: a code sample set
// as such, where a <code> alone may be a widget's snippet in a line.
func (p *page) inPre(b block) bool { return p.within(b, atom.Pre) }

// within reports whether block b began inside an element of one of the
// kinds, at most pastedMaxDepth levels up.
func (p *page) within(b block, kinds ...atom.Atom) bool {
	for n, d := p.blockNode(b), 0; n != nil && d < pastedMaxDepth; n, d = n.Parent, d+1 {
		if n.Type == html.ElementNode && slices.Contains(kinds, n.DataAtom) {
			return true
		}
	}
	return false
}

// copyMarks returns what dropQuotedCopies asks of the page's markup. A
// page typed forum that holds no run of signed, dated records (a shop's
// or a club's grid of cards) repeats a card's blurb as its own; only a
// thread's boards print a post again without a quote's markup.
func (p *page) copyMarks() copyMarks {
	c, _ := p.threadPosts()
	return copyMarks{threaded: c.records >= 2, pasted: p.inCode, parent: p.blockParent, written: p.inWriting, said: p.saidInPost, stampApart: p.stampApart}
}

// headRunMin is the fewest headings in a row that dropHeadRuns drops,
// and headRunWords the most words of each.
const (
	headRunMin   = 5
	headRunWords = 5
)

// dropHeadRuns drops from a forum's text the runs of headRunMin short,
// unlinked section headings or more with no other line between them. A
// heading titles what follows it; in a thread, a stack of labels over
// nothing is a poster's card or profile whose fields lost their values
// to the card rules or a folded menu ("Motherboard", "Processor",
// "Memory", "Power Supply", "Monitor" of a member's system specs), not a
// post. A post's own headings each have its words under them, but for
// two or three in a row ("Key Comparison Categories:" over "Memory"), and
// a listing's teaser headlines typed a thread are links.
func dropHeadRuns(bs []block) []block {
	drop := make([]bool, len(bs))
	for i := 0; i < len(bs); {
		j := i
		for j < len(bs) && cardHeading(bs[j]) {
			j++
		}
		if j-i >= headRunMin {
			for k := i; k < j; k++ {
				drop[k] = true
			}
		}
		i = max(j, i+1)
	}
	return keepUndropped(bs, drop)
}

// cardHeading reports whether b could be a field's label set as a
// heading: a section heading of headRunWords words or fewer, mostly
// unlinked, not a question. A run of questions is an FAQ whose answers
// are folded (put back later by withPanels), not a card's labels.
func cardHeading(b block) bool {
	return b.kind == kindHeading && b.link < 0.5 && numFields(b.text) <= headRunWords && !strings.HasSuffix(b.text, "?")
}
