package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestTextOf(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"scripts and styles left out", `<h1>Council <script>var x</script><style>h1{}</style>votes</h1>`, "Council votes"},
		{"ruby readings left out", `<h1><ruby>人<rp>(</rp><rt>ひと</rt><rp>)</rp></ruby>の<ruby>名前<rt>なまえ</rt></ruby>を決める</h1>`, "人の名前を決める"},
		{"blocks spaced", `<div><p>One</p><p>two</p></div>`, "One two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body>" + tt.in + "</body>"))
			if err != nil {
				t.Fatal(err)
			}
			body := doc.FirstChild.LastChild // <html>'s <body>
			if got := textOf(body); got != tt.want {
				t.Errorf("textOf = %q, want %q", got, tt.want)
			}
			// shortText spaces every element, inline ones too.
			if got := shortText(body, 100); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(tt.want, " ", "") {
				t.Errorf("shortText = %q, want %q (spaces aside)", got, tt.want)
			}
		})
	}
}

func TestNumFields(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", " a ", "a b\tc\nd\ve\ff\rg", "  two  words  ",
		"no\u00a0break", "next\u0085line", "ideo\u3000space", "bad\xffbyte \xff",
		"é è", "\u2003em\u2003space\u2003", "日本語 テキスト",
	} {
		if got, want := numFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("numFields(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzNumFields(f *testing.F) {
	f.Add("a b\u00a0c")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := numFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("numFields(%q) = %d, want %d", s, got, want)
		}
	})
}
