package index

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fwdWords splits s into terms, as the tests' sequences.
func fwdWords(s string) fwdPart {
	var out [][]byte
	for _, w := range strings.Fields(s) {
		out = append(out, []byte(w))
	}
	return newFwdPart(out)
}

// TestFwdStore writes runs, replaces and deletes articles, merges runs,
// and reads every article back after each step, against a map.
func TestFwdStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), fwdDir)
	s := mustOpenFwdStore(t, dir)
	defer func() { _ = s.close() }()
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := strings.Fields("the of and a to in is ünïcödé 東 京 rare1 rare2 election elections wahl wahlen x y z")
	text := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			// Skewed: low indexes are common.
			ws[i] = vocab[min(len(vocab)-1, int(rng.ExpFloat64()*3))]
		}
		return strings.Join(ws, " ")
	}
	want := map[int64][2]string{}
	check := func(s *fwdStore, step string) {
		t.Helper()
		v := s.view()
		defer v.release()
		for id := int64(0); id < 400; id++ {
			title, body, ok, err := v.terms(id)
			if err != nil {
				t.Fatalf("%s: article %d: %v", step, id, err)
			}
			w, has := want[id]
			if ok != has || ok && (strings.Join(title, " ") != w[0] || strings.Join(body, " ") != w[1]) {
				t.Fatalf("%s: article %d: got %v %q %q, want %v %q", step, id, ok, title, body, has, w)
			}
		}
	}
	for round := range 60 {
		var docs []fwdDoc
		seen := map[int64]bool{}
		for range 1 + rng.IntN(30) {
			id := rng.Int64N(400)
			if seen[id] {
				continue
			}
			seen[id] = true
			if rng.IntN(5) == 0 {
				docs = append(docs, fwdDoc{id: id, deleted: true})
				delete(want, id)
				continue
			}
			title, body := text(rng.IntN(6)), text(rng.IntN(80))
			docs = append(docs, fwdDoc{id: id, title: fwdWords(title), body: fwdWords(body)})
			want[id] = [2]string{title, body}
		}
		if err := s.add(docs); err != nil {
			t.Fatal(err)
		}
		check(s, fmt.Sprintf("round %d", round))
	}
	if n := len(fwdFiles(dir)); n >= 20 {
		t.Errorf("%d runs after 60 batches: runs not merged", n)
	}
	// Opened again: the same.
	if err := s.close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpenFwdStore(t, dir)
	check(s, "reopened")
	// All merged into one: the same, deletions gone.
	if err := s.merge(true); err != nil {
		t.Fatal(err)
	}
	if files := fwdFiles(dir); len(files) != 1 {
		t.Fatalf("after merging all: %v", files)
	}
	check(s, "merged")
	v := s.view()
	if v.runs[0].docs != len(want) {
		t.Errorf("merged run: %d articles, want %d (deletions dropped)", v.runs[0].docs, len(want))
	}
	v.release()
}

// TestFwdStoreViewOutlivesMerge: the runs a merge replaces while a view
// holds them are removed when the view is released, not left on disk
// until the store is opened again.
func TestFwdStoreViewOutlivesMerge(t *testing.T) {
	dir := filepath.Join(t.TempDir(), fwdDir)
	s := mustOpenFwdStore(t, dir)
	defer func() { _ = s.close() }()
	for id := range int64(3) {
		if err := s.add([]fwdDoc{{id: id, title: fwdWords("a title"), body: fwdWords("some body words")}}); err != nil {
			t.Fatal(err)
		}
	}
	v := s.view()
	if err := s.merge(true); err != nil {
		t.Fatal(err)
	}
	if n := len(fwdFiles(dir)); n != 4 {
		t.Errorf("%d files while the view holds the merged runs, want 4", n)
	}
	if _, _, ok, err := v.terms(1); !ok || err != nil {
		t.Errorf("the view lost article 1 (ok %v, err %v)", ok, err)
	}
	v.release()
	if files := fwdFiles(dir); len(files) != 1 {
		t.Errorf("after the view's release: %v, want the merged run alone", files)
	}
}

