package extract

import (
	"math"
	"testing"
)

func TestCoherenceMeasures(t *testing.T) {
	// Four paragraphs of one page: "with" and "said" are in three of
	// them, the subject's words in one or two.
	df := map[string]int{"with": 3, "said": 3, "bridge": 2, "harbour": 2, "steel": 1, "trust": 1, "founded": 1}
	docs := 4
	tests := []struct {
		name, headline, text string
		topic                int     // headline topic words (in half the paragraphs or fewer)
		share                float64 // topicShare of text
		weighted             float64 // weightedShare of text against the headline's words
	}{
		{"story chunk", "Harbour bridge steel with delays", "The harbour bridge waits for steel, officials said.", 4, 0.75, 0.36},
		{"about text", "Harbour bridge steel with delays", "Founded with a trust, the paper said.", 4, 0, 0.06},
		{"short words only", "A day at sea", "Not one word of four letters is here in it", 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			topic := headlineTopic(tc.headline, df, docs)
			if len(topic) != tc.topic {
				t.Errorf("headlineTopic = %v, want %d words", topic, tc.topic)
			}
			if len(topic) > 0 {
				if got := topicShare(contentWords(tc.text, nil), topic); math.Abs(got-tc.share) > 0.01 {
					t.Errorf("topicShare = %.2f, want %.2f", got, tc.share)
				}
			}
			hw := contentWords(tc.headline, nil)
			if got := weightedShare(contentWords(tc.text, nil), func(w string) bool { return hw[w] }, df, docs); math.Abs(got-tc.weighted) > 0.01 {
				t.Errorf("weightedShare = %.2f, want %.2f", got, tc.weighted)
			}
		})
	}
}
