package extract

import "testing"

func TestKindMarks(t *testing.T) {
	tests := []struct {
		v    string
		want uint16
	}{
		{"", 0},
		{"post", attrPost},
		{"messageBody", attrPost},
		{"card teaser", attrCard},
		{"product-price", attrCard | attrPrice},
		{"forum-post result prices", attrPost | attrCard | attrPrice},
		{"postcard headline", 0},
		{"price-tag", attrPrice},
	}
	for _, tt := range tests {
		if got, _ := kindMarks(tt.v, nil); got != tt.want {
			t.Errorf("kindMarks(%q) = %b, want %b", tt.v, got, tt.want)
		}
	}
}

// kindMarksSlow is kindMarks as it was: classTokens, then each token
// looked up.
func kindMarksSlow(v string) uint16 {
	var f uint16
	for _, t := range classTokens(nil, v) {
		f |= kindWords[t]
	}
	return f
}

func TestKindMarksTokens(t *testing.T) {
	for w := range kindWords {
		if len(w) > kindWordMax {
			t.Errorf("kind word %q has %d bytes, kindWordMax is %d", w, len(w), kindWordMax)
		}
	}
	for _, v := range []string{"", "PostBody", "postCard", "CARD", "x-Messagebody--1", "résultats result",
		"post\xffcard", "thread_topic", "UserText", "aVeryLongClassNameThatIsNotAWordAtAll products"} {
		if got, want := kindMarksOf(v), kindMarksSlow(v); got != want {
			t.Errorf("kindMarks(%q) = %b, classTokens gives %b", v, got, want)
		}
	}
}

func kindMarksOf(v string) uint16 {
	f, _ := kindMarks(v, nil)
	return f
}

func FuzzKindMarks(f *testing.F) {
	for _, s := range []string{"post-card", "PostBody", "Ülist-Products", "a1B2c3 price"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if got, want := kindMarksOf(v), kindMarksSlow(v); got != want {
			t.Errorf("kindMarks(%q) = %b, classTokens gives %b", v, got, want)
		}
	})
}

func FuzzPostClassMarks(f *testing.F) {
	for _, s := range []string{"post-date", "PostAuthor", "user-Time", "comment", "MEMBER nick", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		dated, user := postClassMarks(v)
		wantDated := indexFoldLoop(v, "date") >= 0 || indexFoldLoop(v, "time") >= 0
		wantUser := false
		for _, w := range userClassWords {
			wantUser = wantUser || indexFoldLoop(v, w) >= 0
		}
		if dated != wantDated || user != wantUser {
			t.Errorf("postClassMarks(%q) = %v, %v; want %v, %v", v, dated, user, wantDated, wantUser)
		}
	})
}
