// Package proc owns what archivist knows of other processes on this host:
// whether one is alive (a lease's holder, the writer of a temporary file),
// and the temporary files a killed process left.
package proc

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// CreateTemp creates a new temporary file beside path, named after it and
// this process (".BASE.PID-X.tmp", which RemoveStaleTemps knows), with the
// permissions of a new file (0666 less the umask), as the final file must
// have once renamed over path: os.CreateTemp would make it 0600.
func CreateTemp(path string) (*os.File, error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	for range 100 {
		name := filepath.Join(dir, fmt.Sprintf(".%s.%d-%x.tmp", base, os.Getpid(), rand.Uint32()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, os.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("cannot create a temporary file beside %s", path)
}

// RemoveStaleTemps removes the temporary files in dir named
// ".BASE.PID-X.tmp" (X any non-empty tag) for which ours(BASE) holds and
// whose process PID is gone. A live process's files stay: it may be
// writing them. Errors are ignored: a file left is only clutter.
func RemoveStaleTemps(dir string, ours func(base string) bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, ent := range entries {
		base, pid, ok := tempOwner(ent.Name())
		if ok && ent.Type().IsRegular() && ours(base) && !Alive(pid) {
			os.Remove(filepath.Join(dir, ent.Name()))
		}
	}
}

// tempOwner parses ".BASE.PID-X.tmp".
func tempOwner(name string) (base string, pid int, ok bool) {
	rest, ok1 := strings.CutPrefix(name, ".")
	rest, ok2 := strings.CutSuffix(rest, ".tmp")
	i := strings.LastIndexByte(rest, '.')
	if !ok1 || !ok2 || i <= 0 {
		return "", 0, false
	}
	p, tag, found := strings.Cut(rest[i+1:], "-")
	n, err := strconv.Atoi(p)
	if !found || tag == "" || err != nil || n <= 0 || strings.Trim(p, "0123456789") != "" {
		return "", 0, false
	}
	return rest[:i], n, true
}
