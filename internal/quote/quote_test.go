package quote

import (
	"errors"
	"strings"
	"testing"
)

func TestShort(t *testing.T) {
	long := "http://a.test/" + strings.Repeat("a", 100_000)
	tests := []struct{ in, want string }{
		{"", `""`},
		{"plain", `"plain"`},
		{"tab\there\x00\xff", `"tab\there\x00\xff"`},
		{strings.Repeat("é", 200), `"` + strings.Repeat("é", 200) + `"`},
		{strings.Repeat("é", 201), `"` + strings.Repeat("é", 200) + `"... (402 bytes)`},
		{long, `"` + long[:200] + `"... (100014 bytes)`},
	}
	for _, tt := range tests {
		if got := Short(tt.in); got != tt.want {
			t.Errorf("Short(%.40q) = %.80s, want %.80s", tt.in, got, tt.want)
		}
	}
}

func TestError(t *testing.T) {
	base := errors.New(strings.Repeat("x", 1000))
	err := Error(base)
	if len(err.Error()) != MaxChars+3 || !errors.Is(err, base) {
		t.Errorf("Error: %d bytes, Is %v", len(err.Error()), errors.Is(err, base))
	}
	short := errors.New("short")
	if Error(short) != short || Error(nil) != nil {
		t.Error("a short error or nil must come back as it is")
	}
}
