package extract

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestPooledExtractorsCarryNothing extracts pages in turn and at once
// (as extract --parallel does): a pooled extractor must carry no setting
// from one page to the next (dropActions: a dated story's calls to
// action go, an undated service page's own offer stays).
func TestPooledExtractorsCarryNothing(t *testing.T) {
	var ins []Input
	for _, name := range []string{"story_pieces", "service_reminders", "photo_essay_closing", "gallery_insert"} {
		b, err := os.ReadFile(filepath.Join("testdata", "body", name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, Input{URL: "https://example.com/" + name, Body: b})
	}
	want := make([]string, len(ins))
	for i, in := range ins {
		art, err := Extract(in)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = art.Text
	}
	var wg sync.WaitGroup
	for r := 0; r < 8; r++ {
		for i := range ins {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				if art, err := Extract(ins[(i+r)%len(ins)]); err != nil || art.Text != want[(i+r)%len(ins)] {
					t.Errorf("page %d: text differs when extracted alongside others", (i+r)%len(ins))
				}
			}(i)
		}
	}
	wg.Wait()
}
