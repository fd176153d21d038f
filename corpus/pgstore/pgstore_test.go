package pgstore_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
	"github.com/archivist-project/archivist/corpus/storetest"
	"github.com/archivist-project/archivist/internal/pgtest"
)

// cluster is the package's throwaway PostgreSQL server.
var cluster *pgtest.Cluster

func TestMain(m *testing.M) {
	c, err := pgtest.StartMain()
	if err != nil {
		fmt.Fprintf(os.Stderr, "pgstore tests: %v\n", err)
		os.Exit(1)
	}
	cluster = c
	code := m.Run()
	c.Stop()
	os.Exit(code)
}

// open opens a new empty database of the cluster for t.
func open(t testing.TB) *pgstore.Store {
	t.Helper()
	s, err := pgstore.Open(context.Background(), cluster.NewDatabase(t))
	if err != nil {
		t.Fatalf("%v\n%s", err, cluster.Log())
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestStoreSuite runs the store suite (corpus/storetest) on PostgreSQL,
// as corpus runs it on SQLite.
func TestStoreSuite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) corpus.Store { return open(t) })
}

// TestOpenPoolSize checks how many connections a store may open: 8, or
// WithMaxConns's, unless the URL says.
func TestOpenPoolSize(t *testing.T) {
	url := cluster.NewDatabase(t)
	tests := []struct {
		name string
		url  string
		opts []pgstore.Option
		want int32
	}{
		{"default", url, nil, 8},
		{"WithMaxConns", url, []pgstore.Option{pgstore.WithMaxConns(2)}, 2},
		{"the URL's", url + "&pool_max_conns=3", []pgstore.Option{pgstore.WithMaxConns(2)}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := pgstore.Open(context.Background(), tt.url, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if got := s.Pool().Config().MaxConns; got != tt.want {
				t.Errorf("MaxConns %d, want %d", got, tt.want)
			}
		})
	}
}
