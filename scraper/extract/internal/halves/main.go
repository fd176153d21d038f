// Command halves splits the per-page results of bench/othersites
// (-details DIR) into a dev half, pages whose file name has an even
// CRC-32 (IEEE), and a held-out half (odd), and prints each extractor's
// scores on both halves, so that changes tuned by looking at dev pages
// can be checked on pages nobody looked at.
//
//	cd bench && go run ./othersites -details /tmp/os
//	go run ./scraper/extract/internal/halves /tmp/os
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type counts struct {
	TP, FN, FP, TN int
}

type result struct {
	Set      string   `json:"set"`
	File     string   `json:"file"`
	Body     *counts  `json:"body"`
	Flags    []string `json:"flags"`
	DateOK   *bool    `json:"date_ok"`
	AuthorOK *bool    `json:"author_ok"`
	Names    *counts  `json:"names"`
	TitleOK  *bool    `json:"title_ok"`
}

type tally struct {
	body, names           counts
	dateH, dateHN         int
	dateT, dateTN         int
	auth, authN           int
	title, titleN, notArt int
}

// Dev reports whether the page file name belongs to the dev half.
func Dev(file string) bool {
	return crc32.ChecksumIEEE([]byte(filepath.Base(file)))%2 == 0
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: halves DETAILS_DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "halves:", err)
		os.Exit(1)
	}
}

func run(dir string, w io.Writer) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	sort.Strings(files)
	fmt.Fprintln(w, "| extractor | half | pages | body P | body R | body F1 | body acc | not_article | date acc htmldate | date acc traf | author exact | names F1 | title exact |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, f := range files {
		var halves [2]tally
		var pages [2]int
		if err := read(f, func(r result) {
			h := 1
			if Dev(r.File) {
				h = 0
			}
			t := &halves[h]
			pages[h]++
			if r.Body != nil {
				add(&t.body, *r.Body)
				for _, fl := range r.Flags {
					if fl == "not_article" {
						t.notArt++
					}
				}
			}
			if r.DateOK != nil {
				if r.Set == "htmldate" {
					t.dateHN++
					if *r.DateOK {
						t.dateH++
					}
				} else {
					t.dateTN++
					if *r.DateOK {
						t.dateT++
					}
				}
			}
			if r.AuthorOK != nil {
				t.authN++
				if *r.AuthorOK {
					t.auth++
				}
			}
			if r.Names != nil {
				add(&t.names, *r.Names)
			}
			if r.TitleOK != nil {
				t.titleN++
				if *r.TitleOK {
					t.title++
				}
			}
		}); err != nil {
			return err
		}
		name := strings.TrimSuffix(filepath.Base(f), ".jsonl")
		for h, t := range halves {
			half := [2]string{"dev", "held-out"}[h]
			b := t.body
			fmt.Fprintf(w, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %d | %s | %s | %s | %s | %s |\n", name, half, pages[h],
				ratio(b.TP, b.TP+b.FP), ratio(b.TP, b.TP+b.FN), ratio(2*b.TP, 2*b.TP+b.FP+b.FN), ratio(b.TP+b.TN, b.TP+b.TN+b.FP+b.FN), t.notArt,
				frac(t.dateH, t.dateHN), frac(t.dateT, t.dateTN), frac(t.auth, t.authN),
				fmt.Sprintf("%.3f", ratio(2*t.names.TP, 2*t.names.TP+t.names.FP+t.names.FN)), frac(t.title, t.titleN))
		}
	}
	return nil
}

func add(c *counts, d counts) {
	c.TP += d.TP
	c.FN += d.FN
	c.FP += d.FP
	c.TN += d.TN
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func frac(a, b int) string {
	if b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.3f", ratio(a, b))
}

func read(path string, fn func(result)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var r result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fn(r)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
