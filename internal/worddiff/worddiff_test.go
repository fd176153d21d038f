package worddiff

import (
	"reflect"
	"strings"
	"testing"
)

// render writes edits with [-deleted-] and {+inserted+} markers.
func render(edits []Edit) string {
	var b strings.Builder
	for _, e := range edits {
		switch e.Op {
		case Delete:
			b.WriteString("[-" + e.Text + "-]")
		case Insert:
			b.WriteString("{+" + e.Text + "+}")
		default:
			b.WriteString(e.Text)
		}
	}
	return b.String()
}

func TestWords(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"same text", "same text", "same text"},
		{"", "new", "{+new+}"},
		{"old", "", "[-old-]"},
		{"The minister resigned.", "The minister resigned on Tuesday.", "The minister [-resigned.-]{+resigned on Tuesday.+}"},
		{"a b c d", "a x y d", "a [-b c-]{+x y+} d"},
		{"a b c d", "a d", "a [-b c -]d"},
		{"one two three", "one three", "one [-two -]three"},
		{"东京 大雨", "东京 大风", "东京 大[-雨-]{+风+}"},
	}
	for _, tt := range tests {
		if got := render(Words(tt.a, tt.b)); got != tt.want {
			t.Errorf("Words(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestWordsRoundTrip(t *testing.T) {
	a := "The council met on Monday. It voted 7 to 2 for the plan, which now goes to the mayor."
	b := "The council met on Tuesday evening. It voted 6 to 3 for the plan; the mayor must sign it."
	var old, new strings.Builder
	for _, e := range Words(a, b) {
		if e.Op != Insert {
			old.WriteString(e.Text)
		}
		if e.Op != Delete {
			new.WriteString(e.Text)
		}
	}
	if old.String() != a || new.String() != b {
		t.Errorf("edits do not rebuild the texts:\n%q\n%q", old.String(), new.String())
	}
}

func TestParagraphs(t *testing.T) {
	a := "First paragraph.\n\nSecond paragraph says no.\n\nThird paragraph."
	b := "First paragraph.\n\nSecond paragraph says yes.\n\nThird paragraph.\n\nCorrection: an earlier version misspelled a name."
	got := Paragraphs(a, b)
	want := []Hunk{
		{Paragraph: 2, Edits: []Edit{{Equal, "Second paragraph says "}, {Delete, "no."}, {Insert, "yes."}}},
		{Paragraph: 4, Edits: []Edit{{Insert, "Correction: an earlier version misspelled a name."}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Paragraphs = %+v, want %+v", got, want)
	}
	if got := Paragraphs(a, a); len(got) != 0 {
		t.Errorf("unchanged text: %+v", got)
	}
	if got := Paragraphs("A.\n\nB.\n\nC.", "A.\n\nC."); len(got) != 1 || got[0].Paragraph != 2 || render(got[0].Edits) != "[-B.-]" {
		t.Errorf("a deleted paragraph: %+v", got)
	}
}

func TestHugeTextsFallBack(t *testing.T) {
	a := strings.Repeat("alpha beta ", 5000)
	b := strings.Repeat("beta alpha ", 5000)
	edits := Words("x "+a+" y", "z "+b+" w")
	if len(edits) == 0 {
		t.Fatal("no edits")
	}
}
