package index

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// canRelease: Linux has madvise(MADV_PAGEOUT) (since 5.4).
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

// releaseSegments asks the kernel to reclaim the resident pages of every
// mapped segment or run file of stores (releaseStores' folders;
// MADV_PAGEOUT). A map that was unmapped
// since /proc/self/maps was read is skipped; if its addresses were mapped
// again meanwhile, the advice still changes no page's contents (pages
// paged out are read back on their next use). It fails only when the
// kernel does not know the advice.
func releaseSegments(stores []string) error {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		start, end, path, ok := parseMap(sc.Bytes())
		if !ok || !isSegmentMap(path, stores) {
			continue
		}
		_, _, errno := unix.Syscall(unix.SYS_MADVISE, start, end-start, unix.MADV_PAGEOUT)
		if errno == unix.EINVAL {
			return errors.New("madvise MADV_PAGEOUT not supported")
		}
	}
	return nil
}

// parseMap parses a line of /proc/self/maps:
// "7f12a000-7f12b000 r--s 00000000 fd:01 1234   /path/to/file".
func parseMap(line []byte) (start, end uintptr, path string, ok bool) {
	f := bytes.Fields(line)
	if len(f) < 6 {
		return 0, 0, "", false
	}
	lo, hi, found := bytes.Cut(f[0], []byte("-"))
	if !found {
		return 0, 0, "", false
	}
	s, err1 := strconv.ParseUint(string(lo), 16, 64)
	e, err2 := strconv.ParseUint(string(hi), 16, 64)
	if err1 != nil || err2 != nil || e <= s {
		return 0, 0, "", false
	}
	// The path is the rest of the line from its first slash (it may hold
	// spaces); a file removed while mapped ends in " (deleted)".
	i := bytes.IndexByte(line, '/')
	if i < 0 {
		return 0, 0, "", false
	}
	path = strings.TrimSuffix(string(line[i:]), " (deleted)")
	return uintptr(s), uintptr(e), path, true
}
