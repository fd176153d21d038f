// Package panics formats recovered panics for logs and error messages:
// the panic's value and a short stack trace on one line.
package panics

import (
	"runtime/debug"
	"strings"
)

// Stack returns the frames of the current goroutine's stack nearest the
// panic being recovered, on one line, innermost first: the goroutine header
// and the frames of the runtime and of the recovering function are
// dropped, and at most six frames are kept. Call it from the deferred
// function that recovers.
func Stack() string {
	return short(debug.Stack())
}

// short is Stack for a trace as debug.Stack formats it: each frame is
// written "function (file.go:line)", without arguments, directories and
// offsets.
func short(stack []byte) string {
	lines := strings.Split(strings.TrimSpace(string(stack)), "\n")
	// After the goroutine header, frames come in pairs: the function,
	// then its file and line. The panic site follows the runtime's panic
	// function.
	start := 1
	for i := 1; i+1 < len(lines); i += 2 {
		if strings.HasPrefix(lines[i], "panic(") {
			start = i + 2
			break
		}
	}
	var frames []string
	for i := start; i+1 < len(lines) && len(frames) < 6; i += 2 {
		fn := lines[i]
		if j := strings.LastIndexByte(fn, '('); j > 0 {
			fn = fn[:j]
		}
		fn = fn[strings.LastIndexByte(fn, '/')+1:]
		loc := strings.TrimSpace(lines[i+1])
		if j := strings.Index(loc, " +0x"); j >= 0 {
			loc = loc[:j]
		}
		loc = loc[strings.LastIndexByte(loc, '/')+1:]
		frames = append(frames, fn+" ("+loc+")")
	}
	return strings.Join(frames, " < ")
}
