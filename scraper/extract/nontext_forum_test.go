package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

// TestDropPostCards: the lines of a poster's card and of a post's header
// go from a forum's text (labels that posts repeat, with the number
// under a bare one; a member's join day; "#3", "Thread starter ...", an
// unrendered template, a locked thread's notice, a poster's counts alone
// on a line, a Q&A post's "asked ..." stamp, a comment's "– name"
// signature); a post's stamp with its time (a board's "Posted ..."
// too), a label that one post uses, a list written with dashes and
// what the posts say stay.
func TestDropPostCards(t *testing.T) {
	a := "The first Sunday boat moves from 7:10 to 8:30 this year."
	b := "Location: the harbour office has the new leaflet."
	c := "The last boat back still leaves at six on weekdays."
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"labelled card", []string{"Joined: Mar 2016", "Posts: 701", a, "Joined: Jun 2024", "Posts: 1", b},
			[]string{a, b}},
		{"bare labels", []string{"Likes Received:", "103", "Best Answers:", a, "Likes Received:", "4", "Best Answers:", c},
			[]string{a, c}},
		{"label once", []string{"Location: Brisbane", a}, []string{"Location: Brisbane", a}},
		{"join day", []string{"Oct 27, 2003", a, "spartan14 2 years ago", c}, []string{a, c}},
		{"stamp with time", []string{"Feb 14, 2026 | 9:05 pm", a}, []string{"Feb 14, 2026 | 9:05 pm", a}},
		{"headers", []string{"Thread starter netmender", "Start date Jul 18, 2024", "#2", "Reply 3", "Recommended Posts", a},
			[]string{a}},
		{"headers translated", []string{"Автор темы Sergey_K", "Дата начала 4 Дек 2026", "Ersteller netmender", "Fecha de inicio 18 jul 2024", a}, []string{a}},
		{"starter's own words", []string{"Ersteller hier, das Ofenlicht hat wirklich geholfen, danke euch allen!", "Thread starter here, the oven light did it for me too.", a},
			[]string{"Ersteller hier, das Ofenlicht hat wirklich geholfen, danke euch allen!", "Thread starter here, the oven light did it for me too.", a}},
		{"ranks and likes", []string{"Senior Member", a, "10+ Year Member", "WiSK, JapesUK and 3 others like this.", "Ann likes this.", "I like this."},
			[]string{a, "I like this."}},
		{"repeated label", []string{"Primary OS: Fedora", a, "Primary OS: MS Windows 10", c, "Primary OS: Mac OS X"},
			[]string{a, c}},
		{"attachments and ranks", []string{"Logs.zip", "(95.79 KiB) Downloaded 478 times", "View attachment 2028258", "Spartan14 Well-Known Member", a},
			[]string{"Logs.zip", a}},
		{"links and clocks", []string{"https://example.org/a", "https://example.org/a", "https://example.org/a", "6:58:36 AM: Deploy site",
			"6:58:37 AM: Upload", "6:58:38 AM: Done"},
			[]string{"https://example.org/a", "https://example.org/a", "https://example.org/a", "6:58:36 AM: Deploy site",
				"6:58:37 AM: Upload", "6:58:38 AM: Done"}},
		{"template", []string{"{{ DiscussionBoard.errors[11793116].message }}", a}, []string{a}},
		{"locked thread", []string{a, "Not open for further replies."}, []string{a}},
		{"poster's counts", []string{"1,076 posts", "155 helpful votes", "8.2k reputation", a, "We have 3 posts left on the fence."},
			[]string{a, "We have 3 posts left on the fence."}},
		{"badge counts", []string{"59.6k44 gold badges151 silver badges202 bronze badges", "2246 silver badges22 bronze badges", a, "She won 3 gold badges at the regatta."},
			[]string{a, "She won 3 gold badges at the regatta."}},
		{"Q&A stamps", []string{"asked Oct 16, 2010 at 21:58", a, "answered May 17, 2013 at 16:35", "edited 3 hours ago", c,
			"Commented Oct 17, 2010 at 1:03", "| Show 12 more comments", "Posted March 19, 2024 at 9:05 pm", "I asked about it on May 2 at the office."},
			[]string{a, c, "Posted March 19, 2024 at 9:05 pm", "I asked about it on May 2 at the office."}},
		{"comment signatures", []string{a, "– Decio Lira", c, "— Léo Léopold Hertz 준영", a, "— as the harbour master said, go early."},
			[]string{a, c, a, "— as the harbour master said, go early."}},
		{"a list written with dashes", []string{a, "– my shift times", "– the hospital ward", "– Sunday mornings only", c},
			[]string{a, "– my shift times", "– the hospital ward", "– Sunday mornings only", c}},
		{"a sentence about replies", []string{a, "The ferry office is not open for further replies until May."},
			[]string{a, "The ferry office is not open for further replies until May."}},
		{"dated sentence", []string{"We moved on Jan 8, 2012 and never looked back.", a},
			[]string{"We moved on Jan 8, 2012 and never looked back.", a}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropPostCards(textBlocks(tt.in), copyMarks{}))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDropQuotedCopies: a reply's quote of an earlier post goes (inside a
