package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/archivist-project/archivist/corpus"
)

func TestParseDate(t *testing.T) {
	est := time.FixedZone("", -5*3600)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2024-05-17T10:30:00Z", time.Date(2024, 5, 17, 10, 30, 0, 0, time.UTC), true},
		{"2024-05-17T10:30:00+02:00", time.Date(2024, 5, 17, 10, 30, 0, 0, time.FixedZone("", 7200)), true},
		{"2024-05-17T10:30:00.123-0500", time.Date(2024, 5, 17, 10, 30, 0, 123000000, est), true},
		{"2024-05-17", time.Date(2024, 5, 17, 0, 0, 0, 0, time.UTC), true},
		{"2024-05-17 10:30:00", time.Date(2024, 5, 17, 10, 30, 0, 0, time.UTC), true},
		{"Fri, 17 May 2024 10:30:00 GMT", time.Date(2024, 5, 17, 10, 30, 0, 0, time.UTC), true},
		{"Fri, 17 May 2024 10:30:00 +0200", time.Date(2024, 5, 17, 10, 30, 0, 0, time.FixedZone("", 7200)), true},
		{"1715941800", time.Date(2024, 5, 17, 10, 30, 0, 0, time.UTC), true},
		{"1715941800000", time.Date(2024, 5, 17, 10, 30, 0, 0, time.UTC), true},
		{"20240517", time.Date(2024, 5, 17, 0, 0, 0, 0, time.UTC), true},
		{"May 17, 2024", time.Date(2024, 5, 17, 0, 0, 0, 0, time.UTC), true},
		{"Updated May 17th, 2024 10:30 pm EST", time.Date(2024, 5, 17, 22, 30, 0, 0, est), true},
		{"17 May 2024", time.Date(2024, 5, 17, 0, 0, 0, 0, time.UTC), true},
		{"26 | 01 | 2022", time.Date(2022, 1, 26, 0, 0, 0, 0, time.UTC), true},
		{"Schweiz | 26 | 2022", time.Time{}, false},
		{"17. Mai 2024, 08:15 Uhr", time.Date(2024, 5, 17, 8, 15, 0, 0, time.UTC), true},
		{"Publié le 28 novembre 2022 à 18h30", time.Date(2022, 11, 28, 18, 30, 0, 0, time.UTC), true},
		{"5 de octubre de 2021", time.Date(2021, 10, 5, 0, 0, 0, 0, time.UTC), true},
		{"17/05/2024", time.Date(2024, 5, 17, 0, 0, 0, 0, time.UTC), true},
		{"05/17/2024", time.Date(2024, 5, 17, 0, 0, 0, 0, time.UTC), true},
		{"17.05.2024", time.Date(2024, 5, 17, 0, 0, 0, 0, time.UTC), true},
		{"2021年4月1日 10時00分", time.Date(2021, 4, 1, 10, 0, 0, 0, time.UTC), true},
		{"الأحد 5 مايو 2019", time.Date(2019, 5, 5, 0, 0, 0, 0, time.UTC), true},
		{"١٠ مارس ٢٠٢٤", time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC), true},
		{"10 كانون الثاني 2020", time.Date(2020, 1, 10, 0, 0, 0, 0, time.UTC), true},
		{"17 мая 2024", time.Date(2024, 5, 17, 0, 0, 0, 0, time.UTC), true},
		{"yesterday", time.Time{}, false},
		{"", time.Time{}, false},
		{"2024-02-30", time.Time{}, false},
		{"Page 12 of 40", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDate(tt.in)
			if ok != tt.ok {
				t.Fatalf("ParseDate(%q) ok = %v, want %v (%v)", tt.in, ok, tt.ok, got)
			}
			if ok && (!got.Equal(tt.want) || got.Format(time.RFC3339) != tt.want.Format(time.RFC3339)) {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got.Format(time.RFC3339Nano), tt.want.Format(time.RFC3339Nano))
			}
		})
	}
}

func TestDateFromURL(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"/2024/05/17/some-story", true},
		{"/news/2024-05-17-story", true},
		{"/news/20240517/story", true},
		{"/news/story-12345678", false},
		{"/2024/13/01/x", false},
		{"/west-virginia/statements/2019/nov/18/story/", true},
		{"/home/2017/7/12/unter-uns", true},
		{"/media-news/meldungen/29-10-2021", true},
		{"/news/31-02-2021", false},
		{"/v/12-34-2021", false},
	}
	for _, tt := range tests {
		if _, ok := dateFromURL(tt.in); ok != tt.ok {
			t.Errorf("dateFromURL(%q) = %v, want %v", tt.in, ok, tt.ok)
		}
	}
}

