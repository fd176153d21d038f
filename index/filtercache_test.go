package index

import (
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestLRUCache checks that the cache returns what was put, and drops
// the least recently used bitmaps beyond its bounds.
func TestLRUCache(t *testing.T) {
	bm := func(n uint64) *roaring.Bitmap {
		b := roaring.New()
		b.AddRange(0, n)
		return b
	}
	key := func(s string) cacheKey { return cacheKey{clause: s} }
	c := newLRU[*roaring.Bitmap](1<<20, 3)
	c.put(key("a"), bm(10), bm(10).GetSizeInBytes())
	c.put(key("b"), bm(20), bm(20).GetSizeInBytes())
	c.put(key("c"), bm(30), bm(30).GetSizeInBytes())
	if got, _ := c.get(key("a")); got == nil || got.GetCardinality() != 10 {
		t.Fatalf("a: %v", got)
	}
	c.put(key("d"), bm(40), bm(40).GetSizeInBytes()) // b is the least recently used
	for k, want := range map[string]uint64{"a": 10, "b": 0, "c": 30, "d": 40} {
		got, _ := c.get(key(k))
		switch {
		case want == 0 && got != nil:
			t.Errorf("%s kept beyond the entries' bound", k)
		case want != 0 && (got == nil || got.GetCardinality() != want):
			t.Errorf("%s: %v, want %d documents", k, got, want)
		}
	}
	// By size: a bitmap of a quarter of the bound or more is not kept.
	small := newLRU[*roaring.Bitmap](4096, 100)
	big := roaring.New()
	for i := uint32(0); i < 100000; i += 3 {
		big.Add(i)
	}
	small.put(key("big"), big, big.GetSizeInBytes())
	if _, ok := small.get(key("big")); ok {
		t.Error("a bitmap larger than a quarter of the bound was kept")
	}
	if small.size != 0 {
		t.Errorf("size %d after nothing kept", small.size)
	}
	if cacheable(nil) {
		t.Error("a nil segment is a cache key")
	}
}
