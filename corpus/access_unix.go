//go:build unix

package corpus

import (
	"os"
	"syscall"
)

const wOK = 0x2 // W_OK of access(2)

// access checks path with access(2), which also reports a read-only file
// system (EROFS), and returns the error as an *os.PathError.
func access(path string, mode uint32) error {
	if err := syscall.Access(path, mode); err != nil {
		return &os.PathError{Op: "access", Path: path, Err: err}
	}
	return nil
}