// <blockquote>, in a run under "X said:" or "Originally Posted by X", or
// on a thread of posts unmarked: a board's own quote box, a "replying
// to" preview); the post quoted, a quote of a post not on the page,
// short lines, a copy pasted as code outside a quote, a post's own
// refrain (a copy in the element of its first print) and, on a page
// that is no thread of posts, an unmarked copy (a card's blurb) stay.
func TestDropQuotedCopies(t *testing.T) {
	a := "The council says a new ferry timetable starts in May, but the leaflet lists weekdays."
	b := "Does anyone know whether the early Sunday crossing survives the change this year?"
	c := "Half past eight is still fine for the market, and the later boat back helps."
	at := int32(10)
	p := func(s string) block { at++; return block{text: s, at: at} } // each in an element of its own
	q := func(s string) block { at++; return block{text: s, kind: kindQuote, at: at} }
	own := func(s string) block { return block{text: s, at: 2} } // one post's paragraphs
	code := func(s string) block { return block{text: s, at: 1} }
	log := "ferryd: timetable 2027 loaded, 14 sailings, 2 cancelled, next sync in 60 s"
	tests := []struct {
		name  string
		in    []block
		cards bool // a page typed forum with no run of signed, dated records
		want  []string
	}{
		{"blockquote", []block{p(a), p(b), p("netmender"), q(a), p(c)}, false, []string{a, b, "netmender", c}},
		{"said run", []block{p(a), p(b), p("netmender said:"), p(a), p(b), p(c)}, false, []string{a, b, "netmender said:", c}},
		{"originally posted", []block{p(a), p("Originally Posted by netmender"), p(a), p(b), p(c)}, false,
			[]string{a, "Originally Posted by netmender", b, c}},
		{"pasted under a lead", []block{code(log), p(b), p("On 4/19/2024 at 3:10 PM, sandbar said:"), code(log), p(c), code(log)}, false,
			[]string{log, b, "On 4/19/2024 at 3:10 PM, sandbar said:", c, log}},
		{"quote of a post elsewhere", []block{p(a), q(c), p(b)}, false, []string{a, c, b}},
		{"unmarked copy", []block{p(a), p(b), p(a), p(c)}, false, []string{a, b, c}},
		{"short lines", []block{p("Thanks, that helps."), q("Thanks, that helps.")}, false, []string{"Thanks, that helps.", "Thanks, that helps."}},
		{"pasted twice", []block{code(log), p(b), code(log)}, false, []string{log, b, log}},
		{"pasted copy quoted", []block{code(log), p(b), q(log)}, false, []string{log, b}},
		{"a post's refrain", []block{own(a), own(b), own(a), p(c)}, false, []string{a, b, a, c}},
		{"a refrain quoted", []block{own(a), own(b), own(a), p("netmender said:"), p(a), p(c)}, false,
			[]string{a, b, a, "netmender said:", c}},
		{"cards' blurb", []block{p(b), p(a), p(c), p(a)}, true, []string{b, a, c, a}},
		{"cards' blurb quoted", []block{p(a), p(b), q(a), p("netmender said:"), p("Re: ferry times"), p(b), p(c)}, true,
			[]string{a, b, "netmender said:", "Re: ferry times", c}},
	}
	pasted := func(b block) bool { return b.at == 1 }
	nodes := make([]*html.Node, 100)
	for i := range nodes {
		nodes[i] = &html.Node{}
	}
	parent := func(b block) *html.Node { return nodes[b.at] }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropQuotedCopies(tt.in, copyMarks{threaded: !tt.cards, pasted: pasted, parent: parent}))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestForumQuotes: a thread whose replies quote earlier posts, once in a
