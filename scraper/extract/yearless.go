package extract

import (
	"strconv"
	"strings"
	"time"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// reYearless matches a segment of a title or dateline that is a day and
// month without a year, the month in two digits, with the closing dot,
// after at most a weekday and before at most a time of day ("30.11." in
// "30.11. | Buch der Woche", "Mo, 30.11.", "Montag, 30.11., 18:00 Uhr"):
// not a date inside a sentence ("bis 03.04. gültig"), after another word
// ("bis 30.11.", an offer's end; "Nr. 12.10."), not a version or a section
// number ("Version 2.1.", "5.1. More on Lists"), not a full date.
var reYearless = lazyRE(`(?i)^(?:(?:` + weekdayAbbrevs + `)\.?,?\s+|(?:` + weekdayNames + `),\s+)?([0-3]?\d)\.(0\d|1[0-2])\.(?:,?\s*\d{1,2}[:.]\d{2}(?:\s*uhr)?)?$`)

// reYearlessCJK matches a segment that is a month and day written with
// the CJK date signs and no year, in brackets or not, before at most the
// weekday in brackets and a time of day ("6月24日", "[06月24日 11時30分]",
// "6月24日(火) 11:30", "6월 24일(월) 11:30"): how
// Japanese, Chinese and Korean news pages print the day of a story of
// the current year under its headline.
var reYearlessCJK = lazyRE(`^[\[(（【]?\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일](?:\s*[(（][月火水木金土日월화수목금토일][)）])?(?:\s*\d{1,2}\s*[時:시]\s*\d{2}\s*[分분]?)?\s*[\])）】]?$`)

// weekdayAbbrevs are the weekdays' short forms in the languages of the
// month names (German, English, French, Dutch, Spanish, Italian,
// Portuguese, the Scandinavian languages, Finnish, Polish, Czech, Slovak,
// Hungarian, Croatian, Romanian).
const weekdayAbbrevs = `mo|di|mi|do|fr|sa|so|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|tu|we|th|su|` +
	`lun|mar|mer|jeu|ven|sam|dim|ma|wo|vr|za|zo|mié|mie|jue|vie|sáb|sab|dom|gio|seg|ter|qua|qui|sex|` +
	`man|tir|ons|tor|fre|lør|søn|mån|tis|lör|sön|ti|ke|to|pe|la|pon|wt|śr|czw|pt|sob|ndz|nd|po|út|ut|st|čt|pá|ne|` +
	`sze|cs|szo|uto|sri|čet|pet|sub|ned|joi|vin|sâm|dum`

// weekdayNames are the weekdays' full names in the same languages.
const weekdayNames = `montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|` +
	`monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|` +
	`maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|lunes|martes|miércoles|jueves|viernes|sábado|domingo|` +
	`lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|segunda|terça|quarta|quinta|sexta|` +
	`mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tisdag|lördag|söndag|` +
	`maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai|` +
	`poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela|pondělí|úterý|středa|čtvrtek|pátek|neděle|` +
	`pondelok|utorok|streda|štvrtok|piatok|nedeľa|hétfő|kedd|szerda|csütörtök|péntek|szombat|vasárnap|` +
	`ponedjeljak|utorak|srijeda|četvrtak|petak|subota|nedjelja|luni|marți|marţi|miercuri|vineri|sâmbătă|duminică`

// reSegmentSep splits a title or dateline into its segments.
var reSegmentSep = lazyRE(`\s*(?:[|–—·•]|\s-\s)\s*`)

// reISODay finds a full date written as yyyy-mm-dd anywhere in a value
// (an asset's version, "style.css?v=2022-10-22").
var reISODay = lazyRE(`(?:^|\D)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?:\D|$)`)

// yearlessDate returns a day and month printed without a year in the
// page's title or under its headline, completed with a year: the latest
// occurrence not after the fetch time the caller gave (a publication
// precedes its fetch), or else the one nearest the latest full date in
// the version stamps of the page's stylesheets and scripts, which
// precede the page's rendering.
// The last resort of a page that states no date otherwise.
func (c *dateCtx) yearlessDate() *stamp {
	p := c.p
	texts := []string{p.titleTag, p.meta("og:title")}
	for _, n := range p.headTextNodes() {
		if p.itemLink(n) != linkOther && !eventDate(n) {
			texts = append(texts, n.Data)
		}
	}
	var d, m int
	for _, t := range texts {
		if d, m = dayMonth(t); d > 0 {
			break
		}
	}
	if d == 0 {
		return nil
	}
	var day time.Time
	if !c.fetched.IsZero() {
		day = latestBefore(d, time.Month(m), c.fetched.Add(maxFetchLead))
	} else if ref := p.latestAttrDay(); !ref.IsZero() {
		day = nearestYear(d, time.Month(m), ref)
	}
	if day.IsZero() {
		return nil
	}
	s := dayStamp(day.Date())
	if !p.stampOK(s) {
		return nil
	}
	return &s
}

// dayMonth returns the first day and month without a year that is a
// segment of t (reYearless), or zeros.
func dayMonth(t string) (day, month int) {
	for _, seg := range reSegmentSep.Split(strings.TrimSpace(t), -1) {
		di, mi := 1, 2
		sm := reYearless.FindStringSubmatch(seg)
		if sm == nil {
			// The CJK order is month, then day.
			sm, di, mi = reYearlessCJK.FindStringSubmatch(normDigits(seg)), 2, 1
		}
		if sm == nil {
			continue
		}
		d, _ := strconv.Atoi(sm[di])
		m, _ := strconv.Atoi(sm[mi])
		if d >= 1 && d <= 31 && m >= 1 && m <= 12 {
			return d, m
		}
	}
	return 0, 0
}

// maxFetchLead is how far ahead of the fetch time (UTC) a day may lie:
// the fetch's day in zones east of UTC.
const maxFetchLead = 14 * time.Hour

// latestBefore returns the latest day d of month m that begins no later
// than limit, within the two years before it; zero when there is none.
func latestBefore(d int, m time.Month, limit time.Time) time.Time {
	for y := limit.Year(); y >= limit.Year()-2; y-- {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if t.Day() == d && !t.After(limit) {
			return t
		}
	}
	return time.Time{}
}

// nearestYear returns day d of month m in the year that puts it nearest
// ref: ref's year, the one before or the one after.
func nearestYear(d int, m time.Month, ref time.Time) time.Time {
	var best time.Time
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			continue // 29 February in a common year
		}
		if best.IsZero() || t.Sub(ref).Abs() < best.Sub(ref).Abs() {
			best = t
		}
	}
	return best
}