// TestFwdStoreCrashAfterMerge opens a store in which a merge's inputs
// were left beside the merged run (a crash before their removal): they
// are removed, and the newer runs still win.
func TestFwdStoreCrashAfterMerge(t *testing.T) {
	dir := filepath.Join(t.TempDir(), fwdDir)
	s := mustOpenFwdStore(t, dir)
	for i := range 3 {
		doc := fwdDoc{id: 7, title: fwdWords(fmt.Sprintf("version %d", i))}
		if err := s.add([]fwdDoc{doc, {id: int64(10 + i), body: fwdWords("b")}}); err != nil {
			t.Fatal(err)
		}
	}
	keep := map[string][]byte{}
	for _, f := range fwdFiles(dir) {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		keep[f] = b
	}
	if err := s.merge(true); err != nil {
		t.Fatal(err)
	}
	if err := s.add([]fwdDoc{{id: 7, title: fwdWords("version 3")}}); err != nil {
		t.Fatal(err)
	}
	if err := s.close(); err != nil {
		t.Fatal(err)
	}
	for f, b := range keep { // the inputs come back
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "x.fwd.tmp-1"), []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	s = mustOpenFwdStore(t, dir)
	defer func() { _ = s.close() }()
	if files := fwdFiles(dir); len(files) != 2 {
		t.Errorf("runs after opening: %v, want the merged one and the newest", files)
	}
	v := s.view()
	defer v.release()
	title, _, ok, err := v.terms(7)
	if err != nil || !ok || strings.Join(title, " ") != "version 3" {
		t.Errorf("article 7: %q %v %v, want version 3", title, ok, err)
	}
	if _, _, ok, _ := v.terms(11); !ok {
		t.Errorf("article 11 lost")
	}
}

// TestFwdPhrase matches phrases in sequences against a plain search of
// the terms.
func TestFwdPhrase(t *testing.T) {
	dir := filepath.Join(t.TempDir(), fwdDir)
	s := mustOpenFwdStore(t, dir)
	defer func() { _ = s.close() }()
	rng := rand.New(rand.NewPCG(3, 4))
	// 300 terms, so that ranks take one and two bytes.
	vocab := make([]string, 300)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%d", i)
	}
	bodies := map[int64][]string{}
	for batch := range 5 {
		var docs []fwdDoc
		for k := range 40 {
			id := int64(batch*40 + k)
			ws := make([]string, 50+rng.IntN(200))
			for i := range ws {
				ws[i] = vocab[min(len(vocab)-1, int(rng.ExpFloat64()*60))]
			}
			bodies[id] = ws
			docs = append(docs, fwdDoc{id: id, title: fwdWords("t " + ws[0]), body: fwdWords(strings.Join(ws, " "))})
		}
		if err := s.add(docs); err != nil {
			t.Fatal(err)
		}
	}
	has := func(ws, terms []string, offsets []int) bool {
		for p := range ws {
			ok := true
			for k, term := range terms {
				q := p + offsets[k]
				if q < 0 || q >= len(ws) || ws[q] != term {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
		return false
	}
	v := s.view()
	defer v.release()
	for q := range 300 {
		n := 2 + rng.IntN(3)
		src := bodies[rng.Int64N(200)]
		start := rng.IntN(len(src) - n)
		terms := slices.Clone(src[start : start+n])
		offsets := make([]int, n)
		for k := range offsets {
			offsets[k] = k
		}
		if q%3 == 0 { // not copied: common words in a row, or a gap
			for k := range terms {
				terms[k] = vocab[rng.IntN(8)]
			}
			if q%2 == 0 {
				offsets[n-1]++
			}
		}
		p := v.phrase(true, terms, offsets)
		for id, ws := range bodies {
			got, err := p.match(id)
			if err != nil {
				t.Fatal(err)
			}
			if want := has(ws, terms, offsets); got != want {
				t.Fatalf("%v at %v in article %d: %v, want %v", terms, offsets, id, got, want)
			}
		}
		title := v.phrase(false, []string{"t", src[0]}, []int{0, 1})
		for id, ws := range bodies {
			if got, _ := title.match(id); got != (ws[0] == src[0]) {
				t.Fatalf("title t %s in %d: %v", src[0], id, got)
			}
		}
	}
}

// TestFwdRunDamaged: a run cut short is refused.
func TestFwdRunDamaged(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, fwdRunName(0, 0))
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeFwdDocs(f, []fwdDoc{{id: 1, title: fwdWords("a b"), body: fwdWords("c")}}); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	b, _ := os.ReadFile(file)
	for _, n := range []int{0, 10, len(b) - 1} {
		if _, err := parseFwdRun(b[:n]); err == nil {
			t.Errorf("%d of %d bytes: no error", n, len(b))
		}
	}
	if _, err := parseFwdRun(b); err != nil {
		t.Errorf("whole run: %v", err)
	}
}

// TestFwdRunFromDistinctTerms checks that a run written from each part's
// distinct terms (writeFwdDocs) is, byte for byte, the run of the same
// articles written token by token (writeFwdDocsByToken: the terms counted
// and ranked per token, as runs were written before): the same ranks,
// sequences and tables.
func TestFwdRunFromDistinctTerms(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	vocab := make([]string, 300)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%d", i)
	}
	text := func(n int) ([][]byte, fwdPart) {
		var toks [][]byte
		for range n {
			toks = append(toks, []byte(vocab[int(rng.ExpFloat64()*30)%len(vocab)])) // a few common words, many rare
		}
		return toks, newFwdPart(toks)
	}
	for _, n := range []int{1, 2, 50} {
		var docs []fwdDoc
		var byToken [][3]any
		for _, i := range rng.Perm(n) { // any order
			id := int64(10 + i)
			if i%7 == 3 {
				docs = append(docs, fwdDoc{id: id, deleted: true})
				byToken = append(byToken, [3]any{id, nil, nil})
				continue
			}
			title, tp := text(rng.IntN(8))
			body, bp := text(rng.IntN(200))
			docs = append(docs, fwdDoc{id: id, title: tp, body: bp})
			byToken = append(byToken, [3]any{id, title, body})
		}
		var got, want bytes.Buffer
		if err := writeFwdDocs(&got, docs); err != nil {
			t.Fatal(err)
		}
		if err := writeFwdDocsByToken(&want, byToken); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%d articles: the run differs from the one written token by token (%d bytes, want %d)", n, got.Len(), want.Len())
		}
	}
}

