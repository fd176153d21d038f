package extract

import (
	"path/filepath"
	"testing"
)

// TestBodyClasses runs one hand-written article page per failure class
// of the article body (testdata/body): text of the story that was lost,
// or text beside it that was kept.
func TestBodyClasses(t *testing.T) {
	tests := []struct {
		name       string
		wantInText []string
		notInText  []string
	}{
		// A captioned gallery inside the story holds more text than the
		// story: its "gallery" name drops it although it holds most of
		// the page's paragraphs.
		{name: "gallery_insert",
			wantInText: []string{"Most travellers check into a hotel", "The second is the luggage rack", "should be reported straight away"},
			notInText:  []string{"Market story number", "Shares in the company", "Business news in pictures"}},
		// A list of changes, some citing a linked bug report: the linked
		// items are part of the list.
		{name: "mixed_list",
			wantInText: []string{"The address bar now remembers", "Bug 1678390", "Bug 1681796", "password manager imports"},
			notInText:  []string{"Recent posts", "Issue 11", "Archive"}},
		// Prompts after the story: a lead-in to a dropped list of links,
		// questions to the reader and a rating.
		{name: "closing_prompts",
			wantInText: []string{"Every July, gardeners find", "saves many of them."},
			notInText:  []string{"Also interesting", "Nest boxes", "Share this article", "Was this article helpful", "95 votes"}},
		// A formula set in MathML between two sentences of the text.
		{name: "mathml",
			wantInText: []string{"For small angles the period is", "T=2", "where L is the length"},
			notInText:  []string{"Archive"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := mustReadFile(t, filepath.Join("testdata", "body", tt.name+".html"))
			art, err := Extract(Input{Body: page, URL: "https://ledger.example/2026/12/" + tt.name, ContentType: "text/html; charset=utf-8", FetchedAt: fetchedAt})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			checkText(t, art.Text, tt.wantInText, tt.notInText)
			if t.Failed() {
				t.Logf("text:\n%s", art.Text)
			}
		})
	}
}
