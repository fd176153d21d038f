// Package syncbuf owns Buffer, a bytes.Buffer safe for concurrent use:
// what tests give a crawler's or a command's goroutines as their log or
// stderr, and read while they run.
package syncbuf

import (
	"bytes"
	"sync"
)

// Buffer is a bytes.Buffer whose Write and String may be called from
// several goroutines. OnWrite, when set before the first Write, is called
// with each write, under the buffer's lock.
type Buffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	OnWrite func(string)
}

// Write appends p.
func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.OnWrite != nil {
		s.OnWrite(string(p))
	}
	return s.b.Write(p)
}

// String returns what was written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
