package index

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/archivist-project/archivist/corpus"
	"golang.org/x/sys/unix"
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

// releaseTest is an index of 400 generated articles on disk whose
// segments and runs have been read through their maps.
func releaseTest(t *testing.T) (*Index, string, []*corpus.Article) {
	t.Helper()
	arts := make([]*corpus.Article, 0, 400)
	for i := range 400 {
		arts = append(arts, genArticle(i+1))
	}
	ix, path := mustOpenFilled(t, newFakeSource(arts...))
	return ix, path, arts
}

// release releases the maps of ix as its page releaser does.
func release(t *testing.T, ix *Index) {
	t.Helper()
	maps, done := ix.heldMaps()
	defer done()
	if len(maps) == 0 {
		t.Fatal("heldMaps: no map")
	}
	if err := releaseMaps(maps); err != nil {
		t.Skipf("kernel: %v", err)
	}
}

// TestReleaseSegments: after searches have read an index's segments
// through their maps, releaseMaps takes their pages out of the process's
// resident memory and leaves them in the page cache, and searches still
// find the same hits.
func TestReleaseSegments(t *testing.T) {
	ix, path, _ := releaseTest(t)
	before := MustSearch(t, ix, Request{Query: "the", Limit: 50})
	MustSearch(t, ix, Request{Query: "*", Facets: []string{"site"}})
	isSeg := func(p string) bool {
		return filepath.Dir(p) == filepath.Join(path, "store") && strings.HasSuffix(p, ".zap")
	}
	checkReleased(t, ix, path, isSeg)
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

// checkReleased releases ix's maps and checks that the resident pages of
// the process's maps of the files that match dropped, and that the
// files' pages in the page cache did not.
func checkReleased(t *testing.T, ix *Index, path string, match func(string) bool) {
	t.Helper()
	abs, err := filepath.EvalSymlinks(path)
	if err != nil {
		t.Fatal(err)
	}
	matchAbs := func(p string) bool { return match(strings.Replace(p, abs, path, 1)) }
	resident := mapResident(t, matchAbs)
	if resident == 0 {
		t.Fatal("no page of the maps is resident before the release")
	}
	cached := cachedKB(t, path, match)
	release(t, ix)
	after, cachedAfter := mapResident(t, matchAbs), cachedKB(t, path, match)
	t.Logf("resident in the maps: %d kB, then %d kB; in the page cache: %d kB, then %d kB", resident, after, cached, cachedAfter)
	if after >= resident {
		t.Errorf("resident in the maps: %d kB before, %d kB after the release", resident, after)
	}
	if lost := cached - cachedAfter; lost*10 > resident {
		t.Errorf("the release took %d kB of the %d kB released out of the page cache too (%d kB cached before)", lost, resident, cached)
	}
}

// cachedKB returns the kB of the files under path that match which are in
// the page cache (mincore on a fresh map of each).
func cachedKB(tb testing.TB, path string, match func(string) bool) int64 {
	tb.Helper()
	page := int64(os.Getpagesize())
	var pages int64
	err := filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !match(p) {
			return err
		}
		data, unmap, err := mapFile(p)
		if err != nil || len(data) == 0 {
			return err
		}
		defer unmap()
		vec := make([]byte, (int64(len(data))+page-1)/page)
		if err := mincore(data, vec); err != nil {
			return err
		}
		for _, v := range vec {
			pages += int64(v & 1)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return pages * page >> 10
}

// mincore sets vec[i]&1 when page i of the map data is in the page cache.
func mincore(data, vec []byte) error {
	_, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&data[0])), uintptr(len(data)), uintptr(unsafe.Pointer(&vec[0])))
	if errno != 0 {
		return fmt.Errorf("mincore: %w", errno)
	}
	return nil
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

