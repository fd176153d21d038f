package extract

import (
	"fmt"
	"testing"
)

// BenchmarkDropPairedCopies: a listing's n cards printed twice, the
// second time under a heading or not. Each run found is walked once, so
// the time grows with n, not with n².
func BenchmarkDropPairedCopies(b *testing.B) {
	for _, n := range []int{500, 2000, 8000} {
		for _, head := range []bool{false, true} {
			bs, want := twicePrinted(n, head)
			b.Run(fmt.Sprintf("cards=%d/heading=%v", n, head), func(b *testing.B) {
				for b.Loop() {
					if got := dropPairedCopies(bs); len(got) != want {
						b.Fatalf("%d blocks left, want %d", len(got), want)
					}
				}
			})
		}
	}
}

// twicePrinted returns n teasers printed twice, each copy under a
// heading of its own when head is set, and how many blocks
// dropPairedCopies leaves: one copy, or both when the second copy holds
// no heading and opens under one (underOtherTitle).
func twicePrinted(n int, head bool) ([]block, int) {
	var bs []block
	for k := 0; k < 2; k++ {
		if head {
			bs = append(bs, block{text: fmt.Sprint("Section ", k), kind: kindHeading})
		}
		for i := 0; i < n; i++ {
			bs = append(bs, block{text: fmt.Sprintf("The teaser of story number %d runs on for a dozen words or so", i)})
		}
	}
	if head {
		return bs, len(bs)
	}
	return bs, n
}

// BenchmarkDropEchoes times dropEchoes on threads of 3,000 and 6,000
// posts, each a name, a paragraph and a code line every post prints (a
// partial match at each earlier post), the last post twice: the time
// must grow with the posts, not with their square.
func BenchmarkDropEchoes(b *testing.B) {
	for _, n := range []int{3000, 6000} {
		var bs []block
		for i := range n {
			bs = append(bs, block{text: fmt.Sprintf("user%d", i%40)},
				block{text: fmt.Sprintf("Post %d: the logger stops after about an hour and never flushes.", i)},
				block{text: "gauge: buffer full, flush failed, restarting"})
		}
		bs = append(bs, bs[len(bs)-3:]...)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if got := dropEchoes(bs); len(got) != 3*n {
					b.Fatalf("kept %d blocks, want %d", len(got), 3*n)
				}
			}
		})
	}
}
