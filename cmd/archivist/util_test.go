package main

import "testing"

func TestMB(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{{0, "0 kB"}, {1, "1 kB"}, {12_345, "13 kB"}, {99_999, "100 kB"}, {100_000, "0.1 MB"}, {2_500_000, "2.5 MB"}} {
		if got := mb(tt.n); got != tt.want {
			t.Errorf("mb(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
