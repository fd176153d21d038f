package extract

import (
	"fmt"
	"strings"
	"testing"
)

// A board whose class names say nothing (hashed by its build, or none)
// still writes its posters and stamps into data- attributes for its
// scripts: the posts are found from those (dataPostMark), and the
// attributes that only look alike are not read.
func TestDataPostMarks(t *testing.T) {
	thread := func(rootAttr, nameAttr, stampAttr string) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<html %s><head><title>Ferry timetable</title></head><body><h1>Ferry timetable</h1><div>`, rootAttr)
		for i, name := range []string{"kedge", "halyard", "kedge", "tiller"} {
			fmt.Fprintf(&b, `<div class="x1f"><div class="x2a"><a class="x3c" %s>%s</a> <span class="x4d" %s>3h</span></div>`+
				`<div class="x5e">Post %d: the ferry leaves the north quay at seven on weekdays, and at nine on Sundays.</div></div>`,
				strings.ReplaceAll(nameAttr, "NAME", name), name, stampAttr, i)
		}
		b.WriteString(`</div></body></html>`)
		return b.String()
	}
	for _, tt := range []struct {
		name                      string
		root, nameAttr, stampAttr string
		records                   int
	}{
		{"poster and stamp in data attributes", "", `data-username="NAME"`, `data-timestamp="1732722623066"`, 4},
		{"user id, stamp in seconds", "", `data-user-id="NAME"`, `data-time="1708800062"`, 4},
		{"poster name, stamp as a date", "", `data-poster-name="NAME"`, `data-date="Nov 27, 2024"`, 4},
		{"no stamp: a count is no time", "", `data-username="NAME"`, `data-timestamp="12"`, 0},
		{"a stamp of another kind of attribute", "", `data-username="NAME"`, `data-timeout="1708800062"`, 0},
		{"a quote's poster is no post's", "", `data-ipsquote-username="NAME"`, `data-timestamp="1732722623066"`, 0},
		{"a setting about the user names no poster", "", `data-user-privilege-for-post-click="0"`, `data-timestamp="1732722623066"`, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := pageOfString(t, thread(tt.root, tt.nameAttr, tt.stampAttr), "https://board.example/t/ferry-timetable/41")
			defer p.release()
			if c, _ := p.threadPosts(); c.records != tt.records {
				t.Errorf("records %d, want %d", c.records, tt.records)
			}
		})
	}
}