// parseMap parses a line of /proc/self/maps:
// "7f12a000-7f12b000 r--s 00000000 fd:01 1234   /path/to/file".
func parseMap(line []byte) (start, end uintptr, path string, ok bool) {
	f := bytes.Fields(line)
	if len(f) < 6 {
		return 0, 0, "", false
	}
	lo, hi, found := bytes.Cut(f[0], []byte("-"))
	if !found {
		return 0, 0, "", false
	}
	s, err1 := strconv.ParseUint(string(lo), 16, 64)
	e, err2 := strconv.ParseUint(string(hi), 16, 64)
	if err1 != nil || err2 != nil || e <= s {
		return 0, 0, "", false
	}
	// The path is the rest of the line from its first slash (it may hold
	// spaces); a file removed while mapped ends in " (deleted)".
	i := bytes.IndexByte(line, '/')
	if i < 0 {
		return 0, 0, "", false
	}
	path = strings.TrimSuffix(string(line[i:]), " (deleted)")
	return uintptr(s), uintptr(e), path, true
}

// TestReleaseRuns: the forward index's runs, read through their maps by
// a merge or by phrases, are released as the segments are, and read the
// same afterwards.
func TestReleaseRuns(t *testing.T) {
	ix, path, arts := releaseTest(t)
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
	isRun := func(p string) bool { return filepath.Base(filepath.Dir(p)) == fwdDir && strings.HasSuffix(p, ".fwd") }
	checkReleased(t, ix, path, isRun)
	again := read()
	for id, s := range before {
		if again[id] != s {
			t.Errorf("article %d after the release: %q, before %q", id, again[id], s)
		}
	}
}

// TestHeldMapsOutliveClose: the maps heldMaps returns stay mapped until
// done is called, even when the index is closed meanwhile (the releaser
// may advise only maps that no other map can replace at their addresses).
func TestHeldMapsOutliveClose(t *testing.T) {
	ix, _, _ := releaseTest(t)
	maps, done := ix.heldMaps()
	if len(maps) < 2 {
		t.Fatalf("heldMaps: %d maps, want segments and runs", len(maps))
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if n := unmapped(t, maps); n > 0 {
		t.Errorf("%d of %d maps unmapped by Close while held", n, len(maps))
	}
	done()
	if n := unmapped(t, maps); n != len(maps) {
		t.Errorf("%d of %d maps unmapped once done and closed", n, len(maps))
	}
	if maps, _ := ix.heldMaps(); maps != nil {
		t.Errorf("heldMaps of a closed index: %d maps", len(maps))
	}
}

// unmapped returns how many of maps no map of the process starts at
// (/proc/self/maps).
func unmapped(tb testing.TB, maps [][]byte) int {
	tb.Helper()
	b, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		tb.Skipf("maps: %v", err)
	}
	starts := map[uintptr]bool{}
	for line := range bytes.Lines(b) {
		if start, _, _, ok := parseMap(line); ok {
			starts[start] = true
		}
	}
	n := 0
	for _, m := range maps {
		if !starts[uintptr(unsafe.Pointer(&m[0]))] {
			n++
		}
	}
	return n
}

// TestConcurrentRelease: the releaser's work (heldMaps, releaseMaps) run
// over and over while batches are written, scorch merges segments and
// unmaps the merged ones, and searches read: every article is found, and
// the index closes while a release may be under way.
func TestConcurrentRelease(t *testing.T) {
	ix, _ := mustOpenFilled(t, newFakeSource())
	stop := make(chan struct{})
	exited := make(chan struct{})
	releases := 0
	go func() {
		defer close(exited)
		for {
			select {
			case <-stop:
				return
			default:
			}
			maps, done := ix.heldMaps()
			if err := releaseMaps(maps); err != nil {
				t.Error(err)
			}
			done()
			releases++
		}
	}()
	for b := range 20 {
		var arts []*corpus.Article
		for i := range 20 {
			arts = append(arts, genArticle(b*20+i+1))
		}
		if err := ix.Put(context.Background(), arts); err != nil {
			t.Fatal(err)
		}
		if res := MustSearch(t, ix, Request{Query: "*", Limit: 1}); res.Total != uint64(b+1)*20 {
			t.Fatalf("after batch %d: %d articles found, want %d", b, res.Total, (b+1)*20)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	close(stop)
	<-exited
	t.Logf("%d releases", releases)
}
