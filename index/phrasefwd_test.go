package index

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestFwdCursor checks the cursor's lookups against the view's, on runs
// with replaced and deleted articles and gaps in the ids, for ids asked
// in increasing order (a segment's candidates), decreasing, and shuffled.
func TestFwdCursor(t *testing.T) {
	s, err := openFwdStore("")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.close() }()
	var docs []fwdDoc
	for id := int64(1); id <= 3000; id += 1 + id%3 {
		docs = append(docs, fwdDoc{id: id, title: fwdWords("a title"), body: fwdWords("the body of it")})
	}
	if err := s.add(docs); err != nil {
		t.Fatal(err)
	}
	var later []fwdDoc
	for id := int64(5); id <= 3100; id += 37 {
		later = append(later, fwdDoc{id: id, deleted: id%2 == 0, body: fwdWords("replaced")})
	}
	if err := s.add(later); err != nil {
		t.Fatal(err)
	}
	v := s.view()
	defer v.release()
	if len(v.runs) != 2 {
		t.Fatalf("%d runs, want 2", len(v.runs))
	}
	up := make([]int64, 0, 3200)
	for id := int64(0); id <= 3150; id++ {
		up = append(up, id)
	}
	down := slices.Clone(up)
	slices.Reverse(down)
	shuffled := slices.Clone(up)
	rand.New(rand.NewPCG(4, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	sparse := []int64{1, 2, 900, 901, 2999, 3000, 3001, 3100, 3150}
	for _, c := range []struct {
		name string
		ids  []int64
	}{{"increasing", up}, {"decreasing", down}, {"shuffled", shuffled}, {"sparse", sparse}} {
		cur := newFwdCursor(v)
		found := 0
		for _, id := range c.ids {
			wr, wi, werr := v.lookup(id)
			gr, gi, gerr := cur.lookup(id)
			if gr != wr || gi != wi || (gerr == nil) != (werr == nil) {
				t.Fatalf("%s: article %d: cursor (%p, %d, %v), view (%p, %d, %v)", c.name, id, gr, gi, gerr, wr, wi, werr)
			}
			if gr != nil {
				found++
			}
		}
		if found == 0 {
			t.Errorf("%s: no article found: the test checks too little", c.name)
		}
	}
}

func TestParseID(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true}, {"42", 42, true}, {"999999999999999999", 999999999999999999, true},
		{"9223372036854775807", 9223372036854775807, true}, {"9223372036854775808", 0, false},
		{"-3", -3, true}, {"", 0, false}, {"12a", 0, false}, {"1 ", 0, false},
	} {
		got, err := parseID([]byte(c.in))
		if (err == nil) != c.ok || c.ok && got != c.want {
			t.Errorf("parseID(%q) = %d, %v; want %d, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}
