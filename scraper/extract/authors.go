package extract

import (
	"strings"
	"unicode"
)

var (
	reEmail   = lazyRE(`\S+@\S+\.\S+`)
	reURLText = lazyRE(`(?i)\bhttps?://\S+|\bwww\.\S+`)
	reHandle  = lazyRE(`@\w+`)
	reParens  = lazyRE(`\([^)]*\)|\[[^\]]*\]`)
	// reByPrefix matches "By", "Written by" and their equivalents, and
	// the labels some languages write before the name with a colon
	// ("Haber: Elif Kaya", "作者：陈晓明"); those words say other things
	// without the colon ("Haber Merkezi", the newsdesk), and an author
	// box's role label ("Featured writer:", "Guest author:").
	reByPrefix = lazyRE(`(?i)^(?:(?:written|posted|published|reported|reporting|writing|words|text|story|compiled|edited|interview|post author)\s+by|(?:zeige |alle )*(?:beiträge|artikel|beitrag|veröffentlicht|erstellt|geschrieben|verfasst|publiziert|gepostet|mehr)\s+von|über|by|von|vom|par|por|door|av|af|από|автор|авторы|текст|bericht|texte|texto|text|tekst|autorin|autor|auteur|autore|author|authors|بقلم|كتب|كتبه|إعداد|著者|文)(?:\s*[:\-–—：]\s*|\s+)|^(?:haber|yazan|yazar|muhabir|penulis|reporter|(?:featured|guest|staff|contributing|senior) (?:writer|author)|作者|记者|記者|撰文|लेखक)\s*[:：]\s*`)
	// reSplit splits names on separators and on "and" in several
	// languages; the words need spaces around them (\b is ASCII-only and
	// would split "Mevißen" after the "ß").
	reSplit = lazyRE(`\s*(?:,|;|\||&|、|/)\s*|\s+(?:[Aa]nd|AND|und|et|y|e|en|og|och|i|и|و)\s+`)
	// rePhotoCredit matches a part that credits a photo or illustration, not
	// the text.
	rePhotoCredit = lazyRE(`(?i)^(?:photo(?:graph)?s?|pictures?|images?|illustrations?|fotos?|bilder?|video)\s*(?:by\b|:|von\b)`)
)

// roleWords mark a part of a byline that is a job title, not a name.
var roleWords = map[string]bool{
	"writer": true, "reporter": true, "correspondent": true, "editor": true, "columnist": true,
	"contributor": true, "staff": true, "journalist": true, "chief": true, "senior": true,
	"associate": true, "producer": true, "photographer": true, "analyst": true, "bureau": true,
	"director": true, "manager": true, "intern": true, "team": true, "desk": true, "newsroom": true,
	"redakteur": true, "redakteurin": true, "korrespondent": true, "korrespondentin": true, "redaktion": true,
	"journaliste": true, "rédacteur": true, "rédaction": true, "envoyé": true, "envoyée": true, "spécial": true,
	"redactor": true, "redacción": true, "corresponsal": true, "redazione": true, "giornalista": true,
	"redação": true, "記者": true, "记者": true, "repórter": true, "updated": true, "published": true, "contributing": true,
	"special": true, "staffer": true, "reports": true, "by": true, "name": true, "nama": true, "nome": true,
	"nombre": true, "commented": true, "says": true, "wrote": true, "guest": true, "opinion": true, "host": true,
	"for": true, "the": true, "in": true, "at": true, "of": true, "follow": true, "email": true,
	"twitter": true, "read": true, "more": true, "view": true, "all": true, "posts": true, "articles": true,
	"stories": true, "profile": true, "about": true, "contact": true, "sources": true, "source": true,
	"share": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "updated:": true, "published:": true, "on": true,
	"veröffentlicht": true, "publiziert": true, "aktualisiert": true, "erstellt": true, "geschrieben": true,
	"am": true, "mehr": true, "folgen": true, "autorenseite": true, "beiträge": true, "artikel": true,
	"publié": true, "publicado": true, "pubblicato": true,
	// The box's own label ("About the author") and a section's or a
	// piece's kind before its byline ("Guest Column, by ...", "Review by
	// ...") name nobody.
	"author": true, "authors": true, "column": true, "review": true, "analysis": true,
	"commentary": true, "essay": true, "editorial": true,
	// Korean bylines put the role after the name ("한서윤 기자").
	"기자": true, "특파원": true, "객원기자": true, "선임기자": true,
}