func TestCreditsWork(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"The Long Road, by Jane Doe", true},
		{"Harbours of the North, by Jonas Weber", true},
		{"Der lange Weg, von Jana Becker", true},
		{"By Jane Doe", false},
		{"Posted in News, by Jane Doe", false},
		{"December 5, 2026, by Jane Doe", false},
		{"Staff Report, by Jane Doe", false},
		{"Jane Doe, Staff Writer", false},
		{"The Long Road, By Jane Doe", false},
		// Without the comma (ex38ca): "by" only, then a person's name.
		{"The Long Road by Jane Doe", true},
		{"Beloved by Toni Morrison", true},
		{"The Long Road by Jane Doe, reviewed by Sam Poe", true},
		{"Harbours of the North by Jonas Weber.", true},
		{"Ludwig von Beethoven", false},
		{"Der lange Weg von Jana Becker", false},
		{"The Long Road by Sting", false},
		{"Story by Jane Doe", false},
		{"Written by Jane Doe", false},
		{"Interview by Jane Doe", false},
		{"Posted in News by Jane Doe", false},
		{"Posted on Monday by Jane Doe", false},
		{"December 5, 2026 by Jane Doe", false},
		{"Staff Report by Jane Doe", false},
		{"Stand by Me", false},
	}
	for _, tt := range tests {
		if got := creditsWork(tt.in); got != tt.want {
			t.Errorf("creditsWork(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCleanAuthors(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"By John Smith", []string{"John Smith"}},
		// A work credited to its maker under a review's headline names
		// no writer of the page; a label or a date before "by" does.
		{"The Long Road, by Jane Doe", nil},
		{"Harbours of the North, by Jonas Weber and Ann Lee", nil},
		{"Jane Doe, Staff Writer", []string{"Jane Doe"}},
		{"Jane Doe, Editor-in-chief", []string{"Jane Doe"}}, // a hyphenated title (roleWord)
		// A wire's credits: the reporter and the writer are authors, the
		// editor and a contributing reporter are not.
		{"Sam Poe, with reporting by Jo Lee", []string{"Sam Poe"}},
		{"Reporting by Ann Lee; Writing by Sam Poe; Editing by Jo Lee", []string{"Ann Lee", "Sam Poe"}},
		// A part credited in another language after a comma names no writer.
		{"Par Anne Roy, édité par Jo Lee", []string{"Anne Roy"}},
		{"Von Eva Maier, fotografiert von Jo Lee", []string{"Eva Maier"}},
		{"Por Ana Ruiz, mis à jour par Jo Lee", []string{"Ana Ruiz"}},
		{"Ursula von der Leyen, Jan de la Cruz", []string{"Ursula von der Leyen", "Jan de la Cruz"}},
		{"Anne Roy, van der Berg", []string{"Anne Roy", "van der Berg"}},
		// A CMS account's name is no author; a Korean role follows the name.
		{"Webmaster", nil},
		{"admin", nil},
		{"Site Admin", nil},
		{"Super User", nil},
		{"By Admin Hodžić", []string{"Admin Hodžić"}},
		{"한서윤 기자", []string{"한서윤"}},
		{"BY JOHN SMITH", []string{"John Smith"}},
		{"By John Smith and Jane Doe", []string{"John Smith", "Jane Doe"}},
		{"John Smith, Jane Doe & Ann Lee", []string{"John Smith", "Jane Doe", "Ann Lee"}},
		{"Tom Krisher, AP Auto Writer", []string{"Tom Krisher"}},
		{"By Priya Natarajan, Environment Correspondent", []string{"Priya Natarajan"}},
		{"Sarah E. Needleman", []string{"Sarah E. Needleman"}},
		{"Von Anna Schmidt und Jonas Weber", []string{"Anna Schmidt", "Jonas Weber"}},
		{"Par Jean Dupont", []string{"Jean Dupont"}},
		{"Por Lucía Romero", []string{"Lucía Romero"}},
		{"بقلم: كريم منصور", []string{"كريم منصور"}},
		{"سارة الحسن و عمر خليل", []string{"سارة الحسن", "عمر خليل"}},
		{"Иван Петров и Мария Сидорова", []string{"Иван Петров", "Мария Сидорова"}},
		{"Jane Doe (jane@example.com)", []string{"Jane Doe"}},
		{"Jane Doe jane.doe@example.com @janedoe", []string{"Jane Doe"}},
		{"https://example.com/author/jane-doe", nil},
		{"Byron Green", []string{"Byron Green"}},
		{"John Smith | Staff Writer", []string{"John Smith"}},
		{"John Smith, John Smith", []string{"John Smith"}},
		{"Updated 10:30 AM", nil},
		{"Sonia Mevißen", []string{"Sonia Mevißen"}},
		{"Anna Weiß und Jonas Groß", []string{"Anna Weiß", "Jonas Groß"}},
		{"Photograph by Ed Marshall", nil},
		{"Text: Ana Silva, Fotos: Ben Ruiz", []string{"Ana Silva"}},
		{"Zeige alle Beiträge von Creeny", []string{"Creeny"}},
		{"Veröffentlicht von Max Muster", []string{"Max Muster"}},
		// Labels written with a colon only: without it the word says
		// something else ("Haber Merkezi" is the newsdesk).
		{"Haber: Elif Kaya", []string{"Elif Kaya"}},
		{"Featured writer: Tom Lee", []string{"Tom Lee"}},
		{"Guest Author: Ana Ruiz", []string{"Ana Ruiz"}},
		{"Yazar: Mehmet Yılmaz", []string{"Mehmet Yılmaz"}},
		{"作者：陈晓明", []string{"陈晓明"}},
		{"记者 : 王芳", []string{"王芳"}},
		{"Penulis: Budi Santoso", []string{"Budi Santoso"}},
		{"Haber Merkezi", []string{"Haber Merkezi"}},
		{"Über Creeny", []string{"Creeny"}},
		{"Veröffentlicht am", nil},
		{"Post author By Jo Lee", []string{"Jo Lee"}},
		// Courtesy and academic titles and degrees go, so that one person
		// is one name across outlets; a title with one word after it is
		// the whole name (a stage name, a brand).
		{"Dr Jane Doe", []string{"Jane Doe"}},
		{"By Dr. Jane Doe", []string{"Jane Doe"}},
		{"Prof. Ann Lee", []string{"Ann Lee"}},
		{"Mr Sam Poe and Mrs Ann Lee", []string{"Sam Poe", "Ann Lee"}},
		{"Professor Ann Lee", []string{"Ann Lee"}},
		{"Prof. Dr. med. Max Muster", []string{"Max Muster"}},
		{"Dipl.-Ing. Max Muster", []string{"Max Muster"}},
		{"Dra. Ana Gómez", []string{"Ana Gómez"}},
		{"Dr. JANE DOE", []string{"Jane Doe"}},
		{"Jane Doe, MD", []string{"Jane Doe"}},
		{"Jane Doe MD", []string{"Jane Doe"}},
		{"Jane Doe, Ph.D.", []string{"Jane Doe"}},
		{"Jane Doe, MS, RDN", []string{"Jane Doe"}},
		{"Review by Dr Jane Doe", []string{"Jane Doe"}},
		{"Dr Dre", []string{"Dr Dre"}},
		{"Dr. Oetker", []string{"Dr. Oetker"}},
		{"Anh Do", []string{"Anh Do"}},
		{"Tran Anh Do", []string{"Tran Anh Do"}},
		{"Sam Poe Jr.", []string{"Sam Poe Jr"}},
		// A place or an outlet after the name is not a name.
		{"By Jane Doe in Kyiv", []string{"Jane Doe"}},
		{"By Jane Doe and Sam Poe in Kyiv", []string{"Jane Doe", "Sam Poe"}},
		{"By Jane Doe in Kyiv, Sam Poe in Lviv", []string{"Jane Doe", "Sam Poe"}},
		{"By Jane Doe at the Capitol", []string{"Jane Doe"}},
		{"Von Anna Becker aus Berlin", []string{"Anna Becker"}},
		{"Par Anne Roy à Kyiv", []string{"Anne Roy"}},
		// Outside a byline the words are an organisation's name's
		// (review40a).
		{"Black Women in Tech", []string{"Black Women in Tech"}},
		{"National Center in Geneva", []string{"National Center in Geneva"}},
		{"Sam Poe, Reuters", []string{"Sam Poe"}},
		{"Sam Poe, AFP", []string{"Sam Poe"}},
		{"Jane Doe, Kyiv, Ukraine", []string{"Jane Doe"}},
		{"Interview by Sam Poe", []string{"Sam Poe"}},
		// What stays: an organisation with a place word, names of one
		// word listed together, a name in a script without case after a
		// full name, a name with a particle.
		{"University of Texas at Austin", []string{"University of Texas at Austin"}},
		{"Women in Tech", []string{"Women in Tech"}},
		{"Suharti, Budiman", []string{"Suharti", "Budiman"}},
		// A word ("and", "y") joins two people: a one-word name after it
		// is no place (review40a). A name in capitals keeps its last
		// word, a surname as often as a degree's letters.
		{"By Rina Ayu and Sukirno", []string{"Rina Ayu", "Sukirno"}},
		{"Por Ana Gómez y Pelé", []string{"Ana Gómez", "Pelé"}},
		{"NGUYEN VAN DO", []string{"Nguyen Van Do"}},
		{"Texto: Ana Gómez", []string{"Ana Gómez"}},
		{"Autorin: Anna Becker", []string{"Anna Becker"}},
		// A value that opens with an e-mail address opens with a space
		// once the address goes (a panic at 8709a661).
		{"jane.doe@example.com By Jane Doe in Kyiv", []string{"Jane Doe"}},
		{"Jane Doe, 山田太郎", []string{"Jane Doe", "山田太郎"}},
		{"Jane Doe, van Dijk", []string{"Jane Doe", "van Dijk"}},
		{"Par Anne Roy et Jo Lee", []string{"Anne Roy", "Jo Lee"}},
		{"Von Max Muster und Erika Muster", []string{"Max Muster", "Erika Muster"}},
		{"Автор: Иван Петров", []string{"Иван Петров"}},
		{"By 山田太郎", []string{"山田太郎"}},
		// A label before the byline word names nobody; the one name
		// after it is the author. A title before a comma credits a work.
		{"Review by Jane Doe", []string{"Jane Doe"}},
		{"Guest Column, by Jane Doe", []string{"Jane Doe"}},
		{"Staff, by Jane Doe", []string{"Jane Doe"}},
		{"Opinion, by Jane Doe", []string{"Jane Doe"}},
		{"Staff Report, by Jane Doe", []string{"Jane Doe"}},
		{"Posted in News, by Jane Doe", []string{"Jane Doe"}},
		{"December 5, 2026, by Jane Doe", []string{"Jane Doe"}},
		{"Opinion, by Jan van der Berg", []string{"Jan van der Berg"}},
		{"Jane Doe, by John Roe", nil},
		{"Photo by Jane Doe", nil},
		{"Staff, by the newsroom", nil},
		{"Review by Jane Doe and John Roe", []string{"Jane Doe", "John Roe"}},
		{"About the author", nil},
		{"Author", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := CleanAuthors(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("CleanAuthors(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		title    string
		sites    []string
		headings []string
		want     string
	}{
		{"Storm hits coast | The Daily Example", []string{"The Daily Example"}, nil, "Storm hits coast"},
		// A channel's <h1> before the headline's, both joined by a mark.
		{"新闻：江滨公园改造完工 新增三公里滨水步道", nil, []string{"新闻", "江滨公园改造完工 新增三公里滨水步道"}, "江滨公园改造完工 新增三公里滨水步道"},
		{"Storm hits coast - Daily Example", []string{"dailyexample"}, nil, "Storm hits coast"},
		{"Storm hits coast | Weather | Daily Example", []string{"Daily Example"}, nil, "Storm hits coast"},
		{"Daily Example: Storm hits coast", []string{"Daily Example"}, nil, "Daily Example: Storm hits coast"},
		{"Daily Example | Storm hits the coast overnight", []string{"Daily Example"}, nil, "Storm hits the coast overnight"},
		{"Spider-Man - a review of the new film", nil, nil, "Spider-Man - a review of the new film"},
		{"Storm hits coast, thousands without power – Example", nil, []string{"Storm hits coast, thousands without power"}, "Storm hits coast, thousands without power"},
		{"Radwege werden breiter – Stadtanzeiger Nord", []string{"Stadtanzeiger Nord"}, nil, "Radwege werden breiter"},
		{"افتتاح مكتبة عامة | جريدة الواحة", []string{"جريدة الواحة"}, nil, "افتتاح مكتبة عامة"},
		{"  Plain   title  ", nil, nil, "Plain title"},
		{"The Space Review: Seeking a bigger role for a big rocket", nil, []string{"Seeking a bigger role for a big rocket"}, "Seeking a bigger role for a big rocket"},
		{"About bugs – Vortex Cannon Entertainment", nil, []string{"About bugs"}, "About bugs"},
		{"A grant to test programs - The Example Blog", []string{"The Example Blog"}, []string{"The Example Blog", "A grant to test programs"}, "A grant to test programs"},
		// The logo <h1> is the title's shorter last part: it names the
		// site, and the section before it goes with it.
		{"Brake pads squeal in the wet - Workshop - Tarn Valley Wheelers", nil, []string{"Tarn Valley Wheelers"}, "Brake pads squeal in the wet"},
		{"Brake pads squeal in the wet - Workshop - Tarn Valley Wheelers", []string{"tarnvalley"}, []string{"Tarn Valley Wheelers"}, "Brake pads squeal in the wet"},
		// A headline <h1> after a shorter section name stays the title.
		{"Opinion - Why the ring road needs a second bridge", nil, []string{"Why the ring road needs a second bridge"}, "Why the ring road needs a second bridge"},
		// The site named in full after the host's word, no og:site_name.
		{"Bin collection days | Northmoor Borough Council", []string{"northmoor"}, nil, "Bin collection days"},
		{"Search results for \"bins\" | Northmoor Borough Council", []string{"northmoor"}, []string{"Search results"}, "Search results for \"bins\""},
		// A last part of more than five words is not a site's name.
		{"Bin collection days | Northmoor residents ask for a weekly round", []string{"northmoor"}, nil, "Bin collection days | Northmoor residents ask for a weekly round"},
		// A short tail after " - " goes only before a site name trimmed.
		{"Election night - live updates", nil, nil, "Election night - live updates"},
		// A lower-case tail before the site name is the headline's own.
		{"Harrow Town beat Fenwick Rovers in the cup final replay - as it happened - The Gazette", []string{"The Gazette"}, nil, "Harrow Town beat Fenwick Rovers in the cup final replay - as it happened"},
		// A sentence-case tail beginning with the host's word is the
		// headline's, not the site named in full.
		{"Strike shuts the city centre - Metro services suspended", []string{"metro"}, nil, "Strike shuts the city centre - Metro services suspended"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			if got := CleanTitle(tt.title, tt.sites, tt.headings); got != tt.want {
				t.Errorf("CleanTitle(%q) = %q, want %q", tt.title, got, tt.want)
			}
		})
	}
}

func TestNormalizeLang(t *testing.T) {
	tests := map[string]string{
		"en": "en", "en_US": "en-US", "EN-us": "en-US", "zh-hant-tw": "zh-Hant-TW", "fr-FR,fr;q=0.9": "fr-FR",
		"": "", "english": "", "x-default": "", "de-": "",
	}
	for in, want := range tests {
		if got := NormalizeLang(in); got != want {
			t.Errorf("NormalizeLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGuessLanguage(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"The council said that the work on the new bridge was going to be finished by the end of the year, and that it has the money for it.", "en"},
		{"Le conseil municipal a décidé que les travaux sur le pont seront terminés avant la fin de l'année, et il a les fonds pour cela.", "fr"},
		{"Der Stadtrat hat beschlossen, dass die Arbeiten an der Brücke bis zum Ende des Jahres abgeschlossen werden, und er hat auch das Geld dafür.", "de"},
		{"El ayuntamiento ha decidido que las obras del puente se terminarán antes de que acabe el año, y que tiene el dinero para ello.", "es"},
		{"Il consiglio comunale ha deciso che i lavori sul ponte saranno finiti entro la fine dell'anno, e che non ha problemi con il bilancio.", "it"},
		{"افتتحت البلدية صباح اليوم مكتبة عامة جديدة في وسط المدينة بعد ثلاث سنوات من أعمال البناء", "ar"},
		{"駅前の再開発地区に、新しい市立図書館が一日開館した。蔵書はおよそ二十万冊で、市内では最大の規模となる。", "ja"},
		{"市议会决定在年底前完成新桥的建设工程，并表示已经准备好了所需的全部资金和人员安排。", "zh"},
		{"Городской совет решил, что работы на новом мосту будут завершены до конца года, и он уже нашёл деньги.", "ru"},
		{"short", ""},
	}
	for _, tt := range tests {
		if got := GuessLanguage(tt.text); got != tt.want {
			t.Errorf("GuessLanguage(%.30q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestCleanSpace(t *testing.T) {
	tests := map[string]string{
		"  a \n\t b  ":      "a b",
		"soft\u00adhyphen":  "softhyphen",
		"zero\u200bwidth":   "zerowidth",
		"nbsp\u00a0space":   "nbsp space",
		"clean":             "clean",
		"":                  "",
		"\ufeffbom":         "bom",
		"a\u200e\u200fb  c": "ab c",
		"vertical\vtab":     "verticaltab",
		"next\u0085line":    "nextline",
		"bad\xffbyte":       "badbyte",
		" é \n\n à ":        "é à",
		"tab\tand\r\nend ":  "tab and end",
	}
	for in, want := range tests {
		if got := cleanSpace(in); got != want {
			t.Errorf("cleanSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCountWords(t *testing.T) {
	tests := map[string]int{
		"one two, three":    3,
		"":                  0,
		"図書館が開館":            6,
		"it's 2024 — done!": 4,
		"مكتبة عامة جديدة":  3,
	}
	for in, want := range tests {
		if got := countWords(in); got != want {
			t.Errorf("countWords(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestFurnitureLines(t *testing.T) {
	tests := []struct {
		text      string
		boiler    bool // isBoilerLine
		cta       bool // isCallToAction
		edgeMatch bool // reEdgeLine
	}{
		{"Advertisement", true, false, false},
		{"Story continues below advertisement", true, false, false},
		{"Image 3 of 12", true, false, false},
		{"5 min read", true, false, false},
		{"Lesen Sie auch:", true, false, false},
		{"Schlagworte", true, false, false},
		{"Quellen ausblenden", true, false, false},
		{"Show more", true, false, false},
		{"Video verfügbar bis 28.02.2021", true, false, false},
		{"Available until 12 March", true, false, false},
		{"The video is available until the end of March on the council's site.", false, false, false},
		{"Verwandte Beiträge", true, false, false},
		{"Mots-clés :", true, false, false},
		{"Die Schlagworte der Debatte wechselten jede Woche.", false, false, false},
		{"Posted on May 5, 2024", false, false, true},
		{"The council met on Tuesday.", false, false, false},
		{"Subscribe to our newsletter to get the news in your inbox.", false, true, false},
		{"Follow us on Twitter and Facebook.", false, true, false},
		{"Reporting by Jane Doe; Editing by John Roe", false, true, false},
		{"Staff writer Ann Lee contributed reporting.", false, true, false},
		{"The service now has ten million subscribers, the company said.", false, false, false},
		{"She announced the plan in her weekly newsletter.", false, false, false},
		{"Updated at 1:23 p.m.", false, false, true},
		{"Filed under: Politics", false, false, true},
		{"jane.doe@example.com", false, false, true},
		{"Published results show a rise in sales across the region this year.", false, false, false},
		{"Zum Newsletter anmelden", false, true, false},
		{"Abonnieren Sie unseren Newsletter und erhalten Sie alle Nachrichten.", false, true, false},
		{"Inscrivez-vous à notre newsletter pour recevoir vos alertes.", false, true, false},
		{"Sie kündigte den Plan in ihrem wöchentlichen Newsletter an.", false, false, false},
		{"Die Stadt will den Newsletter künftig monatlich verschicken.", false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := isBoilerLine(tt.text); got != tt.boiler {
				t.Errorf("isBoilerLine = %v, want %v", got, tt.boiler)
			}
			if got := isCallToAction(tt.text); got != tt.cta {
				t.Errorf("isCallToAction = %v, want %v", got, tt.cta)
			}
			if got := reEdgeLine.MatchString(tt.text); got != tt.edgeMatch {
				t.Errorf("reEdgeLine = %v, want %v", got, tt.edgeMatch)
			}
		})
	}
}

func TestIsCaption(t *testing.T) {
	tests := []struct {
		b    block
		want bool
	}{
		{block{text: "Light a Wish by OGE Group", italic: 1}, true},
		{block{text: "Photo: Jane Doe/Getty Images"}, true},
		{block{text: "The mayor at the opening. (Photo by Ann Lee)"}, true},
		{block{text: "The mayor opened the bridge on Monday, two years late.", italic: 0.1}, false},
		{block{text: "Light a Wish by OGE Group", italic: 1, kind: kindHeading}, false},
		{block{text: "Inverted T design for the arrow keys", kind: kindRow}, false},
	}
	for _, tt := range tests {
		if got := isCaption(tt.b); got != tt.want {
			t.Errorf("isCaption(%q) = %v, want %v", tt.b.text, got, tt.want)
		}
	}
}

func TestTrimLinkList(t *testing.T) {
	body := []block{{text: "First paragraph of the story."}, {text: "Last paragraph of the story."}}
	links := []block{
		{text: "More Great Stories", kind: kindPara},
		{text: "A linked story", kind: kindItem, link: 0.6},
		{text: "Another linked story", kind: kindItem, link: 0.5},
		{text: "A third one", kind: kindItem, link: 0.4},
	}
	plainList := []block{
		{text: "Baubeginn: März", kind: kindItem},
		{text: "Kosten: 2,4 Millionen Euro", kind: kindItem},
		{text: "Fertigstellung: Juli", kind: kindItem},
	}
	tests := []struct {
		name string
		in   []block
		want int
	}{
		{"closing link list and its heading", append(append([]block{}, body...), links...), 2},
		{"plain closing list stays", append(append([]block{}, body...), plainList...), 5},
		{"two link items stay", append(append([]block{}, body...), links[1:3]...), 4},
	}
	for _, tt := range tests {
		if got := trimLinkList(tt.in); len(got) != tt.want {
			t.Errorf("%s: %d blocks left, want %d", tt.name, len(got), tt.want)
		}
	}
}

func TestLocalDay(t *testing.T) {
	day := func(y, m, d int) *stamp { s := dayStamp(y, time.Month(m), d); return &s }
	at := func(s string) stamp {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return stamp{t: t, prec: corpus.PrecisionSecond, zoned: true}
	}
	tests := []struct {
		name     string
		pub      stamp
		url      *stamp
		wantDay  string
		wantPrec string
	}{
		{"utc early morning after the url day", at("2020-02-25T02:25:54Z"), day(2020, 2, 24), "2020-02-24", corpus.PrecisionDay},
		{"same day", at("2020-02-24T18:00:00Z"), day(2020, 2, 24), "2020-02-24", corpus.PrecisionSecond},
		{"zone given", at("2020-02-25T02:25:54+01:00"), day(2020, 2, 24), "2020-02-25", corpus.PrecisionSecond},
		{"utc afternoon", at("2020-02-25T15:00:00Z"), day(2020, 2, 24), "2020-02-25", corpus.PrecisionSecond},
		{"two days after", at("2020-02-26T02:00:00Z"), day(2020, 2, 24), "2020-02-26", corpus.PrecisionSecond},
		{"no url date", at("2020-02-25T02:25:54Z"), nil, "2020-02-25", corpus.PrecisionSecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := localDay(tt.pub, tt.url)
			if d := got.t.Format("2006-01-02"); d != tt.wantDay || got.prec != tt.wantPrec {
				t.Errorf("localDay = %s (%s), want %s (%s)", d, got.prec, tt.wantDay, tt.wantPrec)
			}
		})
	}
}

func TestParseShortDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"28.01.22", "2022-01-28"},
		{"Am 3.2.21 um 10:00", "2021-02-03"},
		{"17 May 2024", "2024-05-17"},
		{"1.2.3.4", ""},
		{"31.02.22", ""},
		{"v2.10.22", ""},
		{"no date", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := ""
			if d, ok := parseShortDate(tt.in); ok {
				got = d.Format("2006-01-02")
			}
			if got != tt.want {
				t.Errorf("parseShortDate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAppendScriptDates(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"state object", `var s = {"publishedAt": "2020-01-02T03:04:05Z", "x": 1}`, []string{"2020-01-02T03:04:05Z"}},
		{"two keys", `{"pubDate":"2020-01-02","datePublished":"2020-01-03"}`, []string{"2020-01-03", "2020-01-02"}},
		{"number value skipped", `{"publishDate": 1577934245}`, nil},
		{"no keys", `console.log("published")`, nil},
		{"first of a key, later ones ignored", `{"publishedAt":"2020-01-02"},{"publishedAt":"2020-05-06"}`, []string{"2020-01-02"}},
		{"a key inside a longer one is not it", `{"republishedAt":"2020-01-02","publishedAtLocal":"2020-01-03"}`, nil},
		{"a later string value of a key whose first is not one", `{"publishDate":null,"x":{"publishDate":"2020-01-02"}}`, []string{"2020-01-02"}},
		{"page state keys", `{"first_published_at":"2020-01-04","publicationDate":"2020-01-03"}`, []string{"2020-01-03", "2020-01-04"}},
		{"value too long", `{"pubDate":"` + strings.Repeat("x", 70) + `"}`, nil},
		{"key at the start", `"pubDate":"2020-01-02"`, []string{"2020-01-02"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := appendScriptDates(nil, tt.src)
			if !slices.Equal(got, tt.want) {
				t.Errorf("appendScriptDates = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRoleClassTokens(t *testing.T) {
	tests := []struct {
		class string
		want  []string
	}{
		{"post-12 type-post status-publish format-standard hentry category-news tag-social-media", []string{"post", "12", "hentry"}},
		{"field field--name-body field--label-hidden", []string{"field", "field", "field"}},
		{"node node--promoted node--type-article", []string{"node", "node", "node"}},
		{"elementor-widget elementor-widget-text-editor", []string{"elementor", "elementor", "text", "editor"}},
		{"widget widget_recent_entries", []string{"widget", "widget", "recent", "entries"}},
		{"enable-pin-share has-sidebar entry", []string{"entry"}},
		{"content-sidebar-wrap", nil},
		{"sidebar-wrap", []string{"sidebar", "wrap"}},
		{"related-posts share", []string{"related", "posts", "share"}},
		{"tag-", []string{"tag"}},
		{"recipe-tab-sec hidden-xs", []string{"recipe", "tab", "sec", "xs"}},
		{"field field-name-text field-label-hidden", []string{"field", "field", "name", "text", "field", "label"}},
		{"visually-hidden", []string{"visually", "hidden"}},
		{"is-hidden", []string{"is", "hidden"}},
		{"hidden", []string{"hidden"}},
		{"article__header", []string{"article"}},
		{"site-header", []string{"site", "header"}},
		// Lower-casing 'Ⱥ' adds a byte: the "--" cut must use offsets
		// of the original (this one sliced out of range).
		{"AȺȺȺ--x", []string{"a"}},
		{"NodeȺȺȺ--promoted main", []string{"node", "main"}},
		{"Nodeİİ--promoted", []string{"node"}},
		{"Node\xff\xff\xff--x", []string{"node"}},
	}
	for _, tt := range tests {
		t.Run(tt.class, func(t *testing.T) {
			got := roleClassTokens(nil, tt.class)
			if !slices.Equal(got, tt.want) {
				t.Errorf("roleClassTokens(%q) = %q, want %q", tt.class, got, tt.want)
			}
		})
	}
}

func TestLinkPostKeepsLinks(t *testing.T) {
	item := `<li><p><a href="https://example.net/a">A linked headline of a story worth reading today</a></p><p>via Example News <a href="https://ift.tt/x">https://ift.tt/x</a></p></li>`
	tests := []struct {
		name, body, word string
		keep             bool
	}{
		{"post made of links keeps them", `<div class="entry-content"><ul>` + strings.Repeat(item, 8) + `</ul><p>Posted from a bookmarking service.</p></div>`, "A linked headline", true},
		{"article with related links drops them", `<div class="entry-content">` + strings.Repeat("<p>The council met on Monday, and after a long debate, it voted to fund the new bridge, the mayor said.</p>", 6) + `<ul>` + strings.Repeat(item, 3) + `</ul></div>`, "A linked headline", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html lang=en><body><article>` + tt.body + `</article></body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: "https://example.org/2020/01/23/links", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(art.Text, tt.word); got != tt.keep {
				t.Errorf("kept %q = %v, want %v: %q", tt.word, got, tt.keep, art.Text)
			}
		})
	}
}

func TestLooseDates(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`showDate("2020/04/17 01:43:09")`, []string{"2020-04-17"}},
		{"am 17.04.2020 und 2019-3-2", []string{"2020-04-17", "2019-03-02"}},
		{"2020.04.17", []string{"2020-04-17"}},
		{"v12020-04-17 x2020-04-17 2020-04-170 2020-13-01 31.02.2020 1.2.33", nil},
		{"on 3.4.2020, not 12.12.20201", []string{"2020-04-03"}},
		{"files/2016/05/04/a.png", []string{"2016-05-04"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got []string
			looseDates(tt.in, func(y, mo, d int) { got = append(got, fmt.Sprintf("%04d-%02d-%02d", y, mo, d)) })
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("looseDates(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestIndexHTMLSpace(t *testing.T) {
	for _, s := range []string{"", "a", "a b", "ab\tc", "\nx", "x\r", "a\fb c", "a\vb", "a\u00a0b", "é ü"} {
		if got, want := indexHTMLSpace(s), strings.IndexAny(s, " \t\n\r\f"); got != want {
			t.Errorf("indexHTMLSpace(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestHasAnyPrefix(t *testing.T) {
	prefixes := [][]string{nil, {""}, {"et_pb", "et-pb", "e"}, {"wp-block", "kb-"}}
	for _, s := range []string{"", "e", "et", "et_pb_row", "wp-blocks", "wp-bl", "kb", "kb-x", "x"} {
		for _, ps := range prefixes {
			want := false
			for _, p := range ps {
				want = want || strings.HasPrefix(s, p)
			}
			if got := hasAnyPrefix(s, ps); got != want {
				t.Errorf("hasAnyPrefix(%q, %q) = %v, want %v", s, ps, got, want)
			}
		}
	}
}

// TestCountWordsASCII: countWords' ASCII branch counts as the Unicode
// tables do, for every ASCII character beside letters, digits and others.
func TestCountWordsASCII(t *testing.T) {
	word := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
	}
	for r := rune(0); r < utf8.RuneSelf; r++ {
		for _, s := range []string{string(r), "a" + string(r) + "b", string(r) + "é", "日" + string(r) + "x"} {
			want := 0
			in := false
			for _, c := range s {
				switch {
				case isSpaceless(c):
					want, in = want+1, false
				case word(c):
					if !in {
						want++
					}
					in = true
				default:
					in = false
				}
			}
			if got := countWords(s); got != want {
				t.Errorf("countWords(%q) = %d, want %d", s, got, want)
			}
		}
	}
}
