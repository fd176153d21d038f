package extract

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkScriptDigitLists times Extract on undated 16,000-link pages
// whose link texts carry digits of the page's own script (Arabic-Indic,
// Bengali) or ASCII: the last-resort text search (textDate) parses every
// short text with a digit of any script, once.
func BenchmarkScriptDigitLists(b *testing.B) {
	pages := map[string][]byte{
		"arabic": scriptListPage("ar", 16000, func(i int) string {
			return fmt.Sprintf(`<li><a href="/p/%d">المقالة رقم %s عن الميناء</a> <span>السعر %s ريال</span></li>`+"\n", i, arabicDigits(i), arabicDigits(i%500))
		}),
		"bengali": scriptListPage("bn", 16000, func(i int) string {
			return fmt.Sprintf(`<li><a href="/p/%d">বন্দরের খবর নম্বর %s সম্পর্কে বিস্তারিত</a></li>`+"\n", i, bengaliDigits(i))
		}),
		"ascii": scriptListPage("en", 16000, func(i int) string {
			return fmt.Sprintf(`<li><a href="/p/%d">Harbour story number %d</a> <span>Price %d pounds</span></li>`+"\n", i, i, i%500)
		}),
	}
	for _, name := range []string{"arabic", "bengali", "ascii"} {
		page := pages[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				if _, err := Extract(Input{Body: page, URL: "https://news.example/harbour/", ContentType: "text/html", FetchedAt: fetchedAt}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func scriptListPage(lang string, n int, item func(int) string) []byte {
	var sb strings.Builder
	fmt.Fprintf(&sb, `<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>Harbour</title></head><body><main><h1>Harbour</h1><ul>`, lang)
	for i := range n {
		sb.WriteString(item(i))
	}
	sb.WriteString(`</ul></main></body></html>`)
	return []byte(sb.String())
}

func mapDigits(i int, zero rune) string {
	return strings.Map(func(r rune) rune { return r - '0' + zero }, fmt.Sprint(i))
}

func arabicDigits(i int) string  { return mapDigits(i, '٠') }
func bengaliDigits(i int) string { return mapDigits(i, '০') }
