package extract

import (
	"strings"
	"testing"
)

// TestBylinePages: made-up pages (testdata/bylines) whose authors come
// from bylines that credit several parts, carry titles, places or
// agencies, or are written in other scripts; and pages whose authors must
// stay as they are (a list of reviews, an interview's subject, a stage
// name, an organisation, names of one word).
func TestBylinePages(t *testing.T) {
	tests := []struct{ name, want string }{
		// A reviewer's and an editor's lines without a writer: the
		// review's writer, in either order (before: nobody, or the editor).
		{"review_then_editor", "Lena Moreau"},
		{"editor_then_review", "Lena Moreau"},
		{"two_reviewers", ""}, // a list of reviews
		// The writer's titles and degree go; the expert reviewer and the
		// editor are not authors.
		{"health_credits", "Jane Doe"},
		// The place and the agency are no authors.
		{"wire_dateline", "Tomas Eriksen; Lena Moreau"},
		{"wire_dateline_plain", "Tomas Eriksen; Lena Moreau"},
		{"interview_by", "Tomas Eriksen"},
		{"interview_with", ""}, // the person interviewed
		{"ru_author_label", "Иван Петров"},
		{"by_caseless_name", "山田太郎"},
		{"de_titles", "Max Muster"},
		{"de_titles_plain", "Erika Muster; Max Muster"},
		{"courtesy_title", "Sam Poe; Ann Lee"},
		{"stage_name", "Dr Dre"},
		{"org_with_place", "University of Texas at Austin"},
		{"single_names", "Suharti; Budiman"},
		// review40a: a one-word name joined by "and" is a person; a
		// surname in capitals that is a degree's letters stays; an
		// organisation's "in" is no place outside a byline; a label
		// in another language goes.
		{"one_word_coauthor", "Rina Ayu; Sukirno"},
		{"caps_surname", "Nguyen Van Do"},
		{"org_in_place", "Black Women in Tech"},
		{"label_texto", "Ana Gómez"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "bylines", tt.name, "https://gazette.example/2026/12/05/"+tt.name)
			if got := strings.Join(art.Authors, "; "); got != tt.want {
				t.Errorf("authors %q, want %q", got, tt.want)
			}
		})
	}
}
