package extract

import "testing"

func TestStoryInWrapper(t *testing.T) {
	tests := []struct {
		name     string
		declared bool
		total    int
		in       nodeInfo
		want     bool
	}{
		{"a story's prose, declared", true, 4000, nodeInfo{para: 1600, text: 1700, link: 0}, true},
		{"not declared", false, 4000, nodeInfo{para: 1600, text: 1700, link: 0}, false},
		{"under strongBody", true, 4000, nodeInfo{para: 1400, text: 1500, link: 0}, false},
		{"under a quarter of the page", true, 8000, nodeInfo{para: 1600, text: 1700, link: 0}, false},
		{"a tenth linked", true, 4000, nodeInfo{para: 1600, text: 1700, link: 170}, false},
		{"a few links", true, 4000, nodeInfo{para: 1600, text: 1700, link: 100}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := &contentExtractor{declared: tt.declared, total: tt.total}
			in := tt.in
			if got := x.storyInWrapper(&in); got != tt.want {
				t.Errorf("storyInWrapper = %v, want %v", got, tt.want)
			}
		})
	}
}
