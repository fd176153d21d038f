package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// monthNames maps lower-case month names and abbreviations in several
// languages to month numbers.
var monthNames = buildMonthNames()

func buildMonthNames() map[string]time.Month {
	monthNames := make(map[string]time.Month)
	add := func(m time.Month, names ...string) {
		for _, n := range names {
			monthNames[n] = m
		}
	}
	add(1, "january", "jan", "januar", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari", "jänner", "styczeń", "stycznia", "январь", "января", "ocak", "يناير", "كانون الثاني", "ιανουαρίου", "leden", "ledna", "tammikuu", "januára", "ianuarie")
	add(2, "february", "feb", "februar", "février", "fevrier", "févr", "fev", "febrero", "febbraio", "fevereiro", "februari", "luty", "lutego", "февраль", "февраля", "şubat", "فبراير", "شباط", "φεβρουαρίου", "únor", "února", "helmikuu", "februára", "februarie")
	add(3, "march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "marzec", "marca", "март", "марта", "mart", "مارس", "آذار", "μαρτίου", "březen", "března", "maaliskuu", "marca", "martie")
	add(4, "april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwiecień", "kwietnia", "апрель", "апреля", "nisan", "أبريل", "إبريل", "نيسان", "απριλίου", "duben", "dubna", "huhtikuu", "apríla", "aprilie")
	add(5, "may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "maja", "май", "мая", "mayıs", "مايو", "أيار", "μαΐου", "květen", "května", "toukokuu", "mája")
	add(6, "june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwiec", "czerwca", "июнь", "июня", "haziran", "يونيو", "يونيه", "حزيران", "ιουνίου", "červen", "června", "kesäkuu", "júna", "iunie")
	add(7, "july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipiec", "lipca", "июль", "июля", "temmuz", "يوليو", "يوليه", "تموز", "ιουλίου", "červenec", "července", "heinäkuu", "júla", "iulie")
	add(8, "august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpień", "sierpnia", "август", "августа", "ağustos", "أغسطس", "آب", "αυγούστου", "srpen", "srpna", "elokuu", "augusta", "august")
	add(9, "september", "sep", "sept", "septembre", "septiembre", "settembre", "set", "setembro", "wrzesień", "września", "сентябрь", "сентября", "eylül", "سبتمبر", "أيلول", "σεπτεμβρίου", "září", "syyskuu", "septembra", "septembrie")
	add(10, "october", "oct", "oktober", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "okt", "październik", "października", "октябрь", "октября", "ekim", "أكتوبر", "تشرين الأول", "οκτωβρίου", "říjen", "října", "lokakuu", "októbra", "octombrie")
	add(11, "november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "ноябрь", "ноября", "kasım", "نوفمبر", "تشرين الثاني", "νοεμβρίου", "listopadu", "marraskuu", "novembra", "noiembrie")
	add(12, "december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre", "dezembro", "grudzień", "grudnia", "декабрь", "декабря", "aralık", "ديسمبر", "كانون الأول", "δεκεμβρίου", "prosinec", "prosince", "joulukuu", "decembra", "decembrie")
	return monthNames
}

// zoneAbbrevs gives UTC offsets in seconds for common zone abbreviations.
var zoneAbbrevs = map[string]int{
	"utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 3600, "ist": 19800, "cet": 3600, "cest": 7200,
	"met": 3600, "mesz": 7200, "mez": 3600, "eet": 7200, "eest": 10800, "msk": 10800,
	"est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600, "mst": -7 * 3600,
	"mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600, "akst": -9 * 3600, "hst": -10 * 3600,
	"jst": 9 * 3600, "kst": 9 * 3600, "aest": 10 * 3600, "aedt": 11 * 3600, "nzst": 12 * 3600, "nzdt": 13 * 3600,
	"sgt": 8 * 3600, "hkt": 8 * 3600, "wib": 7 * 3600,
}

// cjkTime rewrites "10時30分" as "10:30".
var cjkTime = strings.NewReplacer("時", ":", "分", " ", "시", ":", "분", " ")

var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05-0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC850,
	time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 2006 15:04:05 Z0700",
	"Mon Jan 02 2006 15:04:05 GMT-0700",
	"20060102",
	"20060102T150405Z0700",
}

var (
	reISO          = regexp.MustCompile(`(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s,]+(\d{1,2})[:.h](\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?`)
	reDMY          = regexp.MustCompile(`\b(\d{1,2})(?:[./-]|\s\|\s)(\d{1,2})(?:[./-]|\s\|\s)(\d{4})\b`)
	reCJK          = regexp.MustCompile(`(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?`)
	reDayMonth     = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?([\p{L}]{3,}(?:\s[\p{L}]+)?)\.?,?\s*(?:de\s+)?(\d{4})\b`)
	reMonthDay     = regexp.MustCompile(`(?i)\b([\p{L}]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	reTime         = regexp.MustCompile(`(?i)\b(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(?:\(?([a-z]{1,5})\)?\b|([+-]\d{2}:?\d{2})\b)?`)
	reDMYShort     = regexp.MustCompile(`(?:^|[^\d.\pL])(\d{1,2})\.(\d{1,2})\.(\d{2})(?:$|[^\d.])`)
	reURLDate      = regexp.MustCompile(`/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_-]|$)`)
	reURLShort     = regexp.MustCompile(`/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/`)
	reURLDMY       = regexp.MustCompile(`/(0[1-9]|[12]\d|3[01])[-.](0[1-9]|1[0-2])[-.]((?:19|20)\d{2})(?:[/_.-]|$)`)
	reURLMonthName = regexp.MustCompile(`(?i)/((?:19|20)\d{2})/([a-z]{3,9})/(\d{1,2})/`)
)

// normDigits replaces Arabic-Indic, Persian and full-width digits with
// ASCII digits.
func normDigits(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + r - '٠'
		case r >= '۰' && r <= '۹':
			return '0' + r - '۰'
		case r >= '０' && r <= '９':
			return '0' + r - '０'
		case r == '\u00a0' || r == '\u202f':
			return ' '
		}
		return r
	}, s)
}

// ParseDate reads a date in any of the common machine formats (RFC 3339,
// ISO 8601, RFC 1123, Unix seconds or milliseconds, YYYYMMDD) or written
// out in text in several languages ("17 May 2024", "May 17th, 2024 10:30
// am EDT", "17. Mai 2024", "2024年5月17日", "17/05/2024"). Times without a
// zone are taken as UTC. It reports false when s holds no date.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(normDigits(s))
	if strings.Contains(s, "時") {
		s = cjkTime.Replace(s)
	}
	if s == "" || len(s) > 300 {
		return time.Time{}, false
	}
	if t, ok := parseMachineDate(s); ok {
		return t, true
	}
	return parseTextDate(s)
}

