package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/jackc/pgx/v5"
)

// robots.txt shared by the workers (migration 0004): the worker holding
// a host's lease reads it once and stores it; the others read the stored
// copy until it expires. The crawler finds these methods with a type
// assertion (scraper.SharedRobots).

// LoadRobots returns host's robots.txt as a worker stored it (its status,
// why it could not be read, its body) and until when it holds, when that
// is after now. When no copy holds, it takes host's lease for this worker,
// which then reads robots.txt and stores it (until and wait both zero), or,
// when another worker holds the lease (and is reading it), returns when to
// ask again (wait). The host's row is locked while the copy is looked up,
// so that a worker never takes the lease between another's store and its
// own look-up.
func (f *Frontier) LoadRobots(ctx context.Context, host string, now time.Time) (check corpus.RobotsCheck, body []byte, until, wait time.Time, err error) {
	// Two round trips: the host's row locked and read with the copy,
	// then, when no copy holds, the lease written with COMMIT.
	var held bool
	err = f.s.Update(ctx, func(tx *Tx) error {
		check, body, until, wait, held = corpus.RobotsCheck{}, nil, time.Time{}, time.Time{}, false
		var exp int64
		found := false
		tx.tx.prefetch("robots "+host, "SELECT status, error, kind, body, expires_at FROM robots_txt WHERE host = $1",
			[]any{host}, func(rows pgx.Rows) error {
				if !rows.Next() {
					return nil
				}
				found = true
				return rows.Scan(&check.Status, &check.Error, &check.Kind, &body, &exp)
			})
		r, err := f.lockHost(ctx, tx, host)
		switch {
		case errors.Is(err, pgx.ErrNoRows): // the row is gone: another worker is claiming it this moment
			wait = now.Add(claimRetry)
			return nil
		case err != nil:
			return err
		case found && exp > now.UnixMilli():
			until = time.UnixMilli(exp).UTC()
			return nil
		}
		check, body = corpus.RobotsCheck{}, nil
		var w time.Time
		if w, held = f.lease(tx, host, r, now); !held {
			wait = w
		}
		return nil
	})
	if err != nil {
		return corpus.RobotsCheck{}, nil, time.Time{}, time.Time{}, fmt.Errorf("load robots.txt of %s: %w", host, err)
	}
	if held {
		f.leased(host, now.Add(f.opts.LeaseTTL).UnixMilli(), -1, 0)
	}
	return check, body, until, wait, nil
}

// StoreRobots stores host's robots.txt as this worker read it at fetched:
// its status, why it could not be read (check.Error), its body, and until
// when the other workers use it instead of reading it themselves. A copy
// read earlier than the stored one does not replace it.
func (f *Frontier) StoreRobots(ctx context.Context, host string, check corpus.RobotsCheck, body []byte, fetched, until time.Time) error {
	if body == nil {
		body = []byte{}
	}
	kind := check.Kind
	if check.Error == "" {
		kind = ""
	}
	_, err := f.s.pool.Exec(ctx, `INSERT INTO robots_txt AS r (host, status, body, error, kind, fetched_at, expires_at, worker)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (host) DO UPDATE SET status = excluded.status, body = excluded.body, error = excluded.error,
		  kind = excluded.kind, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at, worker = excluded.worker
		WHERE r.fetched_at <= excluded.fetched_at`,
		host, check.Status, body, check.Error, kind, fetched.UnixMilli(), until.UnixMilli(), nullID(f.id))
	if err != nil {
		return fmt.Errorf("store robots.txt of %s: %w", host, err)
	}
	return nil
}

// RobotsCopy is a robots.txt a worker stored for the others, as stats
// shows it. JSON names are part of `archivist stats --json`.
type RobotsCopy struct {
	Host    string    `json:"host"`
	Status  int       `json:"status"`          // HTTP status, 0 when no response came
	Error   string    `json:"error,omitempty"` // why it could not be read
	Kind    string    `json:"kind,omitempty"`  // the error kind the worker saw
	Bytes   int       `json:"bytes"`           // size of the body kept (a 2xx answer)
	Fetched time.Time `json:"fetched"`
	Expires time.Time `json:"expires"`
	Worker  int64     `json:"worker,omitempty"` // the worker that read it
}

// RobotsCopies returns the stored robots.txt copies, by host.
func (s *Store) RobotsCopies(ctx context.Context) ([]RobotsCopy, error) {
	rows, err := s.pool.Query(ctx, `SELECT host, status, error, kind, length(body), fetched_at, expires_at,
		COALESCE(worker, 0) FROM robots_txt ORDER BY host`)
	if err != nil {
		return nil, fmt.Errorf("robots.txt copies: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (RobotsCopy, error) {
		var c RobotsCopy
		var fetched, expires int64
		err := r.Scan(&c.Host, &c.Status, &c.Error, &c.Kind, &c.Bytes, &fetched, &expires, &c.Worker)
		c.Fetched, c.Expires = time.UnixMilli(fetched).UTC(), time.UnixMilli(expires).UTC()
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("robots.txt copies: %w", err)
	}
	return out, nil
}
