package index

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// canRelease: the releaser runs on Linux, where RssFile can be read.
const canRelease = true

// residentFile returns the process's file-backed resident memory in bytes
// (RssFile in /proc/self/status), 0 when it cannot be read.
func residentFile() int64 { return procStatus("RssFile:") }

// procStatus returns the value in bytes of the line of /proc/self/status
// that starts with key ("RssFile:"), 0 when it cannot be read.
func procStatus(key string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range bytes.Lines(b) {
		if rest, ok := bytes.CutPrefix(line, []byte(key)); ok {
			f := bytes.Fields(rest) // "123456 kB"
			if len(f) == 0 {
				return 0
			}
			kb, err := strconv.ParseInt(string(f[0]), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// releaseMaps takes the resident pages of maps out of the process
// (MADV_DONTNEED) and leaves them in the page cache. Each map must be a
// read-only shared map of a file, held mapped until it returns (heldMaps):
// on any other memory the advice discards what it holds. It fails only
// when the kernel refuses the advice.
func releaseMaps(maps [][]byte) error {
	for _, m := range maps {
		if len(m) == 0 {
			continue
		}
		if err := unix.Madvise(m, unix.MADV_DONTNEED); err != nil {
			if errors.Is(err, unix.EINVAL) {
				return fmt.Errorf("madvise MADV_DONTNEED: %w", err)
			}
		}
	}
	return nil
}