func parseMachineDate(s string) (time.Time, bool) {
	allDigits := true
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			allDigits = false
			break
		}
	}
	if allDigits {
		switch len(s) {
		case 10, 13:
			v, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return time.Time{}, false
			}
			if len(s) == 13 {
				return time.UnixMilli(v).UTC(), true
			}
			return time.Unix(v, 0).UTC(), true
		case 8:
			t, err := time.Parse("20060102", s)
			return t, err == nil
		}
		return time.Time{}, false
	}
	if len(s) < 8 {
		return time.Time{}, false
	}
	for _, l := range isoLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return fixZone(t), true
		}
	}
	return time.Time{}, false
}

// fixZone replaces zones that time.Parse could only name (MST read without
// an offset) by their known offset.
func fixZone(t time.Time) time.Time {
	name, off := t.Zone()
	if off == 0 && name != "" && name != "UTC" && name != "GMT" && name != "Z" {
		if o, ok := zoneAbbrevs[strings.ToLower(name)]; ok {
			return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, o)).In(time.FixedZone("", o))
		}
	}
	return t
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// parseTextDate finds a date in free text.
func parseTextDate(s string) (time.Time, bool) {
	var y, mo, d int
	rest := ""
	if m := reISO.FindStringSubmatchIndex(s); m != nil {
		y, mo, d = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		if m[8] >= 0 {
			hh, mm, ss := atoi(s[m[8]:m[9]]), atoi(s[m[10]:m[11]]), 0
			if m[12] >= 0 {
				ss = atoi(s[m[12]:m[13]])
			}
			loc := time.UTC
			if m[14] >= 0 {
				loc = parseOffset(s[m[14]:m[15]])
			}
			if valid(y, mo, d) && hh < 24 && mm < 60 && ss < 61 {
				return time.Date(y, time.Month(mo), d, hh, mm, ss, 0, loc), true
			}
		}
		rest = s[m[1]:]
	} else if m := reCJK.FindStringSubmatchIndex(s); m != nil {
		y, mo, d = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		rest = s[m[1]:]
	} else if m := reDayMonth.FindStringSubmatchIndex(s); m != nil && monthOf(s[m[4]:m[5]]) > 0 {
		d, mo, y = atoi(s[m[2]:m[3]]), int(monthOf(s[m[4]:m[5]])), atoi(s[m[6]:m[7]])
		rest = s[m[1]:]
	} else if m := reMonthDay.FindStringSubmatchIndex(s); m != nil && monthOf(s[m[2]:m[3]]) > 0 {
		mo, d, y = int(monthOf(s[m[2]:m[3]])), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		rest = s[m[1]:]
	} else if m := reDMY.FindStringSubmatchIndex(s); m != nil {
		a, b := atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]])
		y = atoi(s[m[6]:m[7]])
		d, mo = a, b
		if s[m[3]] == '/' && a <= 12 && b > 12 {
			d, mo = b, a
		}
		rest = s[m[1]:]
	} else {
		// Month names that the regular expressions did not pair, e.g.
		// Arabic with two-word month names.
		return parseWordDate(s)
	}
	if !valid(y, mo, d) {
		return time.Time{}, false
	}
	hh, mm, loc := 0, 0, time.UTC
	if m := reTime.FindStringSubmatch(rest); m != nil {
		hh, mm = atoi(m[1]), atoi(m[2])
		switch strings.ToLower(strings.ReplaceAll(m[4], ".", "")) {
		case "pm":
			if hh < 12 {
				hh += 12
			}
		case "am":
			if hh == 12 {
				hh = 0
			}
		}
		if m[5] != "" {
			if off, ok := zoneAbbrevs[strings.ToLower(m[5])]; ok {
				loc = time.FixedZone("", off)
			}
		} else if m[6] != "" {
			loc = parseOffset(m[6])
		}
		if hh > 23 || mm > 59 {
			hh, mm = 0, 0
		}
	}
	return time.Date(y, time.Month(mo), d, hh, mm, 0, 0, loc), true
}

