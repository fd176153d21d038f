// Package release owns archivist's version string, so that every package
// that writes it (the crawler's User-Agent, a Parquet file's created_by,
// the CLI) reads the same one without importing each other.
package release

import (
	"runtime/debug"
	"sync"
)

// Version is archivist's version.
const Version = "0.1.0"

// Build returns the commit the binary was built from (the first 12 hex
// digits of Go's vcs.revision, "-dirty" added when the tree had changes),
// or "unknown" (a test binary, a build outside a git checkout).
var Build = sync.OnceValue(func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev == "" {
		return "unknown"
	}
	return rev[:min(len(rev), 12)] + dirty
})
