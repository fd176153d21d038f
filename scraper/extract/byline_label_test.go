package extract

import (
	"strings"
	"testing"
)

// TestBylineLabelLine: a line at the body's start that begins with a
// byline label and a colon is the byline when a name follows, and the
// story when a sentence does (the reporter's question of an interview).
func TestBylineLabelLine(t *testing.T) {
	answer := `<p>王芳：这个项目从去年春天开始，经过一年多的施工，新增了三公里滨水步道和两个儿童游乐场，市民反响很好。</p>` +
		`<p>王芳：我们会继续改造北岸的老码头，预计明年秋天完工，届时将开放一个新的渡口广场，方便两岸居民往来。</p>`
	tests := []struct {
		name, first string
		kept        bool
	}{
		{"name", `<p>记者：王芳 李明</p>`, false},
		{"Turkish name", `<p>Haber: Elif Kaya</p>`, false},
		{"interview question", `<p>记者：请介绍一下项目的背景</p>`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html lang="zh"><head><title>江滨公园改造完工</title></head><body><main><article><h1>江滨公园改造完工</h1>` +
				tt.first + answer + `</article></main></body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: "https://dh.example/news/1.html"})
			if err != nil {
				t.Fatal(err)
			}
			line := strings.TrimSuffix(strings.TrimPrefix(tt.first, "<p>"), "</p>")
			if got := strings.Contains(art.Text, line); got != tt.kept {
				t.Errorf("%q in text: %v, want %v\n%s", line, got, tt.kept, art.Text)
			}
		})
	}
}

func TestMaxSpacelessRun(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0}, {"Haber: Elif Kaya", 0}, {"记者：王芳 李明", 2}, {"作者：陈晓明（东湖网记者）", 5},
		{"记者：请介绍一下项目的背景", 10}, {"文・山田太郎", 4},
	}
	for _, tt := range tests {
		if got := maxSpacelessRun(tt.in); got != tt.want {
			t.Errorf("maxSpacelessRun(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