// parseWordDate finds day, month name and year as separate words.
func parseWordDate(s string) (time.Time, bool) {
	var d, y int
	var mo time.Month
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '.' || r == '،' || r == '-' || r == '/'
	})
	for i, f := range fields {
		if m, ok := monthNames[f]; ok && mo == 0 {
			mo = m
			continue
		}
		if i+1 < len(fields) && mo == 0 {
			if m, ok := monthNames[f+" "+fields[i+1]]; ok {
				mo = m
				continue
			}
		}
		if n, err := strconv.Atoi(f); err == nil {
			switch {
			case n >= 1900 && n <= 2100 && y == 0:
				y = n
			case n >= 1 && n <= 31 && d == 0:
				d = n
			}
		}
	}
	if y == 0 || mo == 0 || d == 0 || !valid(y, int(mo), d) {
		return time.Time{}, false
	}
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), true
}

func monthOf(name string) time.Month {
	return monthNames[strings.ToLower(strings.TrimSuffix(name, "."))]
}

func valid(y, m, d int) bool {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

func parseOffset(s string) *time.Location {
	if s == "Z" || s == "z" {
		return time.UTC
	}
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	s = strings.ReplaceAll(s[1:], ":", "")
	if len(s) != 4 {
		return time.UTC
	}
	h, m := atoi(s[:2]), atoi(s[2:])
	if h > 14 || m > 59 {
		return time.UTC
	}
	return time.FixedZone("", sign*(h*3600+m*60))
}

// parseShortDate reads a date like ParseDate and, failing that, a day,
// month and two-digit year written with dots ("28.01.22"), as German and
// other European sites print them in post details. Two-digit years are
// too ambiguous for free text; callers use this on short texts of
// elements named for a date.
func parseShortDate(s string) (time.Time, bool) {
	if t, ok := ParseDate(s); ok {
		return t, true
	}
	m := reDMYShort.FindStringSubmatch(normDigits(s))
	if m == nil {
		return time.Time{}, false
	}
	d, mo, y := atoi(m[1]), atoi(m[2]), 2000+atoi(m[3])
	if !valid(y, mo, d) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
}

// dateFromURL reads a /2024/05/17/ style date from a URL path.
func dateFromURL(u string) (time.Time, bool) {
	if m := reURLDate.FindStringSubmatch(u); m != nil {
		y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
		if valid(y, mo, d) {
			return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
		}
	}
	if m := reURLShort.FindStringSubmatch(u); m != nil {
		y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
		if valid(y, mo, d) {
			return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
		}
	}
	if m := reURLDMY.FindStringSubmatch(u); m != nil {
		d, mo, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
		if valid(y, mo, d) {
			return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
		}
	}
	if m := reURLMonthName.FindStringSubmatch(u); m != nil {
		y, d := atoi(m[1]), atoi(m[3])
		if mo := monthOf(m[2]); mo > 0 && valid(y, int(mo), d) {
			return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}
