package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

func TestDecodeHTML(t *testing.T) {
	arabic := "<p>مكتبة عامة جديدة في وسط المدينة، والدخول مجاني لجميع الزوار طوال أيام الأسبوع.</p>"
	ar1256, _ := charmap.Windows1256.NewEncoder().String(arabic)
	latin, _ := charmap.ISO8859_1.NewEncoder().String("<p>Café, naïve, résumé, façade.</p>")
	sjis, _ := japanese.ShiftJIS.NewEncoder().String("<p>新しい図書館が駅前に開館した。蔵書はおよそ二十万冊。</p>")
	tests := []struct {
		name, body, ct, wantName, wantText string
	}{
		{"header windows-1256", ar1256, "text/html; charset=windows-1256", "windows-1256", "مكتبة عامة"},
		{"meta windows-1256", `<meta charset="windows-1256">` + ar1256, "text/html", "windows-1256", "مكتبة عامة"},
		{"header latin1", latin, "text/html; charset=ISO-8859-1", "windows-1252", "Café, naïve"},
		{"meta http-equiv latin1", `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">` + latin, "", "windows-1252", "résumé"},
		{"header shift_jis", sjis, "text/html; charset=Shift_JIS", "shift_jis", "図書館"},
		{"meta shift_jis", `<meta http-equiv="content-type" content="text/html;charset=shift_jis">` + sjis, "", "shift_jis", "図書館"},
		{"bom utf-8", "\xef\xbb\xbf<p>naïve</p>", "", "utf-8", "<p>naïve"},
		{"bom beats header", "\xef\xbb\xbf<p>naïve</p>", "text/html; charset=windows-1252", "utf-8", "<p>naïve"},
		{"utf-16le bom", "\xff\xfe<\x00p\x00>\x00", "", "utf-16le", "<p>"},
		{"undeclared utf-8", "<p>naïve café</p>", "", "utf-8", "naïve café"},
		{"latin1 declared but utf-8 bytes", "<p>naïve café</p>", "text/html; charset=iso-8859-1", "utf-8", "naïve café"},
		{"undeclared shift_jis detected", sjis + sjis + sjis, "", "shift_jis", "図書館"},
		{"a stray byte in utf-8", "<p>naïve café résumé façade déjà vu élan \xff byte</p>", "text/html; charset=utf-8", "utf-8", "naïve café"},
		{"header utf-8 over latin1 bytes", latin + latin, "text/html; charset=utf-8", "windows-1252", "Café, naïve"},
		{"meta utf-8 over windows-1256 bytes", `<meta charset="utf-8">` + ar1256 + ar1256, "", "windows-1256", "مكتبة عامة"},
		{"unknown charset", "<p>plain</p>", "text/html; charset=x-unknown", "utf-8", "plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, name, err := DecodeHTML([]byte(tt.body), tt.ct)
			if err != nil {
				t.Fatal(err)
			}
			if name != tt.wantName {
				t.Errorf("charset = %q, want %q", name, tt.wantName)
			}
			if !utf8.Valid(out) {
				t.Errorf("output is not valid UTF-8")
			}
			if !strings.Contains(string(out), tt.wantText) {
				t.Errorf("output %q lacks %q", out, tt.wantText)
			}
		})
	}
}

func TestDecodeHTMLGoldenPages(t *testing.T) {
	tests := []struct{ file, want string }{
		{"ar_windows1256.html", "windows-1256"},
		{"ja_shiftjis.html", "shift_jis"},
	}
	for _, tt := range tests {
		b, err := os.ReadFile(filepath.Join(goldenDir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		if _, name, _ := DecodeHTML(b, ""); name != tt.want {
			t.Errorf("%s: charset %q, want %q", tt.file, name, tt.want)
		}
	}
}

func TestHeaderCharset(t *testing.T) {
	tests := []struct{ ct, want string }{
		{"text/html; charset=UTF-8", "UTF-8"},
		{"text/html; Charset=\"windows-1256\"", "windows-1256"},
		// mime.ParseMediaType rejects these; the fallback must cut the
		// original at offsets found in it, not in a lower-cased copy
		// (the non-UTF-8 byte grew to 3 bytes there: slice out of range).
		{"text/html; \xf7ChArset=", ""},
		{"text/html; \xf7\xf7\xf7ChArset=koi8-r", "koi8-r"},
		{"text/html; ȺȺȺCHARSET=iso-8859-2; x", "iso-8859-2"},
		{"text/html; charset='shift_jis' junk=\x01", "shift_jis"},
		{"text/html; İİİcharset=utf-8,", "utf-8"},
		{"text/html; chars", ""},
	}
	for _, tt := range tests {
		t.Run(tt.ct, func(t *testing.T) {
			if got := headerCharset(tt.ct); got != tt.want {
				t.Errorf("headerCharset(%q) = %q, want %q", tt.ct, got, tt.want)
			}
			if _, _, err := DecodeHTML([]byte("<p>plain</p>"), tt.ct); err != nil {
				t.Errorf("DecodeHTML: %v", err)
			}
		})
	}
}

func TestIndexFold(t *testing.T) {
	tests := []struct {
		s, sub string
		want   int
	}{
		{"abc", "b", 1}, {"ABC", "bc", 1}, {"\xffCharSet=x", "charset=", 1},
		{"ȺCHARSET", "charset", 2}, {"char", "charset", -1}, {"", "a", -1}, {"x", "", 0},
	}
	for _, tt := range tests {
		if got := indexFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("indexFold(%q, %q) = %d, want %d", tt.s, tt.sub, got, tt.want)
		}
	}
	if got := lowerASCII("AȺ\xffZ"); got != "aȺ\xffz" {
		t.Errorf("lowerASCII = %q", got)
	}
}
