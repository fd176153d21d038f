package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestRunServesTheSite(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan string, 1)
	errc := make(chan error, 1)
	var logs bytes.Buffer
	go func() {
		errc <- run(ctx, []string{"-addr", "127.0.0.1:0", "-articles", "30", "-faults"}, &logs, func(a string) { addrc <- a })
	}()
	var addr string
	select {
	case addr = <-addrc:
	case err := <-errc:
		t.Fatalf("run: %v", err)
	}
	for _, tt := range []struct {
		path, want string
		status     int
	}{
		{"/", "The Daily Meridian", 200},
		{"/robots.txt", "Disallow: /private/", 200},
		{"/calendar/2024/06/", "Events in June 2024", 200},
		{"/nowhere", "Page not found", 404},
	} {
		resp, err := http.Get("http://" + addr + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
			t.Errorf("%s: status %d, body without %q", tt.path, resp.StatusCode, tt.want)
		}
	}
	// A request to the page that never answers must not keep run from
	// returning.
	go func() {
		if resp, err := http.Get("http://" + addr + "/live/stream"); err == nil {
			resp.Body.Close()
		}
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return after cancel")
	}
	if !strings.Contains(logs.String(), "url=/robots.txt") {
		t.Errorf("requests not logged:\n%s", logs.String())
	}
}

func TestRunUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"extra"}, {"-articles", "x"}} {
		err := run(context.Background(), args, io.Discard, nil)
		if !errors.Is(err, errUsage) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
}
