package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestTrailingSigs: on a thread whose class names say nothing, the short
// box that ends each post's body, saying something else in each post,
// goes as the posters' signatures; when the first box of the pair is a
// quote, the second is the reply's text and stays, and so does the short
// second of two paragraphs styled alike.
func TestTrailingSigs(t *testing.T) {
	tests := []struct {
		file       string
		keep, drop []string
	}{
		{"forum_hashed_signatures.html",
			[]string{"votes next month", "twice a year at most", "first Saturday of each month"},
			[]string{"too many slugs", "leeks, parsnips and patience", "seed swap since 2019", "mower engines"}},
		{"forum_hashed_quotes.html",
			[]string{"too many slugs", "twice a year at most", "died within a season", "first Saturday of each month"}, nil},
		// A post of two paragraphs styled alike: the short second one is
		// the poster's own words, not a signature.
		{"forum_hashed_paragraphs.html",
			[]string{"Do reply before Friday", "Count me in for spring", "a book first, then the machine", "show anyone how"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile("testdata/threads/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Extract(Input{Body: body, URL: "https://plots.example/threads/shared-rotavator.2041/", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatal(err)
			}
			if a.PageType != corpus.PageTypeForum {
				t.Fatalf("page type %q, want forum", a.PageType)
			}
			for _, s := range tt.keep {
				if !strings.Contains(a.Text, s) {
					t.Errorf("text lost %q:\n%s", s, a.Text)
				}
			}
			for _, s := range tt.drop {
				if strings.Contains(a.Text, s) {
					t.Errorf("text kept %q:\n%s", s, a.Text)
				}
			}
		})
	}
}
