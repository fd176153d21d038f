package pgstore

import (
	"context"
	"fmt"
	"time"
)

// Workers' clocks.
//
// A worker writes host leases, heartbeats and next allowed starts in its
// own clock's milliseconds, and reads the others' in its own: a worker
// whose clock is behind writes leases that the others see end early, and
// two workers may then fetch from one host at once. The lease guard (held)
// leaves a tenth of the lease's TTL for stalls and clocks that disagree,
// so a worker whose clock is off by more than a quarter of that margin
// from the database server's refuses to start (two workers then disagree
// by at most half of it, and the other half is left for stalls) (as database clusters refuse a node
// past their maximum clock offset). The server's clock is the reference
// every worker can see; ntp keeps real machines within milliseconds.

// clockSamples is how many round trips measure the offset: the one with
// the shortest round trip bounds it best.
const clockSamples = 3

// maxClockOffset is the largest offset from the server's clock a worker
// with lease TTL ttl accepts.
func maxClockOffset(ttl time.Duration) time.Duration { return ttl / 40 }

// clockOffset measures how far the local clock (now) is from the database
// server's: the offset (server minus local) and its uncertainty (half the
// shortest round trip).
func (s *Store) clockOffset(ctx context.Context, now func() time.Time) (offset, within time.Duration, err error) {
	best := time.Duration(-1)
	for range clockSamples {
		var serverUS int64
		t0 := now()
		if err := s.pool.QueryRow(ctx, `SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint`).Scan(&serverUS); err != nil {
			return 0, 0, fmt.Errorf("read the database server's clock: %w", err)
		}
		t1 := now()
		rtt := t1.Sub(t0)
		if best >= 0 && rtt >= best {
			continue
		}
		best = rtt
		mid := t0.Add(rtt / 2)
		offset = time.UnixMicro(serverUS).Sub(mid)
	}
	return offset, best / 2, nil
}

// checkClock fails when the local clock is provably further from the
// database server's than maxClockOffset(ttl) allows.
func (s *Store) checkClock(ctx context.Context, ttl time.Duration, now func() time.Time) error {
	offset, within, err := s.clockOffset(ctx, now)
	if err != nil {
		return err
	}
	off := offset.Abs() - within
	if limit := maxClockOffset(ttl); off > limit {
		way := "behind"
		if offset < 0 {
			way = "ahead of"
		}
		return fmt.Errorf("this machine's clock is %v %s the database server's: workers' host leases need clocks within %v (a fortieth of the host lease, %v); synchronise the clocks (NTP) or raise --host-lease",
			offset.Abs().Round(100*time.Millisecond), way, limit, ttl)
	}
	return nil
}
