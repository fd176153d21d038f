package pgstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"

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
	for _, table := range []string{"users", "captures"} {
		t.Run(table, func(t *testing.T) {
			url := cluster.NewDatabase(t)
			exec(t, url, "CREATE TABLE "+table+" (id int PRIMARY KEY)")
			s, err := pgstore.Open(context.Background(), url)
			var foreign *pgstore.ForeignDatabaseError
			if !errors.As(err, &foreign) {
				if s != nil {
					s.Close()
				}
				t.Fatalf("Open: %v, want a ForeignDatabaseError", err)
			}
			if len(foreign.Tables) != 1 || foreign.Tables[0] != table {
				t.Errorf("tables %q, want [%s]", foreign.Tables, table)
			}
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
			if n != 1 {
				t.Errorf("%d tables after Open, want the one it had", n)
			}
		})
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
	exec(t, url, "CREATE ROLE reader_"+strings.ToLower(t.Name())+" LOGIN",
		"GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader_"+strings.ToLower(t.Name()),
		"REVOKE CREATE ON SCHEMA public FROM PUBLIC")
	readerURL := strings.Replace(url, pgtest.Superuser+"@", "reader_"+strings.ToLower(t.Name())+"@", 1)
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

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://u:secret@h/db", "postgres://u:xxxxx@h/db"},
		{"postgres://u@h/db", "postgres://u@h/db"},
		{"postgres://h/db?sslmode=disable", "postgres://h/db?sslmode=disable"},
		{"postgres://u:se%zzcret@h:5432/db?x=1", "postgres://u:xxxxx@h:5432/db?x=1"},
		{"postgres://u:p@ss%zz@h/db", "postgres://u:xxxxx@h/db"},
		{"postgres://h%zz/db?user=u", "postgres://h%zz/db?user=u"},
	}
	for _, tt := range tests {
		if got := pgstore.Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
