package extract

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

func TestParseStamp(t *testing.T) {
	tests := []struct {
		in    string
		want  string // RFC 3339; "" for no date
		prec  string
		zoned bool
	}{
		{"2024-05-17T09:30:00-04:00", "2024-05-17T09:30:00-04:00", corpus.PrecisionSecond, true},
		// Words that are month names in one language and ordinary words
		// in another are not read as months (review17c).
		{"the Mac 12, 2021 update", "", "", false},
		{"2020 मे 15 लोग", "", "", false},
		{"2024-05-17T09:30Z", "2024-05-17T09:30:00Z", corpus.PrecisionMinute, true},
		{"2024-05-17T09:30:00", "2024-05-17T09:30:00Z", corpus.PrecisionSecond, false},
		{"2024-05-17 09:30", "2024-05-17T09:30:00Z", corpus.PrecisionMinute, false},
		{"2024-05-17", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"2024-05-17T00:00:00Z", "2024-05-17T00:00:00Z", corpus.PrecisionDay, true},
		{"2024-05-17T00:00:00+02:00", "2024-05-17T00:00:00+02:00", corpus.PrecisionDay, true},
		{"2024-05-17T09:30:00+02", "2024-05-17T09:30:00+02:00", corpus.PrecisionSecond, true},
		{"2024-05-17T09:30:00+02:00[Europe/Paris]", "2024-05-17T09:30:00+02:00", corpus.PrecisionSecond, true},
		{"Fri May 17 2024 09:30:00 GMT+0200 (Central European Summer Time)", "2024-05-17T09:30:00+02:00", corpus.PrecisionSecond, true},
		{"Fri, 17 May 2024 09:30:00 GMT", "2024-05-17T09:30:00Z", corpus.PrecisionSecond, true},
		{"Fri, 17 May 2024 09:30:00 XYZ", "2024-05-17T09:30:00Z", corpus.PrecisionSecond, false},
		{"1715938200", "2024-05-17T09:30:00Z", corpus.PrecisionSecond, true},
		{"20240517", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"20240517093015", "", "", false}, // 14 digits only from og:regDate (expandClock): in text, an id
		{"20241317093015", "", "", false},
		{"May 17, 2024 9:30 am EDT", "2024-05-17T09:30:00-04:00", corpus.PrecisionMinute, true},
		{"May 17, 2024 9:30 am edt", "2024-05-17T09:30:00Z", corpus.PrecisionMinute, false},
		{"May 17, 2024 9:30:15 PM (GMT+5:30)", "2024-05-17T21:30:15+05:30", corpus.PrecisionSecond, true},
		{"17. Mai 2024, 08:15 Uhr", "2024-05-17T08:15:00Z", corpus.PrecisionMinute, false},
		{"12. marts 2024", "2024-03-12T00:00:00Z", corpus.PrecisionDay, false},
		{"12. tammikuuta 2024", "2024-01-12T00:00:00Z", corpus.PrecisionDay, false},
		{"2024. január 12.", "2024-01-12T00:00:00Z", corpus.PrecisionDay, false},
		{"2023. október 3., 14:20", "2023-10-03T14:20:00Z", corpus.PrecisionMinute, false},
		{"2024. márc. 5.", "2024-03-05T00:00:00Z", corpus.PrecisionDay, false},
		{"5. studenoga 2023.", "2023-11-05T00:00:00Z", corpus.PrecisionDay, false},
		{"12. prosinca 2024. u 10:30", "2024-12-12T10:30:00Z", corpus.PrecisionMinute, false},
		{"17. Mai 2024 um 08:15 Uhr MESZ", "2024-05-17T08:15:00+02:00", corpus.PrecisionMinute, true},
		{"10:30 EDT, May 17, 2024", "2024-05-17T10:30:00-04:00", corpus.PrecisionMinute, true},
		// The time of day after the words and abbreviations that stand
		// between it and the date in other languages (ex39da): Italian
		// "ore", Finnish "klo", Czech "v", the Slavic "year" (г., r.), and
		// the French "10 h 30".
		{"12 marzo 2024 alle ore 10:30", "2024-03-12T10:30:00Z", corpus.PrecisionMinute, false},
		{"12 marzo 2024 ore 10:30", "2024-03-12T10:30:00Z", corpus.PrecisionMinute, false},
		{"12.5.2024 klo 14.00", "2024-05-12T14:00:00Z", corpus.PrecisionMinute, false},
		{"12. května 2024 v 9:05", "2024-05-12T09:05:00Z", corpus.PrecisionMinute, false},
		{"12 мая 2024 г., 10:30", "2024-05-12T10:30:00Z", corpus.PrecisionMinute, false},
		{"12 maja 2024 r., 10:30", "2024-05-12T10:30:00Z", corpus.PrecisionMinute, false},
		{"12 травня 2024 р. о 10:30", "2024-05-12T10:30:00Z", corpus.PrecisionMinute, false},
		{"12 mars 2024 à 10 h 30", "2024-03-12T10:30:00Z", corpus.PrecisionMinute, false},
		{"12 Μαΐου 2024 στις 10:30", "2024-05-12T10:30:00Z", corpus.PrecisionMinute, false},
		// Not a clock: a number after other words.
		{"12 marzo 2024 pagine 10.30", "2024-03-12T00:00:00Z", corpus.PrecisionDay, false},
		// Not a clock: a figure with a thousands dot after the words
		// that may stand before a time (review39b).
		{"12 мая 2024 г. 15.000 человек", "2024-05-12T00:00:00Z", corpus.PrecisionDay, false},
		{"3. března 2026 v 10.000 domácnostech", "2026-03-03T00:00:00Z", corpus.PrecisionDay, false},
		{"12 мая 2024 г. в 10.30", "2024-05-12T10:30:00Z", corpus.PrecisionMinute, false},
		// Not a clock: a length written in hours and minutes after the
		// date (a video's, a read's).
		{"12 mars 2024 · 5 h 20 min", "2024-03-12T00:00:00Z", corpus.PrecisionDay, false},
		{"12 March 2024 · 1h 20m", "2024-03-12T00:00:00Z", corpus.PrecisionDay, false},
		{"12 March 2024, 1h20min", "2024-03-12T00:00:00Z", corpus.PrecisionDay, false},
		{"12 mars 2024 à 10h30", "2024-03-12T10:30:00Z", corpus.PrecisionMinute, false},
		{"12 mars 2024, 10 h 30, mis à jour", "2024-03-12T10:30:00Z", corpus.PrecisionMinute, false},
		// Turkish short month names (Oca ... Ara).
		{"13 Ağu 2023", "2023-08-13T00:00:00Z", corpus.PrecisionDay, false},
		{"13 Ara 2023 14:05", "2023-12-13T14:05:00Z", corpus.PrecisionMinute, false},
		{"Şub 2, 2024", "2024-02-02T00:00:00Z", corpus.PrecisionDay, false},
		{"5 Eki 2022", "2022-10-05T00:00:00Z", corpus.PrecisionDay, false},
		// North American zones without the daylight-saving letter.
		{"May 17, 2024 9:30 a.m. ET", "2024-05-17T09:30:00-04:00", corpus.PrecisionMinute, true},
		{"Jan. 17, 2024 9:30 a.m. ET", "2024-01-17T09:30:00-05:00", corpus.PrecisionMinute, true},
		{"March 10, 2024 3:00 PM PT", "2024-03-10T15:00:00-07:00", corpus.PrecisionMinute, true},
		{"March 9, 2024 3:00 PM PT", "2024-03-09T15:00:00-08:00", corpus.PrecisionMinute, true},
		{"November 3, 2024 1:00 PM CT", "2024-11-03T13:00:00-06:00", corpus.PrecisionMinute, true},
		{"October 30, 2005 8:00 AM ET", "2005-10-30T08:00:00-05:00", corpus.PrecisionMinute, true},
		{"October 29, 2005 8:00 AM ET", "2005-10-29T08:00:00-04:00", corpus.PrecisionMinute, true},
		{"2024-07-04 12:00 ET", "2024-07-04T12:00:00-04:00", corpus.PrecisionMinute, true},
		{"17 May 2024 | 5 comments | 3:20 read", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"Publié le 28 novembre 2022 à 18h30", "2022-11-28T18:30:00Z", corpus.PrecisionMinute, false},
		{"Die Sitzung am 17.05.2024 um 10:30 ist", "2024-05-17T10:30:00Z", corpus.PrecisionMinute, false},
		{"Von Redaktion 4. 2. 2024.", "2024-02-04T00:00:00Z", corpus.PrecisionDay, false},
		{"4.\u20092.\u20092024", "2024-02-04T00:00:00Z", corpus.PrecisionDay, false},
		// Month names in the extractor's languages.
		{"17 de mayo de 2024", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 maggio 2024", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 de maio de 2024", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 mei 2024", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 augusti 2024", "2024-08-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 maja 2024", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 января 2024 г.", "2024-01-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 мая 2024, 10:30", "2024-05-17T10:30:00Z", corpus.PrecisionMinute, false},
		{"17 Ağustos 2024", "2024-08-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 AĞUSTOS 2024", "2024-08-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 Agustus 2024", "2024-08-17T00:00:00Z", corpus.PrecisionDay, false},
		{"Jumat, 17 Desember 2021 10:30 WIB", "2021-12-17T10:30:00+07:00", corpus.PrecisionMinute, true},
		{"17 Μαΐου 2024", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 במאי 2024", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 मई 2024", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 พฤษภาคม 2567", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"۱۷ مه ۲۰۲۴", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		// Persian pages date by the Solar Hijri calendar.
		{"۲۷ اردیبهشت ۱۴۰۳", "2024-05-16T00:00:00Z", corpus.PrecisionDay, false},
		{"۱ فروردین ۱۴۰۳ - ۱۰:۳۰", "2024-03-20T10:30:00Z", corpus.PrecisionMinute, false},
		{"۱۰ دی ۱۴۰۲", "2023-12-31T00:00:00Z", corpus.PrecisionDay, false},
		{"۱۱ اسفند ۱۳۹۹", "2021-03-01T00:00:00Z", corpus.PrecisionDay, false},
		// Persian written with the Arabic yeh and kaf.
		{"دوشنبه ۲ تير ۱۳۹۹", "2020-06-22T00:00:00Z", corpus.PrecisionDay, false},
		{"۱۰ دي ۱۴۰۲", "2023-12-31T00:00:00Z", corpus.PrecisionDay, false},
		{"۱۷ فوريه ۲۰۲۴", "2024-02-17T00:00:00Z", corpus.PrecisionDay, false},
		// A month name that does not make a date does not stop the search.
		{"الجمعة 10 ذو القعدة 1445 هـ الموافق 17 مايو 2024", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"Mai ist schön, am 17 Juni 2024", "2024-06-17T00:00:00Z", corpus.PrecisionDay, false},
		// Arabic: Levantine and Iraqi names, Egyptian and Gulf names,
		// Maghreb names, hamza variants, Eastern Arabic digits.
		{"١٧ أيار ٢٠٢٤", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 ايار 2024", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"الجمعة ١٧ مايو ٢٠٢٤ - ١٠:٣٠ م", "2024-05-17T22:30:00Z", corpus.PrecisionMinute, false},
		{"3 كانون الثاني 2024", "2024-01-03T00:00:00Z", corpus.PrecisionDay, false},
		{"3 تشرين الأول 2024", "2024-10-03T00:00:00Z", corpus.PrecisionDay, false},
		{"3 آب 2024", "2024-08-03T00:00:00Z", corpus.PrecisionDay, false},
		{"3 اغسطس 2024", "2024-08-03T00:00:00Z", corpus.PrecisionDay, false},
		{"3 جويلية 2024", "2024-07-03T00:00:00Z", corpus.PrecisionDay, false},
		{"3 يوليوز 2024", "2024-07-03T00:00:00Z", corpus.PrecisionDay, false},
		// More languages: Ukrainian, Bulgarian, Serbian, Belarusian,
		// Lithuanian and Latvian (year first), Estonian, Catalan, Slovene,
		// Malay, Tagalog, Urdu, Bengali, Gujarati, Marathi, Tamil.
		{"17 травня 2024", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"3 листопада 2023, 14:05", "2023-11-03T14:05:00Z", corpus.PrecisionMinute, false},
		{"17 жовтня 2024 року", "2024-10-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 октомври 2024 г.", "2024-10-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17. септембар 2024.", "2024-09-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 кастрычніка 2024", "2024-10-17T00:00:00Z", corpus.PrecisionDay, false},
		{"2024 m. gegužės 17 d.", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"2024. gada 17. maijs", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17. detsember 2024", "2024-12-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 de juliol de 2024", "2024-07-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17. julij 2024", "2024-07-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 Ogos 2024", "2024-08-17T00:00:00Z", corpus.PrecisionDay, false},
		{"Hulyo 17, 2024", "2024-07-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 Mrt 2024", "2024-03-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 جولائی 2024", "2024-07-17T00:00:00Z", corpus.PrecisionDay, false},
		{"১৭ মে ২০২৪", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"১৭ জানু\u09dfারি ২০২৪", "2024-01-17T00:00:00Z", corpus.PrecisionDay, false},
		{"২০২৪-০৫-১৭", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"૧૭ ઓક્ટોબર ૨૦૨૪", "2024-10-17T00:00:00Z", corpus.PrecisionDay, false},
		{"१७ ऑगस्ट २०२४", "2024-08-17T00:00:00Z", corpus.PrecisionDay, false},
		{"१७ मई २०२४, १०:३०", "2024-05-17T10:30:00Z", corpus.PrecisionMinute, false},
		{"17 செப்டம்பர் 2024", "2024-09-17T00:00:00Z", corpus.PrecisionDay, false},
		{"๑๗ พฤษภาคม ๒๕๖๗", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		// Vietnamese numbers the months.
		{"Ngày 17 tháng 5 năm 2024", "2024-05-17T00:00:00Z", corpus.PrecisionDay, false},
		{"17 tháng 05, 2024 10:30", "2024-05-17T10:30:00Z", corpus.PrecisionMinute, false},
		// Not dates.
		{"Sie kam 2019 mit 12 Freunden", "", "", false},
		{"2017/01", "", "", false},
		{"3 hours ago", "", "", false},
		{"2024-02-30", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseStamp(tt.in)
			if tt.want == "" {
				if ok {
					t.Fatalf("parseStamp(%q) = %v, want no date", tt.in, got)
				}
				return
			}
			if !ok {
				t.Fatalf("parseStamp(%q): no date, want %s", tt.in, tt.want)
			}
			if !dateDigits(tt.in) {
				// textDate's cheap test must pass every date parseStamp reads.
				t.Errorf("dateDigits(%q) = false for a date", tt.in)
			}
			if s := got.t.Format(time.RFC3339); s != tt.want || got.prec != tt.prec || got.zoned != tt.zoned {
				t.Errorf("parseStamp(%q) = %s %s zoned=%v, want %s %s zoned=%v", tt.in, s, got.prec, got.zoned, tt.want, tt.prec, tt.zoned)
			}
		})
	}
}

// TestDateDigits checks the cheap test textDate runs before parsing: a
// text with a single short run of digits, in any script, is no date.
func TestDateDigits(t *testing.T) {
	for in, want := range map[string]bool{
		"Story number 123": false,
		"বন্দরের খবর নম্বর ১২৩": false,
		"12 comments":        false,
		"20240617":           true,
		"1700000000":         true,
		"١٦ فبراير ٢٠٢٠":     true,
		"২৪ জুন ২০২৪":        true,
		"Price: ١٢٠٫٥٠ ريال": true,
		"２０２４年６月２４日":         true,
	} {
		if got := dateDigits(in); got != want {
			t.Errorf("dateDigits(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestRelativeStamp(t *testing.T) {
	fetched := time.Date(2025, 1, 15, 12, 40, 30, 0, time.UTC)
	tests := []struct {
		in   string
		want string // RFC 3339; "" for none
		prec string
	}{
		{"3 hours ago", "2025-01-15T00:00:00Z", corpus.PrecisionDay},
		{"14 hours ago", "2025-01-14T00:00:00Z", corpus.PrecisionDay},
		{"Updated 25 minutes ago", "2025-01-15T12:15:00Z", corpus.PrecisionMinute},
		{"5m ago", "2025-01-15T12:35:00Z", corpus.PrecisionMinute},
		{"2 days ago", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"a day ago", "2025-01-14T00:00:00Z", corpus.PrecisionDay},
		{"il y a 2 jours", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"Il y a 10 min", "2025-01-15T12:30:00Z", corpus.PrecisionMinute},
		{"vor 3 Stunden", "2025-01-15T00:00:00Z", corpus.PrecisionDay},
		{"vor einer Stunde", "2025-01-15T00:00:00Z", corpus.PrecisionDay},
		{"vor 20 Min.", "2025-01-15T12:20:00Z", corpus.PrecisionMinute},
		{"hace 2 días", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"2 giorni fa", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"há 3 horas", "2025-01-15T00:00:00Z", corpus.PrecisionDay},
		{"2 dagen geleden", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"för 2 dagar sedan", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"2 dagar sedan", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"for 2 dage siden", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"20 minutter siden", "2025-01-15T12:20:00Z", corpus.PrecisionMinute},
		{"2 päivää sitten", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"20 minuuttia sitten", "2025-01-15T12:20:00Z", corpus.PrecisionMinute},
		{"3 órája", "2025-01-15T00:00:00Z", corpus.PrecisionDay},
		{"20 perccel ezelőtt", "2025-01-15T12:20:00Z", corpus.PrecisionMinute},
		{"2 napja", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"prije 28 minuta", "2025-01-15T12:12:00Z", corpus.PrecisionMinute},
		{"prije 2 dana", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"prije 2 sata", "2025-01-15T00:00:00Z", corpus.PrecisionDay},
		{"prije 14 sati", "2025-01-14T00:00:00Z", corpus.PrecisionDay},
		{"acum 2 zile", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"acum o oră", "2025-01-15T00:00:00Z", corpus.PrecisionDay},
		{"jučer u 18:45", "2025-01-14T18:45:00Z", corpus.PrecisionMinute},
		{"eilen klo 18:45", "2025-01-14T18:45:00Z", corpus.PrecisionMinute},
		{"tegnap", "2025-01-14T00:00:00Z", corpus.PrecisionDay},
		{"2 dni temu", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"2 дня назад", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"час назад", "2025-01-15T00:00:00Z", corpus.PrecisionDay},
		{"2 gün önce", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"2 hari yang lalu", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"منذ 3 ساعات", "2025-01-15T00:00:00Z", corpus.PrecisionDay},
		{"منذ ٢٠ دقيقة", "2025-01-15T12:20:00Z", corpus.PrecisionMinute},
		{"منذ يومين", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"۲ روز پیش", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"לפני יומיים", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"πριν από 2 ημέρες", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"2 दिन पहले", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"2日前", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"2天前", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"2일 전", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"yesterday", "2025-01-14T00:00:00Z", corpus.PrecisionDay},
		{"Gestern, 18:45 Uhr", "2025-01-14T18:45:00Z", corpus.PrecisionMinute},
		{"hier à 18h30", "2025-01-14T18:30:00Z", corpus.PrecisionMinute},
		{"Ayer", "2025-01-14T00:00:00Z", corpus.PrecisionDay},
		{"Updated today", "2025-01-15T00:00:00Z", corpus.PrecisionDay},
		{"أمس", "2025-01-14T00:00:00Z", corpus.PrecisionDay},
		// Languages whose month names are read (ex40dt).
		{"před 2 dny", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"před hodinou", "2025-01-15T00:00:00Z", corpus.PrecisionDay},
		{"pred 2 dňami", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"pred 20 minutami", "2025-01-15T12:20:00Z", corpus.PrecisionMinute},
		{"včera", "2025-01-14T00:00:00Z", corpus.PrecisionDay},
		{"2 дні тому", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"20 хвилин тому", "2025-01-15T12:20:00Z", corpus.PrecisionMinute},
		{"вчора", "2025-01-14T00:00:00Z", corpus.PrecisionDay},
		{"преди 2 дни", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"пре 2 дана", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"јуче", "2025-01-14T00:00:00Z", corpus.PrecisionDay},
		{"fa 3 hores", "2025-01-15T00:00:00Z", corpus.PrecisionDay},
		{"ahir", "2025-01-14T00:00:00Z", corpus.PrecisionDay},
		{"20 phút trước", "2025-01-15T12:20:00Z", corpus.PrecisionMinute},
		{"hôm qua", "2025-01-14T00:00:00Z", corpus.PrecisionDay},
		{"prieš 2 dienas", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"pirms 20 minūtēm", "2025-01-15T12:20:00Z", corpus.PrecisionMinute},
		{"2 päeva tagasi", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		{"2 días atrás", "2025-01-13T00:00:00Z", corpus.PrecisionDay},
		// Not dates: vague units, sentences, other uses of the words.
		{"3 weeks ago", "", ""},
		{"Ez 3 napja történt a városban, mondta a polgármester", "", ""},
		{"10 perc", "", ""},
		{"Mehr hier", "", ""},
		{"Heute im Fokus der Redaktion", "", ""},
		{"The council met 3 days ago to discuss the plan for the bridge", "", ""},
		{"Fa 2 dies que la ciutat va aprovar el pressupost municipal", "", ""},
		{"pred 2 dnevi je občina sprejela proračun za leto", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := relativeStamp(tt.in, fetched)
			if tt.want == "" {
				if ok {
					t.Fatalf("relativeStamp(%q) = %v, want none", tt.in, got.t)
				}
				return
			}
			if !ok {
				t.Fatalf("relativeStamp(%q): none, want %s", tt.in, tt.want)
			}
			if s := got.t.Format(time.RFC3339); s != tt.want || got.prec != tt.prec {
				t.Errorf("relativeStamp(%q) = %s %s, want %s %s", tt.in, s, got.prec, tt.want, tt.prec)
			}
		})
	}
	if _, ok := relativeStamp("3 hours ago", time.Time{}); ok {
		t.Errorf("relative date read without a fetch time")
	}
}

// TestDateRules checks each rule of the date search on small pages.
func TestDateRules(t *testing.T) {
	tests := []struct {
		name, url, head, body string
		noFetch               bool // extract without a fetch time
		pub, pubPrec          string
		mod, modPrec          string
	}{
		{name: "a dateline over the headline, other stories' dates after the article",
			body: `<section><div><div><p>02.02.2022 10:16 Uhr - Bundesliga</p><h1>Headline</h1></div></div><div><div>` + para + para + `</div></div></section>` +
				`<div><p><span>30.01.2022 · Sport</span></p><p><a href="/news/other-story">Wer kommt und wer geht im Sommer</a></p></div>`,
			pub: "2022-02-02T00:00:00Z", pubPrec: "day"},
		{name: "the site banner's date is today's, not the article's",
			body: `<header><div><span class="date">Tue, 14 Jan 2025</span></div><nav><a href="/">Home</a></nav></header>` +
				`<div><h2>Headline</h2><p>Wire<br>13 Jan 2025, 22:11 GMT+10</p>` + para + `</div>`,
			pub: "2025-01-13T22:11:00+10:00", pubPrec: "minute"},
		{name: "an article's own header is not the site banner",
			body: `<header><nav><a href="/">Home</a></nav></header><article><header><h1>Headline</h1><div class="date">Apr 04 2013</div></header>` + para + `</article>`,
			pub:  "2013-04-04T00:00:00Z", pubPrec: "day"},
		{name: "a local midnight written in utc is the printed day",
			head: `<meta property="article:published_time" content="2021-11-04T23:00Z">`,
			body: `<article><h1>Headline</h1><span class="date">5. November 2021</span>` + para + `</article>`,
			pub:  "2021-11-05T00:00:00Z", pubPrec: "day"},
		{name: "a utc evening time beside a printed next day with a time is kept",
			head: `<meta property="article:published_time" content="2021-11-04T23:07:12Z">`,
			body: `<article><h1>Headline</h1><span class="date">5. November 2021</span>` + para + `</article>`,
			pub:  "2021-11-04T23:07:12Z", pubPrec: "second"},
		// ex39da: times of day written with the words of other
		// languages are read, so they show the zone and the time.
		{name: "a utc time takes the zone of the local time printed in french words",
			head: `<meta property="article:published_time" content="2024-03-12T09:30:00Z">`,
			body: `<article><h1>Headline</h1><p class="date">Publié le 12 mars 2024 à 10 h 30</p>` + para + `</article>`,
			pub:  "2024-03-12T10:30:00+01:00", pubPrec: "second"},
		{name: "a russian dateline's time in the zone of the page's metadata",
			head: `<meta property="article:modified_time" content="2024-05-13T08:00:00+03:00">`,
			body: `<article><h1>Headline</h1><div class="date">12 мая 2024 г., 10:30</div>` + para + `</article>`,
			pub:  "2024-05-12T10:30:00+03:00", pubPrec: "minute", mod: "2024-05-13T08:00:00+03:00", modPrec: "second"},
		{name: "a turkish dateline with a short month name",
			body: `<article><h1>Headline</h1><div class="date">13 Ara 2023</div>` + para + `</article>`,
			pub:  "2023-12-13T00:00:00Z", pubPrec: "day"},
		// ex39da: a day found outside the metadata takes the one zoned
		// time of day the page states for it in machine form (dayTime).
		{name: "a dateline's day takes the time of an hatom published title",
			body: `<article><h2 class="date-header">Friday, December 23, 2016</h2><h1>Headline</h1>` + para +
				`<p>Posted by Jane at <abbr class="published" title="2016-12-23T05:11:00-05:00">5:11 AM</abbr></p></article>`,
			pub: "2016-12-23T05:11:00-05:00", pubPrec: "second"},
		{name: "a dateline's day takes the time of rdfa content",
			body: `<article><h1>Headline</h1><div class="date">6. Oktober 2023</div><span property="schema:dateCreated" content="2023-10-06T03:46:34+00:00"></span>` + para + `</article>`,
			pub:  "2023-10-06T03:46:34Z", pubPrec: "second"},
		{name: "two times on a dateline's day name no publication time",
			body: `<article><h1>Headline</h1><div class="date">6. Oktober 2023</div><abbr class="published" title="2023-10-06T03:46:34+02:00">x</abbr>` + para +
				`<div class="comment"><abbr class="published" title="2023-10-06T19:12:00+02:00">evening</abbr><p>A comment.</p></div></article>`,
			pub: "2023-10-06T00:00:00Z", pubPrec: "day"},
		// review39b: only times marked as the publication's count; an
		// unmarked one on that day may be a comment's, an event's, a
		// fixture's or a schedule's, and JSON-LD other than an article's
		// or a page's dates a comment or an embedded video.
		{name: "an unmarked comment time beside a marked publication time",
			body: `<article><h1>Headline</h1><div class="date">6. Oktober 2023</div><abbr class="published" title="2023-10-06T03:46:34+02:00">x</abbr>` + para +
				`<div class="comment"><time datetime="2023-10-06T19:12:00+02:00">evening</time><p>A comment.</p></div></article>`,
			pub: "2023-10-06T03:46:34+02:00", pubPrec: "second"},
		{name: "a lone comment's time is not the post's",
			body: `<div class="post"><h1>Headline</h1><h2 class="date-header">Friday, October 6, 2023</h2>` + para + `</div>` +
				`<div id="comments"><div class="comment"><span>Bob</span> <time datetime="2023-10-06T21:40:00+02:00">9:40 pm</time><p>Lovely photos, thanks for sharing them!</p></div></div>`,
			pub: "2023-10-06T00:00:00Z", pubPrec: "day"},
		{name: "an event's start on the dateline's day is not the publication's",
			url: "https://example.com/2023/10/06/concert-tonight.html",
			body: `<article><h1>Headline</h1>` + para + `<div itemscope itemtype="https://schema.org/Event"><span itemprop="name">Concert</span>` +
				`<meta itemprop="startDate" content="2023-10-06T19:30:00+02:00"><abbr class="dtstart" title="2023-10-06T19:30:00+02:00">7:30 pm</abbr></div></article>`,
			pub: "2023-10-06T00:00:00Z", pubPrec: "day"},
		{name: "a schedule's one time on the dateline's day is not the publication's",
			body: `<article><h1>Headline</h1><div class="date">6 October 2023</div>` + para + `</article>` +
				`<aside><h3>On TV tonight</h3><ul><li><time datetime="2023-10-06T21:00:00+02:00">21:00</time> Evening news</li></ul></aside>`,
			pub: "2023-10-06T00:00:00Z", pubPrec: "day"},
		{name: "json-ld of a comment does not date the article",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Comment","dateCreated":"2023-10-06T22:10:00+02:00"}</script>`,
			body: `<article><h1>Headline</h1><div class="date">6 October 2023</div>` + para + `</article>`,
			pub:  "2023-10-06T00:00:00Z", pubPrec: "day"},
		{name: "json-ld of an embedded video does not date the article",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@type":"VideoObject","name":"Clip","datePublished":"2023-10-06T07:00:00+02:00"}</script>`,
			body: `<article><h1>Headline</h1><div class="date">6 October 2023</div>` + para + `</article>`,
			pub:  "2023-10-06T00:00:00Z", pubPrec: "day"},
		{name: "noon utc under a day is a date-only field",
			body: `<article><h1>Headline</h1><div class="date">6. Oktober 2023</div><span property="dateCreated" content="2023-10-06T12:00:00Z"></span>` + para + `</article>`,
			pub:  "2023-10-06T00:00:00Z", pubPrec: "day"},
		{name: "a comment permalink's time is the comment's",
			url: "https://example.com/story/",
			body: `<article><h1>Headline</h1><div class="date">6. Oktober 2023</div>` + para + `</article>` +
				`<div><p>A comment.</p><a href="https://example.com/story/#comment-12"><abbr title="2023-10-06T19:12:00+02:00">7:12 pm</abbr></a></div>`,
			pub: "2023-10-06T00:00:00Z", pubPrec: "day"},
		{name: "an update's time is not the publication's",
			body: `<article><h1>Headline</h1><div class="date">6. Oktober 2023</div><abbr class="updated" title="2023-10-06T19:12:00+02:00">x</abbr>` + para + `</article>`,
			pub:  "2023-10-06T00:00:00Z", pubPrec: "day"},
		{name: "a teaser's time of another page is not the publication's",
			body: `<article><h1>Headline</h1><div class="date">6. Oktober 2023</div>` + para + `</article>` +
				`<aside><div><h3><a href="/other-story">Another story of the same day</a></h3><abbr title="2023-10-06T19:12:00+02:00">x</abbr></div></aside>`,
			pub: "2023-10-06T00:00:00Z", pubPrec: "day"},
		{name: "zoned metadata wins over a local visible time",
			head: `<meta property="article:published_time" content="2024-05-17T09:30:00-04:00">`,
			body: `<h1>Headline</h1><p class="date">May 17, 2024 3:30 pm</p>`,
			pub:  "2024-05-17T09:30:00-04:00", pubPrec: "second"},
		{name: "date-only json-ld upgraded by a full article:published_time",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-17"}</script><meta property="article:published_time" content="2024-05-17T09:30:00-04:00">`,
			pub:  "2024-05-17T09:30:00-04:00", pubPrec: "second"},
		{name: "date-only metadata upgraded by a time element near the article",
			head: `<meta name="date" content="2024-05-17">`,
			body: `<article><h1>Headline</h1><time datetime="2024-05-17T09:30+02:00">17 May</time>` + para + `</article>`,
			pub:  "2024-05-17T09:30:00+02:00", pubPrec: "minute"},
		{name: "date-only metadata of another day is not upgraded",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-17"}</script><meta property="article:published_time" content="2024-05-18T09:30:00+02:00">`,
			pub:  "2024-05-17T00:00:00Z", pubPrec: "day"},
		{name: "unzoned metadata takes the offset of the same wall clock",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-17T09:30:00"}</script><meta property="article:published_time" content="2024-05-17T09:30:00+02:00">`,
			pub:  "2024-05-17T09:30:00+02:00", pubPrec: "second"},
		{name: "unzoned metadata takes the zone of the same instant in UTC",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-17T09:30:00"}</script><meta property="article:published_time" content="2024-05-17T07:30:00Z">`,
			pub:  "2024-05-17T09:30:00+02:00", pubPrec: "second"},
		{name: "unzoned metadata takes utc from the same wall clock in a time element",
			head: `<meta itemprop="datePublished" content="2019-11-19 02:24:00">`,
			body: `<article><h1>Headline</h1><time datetime="2019-11-19 02:24:00 UTC">Nov 19</time>` + para + `</article>`,
			pub:  "2019-11-19T02:24:00Z", pubPrec: "second"},
		{name: "unzoned metadata made utc by a time element takes the zone of the printed time",
			head: `<meta itemprop="datePublished" content="2019-11-19 02:24:00">`,
			body: `<article><h1>Headline</h1><time datetime="2019-11-19 02:24:00 UTC">Nov 18, 2019 at 9:24 pm ET</time>` + para + `</article>`,
			pub:  "2019-11-18T21:24:00-05:00", pubPrec: "second"},
		{name: "unzoned metadata takes the page's offset from the modified date",
			head: `<meta property="article:published_time" content="2024-05-17T09:30:00"><meta property="article:modified_time" content="2024-05-18T11:00:00+03:00">`,
			pub:  "2024-05-17T09:30:00+03:00", pubPrec: "second", mod: "2024-05-18T11:00:00+03:00", modPrec: "second"},
		{name: "unzoned metadata takes the zone of a visible time",
			head: `<meta property="article:published_time" content="2024-05-17T09:30">`,
			body: `<h1>Headline</h1><p class="date">May 17, 2024 9:30 am EDT</p>`,
			pub:  "2024-05-17T09:30:00-04:00", pubPrec: "minute"},
		{name: "unzoned metadata without a zone on the page is its day",
			head: `<meta property="article:published_time" content="2024-05-17T23:30:00">`,
			pub:  "2024-05-17T00:00:00Z", pubPrec: "day"},
		{name: "unzoned metadata is utc when the printed clock is it moved by the page's offset",
			head: `<meta property="article:published_time" content="2019-11-18T17:01:27">`,
			body: `<aside><time datetime="2019-11-20T07:00:21-05:00">Wednesday</time></aside><article><h1>Headline</h1><p class="date">November 18, 2019 12:01 PM</p>` + para + `</article>`,
			pub:  "2019-11-18T12:01:27-05:00", pubPrec: "second"},
		{name: "unzoned metadata with a zone only in other posts' times and no printed clock is its day",
			head: `<meta property="article:published_time" content="2019-11-18T17:01:27">`,
			body: `<aside><time datetime="2019-11-20T07:00:21-05:00">Wednesday</time></aside><article><h1>Headline</h1>` + para + `</article>`,
			pub:  "2019-11-18T00:00:00Z", pubPrec: "day"},
		{name: "unzoned metadata with a zone in other posts' times and the same printed clock is local",
			head: `<meta property="article:published_time" content="2019-11-18T17:01:27">`,
			body: `<aside><time datetime="2019-11-20T07:00:21-05:00">Wednesday</time></aside><article><h1>Headline</h1><p class="date">November 18, 2019 5:01 PM</p>` + para + `</article>`,
			pub:  "2019-11-18T17:01:27-05:00", pubPrec: "second"},
		{name: "utc metadata takes the zone from an unzoned statement of the same instant",
			head: `<meta property="article:published_time" content="2024-05-17T07:30:00Z"><meta name="date" content="2024-05-17T09:30:00">`,
			pub:  "2024-05-17T09:30:00+02:00", pubPrec: "second"},
		{name: "an offset far from the date is not the page's zone",
			head: `<meta property="article:published_time" content="2024-05-17T09:30:00"><meta property="article:modified_time" content="2024-09-18T11:00:00+03:00">`,
			pub:  "2024-05-17T00:00:00Z", pubPrec: "day", mod: "2024-09-18T11:00:00+03:00", modPrec: "second"},
		{name: "utc metadata shown in the zone of the local time printed under the headline",
			head: `<meta property="article:published_time" content="2024-05-17T13:30:00Z">`,
			body: `<h1>Headline</h1><p class="date">17 May 2024, 15:30</p>`,
			pub:  "2024-05-17T15:30:00+02:00", pubPrec: "second"},
		{name: "utc morning after the printed day with the local time: the instant in its zone",
			head: `<meta property="article:published_time" content="2024-05-18T02:30:00Z">`,
			body: `<h1>Headline</h1><p class="date">17 May 2024, 22:30</p>`,
			pub:  "2024-05-17T22:30:00-04:00", pubPrec: "second"},
		{name: "metadata date beats an event date in the body",
			head: `<meta property="article:published_time" content="2024-05-17T09:30:00+01:00">`,
			body: `<article><h1>Festival announced</h1><p>The festival opens on 21 June 2024 at 18:00 in the park.</p>` + para + `</article>`,
			pub:  "2024-05-17T09:30:00+01:00", pubPrec: "second"},
		{name: "unzoned metadata a few hours after the fetch in UTC is still the page's date",
			head: `<meta property="article:published_time" content="2025-01-15T20:30:00">`,
			body: `<article><h1>Headline</h1><p>The vote is set for 3 March 2025.</p>` + para + `</article>`,
			pub:  "2025-01-15T00:00:00Z", pubPrec: "day"},
		{name: "relative date in a dateline",
			body: `<article><h1>Headline</h1><span class="date">3 hours ago</span>` + para + `</article>`,
			pub:  "2025-01-15T00:00:00Z", pubPrec: "day"},
		{name: "relative minutes in a time element",
			body: `<article><h1>Headline</h1><time>25 minutes ago</time>` + para + `</article>`,
			pub:  "2025-01-15T11:35:00Z", pubPrec: "minute"},
		{name: "relative dates of other posts are not the article's",
			body: `<aside><ul><li><a href="/a">Other story</a> <time>2 hours ago</time></li></ul></aside><article><h1>Headline</h1>` + para + para + `</article>`},
		{name: "relative datelines of other posts are not the article's",
			body: `<div class="sidebar"><ul><li><a href="/a">Other story</a> <span class="post-date">2 hours ago</span></li></ul></div><article><h1>Headline</h1>` + para + para + `</article>`},
		{name: "relative date not read without a fetch time", noFetch: true,
			body: `<article><h1>Headline</h1><span class="date">3 hours ago</span>` + para + `</article>`},
		{name: "url date beats a relative date",
			url:  "https://example.org/2025/01/10/story",
			body: `<article><h1>Headline</h1><span class="date">3 hours ago</span>` + para + `</article>`,
			pub:  "2025-01-10T00:00:00Z", pubPrec: "day"},
		{name: "absolute dateline beats a relative one",
			body: `<article><h1>Headline</h1><span class="date">Updated 3 hours ago</span><span class="date">Published 12 January 2025</span>` + para + `</article>`,
			pub:  "2025-01-12T00:00:00Z", pubPrec: "day"},
		{name: "day-precision modified on the publication day is kept",
			head: `<meta property="article:published_time" content="2024-05-17T09:30:00+02:00"><meta property="article:modified_time" content="2024-05-17">`,
			pub:  "2024-05-17T09:30:00+02:00", pubPrec: "second", mod: "2024-05-17T00:00:00Z", modPrec: "day"},
		{name: "json-ld followed by a stray brace still read",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-17T09:30:00+02:00"} }</script>`,
			pub:  "2024-05-17T09:30:00+02:00", pubPrec: "second"},
		{name: "two json-ld objects in one script both read",
			head: `<script type="application/ld+json">{"@type":"WebSite","name":"Site"}{"@type":"NewsArticle","datePublished":"2024-05-17T09:30:00+02:00"}</script>`,
			pub:  "2024-05-17T09:30:00+02:00", pubPrec: "second"},
		{name: "publicationDate in the page state of a script-rendered page",
			head: `<script id="state" type="application/json">{"props":{"article":{"slug":"story","publicationDate":"2024-05-17T09:30:00+02:00"}}}</script>`,
			pub:  "2024-05-17T09:30:00+02:00", pubPrec: "second"},
		{name: "a list's item linking to this page dates it, not the items before it",
			body: `<h1>Headline</h1>` + para + `<h2>From this blog</h2><ul>` +
				`<li><a href="/news/newer">The council votes on the new budget</a> <time datetime="2024-06-30">30 June</time></li>` +
				`<li><a href="/news/story">Headline</a> <time datetime="2024-05-17">17 May</time></li></ul>`,
			pub: "2024-05-17T00:00:00Z", pubPrec: "day"},
		{name: "times of list items linking to other pages are theirs",
			body: `<h1>Headline</h1>` + para + `<ul><li><a href="/news/other">The council votes on the new budget</a> <time datetime="2024-06-30">30 June</time> by <a rel="author" href="/me">Me</a></li></ul>`},
		{name: "a dateline in a teaser of another post is that post's",
			body: `<div class="head"><div class="date">News, 30.10.23</div><h1><a href="https://example.org/news/story">Headline</a></h1></div>` + para +
				`<div class="box"><div class="date">News, 13.10.23</div><div class="title"><a href="/news/other">The council votes on the new budget</a></div></div>`,
			pub: "2023-10-30T00:00:00Z", pubPrec: "day"},
		{name: "a date beside a section link is the page's",
			body: `<article><h1>Headline</h1><div class="meta"><time datetime="2024-05-17">17 May</time> in <a href="/politics">Politics</a></div>` + para + `</article>`,
			pub:  "2024-05-17T00:00:00Z", pubPrec: "day"},
		{name: "a data-date attribute of one day beats datelines of several days (a list of posts)",
			body: `<article><div class="header"><div data-date="18. März 2020"></div><h1>Headline</h1></div>` + para +
				`<div class="more"><span class="date">01. Juli 2020</span> <span class="date">04. Juni 2020</span></div></article>`,
			pub: "2020-03-18T00:00:00Z", pubPrec: "day"},
		{name: "data-date attributes of several days are a calendar",
			body: `<article><h1>Headline</h1><table><tr><td data-date="2020-03-17">17</td><td data-date="2020-03-18">18</td></tr></table>` + para +
				`<div class="more"><span class="date">01. Juli 2020</span> <span class="date">04. Juni 2020</span></div></article>`,
			pub: "2020-07-01T00:00:00Z", pubPrec: "day"},
		{name: "a scholarly page's highwire citation date",
			head: `<meta name="citation_title" content="Headline"><meta name="citation_publication_date" content="2017/01/09">`,
			body: `<article><h1>Headline</h1>` + para + `</article>`,
			pub:  "2017-01-09T00:00:00Z", pubPrec: "day"},
		{name: "a citation date naming a month only gives way to the day it went online",
			head: `<meta name="citation_publication_date" content="2017/01"><meta name="citation_online_date" content="2016/12/30">`,
			body: `<article><h1>Headline</h1>` + para + `</article>`,
			pub:  "2016-12-30T00:00:00Z", pubPrec: "day"},
		{name: "a citation year alone is no date",
			head: `<meta name="citation_publication_date" content="2017">`,
			body: `<article><h1>Headline</h1>` + para + `</article>`},
		{name: "prism and dublin core issued dates",
			head: `<meta name="prism.publicationDate" content="2021-07-13"><meta name="DC.Issued" content="2021-07-12">`,
			body: `<article><h1>Headline</h1>` + para + `</article>`,
			pub:  "2021-07-13T00:00:00Z", pubPrec: "day"},
		{name: "a compact registration time (og:regDate) is the posting day, its zone unstated",
			head: `<meta property="og:regDate" content="20210820030646">`,
			body: `<article><h1>Headline</h1>` + para + `</article>`,
			pub:  "2021-08-20T00:00:00Z", pubPrec: "day"},
		{name: "dublin core issued alone",
			head: `<meta name="DC.issued" content="2021-07-12">`,
			body: `<article><h1>Headline</h1>` + para + `</article>`,
			pub:  "2021-07-12T00:00:00Z", pubPrec: "day"},
		{name: "ukrainian dateline (a clock without a zone is not claimed)",
			body: `<article><h1>Заголовок</h1><span class="date">17 травня 2024, 10:30</span>` + para + `</article>`,
			pub:  "2024-05-17T00:00:00Z", pubPrec: "day"},
		{name: "vietnamese dateline",
			body: `<article><h1>Tiêu đề</h1><span class="date">Thứ sáu, ngày 17 tháng 5 năm 2024</span>` + para + `</article>`,
			pub:  "2024-05-17T00:00:00Z", pubPrec: "day"},
		{name: "bengali digits and month",
			body: `<article><h1>শিরোনাম</h1><span class="date">১৭ মে ২০২৪</span>` + para + `</article>`,
			pub:  "2024-05-17T00:00:00Z", pubPrec: "day"},
		{name: "a forum thread's json-ld posting",
			head: `<script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Headline","datePublished":"2024-05-17T09:30:00+02:00"}</script>`,
			body: `<div><h1>Headline</h1>` + para + `</div>`,
			pub:  "2024-05-17T09:30:00+02:00", pubPrec: "second"},
		{name: "a question page's json-ld question",
			head: `<script type="application/ld+json">{"@type":"QAPage","mainEntity":{"@type":"Question","name":"Headline","dateCreated":"2024-05-17T09:30:00Z"}}</script>`,
			body: `<div><h1>Headline</h1>` + para + `</div>`,
			pub:  "2024-05-17T09:30:00Z", pubPrec: "second"},
		{name: "an embedded video's upload date is not the page's",
			head: `<script type="application/ld+json">{"@type":"VideoObject","name":"Clip","uploadDate":"2024-05-17"}</script>`,
			body: `<div><h1>Headline</h1>` + para + `</div>`},
		{name: "a recipe's json-ld datePublished",
			head: `<script type="application/ld+json">{"@type":"Recipe","name":"Headline","datePublished":"2024-05-17"}</script>`,
			body: `<div><h1>Headline</h1>` + para + `</div>`,
			pub:  "2024-05-17T00:00:00Z", pubPrec: "day"},
		// A page's only date in plain text, written in its own digits
		// and letters, is read as the same date in ASCII would be:
		// neither the test for digits nor the length limits may count
		// only ASCII digits or bytes.
		{name: "a plain date in arabic-indic digits",
			body: `<div><h1>Headline</h1>` + para + para + para + `</div><div><span>١٦ فبراير ٢٠٢٠</span></div>`,
			pub:  "2020-02-16T00:00:00Z", pubPrec: "day"},
		{name: "a plain date in bengali digits and letters, longer in bytes than in letters",
			body: `<div><h1>Headline</h1>` + para + para + para + `</div><div><span>১৬:২০, ১৬ ফেব্রুয়ারি ২০২০</span></div>`,
			pub:  "2020-02-16T00:00:00Z", pubPrec: "day"},
		// Without an <h1> the texts under the headline are not read
		// (printedDate): only the last-resort text search finds these,
		// through its digit test and its limits in letters.
		{name: "a plain date in bengali, no h1, longer in bytes than textDate's 60 letters",
			body: `<div><h2>Headline</h2>` + para + para + para + `</div><div><span>১৬:২০, ১৬ ফেব্রুয়ারি ২০২০</span></div>`,
			pub:  "2020-02-16T00:00:00Z", pubPrec: "day"},
		{name: "a plain date in arabic-indic digits, no h1",
			body: `<div><h2>Headline</h2>` + para + para + para + `</div><div><span>١٦ فبراير ٢٠٢٠</span></div>`,
			pub:  "2020-02-16T00:00:00Z", pubPrec: "day"},
		// A price, a phone number or a verse in the page's digits is no
		// date, as in ASCII digits.
		{name: "a price, a phone number and a verse in arabic-indic digits date nothing",
			body: `<div><h2>Headline</h2>` + para + para + para + `</div><div><span>١٢٠٫٥٠ ريال</span><span>هاتف: ٠١٠-١٢٣٤-٥٦٧٨</span><span>سورة البقرة ٢:٢٥٥</span><span>النتيجة ٢ - ١</span></div>`},
		{name: "a labelled date in arabic-indic digits in a long line",
			body: `<div><h1>Headline</h1>` + para + para + para + `</div><div><p>نشر في ١٦ فبراير ٢٠٢٠ بواسطة هيئة التحرير في قسم الأخبار المحلية والدولية</p></div>`,
			pub:  "2020-02-16T00:00:00Z", pubPrec: "day"},
		{name: "a small print date in arabic-indic digits in a line of over 120 bytes",
			body: `<div><h1>Headline</h1>` + para + para + para + `</div><div><small>١٦ فبراير ٢٠٢٠ · هيئة التحرير · قسم الأخبار المحلية والدولية والاقتصادية</small></div>`,
			pub:  "2020-02-16T00:00:00Z", pubPrec: "day"},
		{name: "two postings of different days date nothing",
			head: `<script type="application/ld+json">[{"@type":"DiscussionForumPosting","name":"A","datePublished":"2024-05-17"},{"@type":"DiscussionForumPosting","name":"B","datePublished":"2023-01-02"}]</script>`,
			body: `<div><h1>Headline</h1>` + para + `</div>`},
		{name: "a reference number of 14 digits in the text is no date",
			body: `<div><h1>Headline</h1>` + para + `<table><tr><td>Ref.</td><td>20190312114500</td></tr></table></div>`},
		{name: "a web page's json-ld date, its type a subtype and a schema.org url",
			head: `<script type="application/ld+json">{"@type":"http://schema.org/FAQPage","name":"Headline","datePublished":"2024-05-17"}</script>`,
			body: `<div><h1>Headline</h1>` + para + `</div>`,
			pub:  "2024-05-17T00:00:00Z", pubPrec: "day"},
		{name: "a book's json-ld date is the book's, not the review page's",
			head: `<script type="application/ld+json">{"@type":"Book","name":"A novel","datePublished":"2003-09-04"}</script>`,
			body: `<div><h1>Headline</h1>` + para + `</div>`},
		{name: "a film's json-ld dateCreated is the film's",
			head: `<script type="application/ld+json">{"@type":"Movie","name":"A film","dateCreated":"2003-09-04"}</script>`,
			body: `<div><h1>Headline</h1>` + para + `</div>`},
		{name: "an event's start in json-ld is not the page's date",
			head: `<script type="application/ld+json">{"@type":"Event","name":"Headline","startDate":"2024-09-05"}</script>`,
			body: `<div><h1>Headline</h1>` + para + `</div>`},
		{name: "arabic page with an arabic month and eastern arabic digits",
			body: `<article><h1>عنوان الخبر</h1><span class="date">الجمعة ١٧ أيار ٢٠٢٤</span>` + para + `</article>`,
			pub:  "2024-05-17T00:00:00Z", pubPrec: "day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkPageDates(t, tt.url, tt.head, tt.body, !tt.noFetch, tt.pub, tt.pubPrec, tt.mod, tt.modPrec)
		})
	}
}

// checkPageDates extracts a made-up page of head and body at url (a
// default story URL when empty), fetched at fetchedAt or at no known
// time, and checks its published and modified dates.
func checkPageDates(t *testing.T, url, head, body string, fetched bool, pub, pubPrec, mod, modPrec string) {
	t.Helper()
	if url == "" {
		url = "https://example.org/news/story"
	}
	page := `<!DOCTYPE html><html lang="en"><head><title>Page</title>` + head + `</head><body>` + body + para + `</body></html>`
	in := Input{Body: []byte(page), URL: url}
	if fetched {
		in.FetchedAt = fetchedAt
	}
	art, err := Extract(in)
	if err != nil {
		t.Fatal(err)
	}
	checkDate(t, "published", art.Published, art.PublishedPrecision, pub, pubPrec)
	checkDate(t, "modified", art.Modified, art.ModifiedPrecision, mod, modPrec)
}

func checkDate(tb testing.TB, field string, got *time.Time, prec, want, wantPrec string) {
	tb.Helper()
	g := ""
	if got != nil {
		g = got.Format(time.RFC3339)
	}
	if g != want || prec != wantPrec {
		tb.Errorf("%s = %q (%q), want %q (%q)", field, g, prec, want, wantPrec)
	}
	if (got == nil) != (prec == "") {
		tb.Errorf("%s precision %q with date %v", field, prec, got)
	}
}

// TestMonthNamesFolded checks that every month name is reachable through
// monthOf, as written and in upper case.
func TestMonthNamesFolded(t *testing.T) {
	for name, m := range monthNames() {
		if got := monthOf(name); got != m {
			t.Errorf("monthOf(%q) = %v, want %v", name, got, m)
		}
		if up := strings.ToUpper(name); monthOf(up) != m && !strings.ContainsAny(name, "ıiİ") {
			t.Errorf("monthOf(%q) = %v, want %v", up, monthOf(up), m)
		}
	}
}

// TestGoldenDates extracts the date test pages of testdata/extract and
// compares them with their golden files (rewritten by -update), and checks
// the date each page must give whatever the golden file says.
func TestGoldenDates(t *testing.T) {
	tests := []struct {
		name, url    string
		pub, pubPrec string
		mod, modPrec string
	}{
		// The metadata instant with its zone wins over the local time
		// printed on the page.
		{name: "dates_zoned_meta", url: "https://bayside.example/local/river-ferry-returns",
			pub: "2024-05-17T09:30:00-04:00", pubPrec: "second", mod: "2024-05-17T11:05:12-04:00", modPrec: "second"},
		// A date-only JSON-LD value gives way to the full time of the same day.
		{name: "dates_day_and_full", url: "https://northfield.example/news/library-hours",
			pub: "2024-05-17T09:30:00+01:00", pubPrec: "second"},
		// Event dates in the body do not beat the metadata's publication date.
		{name: "dates_event_in_body", url: "https://valleymusic.example/festival-line-up",
			pub: "2024-03-04T08:15:00Z", pubPrec: "second"},
		// Arabic month name and Eastern Arabic digits; the local time has
		// no zone, so the day.
		{name: "ar_month_names", url: "https://madina.example/local/bridge",
			pub: "2024-05-17T00:00:00Z", pubPrec: "day"},
		// Only "3 hours ago": the day of the fetch time less three hours.
		{name: "dates_relative", url: "https://coastlive.example/traffic/storm-road",
			pub: "2025-01-15T00:00:00Z", pubPrec: "day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := mustReadFile(t, filepath.Join(goldenDir, tt.name+".html"))
			art, err := Extract(Input{Body: page, URL: tt.url, ContentType: "text/html; charset=utf-8", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			mustMatchGolden(t, art, filepath.Join(goldenDir, tt.name+".golden.json"))
			checkDate(t, "published", art.Published, art.PublishedPrecision, tt.pub, tt.pubPrec)
			checkDate(t, "modified", art.Modified, art.ModifiedPrecision, tt.mod, tt.modPrec)
			if art.HasFlag(corpus.FlagNotArticle) || art.Text == "" {
				t.Errorf("not extracted as an article: flags %v, %d words", art.Flags, art.WordCount)
			}
		})
	}
}

// mustMatchGolden compares art with a golden file, rewriting it first
// under -update.
func mustMatchGolden(tb testing.TB, art corpus.Article, golden string) {
	tb.Helper()
	got, err := json.MarshalIndent(art, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	if want := mustReadFile(tb, golden); !bytes.Equal(got, want) {
		tb.Errorf("article differs from %s (rerun with -update and review the diff):\n%s", golden, got)
	}
}

// FuzzParseStamp checks that date parsing never panics and that what it
// returns is consistent: a known precision, a day at midnight, an unzoned
// time in UTC.
func FuzzParseStamp(f *testing.F) {
	for _, s := range []string{"2024-05-17T09:30:00-04:00", "May 17, 2024 9:30 am EDT", "١٧ أيار ٢٠٢٤", "17. Mai 2024 um 08:15 Uhr MESZ",
		"۲۷ اردیبهشت ۱۴۰۳", "Fri May 17 2024 09:30:00 GMT+0200 (CEST)", "3 hours ago", "Gestern, 18:45 Uhr", "منذ يومين"} {
		f.Add(s)
	}
	fetched := time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		for _, parse := range []func(string) (stamp, bool){parseStamp, parseShortStamp, func(s string) (stamp, bool) { return relativeStamp(s, fetched) }} {
			st, ok := parse(s)
			if !ok {
				continue
			}
			switch st.prec {
			case corpus.PrecisionDay:
				if h, m, sec := st.t.Clock(); h != 0 || m != 0 || sec != 0 {
					t.Fatalf("%q: day %v not at midnight", s, st.t)
				}
			case corpus.PrecisionMinute, corpus.PrecisionSecond:
			default:
				t.Fatalf("%q: precision %q", s, st.prec)
			}
			if _, off := st.t.Zone(); !st.zoned && off != 0 {
				t.Fatalf("%q: unzoned %v with an offset", s, st.t)
			}
		}
	})
}

func TestSamePage(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"https://example.org/news/story", "http://www.example.org/news/story/", true},
		{"https://example.org/news/story?utm_source=rss#top", "https://example.org/news/story", true},
		{"https://example.org/news.php?id=1", "https://example.org/news.php?id=2", false},
		{"https://example.org/news.php?id=1&ref=home", "https://example.org/news.php?id=1", true},
		{"https://example.org/news/story", "https://example.org/news/other", false},
		{"https://example.org/news/story", "https://example.com/news/story", false},
	}
	for _, tt := range tests {
		b, _ := url.Parse(tt.b)
		if got := samePage(tt.a, b); got != tt.want {
			t.Errorf("samePage(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
