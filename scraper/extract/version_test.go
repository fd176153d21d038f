package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// versionFile records Version and a digest of what Extract returns for
// every test page of the repository.
const versionFile = "testdata/version.txt"

// TestVersionFollowsOutput holds Version's rule (version.go) to account:
// when the output for any test page of the repository changes, the digest
// in versionFile does, and the test fails until Version is bumped and the
// file rewritten (go test -run TestVersionFollowsOutput -update). A change
// that moves only pages outside the repository (a benchmark's) goes unseen
// here; the rule still asks for the bump.
func TestVersionFollowsOutput(t *testing.T) {
	digest := outputDigest(t)
	b, err := os.ReadFile(versionFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	var recVersion int
	var recDigest string
	fmt.Sscanf(string(b), "%d %s", &recVersion, &recDigest)
	switch {
	case recVersion == Version && recDigest == digest:
		return
	case recVersion == Version:
		t.Fatalf("the extractor's output changed on the test pages, but Version is still %d: "+
			"bump Version (version.go) in the same commit, then run go test -run TestVersionFollowsOutput -update", Version)
	case !*update:
		t.Fatalf("Version is %d, %s records version %d: run go test -run TestVersionFollowsOutput -update",
			Version, versionFile, recVersion)
	}
	if err := os.WriteFile(versionFile, []byte(fmt.Sprintf("%d %s\n", Version, digest)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// outputDigest extracts every HTML page under the repository's test data
// and returns the SHA-256 of the results, in path order.
func outputDigest(t *testing.T) string {
	t.Helper()
	var pages []string
	for _, root := range []string{"testdata", "../../testdata"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
				pages = append(pages, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(pages)
	if len(pages) < 50 {
		t.Fatalf("only %d test pages found", len(pages))
	}
	h := sha256.New()
	for _, p := range pages {
		url := "https://pages.test/" + filepath.ToSlash(strings.TrimPrefix(p, "../../"))
		art, err := Extract(Input{Body: mustReadFile(t, p), URL: url, FetchedAt: fetchedAt})
		out, _ := json.Marshal(art)
		if err != nil {
			out = []byte(err.Error())
		}
		fmt.Fprintf(h, "%s\n%s\n", p, out)
	}
	return hex.EncodeToString(h.Sum(nil))
}
