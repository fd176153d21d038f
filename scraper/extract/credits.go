package extract

import (
	"strings"
	"unicode"
)

// A byline line may credit several people for several parts: "Written by
// Sam Poe. Reviewed by Dr Jane Doe", "Medically reviewed by Jane Doe, MD
// — Written by Sam Poe on March 3, 2026", "By Sam Poe | Fact checked by
// Jane Doe". The writer is the article's author; a reviewer, a
// fact-checker, an editor or a photographer is not. Read whole, such a
// line named nobody (its parts ran together, or the part before "by" read
// as a work's title: creditsWork).

// creditRole is the part a clause of a byline line credits.
type creditRole int

const (
	roleNone   creditRole = iota // no credit: "The Long Road by", a sentence
	roleWriter                   // "By", "Written by", "Reporting by"
	roleReview                   // "Reviewed by": a review's writer when nobody else is named
	roleEdit                     // "Edited by": the author when nobody else is named, not even a reviewer
	roleOther                    // "Medically reviewed by", "Fact checked by", "Photos by": never the author
)

// creditPhrases are the words before "by" that credit a part, lower-case,
// hyphens read as spaces.
var creditPhrases = map[string]creditRole{
	"": roleWriter, "written": roleWriter, "words": roleWriter, "text": roleWriter, "story": roleWriter,
	"reported": roleWriter, "reporting": roleWriter, "posted": roleWriter, "compiled": roleWriter, "writing": roleWriter,
	"interview": roleWriter, "reviewed": roleReview, "edited": roleEdit, "editing": roleEdit,
	"medically reviewed": roleOther, "clinically reviewed": roleOther, "expert reviewed": roleOther,
	"peer reviewed": roleOther, "legally reviewed": roleOther, "financially reviewed": roleOther,
	"fact checked": roleOther, "checked": roleOther, "verified": roleOther, "additional reporting": roleOther,
	"with reporting": roleOther, "contributed reporting": roleOther,
	"photos": roleOther, "photo": roleOther, "photographs": roleOther, "photography": roleOther,
	"pictures": roleOther, "images": roleOther, "illustration": roleOther, "illustrations": roleOther,
	"illustrated": roleOther, "graphics": roleOther, "video": roleOther, "produced": roleOther,
	"designed": roleOther, "translated": roleOther, "narrated": roleOther,
}

// creditClause is one part of a byline line: its role and its words,
// from the role's words on; by is the index of its "by" in words, -1 for
// the words before the line's first credit.
type creditClause struct {
	role  creditRole
	words []string
	by    int
}

// creditClauses splits a line at every "by" that a credit phrase opens,
// at the line's start or after a separator (a word ending in a full
// stop, comma or semicolon, or a dash or a bar); words before the first
// such clause are a clause of their own, the writer's ("Jane Doe, Staff
// Writer | Reviewed by ..."). A "by" after other words ("The Long Road by
// Jane Doe") opens no clause. It returns nil when no credit opens.
func creditClauses(s string) []creditClause {
	f := strings.Fields(s)
	var out []creditClause
	var starts []int
	for i, w := range f {
		if strings.ToLower(strings.TrimRight(w, ":")) != "by" {
			continue
		}
		k := creditStart(f, i)
		role := roleNone
		if k >= 0 {
			role = creditPhrases[strings.ToLower(strings.ReplaceAll(strings.Join(f[k:i], " "), "-", " "))]
		}
		if role == roleNone {
			continue
		}
		if len(out) == 0 && k > 0 {
			out, starts = append(out, creditClause{roleWriter, nil, -1}), append(starts, 0)
		}
		out, starts = append(out, creditClause{role, nil, i - k}), append(starts, k)
	}
	for j := range out {
		end := len(f)
		if j+1 < len(out) {
			end = starts[j+1]
		}
		out[j].words = f[starts[j]:end]
	}
	return out
}

// creditStart returns where the credit phrase before the "by" at i
// starts: at most two words back, at the line's start or after a
// separator; or -1.
func creditStart(f []string, i int) int {
	for k := i; k >= 0 && i-k <= 2; k-- {
		if k == 0 || separatesCredit(f[k-1]) {
			return k
		}
	}
	return -1
}

// separatesCredit reports whether the word w ends a credit: a full stop,
// a comma or a semicolon at its end, or a dash, a bar or a dot alone.
func separatesCredit(w string) bool {
	switch w {
	case "|", "-", "–", "—", "·", "•", "/":
		return true
	}
	return strings.HasSuffix(w, ".") || strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";")
}

// seconds are the people a byline credits with a review or an edit,
// apart: the authors only when nobody else is named, a reviewer before
// an editor (a review's writer is credited "Reviewed by", and its editor
// did not write it).
type seconds struct{ reviewers, editors []string }

// first returns the reviewers, else the editors.
func (c seconds) first() []string {
	if c.reviewers != nil {
		return c.reviewers
	}
	return c.editors
}

// again reports whether sec credits a review after a reviewer's line, or
// an edit after an editor's: two reviewers' lines under a headline are a
// list of reviews.
func (c seconds) again(sec seconds) bool {
	return sec.reviewers != nil && c.reviewers != nil || sec.editors != nil && c.editors != nil
}

