package extract

import (
	"strconv"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// Relative dates ("3 hours ago", "il y a 2 jours", "vor 3 Stunden",
// "hace 2 días", "منذ 3 ساعات", "yesterday") are resolved against the
// fetch time, with the precision the phrase supports:
//
//   - seconds and minutes ago: the instant, to the minute, in UTC (the
//     instant is known; no local clock is involved);
//   - hours ago: the day, in UTC, of the instant. "3 hours ago" is only
//     good to about an hour (sites round down), which is far coarser
//     than a minute, and a precision must be a promise; the day is the
//     finest precision that the phrase keeps;
//   - days ago, yesterday, today: the day, counted back from the fetch
//     day in UTC (so it may be a day off for pages in zones far from UTC
//     fetched near midnight). With a clock time ("yesterday at 10:30")
//     the time is kept when the page's zone is known (see settle);
//   - weeks, months and years ago are too vague to be a date.

// relPatterns find "N units ago" phrases; group 1 is the number (or a
// word for one; absent for Arabic and Hebrew singulars and duals),
// group 2 the unit.
var relPatterns = []*lazyRegexp{
	lazyRE(`(?i)\b(\d+|an?|one)\s*(seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|d)\s+ago\b`),
	lazyRE(`(?i)\bil y a\s+(\d+|une?)\s*(secondes?|minutes?|mn|min|heures?|h|jours?|j)\b`),
	lazyRE(`(?i)\bvor\s+(\d+|einer|einem|eine|einen)\s*(sekunden?|minuten?|min\.?|stunden?|std\.?|tagen?|tag)`),
	lazyRE(`(?i)\bhace\s+(\d+|una?)\s*(segundos?|minutos?|min|horas?|h|días?|dias?)`),
	lazyRE(`(?i)\b(\d+|una?)\s*(secondi|minuti|minuto|min|ore|ora|giorni|giorno)\s+fa\b`),
	lazyRE(`(?i)(?:^|\s)há\s+(\d+|uma?)\s*(segundos?|minutos?|min|horas?|h|dias?)`),
	lazyRE(`(?i)\b(\d+|uma?)\s*(segundos?|minutos?|horas?|dias?|días?)\s+atrás`),
	lazyRE(`(?i)\b(\d+|een)\s*(seconden|minuten|minuut|min|uur|uren|dagen|dag)\s+geleden\b`),
	lazyRE(`(?i)(?:^|\s)(?:för\s+)?(\d+|en|ett)\s*(sekunder|minuter|minut|min|timmar|timme|dagar|dag)\s+sedan\b`),
	lazyRE(`(?i)(?:^|\s)(?:for\s+)?(\d+|en|et|ett)\s*(sekunder|sekund|minutter|minut|min|timer|time|dage|dager|dag|døgn)\s+siden\b`),
	lazyRE(`(?i)\b(\d+)?\s*(sekuntia|sekunti|minuuttia|minuutti|min|tuntia|tunti|päivää|päivä)\s+sitten\b`),
	lazyRE(`(?i)(?:^|\s)(\d+|egy)\s*(másodperce|perce|órája|napja)(?:$|[\s,.])`),
	lazyRE(`(?i)(?:^|\s)(\d+|egy)\s*(másodperccel|perccel|órával|nappal)\s+ezelőtt`),
	lazyRE(`(?i)\bprije\s+(\d+|jedan|jednog|jedne|jednu)?\s*(sekundi|sekunde|sekundu|minuta|minute|minutu|min|sati|sata|sat|dana|dan)\b`),
	lazyRE(`(?i)\bacum\s+(\d+|o|un)\s*(secunde|secundă|minute|minut|ore|oră|zile|zi)(?:$|[\s,.])`),
	lazyRE(`(?i)\b(\d+)\s*(sekund[ęy]?|minut[ęy]?|min\.?|godzin[ęy]?|godz\.?|dni|dzień)\s+temu`),
	lazyRE(`(?i)(\d+)?\s*(секунд[уы]?|минут[уы]?|мин\.?|час(?:а|ов)?|дн(?:я|ей)|день)\s+назад`),
	lazyRE(`(?i)\b(\d+|bir)\s*(saniye|dakika|dk\.?|saat|gün)\s+önce`),
	lazyRE(`(?i)\b(\d+|satu)\s*(detik|menit|jam|hari)\s+(?:yang\s+)?lalu\b`),
	lazyRE(`منذ\s*(\d+)?\s*(ثانية|ثوان|ثواني|دقيقة|دقائق|دقيقتين|دقيقتان|ساعة|ساعات|ساعتين|ساعتان|يومين|يومان|يوم|أيام|ايام)`),
	lazyRE(`(\d+)\s*(ثانیه|دقیقه|ساعت|روز)\s*(?:پیش|قبل)`),
	lazyRE(`לפני\s*(\d+)?\s*(שניות|דקות|דקה|שעות|שעתיים|שעה|ימים|יומיים|יום)`),
	lazyRE(`(?i)πριν(?:\s+από)?\s*(\d+|μία|μια|ένα)?\s*(δευτερόλεπτα|λεπτά|λεπτό|ώρες|ώρα|ημέρες|μέρες|ημέρα|μέρα)`),
	lazyRE(`(\d+)\s*(सेकंड|मिनट|घंटे|घंटा|दिन)\s*पहले`),
	lazyRE(`(\d+)\s*(วินาที|นาที|ชั่วโมง|ชม\.|วัน)\s*(?:ที่แล้ว|ก่อน)`),
	lazyRE(`(\d+)\s*(秒|分钟|分鐘|分|小时|小時|時間|天|日)\s*前`),
	lazyRE(`(\d+)\s*(초|분|시간|일)\s*전`),
	// Czech, Slovak and Slovene ("před 2 dny", "pred 3 hodinami", "pred
	// 2 dnevi"), Ukrainian, Bulgarian, Serbian, Catalan, Vietnamese,
	// Lithuanian, Latvian, Estonian: languages whose month names dates.go
	// reads.
	lazyRE(`(?i)\b(?:před|pred)\s+(\d+|jednou|jedním|jedným)?\s*(sekundami|sekundou|minutami|minutou|minuto|hodinami|hodinou|urami|urama|uro|dny|dnem|dňami|dňom|dnevi|dnevoma|dnevom)(?:$|[\s,.])`),
	lazyRE(`(?i)(\d+)?\s*(секунд[уи]?|хвилин[уи]?|хв\.?|годин[уи]?|год\.?|днів|дні|день)\s+тому`),
	lazyRE(`(?i)преди\s+(\d+)?\s*(секунди|секунда|минути|минута|мин\.?|часа|час|дни|ден)(?:$|[\s,.])`),
	lazyRE(`(?i)(?:^|\s)пре\s+(\d+)?\s*(секунди|секунде|минута|минуте|мин\.?|сати|сата|сат|дана|дан)(?:$|[\s,.])`),
	lazyRE(`(?i)\bfa\s+(\d+|una?)\s*(segons|segon|minuts|minut|min|hores|hora|h|dies|dia)(?:$|[\s,.])`),
	lazyRE(`(?i)(\d+)\s*(giây|phút|giờ|ngày)\s+trước`),
	lazyRE(`(?i)\bprieš\s+(\d+)\s*(sekund(?:es|žių|ę)|minut(?:es|ę|ių)|min\.?|valand(?:as|ą|ų)|val\.?|dien(?:as|ą|ų))`),
	lazyRE(`(?i)\bpirms\s+(\d+)\s*(sekundēm|sekundes|minūtēm|minūtes|min\.?|stundām|stundas|stundu|dienām|dienas|dienu)`),
	lazyRE(`(?i)\b(\d+)\s*(sekundit|sekund|minutit|minut|min|tundi|tund|päeva|päev)\s+tagasi\b`),
}

// relUnitPrefixes classify unit words by prefix, in order: the first
// prefix that matches decides.
var relUnitPrefixes = []struct {
	prefix string
	unit   time.Duration
}{
	{"sec", time.Second}, {"seg", time.Second}, {"sek", time.Second}, {"сек", time.Second}, {"saniye", time.Second},
	{"detik", time.Second}, {"ثان", time.Second}, {"ثوا", time.Second}, {"ثانیه", time.Second}, {"שניות", time.Second},
	{"δευτ", time.Second}, {"सेकंड", time.Second}, {"วินาที", time.Second}, {"秒", time.Second}, {"초", time.Second},
	{"min", time.Minute}, {"mn", time.Minute}, {"мин", time.Minute}, {"dak", time.Minute}, {"dk", time.Minute},
	{"menit", time.Minute}, {"دقي", time.Minute}, {"دقیقه", time.Minute}, {"דק", time.Minute}, {"λεπτ", time.Minute},
	{"मिनट", time.Minute}, {"นาที", time.Minute}, {"分", time.Minute}, {"분", time.Minute},
	{"másodperc", time.Second}, {"perc", time.Minute}, {"ór", time.Hour}, {"oră", time.Hour}, {"tunt", time.Hour},
	{"sat", time.Hour}, {"päiv", 24 * time.Hour}, {"nap", 24 * time.Hour}, {"dan", 24 * time.Hour}, {"zi", 24 * time.Hour},
	{"døgn", 24 * time.Hour},
	{"hod", time.Hour}, {"ur", time.Hour}, {"год", time.Hour}, {"сат", time.Hour}, {"hore", time.Hour},
	{"giờ", time.Hour}, {"valand", time.Hour}, {"val", time.Hour}, {"tund", time.Hour},
	{"хв", time.Minute}, {"phút", time.Minute}, {"giây", time.Second},
	{"dn", 24 * time.Hour}, {"dň", 24 * time.Hour}, {"ден", 24 * time.Hour}, {"дан", 24 * time.Hour},
	{"die", 24 * time.Hour}, {"ngày", 24 * time.Hour}, {"päev", 24 * time.Hour},
	{"hour", time.Hour}, {"hr", time.Hour}, {"heure", time.Hour}, {"stund", time.Hour}, {"std", time.Hour},
	{"hora", time.Hour}, {"ora", time.Hour}, {"ore", time.Hour}, {"uur", time.Hour}, {"uren", time.Hour},
	{"tim", time.Hour}, {"godz", time.Hour}, {"час", time.Hour}, {"saat", time.Hour}, {"jam", time.Hour},
	{"ساع", time.Hour}, {"ساعت", time.Hour}, {"שע", time.Hour}, {"ώρ", time.Hour}, {"घंट", time.Hour},
	{"ชั่วโมง", time.Hour}, {"ชม", time.Hour}, {"時間", time.Hour}, {"小时", time.Hour}, {"小時", time.Hour}, {"시간", time.Hour},
	{"day", 24 * time.Hour}, {"jour", 24 * time.Hour}, {"tag", 24 * time.Hour}, {"día", 24 * time.Hour},
	{"dia", 24 * time.Hour}, {"giorn", 24 * time.Hour}, {"dag", 24 * time.Hour}, {"dni", 24 * time.Hour},
	{"dzień", 24 * time.Hour}, {"дн", 24 * time.Hour}, {"день", 24 * time.Hour}, {"gün", 24 * time.Hour},
	{"hari", 24 * time.Hour}, {"يوم", 24 * time.Hour}, {"ايام", 24 * time.Hour}, {"أيام", 24 * time.Hour},
	{"روز", 24 * time.Hour}, {"ימים", 24 * time.Hour}, {"יום", 24 * time.Hour}, {"יומיים", 24 * time.Hour},
	{"μέρ", 24 * time.Hour}, {"ημέρ", 24 * time.Hour}, {"दिन", 24 * time.Hour}, {"วัน", 24 * time.Hour},
	{"天", 24 * time.Hour}, {"日", 24 * time.Hour}, {"일", 24 * time.Hour},
}

// relUnit returns the unit a unit word names, and the count the word
// implies when no number is written (duals: "ساعتين", two hours).
func relUnit(w string) (unit time.Duration, n int) {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	switch w {
	case "m":
		return time.Minute, 1
	case "h":
		return time.Hour, 1
	case "d", "j":
		return 24 * time.Hour, 1
	}
	n = 1
	switch w {
	case "دقيقتين", "دقيقتان", "ساعتين", "ساعتان", "يومين", "يومان", "שעתיים", "יומיים":
		n = 2
	}
	for _, p := range relUnitPrefixes {
		if strings.HasPrefix(w, p.prefix) {
			return p.unit, n
		}
	}
	return 0, 0
}

// relDayWords name the day relative to today: yesterday and today.
var relDayWords = map[string]int{
	"yesterday": -1, "today": 0, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0, "gestern": -1, "heute": 0,
	"ayer": -1, "hoy": 0, "ieri": -1, "oggi": 0, "ontem": -1, "hoje": 0, "gisteren": -1, "vandaag": 0,
	"igår": -1, "idag": 0, "wczoraj": -1, "dzisiaj": 0, "dziś": 0, "вчера": -1, "сегодня": 0,
	"dün": -1, "bugün": 0, "kemarin": -1, "أمس": -1, "امس": -1, "البارحة": -1, "دیروز": -1, "امروز": 0,
	"אתמול": -1, "היום": 0, "χθες": -1, "σήμερα": 0, "आज": 0, "เมื่อวาน": -1, "วันนี้": 0,
	"昨日": -1, "今日": 0, "昨天": -1, "今天": 0, "어제": -1, "오늘": 0,
	"jučer": -1, "danas": 0, "tegnap": -1, "eilen": -1, "tänään": 0, "astăzi": 0, "azi": 0,
	"včera": -1, "dnes": 0, "včeraj": -1, "danes": 0, "вчора": -1, "сьогодні": 0, "днес": 0, "јуче": -1,
	"данас": 0, "juče": -1, "ahir": -1, "avui": 0, "hômqua": -1, "hômnay": 0, "vakar": -1, "šiandien": 0,
	"šodien": 0, "eile": -1, "täna": 0,
}

// relLabelWords may stand beside a relative date in a dateline without
// making it a sentence: labels and the words for "at".
var relLabelWords = map[string]bool{
	"updated": true, "published": true, "posted": true, "last": true, "at": true, "on": true, "aktualisiert": true,
	"veröffentlicht": true, "um": true, "am": true, "uhr": true, "publié": true, "mis": true, "à": true, "jour": true,
	"le": true, "actualizado": true, "publicado": true, "a": true, "las": true, "la": true, "el": true, "aggiornato": true,
	"pubblicato": true, "alle": true, "il": true, "atualizado": true, "às": true, "em": true, "bijgewerkt": true,
	"gepubliceerd": true, "om": true, "uppdaterad": true, "publicerad": true, "kl": true, "opublikowano": true,
	"zaktualizowano": true, "o": true, "обновлено": true, "опубликовано": true, "в": true, "güncellendi": true,
	"yayınlandı": true, "saat": true, "diperbarui": true, "diterbitkan": true, "pukul": true, "نشر": true,
	"تحديث": true, "في": true, "الساعة": true, "by": true, "von": true, "par": true, "por": true, "di": true, "door": true,
	"klo": true, "u": true, "ora": true,
	"pm": true, "h": true, "·": true, "|": true, "-": true, "–": true, "—": true,
}

// relativeStamp reads a relative date in a short text (a dateline, a
// <time> element's text), resolved against fetched. Texts longer than a
// dateline, and phrases inside a sentence, are not read.
func relativeStamp(s string, fetched time.Time) (stamp, bool) {
	s = cleanSpace(normDigits(s))
	if s == "" || len(s) > 80 || fetched.IsZero() {
		return stamp{}, false
	}
	fetched = fetched.UTC()
	for _, re := range relPatterns {
		m := re.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		unit, n := relUnit(s[m[4]:m[5]])
		if unit == 0 {
			continue
		}
		if m[2] >= 0 {
			if v, err := strconv.Atoi(s[m[2]:m[3]]); err == nil {
				n = v
			}
		}
		if n > 1000 || numFields(s[:m[0]]+" "+s[m[1]:]) > 3 {
			return stamp{}, false
		}
		at := fetched.Add(-time.Duration(n) * unit)
		if unit < time.Hour {
			return stamp{t: at.Truncate(time.Minute), prec: corpus.PrecisionMinute, zoned: true}, true
		}
		return dayStamp(at.Date()), true
	}
	return relativeDay(s, fetched)
}

// relativeDay reads "yesterday" or "today", alone or with a time of day
// and dateline labels.
func relativeDay(s string, fetched time.Time) (stamp, bool) {
	low := strings.ToLower(s)
	for _, two := range []string{"i går", "i dag", "hari ini", "hôm qua", "hôm nay"} {
		if strings.Contains(low, two) {
			low = strings.Replace(low, two, strings.ReplaceAll(two, " ", ""), 1)
		}
	}
	var clock []int
	if m := reTime.FindStringSubmatchIndex(low); m != nil && strings.ContainsAny(low[m[0]:m[1]], ":h") {
		clock = m
	}
	delta, found := 0, false
	rest := low
	if clock != nil {
		rest = low[:clock[0]] + " " + low[clock[1]:]
	}
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == ',' || r == ':' || r == '.' }) {
		if d, ok := relDayWords[w]; ok && !found {
			delta, found = d, true
			continue
		}
		if w == "hariini" && !found {
			delta, found = 0, true
			continue
		}
		if !relLabelWords[w] {
			return stamp{}, false
		}
	}
	if !found {
		return stamp{}, false
	}
	y, mo, d := fetched.AddDate(0, 0, delta).Date()
	if clock != nil {
		if st, ok := clockStamp(y, mo, d, low, clock); ok {
			return st.finish(), true
		}
	}
	return dayStamp(y, mo, d), true
}
