// Package quote formats user input for error messages: a rejected value
// is shown quoted, and cut when it is long, so that a 100 KB URL or a
// 2 MiB line of garbage does not flood the terminal.
package quote

import (
	"strconv"
	"unicode/utf8"
)

// MaxChars is the most characters of a value an error message shows.
const MaxChars = 200

// Short returns s quoted as by strconv.Quote, cut after MaxChars
// characters. A cut value ends with `...` and its full length in bytes,
// e.g. "http://a.test/aaaa"... (100000 bytes).
func Short(s string) string {
	if len(s) <= MaxChars {
		return strconv.Quote(s)
	}
	cut, n := 0, 0
	for cut < len(s) && n < MaxChars {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
		n++
	}
	if cut == len(s) {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:cut]) + "... (" + strconv.Itoa(len(s)) + " bytes)"
}

// Error returns err with its message cut after MaxChars characters, for
// errors of other packages that quote their input whole (url.Parse,
// regexp). errors.Is and errors.As still see err.
func Error(err error) error {
	if err == nil || len(err.Error()) <= MaxChars {
		return err
	}
	return &shortError{err: err}
}

type shortError struct{ err error }

func (e *shortError) Error() string {
	s := e.err.Error()
	cut, n := 0, 0
	for cut < len(s) && n < MaxChars {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
		n++
	}
	if cut == len(s) {
		return s
	}
	return s[:cut] + "..."
}

func (e *shortError) Unwrap() error { return e.err }