// CleanAuthors turns one raw author value (a byline, a meta author, a
// JSON-LD name) into person names: without "By" and its equivalents,
// roles, e-mail addresses, handles, URLs and parenthesised notes, split on
// commas and on "and" in several languages, de-duplicated. Of a line that
// credits several parts ("Written by Sam Poe. Reviewed by Dr Jane Doe")
// only the writer's are read.
func CleanAuthors(raw string) []string {
	names, _ := cleanCredits(raw)
	return names
}

// cleanCredits returns the writers a raw author value names and, apart,
// the people it credits with a review or an edit (splitCredits), who are
// the authors only when nobody else is named: a book's or a film's
// reviewer wrote the review.
func cleanCredits(raw string) (writers []string, sec seconds) {
	parts, sec, ok := splitCredits(cleanSpace(raw))
	if !ok {
		return cleanAuthors(raw), seconds{}
	}
	for _, part := range parts {
		for _, a := range cleanAuthors(part) {
			writers = appendUnique(writers, a)
		}
	}
	return writers, sec
}

// cleanAuthors reads a raw author value that credits the writer alone
// (CleanAuthors).
func cleanAuthors(raw string) []string {
	s := cleanSpace(raw)
	if s == "" || len(s) > 300 {
		return nil
	}
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "/") {
		return nil
	}
	s = reEmail.ReplaceAllString(s, " ")
	s = reURLText.ReplaceAllString(s, " ")
	s = reHandle.ReplaceAllString(s, " ")
	s = reParens.ReplaceAllString(s, " ")
	// Cut at a dateline or a role introduced by a dash or a pipe.
	for _, sep := range []string{" | ", " - ", " – ", " — ", " · ", " • ", "\n"} {
		if i := strings.Index(s, sep); i > 0 {
			head, tail := s[:i], s[i+len(sep):]
			if !looksLikeName(tail) || hasRole(tail) {
				s = head
			}
		}
	}
	if name, ok := labelledByline(s); ok {
		return []string{stripTitles(name)}
	}
	if creditsWork(s) {
		return nil
	}
	var out []string
	seps := reSplit.FindAllStringSubmatchIndex(s, -1)
	_, byline := headBylineRest(strings.TrimSpace(s))
	for i, part := range reSplit.Split(s, -1) {
		part = strings.TrimSpace(part)
		if byline {
			// The place goes first: "in" and "at" are role words, and
			// "Sam Poe in Kyiv" after a comma would go as a role. Only in
			// a byline ("By Jane Doe in Kyiv"): an organisation named as
			// the author carries the words too ("Black Women in Tech").
			part = cutPlace(part)
		}
		if i > 0 && hasRole(part) {
			// "John Smith, AP Auto Writer": the part after a comma is a role.
			continue
		}
		if rePhotoCredit.MatchString(part) || i > 0 && otherPartCredit(part) {
			continue
		}
		for {
			t := reByPrefix.ReplaceAllString(part, "")
			if t == part {
				break
			}
			part = t
		}
		part = strings.TrimFunc(part, func(r rune) bool { return unicode.IsPunct(r) && r != '.' || unicode.IsSpace(r) || unicode.IsSymbol(r) })
		part = strings.TrimRight(part, ". ")
		part = stripTitles(stripRole(part))
		if !looksLikeName(part) || accountNames[strings.ToLower(part)] || i > 0 && !joinedByWord(s, seps[i-1]) && placeAfterName(part, out) {
			continue
		}
		if isUpperWord(part) {
			part = titleCase(part)
		}
		out = appendUnique(out, part)
	}
	return out
}

// creditsWork reports whether s credits a work to its maker: a title, a
// comma, then a lower-case byline word ("The Long Road, by Jane Doe"), as
// a book review, a film or a song is printed under the headline, in a box
// a site may mark as a byline. In English the comma is often left out
// ("The Long Road by Jane Doe"): then the word must be "by" (in other
// languages the byline words are also names' particles: "Ludwig von
// Beethoven") and a person's name must follow (personName), up to a
// comma ("The Long Road by Jane Doe, reviewed by Sam Poe"). A page's own
// byline opens with the word ("By Jane Doe") or a byline label ("Written
// by", "Story by": reByPrefix), or follows a label or a date ("Posted in
// News, by ...", "December 5, 2026, by ..."): a head with digits, a
// month's or a day's name or a byline label's word (roleWords) is no
// title.
func creditsWork(s string) bool {
	head, tail, ok := strings.Cut(s, ", ")
	if first, _, _ := strings.Cut(tail, " "); !ok || !bylineWords[first] {
		var name string
		head, name, ok = strings.Cut(s, " by ")
		name, _, _ = strings.Cut(name, ",") // "..., reviewed by Sam Poe"
		if !ok || !personName(strings.TrimRight(name, ".;:")) || reByPrefix.MatchString(s) {
			return false
		}
	}
	if head == "" || !unicode.IsUpper([]rune(head)[0]) {
		return false
	}
	for _, w := range strings.Fields(strings.ToLower(head)) {
		w = strings.Trim(w, ".,:;\"'“”‘’")
		if strings.ContainsAny(w, "0123456789") || roleWords[w] && !titleSmallWords[w] || postWords[w] || monthNames()[foldMonth(w)] != 0 {
			return false
		}
	}
	return true
}

