package pgtest

import (
	"context"
	"strings"
	"testing"
)

func TestClusterAnswers(t *testing.T) {
	c := Start(t)
	url := c.NewDatabase(t)
	out, err := c.command(context.Background(), "psql", url, "-Atc", "select current_database(), current_user").CombinedOutput()
	if err != nil {
		t.Fatalf("psql: %v\n%s\n%s", err, out, c.Log())
	}
	if got := strings.TrimSpace(string(out)); got != "t1|"+Superuser {
		t.Fatalf("psql printed %q, want t1|%s", got, Superuser)
	}
}
