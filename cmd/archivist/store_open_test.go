package main

import (
	"context"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/internal/pgtest"
	"github.com/jackc/pgx/v5"
)

// TestStoreUserErrors: a --store URL that cannot be parsed, or that
// names another program's database, is the user's error: one line on
// stderr naming what they typed, no password, exit 2, and the other
// program's database is left as it was.
func TestStoreUserErrors(t *testing.T) {
	other := pgtest.Start(t).NewDatabase(t)
	conn, err := pgx.Connect(context.Background(), other)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), "CREATE TABLE users (id int)"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"stats", "--store", "postgres://archivist:hun%zzter2@127.0.0.1:1/archive"}, "bad PostgreSQL URL"},
		{[]string{"stats", "--store", "postgres://u:hunter2@127.0.0.1:1/archive?sslmode=bogus"}, "sslmode"},
		{[]string{"stats", "--store", other}, "tables of another program (users)"},
		{[]string{"crawl", "--store", other, "http://127.0.0.1:1/"}, "tables of another program (users)"},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, tt.args...)
		if code != 2 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, tt.want) ||
			strings.Contains(errOut, "hunter2") || strings.Contains(errOut, "hun%zzter2") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2, one line saying %q, no password", tt.args, code, errOut, tt.want)
		}
	}
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("the other program's database has %d tables after archivist's commands, want its 1", n)
	}
}
