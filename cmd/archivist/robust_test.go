package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtractMalformedContentType: a Content-Type with a byte that is not
// UTF-8 before "charset=" used to panic (slice bounds out of range).
func TestExtractMalformedContentType(t *testing.T) {
	page := filepath.Join(t.TempDir(), "page.html")
	os.WriteFile(page, []byte("<html><head><title>T</title></head><body><p>caf\xe9</p></body></html>"), 0o644)
	for _, ct := range []string{"text/html; \xf7ChArset=", "text/html; \xf7\xf7ChArset=latin1", "text/html; ȺȺȺCHARSET=x"} {
		code, out, errOut := runCLI(t, "extract", "--content-type", ct, page)
		if code != 0 || !strings.HasPrefix(out, "T\n") {
			t.Errorf("--content-type %q: exit %d, stdout %q, stderr %q", ct, code, out, errOut)
		}
	}
}
