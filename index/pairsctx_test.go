package index

import (
	"context"
	"errors"
	"io"
	"testing"
)

// TestPairSidecarsSeeContext: the phrase pairs and pair buckets of a
// segment stop with the context's error once it is done, so that a
// cancelled index command does not wait for them.
func TestPairSidecarsSeeContext(t *testing.T) {
	ix, _ := mustFill(t, newFakeSource(fillArticles(100)...), smallPlan(true))
	snap, done := mustSnapshot(t, ix)
	defer done()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, k := range []sidecar{pairsSidecar(ix.fwd), pairBucketsSidecar(ix.fwd)} {
		for _, ss := range snap.Segments() {
			if _, err := k.write(ctx, io.Discard, ss.Segment()); !errors.Is(err, context.Canceled) {
				t.Errorf("%s: a cancelled write returned %v", k.what, err)
			}
			if _, err := k.write(context.Background(), io.Discard, ss.Segment()); err != nil {
				t.Errorf("%s: %v", k.what, err)
			}
		}
	}
}
