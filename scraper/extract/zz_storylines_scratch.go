package extract

// SCRATCH (not to be committed as is): environment switches for ex31rd's measurements.

import (
	"fmt"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"os"
	"strconv"
	"strings"
	"unicode"
)

var zz = func() (z struct {
	on, runs, items, dropCited bool
	out, drop, words           int
	netfix                     int
	para                       bool
	kinds                      int
}) {
	z.on = os.Getenv("ZZ_SL") != ""
	z.runs = os.Getenv("ZZ_SL_RUNS") != ""
	z.items = os.Getenv("ZZ_SL_ITEMS") != ""
	z.dropCited = os.Getenv("ZZ_DROPCITED") != ""
	z.out, _ = strconv.Atoi(os.Getenv("ZZ_SL_OUT"))
	z.drop, _ = strconv.Atoi(os.Getenv("ZZ_SL_DROP"))
	z.words = 30
	if w, err := strconv.Atoi(os.Getenv("ZZ_SL_WORDS")); err == nil {
		z.words = w
	}
	z.netfix, _ = strconv.Atoi(os.Getenv("ZZ_NETFIX"))
	z.para = os.Getenv("ZZ_SL_PARA") != ""
	z.kinds, _ = strconv.Atoi(os.Getenv("ZZ_SL_KINDS"))
	return
}()

func zzStoryLines(bs []block) []bool {
	if !zz.on {
		return nil
	}
	first, last := -1, -1
	for i, b := range bs {
		if storyProse(b) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return nil
	}
	var marks []bool
	var seen map[string]int
	linked := func(j int) bool { return j >= 0 && j < len(bs) && bs[j].link > 0.5 }
	for i, b := range bs {
		if b.link <= 0.5 || b.kind == kindQuote || b.kind == kindItem && !zz.items || numFields(b.text) > zz.words || zzPromo(b.text) {
			continue
		}
		if zz.kinds != 0 && (b.kind == kindPara && zz.kinds&1 == 0 || b.heads() && zz.kinds&2 == 0 || b.kind == kindRow && zz.kinds&4 == 0) {
			continue
		}
		if zzHeadNext && b.heads() && (i+1 >= len(bs) || bs[i+1].link > 0.5 || bs[i+1].heads()) {
			continue
		}
		if zz.para && (b.kind != kindPara || i <= first || i >= last || !storyProse(bs[i-1]) || !storyProse(bs[i+1])) {
			continue
		}
		if i > first && i < last {
			if !zz.runs && (linked(i-1) || linked(i+1)) {
				continue
			}
		} else {
			switch zz.out {
			case 0:
				continue
			case 1:
				if linked(i-1) || linked(i+1) {
					continue
				}
			default:
				if i == 0 || i == len(bs)-1 || linked(i-1) || linked(i+1) {
					continue
				}
			}
		}
		if zzLeak(bs, i, first, last, zz.drop) {
			continue
		}
		if seen == nil {
			seen = linkedTexts(bs)
		}
		if seen[b.text] > 1 {
			continue
		}
		if marks == nil {
			marks = make([]bool, len(bs))
		}
		marks[i] = true
		if zzDump {
			fmt.Fprintf(os.Stderr, "ZZ keep i=%d first=%d last=%d n=%d kind=%d link=%.2f prev=%.60q next=%.60q text=%.100q\n", i, first, last, len(bs), b.kind, b.link, zzText(bs, i-1), zzText(bs, i+1), b.text)
		}
	}
	return marks
}

func linkedTexts(bs []block) map[string]int {
	seen := make(map[string]int)
	for _, b := range bs {
		if b.link > 0.5 {
			seen[b.text]++
		}
	}
	return seen
}

func zzPromo(t string) bool {
	t = strings.TrimSpace(t)
	return zzShouted(t) || isBoilerLine(t) || isCallToAction(t) || reAddressed.MatchString(t) || reAddressedOther.MatchString(t)
}

func zzShouted(t string) bool {
	up, low := 0, 0
	for _, r := range t {
		switch {
		case unicode.IsUpper(r):
			up++
		case unicode.IsLower(r):
			low++
		}
	}
	return up >= 4 && low == 0 && numFields(t) >= 2
}

var zzOffer = lazyRE(`(?i)\b(?:learn more|read more|find out more|more info(?:rmation)?|mehr (?:informationen|infos?|erfahren|lesen)|weitere (?:informationen|infos)|weiterlesen|en savoir plus|más información|más info|leer más|add to (?:cart|basket|bag)|in den warenkorb|jetzt (?:kaufen|bestellen|buchen)|buy now|shop now|order now|book now|download)\b|[$€£]\s?\d|\d[\d.,]*\s?(?:€|EUR|USD|CHF)\b`)

