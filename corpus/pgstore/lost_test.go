package pgstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// connectErr is the error pgx gives when it cannot connect to url, for
// cause.
func connectErr(t *testing.T, url string, cause error) error {
	t.Helper()
	cfg, err := pgconn.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	cfg.DialFunc = func(context.Context, string, string) (net.Conn, error) { return nil, cause }
	_, err = pgconn.ConnectConfig(context.Background(), cfg)
	if err == nil {
		t.Fatal("connected")
	}
	return err
}

func TestLost(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "unix", Err: errors.New("connection refused")}
	for _, tt := range []struct {
		name string
		err  error
		want bool
	}{
		{"admin shutdown", &pgconn.PgError{Code: "57P01"}, true},
		{"crash shutdown", &pgconn.PgError{Code: "57P02"}, true},
		{"starting up", fmt.Errorf("save x: %w", &pgconn.PgError{Code: "57P03"}), true},
		{"connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"refused", fmt.Errorf("claim: %w", refused), true},
		{"eof", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), true},
		{"conn closed", pgconn.ErrConnClosed, true},
		{"wrong password", &pgconn.PgError{Code: "28P01"}, false},
		{"connect timeout", connectErr(t, "postgres://u@127.0.0.1:1/d?connect_timeout=1", context.DeadlineExceeded), true},
		{"refused to connect", connectErr(t, "postgres://u@127.0.0.1:1/d", refused), true},
		{"no database", &pgconn.PgError{Code: "3D000"}, false},
		{"unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"canceled", context.Canceled, false},
		{"deadline", fmt.Errorf("claim: %w", context.DeadlineExceeded), false},
		{"other", errors.New("disk full"), false},
		{"nil", nil, false},
	} {
		if got := Lost(tt.err); got != tt.want {
			t.Errorf("%s: Lost(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}
