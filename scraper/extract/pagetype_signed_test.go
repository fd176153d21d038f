package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestSignedPostWithCode: a dated, signed tutorial of prose with many code
// blocks (testdata/typeneg/signed_tutorial_code.html), which the
// page-type model alone types documentation at a blog's URL, is an article
// (correctModel, signedPost). Kept documentation: the same page at a
// documentation path or host (a help centre's, or one in another
// language: helpSegments), and the same page unsigned or undated (a
// manual's page says neither who wrote it nor when, or only one of them).
func TestSignedPostWithCode(t *testing.T) {
	page := string(mustReadFile(t, "testdata/typeneg/signed_tutorial_code.html"))
	unsigned := strings.NewReplacer(`<meta name="author" content="Sam Reyes">`, "",
		`By <a rel="author" href="/about">Sam Reyes</a> &middot; `, "").Replace(page)
	undated := strings.Replace(page, ` &middot; <time datetime="2024-03-18">18 March 2024</time>`, "", 1)
	terse := strings.NewReplacer(" It is a line or two of work that a script written in a hurry leaves out until it bites.", "",
		", and keep the result for the next step.", ".").Replace(page)
	tests := []struct {
		name, page, url, want string
		signed, dated         bool // what the page must be found to be
	}{
		{"signed, dated, blog path", page, "https://samreyes.example/blog/scanning-logs", corpus.PageTypeArticle, true, true},
		{"signed, dated, short path", page, "https://samreyes.example/scanning-logs", corpus.PageTypeArticle, true, true},
		{"documentation path", page, "https://samreyes.example/docs/scanning-logs", corpus.PageTypeDocumentation, true, true},
		{"guide path", page, "https://samreyes.example/guides/scanning-logs-in-python", corpus.PageTypeDocumentation, true, true},
		{"documentation host", page, "https://docs.samreyes.example/scanning-logs", corpus.PageTypeDocumentation, true, true},
		{"help path", page, "https://samreyes.example/help/scanning-logs", corpus.PageTypeDocumentation, true, true},
		{"help path (fr)", page, "https://samreyes.example/aide/journaux", corpus.PageTypeDocumentation, true, true},
		{"guide path (de)", page, "https://samreyes.example/anleitungen/logs-auswerten", corpus.PageTypeDocumentation, true, true},
		{"help path (es)", page, "https://samreyes.example/ayuda/analizar-registros", corpus.PageTypeDocumentation, true, true},
		{"unsigned", unsigned, "https://samreyes.example/blog/scanning-logs", corpus.PageTypeDocumentation, false, true},
		{"steps of a line each", terse, "https://samreyes.example/blog/scanning-logs", corpus.PageTypeDocumentation, true, true},
		{"undated", undated, "https://samreyes.example/blog/scanning-logs", corpus.PageTypeDocumentation, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Body: []byte(tc.page), URL: tc.url, ContentType: "text/html; charset=utf-8"}
			art, err := Extract(in)
			if err != nil {
				t.Fatal(err)
			}
			if (len(art.Authors) > 0) != tc.signed || (art.Published != nil) != tc.dated {
				t.Fatalf("authors %v, published %v: not the variant under test", art.Authors, art.Published)
			}
			if art.PageType != tc.want {
				t.Errorf("page type %q, want %q", art.PageType, tc.want)
			}
		})
	}
}

// signedTutorial returns a dated, signed blog tutorial in lang: an
// opening paragraph, steps of a paragraph and a code block each (step
// formats one step's paragraph from its number), and a closing
// paragraph.
func signedTutorial(lang, title, author, byline, intro, step, outro string, steps int) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, `<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s</title><meta name="author" content="%s"></head><body>`, lang, title, author)
	sb.WriteString(`<header><a href="/">Home</a> <nav><a href="/posts">Posts</a> <a href="/about">About</a></nav></header>`)
	fmt.Fprintf(&sb, `<main><h1>%s</h1><p class="byline"><a rel="author" href="/about">%s</a> &middot; <time datetime="2024-03-18">%s</time></p><p>%s</p>`,
		title, author, byline, intro)
	for i := 1; i <= steps; i++ {
		fmt.Fprintf(&sb, "<p>"+step+"</p>\n<pre><code>def step_%d(rows):\n    return [r for r in rows if r.level &gt;= %d]</code></pre>\n", i, i, i%4)
	}
	fmt.Fprintf(&sb, `<p>%s</p></main><footer><p>&copy; 2024</p></footer></body></html>`, outro)
	return sb.String()
}

// TestSignedPostScripts: signedPost in languages whose sentences do not
// end in a Latin full stop or whose words are not spaced. The Japanese
// tutorial needs sentenceProse to count words as the body does (a
// paragraph of few spaces is not one word); the Hindi one needs
// endsSentence to know the danda. The page-type model alone types both
// documentation.
func TestSignedPostScripts(t *testing.T) {
	tests := []struct{ name, page string }{
		{"ja", signedTutorial("ja", "Python でログを一歩ずつ調べる", "山田太郎", "2024年3月18日",
			"どのチームにも、毎朝だれかが手で確認しているログがあります。この記事では、その習慣を小さなスクリプトに一歩ずつ置き換えます。",
			"ステップ%dでは、ログの各行を読み込み、その結果を次のステップのために保存しておきます。急いで書いたスクリプトでは見落とされがちな作業です。",
			"これでスクリプトは完成です。どの手順も巧妙ではありませんが、それぞれが将来のバグを一つ防ぎます。", 28)},
		{"hi", signedTutorial("hi", "Python में लॉग को कदम दर कदम जाँचना", "राहुल शर्मा", "18 मार्च 2024",
			"हर टीम के पास एक लॉग होता है जिसे कोई हर सुबह हाथ से देखता है। यह लेख उस आदत को एक छोटी स्क्रिप्ट में बदलता है।",
			"कदम %d में लॉग की हर पंक्ति पढ़ें और अगले कदम के लिए परिणाम रखें। यह एक या दो पंक्तियों का काम है जिसे जल्दी में लिखी स्क्रिप्ट छोड़ देती है।",
			"यही पूरी स्क्रिप्ट है: कई कदम, कोई भी चतुर नहीं, पर हर एक एक ऐसी गलती है जो अब नहीं होगी।", 28)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Body: []byte(tc.page), URL: "https://writer.example/blog/scanning-logs", ContentType: "text/html; charset=utf-8", FetchedAt: fetchedAt}
			art, err := Extract(in)
			if err != nil {
				t.Fatal(err)
			}
			if len(art.Authors) == 0 || art.Published == nil {
				t.Fatalf("authors %v, published %v: not the variant under test", art.Authors, art.Published)
			}
			if art.PageType != corpus.PageTypeArticle {
				t.Errorf("page type %q, want article", art.PageType)
			}
		})
	}
}
