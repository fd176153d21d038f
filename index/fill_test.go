package index

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// fillArticles returns n generated articles, ids 1 to n.
func fillArticles(n int) []*corpus.Article {
	arts := make([]*corpus.Article, 0, n)
	for i := 1; i <= n; i++ {
		arts = append(arts, genArticle(i))
	}
	return arts
}

// smallBatch is the batch size of smallPlan: a few hundred articles make
// enough runs for the forward index to merge some.
const smallBatch = 20

// smallPlan is a fill plan of batches of smallBatch articles.
func smallPlan(ahead bool) fillPlan {
	return fillPlan{writers: 1, size: smallBatch, bytes: 1 << 20, ahead: ahead}
}

// mustFill opens a new on-disk index and fills it from src with plan,
// failing the test on an error.
func mustFill(tb testing.TB, src Source, plan fillPlan) (*Index, string) {
	tb.Helper()
	ix, path := mustOpenEmpty(tb)
	if _, err := fillIndex(context.Background(), ix, src, 0, plan); err != nil {
		tb.Fatal(err)
	}
	return ix, path
}

// mustOpenEmpty opens a new on-disk index in a temporary folder.
func mustOpenEmpty(tb testing.TB) (*Index, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "x.bleve")
	ix, err := Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = ix.Close() })
	return ix, path
}

// fillIndex runs fill on ix's bleve index and forward index.
func fillIndex(ctx context.Context, ix *Index, src Source, seq int64, plan fillPlan) (int, error) {
	return fill(ctx, ix.bi, ix.docs, ix.fwd, src, seq, plan, slog.New(slog.DiscardHandler), nil)
}

// forwardTerms returns every article's title and body terms in ix's
// forward index ("" for an article it lacks).
func forwardTerms(tb testing.TB, ix *Index, arts []*corpus.Article) map[int64]string {
	tb.Helper()
	v := ix.fwd.view()
	defer v.release()
	out := make(map[int64]string, len(arts))
	for _, a := range arts {
		title, body, ok, err := v.terms(a.ID)
		if err != nil {
			tb.Fatalf("article %d: %v", a.ID, err)
		}
		if ok {
			out[a.ID] = strings.Join(title, " ") + " | " + strings.Join(body, " ")
		}
	}
	return out
}

// fillQueries are searches of words, phrases and patterns over arts' own
// words.
func fillQueries(arts []*corpus.Article) []string {
	qs := []string{"the", "of", "cit*", "of -that", `"of the"`}
	for _, a := range arts[:5] {
		ws := strings.Fields(strings.ToLower(strings.Trim(a.Text[:min(60, len(a.Text))], ".")))
		qs = append(qs, ws[1], `"`+strings.Join(ws[:3], " ")+`"`, "title:"+strings.ToLower(strings.Fields(a.Title)[1]))
	}
	return qs
}

// searchURLs returns the URLs of every hit of q in ix, sorted.
func searchURLs(tb testing.TB, ix *Index, q string) []string {
	tb.Helper()
	res := MustSearch(tb, ix, Request{Query: q, Limit: 10000})
	urls := hitURLs(res)
	slices.Sort(urls)
	return urls
}

// TestFillAheadSameIndex: a fill that prepares the next batch while the
// writer writes (plan.ahead: the analysis, the forward index's run and
// its merges off the writer's path), and one that writes a batch's run
// while bleve writes the batch (plan.beside), make the index that one
// stage at a time makes: the same articles, the same terms in the
// forward index, the same runs once merged, the same hits, the seq.
func TestFillAheadSameIndex(t *testing.T) {
	for _, tt := range stagedPlans {
		t.Run(tt.name, func(t *testing.T) { testFillSameIndex(t, tt.plan) })
	}
}

// stagedPlans are the fill plans whose stages overlap (ahead, beside),
// each checked against smallPlan(false), one stage at a time.
var stagedPlans = []struct {
	name string
	plan fillPlan
}{
	{"ahead", smallPlan(true)},
	{"beside", fillPlan{writers: 1, size: smallBatch, bytes: 1 << 20, beside: true}},
}

// smallFirstFill is firstFill, the plan of a first build, in batches of
// smallBatch articles.
func smallFirstFill() fillPlan {
	plan := firstFill
	plan.size, plan.bytes = smallBatch, 1<<20
	return plan
}

// TestFirstFillPlanTested: the plan of a first build is one of the plans
// that the fill tests run (stagedPlans), so that changing firstFill's
// stages cannot leave its tests on a plan no build uses.
func TestFirstFillPlanTested(t *testing.T) {
	for _, p := range stagedPlans {
		if p.plan == smallFirstFill() {
			return
		}
	}
	t.Errorf("firstFill %+v is none of stagedPlans: add it there", firstFill)
}

