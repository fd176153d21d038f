package panics

import (
	"strings"
	"testing"
)

func TestStack(t *testing.T) {
	var stack string
	func() {
		defer func() {
			if recover() != nil {
				stack = Stack()
			}
		}()
		var s []int
		_ = s[3]
	}()
	if !strings.HasPrefix(stack, "panics.TestStack.func") || !strings.Contains(stack, "(panics_test.go:") || strings.Contains(stack, "\n") ||
		strings.HasPrefix(stack, "goroutine") || strings.Contains(stack, "runtime/debug") {
		t.Errorf("stack = %q", stack)
	}
	if got := short(nil); got != "" {
		t.Errorf("short(nil) = %q", got)
	}
}
