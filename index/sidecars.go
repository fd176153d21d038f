package index

import (
	"context"
	"log/slog"

	"github.com/blevesearch/bleve/v2"
)

// writeSidecars writes the files that archivist keeps beside the large
// persisted segments of bi, for the segments that lack them, and removes
// those of segments that are gone: the block bounds of the top-hits pass
// (blockmax.go) and the pairs of common words of phrases (pairs.go). Each
// only logs its failures: a segment without a sidecar is searched the
// plain way, with the same answers.
func writeSidecars(ctx context.Context, bi bleve.Index, log *slog.Logger) {
	writeBlockMax(ctx, bi, log)
	writePairs(ctx, bi, log)
}
