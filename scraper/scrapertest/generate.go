package scrapertest

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Expected is the ground truth for one article page: what a perfect
// extractor returns for it.
type Expected struct {
	// URL is the canonical URL of the article (absolute from
	// Server.Articles, a path from Site.Articles("")).
	URL       string
	Title     string // the headline, without the site name
	Authors   []string
	Published time.Time // with the zone the page states
	Modified  time.Time // zero when the page states none
	Language  string    // BCP 47: "en", "fr", "de", "ar", "ja"
	Section   string
	Tags      []string
	// Text is the clean body: paragraphs, subheadings and block quotes
	// each a paragraph, list items one a line, paragraphs separated by a
	// blank line. No byline, captions, ads, "read more" or other
	// boilerplate.
	Text        string
	Description string
	Image       string // absolute URL of og:image
	SiteName    string
	// Charset is the encoding the page is served in: "utf-8",
	// "windows-1256", "iso-8859-1" or "shift_jis".
	Charset string
	// Phrase is a phrase from the body found on no other article and in
	// no boilerplate anywhere on the site. Sites with different names have
	// different phrases, except for the three hand-written Arabic and
	// Japanese articles, which every site carries (like wire copy).
	Phrase string
	// Aliases are other URLs that serve this article (status 200):
	// tracking-parameter and ref variants, a duplicate path, a print
	// version. All are linked from the site's pages.
	Aliases []string
	// Redirects are URLs that redirect to this article (a 301 from an old
	// URL, and a 302 short link that leads to it).
	Redirects []string
	// Only is "" for an article linked from the site's pages, "sitemap"
	// for the one listed only in the sitemap and "feed" for the one listed
	// only in the RSS feed.
	Only string
	// Fault is "503" or "429" for the articles that answer so at first
	// (when faults are on), "" otherwise.
	Fault string
	// Layout names the page template: "classic", "magazine" or "minimal".
	Layout string
}

// block is one unit of article body.
type block struct {
	kind  byte // 'p' paragraph, 'h' subheading, 'l' list, 'q' block quote
	text  string
	items []string
	html  string // the paragraph as HTML, when it differs from the escaped text
}

// article is one generated article.
type article struct {
	idx       int
	path      string
	slug      string
	title     string
	desc      string
	authors   []string
	published time.Time
	modified  time.Time
	lang      string
	charset   string
	metaOnly  bool // charset announced only in the <meta> tag
	sec       *section
	tags      []string
	blocks    []block
	phrase    string
	layout    int
	only      string
	fault     string
	image     string
	aliases   []string
	redirects []string
	storyID   string // "/story/<id>" duplicate path, "" when none
	print     bool   // has a /print/ version
	comments  int
}

var layoutNames = []string{"classic", "magazine", "minimal"}

// Kinds of special article, placed at fixed slots among the articles.
const (
	kindAr1256     = "ar-windows-1256"
	kindAr1256Meta = "ar-windows-1256-meta-only"
	kindFrLatin1   = "fr-iso-8859-1"
	kindDeLatin1   = "de-iso-8859-1"
	kindJaSJIS     = "ja-shift_jis"
	kindSitemap    = "sitemap-only"
	kindFeed       = "feed-only"
	kind503        = "flaky-503"
	kind429        = "flaky-429"
)

var specialKinds = []string{
	kindAr1256, kindFrLatin1, kindSitemap, kind503, kindJaSJIS,
	kindAr1256Meta, kindFeed, kindDeLatin1, kind429,
}

// minArticles leaves room for the special articles and the regular ones
// that carry URL variants.
const minArticles = 16

// Fixed reference time: the newest article is published shortly before.
var siteEpoch = time.Date(2024, time.June, 28, 0, 0, 0, 0, time.UTC)

var zones = []*time.Location{
	time.FixedZone("CEST", 2*3600), // classic
	time.UTC,                       // magazine
	time.FixedZone("EDT", -4*3600), // minimal
}

func seedOf(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()
}