// <blockquote> and once under "Originally Posted by X" in a board's own
// quote box: each post comes once, where it was written, and the quotes'
// lead lines stay (testdata/forumquotes).
func TestForumQuotes(t *testing.T) {
	art := extractTestPage(t, "forumquotes", "forum_quotes", "https://estuary-sailing.example/threads/winter-storage-for-a-wooden-dinghy.8801/")
	if art.PageType != corpus.PageTypeForum {
		t.Errorf("page type %q, want forum", art.PageType)
	}
	checkText(t, art.Text, []string{"tidewatcher said:", "Originally Posted by oakum", "the bilge will grow a garden",
		"report back on the planking"}, nil)
	for _, s := range []string{"Is a barn better than a good breathable cover outside?", "as long as the boat sits level."} {
		if n := strings.Count(art.Text, s); n != 1 {
			t.Errorf("%q %d times in the text, want once", s, n)
		}
	}
}

// TestPosterCards: a thread whose posters' cards are definition lists
// (the name a link in the term, the rank, the post count, the join date
// and the place in the items): the names stay and the items go; a post's
// own list of linked terms with "Location:" lines stays whole
// (testdata/postercards).
func TestPosterCards(t *testing.T) {
	art := extractTestPage(t, "postercards", "poster_cards", "https://estuary-sailing.example/viewtopic.php?t=9012")
	if art.PageType != corpus.PageTypeForum {
		t.Errorf("page type %q, want forum", art.PageType)
	}
	checkText(t, art.Text, []string{"tidewatcher", "oakum", "Harwich", "Datum: chart datum at the ferry quay",
		"Slack water comes about half an hour", "Datum: chart datum at the pier head", "forty minutes behind it"},
		[]string{"Harbour Pilot", "Deckhand", "2214", "Mar 07, 2016", "Jun 01, 2024", "Brightlingsea"})
}

// TestPosterTitlePages: on a thread in XenForo's markup, the posters'
// titles under their names go (an itemprop of jobTitle, a class
// "userTitle", "usertitle"), and so does the thread's headline above the
// first post; the posts, the poster named "Senior Member" in a sentence
// of a post, a post whose element carries a rank modifier
// ("has-profile-rank") and the last one-line reply stay. On a second
// thread, a reply's sentence after a quoted card's jobTitle stays.
func TestPosterTitlePages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "forum_poster_titles", url: "https://smallboats.example/threads/which-wood-for-a-steam-bent-tiller.771/",
			typ: corpus.PageTypeForum,
			wantInText: []string{"oarlock_jen", "Hal Kettering", "Which of the two takes the bend better",
				"A senior member of our club bends his tillers", "Green ash it is, thanks both."},
			notInText: []string{"Slow and steady wins the varnish", "Senior Member\n", "Which wood for a steam-bent tiller?",
				"Similar threads", "Terms and rules"}},
		// A reply quotes a surveyor's card marked up with a jobTitle, and
		// its sentence goes on after the quote without an element of its
		// own: the posters' titles go, the sentence stays.
		{name: "forum_title_then_text", url: "https://smallboats.example/threads/who-can-survey-an-old-clinker-dinghy.902/",
			typ:        corpus.PageTypeForum,
			wantInText: []string{"Ada Penrose, Surveyor of small craft", "She charges by the foot", "Booked her for Friday"},
			notInText:  []string{"Still learning the ropes", "Harbour rat"}},
	})
}

