package main

import (
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// TestCollectorOffDuringInit: internal/initgc turns the collector off
// before the packages that allocate most at initialisation (bleve's scorch,
// protocol buffers, the language detector), and the main package's init
// turns it back on before any command runs.
func TestCollectorOffDuringInit(t *testing.T) {
	trace := initTrace(t)
	order := map[string]int{}
	for i, line := range strings.Split(trace, "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			order[f[1]] = i
		}
	}
	gc, ok := order["github.com/archivist-project/archivist/internal/initgc"]
	if !ok {
		t.Fatalf("internal/initgc not in the init trace:\n%s", trace)
	}
	for _, pkg := range []string{
		"github.com/blevesearch/bleve/v2/index/scorch",
		"github.com/RadhiFadlillah/whatlanggo",
		"google.golang.org/protobuf/reflect/protodesc",
		"golang.org/x/net/html",
	} {
		if i, ok := order[pkg]; ok && i < gc {
			t.Errorf("%s initialised before internal/initgc", pkg)
		}
	}

	want := 100
	if v := os.Getenv("GOGC"); v == "off" {
		want = -1
	} else if n, err := strconv.Atoi(v); err == nil {
		want = n
	}
	if got := debug.SetGCPercent(want); got != want {
		t.Errorf("GC percent after initialisation %d, want %d", got, want)
	}
}

// TestNoAppEngineAtStart checks that go.mod's stand-in for App Engine's
// urlfetch holds: colly imports the real package for a method archivist
// never calls, and it would bring App Engine's and the protocol buffers'
// initialisation (about 6 ms of CPU) into every start of the binary.
func TestNoAppEngineAtStart(t *testing.T) {
	for _, line := range strings.Split(initTrace(t), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" &&
			(strings.HasPrefix(f[1], "google.golang.org/appengine/") || strings.HasPrefix(f[1], "github.com/golang/protobuf/")) {
			t.Errorf("%s initialised at start-up; go.mod's replace of google.golang.org/appengine is gone?", f[1])
		}
	}
}

// initTrace runs archivist version with GODEBUG=inittrace=1 and returns
// what the runtime wrote: one "init PACKAGE @..." line per package.
func initTrace(t *testing.T) string {
	t.Helper()
	cmd := archivistCmd(t, "version")
	cmd.Env = append(cmd.Env, "GODEBUG=inittrace=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("archivist version: %v\n%s", err, stderr.String())
	}
	return stderr.String()
}
