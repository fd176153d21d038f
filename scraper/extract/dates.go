package extract

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/archivist-project/archivist/corpus"
)

// monthNames maps lower-case month names and abbreviations in the
// languages the extractor reads to month numbers. Arabic names are stored
// folded (see foldMonth): both the Levantine and Iraqi names (كانون
// الثاني) and the Egyptian and Gulf ones (يناير), with the Maghreb forms.
// The map is built on first use: about a thousand names, folded one by
// one, are a third of the package's initialisation, which every start of
// the binary paid, whatever the command.
var monthNames = sync.OnceValue(buildMonthNames)

func buildMonthNames() map[string]time.Month {
	monthNames := make(map[string]time.Month)
	add := func(m time.Month, names ...string) {
		for _, n := range names {
			monthNames[foldMonth(n)] = m
		}
	}
	add(1, "january", "jan", "januar", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari", "jänner", "styczeń", "stycznia", "январь", "января", "янв", "ocak", "oca", "يناير", "كانون الثاني", "كانون ثاني", "جانفي", "ιανουαρίου", "ιανουάριος", "ιαν", "leden", "ledna", "tammikuu", "januára", "ianuarie", "ژانویه", "ינואר", "जनवरी", "มกราคม", "tammikuuta", "január", "siječanj", "siječnja",
		"січня", "січень", "януари", "јануар", "јануари", "студзеня", "sausio", "janvāris", "janvāra", "jaanuar", "gener", "جنوری", "জানুয়ারি", "জানুয়ারি", "જાન્યુઆરી", "जानेवारी", "ஜனவரி")
	add(2, "february", "feb", "februar", "février", "fevrier", "févr", "fev", "febrero", "febbraio", "fevereiro", "februari", "luty", "lutego", "февраль", "февраля", "фев", "şubat", "subat", "şub", "فبراير", "شباط", "فيفري", "φεβρουαρίου", "φεβρουάριος", "φεβ", "únor", "února", "helmikuu", "februára", "februarie", "فوریه", "פברואר", "फ़रवरी", "फरवरी", "กุมภาพันธ์", "helmikuuta", "február", "febr", "veljača", "veljače",
		"лютого", "лютий", "февруари", "фебруар", "лютага", "vasario", "februāris", "februāra", "veebruar", "febrer", "pebrero", "فروری", "ফেব্রুয়ারি", "ফেব্রুয়ারি", "ફેબ્રુઆરી", "फेब्रुवारी", "பிப்ரவரி")
	add(3, "march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "marzec", "marca", "март", "марта", "mart", "maret", "مارس", "آذار", "μαρτίου", "μάρτιος", "μαρ", "březen", "března", "maaliskuu", "martie", "מרץ", "मार्च", "มีนาคม", "marts", "maaliskuuta", "március", "márc", "ožujak", "ožujka",
		"березня", "березень", "сакавіка", "kovo", "märts", "març", "marec", "marso", "mrt", "مارچ", "মার্চ", "માર્ચ", "மார்ச்")
	add(4, "april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwiecień", "kwietnia", "апрель", "апреля", "апр", "nisan", "nis", "أبريل", "إبريل", "نيسان", "أفريل", "απριλίου", "απρίλιος", "απρ", "duben", "dubna", "huhtikuu", "apríla", "aprilie", "آوریل", "אפריל", "अप्रैल", "เมษายน", "huhtikuuta", "április", "ápr", "travanj", "travnja",
		"квітня", "квітень", "април", "красавіка", "balandžio", "aprīlis", "aprīļa", "aprill", "اپریل", "এপ্রিল", "એપ્રિલ", "एप्रिल", "ஏப்ரல்")
	add(5, "may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "maja", "май", "мая", "mayıs", "mayis", "مايو", "أيار", "ماي", "μαΐου", "μάιος", "μαϊ", "květen", "května", "toukokuu", "mája", "مه", "מאי", "मई", "พฤษภาคม", "toukokuuta", "május", "máj", "svibanj", "svibnja",
		"травня", "травень", "мај", "gegužės", "maijs", "maija", "maig", "مئی", "মে", "મે", "மே")
	add(6, "june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwiec", "czerwca", "июнь", "июня", "июн", "haziran", "haz", "يونيو", "يونيه", "حزيران", "جوان", "ιουνίου", "ιούνιος", "ιουν", "červen", "června", "kesäkuu", "júna", "iunie", "ژوئن", "יוני", "जून", "มิถุนายน", "kesäkuuta", "június", "jún", "lipanj", "lipnja",
		"червня", "червень", "юни", "јун", "јуни", "чэрвеня", "birželio", "jūnijs", "jūnija", "juuni", "juny", "junij", "hunyo", "جون", "জুন", "જૂન", "ஜூன்")
	add(7, "july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipiec", "lipca", "июль", "июля", "июл", "temmuz", "tem", "يوليو", "يوليه", "تموز", "يوليوز", "جويلية", "ιουλίου", "ιούλιος", "ιουλ", "červenec", "července", "heinäkuu", "júla", "iulie", "ژوئیه", "יולי", "जुलाई", "กรกฎาคม", "heinäkuuta", "július", "júl", "srpanj", "srpnja",
		"липня", "липень", "юли", "јул", "јули", "ліпеня", "liepos", "jūlijs", "jūlija", "juuli", "juliol", "julij", "julai", "hulyo", "جولائی", "জুলাই", "જુલાઈ", "जुलै", "ஜூலை")
	add(8, "august", "aug", "août", "aout", "agosto", "ago", "augustus", "augusti", "agustus", "sierpień", "sierpnia", "август", "августа", "авг", "ağustos", "agustos", "ağu", "أغسطس", "آب", "غشت", "أوت", "αυγούστου", "αύγουστος", "αυγ", "srpen", "srpna", "elokuu", "augusta", "اوت", "אוגוסט", "अगस्त", "สิงหาคม", "elokuuta", "augusztus", "kolovoz", "kolovoza",
		"серпня", "серпень", "жніўня", "rugpjūčio", "augusts", "agost", "avgust", "ogos", "اگست", "আগস্ট", "ઓગસ્ટ", "ऑगस्ट", "ஆகஸ்ட்")
	add(9, "september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro", "wrzesień", "września", "сентябрь", "сентября", "сен", "сент", "eylül", "eylul", "eyl", "سبتمبر", "أيلول", "شتنبر", "σεπτεμβρίου", "σεπτέμβριος", "σεπ", "září", "syyskuu", "septembra", "septembrie", "سپتامبر", "ספטמבר", "सितंबर", "सितम्बर", "กันยายน", "syyskuuta", "szeptember", "szept", "rujan", "rujna",
		"вересня", "вересень", "септември", "септембар", "верасня", "rugsėjo", "septembris", "setembre", "septembar", "setyembre", "ستمبر", "সেপ্টেম্বর", "સપ્ટેમ્બર", "सप्टेंबर", "செப்டம்பர்")
	add(10, "october", "oct", "oktober", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "okt", "październik", "października", "октябрь", "октября", "окт", "ekim", "eki", "أكتوبر", "تشرين الأول", "تشرين أول", "οκτωβρίου", "οκτώβριος", "οκτ", "říjen", "října", "lokakuu", "októbra", "octombrie", "اکتبر", "אוקטובר", "अक्टूबर", "ตุลาคม", "lokakuuta", "október",
		"жовтня", "жовтень", "октомври", "октобар", "кастрычніка", "spalio", "oktobris", "oktobra", "oktoober", "oktobar", "oktubre", "اکتوبر", "অক্টোবর", "ઓક્ટોબર", "ऑक्टोबर", "அக்டோபர்")
	add(11, "november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "ноябрь", "ноября", "ноя", "kasım", "kasim", "kas", "نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر", "νοεμβρίου", "νοέμβριος", "νοε", "listopadu", "marraskuu", "novembra", "noiembrie", "نوامبر", "נובמבר", "नवंबर", "नवम्बर", "พฤศจิกายน", "marraskuuta", "studeni", "studenoga", "studenog",
		"листопада", "листопад", "ноември", "новембар", "лістапада", "lapkričio", "novembris", "novembar", "nobyembre", "نومبر", "নভেম্বর", "નવેમ્બર", "नोव्हेंबर", "நவம்பர்")
	add(12, "december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre", "dezembro", "desember", "grudzień", "grudnia", "декабрь", "декабря", "дек", "aralık", "aralik", "ara", "ديسمبر", "كانون الأول", "كانون أول", "دجنبر", "δεκεμβρίου", "δεκέμβριος", "δεκ", "prosinec", "prosince", "joulukuu", "decembra", "decembrie", "دسامبر", "דצמבר", "दिसंबर", "दिसम्बर", "ธันวาคม", "joulukuuta", "prosinac", "prosinca",
		"грудня", "грудень", "декември", "децембар", "снежня", "gruodžio", "decembris", "detsember", "desembre", "decembar", "disember", "disyembre", "دسمبر", "ডিসেম্বর", "ડિસેમ્બર", "डिसेंबर", "டிசம்பர்")
	return monthNames
}