// uniqueName returns an invented proper noun; within a site, i -> name is
// injective.
func uniqueName(i int, seed uint64) string {
	onsets := []string{"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "tr"}
	vowels := []string{"a", "e", "i", "o", "u"}
	codas := []string{"n", "r", "s", "l", "th"}
	const per = 19 * 5
	const space = per * per * per * per * 5
	// An affine map with a multiplier coprime to space is a bijection.
	x := (uint64(i)*1_000_003 + seed%space) % space
	var b strings.Builder
	for range 4 {
		d := x % per
		x /= per
		b.WriteString(onsets[d/5])
		b.WriteString(vowels[d%5])
	}
	b.WriteString(codas[x%5])
	r := []rune(b.String())
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

var slugFold = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "ae", "é", "e", "è", "e", "ê", "e", "ë", "e", "î", "i", "ï", "i",
	"ô", "o", "ö", "oe", "ù", "u", "û", "u", "ü", "ue", "ç", "c", "ß", "ss", "'", "-",
	"À", "a", "É", "e", "Ä", "ae", "Ö", "oe", "Ü", "ue",
)

func slugify(s string) string {
	s = slugFold.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 64 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// filler fills the placeholders of sentence templates for one article.
type filler struct {
	r      *rand.Rand
	fixed  map[string]string
	months []string
}

func (f *filler) fill(tmpl string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		key := tmpl[i+1 : i+j]
		tmpl = tmpl[i+j+1:]
		if v, ok := f.fixed[key]; ok {
			b.WriteString(v)
			continue
		}
		switch key {
		case "num":
			b.WriteString(strconv.Itoa(12 + f.r.IntN(940)))
		case "num2":
			b.WriteString(strconv.Itoa(3 + f.r.IntN(88)))
		case "pct":
			b.WriteString(strconv.Itoa(2 + f.r.IntN(67)))
		case "year":
			b.WriteString(strconv.Itoa(1996 + f.r.IntN(24)))
		case "month":
			b.WriteString(f.months[f.r.IntN(12)])
		default:
			panic(fmt.Sprintf("scrapertest: unknown placeholder {%s}", key))
		}
	}
}

// pickN returns n distinct elements of list in random order.
func pickN[T any](r *rand.Rand, list []T, n int) []T {
	idx := r.Perm(len(list))
	out := make([]T, 0, n)
	for _, i := range idx[:min(n, len(list))] {
		out = append(out, list[i])
	}
	return out
}

// sentencePool deals sentences without repeating until the pool is empty.
type sentencePool struct {
	r    *rand.Rand
	list []string
	perm []int
}

func (p *sentencePool) next() string {
	if len(p.perm) == 0 {
		p.perm = p.r.Perm(len(p.list))
	}
	s := p.list[p.perm[0]]
	p.perm = p.perm[1:]
	return s
}

var frAuthors = []string{"Camille Rousseau", "Julien Marchand", "Élodie Garnier", "Thibault Lefèvre"}
var deAuthors = []string{"Katharina Weiß", "Jörg Hallmann", "Sabine Krüger", "Matthias Böhm"}

// generate builds the articles of a site.
func generate(cfg Config) []*article {
	seed := seedOf(cfg.Site)
	n := cfg.Articles
	kindAt := make(map[int]string, len(specialKinds))
	for k, kind := range specialKinds {
		kindAt[(2*k+1)*n/(2*len(specialKinds))] = kind
	}
	arts := make([]*article, n)
	used := make(map[string]bool)
	for i := range n {
		r := rand.New(rand.NewPCG(seed, uint64(i)))
		a := &article{idx: i, layout: i % 3, charset: "utf-8", lang: "en"}
		kind := kindAt[i]
		switch {
		case kind == kindAr1256:
			a.fromHand(arabicWater, "windows-1256")
		case kind == kindAr1256Meta:
			a.fromHand(arabicBooks, "windows-1256")
			a.metaOnly = true
		case kind == kindJaSJIS:
			a.fromHand(japaneseLanterns, "shift_jis")
		case kind == kindFrLatin1:
			a.fromBank(r, &frBank, uniqueName(i, seed))
			a.charset = "iso-8859-1"
		case kind == kindDeLatin1:
			a.fromBank(r, &deBank, uniqueName(i, seed))
			a.charset = "iso-8859-1"
		case i%23 == 5:
			a.fromBank(r, &frBank, uniqueName(i, seed))
		case i%29 == 11:
			a.fromBank(r, &deBank, uniqueName(i, seed))
		default:
			a.fromEnglish(r, uniqueName(i, seed))
		}
		switch kind {
		case kindSitemap:
			a.only = "sitemap"
		case kindFeed:
			a.only = "feed"
		case kind503:
			a.fault = "503"
		case kind429:
			a.fault = "429"
		}
		// Dates go back from the epoch, about a day and a half apart.
		t := siteEpoch.Add(-time.Duration(i)*37*time.Hour - time.Duration(r.IntN(600))*time.Minute)
		t = t.Truncate(time.Minute).In(zones[a.layout])
		a.published = t
		if r.IntN(3) == 0 {
			a.modified = t.Add(time.Duration(30+r.IntN(1500)) * time.Minute)
		}
		a.comments = r.IntN(40)
		if a.slug == "" {
			a.slug = slugify(a.title)
		}
		a.path = fmt.Sprintf("/%04d/%02d/%02d/%s.html", t.Year(), t.Month(), t.Day(), a.slug)
		for used[a.path] {
			a.slug += "-" + strconv.Itoa(i)
			a.path = fmt.Sprintf("/%04d/%02d/%02d/%s.html", t.Year(), t.Month(), t.Day(), a.slug)
		}
		used[a.path] = true
		a.image = fmt.Sprintf("/img/photo/%d.jpg", i)
		arts[i] = a
	}
	return arts
}

// fromHand copies a hand-written article.
func (a *article) fromHand(h handArticle, charset string) {
	a.lang, a.charset = h.Lang, charset
	a.slug = h.Slug
	a.title, a.desc, a.phrase = h.Title, h.Desc, h.Phrase
	a.authors = []string{h.Author}
	a.sec = sectionBySlug(h.Section)
	a.tags = h.Tags
	for _, s := range h.Blocks {
		switch {
		case strings.HasPrefix(s, "h2:"):
			a.blocks = append(a.blocks, block{kind: 'h', text: s[3:]})
		case strings.HasPrefix(s, "q:"):
			a.blocks = append(a.blocks, block{kind: 'q', text: s[2:]})
		default:
			a.blocks = append(a.blocks, block{kind: 'p', text: s})
		}
	}
}

func sectionBySlug(slug string) *section {
	for i := range enSections {
		if enSections[i].Slug == slug {
			return &enSections[i]
		}
	}
	panic("scrapertest: no section " + slug)
}

// fromEnglish generates an English article.
func (a *article) fromEnglish(r *rand.Rand, name string) {
	sec := &enSections[r.IntN(len(enSections))]
	a.sec = sec
	np := sec.Nouns[r.IntN(len(sec.Nouns))]
	people := pickN(r, enPeople, 2)
	cities := pickN(r, towns, 2)
	a.phrase = name + " " + np[0] + " " + np[1]
	f := &filler{r: r, months: months, fixed: map[string]string{
		"name": name, "noun": np[1], "phrase": a.phrase,
		"person": people[0], "person2": people[1], "city": cities[0], "city2": cities[1],
	}}
	a.title = upperFirst(f.fill(sec.Titles[r.IntN(len(sec.Titles))]))
	nAuth := 1 + boolInt(r.IntN(10) < 3)
	for _, au := range pickN(r, enAuthors, nAuth) {
		a.authors = append(a.authors, au.Name)
	}
	a.tags = pickN(r, sec.Tags, 2+r.IntN(2))

	pool := &sentencePool{r: r, list: append(append([]string(nil), sec.Sentences...), enGeneric...)}
	nParas := 6 + r.IntN(7)
	phrasePara := 1 + r.IntN(3)
	headingAt, listAt, quoteAt := -1, -1, -1
	if r.IntN(2) == 0 {
		headingAt = 2 + r.IntN(nParas-2)
	}
	if r.IntN(3) == 0 {
		listAt = 2 + r.IntN(nParas-2)
	}
	if r.IntN(5) < 2 {
		quoteAt = 1 + r.IntN(nParas-1)
	}
	for p := range nParas {
		if p == headingAt {
			a.blocks = append(a.blocks, block{kind: 'h', text: f.fill(enHeadings[r.IntN(len(enHeadings))])})
		}
		n := 2 + r.IntN(2)
		sents := make([]string, 0, n+1)
		if p == 0 {
			sents = append(sents, f.fill(enLedes[r.IntN(len(enLedes))]))
			n = 1
		}
		for range n {
			sents = append(sents, f.fill(pool.next()))
		}
		if p == phrasePara {
			at := r.IntN(len(sents) + 1)
			s := f.fill(enPhraseSentences[r.IntN(len(enPhraseSentences))])
			sents = append(sents[:at], append([]string{s}, sents[at:]...)...)
		}
		a.blocks = append(a.blocks, block{kind: 'p', text: strings.Join(sents, " ")})
		if p == quoteAt {
			a.blocks = append(a.blocks, block{kind: 'q', text: "“" + enQuotes[r.IntN(len(enQuotes))] + "”"})
		}
		if p == listAt {
			items := pickN(r, enListItems, 3+r.IntN(2))
			for k := range items {
				items[k] = f.fill(items[k])
			}
			a.blocks = append(a.blocks, block{kind: 'l', items: items})
		}
	}
	a.desc = firstSentence(a.blocks[0].text)
	a.decorate(r, cities[0])
}

// fromBank generates a French or German article.
func (a *article) fromBank(r *rand.Rand, bank *langBank, name string) {
	a.lang = bank.Lang
	secs := []string{"world", "culture", "business", "politics"}
	a.sec = sectionBySlug(secs[r.IntN(len(secs))])
	np := bank.Nouns[r.IntN(len(bank.Nouns))]
	people := pickN(r, enPeople, 2)
	cities := pickN(r, towns, 2)
	ph := strings.NewReplacer("{noun}", np[0], "{adj}", np[1], "{name}", name).Replace(bank.Phrase)
	a.phrase = ph
	f := &filler{r: r, months: bank.Months, fixed: map[string]string{
		"name": name, "noun": np[0], "phrase": ph,
		"person": people[0], "person2": people[1], "city": cities[0], "city2": cities[1],
	}}
	a.title = upperFirst(f.fill(bank.Titles[r.IntN(len(bank.Titles))]))
	names := frAuthors
	if bank.Lang == "de" {
		names = deAuthors
	}
	a.authors = pickN(r, names, 1+r.IntN(2))
	a.tags = pickN(r, a.sec.Tags, 1+r.IntN(2))
	pool := &sentencePool{r: r, list: bank.Sentences}
	nParas := 5 + r.IntN(2)
	phrasePara := 1 + r.IntN(2)
	headingAt := 2 + r.IntN(nParas-2)
	quoteAt := -1
	if r.IntN(2) == 0 {
		quoteAt = 1 + r.IntN(nParas-1)
	}
	for p := range nParas {
		if p == headingAt {
			a.blocks = append(a.blocks, block{kind: 'h', text: bank.Headings[r.IntN(len(bank.Headings))]})
		}
		n := 2 + r.IntN(2)
		sents := make([]string, 0, n+1)
		if p == 0 {
			sents = append(sents, f.fill(bank.Ledes[r.IntN(len(bank.Ledes))]))
			n = 1
		}
		for range n {
			sents = append(sents, f.fill(pool.next()))
		}
		if p == phrasePara {
			sents = append(sents, f.fill(bank.PhraseIn[r.IntN(len(bank.PhraseIn))]))
		}
		a.blocks = append(a.blocks, block{kind: 'p', text: strings.Join(sents, " ")})
		if p == quoteAt {
			a.blocks = append(a.blocks, block{kind: 'q', text: "« " + bank.Quotes[r.IntN(len(bank.Quotes))] + " »"})
		}
	}
	a.desc = firstSentence(a.blocks[0].text)
	a.decorate(r, cities[0])
}

// decorate gives some paragraphs inline markup that must not change the
// extracted text: a link, emphasis, a soft hyphen, a zero-width space, a
// line break inside the source.
func (a *article) decorate(r *rand.Rand, city string) {
	for k := range a.blocks {
		b := &a.blocks[k]
		if b.kind != 'p' {
			continue
		}
		esc := escapeText(b.text)
		switch r.IntN(8) {
		case 0:
			if i := strings.Index(esc, city); i >= 0 {
				esc = esc[:i] + `<a href="/tag/` + a.tags[0] + `/">` + city + "</a>" + esc[i+len(city):]
			}
		case 1:
			if i := strings.Index(esc, ". "); i > 0 {
				esc = "<strong>" + esc[:i+1] + "</strong>" + esc[i+1:]
			}
		case 2:
			// A soft hyphen and a zero-width space in the middle of words.
			if i := strings.Index(esc, "tion"); i > 0 {
				esc = esc[:i] + "&shy;" + esc[i:]
			}
			if i := strings.LastIndex(esc, "ing "); i > 0 {
				esc = esc[:i] + "&#8203;" + esc[i:]
			}
		case 3:
			// Source line breaks and indentation inside the paragraph.
			if i := strings.Index(esc, ". "); i > 0 {
				esc = esc[:i+1] + "\n\t\t\t" + esc[i+2:]
			}
		case 4:
			if i := strings.Index(esc, ", "); i > 0 {
				j := strings.LastIndex(esc[:i], " ")
				esc = esc[:j+1] + "<em>" + esc[j+1:i] + "</em>" + esc[i:]
			}
		}
		if esc != escapeText(b.text) {
			b.html = esc
		}
	}
}

func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// text returns the clean body of the article.
func (a *article) text() string {
	parts := make([]string, 0, len(a.blocks))
	for _, b := range a.blocks {
		if b.kind == 'l' {
			parts = append(parts, strings.Join(b.items, "\n"))
		} else {
			parts = append(parts, b.text)
		}
	}
	return strings.Join(parts, "\n\n")
}
