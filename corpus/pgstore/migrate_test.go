package pgstore_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/archivist-project/archivist/corpus/pgstore"
	"github.com/jackc/pgx/v5/pgconn"
)

// connect opens a plain connection to the database at url.
func connect(t *testing.T, url string) *pgconn.PgConn {
	t.Helper()
	c, err := pgconn.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// versions returns the versions recorded in schema_migrations.
func versions(t *testing.T, c *pgconn.PgConn) string {
	t.Helper()
	if tables := tables(t, c); !strings.Contains(" "+tables+" ", " schema_migrations ") {
		return ""
	}
	res, err := c.Exec(context.Background(), "SELECT COALESCE(string_agg(version::text, ' ' ORDER BY version), '') FROM schema_migrations").ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return string(res[0].Rows[0][0])
}

// errorIs reports whether err is nil when want is "", else whether it
// says want.
func errorIs(err error, want string) bool {
	if want == "" {
		return err == nil
	}
	return err != nil && strings.Contains(err.Error(), want)
}

// tables returns the names of the tables in the public schema.
func tables(t *testing.T, c *pgconn.PgConn) string {
	t.Helper()
	res, err := c.Exec(context.Background(), `SELECT COALESCE(string_agg(relname, ' ' ORDER BY relname), '') FROM pg_class
		WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return string(res[0].Rows[0][0])
}

func TestMigrate(t *testing.T) {
	good := fstest.MapFS{
		"migrations/0001_a.sql": {Data: []byte("CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);")},
		"migrations/0002_b.sql": {Data: []byte("CREATE TABLE b (y INT) -- no semicolon, a comment last")},
	}
	withBad := fstest.MapFS{
		"migrations/0001_a.sql": good["migrations/0001_a.sql"],
		"migrations/0002_b.sql": good["migrations/0002_b.sql"],
		"migrations/0003_c.sql": {Data: []byte("CREATE TABLE c (z INT);")},
		"migrations/0004_d.sql": {Data: []byte("ALTER TABLE nowhere ADD COLUMN w INT;")},
	}
	older := fstest.MapFS{"migrations/0001_a.sql": good["migrations/0001_a.sql"]}
	// squash has the migrations of good, one after them, and the schema
	// that 0001 and 0002 build, squashed, with a table of its own to tell
	// which way a database was built.
	squash := fstest.MapFS{
		"migrations/0001_a.sql":    good["migrations/0001_a.sql"],
		"migrations/0002_b.sql":    good["migrations/0002_b.sql"],
		"migrations/0003_c.sql":    {Data: []byte("CREATE TABLE c (z INT);")},
		"schema/0002_squashed.sql": {Data: []byte("CREATE TABLE a (x INT); INSERT INTO a VALUES (1); CREATE TABLE b (y INT); CREATE TABLE squashed ()")},
	}
	badSquash := fstest.MapFS{
		"migrations/0001_a.sql":    good["migrations/0001_a.sql"],
		"schema/0001_squashed.sql": {Data: []byte("CREATE TABLE a (x INT); ALTER TABLE nowhere ADD COLUMN w INT;")},
	}
	strayNumber := fstest.MapFS{
		"migrations/0001_a.sql":    good["migrations/0001_a.sql"],
		"schema/0002_squashed.sql": squash["schema/0002_squashed.sql"],
	}
	tests := []struct {
		name    string
		steps   []fstest.MapFS
		wantErr string // of the last step
		want    string // versions recorded after the last step
		tables  string // the database's tables after the last step, when not "" ("-": none)
	}{
		{name: "new database", steps: []fstest.MapFS{good}, want: "1 2"},
		{name: "up to date", steps: []fstest.MapFS{good, good}, want: "1 2"},
		{name: "failure applies none and names the migration", steps: []fstest.MapFS{good, withBad},
			wantErr: "migrate migrations/0004_d.sql: ", want: "1 2"},
		{name: "schema newer than the code", steps: []fstest.MapFS{good, older},
			wantErr: "schema version 2 is newer than this archivist knows (1)", want: "1 2"},
		{name: "new database: the squashed schema, then the migrations after it", steps: []fstest.MapFS{squash},
			want: "1 2 3", tables: "a b c schema_migrations squashed"},
		{name: "existing database: the numbered migrations", steps: []fstest.MapFS{good, squash},
			want: "1 2 3", tables: "a b c schema_migrations"},
		{name: "failing squashed schema applies none and is named", steps: []fstest.MapFS{badSquash},
			wantErr: "migrate schema/0001_squashed.sql: ", want: "", tables: "-"},
		{name: "squashed schema numbered as no migration", steps: []fstest.MapFS{strayNumber},
			wantErr: "schema/0002_squashed.sql: its number is no migration's", want: "", tables: "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			url := cluster.NewDatabase(t)
			c := connect(t, url)
			var err error
			for _, fsys := range tt.steps {
				err = pgstore.Migrate(ctx, c, fsys)
			}
			if !errorIs(err, tt.wantErr) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			if got := versions(t, c); got != tt.want {
				t.Errorf("versions %q, want %q", got, tt.want)
			}
			if got := tables(t, c); tt.tables != "" && got != strings.TrimPrefix(tt.tables, "-") {
				t.Errorf("tables %q, want %q", got, tt.tables)
			}
			// The lock was given back, failure or not: another session
			// takes it at once, and gets the same answer.
			short, cancel2 := context.WithTimeout(ctx, 5*time.Second)
			defer cancel2()
			if err := pgstore.Migrate(short, connect(t, url), tt.steps[len(tt.steps)-1]); !errorIs(err, tt.wantErr) {
				t.Errorf("migrate from another session: %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// TestMigrateTogether starts four sessions migrating a new database at
// once: each migration is applied once, whatever the sessions' isolation
// level (each statement of the locking query must see the schema that the
// lock's last holder committed).
func TestMigrateTogether(t *testing.T) {
	for _, level := range []string{"read committed", "repeatable read", "serializable"} {
		t.Run(level, func(t *testing.T) {
			url := cluster.NewDatabase(t)
			c := connect(t, url)
			set := `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET default_transaction_isolation = %L',
				current_database(), '` + level + `'); END $$`
			if _, err := c.Exec(context.Background(), set).ReadAll(); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				c := connect(t, url)
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs[i] = pgstore.Migrate(context.Background(), c, fstest.MapFS{
						"migrations/0001_a.sql": {Data: []byte("CREATE TABLE a (x INT); SELECT pg_sleep(0.05);")},
						"migrations/0002_b.sql": {Data: []byte("CREATE TABLE b (y INT);")},
					})
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("session %d: %v", i, err)
				}
			}
			if got := versions(t, c); got != "1 2" {
				t.Errorf("versions %q, want \"1 2\"", got)
			}
		})
	}
}

// TestOpenNewDatabase checks the round trips Open costs: the schema of a
// new database in one, as for an up-to-date one.
func TestOpenNewDatabase(t *testing.T) {
	url := cluster.NewDatabase(t)
	for _, name := range []string{"new", "up to date"} {
		s, err := pgstore.Open(context.Background(), url)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// The connection's start-up message, then two queries.
		if n := s.RoundTrips(); n > 3 {
			t.Errorf("%s: %d writes to the server to open, want 3", name, n)
		}
		s.Close()
	}
}
