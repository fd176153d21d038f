package pgtest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestClusterAnswers(t *testing.T) {
	c := Start(t)
	before, err := c.CPU()
	if err != nil {
		t.Fatal(err)
	}
	url := c.NewDatabase(t)
	out, err := c.command(context.Background(), "psql", url, "-Atc", "select current_database(), current_user").CombinedOutput()
	if err != nil {
		t.Fatalf("psql: %v\n%s\n%s", err, out, c.Log())
	}
	if got := strings.TrimSpace(string(out)); got != "t1|"+Superuser {
		t.Fatalf("psql printed %q, want t1|%s", got, Superuser)
	}
	// A database was created and a backend served psql and exited: the
	// cluster's processor time counts them (at least one 10ms tick).
	time.Sleep(100 * time.Millisecond)
	if after, err := c.CPU(); err != nil || after <= before {
		t.Errorf("CPU() = %v, %v after a createdb and a query, want more than %v", after, err, before)
	}
}

// TestSweepStale leaves a cluster whose owner is gone, as a test binary
// killed before its cleanup does: the next start stops and removes it.
func TestSweepStale(t *testing.T) {
	c, err := start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(c.dir, ownerFile), []byte(strconv.Itoa(gone.Process.Pid)), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(c.data, "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	server, _ := strconv.Atoi(strings.SplitN(string(b), "\n", 2)[0])
	if !alive(server) {
		t.Fatalf("server %d not running before the sweep", server)
	}
	live := Start(t) // its owner is this test binary: left alone
	sweep(c.bin, filepath.Dir(c.dir))
	if _, err := os.Stat(c.dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale cluster %s still there after the sweep (%v)", c.dir, err)
	}
	for deadline := time.Now().Add(10 * time.Second); alive(server) && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	if alive(server) {
		t.Errorf("stale cluster's server %d still running after the sweep", server)
	}
	if _, err := os.Stat(live.dir); err != nil {
		t.Errorf("the sweep removed a live cluster: %v", err)
	}
}
