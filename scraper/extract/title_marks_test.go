package extract

import "testing"

func TestJoinedByMark(t *testing.T) {
	tests := []struct {
		title, heading string
		want           bool
	}{
		{"江滨公园改造完工 新增三公里滨水步道_本地新闻_东湖网", "江滨公园改造完工 新增三公里滨水步道", true},
		{"東湖網——江滨公园改造完工", "江滨公园改造完工", true},
		{"路線バス削減へ（地方ニュース） - みなとポータル", "路線バス削減へ", true},
		{"江滨公园改造完工新增步道", "江滨公园改造完工", false}, // the heading is only the start of the title
		{"Harbour ferry stays", "Harbour ferry stays", false},
		{"Harbour ferry stays open", "Harbour ferry", false},
		// A spaced script's marks sit inside words: a topic's <h1> is
		// the start of the headline, not the headline.
		{"Apple's new iPhone goes on sale | Tech Daily", "Apple", false},
		{"Node.js 22 released with a new test runner", "Node", false},
		{"COVID-19 cases rise again in island care homes", "COVID", false},
		{"Brexit: what the new customs deal means for ferries", "Brexit", false},
		{"Project_X_Files: the leak explained", "Project", false},
	}
	for _, tt := range tests {
		if got := joinedByMark(tt.title, tt.heading); got != tt.want {
			t.Errorf("joinedByMark(%q, %q) = %v, want %v", tt.title, tt.heading, got, tt.want)
		}
	}
}