// monthFolder folds the spelling variants that month names are written
// with: the hamza forms of alef, alef maqsura and tatweel in Arabic, the
// Persian yeh and kaf that Persian pages also write with the Arabic
// letters ("تير" for "تیر"), and the final sigma in Greek (upper-case
// text lowers to σ).
var monthFolder = strings.NewReplacer("أ", "ا", "إ", "ا", "آ", "ا", "ى", "ي", "ی", "ي", "ک", "ك", "ـ", "", "ς", "σ")

// foldMonth folds a lower-case month name (see monthFolder).
func foldMonth(s string) string {
	if !strings.ContainsAny(s, "أإآىیکـς") {
		return s
	}
	return monthFolder.Replace(s)
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
	"2006-01-02T15:04:05-07",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05-0700",
	"2006-01-02 15:04:05-07",
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
	reISO          = lazyRE(`(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s,]+(\d{1,2})[:.h](\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?\b)?)?`)
	reDMY          = lazyRE(`\b(\d{1,2})(?:[./-]|\.[\s\x{a0}\x{2009}\x{202f}]{1,2}|\s\|\s)(\d{1,2})(?:[./-]|\.[\s\x{a0}\x{2009}\x{202f}]{1,2}|\s\|\s)(\d{4})\b`)
	reCJK          = lazyRE(`(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?`)
	reVietnamese   = lazyRE(`(?i)\b(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*,\s*|\s+năm\s+|\s+)(\d{4})\b`)
	reDayMonth     = lazyRE(`(?i)\b(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?([\p{L}]{3,}(?:\s[\p{L}]+)?)\.?,?\s*(?:de\s+)?(\d{4})\b`)
	reMonthDay     = lazyRE(`(?i)\b([\p{L}]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	reTime         = lazyRE(`(?i)\b(\d{1,2})(?:[:.]|\s?h\s?)(\d{2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|صباحًا|صباحا|مساءً|مساء|ص|م)?\s*(?:uhr\s+)?(?:\(?((?:gmt|utc)\s*[+-]\d{1,2}(?::?\d{2})?)\)?|\(?([a-z]{1,5})\)?\b|([+-]\d{2}:?\d{2})\b)?`)
	reZone         = lazyRE(`(?i)^\s*(?:\(?((?:gmt|utc)\s*[+-]\d{1,2}(?::?\d{2})?)\)?|\(?([a-z]{1,5})\)?\b)`)
	reDMYShort     = lazyRE(`(?:^|[^\d.\pL])(\d{1,2})\.(\d{1,2})\.(\d{2})(?:$|[^\d.])`)
	reURLDate      = lazyRE(`/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_-]|$)`)
	reURLShort     = lazyRE(`/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/`)
	reURLDMY       = lazyRE(`/(0[1-9]|[12]\d|3[01])[-.](0[1-9]|1[0-2])[-.]((?:19|20)\d{2})(?:[/_.-]|$)`)
	reURLMonthName = lazyRE(`(?i)/((?:19|20)\d{2})/([a-z]{3,9})/(\d{1,2})/`)
)

// normDigits replaces Arabic-Indic, Persian, full-width, Indic (Devanagari,
// Bengali, Gujarati, Tamil...), Thai and Lao digits with ASCII digits.
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
		case r >= 0x0966 && r <= 0x0d6f && r&0x7f >= 0x66 && r&0x7f <= 0x6f:
			// The digits of the Indic scripts, Devanagari to Malayalam:
			// each block's zero is at offset 0x66.
			return '0' + r&0x7f - 0x66
		case r >= 0x0e50 && r <= 0x0e59, r >= 0x0ed0 && r <= 0x0ed9: // Thai, Lao
			return '0' + r&0xf
		case r == '\u00a0' || r == '\u202f':
			return ' '
		}
		return r
	}, s)
}

// hasASCIIDigit reports whether s holds a digit 0-9.
func hasASCIIDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// hasDigit reports whether s holds a digit of any script that normDigits
// reads (ASCII, Arabic-Indic, Persian, Indic, Thai, full-width): the
// cheap test before parsing a text as a date. An ASCII-only test misses
// every date a page writes in its own digits ("١٦ فبراير ٢٠٢٠").
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	for _, r := range s {
		if r >= 0x80 && unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// stamp is a date as a page states it: the time, how much of it the page
// gave, and whether it gave the zone.
type stamp struct {
	// t is the time in the stated zone. When the page gave no zone it is
	// the page's wall clock, held in UTC only as a container.
	t     time.Time
	prec  string // corpus.PrecisionDay, PrecisionMinute or PrecisionSecond
	zoned bool   // the page stated the offset (an offset, Z or a known zone name)
	// wall is, for a day read from a wall clock whose zone is not known,
	// that wall clock (in UTC as a container); zero otherwise.
	wall time.Time
}

// clock returns the stamp's time of day as the page wrote it: the wall
// clock a day was read from, or the time itself.
func (s stamp) clock() time.Time {
	if !s.wall.IsZero() {
		return s.wall
	}
	return s.t
}

// hasTime reports whether the stamp gives a time of day.
func (s stamp) hasTime() bool { return s.prec != corpus.PrecisionDay }

// dayStamp is a day without a time, at midnight UTC.
func dayStamp(y int, m time.Month, d int) stamp {
	return stamp{t: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), prec: corpus.PrecisionDay}
}

// finish normalises a parsed stamp: a time of exactly midnight is how
// date-only values are serialised, so it is a day; a day is held at
// midnight in its zone (UTC when none was given), an unzoned wall clock
// in UTC.
func (s stamp) finish() stamp {
	t := s.t
	if s.hasTime() && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		s.prec = corpus.PrecisionDay
	}
	loc := t.Location()
	if !s.zoned {
		loc = time.UTC
	}
	if s.prec == corpus.PrecisionDay {
		s.t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	} else {
		s.t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
	}
	return s
}

// ParseDate reads a date in any of the common machine formats (RFC 3339,
// ISO 8601, RFC 1123, JavaScript's Date string, Unix seconds or
// milliseconds, YYYYMMDD) or written out in text in the languages the
// extractor reads ("17 May 2024", "May 17th, 2024 10:30 am EDT", "17. Mai
// 2024", "2024年5月17日", "17/05/2024", "١٧ أيار ٢٠٢٤", "17 мая 2024").
// Times without a zone are returned as the wall clock in UTC; Extract
// does not report such times as instants (see Article.PublishedPrecision).
// It reports false when s holds no date.
func ParseDate(s string) (time.Time, bool) {
	st, ok := parseStamp(s)
	return st.t, ok
}

// parseStamp is ParseDate keeping the precision and whether the zone was
// given.
func parseStamp(s string) (stamp, bool) {
	s = strings.TrimSpace(normDigits(s))
	if strings.Contains(s, "時") {
		s = cjkTime.Replace(s)
	}
	if s == "" || len(s) > 300 || !hasASCIIDigit(s) {
		// Every layout reads a year in ASCII digits (normDigits has
		// mapped the others): a text without one is no date, and the
		// regular expressions need not run.
		return stamp{}, false
	}
	if st, ok := parseMachineDate(s); ok {
		return st.finish(), true
	}
	if st, ok := parseTextDate(s); ok {
		return st.finish(), true
	}
	return stamp{}, false
}

func parseMachineDate(s string) (stamp, bool) {
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
				return stamp{}, false
			}
			t := time.Unix(v, 0).UTC()
			if len(s) == 13 {
				t = time.UnixMilli(v).UTC()
			}
			return stamp{t: t, prec: corpus.PrecisionSecond, zoned: true}, true
		case 8:
			t, err := time.Parse("20060102", s)
			return stamp{t: t, prec: corpus.PrecisionDay}, err == nil
		}
		return stamp{}, false
	}
	if len(s) < 8 || !(s[0] >= '0' && s[0] <= '9' || weekdayAbbrev(s)) {
		// Every machine layout starts with a digit or a weekday.
		return stamp{}, false
	}
	// JavaScript's Date string ends in the zone's name in parentheses,
	// ISO 8601 extensions in the zone's identifier in brackets.
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	} else if i := strings.LastIndexByte(s, '['); i > 0 && strings.HasSuffix(s, "]") {
		s = s[:i]
	}
	dashed := len(s) >= 5 && s[4] == '-' && isDigits(s[:4])
	for _, l := range isoLayouts {
		if !dashed && strings.HasPrefix(l, "2006-") {
			continue // time.Parse would fail: "2006" reads four digits, then "-"
		}
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		st := stamp{t: t, prec: layoutPrec(l)}
		switch {
		case strings.Contains(l, "MST"):
			st.t, st.zoned = fixZone(t)
		case strings.Contains(l, "Z07") || strings.Contains(l, "-07"):
			st.zoned = true
		}
		return st, true
	}
	return stamp{}, false
}

// weekdayAbbrev reports whether s starts with an English weekday's
// abbreviation, as RFC 1123 and JavaScript dates do.
func weekdayAbbrev(s string) bool {
	switch strings.ToLower(s[:3]) {
	case "mon", "tue", "wed", "thu", "fri", "sat", "sun":
		return true
	}
	return false
}

// layoutPrec is the precision of the times a time.Parse layout reads.
func layoutPrec(l string) string {
	switch {
	case strings.Contains(l, "05"):
		return corpus.PrecisionSecond
	case strings.Contains(l, "04"):
		return corpus.PrecisionMinute
	}
	return corpus.PrecisionDay
}

// fixZone replaces zones that time.Parse could only name (MST read without
// an offset) by their known offset. It reports false for a zone name it
// does not know.
func fixZone(t time.Time) (time.Time, bool) {
	name, off := t.Zone()
	if off != 0 || name == "UTC" || name == "GMT" || name == "Z" || name == "" {
		return t, true
	}
	if o, ok := zoneAbbrevs[strings.ToLower(name)]; ok {
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone("", o)), true
	}
	return t, false
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// parseTextDate finds a date in free text, with the time of day written
// next to it.
func parseTextDate(s string) (stamp, bool) {
	var y, mo, d int
	var before, rest string
	if m := reISO.FindStringSubmatchIndex(s); m != nil {
		y, mo, d = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		if m[8] >= 0 {
			hh, mm, ss := atoi(s[m[8]:m[9]]), atoi(s[m[10]:m[11]]), 0
			st := stamp{prec: corpus.PrecisionMinute}
			if m[12] >= 0 {
				ss, st.prec = atoi(s[m[12]:m[13]]), corpus.PrecisionSecond
			}
			loc := time.UTC
			if m[14] >= 0 {
				loc, st.zoned = parseOffset(s[m[14]:m[15]])
			} else if l, ok := zoneAfter(s[m[1]:], y, time.Month(mo), d, hh); ok {
				loc, st.zoned = l, true
			}
			if valid(y, mo, d) && hh < 24 && mm < 60 && ss < 61 {
				st.t = time.Date(y, time.Month(mo), d, hh, mm, ss, 0, loc)
				return st, true
			}
		}
		before, rest = s[:m[0]], s[m[1]:]
	} else if m := reCJK.FindStringSubmatchIndex(s); m != nil {
		y, mo, d = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		before, rest = s[:m[0]], s[m[1]:]
	} else if m := reVietnamese.FindStringSubmatchIndex(s); m != nil {
		// Vietnamese numbers the months: "5 tháng 5 năm 2020".
		d, mo, y = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		before, rest = s[:m[0]], s[m[1]:]
	} else if m := reDayMonth.FindStringSubmatchIndex(s); m != nil && monthOf(s[m[4]:m[5]]) > 0 {
		d, mo, y = atoi(s[m[2]:m[3]]), int(monthOf(s[m[4]:m[5]])), atoi(s[m[6]:m[7]])
		before, rest = s[:m[0]], s[m[1]:]
	} else if m := reMonthDay.FindStringSubmatchIndex(s); m != nil && monthOf(s[m[2]:m[3]]) > 0 {
		mo, d, y = int(monthOf(s[m[2]:m[3]])), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		before, rest = s[:m[0]], s[m[1]:]
	} else if m := reDMY.FindStringSubmatchIndex(s); m != nil {
		a, b := atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]])
		y = atoi(s[m[6]:m[7]])
		d, mo = a, b
		if s[m[3]] == '/' && a <= 12 && b > 12 {
			d, mo = b, a
		}
		before, rest = s[:m[0]], s[m[1]:]
	} else {
		// Month names that the regular expressions did not pair: Arabic
		// two-word names, scripts with combining marks, Buddhist years.
		return parseWordDate(s)
	}
	if y > 2400 && y < 2700 {
		y -= 543 // the Buddhist era of Thai dates
	}
	if !valid(y, mo, d) {
		return stamp{}, false
	}
	return withClock(y, time.Month(mo), d, before, rest), true
}

// reClockGap matches what may stand between a date and its time of day:
// the abbreviation of "year" that Slavic languages write after it ("17
// мая 2024 г., 10:30", "17 maja 2024 r."), separators and the words for
// "at" ("alle ore 10:30", Finnish "klo 14.00", Czech "v 10:30", Greek
// "στις", Ukrainian "о", Vietnamese "lúc", Indonesian "jam").
var reClockGap = lazyRE(`(?i)^(?:\s*(?:г|гг|р|r|roku|года|року|godine|god)\.?)?[\s,.|·•/–—-]*(?:(?:at|um|à|a las|a la|alle ore|alle|ore|às|om|kl\.?|klo|kello|o|u|v|ve|saat|pukul|jam|lúc|στις|в|о|об|ב|في|الساعة)[\s,]+)?[\s,|·•/–—-]*$`)

// withClock returns the day with the time of day written just after it
// (or, failing that, just before it: "10:30 EDT, May 17, 2024").
func withClock(y int, mo time.Month, d int, before, rest string) stamp {
	day := dayStamp(y, mo, d)
	// A number that goes on after the minutes is a figure written with
	// a thousands dot ("12 мая 2024 г. 15.000 человек"), not a clock.
	if m := reTime.FindStringSubmatchIndex(rest); m != nil && m[0] <= 24 && reClockGap.MatchString(rest[:m[0]]) && !digitAt(rest, m[5]) && !hourMinutes(rest, m) {
		if st, ok := clockStamp(y, mo, d, rest, m); ok {
			return st
		}
	}
	ms := reTime.FindAllStringSubmatchIndex(before, -1)
	if len(ms) > 0 {
		m := ms[len(ms)-1]
		gap := before[m[1]:]
		if len(gap) <= 16 && numFields(gap) <= 1 && strings.ContainsRune(before[m[0]:m[1]], ':') {
			if st, ok := clockStamp(y, mo, d, before, m); ok {
				return st
			}
		}
	}
	return day
}

// hourMinutes reports whether the time reTime matched at m in s is a
// duration written with "h" and a minute unit ("5 h 20 min", "1h 20m"):
// a video's or a read's length beside its date, not a clock ("10 h 30").
func hourMinutes(s string, m []int) bool {
	if !strings.ContainsAny(s[m[3]:m[4]], "hH") {
		return false
	}
	i := m[5]
	for i < len(s) && s[i] == ' ' {
		i++
	}
	j := i
	for j < len(s) && ('a' <= s[j] && s[j] <= 'z' || 'A' <= s[j] && s[j] <= 'Z') {
		j++
	}
	switch strings.ToLower(s[i:j]) {
	case "m", "mn", "min", "mins", "minute", "minutes", "minuten", "minutos", "minuti":
		return true
	}
	return false
}

// digitAt reports whether s has an ASCII digit at byte i.
func digitAt(s string, i int) bool {
	return i < len(s) && isDigit(s[i])
}

// clockStamp reads the time of day matched by reTime at m in s, on the
// given day.
func clockStamp(y int, mo time.Month, d int, s string, m []int) (stamp, bool) {
	sub := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	hh, mm, ss := atoi(sub(1)), atoi(sub(2)), atoi(sub(3))
	st := stamp{prec: corpus.PrecisionMinute}
	if sub(3) != "" {
		st.prec = corpus.PrecisionSecond
	}
	switch ap := strings.ToLower(strings.ReplaceAll(sub(4), ".", "")); ap {
	case "pm", "م", "مساء", "مساءً":
		if hh < 12 {
			hh += 12
		}
	case "am", "ص", "صباحا", "صباحًا":
		if hh == 12 {
			hh = 0
		}
	}
	loc := time.UTC
	switch {
	case sub(5) != "":
		loc, st.zoned = parseOffset(strings.TrimSpace(sub(5)[3:]))
	case sub(6) != "" && strings.ToUpper(sub(6)) == sub(6):
		// Upper case only: "ist", "est" and "met" are words.
		if off, ok := zoneOffset(sub(6), y, mo, d, hh); ok {
			loc, st.zoned = time.FixedZone("", off), true
		}
	case sub(7) != "":
		loc, st.zoned = parseOffset(sub(7))
	}
	if hh > 23 || mm > 59 || ss > 60 {
		return stamp{}, false
	}
	st.t = time.Date(y, mo, d, hh, mm, ss, 0, loc)
	return st, true
}

// zoneAfter reads a zone name or offset at the start of s ("EDT",
// "(CEST)", "GMT+2") for a time at hour hh of the given day.
func zoneAfter(s string, y int, mo time.Month, d, hh int) (*time.Location, bool) {
	m := reZone.FindStringSubmatch(s)
	if m == nil {
		return time.UTC, false
	}
	switch {
	case m[1] != "":
		return parseOffset(strings.TrimSpace(m[1][3:]))
	case m[2] != "" && strings.ToUpper(m[2]) == m[2]:
		if off, ok := zoneOffset(m[2], y, mo, d, hh); ok {
			return time.FixedZone("", off), true
		}
	}
	return time.UTC, false
}

// usZones are the North American zone names that do not say whether
// daylight saving time applies ("9:30 a.m. ET"), with their standard
// offsets.
var usZones = map[string]int{"et": -5 * 3600, "ct": -6 * 3600, "mt": -7 * 3600, "pt": -8 * 3600}

// zoneOffset returns the UTC offset, in seconds, of a zone name at hour
// hh of the given day: a fixed abbreviation, or a North American zone
// with daylight saving time applied by the rules in force since 1987.
func zoneOffset(name string, y int, mo time.Month, d, hh int) (int, bool) {
	name = strings.ToLower(name)
	if off, ok := zoneAbbrevs[name]; ok {
		return off, true
	}
	off, ok := usZones[name]
	if !ok {
		return 0, false
	}
	if usDST(y, mo, d, hh) {
		off += 3600
	}
	return off, true
}

// usDST reports whether North American daylight saving time is in force
// at hour hh (local) of the given day: from the second Sunday of March to
// the first Sunday of November since 2007, from the first Sunday of April
// to the last Sunday of October before; the change is at 2:00.
func usDST(y int, mo time.Month, d, hh int) bool {
	sunday := func(m time.Month, n int) int { // the nth Sunday of m; n < 0: the last
		if n < 0 {
			last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
			return last.Day() - int(last.Weekday())
		}
		first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
		return 1 + (7-int(first.Weekday()))%7 + 7*(n-1)
	}
	startM, startD, endM, endD := time.March, sunday(time.March, 2), time.November, sunday(time.November, 1)
	if y < 2007 {
		startM, startD, endM, endD = time.April, sunday(time.April, 1), time.October, sunday(time.October, -1)
	}
	at := func(m time.Month, day int) time.Time { return time.Date(y, m, day, 2, 0, 0, 0, time.UTC) }
	t := time.Date(y, mo, d, hh, 0, 0, 0, time.UTC)
	return !t.Before(at(startM, startD)) && t.Before(at(endM, endD))
}

// dateConnectors are the words that may stand between the day, the month
// and the year ("5 de octubre de 2021", "17 мая 2024 г.", "2024. gada 17. maijs").
var dateConnectors = map[string]bool{"de": true, "del": true, "of": true, "di": true, "du": true, "em": true,
	"do": true, "da": true, "г": true, "года": true, "року": true, "年": true, "gada": true}

// parseWordDate finds day, month name and year as separate words, the
// day next to the month and the year near it.
func parseWordDate(s string) (stamp, bool) {
	fields := splitDateWords(s)
	for i := range fields {
		mo, width, jalali := monthAt(fields, i)
		if mo == 0 {
			continue
		}
		d := fields.num(i - 1)
		if d < 1 || d > 31 {
			d = fields.num(i + width)
		}
		y := fields.yearNear(i, width, jalali)
		switch {
		case y < 0 || d < 1 || d > 31:
			continue
		case jalali:
			var gm int
			y, gm, d = jalaliToGregorian(y, int(mo), d)
			mo = time.Month(gm)
		case y > 2400:
			y -= 543 // the Buddhist era of Thai dates
		}
		if !valid(y, int(mo), d) {
			continue
		}
		if m := reTime.FindStringSubmatchIndex(s); m != nil && strings.ContainsRune(s[m[0]:m[1]], ':') {
			if st, ok := clockStamp(y, mo, d, s, m); ok {
				return st, true
			}
		}
		return dayStamp(y, mo, d), true
	}
	return stamp{}, false
}

// dateFields are the lower-cased words of a written date, without the
// words that join its parts (dateConnectors) and trailing dots.
type dateFields []string

// splitDateWords splits s into dateFields at spaces and date punctuation.
func splitDateWords(s string) dateFields {
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '،' || r == '-' || r == '/' || r == '|'
	})
	kept := fields[:0]
	for _, f := range fields {
		if f = strings.TrimRight(f, "."); f != "" && !dateConnectors[f] {
			kept = append(kept, f)
		}
	}
	return kept
}

// num is the number written as field j, or -1.
func (fields dateFields) num(j int) int {
	if j < 0 || j >= len(fields) {
		return -1
	}
	n, err := strconv.Atoi(fields[j])
	if err != nil {
		return -1
	}
	return n
}

// monthAt names the month that field i starts (a name of one word, or of
// two, width 2) and whether it is a Solar Hijri month; 0 when field i
// starts none.
func monthAt(fields dateFields, i int) (mo time.Month, width int, jalali bool) {
	f := fields[i]
	if mo = monthOf(f); mo > 0 {
		return mo, 1, false
	}
	if i+1 < len(fields) {
		if mo = monthOf(f + " " + fields[i+1]); mo > 0 {
			return mo, 2, false
		}
	}
	mo = jalaliMonths()[foldMonth(f)]
	return mo, 1, mo > 0
}

// yearNear is the year written after the month (width fields long at i)
// or before it: a Gregorian or Buddhist-era year, or a Solar Hijri one
// for a jalali month; -1 when none is near.
func (fields dateFields) yearNear(i, width int, jalali bool) int {
	for _, j := range []int{i + width, i + width + 1, i - 2, i - 1} {
		n := fields.num(j)
		if !jalali && (n >= 1900 && n <= 2100 || n > 2400 && n < 2700) || jalali && n >= 1300 && n <= 1500 {
			return n
		}
	}
	return -1
}

// jalaliMonths maps the month names of the Solar Hijri calendar, which
// Persian pages date by, to month numbers (folded, see foldMonth). Built on
// first use: the first foldMonth builds monthFolder's replacer, which no
// command but extraction needs.
var jalaliMonths = sync.OnceValue(func() map[string]time.Month {
	m := make(map[string]time.Month)
	for i, names := range [][]string{{"فروردین"}, {"اردیبهشت"}, {"خرداد"}, {"تیر"}, {"مرداد", "امرداد"}, {"شهریور"},
		{"مهر"}, {"آبان"}, {"آذر"}, {"دی"}, {"بهمن"}, {"اسفند"}} {
		for _, n := range names {
			m[foldMonth(n)] = time.Month(i + 1)
		}
	}
	return m
})

// jalaliToGregorian converts a Solar Hijri date to the Gregorian
// calendar (the arithmetic of the jalaali-js library).
func jalaliToGregorian(jy, jm, jd int) (y, m, d int) {
	jy += 1595
	days := -355668 + 365*jy + jy/33*8 + (jy%33+3)/4 + jd
	if jm < 7 {
		days += (jm - 1) * 31
	} else {
		days += (jm-7)*30 + 186
	}
	y = 400 * (days / 146097)
	days %= 146097
	if days > 36524 {
		days--
		y += 100 * (days / 36524)
		days %= 36524
		if days >= 365 {
			days++
		}
	}
	y += 4 * (days / 1461)
	days %= 1461
	if days > 365 {
		y += (days - 1) / 365
		days = (days - 1) % 365
	}
	t := time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	return t.Year(), int(t.Month()), t.Day()
}

// monthOf returns the month a word names, or 0.
func monthOf(name string) time.Month {
	name = foldMonth(strings.ToLower(strings.TrimSuffix(name, ".")))
	names := monthNames()
	if m, ok := names[name]; ok {
		return m
	}
	// Hebrew writes "in May" as one word: במאי.
	if rest, ok := strings.CutPrefix(name, "ב"); ok {
		return names[rest]
	}
	return 0
}

func valid(y, m, d int) bool {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

// parseOffset reads "Z", "+02:00", "+0200", "+02" or "+2" and reports
// whether it was an offset.
func parseOffset(s string) (*time.Location, bool) {
	if s == "Z" || s == "z" {
		return time.UTC, true
	}
	if len(s) < 2 || s[0] != '+' && s[0] != '-' {
		return time.UTC, false
	}
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	h, m := 0, 0
	s = s[1:]
	if i := strings.IndexByte(s, ':'); i >= 0 {
		h, m = atoi(s[:i]), atoi(s[i+1:])
	} else if len(s) <= 2 {
		h = atoi(s)
	} else if len(s) == 4 {
		h, m = atoi(s[:2]), atoi(s[2:])
	} else {
		return time.UTC, false
	}
	if h > 14 || m > 59 {
		return time.UTC, false
	}
	return time.FixedZone("", sign*(h*3600+m*60)), true
}

// parseShortDate reads a date like ParseDate and, failing that, a day,
// month and two-digit year written with dots ("28.01.22"), as German and
// other European sites print them in post details. Two-digit years are
// too ambiguous for free text; callers use this on short texts of
// elements named for a date.
func parseShortDate(s string) (time.Time, bool) {
	st, ok := parseShortStamp(s)
	return st.t, ok
}

// parseShortStamp is parseShortDate keeping the precision.
func parseShortStamp(s string) (stamp, bool) {
	if st, ok := parseStamp(s); ok {
		return st, true
	}
	m := reDMYShort.FindStringSubmatch(normDigits(s))
	if m == nil {
		return stamp{}, false
	}
	d, mo, y := atoi(m[1]), atoi(m[2]), 2000+atoi(m[3])
	if !valid(y, mo, d) {
		return stamp{}, false
	}
	return dayStamp(y, time.Month(mo), d), true
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