var zzRelatedLead = lazyRE(`(?i)^(?:(?:le|te|les) puede(?:n)? interesar|lea también|lee también|leer también|lesen sie auch|lies auch|auch interessant|mehr zum thema|das könnte sie auch interessieren|read also|also read|see also|related(?: stories| articles| posts| reading)?|more on this|more from|more about|más sobre|mehr zu|mehr über|plus sur|lue myös|läs också|à lire aussi|lire aussi|voir aussi|leia também|veja também|leggi anche|potrebbe interessarti)\b`)

// zzLeak: bit 1 colon at the end; 2 offer; 4 short line right after the last prose; 8 related lead-in; 16 a headline after the story.
func zzLeak(bs []block, i, first, last, mask int) bool {
	t := strings.TrimSpace(bs[i].text)
	if mask&1 != 0 && strings.HasSuffix(t, ":") {
		return true
	}
	if mask&2 != 0 && zzOffer.MatchString(t) {
		return true
	}
	if mask&4 != 0 && last >= 0 && i == last+1 && numFields(t) <= 4 {
		return true
	}
	if mask&8 != 0 && zzRelatedLead.MatchString(t) {
		return true
	}
	if mask&16 != 0 && last >= 0 && i > last && numFields(t) >= 5 && !endsSentence(t) {
		return true
	}
	if mask&32 != 0 && i > 0 && bs[i-1].link <= 0.5 && isLeadIn(bs[i-1].text) {
		return true
	}
	if mask&32 != 0 && i > 0 && bs[i-1].link > 0.5 {
		// in a run: the run's first line follows a lead-in
		j := i
		for j > 0 && bs[j-1].link > 0.5 {
			j--
		}
		if j > 0 && isLeadIn(bs[j-1].text) {
			return true
		}
	}
	outside := i < first || i > last
	if mask&64 != 0 && outside && zzLabel.MatchString(t) {
		return true
	}
	if mask&128 != 0 && last >= 0 && i > last && numFields(t) <= 4 && !bareAddress(t) {
		return true
	}
	if mask&512 != 0 && i == len(bs)-1 && numFields(t) <= 4 && !bareAddress(t) {
		return true
	}
	if mask&1024 != 0 && zzMoreInfo.MatchString(t) {
		return true
	}
	if mask&2048 != 0 && zzFileSize.MatchString(t) {
		return true
	}
	if mask&4096 != 0 && i < first && numFields(t) <= 2 && !bareAddress(t) {
		return true
	}
	if mask&8192 != 0 && zzRelatedLead2.MatchString(t) {
		return true
	}
	if mask&256 != 0 && isDisclosure(t) {
		return true
	}
	return false
}

var zzLabel = lazyRE(`^[^\s:]+(?:\s+[^\s:]+){0,2}\s*:\s*\S`)

var zzDump = os.Getenv("ZZ_DUMP") != ""

func zzText(bs []block, j int) string {
	if j < 0 || j >= len(bs) {
		return "<edge>"
	}
	return fmt.Sprintf("%.2f %s", bs[j].link, bs[j].text)
}

var zzMoreInfo = lazyRE(`(?i)\b(?:learn more|find out more|more information|further information|mehr informationen|weitere informationen|en savoir plus|plus d'informations|más información|mais informações|maggiori informazioni)\b`)

var zzFileSize = lazyRE(`(?i)\b(?:pdf|docx?|xlsx?|pptx?|zip|mp3|epub)\b[^\n]{0,12}?\d+(?:[.,]\d+)?\s?(?:[kmg]i?b|kilobytes?|megabytes?)\b`)

var zzRelatedLead2 = lazyRE(`(?i)^(?:(?:le|te|les) puede(?:n)? interesar|lea también|lee también|leer también|lea aquí|lesen sie auch|lies auch|auch interessant|mehr zum thema|das könnte sie auch interessieren|read also|also read|see also|more on this|à lire aussi|lire aussi|voir aussi|leia também|veja também|leggi anche|potrebbe interessarti|lue myös|läs också|más sobre|mehr zu)\b`)

var zzExp = os.Getenv("ZZ_EXP") != ""

// pastExpander: the top candidate's parent when it adds only a few linked words (a "Read more" expander).
func (x *contentExtractor) pastExpander(top *html.Node) *html.Node {
	parent := top.Parent
	if parent == nil || parent.DataAtom == atom.Body || parent.DataAtom == atom.Html {
		return top
	}
	ti, pi := x.info(top), x.info(parent)
	if ti == nil || pi == nil || pi.junk {
		return top
	}
	extra, linked := pi.text-ti.text, pi.link-ti.link
	if extra > 0 && extra <= 60 && linked == extra {
		if zzDump {
			fmt.Fprintf(os.Stderr, "ZZ expander extra=%d\n", extra)
		}
		return parent
	}
	return top
}

var zzHeadNext = os.Getenv("ZZ_SL_HEADNEXT") != ""
