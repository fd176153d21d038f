package scraper

import (
	"context"

	"github.com/archivist-project/archivist/corpus"
)

// maxBatch caps the fetch results committed in one transaction.
const maxBatch = 64

// saver commits the workers' results in groups: each result is written by
// one function, all of whose writes land in one transaction, and the
// functions waiting at the same time share a transaction. SQLite has one
// writer, and a commit costs more than the writes of one page, so this
// is what lets several workers save at the rate they fetch. A function
// must be safe to run again: when a shared transaction fails, each
// function is retried in a transaction of its own, so that one bad
// result fails alone.
type saver struct {
	db   Store
	reqs chan saveReq
	done chan struct{}
}

type saveReq struct {
	fn  func(tx *corpus.Tx) error
	err chan error
}

func newSaver(db Store) *saver {
	s := &saver{db: db, reqs: make(chan saveReq), done: make(chan struct{})}
	return s
}

// run commits requests until close.
func (s *saver) run(ctx context.Context) {
	defer close(s.done)
	for first := range s.reqs {
		batch := []saveReq{first}
	drain:
		for len(batch) < maxBatch {
			select {
			case r, ok := <-s.reqs:
				if !ok {
					break drain
				}
				batch = append(batch, r)
			default:
				break drain
			}
		}
		err := s.db.Update(ctx, func(tx *corpus.Tx) error {
			for _, r := range batch {
				if err := callSafely(r.fn, tx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil && len(batch) > 1 {
			for _, r := range batch {
				r.err <- s.db.Update(ctx, func(tx *corpus.Tx) error { return callSafely(r.fn, tx) })
			}
			continue
		}
		for _, r := range batch {
			r.err <- err
		}
	}
}

// callSafely runs fn, returning a panic as a *panicError: the
// transaction is rolled back and the worker that sent fn records the
// panic on its URL.
func callSafely(fn func(tx *corpus.Tx) error, tx *corpus.Tx) (err error) {
	defer func() {
		if p := recovered(recover()); p != nil {
			err = p
		}
	}()
	return fn(tx)
}

// save runs fn in a write transaction, possibly shared with other
// workers' functions, and returns when it committed.
func (s *saver) save(fn func(tx *corpus.Tx) error) error {
	r := saveReq{fn: fn, err: make(chan error, 1)}
	s.reqs <- r
	return <-r.err
}

// close stops the saver once every request is answered.
func (s *saver) close() {
	close(s.reqs)
	<-s.done
}

// save runs fn in a write transaction, through the group-commit saver
// while a crawl runs.
func (c *Crawler) save(ctx context.Context, fn func(tx *corpus.Tx) error) error {
	if c.saver != nil {
		return c.saver.save(fn)
	}
	return c.db.Update(ctx, fn)
}
