package corpus

import (
	"context"
	"testing"
)

// TestStatsCapturesAddUp: ok, revisits, redirects and failed captures
// partition the captures, so the numbers of `archivist stats` add up.
func TestStatsCapturesAddUp(t *testing.T) {
	db := MustOpen(t)
	u := "https://a.example/x"
	first := addCapture(t, db, &Capture{URL: u, RequestedURL: u, Status: 200, Body: []byte("x")})
	for _, c := range []*Capture{
		{URL: u, RequestedURL: u, Status: 304, RevisitOf: first},
		{URL: u, RequestedURL: u, Status: 200, RevisitOf: first, Body: []byte("x")}, // identical digest
		{URL: "https://a.example/old", RequestedURL: "https://a.example/old", Status: 301},
		{URL: "https://a.example/tmp", RequestedURL: "https://a.example/tmp", Status: 302},
		{URL: "https://a.example/gone", RequestedURL: "https://a.example/gone", Status: 404, ErrorKind: ErrKindHTTP4xx},
		{URL: "https://a.example/loop", RequestedURL: "https://a.example/loop", Status: 301, ErrorKind: ErrKindRedirectLoop},
	} {
		addCapture(t, db, c)
	}
	st, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := [5]int64{st.Captures, st.CapturesOK, st.Revisits, st.Redirects, st.Errors}
	if want := [5]int64{7, 1, 2, 2, 2}; got != want {
		t.Errorf("captures, ok, revisits, redirects, failed = %v, want %v", got, want)
	}
}