// latestAttrDay returns the latest full date (yyyy-mm-dd) in the query
// of the page's stylesheet links and script sources (their version
// stamps), not after the fetch; zero when there is none.
func (p *page) latestAttrDay() time.Time {
	var latest time.Time
	for n := range p.root.Descendants() {
		if t := p.versionDay(n); t.After(latest) {
			latest = t
		}
	}
	return latest
}

// versionDay returns the latest full date in the query of n's address
// when n is a stylesheet link or a script with a source; else zero.
func (p *page) versionDay(n *xhtml.Node) time.Time {
	var src string
	switch {
	case n.Type != xhtml.ElementNode:
		return time.Time{}
	case n.DataAtom == atom.Link && hasToken(attr(n, "rel"), "stylesheet"):
		src = attr(n, "href")
	case n.DataAtom == atom.Script:
		src = attr(n, "src")
	}
	_, q, ok := strings.Cut(src, "?")
	if !ok {
		return time.Time{}
	}
	var latest time.Time
	for _, sm := range reISODay.get().FindAllStringSubmatch(q, -1) {
		y, _ := strconv.Atoi(sm[1])
		mo, _ := strconv.Atoi(sm[2])
		d, _ := strconv.Atoi(sm[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Day() == d && int(t.Month()) == mo && p.dateOK(t) && t.After(latest) {
			latest = t
		}
	}
	return latest
}

// hasToken reports whether the space-separated value v holds word w,
// case aside.
func hasToken(v, w string) bool {
	for _, f := range strings.Fields(v) {
		if strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}
