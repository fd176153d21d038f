package corpus

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// ErrLeaseHeld is returned (wrapped in a *LeaseHeldError) by AcquireLease
// when another live process holds the crawl lease.
var ErrLeaseHeld = errors.New("another crawl is running on this database")

// ErrLeaseLost is returned by HeldLease.Heartbeat when the lease is no
// longer this process's: another process took it over (after this one
// stopped sending heartbeats for longer than the timeout) or removed it.
var ErrLeaseLost = errors.New("the crawl lease was taken over by another process")

// leaseName is the row of the lease table that a crawl holds.
const leaseName = "crawl"

// Lease describes the process holding a database's crawl lease.
type Lease struct {
	Holder    string    `json:"holder"` // the command: "crawl" or "watch"
	PID       int       `json:"pid"`
	Host      string    `json:"host"`
	Since     time.Time `json:"since"`
	Heartbeat time.Time `json:"heartbeat"`
	token     string
}

// Stale reports whether the lease was left by a process that is gone: its
// last heartbeat is older than timeout, or its holder ran on host and
// alive (when not nil) says its pid no longer exists.
func (l Lease) Stale(now time.Time, timeout time.Duration, host string, alive func(pid int) bool) bool {
	if now.Sub(l.Heartbeat) > timeout {
		return true
	}
	return alive != nil && l.Host == host && !alive(l.PID)
}

// LeaseHeldError is AcquireLease's error when a live process holds the
// lease; it names that process. errors.Is(err, ErrLeaseHeld) is true.
type LeaseHeldError struct {
	Lease Lease
	Now   time.Time // when the lease was checked
}

func (e *LeaseHeldError) Error() string {
	l := e.Lease
	return fmt.Sprintf("another %s is running on this database: pid %d on host %s since %s (last heartbeat %s ago)",
		l.Holder, l.PID, l.Host, l.Since.UTC().Format("2006-01-02 15:04:05 UTC"), e.Now.Sub(l.Heartbeat).Round(time.Second))
}

// Unwrap makes errors.Is(err, ErrLeaseHeld) true.
func (e *LeaseHeldError) Unwrap() error { return ErrLeaseHeld }

// LeaseRequest says who asks for the lease and when a held lease counts
// as abandoned.
type LeaseRequest struct {
	Holder string // the command: "crawl" or "watch"
	PID    int
	Host   string
	// Timeout is how old the holder's last heartbeat may be before its
	// lease is taken over.
	Timeout time.Duration
	// Alive reports whether a process of this host exists; a lease held
	// by a process of this host that does not is taken over at once. Nil
	// waits for the timeout.
	Alive func(pid int) bool
}

// HeldLease is the crawl lease held by this process: keep it alive with
// Heartbeat and give it back with Release.
type HeldLease struct {
	db    *DB
	Lease Lease
	// TookOver is the stale lease this one replaced (left by a killed
	// process), nil when there was none.
	TookOver *Lease
}

// AcquireLease takes the database's crawl lease for req at time now. It
// fails with a *LeaseHeldError when another process holds it and that
// lease is not stale (see Lease.Stale); a stale lease is taken over. The
// check and the take-over are one write transaction, so two processes
// asking at once cannot both get it.
func (db *DB) AcquireLease(ctx context.Context, req LeaseRequest, now time.Time) (*HeldLease, error) {
	token, err := newLeaseToken()
	if err != nil {
		return nil, fmt.Errorf("acquire lease: %w", err)
	}
	l := Lease{Holder: req.Holder, PID: req.PID, Host: req.Host, Since: now, Heartbeat: now, token: token}
	var old *Lease
	err = db.Update(ctx, func(tx *Tx) error {
		cur, ok, err := readLease(ctx, tx.tx)
		if err != nil {
			return err
		}
		if ok && !cur.Stale(now, req.Timeout, req.Host, req.Alive) {
			return &LeaseHeldError{Lease: cur, Now: now}
		}
		if ok {
			old = &cur
		}
		_, err = tx.tx.ExecContext(ctx, `INSERT OR REPLACE INTO lease (name, holder, token, pid, host, since, heartbeat_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, leaseName, l.Holder, l.token, l.PID, l.Host, formatTime(l.Since), formatTime(l.Heartbeat))
		return describe(err)
	})
	if err != nil {
		var held *LeaseHeldError
		if errors.As(err, &held) {
			return nil, err
		}
		return nil, fmt.Errorf("acquire lease: %w", err)
	}
	return &HeldLease{db: db, Lease: l, TookOver: old}, nil
}

// Heartbeat records that the holder is alive at time now. It fails with
// ErrLeaseLost when the lease is no longer this process's.
func (h *HeldLease) Heartbeat(ctx context.Context, now time.Time) error {
	var n int64
	err := h.db.Update(ctx, func(tx *Tx) error {
		res, err := tx.tx.ExecContext(ctx, "UPDATE lease SET heartbeat_at = ? WHERE name = ? AND token = ?",
			formatTime(now), leaseName, h.Lease.token)
		if err != nil {
			return describe(err)
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("lease heartbeat: %w", err)
	}
	if n == 0 {
		cur, ok, err := h.db.Lease(ctx)
		if err == nil && ok {
			return fmt.Errorf("%w: pid %d on host %s since %s", ErrLeaseLost, cur.PID, cur.Host, cur.Since.UTC().Format(time.RFC3339))
		}
		return ErrLeaseLost
	}
	h.Lease.Heartbeat = now
	return nil
}

// Release gives the lease back (when it is still this process's).
func (h *HeldLease) Release(ctx context.Context) error {
	err := h.db.Update(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, "DELETE FROM lease WHERE name = ? AND token = ?", leaseName, h.Lease.token)
		return describe(err)
	})
	if err != nil {
		return fmt.Errorf("release lease: %w", err)
	}
	return nil
}

// Lease returns the database's crawl lease as it stands, held or stale;
// ok is false when no process holds it. It works on a corpus opened
// read-only.
func (db *DB) Lease(ctx context.Context) (l Lease, ok bool, err error) {
	l, ok, err = readLease(ctx, db.r)
	if err != nil {
		return Lease{}, false, fmt.Errorf("read lease: %w", err)
	}
	return l, ok, nil
}

// queryer is a *sql.DB or a *sql.Tx.
type queryer interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func readLease(ctx context.Context, q queryer) (Lease, bool, error) {
	var l Lease
	var since, beat string
	err := q.QueryRowContext(ctx, "SELECT holder, token, pid, host, since, heartbeat_at FROM lease WHERE name = ?", leaseName).
		Scan(&l.Holder, &l.token, &l.PID, &l.Host, &since, &beat)
	if errors.Is(err, sql.ErrNoRows) {
		return Lease{}, false, nil
	}
	if err != nil {
		return Lease{}, false, describe(err)
	}
	l.Since, l.Heartbeat = parseTime(since), parseTime(beat)
	return l, true, nil
}

func newLeaseToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}
