package pgstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
)

// TestPipelinedTransaction: statements sent later (with the next one
// that needs an answer, or with COMMIT) keep their order and their
// errors: a Finish of a row that does not exist fails the transaction
// with corpus.ErrNotFound, and nothing of it is committed; a transaction
// of writes whose answers are not needed costs one round trip.
func TestPipelinedTransaction(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	enqueue(t, s, entries(2))
	var ids []int64
	err := s.Update(ctx, func(tx *pgstore.Tx) error {
		got, err := tx.ClaimRun(ctx, site, 0, 2, time.Now())
		for _, e := range got {
			ids = append(ids, e.ID)
		}
		return err
	})
	if err != nil || len(ids) != 2 {
		t.Fatalf("claimed %v, %v", ids, err)
	}

	err = s.Update(ctx, func(tx *pgstore.Tx) error {
		if err := tx.Finish(ctx, ids[0], corpus.StateDone, 0, "", time.Now()); err != nil {
			return err
		}
		if err := tx.Finish(ctx, 1<<40, corpus.StateDone, 0, "", time.Now()); err != nil {
			return err
		}
		_, err := tx.FrontierEntry(ctx, site+"/p/0") // sends the two Finish first
		return err
	})
	if !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("Finish of a missing row: Update returned %v, want corpus.ErrNotFound", err)
	}
	if st, _ := s.FrontierStats(ctx); st.InFlight != 2 || st.Done != 0 {
		t.Errorf("after the failed transaction: %+v; want both URLs still in flight", st)
	}

	// The first time, the connection prepares the statements (one more
	// round trip); the second, it has them.
	for i, want := range []int64{2, 1} {
		before := s.RoundTrips()
		err = s.Update(ctx, func(tx *pgstore.Tx) error {
			for _, id := range ids {
				if err := tx.SetKind(ctx, id, corpus.KindHub); err != nil {
					return err
				}
				if err := tx.Finish(ctx, id, corpus.StateDone, 0, "", time.Now()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := s.RoundTrips() - before; n > want {
			t.Errorf("transaction %d of four writes took %d round trips, want %d (BEGIN, the writes and COMMIT in one batch)", i+1, n, want)
		}
	}
	for _, u := range []string{site + "/p/0", site + "/p/1"} {
		e, err := s.FrontierEntry(ctx, u)
		if err != nil || e.State != corpus.StateDone || e.Kind != corpus.KindHub {
			t.Errorf("%s after the pipelined transaction: %+v, %v; want done, a hub", u, e, err)
		}
	}
}
