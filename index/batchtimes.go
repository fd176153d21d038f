package index

import (
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// batchTimes is scorch's account of the batches handed to an index since
// it was opened (its statistics, in wall time summed over batches): the
// documents' analysis, then the segment's building, then its
// introduction into the index's snapshot, which with safe batches
// includes the wait for the persister to save it.
type batchTimes struct {
	batches                    uint64
	analysis, index, introduce time.Duration
}

// readBatchTimes returns bi's batch times so far (zero when bi is not
// scorch's).
func readBatchTimes(bi bleve.Index) batchTimes {
	s, err := scorchOf(bi)
	if err != nil || s == nil {
		return batchTimes{}
	}
	st, ok := s.Stats().(*scorch.Stats)
	if !ok {
		return batchTimes{}
	}
	return batchTimes{
		batches:   atomic.LoadUint64(&st.TotBatches),
		analysis:  time.Duration(atomic.LoadUint64(&st.TotAnalysisTime)),
		index:     time.Duration(atomic.LoadUint64(&st.TotIndexTime)),
		introduce: time.Duration(atomic.LoadUint64(&st.TotBatchIntroTime)),
	}
}

// logBatchTimes logs, at debug level, where a fill's batches spent the
// writer's time since start: bleve's analysis, the segments' building,
// and their introduction (with safe batches, the wait for the persister,
// during which the writer builds nothing). It tells how much of a build's
// idle core the writer's waits are, whatever the machine's load.
func logBatchTimes(log *slog.Logger, bi bleve.Index, start batchTimes) {
	now := readBatchTimes(bi)
	intro := now.introduce - start.introduce
	log.Debug("index: batches", "batches", now.batches-start.batches,
		"analysis_s", round2((now.analysis - start.analysis).Seconds()),
		"segment_s", round2((now.index - start.index - intro).Seconds()),
		"introduce_s", round2(intro.Seconds()))
}

// scorchOf returns the scorch index under bi; nil, and no error, when bi
// is another kind of index (an in-memory one in tests).
func scorchOf(bi bleve.Index) (*scorch.Scorch, error) {
	adv, err := bi.Advanced()
	if err != nil {
		return nil, err
	}
	s, _ := adv.(*scorch.Scorch)
	return s, nil
}
