package extract

import "testing"

func TestIndexFoldFastPath(t *testing.T) {
	tests := []struct {
		s, sub string
		want   int
	}{
		{"post-author", "author", 5},
		{"post-Author", "author", 5},
		{"post-author", "Author", -1}, // substr must be lower case: never matched
		{"", "", 0},
		{"a", "", 0},
		{"user user", "user", 0},
		{"ab", "abc", -1},
		{"ÄUTHOR author", "author", 8},
	}
	for _, tt := range tests {
		if got := indexFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("indexFold(%q, %q) = %d, want %d", tt.s, tt.sub, got, tt.want)
		}
		if got := indexFoldLoop(tt.s, tt.sub); got != tt.want {
			t.Errorf("indexFoldLoop(%q, %q) = %d, want %d", tt.s, tt.sub, got, tt.want)
		}
	}
}

func FuzzIndexFold(f *testing.F) {
	for _, s := range []string{"comment-author", "Post-Date", "\xffTIME", ""} {
		f.Add(s, "author")
		f.Add(s, "date")
	}
	f.Fuzz(func(t *testing.T, s, sub string) {
		if got, want := indexFold(s, sub), indexFoldLoop(s, sub); got != want {
			t.Errorf("indexFold(%q, %q) = %d, naive %d", s, sub, got, want)
		}
	})
}