// writeFwdDocsByToken is writeFwdDocs as it was written before runs were
// written from distinct terms: docs are {id, title, body} ([][]byte each,
// nil for a deletion).
func writeFwdDocsByToken(w io.Writer, docs [][3]any) error {
	parts := func(d [3]any) [2][][]byte {
		t, _ := d[1].([][]byte)
		b, _ := d[2].([][]byte)
		return [2][][]byte{t, b}
	}
	counts := map[string]int{}
	for _, d := range docs {
		for _, part := range parts(d) {
			for _, t := range part {
				counts[string(t)]++
			}
		}
	}
	terms := make([]fwdTerm, 0, len(counts))
	for t, c := range counts {
		terms = append(terms, fwdTerm{term: []byte(t), count: c})
	}
	slices.SortFunc(terms, compareRanks)
	ranks := make(map[string]uint64, len(terms))
	for i, t := range terms {
		ranks[string(t.term)] = uint64(i + 1)
	}
	docs = slices.Clone(docs)
	slices.SortFunc(docs, func(a, b [3]any) int { return cmp.Compare(a[0].(int64), b[0].(int64)) })
	fw := &fwdRunWriter{w: bufio.NewWriterSize(w, 1<<16)}
	for _, d := range docs {
		ps := parts(d)
		err := fw.addDoc(d[0].(int64), d[1] == nil, len(ps[0]), len(ps[1]), func(emit func(uint64)) {
			for _, part := range ps {
				for _, t := range part {
					emit(ranks[string(t)])
				}
			}
		})
		if err != nil {
			return err
		}
	}
	return fw.finish(terms)
}

// mustOpenFwdStore opens the forward index store in dir or fails the test.
func mustOpenFwdStore(t *testing.T, dir string) *fwdStore {
	t.Helper()
	s, err := openFwdStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
