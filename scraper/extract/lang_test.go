package extract

import (
	"strings"
	"testing"
)

// Texts for the language tests, a few sentences each.
const (
	germanText   = "Der Stadtrat hat am Dienstag nach monatelanger Debatte über die Finanzierung der Schulen und die Reparatur der Straßen einen neuen Haushalt beschlossen. Die Opposition kritisierte, dass die Mittel für den Nahverkehr nicht erhöht wurden."
	englishText  = "The city council approved a new budget on Tuesday after months of debate over school funding and road repairs. The opposition said the money for buses and trams had not been raised."
	catalanText  = "El consell municipal va aprovar dimarts un nou pressupost després de mesos de debat sobre el finançament de les escoles i la reparació de les carreteres. L'oposició va criticar que no s'hagin augmentat els diners per al transport públic."
	japaneseText = "市議会は火曜日、学校の財源と道路の補修をめぐる数か月の議論の末、新しい予算を承認した。野党は公共交通の予算が増えなかったことを批判した。"
	frenchText   = "Le conseil municipal a adopté mardi un nouveau budget après des mois de débat sur le financement des écoles et la réparation des routes. L'opposition a regretté que les moyens des transports publics n'aient pas été augmentés."
)

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{englishText, "en"},
		{germanText, "de"},
		{frenchText, "fr"},
		{"El ayuntamiento aprobó el martes un nuevo presupuesto tras meses de debate sobre la financiación de las escuelas y la reparación de las carreteras.", "es"},
		{"Городской совет во вторник утвердил новый бюджет после многомесячных споров о финансировании школ и ремонте дорог.", "ru"},
		{"Міська рада у вівторок затвердила новий бюджет після багатомісячних суперечок щодо фінансування шкіл і ремонту доріг.", "uk"},
		{"وافق مجلس المدينة يوم الثلاثاء على ميزانية جديدة بعد أشهر من النقاش حول تمويل المدارس وإصلاح الطرق.", "ar"},
		{japaneseText, "ja"},
		{"市议会周二在就学校经费和道路维修问题进行数月辩论后批准了新的预算。", "zh"},
		{"시의회는 화요일 학교 재정과 도로 보수를 둘러싼 수개월간의 논쟁 끝에 새 예산을 승인했다.", "ko"},
		{"Το δημοτικό συμβούλιο ενέκρινε την Τρίτη νέο προϋπολογισμό μετά από μήνες συζητήσεων.", "el"},
		{"", ""},
		{"12:30 — 14:45 / 2024", ""},
	}
	for _, tt := range tests {
		if got, _ := DetectLanguage(tt.text); got != tt.want {
			t.Errorf("DetectLanguage(%.30q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestChooseLanguage(t *testing.T) {
	tests := []struct {
		name, declared, text, want string
	}{
		{"declared and right, region kept", "en-US", englishText, "en-US"},
		{"declared en on a German page", "en", germanText, "de"},
		{"declared de on an English page", "de-DE", englishText, "en"},
		{"too short to overrule the tag", "en", "Sturm schließt Schulen in der ganzen Region", "en"},
		{"a language the detector does not know stands", "ca", catalanText, "ca"},
		{"Japanese is not overruled by its kanji", "ja", strings.Repeat("落札価格 落札者 馬主 米田稔氏 調教師 長谷川浩大氏 販売者 生産牧場 社台 ", 10), "ja"},
		{"a Korean tag on Chinese text is overruled", "ko", strings.Repeat("市议会周二在就学校经费和道路维修问题进行数月辩论后批准了新的预算。", 5), "zh"},
		{"nothing declared: detected", "", frenchText, "fr"},
		{"nothing declared, short text: still a guess", "", "La tempête ferme les écoles de toute la région", "fr"},
		{"nothing declared, no letters", "", "2024-05-17 12:30", ""},
		{"declared, no text", "fr", "", "fr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ChooseLanguage(tt.declared, tt.text); got != tt.want {
				t.Errorf("ChooseLanguage(%q, %.30q) = %q, want %q", tt.declared, tt.text, got, tt.want)
			}
		})
	}
}

func TestDetectable(t *testing.T) {
	for tag, want := range map[string]bool{"de": true, "en-GB": true, "no": true, "nn": true, "bs": true, "zh-TW": true, "ca": false, "sq": false, "hy": false, "sk": false} {
		if got := detectable(tag); got != want {
			t.Errorf("detectable(%q) = %v, want %v", tag, got, want)
		}
	}
}

// TestExtractLanguage checks the rule through Extract: a page that
// declares the wrong language, and one that declares none.
func TestExtractLanguage(t *testing.T) {
	page := func(htmlAttr, text string) []byte {
		var b strings.Builder
		b.WriteString("<!doctype html><html" + htmlAttr + "><head><title>Budget</title></head><body><article><h1>Budget</h1>")
		for range 3 {
			b.WriteString("<p>" + text + "</p>")
		}
		b.WriteString("</article></body></html>")
		return []byte(b.String())
	}
	tests := []struct {
		name string
		body []byte
		want string
	}{
		{"CMS default en on a German article", page(` lang="en"`, germanText), "de"},
		{"no declaration", page("", frenchText), "fr"},
		{"right declaration", page(` lang="de-AT"`, germanText), "de-AT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Extract(Input{Body: tt.body, URL: "https://news.example/budget"})
			if err != nil {
				t.Fatal(err)
			}
			if art.Language != tt.want {
				t.Errorf("language %q, want %q", art.Language, tt.want)
			}
		})
	}
}

func BenchmarkDetectLanguage(b *testing.B) {
	text := strings.Repeat(germanText+" ", 20)
	b.ReportAllocs()
	for b.Loop() {
		DetectLanguage(text)
	}
}
