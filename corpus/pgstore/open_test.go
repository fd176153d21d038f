package pgstore_test

import (
	"context"
	"errors"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus/pgstore"
	"github.com/archivist-project/archivist/internal/pgtest"
	"github.com/jackc/pgx/v5"
)

// exec runs statements on the database at url as given.
func exec(t *testing.T, url string, stmts ...string) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	for _, q := range stmts {
		if _, err := conn.Exec(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestOpenRefusesForeignDatabase checks that a database holding another
// program's tables is refused and left as it was: no archivist table, no
// schema_migrations, whatever its tables are called.
func TestOpenRefusesForeignDatabase(t *testing.T) {
	tests := []struct {
		name   string
		stmts  []string
		tables string // the tables named, in order
	}{
		{"users", []string{"CREATE TABLE users (id int PRIMARY KEY)"}, "users"},
		{"captures", []string{"CREATE TABLE captures (id int PRIMARY KEY)"}, "captures"},
		{"an empty schema_migrations beside another table", []string{
			"CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
			"CREATE TABLE users (id int)"}, "users"},
		{"Rails' schema_migrations", []string{"CREATE TABLE schema_migrations (version varchar PRIMARY KEY)",
			"INSERT INTO schema_migrations VALUES ('20231201123456')"}, "schema_migrations"},
		{"golang-migrate's at version 10", []string{"CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)",
			"INSERT INTO schema_migrations VALUES (10, false)", "CREATE TABLE posts (id int)"}, "schema_migrations, posts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := cluster.NewDatabase(t)
			exec(t, url, tt.stmts...)
			before := tableCount(t, url)
			s, err := pgstore.Open(context.Background(), url)
			var foreign *pgstore.ForeignDatabaseError
			if !errors.As(err, &foreign) {
				if s != nil {
					s.Close()
				}
				t.Fatalf("Open: %v, want a ForeignDatabaseError", err)
			}
			if got := strings.Join(foreign.Tables, ", "); got != tt.tables {
				t.Errorf("tables %q, want %q", got, tt.tables)
			}
			if n := tableCount(t, url); n != before {
				t.Errorf("%d tables after Open, want the %d it had", n, before)
			}
		})
	}
}

// tableCount returns how many tables the public schema of url holds.
func tableCount(t *testing.T, url string) int {
	t.Helper()
	{
		conn, err := pgx.Connect(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())
		var n int
		if err := conn.QueryRow(context.Background(),
			"SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
}

// TestOpenReadOnlyRole checks that a role allowed only to read opens an
// up-to-date corpus and reads it: Open creates nothing when no migration
// is pending.
func TestOpenReadOnlyRole(t *testing.T) {
	url := cluster.NewDatabase(t)
	s, err := pgstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A role per database: the cluster outlives one run of the test.
	reader := "reader_" + path.Base(strings.SplitN(url, "?", 2)[0])
	exec(t, url, "CREATE ROLE "+reader+" LOGIN",
		"GRANT SELECT ON ALL TABLES IN SCHEMA public TO "+reader,
		"REVOKE CREATE ON SCHEMA public FROM PUBLIC")
	readerURL := strings.Replace(url, pgtest.Superuser+"@", reader+"@", 1)
	r, err := pgstore.Open(context.Background(), readerURL)
	if err != nil {
		t.Fatalf("Open as a reader: %v", err)
	}
	defer r.Close()
	if _, err := r.Stats(context.Background()); err != nil {
		t.Errorf("Stats as a reader: %v", err)
	}
}

// TestOpenBadURL checks that a URL pgx cannot parse is a BadURLError
// whose message holds no password.
func TestOpenBadURL(t *testing.T) {
	tests := []struct{ url, why string }{
		{"postgres://archivist:hun%zzter2@127.0.0.1:1/archive", "percent-encoded"},
		{"postgres://archivist:hunter2@127.0.0.1:1/archive?sslmode=bogus", "sslmode"},
	}
	for _, tt := range tests {
		_, err := pgstore.Open(context.Background(), tt.url)
		var bad *pgstore.BadURLError
		if !errors.As(err, &bad) {
			t.Errorf("Open(%q): %v, want a BadURLError", tt.url, err)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "hunter2") || strings.Contains(msg, "hun%zzter2") || !strings.Contains(msg, tt.why) {
			t.Errorf("Open(%q): %q, want %q and no password", tt.url, msg, tt.why)
		}
	}
}

// TestRedact: the password is hidden wherever pgx would read one, and
// the rest of the string kept.
func TestRedact(t *testing.T) {
	tests := []struct{ in, secret, keep string }{
		{"postgres://u:secret@h/db", "secret", "postgres://u:xxxxx@h/db"},
		{"postgres://u@h/db", "", "postgres://u@h/db"},
		{"postgres://h/db?sslmode=disable", "", "postgres://h/db?sslmode=disable"},
		{"postgres://u:se%zzcret@h:5432/db?x=1", "se%zzcret", "@h:5432/db?x=1"},
		{"postgres://u:12#x?y@h/db", "12#x?y", "@h/db"},
		{"postgres://u@h/db?sslmode=disable&password=hunter2", "hunter2", "sslmode=disable"},
		{"host=h user=u password=hunter2 dbname=db", "hunter2", "dbname=db"},
	}
	for _, tt := range tests {
		got := pgstore.Redact(tt.in)
		if (tt.secret != "" && strings.Contains(got, tt.secret)) || !strings.Contains(got, tt.keep) {
			t.Errorf("Redact(%q) = %q, want no %q and %q kept", tt.in, got, tt.secret, tt.keep)
		}
	}
}

// TestWorkersRate: a worker's pages per second run from its start to its
// stop, or to now while it is not stopped, not to its last heartbeat
// (its page count is current, its heartbeat up to a beat old).
func TestWorkersRate(t *testing.T) {
	s := open(t)
	now := time.Now().UnixMilli()
	if _, err := s.Pool().Exec(context.Background(), `INSERT INTO workers (machine, pid, started_at, heartbeat_at, stopped_at, pages)
		VALUES ('a', 1, $1, $2, 0, 100), ('b', 2, $1, $3, $4, 100)`, now-10_000, now-9_000, now-5_000, now-10_000+20_000); err != nil {
		t.Fatal(err)
	}
	ws, _, err := s.Workers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rates := map[string]float64{}
	for _, w := range ws {
		rates[w.Machine] = w.PagesPerSec
	}
	if r := rates["a"]; r < 9 || r > 10.1 {
		t.Errorf("running worker: %.2f pages/s, want about 10 (100 pages in 10 s)", r)
	}
	if r := rates["b"]; r < 4.99 || r > 5.01 {
		t.Errorf("stopped worker: %.2f pages/s, want 5 (100 pages in the 20 s to its stop)", r)
	}
}

// TestOpenNewDatabaseWithExtension: an extension's tables and views in a
// new database (pg_stat_statements', PostGIS's spatial_ref_sys) are not
// another program's: the corpus is made beside them (review16b).
func TestOpenNewDatabaseWithExtension(t *testing.T) {
	url := cluster.NewDatabase(t)
	exec(t, url, "CREATE EXTENSION pg_stat_statements")
	s, err := pgstore.Open(context.Background(), url)
	if err != nil {
		t.Fatalf("Open of a new database with an extension: %v", err)
	}
	s.Close()
}