// TestIsPosterTitle: the elements that hold a poster's title, by a
// whole class name or schema.org's jobTitle; a modifier that holds
// "rank" or "title" in a longer name does not.
func TestIsPosterTitle(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`<h5 class="userTitle message-userTitle">`, true},
		{`<span class="usertitle">`, true},
		{`<span class="user-title">`, true},
		{`<dd class="profile-rank">`, true},
		{`<div itemprop="jobTitle">`, true},
		{`<div class="post has-profile-rank bg2">`, false},
		{`<div class="no-profile-rank no-avatar">`, false},
		{`<li class="Item ItemComment Rank-Admin">`, false},
		{`<h2 class="title">`, false},
		{`<div itemprop="name">`, false},
	}
	for _, tt := range tests {
		root, err := html.Parse(strings.NewReader("<html><body>" + tt.in + "x</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		n := root.FirstChild.LastChild.FirstChild
		if got := isPosterTitle(n); got != tt.want {
			t.Errorf("isPosterTitle(%s) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestForumRelatedLinks: a thread whose board lists other threads after
// the posts under a plain line ("Check out other Related discussions",
// no heading, no telling class): the line and its links go, the posts
// stay (testdata/forumrelated).
func TestForumRelatedLinks(t *testing.T) {
	art := extractTestPage(t, "forumrelated", "forum_related", "https://estuary-sailing.example/threads/best-anchor-for-a-muddy-creek.9100/")
	if art.PageType != corpus.PageTypeForum {
		t.Errorf("page type %q, want forum", art.PageType)
	}
	checkText(t, art.Text, []string{"My old fisherman anchor drags", "plenty of chain on the bottom", "before it bites."},
		[]string{"Related discussions", "Chain or rope rode", "Drying out on legs", "Winter mooring prices"})
}

// TestForumPostRelatedLinks: a reply that lists other threads under its
// own plain line ("Similar threads:") and more replies follow: the
// line, the links and the next poster's name stay
// (testdata/forumrelated).
func TestForumPostRelatedLinks(t *testing.T) {
	art := extractTestPage(t, "forumrelated", "forum_reply_links", "https://estuary-sailing.example/threads/re-caulking-a-teak-deck.9300/")
	if art.PageType != corpus.PageTypeForum {
		t.Errorf("page type %q, want forum", art.PageType)
	}
	checkText(t, art.Text, []string{"Similar threads:", "Reefing out old seams with a hooked tool",
		"Masking a deck before caulking, step by step", "moorings", "Took me three weekends"}, nil)
}

// TestCardPairs: a thread whose posters' cards set each field as a
// one-pair definition list (XenForo's "pairs": "Member Type" /
// "Student", "Home Country" / "Germany"), fields no list of labels
// knows: the lists that every card repeats go, term and item; a post's
// own one-pair list and the posts stay (testdata/cardpairs).
func TestCardPairs(t *testing.T) {
	art := extractTestPage(t, "cardpairs", "card_pairs", "https://estuary-sailing.example/threads/which-tide-table.9200/")
	if art.PageType != corpus.PageTypeForum {
		t.Errorf("page type %q, want forum", art.PageType)
	}
	checkText(t, art.Text, []string{"Which tide table do you trust", "corrected for the bar", "Springs",
		"The biggest tides of the fortnight", "keep an eye on the beacon"},
		[]string{"Retired Pilot", "Boatbuilder", "Dutch", "Netherlands", "Germany", "Member Type", "Home Country"})
}

// TestPostPairs: a thread of small ads whose posts set their price and
// place as one-pair lists among the post's words: the lists repeat their
// terms as cards do, but they are the posts' own and stay
// (testdata/cardpairs).
func TestPostPairs(t *testing.T) {
	art := extractTestPage(t, "cardpairs", "post_pairs", "https://estuary-sailing.example/threads/small-ads-december.9400/")
	if art.PageType != corpus.PageTypeForum {
		t.Errorf("page type %q, want forum", art.PageType)
	}
	checkText(t, art.Text, []string{"Selling my old seagull outboard", "£180", "Woodbridge", "£45", "Maldon", "Brightlingsea"}, nil)
}

// TestThreadCopies: on a thread, a board that prints the post a reply
// answers above the reply (a "replying to" preview, no quote's markup)
// has each post once, where it was written; a program's output pasted
// twice as code comes twice, in a <pre> or in a board's code box that is
// a <code> with line breaks, and so does a post's own refrain: neither
// is a quote (testdata/forumquotes).
func TestThreadCopies(t *testing.T) {
	tests := []struct {
		name, url string
		counts    map[string]int // how many times each string comes in the text
	}{
		{"reply_previews", "https://estuary-sailing.example/threads/tide-gauge-logger-stops-after-an-hour.9031/", map[string]int{
			"the logger stops after about an hour and never comes back": 1,
			"so the buffer is not your only problem":                    1,
			"buffer 3600 of 3600 readings, flush failed":                2,
			"the interval only decides how soon":                        1,
		}},
		{"own_copies", "https://estuary-sailing.example/threads/logger-stops-after-the-firmware-update.9050/", map[string]int{
			"buffer 3600 of 3600 readings, flush failed": 2,
			"a working logger, before the season starts": 2,
			"nobody knew it was coming":                  1,
			"keep the old file somewhere safe":           1,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "forumquotes", tt.name, tt.url)
			if art.PageType != corpus.PageTypeForum {
				t.Errorf("page type %q, want forum", art.PageType)
			}
			for s, want := range tt.counts {
				if n := strings.Count(art.Text, s); n != want {
					t.Errorf("%q %d times in the text, want %d", s, n, want)
				}
			}
		})
	}
}

// TestDropHeadRuns: a stack of five short unlinked headings over nothing
// (a member's system specs whose values went) leaves a forum's text; a
// post's own two or three headings in a row, a stack of linked teaser
// headlines, an FAQ's questions and headings of six words or more stay.
func TestDropHeadRuns(t *testing.T) {
	a := "I've heard the rear port is for an external connection of some kind."
	h := func(s string) block { return block{text: s, kind: kindHeading} }
	l := func(s string) block { return block{text: s, kind: kindHeading, link: 1} }
	p := func(s string) block { return block{text: s} }
	tests := []struct {
		name string
		in   []block
		want []string
	}{
		{"specs labels", []block{p(a), h("Motherboard"), h("Processor"), h("Memory (part number)"), h("Video Card # 1"), h("Power Supply"), p(a)},
			[]string{a, a}},
		{"a post's headings", []block{h("Key Comparison Categories:"), h("Memory"), h("Speed"), p(a)},
			[]string{"Key Comparison Categories:", "Memory", "Speed", a}},
		{"linked headlines", []block{l("Build agents"), l("Our next track"), l("Women who helped me"), l("Rust at work"), l("Ten tips"), p(a)},
			[]string{"Build agents", "Our next track", "Women who helped me", "Rust at work", "Ten tips", a}},
		{"folded FAQ", []block{h("Can I change my ticket?"), h("Do children travel free?"), h("Are dogs allowed?"), h("Where do I park?"), h("Can I bring a bike?"), p(a)},
			[]string{"Can I change my ticket?", "Do children travel free?", "Are dogs allowed?", "Where do I park?", "Can I bring a bike?", a}},
		{"long headings", []block{h("What the council decided on Monday night"), h("Why the ferry timetable changes in May"),
			h("Where the new leaflets can be picked up"), h("Who runs the early Sunday crossing now"), h("When the last boat back leaves town"), p(a)},
			[]string{"What the council decided on Monday night", "Why the ferry timetable changes in May",
				"Where the new leaflets can be picked up", "Who runs the early Sunday crossing now", "When the last boat back leaves town", a}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockTexts(dropHeadRuns(tt.in))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestStripRelStamp: a post's header line loses its relative stamp and
// keeps the poster's name and the post's number; a sentence, a quote's
// lead line and a line without such a stamp stay whole.
func TestStripRelStamp(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Need2Know 2 years ago#1", "Need2Know #1", true},
		{"- MrJ Plots 2 years ago", "- MrJ Plots", true},
		{"harbourcat · 1 year ago", "harbourcat", true},
		{"oldspade posted an hour ago", "oldspade posted", true},
		{"3 days ago", "", true},
		{"3 minutes ago, oldspade said:", "3 minutes ago, oldspade said:", false},
		{"I fixed the roof two weeks ago and 3 days ago it leaked again.", "I fixed the roof two weeks ago and 3 days ago it leaked again.", false},
		{"oldspade April 19, 2026", "oldspade April 19, 2026", false},
		// The same headers as boards print them in other languages.
		{"von Heidegärtnerin » vor 2 Tagen", "von Heidegärtnerin »", true},
		{"marie_l · il y a 3 jours", "marie_l", true},
		{"RaúlM hace 5 días #2", "RaúlM #2", true},
		{"nonno_piero · 3 giorni fa", "nonno_piero", true},
		{"Sergey_K 3 дня назад", "Sergey_K", true},
		{"bia_costa há 2 dias", "bia_costa", true},
		{"jan_v 2 dagen geleden", "jan_v", true},
		{"Ich habe das Dach vor 2 Tagen repariert und es tropft wieder.", "Ich habe das Dach vor 2 Tagen repariert und es tropft wieder.", false},
	}
	for _, tt := range tests {
		got, ok := stripRelStamp(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("stripRelStamp(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestRelStampsLeaveProse: the relative stamps read in other languages
// ("vor 2 Jahren", "il y a 3 ans", "hace un año") are also how news
// stories and posters date things in their own sentences, short ones and
// headings and timelines included. Stories stay articles with every such
// line, and a board's posts keep theirs; the stamps go only from a
// post's header.
func TestRelStampsLeaveProse(t *testing.T) {
	for _, tt := range []struct {
		file, url, typ string
		must           []string
	}{
		{"relstamps/article_de.html", "https://rundschau.example/region/hochwasser-oder-2026-12-07", corpus.PageTypeArticle,
			[]string{"Vor 2 Jahren stand das Wasser schon einmal so hoch.", "Erst vor 5 Monaten wurde der letzte Abschnitt fertig.",
				"Vor 3 Jahren begann der Umbau", "Vor 10 Jahren: Beginn der Planung für neue Deiche",
				"Ich habe vor 2 Tagen zum ersten Mal wieder Angst gehabt."}},
		{"relstamps/article_fr.html", "https://courrier-rhone.example/societe/tgv-50-ans", corpus.PageTypeArticle,
			[]string{"Il y a 60 ans, les ingénieurs de la SNCF dessinaient déjà les premiers plans.",
				"Il y a 20 ans, le record du monde", "Il y a 37 ans : le TGV Atlantique"}},
		{"relstamps/article_es.html", "https://diariodelsur.example/espana/almaden-un-ano-despues", corpus.PageTypeArticle,
			[]string{"Hace un año que la última galería de la mina quedó en silencio.", "Hace 5 años trabajaban aquí 120 personas.",
				"Hace 10 años, un plan que no llegó", "Hace 3 meses llegó la primera empresa de placas solares."}},
		{"relstamps/board_de_prose.html", "https://crumbclub.example/forum/viewtopic.php?t=5120", corpus.PageTypeForum,
			[]string{"Vor 2 Wochen hat der Teig sich noch in vier Stunden verdoppelt.", "Vor 3 Jahren hatte ich genau das gleiche Problem.",
				"Ich habe vor 2 Tagen eine gekauft.", "Vor 2 Stunden kam das Brot aus dem Ofen, perfekt."}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			art := extractTestdata(t, tt.file, tt.url)
			if art.PageType != tt.typ {
				t.Errorf("page type %q, want %q", art.PageType, tt.typ)
			}
			for _, s := range tt.must {
				if !strings.Contains(art.Text, s) {
					t.Errorf("lost: %q", s)
				}
			}
		})
	}
}

// TestDropCardLinesStampApart: a post's header line whose relative stamp
// is an element of its own loses the stamp ("netmender <span>2 years
// ago</span>#1" -> "netmender #1"); a poster's line that says the same
// words in its own running text ("Bought my copy 2 years ago") stays
// whole.
func TestDropCardLinesStampApart(t *testing.T) {
	art := extractTestPage(t, "forumheads", "relstamps", "https://harbour-board.example/threads/released-two-years-ago.4101/")
	checkText(t, art.Text, []string{"netmender #1", "sandbar #3", "Bought my copy 2 years ago", "Patched it 3 days ago and it runs fine"},
		[]string{"2 years ago#1", "3 days ago#3"})
}

// TestTwoCardPairs: two posters' cards set as one-pair lists whose items
// are counts and dates ("Dabei seit" / "14.03.2017", "Beiträge" / "2
// 418") go, term and item, with two cards on the page (pairCounts); a
// post's own one-pair list among its words ("Länge" / "40 m") stays
// (testdata/cardpairs).
func TestTwoCardPairs(t *testing.T) {
	art := extractTestPage(t, "cardpairs", "two_cards", "https://ostsee-segler.example/threads/ankerkette-rostet.5120/")
	if art.PageType != corpus.PageTypeForum {
		t.Errorf("page type %q, want forum", art.PageType)
	}
	checkText(t, art.Text, []string{"braune Stellen", "Kondenswasser im Kettenkasten", "40 m", "50 m"},
		[]string{"Dabei seit", "Beiträge", "Punkte", "14.03.2017", "2 418"})
}

// TestFactBoxPairs: a sale thread's first post sets its own fields as
// one-pair lists apart from its words ("Baujahr" / "2019", "Gekauft" /
// "03.05.2021"): counts and dates, but each term set once on the page
// and among the post's words, so they are the post's, not a card's
// (termRepeated, underPoster); the posters' cards go, whose terms repeat,
// and also where only one post shows a card (a thread of one post, a
// reply by a guest), as they sit with the poster's name. The items
// "2019" and "03.05.2021" go as lines that only date a post
// (isPostDate, in dropCardLines).
func TestFactBoxPairs(t *testing.T) {
	for _, name := range []string{"fact_box", "single_post", "guest_reply"} {
		t.Run(name, func(t *testing.T) {
			art := extractTestPage(t, "cardpairs", name, "https://ostsee-segler.example/threads/ankerkette-verkauf.5121/")
			if art.PageType != corpus.PageTypeForum {
				t.Errorf("page type %q, want forum", art.PageType)
			}
			checkText(t, art.Text, []string{"Baujahr", "Kettenstärke", "8 mm", "Gekauft", "vierzig Meter am Stück"},
				[]string{"Dabei seit", "Beiträge", "Punkte", "14.03.2017", "2 418", "611"})
		})
	}
}

// TestQuoteLeads checks the lines a board sets over a quote, in the
// languages the extractor reads, and sentences that end alike.
func TestQuoteLeads(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"netmender said:", true},
		{"On 4/19/2024 at 3:10 PM, sandbar said:", true},
		{"Sergey_K написал(а):", true},
		{"kielwasser schrieb:", true},
		{"velocargo a écrit :", true},
		{"manolo_32 escribió:", true},
		{"giardiniera ha scritto:", true},
		{"Zitat von kielwasser", true},
		{"Der Minister schrieb am Montag einen Brief an alle Gemeinden.", false},
		{"Il a dit qu'il viendrait demain", false},
		{"Lo que dijo el mecánico", false},
	} {
		if got := reQuoteLead.MatchString(tt.line); got != tt.want {
			t.Errorf("reQuoteLead(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