// add keeps sec's reviewers and editors, those of the first line that
// names any.
func (c *seconds) add(sec seconds) {
	if c.reviewers == nil {
		c.reviewers = sec.reviewers
	}
	if c.editors == nil {
		c.editors = sec.editors
	}
}

// splitCredits returns the writer's parts of a line that credits someone
// else too, each to be read as a byline, and the names of a review's and
// an edit's credits (reviewerNames); ok is false when the line credits
// the writer alone, and is read whole.
func splitCredits(s string) (writers []string, sec seconds, ok bool) {
	cs := creditClauses(s)
	for _, c := range cs {
		ok = ok || c.role == roleReview || c.role == roleEdit || c.role == roleOther
	}
	if !ok {
		return nil, seconds{}, false
	}
	for _, c := range cs {
		switch c.role {
		case roleWriter:
			writers = append(writers, cutCreditTail(c.words))
		case roleReview:
			sec.reviewers = append(sec.reviewers, reviewerNames(c.words[c.by+1:])...)
		case roleEdit:
			sec.editors = append(sec.editors, reviewerNames(c.words[c.by+1:])...)
		}
	}
	return writers, sec, true
}

// cutCreditTail returns a writer's clause without its date ("Written by
// Sam Poe on March 3, 2026"): it ends before "on" and a date word or a
// weekday, or before the first word holding a digit, and without the
// separator that ended it.
func cutCreditTail(words []string) string {
	for j, w := range words {
		next := ""
		if j+1 < len(words) {
			next = strings.ToLower(strings.Trim(words[j+1], ".,"))
		}
		if strings.EqualFold(w, "on") && next != "" && (dateWord(next) || englishWeekdays[next]) || strings.ContainsAny(w, "0123456789") {
			words = words[:j]
			break
		}
	}
	return strings.TrimRight(strings.Join(words, " "), " .,;|-–—·•/")
}

// reviewerNames returns the people a review's credit names ("Reviewed by
// Jane Doe"), unless the name carries a doctor's, a professor's or a
// degree's title ("Dr Jane Doe", "Jane Doe, MD", "Jane Doe, MS, RDN"):
// an expert's review signs off what someone else wrote, while a book's or
// a film's reviewer is credited by name alone.
func reviewerNames(words []string) []string {
	for i, w := range words {
		l := strings.ToLower(strings.Trim(w, ".,;:()"))
		if i == 0 && honorifics[l] || i > 0 && (degrees[strings.ReplaceAll(l, ".", "")] || postNominal(words[i-1], w)) {
			return nil
		}
	}
	var out []string
	for _, a := range cleanAuthors(cutCreditTail(words)) {
		if personName(a) && !looksLikeOrg(a) {
			out = append(out, a)
		}
	}
	return out
}

// postNominal reports whether w, after a comma that ends prev, is a
// credential's letters in capitals ("RDN", "CFA", "LPC", "M.S.", "CFP®"):
// credentials are too many to list (degrees holds the common ones, and
// those written in mixed case).
func postNominal(prev, w string) bool {
	l := strings.Trim(w, ".,;:()®")
	if !strings.HasSuffix(prev, ",") || len(strings.ReplaceAll(l, ".", "")) < 2 || len(l) > 8 {
		return false
	}
	for _, r := range l {
		if r != '.' && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

// honorifics and degrees mark an expert's name.
var (
	honorifics = map[string]bool{"dr": true, "doctor": true, "prof": true, "professor": true}
	degrees    = map[string]bool{"md": true, "phd": true, "do": true, "rn": true, "dds": true, "dmd": true, "pharmd": true,
		"np": true, "rd": true, "mph": true, "lcsw": true, "cpa": true, "cfp": true, "esq": true, "jd": true,
		"psyd": true, "edd": true, "msc": true, "drph": true}
)

// englishWeekdays are the English weekdays, lower-case.
var englishWeekdays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true}

// foreignBy are "by" in the other languages whose bylines credit several
// parts ("Par Anne Roy, édité par Jo Lee", "Von Eva Maier, fotografiert
// von Jo Lee"), lower-case.
var foreignBy = map[string]bool{"par": true, "von": true, "por": true, "door": true, "av": true, "af": true,
	"przez": true, "da": true, "di": true, "от": true}

// otherPartCredit reports whether part, after a comma in a byline, credits
// someone's part in another language: a lower-case participle (not a
// name's particle) then "by" before any capitalised word ("édité par Jo
// Lee", "mis à jour par Jo Lee"). A writer's name never opens lower-case
// that way; the English phrases are creditPhrases'.
func otherPartCredit(part string) bool {
	f := strings.Fields(part)
	if len(f) < 3 || !unicode.IsLower([]rune(f[0])[0]) || nameParticles[strings.ToLower(f[0])] {
		return false
	}
	for _, w := range f[1:] {
		if foreignBy[strings.ToLower(w)] {
			return true
		}
		if unicode.IsUpper([]rune(w)[0]) {
			return false
		}
	}
	return false
}
