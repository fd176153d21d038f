package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper"
	"github.com/archivist-project/archivist/warc"
)

// TestSummaryWording: the summary line of a crawl and of an import says
// how the command ended, counts copies of stored articles apart, and
// never claims the work is saved when the corpus file went away.
func TestSummaryWording(t *testing.T) {
	gone := fmt.Errorf("commit: %w", corpus.ErrFileGone)
	full := errors.New("database or disk is full")
	crawl := func(s scraper.Summary, err error) string {
		var b strings.Builder
		s.Duration = time.Second
		printSummary(&b, s, err)
		return b.String()
	}
	imp := func(st warc.ImportStats, err error) string {
		var b strings.Builder
		printImportSummary(&env{stdout: &b}, st, time.Second, err)
		return b.String()
	}
	tests := []struct {
		name, got string
		want, not []string
	}{
		{"crawl ok, copies", crawl(scraper.Summary{Fetched: 10, Articles: 5, Duplicates: 2}, nil),
			[]string{"crawl finished: 10 pages fetched, 5 articles (2 more pages were copies of stored articles), 0 errors"}, []string{"stopped"}},
		{"crawl one copy", crawl(scraper.Summary{Fetched: 3, Articles: 1, Duplicates: 1}, nil),
			[]string{"1 article (1 more page was a copy of a stored article)"}, nil},
		{"crawl no copies", crawl(scraper.Summary{Fetched: 3, Articles: 2}, nil),
			[]string{"2 articles, 0 errors"}, []string{"cop"}},
		{"crawl disk full", crawl(scraper.Summary{Fetched: 3}, full),
			[]string{"crawl stopped by an error", "what was fetched is saved"}, nil},
		{"crawl file gone", crawl(scraper.Summary{Fetched: 3}, gone),
			[]string{"crawl stopped by an error", "went into the file that was there"}, []string{"is saved", "resume"}},
		{"crawl interrupted", crawl(scraper.Summary{Fetched: 3, Interrupted: true}, context.Canceled),
			[]string{"crawl finished", "(interrupted; run the same command again to resume)"}, nil},
		{"import ok", imp(warc.ImportStats{Records: 4, Articles: 2, Duplicates: 1}, nil),
			[]string{"import finished: 4 records read, 0 captures added, 2 articles (1 more record was a copy of a stored article)"}, nil},
		{"import interrupted", imp(warc.ImportStats{Records: 4}, context.Canceled),
			[]string{"import interrupted: 4 records read"}, []string{"finished"}},
		{"import disk full", imp(warc.ImportStats{Records: 4}, full),
			[]string{"import stopped by an error: 4 records read"}, []string{"finished"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, w := range tt.want {
				if !strings.Contains(tt.got, w) {
					t.Errorf("%q lacks %q", tt.got, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(tt.got, n) {
					t.Errorf("%q has %q", tt.got, n)
				}
			}
		})
	}
}
