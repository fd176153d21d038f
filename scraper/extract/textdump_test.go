package extract

// A reading aid: -dump-texts DIR writes the extracted text of every
// tuning-half page of shared/page-types to DIR/ID.txt (check-half pages
// are never written).
//
//	go test ./scraper/extract/ -run TestDumpTexts -dump-texts /tmp/texts

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var dumpTexts = flag.String("dump-texts", "", "directory to write the tuning-half page-types texts to")

func TestDumpTexts(t *testing.T) {
	if *dumpTexts == "" {
		t.Skip("no -dump-texts")
	}
	dir := filepath.Join(sharedDir(t), "page-types")
	truth := readTruth(t, dir)
	half := readSplit(t, "../../bench/splits/page-types.tsv")
	if err := os.MkdirAll(*dumpTexts, 0o755); err != nil {
		t.Fatal(err)
	}
	for id, h := range half {
		if h != "tune" {
			continue
		}
		body, err := readGz(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		a, err := Extract(Input{Body: body, URL: truth[id].URL, ContentType: "text/html; charset=utf-8"})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*dumpTexts, id+".txt"), []byte(a.PageType+"\n\n"+a.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
