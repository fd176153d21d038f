package pgstore

import "testing"

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		from, n int
		want    string
	}{
		{1, 0, ""},
		{1, 1, "$1"},
		{1, 3, "$1, $2, $3"},
		{27, 2, "$27, $28"},
		{8, 4, "$8, $9, $10, $11"},
	}
	for _, tt := range tests {
		if got := placeholders(tt.from, tt.n); got != tt.want {
			t.Errorf("placeholders(%d, %d) = %q, want %q", tt.from, tt.n, got, tt.want)
		}
	}
}
