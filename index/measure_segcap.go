//go:build measure_segcap

package index

import (
	"os"
	"strconv"
)

// For measurements only (go build -tags measure_segcap): a smaller
// maxSegmentDocs and mergeMaxDocs (ARCHIVIST_MAX_SEGMENT_DOCS), so that a build of 100,000
// articles makes final segments during its fill as one of 1,000,000 does,
// and the follower turned on (ARCHIVIST_FOLLOW=1) or off
// (ARCHIVIST_NO_FOLLOW=1); sidecars from
// smaller segments (ARCHIVIST_SIDECAR_MIN_DOCS).
func init() {
	if n, err := strconv.ParseInt(os.Getenv("ARCHIVIST_MAX_SEGMENT_DOCS"), 10, 64); err == nil && n > 0 {
		maxSegmentDocs, mergeMaxDocs = n, n
	}
	if n, err := strconv.ParseUint(os.Getenv("ARCHIVIST_SIDECAR_MIN_DOCS"), 10, 64); err == nil && n > 0 {
		pairsMinDocs, blockMaxMinDocs = n, n
	}
	if os.Getenv("ARCHIVIST_FOLLOW") == "1" {
		followFill = true
	}
	if os.Getenv("ARCHIVIST_NO_FOLLOW") == "1" {
		followFill = false
	}
}
