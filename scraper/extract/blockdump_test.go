package extract

// A reading aid for the tuning half of shared/page-types: every block of
// a page with the block model's score, its label (the block's share of
// the reference text) and the features that most often decide it:
//
//	go test ./scraper/extract/ -run TestDumpBlocks -dump-blocks 0690,2845
//
// Columns: K (kept: score >= blockThreshold), R (labelled main text),
// the score, then link share (lk), share dropped by the content walk (j),
// inside nav, header, footer, aside (0/1), class names of boilerplate
// (neg), in the article body (sel), in <main> (main), under the hidden
// attribute (hid), position in the page (pos) and its container's link
// density (cl). Read only tuning-half pages (bench/splits/page-types.tsv):
// the test refuses check-half ids.

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

var dumpBlocks = flag.String("dump-blocks", "", "comma-separated tuning-half page-types ids whose blocks to print")

func TestDumpBlocks(t *testing.T) {
	if *dumpBlocks == "" {
		t.Skip("no -dump-blocks")
	}
	dir := filepath.Join(sharedDir(t), "page-types")
	truth := readTruth(t, dir)
	half := readSplit(t, "../../bench/splits/page-types.tsv")
	for _, id := range strings.Split(*dumpBlocks, ",") {
		if half[id] != "tune" {
			t.Fatalf("page %s is not on the tuning half", id)
		}
		body, err := readGz(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		texts, fs, art, _, _ := pageFeatures(body, truth[id].URL)
		ref := refGrams(truth[id].Body)
		fmt.Printf("# %s (typed article: %v)\n", id, art)
		for i, s := range texts {
			l, _ := ref.label(s)
			sc := blockScore(blockWeights, &fs[i])
			k, r := " ", " "
			if sc >= blockThreshold {
				k = "K"
			}
			if l >= 0.5 {
				r = "R"
			}
			f := fs[i]
			if len(s) > 90 {
				s = s[:90]
			}
			fmt.Printf("%s%s %.2f lk%.2f j%.1f nav%.0f hd%.0f ft%.0f as%.0f neg%.1f sel%.0f main%.0f hid%.0f pos%.2f cl%.2f | %s\n",
				k, r, sc, f[fLink], f[fJunk], f[fNav], f[fHeader], f[fFooter], f[fAside], f[fNegative], f[fSelected], f[fMain], f[fHidden], f[fPos], f[fContLink], s)
		}
	}
}
