package index

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

func TestParseMap(t *testing.T) {
	tests := []struct {
		line       string
		start, end uintptr
		path       string
		ok         bool
	}{
		{"7f12a000-7f12b000 r--s 00000000 fd:01 1234   /x/a.bleve/store/000000000002.zap", 0x7f12a000, 0x7f12b000, "/x/a.bleve/store/000000000002.zap", true},
		{"7f12a000-7f12c000 r--s 00000000 fd:01 1234   /x/my index/store/00000000000a.zap (deleted)", 0x7f12a000, 0x7f12c000, "/x/my index/store/00000000000a.zap", true},
		{"7ffd1000-7ffd2000 rw-p 00000000 00:00 0      [stack]", 0, 0, "", false},
		{"7f12a000-7f12b000 rw-p 00000000 00:00 0 ", 0, 0, "", false},
		{"garbage", 0, 0, "", false},
	}
	for _, tt := range tests {
		start, end, path, ok := parseMap([]byte(tt.line))
		if ok != tt.ok || start != tt.start || end != tt.end || path != tt.path {
			t.Errorf("parseMap(%q) = %x, %x, %q, %v; want %x, %x, %q, %v", tt.line, start, end, path, ok, tt.start, tt.end, tt.path, tt.ok)
		}
	}
}

func TestIsSegmentMap(t *testing.T) {
	stores := []string{"/x/a.bleve/store", "/x/a.bleve/fwd", "/x/a.bleve.new/store", "/x/a.bleve.new/fwd"}
	tests := []struct {
		path string
		want bool
	}{
		{"/x/a.bleve/store/000000000002.zap", true},
		{"/x/a.bleve.new/store/000000000002.zap", true},
		{"/x/a.bleve/store/root.bolt", false},
		{"/x/b.bleve/store/000000000002.zap", false},
		{"/x/a.bleve/store/sub/000000000002.zap", false},
		{"/x/a.bleve/fwd/0000000000000000-0000000000000009.fwd", true},
		{"/x/a.bleve.new/fwd/0000000000000003-0000000000000003.fwd", true},
		{"/x/a.bleve/fwd/000000000002.zap", false}, // a segment's name outside the store
		{"/x/a.bleve/store/0000000000000000-0000000000000009.fwd", false},
		{"/x/b.bleve/fwd/0000000000000000-0000000000000009.fwd", false},
	}
	for _, tt := range tests {
		if got := isSegmentMap(tt.path, stores); got != tt.want {
			t.Errorf("isSegmentMap(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// TestReleaseSegments: after searches have read an index's segments
// through their maps, releaseSegments takes their pages out of the
// process's resident memory, and searches still find the same hits.
func TestReleaseSegments(t *testing.T) {
	arts := make([]*corpus.Article, 0, 400)
	for i := range 400 {
		arts = append(arts, genArticle(i+1))
	}
	ix, path := mustOpenFilled(t, newFakeSource(arts...))
	before := MustSearch(t, ix, Request{Query: "the", Limit: 50})
	MustSearch(t, ix, Request{Query: "*", Facets: []string{"site"}})
	stores := releaseStores(path)
	resident := segmentResident(t, stores)
	if resident == 0 {
		t.Fatal("no segment page is resident after searches")
	}
	if err := releaseSegments(stores); err != nil {
		t.Skipf("kernel: %v", err)
	}
	after := segmentResident(t, stores)
	t.Logf("segment pages resident: %d kB, then %d kB", resident, after)
	if after >= resident {
		t.Errorf("segment pages resident: %d kB before, %d kB after the release", resident, after)
	}
	again := MustSearch(t, ix, Request{Query: "the", Limit: 50})
	if again.Total != before.Total || len(again.Hits) != len(before.Hits) {
		t.Fatalf("after the release: %d hits, %d shown; before %d, %d", again.Total, len(again.Hits), before.Total, len(before.Hits))
	}
	for i := range again.Hits {
		if again.Hits[i].URL != before.Hits[i].URL || again.Hits[i].Score != before.Hits[i].Score {
			t.Errorf("hit %d: %s %g, before %s %g", i, again.Hits[i].URL, again.Hits[i].Score, before.Hits[i].URL, before.Hits[i].Score)
		}
	}
}

// segmentResident returns the resident kB of the process's maps of
// segment files of stores (/proc/self/smaps).
func segmentResident(tb testing.TB, stores []string) int64 {
	tb.Helper()
	return mapResident(tb, func(path string) bool { return isSegmentMap(path, stores) })
}

// mapResident returns the resident kB of the process's maps of the files
// whose paths match (/proc/self/smaps).
func mapResident(tb testing.TB, match func(path string) bool) int64 {
	tb.Helper()
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		tb.Skipf("smaps: %v", err)
	}
	var total int64
	in := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Bytes()
		if f := bytes.Fields(line); len(f) > 0 && bytes.IndexByte(f[0], '-') > 0 && !bytes.HasSuffix(f[0], []byte(":")) {
			_, _, p, ok := parseMap(line) // a map's first line
			in = ok && match(p)
			continue
		}
		if rest, ok := bytes.CutPrefix(line, []byte("Rss:")); ok && in {
			f := bytes.Fields(rest)
			kb, _ := strconv.ParseInt(string(f[0]), 10, 64)
			total += kb
		}
	}
	return total
}

// TestReleaseRuns: the forward index's runs, read through their maps by
// a merge or by phrases, are released as the segments are, and read the
// same afterwards.
func TestReleaseRuns(t *testing.T) {
	arts := make([]*corpus.Article, 0, 400)
	for i := range 400 {
		arts = append(arts, genArticle(i+1))
	}
	ix, path := mustOpenFilled(t, newFakeSource(arts...))
	read := func() map[int64]string {
		v := ix.fwd.view()
		defer v.release()
		out := map[int64]string{}
		for _, a := range arts {
			title, body, ok, err := v.terms(a.ID)
			if err != nil || !ok {
				t.Fatalf("article %d: %v, %v", a.ID, ok, err)
			}
			out[a.ID] = strings.Join(title, " ") + "|" + strings.Join(body, " ")
		}
		return out
	}
	before := read()
	stores := releaseStores(path)
	runs := func() int64 {
		return mapResident(t, func(p string) bool {
			return filepath.Base(filepath.Dir(p)) == fwdDir && strings.HasSuffix(p, ".fwd")
		})
	}
	resident := runs()
	if resident == 0 {
		t.Fatal("no run page is resident after reading every article")
	}
	if err := releaseSegments(stores); err != nil {
		t.Skipf("kernel: %v", err)
	}
	after := runs()
	t.Logf("run pages resident: %d kB, then %d kB", resident, after)
	if after >= resident {
		t.Errorf("run pages resident: %d kB before, %d kB after the release", resident, after)
	}
	again := read()
	for id, s := range before {
		if again[id] != s {
			t.Errorf("article %d after the release: %q, before %q", id, again[id], s)
		}
	}
}