func testFillSameIndex(t *testing.T, plan fillPlan) {
	arts := fillArticles(15 * smallBatch) // one merge of ten runs
	src := newFakeSource(arts...)
	plain, _ := mustFill(t, src, smallPlan(false))
	ahead, _ := mustFill(t, src, plan)
	if seq, err := readSeq(ahead.bi); err != nil || seq != int64(len(arts)) {
		t.Errorf("seq saved %d, %v; want %d", seq, err, len(arts))
	}
	if got, want := mustCount(t, ahead), mustCount(t, plain); got != want || got != uint64(len(arts)) {
		t.Fatalf("count %d ahead, %d one stage at a time; want %d", got, want, len(arts))
	}
	if got, want := len(ahead.fwd.runs), len(plain.fwd.runs); got != want || got != 6 {
		t.Errorf("forward index runs: %d ahead, %d one stage at a time; want 6 (one merged, five not)", got, want)
	}
	want := forwardTerms(t, plain, arts)
	got := forwardTerms(t, ahead, arts)
	if len(got) != len(arts) || len(want) != len(arts) {
		t.Fatalf("forward index holds %d articles ahead, %d one stage at a time; want %d", len(got), len(want), len(arts))
	}
	for _, a := range arts {
		if got[a.ID] != want[a.ID] {
			t.Errorf("article %d in the forward index: %q ahead, %q one stage at a time", a.ID, got[a.ID], want[a.ID])
		}
	}
	for _, q := range fillQueries(arts) {
		g, w := searchURLs(t, ahead, q), searchURLs(t, plain, q)
		if !slices.Equal(g, w) || len(w) == 0 {
			t.Errorf("%s: %d hits ahead, %d one stage at a time (want the same, at least one)", q, len(g), len(w))
		}
	}
}

// TestFillAheadStageFails: when the forward index's run or bleve's batch
// cannot be written, the fill stops with the error, and the seq it saved
// counts only the batches both wrote.
func TestFillAheadStageFails(t *testing.T) {
	tests := []struct {
		name   string
		remove string // the folder taken away while the fill runs
	}{
		{"forward index", fwdDir},
		{"bleve", "store"},
	}
	for _, p := range stagedPlans {
		for _, tt := range tests {
			t.Run(p.name+"/"+tt.name, func(t *testing.T) { testFillStageFails(t, p.plan, tt.remove) })
		}
	}
}

func testFillStageFails(t *testing.T, plan fillPlan, remove string) {
	ix, path := mustOpenEmpty(t)
	src := newFakeSource(fillArticles(10 * smallBatch)...)
	rows := 0
	src.onRow = func() {
		if rows++; rows == 3*smallBatch+5 {
			if err := takeAway(filepath.Join(path, remove)); err != nil {
				t.Error(err)
			}
		}
	}
	n, err := fillIndex(context.Background(), ix, src, 0, plan)
	var we writeError
	if !errors.As(err, &we) {
		t.Fatalf("fill = %d, %v; want a write error", n, err)
	}
	if n%smallBatch != 0 || n >= 10*smallBatch {
		t.Errorf("fill wrote %d articles; want whole batches, not all", n)
	}
	t.Logf("fill wrote %d articles: %v", n, err)
	if remove != fwdDir {
		return // bleve's index is unusable after a failed write
	}
	// With plan.beside, bleve may have saved the batch whose run failed:
	// it carried the seq of the batches before it, n.
	if seq, err := readSeq(ix.bi); err != nil || seq != int64(n) {
		t.Errorf("seq saved %d, %v; want %d", seq, err, n)
	}
	if got := mustCount(t, ix); got < uint64(n) || got > uint64(n)+smallBatch {
		t.Errorf("count %d; want %d, or a batch more (bleve's, written beside the failed run)", got, n)
	}
}

// TestFillAheadCancelled: a cancelled fill stops with the context's
// error, its seq counts the batches written, and the next fill goes on
// from there to the same index as one that was never stopped.
func TestFillAheadCancelled(t *testing.T) {
	for _, tt := range stagedPlans {
		t.Run(tt.name, func(t *testing.T) { testFillCancelled(t, tt.plan) })
	}
}

func testFillCancelled(t *testing.T, plan fillPlan) {
	arts := fillArticles(10 * smallBatch)
	src := newFakeSource(arts...)
	ix, _ := mustOpenEmpty(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows := 0
	src.onRow = func() {
		if rows++; rows == 4*smallBatch+5 {
			cancel()
		}
	}
	n, err := fillIndex(ctx, ix, src, 0, plan)
	if !errors.Is(err, context.Canceled) || n%smallBatch != 0 || n >= len(arts) {
		t.Fatalf("cancelled fill = %d, %v; want whole batches and context.Canceled", n, err)
	}
	seq, err := readSeq(ix.bi)
	if err != nil || seq != int64(n) {
		t.Fatalf("seq saved %d, %v; want %d", seq, err, n)
	}
	src.onRow = nil
	m, err := fillIndex(context.Background(), ix, src, seq, plan)
	if err != nil || n+m != len(arts) {
		t.Fatalf("fill after the cancelled one = %d, %v; want %d", m, err, len(arts)-n)
	}
	plain, _ := mustFill(t, src, smallPlan(false))
	want, got := forwardTerms(t, plain, arts), forwardTerms(t, ix, arts)
	for _, a := range arts {
		if got[a.ID] != want[a.ID] {
			t.Errorf("article %d in the forward index: %q, want %q", a.ID, got[a.ID], want[a.ID])
		}
	}
	if c := mustCount(t, ix); c != uint64(len(arts)) {
		t.Errorf("count %d; want %d", c, len(arts))
	}
}