// labelledByline returns the name in a byline a label opens: a section's
// or a role's label ("Guest Column, by Jane Doe", "Review by Jane Doe",
// "Staff, by Jane Doe") or a date ("December 5, 2026, by Jane Doe"), then
// a byline word, then one person's name (personName, no role word). Split on its comma, the label
// would be taken for a name and the name dropped after a role word. A
// head before a comma must not read as a work's title (creditsWork: "The
// Long Road, by Jane Doe" credits a book); a head without a comma must be
// labels only, as a title may sit there too.
func labelledByline(s string) (string, bool) {
	f := strings.Fields(s)
	for i := 1; i < len(f)-1; i++ {
		if !bylineWords[strings.ToLower(f[i])] {
			continue
		}
		head, name := strings.Join(f[:i], " "), strings.TrimRight(strings.Join(f[i+1:], " "), ".,;:")
		if !personName(name) || hasRole(name) || !looksLikeName(name) || strings.Contains(name, ",") || rePhotoCredit.MatchString(strings.TrimRight(head, ",")+" by") {
			return "", false
		}
		if strings.HasSuffix(head, ",") && !creditsWork(s) || labelsOnly(head) {
			return name, true
		}
		return "", false
	}
	return "", false
}

// labelsOnly reports whether every word of s is a role's, a section's or
// a post's label word (roleWords, postWords).
func labelsOnly(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Trim(w, ".,:;")
		if !roleWords[w] && !postWords[w] {
			return false
		}
	}
	return s != ""
}

// titleSmallWords are role words (roleWords) that are also a title's small
// words: "The Road to the Sea".
var titleSmallWords = map[string]bool{"the": true, "of": true, "in": true, "for": true, "at": true, "on": true, "all": true, "more": true, "about": true, "by": true}

// postWords open a CMS's byline label ("Posted in News, by ...").
var postWords = map[string]bool{"posted": true, "filed": true, "written": true, "last": true, "categories": true, "category": true, "tags": true, "tagged": true}

// accountNames are a CMS's accounts, printed as the author when nobody
// set one. Only the whole name is one: a person may be named "Admin ..."
// and "Site Admin" is no person named "Site".
var accountNames = map[string]bool{
	"webmaster": true, "admin": true, "administrator": true, "site admin": true, "super user": true,
}

// stripRole drops leading or trailing role words from a name part.
func stripRole(s string) string {
	f := strings.Fields(s)
	for len(f) > 0 && roleWord(f[len(f)-1]) {
		f = f[:len(f)-1]
	}
	for len(f) > 0 && roleWord(f[0]) {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

// roleWord reports whether w is a role word (roleWords), or role words
// joined by hyphens: a title is written so ("Editor-in-chief"), and
// after a comma it would read as a second name.
func roleWord(w string) bool {
	w = strings.ToLower(strings.Trim(w, ".,:"))
	if roleWords[w] {
		return true
	}
	parts := strings.Split(w, "-")
	for _, p := range parts {
		if !roleWords[p] {
			return false
		}
	}
	return len(parts) > 1
}

func hasRole(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if roleWords[strings.Trim(w, ".,:")] {
			return true
		}
	}
	return false
}

// looksLikeName reports whether s could be a person's name: one to five
// words, letters mostly, no digits.
func looksLikeName(s string) bool {
	if s == "" {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 5 {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

func isUpperWord(s string) bool {
	has := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			has = true
		}
	}
	return has && len(s) > 3
}

func titleCase(s string) string {
	f := strings.Fields(strings.ToLower(s))
	for i, w := range f {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		f[i] = string(r)
	}
	return strings.Join(f, " ")
}

// appendUnique appends s unless an equal string (ignoring case) is there.
func appendUnique(list []string, s string) []string {
	for _, e := range list {
		if strings.EqualFold(e, s) {
			return list
		}
	}
	return append(list, s)
}
