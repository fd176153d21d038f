package pgstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus/pgstore"
)

// TestStartWorkerChecksClock: a worker whose clock is further from the
// database server's than a fortieth of its host lease refuses to start,
// saying which way and by how much; within that, it starts.
func TestStartWorkerChecksClock(t *testing.T) {
	url := cluster.NewDatabase(t)
	s, err := pgstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct {
		skew time.Duration
		want string // in the error; "" starts
	}{
		{0, ""},
		{500 * time.Millisecond, ""},
		{-500 * time.Millisecond, ""},
		{-2 * time.Second, "clock is 2s behind"},
		{-5 * time.Second, "clock is 5s behind the database server's"},
		{5 * time.Second, "clock is 5s ahead of the database server's"},
		{time.Hour, "clock is 1h0m0s ahead of"},
	}
	for _, tt := range tests {
		clock := func() time.Time { return time.Now().Add(tt.skew) }
		opts := pgstore.WithClock(pgstore.WorkerOptions{LeaseTTL: 30 * time.Second}, clock)
		f, err := s.StartWorker(context.Background(), opts)
		if tt.want == "" {
			if err != nil {
				t.Errorf("skew %v: %v; want a worker", tt.skew, err)
				continue
			}
			if err := f.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err == nil {
			f.Close(context.Background())
			t.Errorf("skew %v: a worker started; want an error with %q", tt.skew, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "--host-lease") {
			t.Errorf("skew %v: %v; want %q and the flag to raise", tt.skew, err, tt.want)
		}
	}
}
