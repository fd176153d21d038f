package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/scraper/extract"
	"github.com/archivist-project/archivist/scraper/scrapertest"
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

// TestCrawlSeedFileStreams: a 100,000-line seed file is queued whole,
// while the run's settings record its name, line count and SHA-256
// instead of its URLs (they held every URL, 193 MB a run).
func TestCrawlSeedFileStreams(t *testing.T) {
	srv := scrapertest.NewServer(t, scrapertest.WithArticles(4))
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	seeds := filepath.Join(dir, "seeds.txt")
	var b strings.Builder
	b.WriteString("# generated\n")
	const n = 100_000
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "%s/seed/%d\n", srv.URL, i)
	}
	os.WriteFile(seeds, []byte(b.String()), 0o644)
	mustRun(t, "crawl", "--db", db, "--seeds", seeds, "--max-pages", "1", "--delay", "0s", "--no-index", "-q")

	ctx := context.Background()
	cdb, err := corpus.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer cdb.Close()
	settings, err := cdb.RunSettings(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(settings) > 2000 {
		t.Fatalf("settings are %d bytes", len(settings))
	}
	sum := sha256.Sum256([]byte(b.String()))
	var s struct {
		SeedFile struct {
			Name   string `json:"name"`
			Lines  int    `json:"lines"`
			SHA256 string `json:"sha256"`
		} `json:"seed_file"`
	}
	if err := json.Unmarshal([]byte(settings), &s); err != nil {
		t.Fatal(err)
	}
	if s.SeedFile.Name != seeds || s.SeedFile.Lines != n || s.SeedFile.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("settings: %s", settings)
	}
	st, err := cdb.FrontierStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if total := st.Queued + st.Done + st.Failed + st.Skipped; total < n-1 {
		t.Errorf("frontier holds %d URLs, want %d seeds", total, n-1)
	}
}

// TestCrawlSeedFileErrors: a bad seed line is one short usage error
// naming the file and line, however long the line.
func TestCrawlSeedFileErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	long := "http://a.test/" + strings.Repeat("x", 100_000)
	tests := []struct {
		name, content string
		want          []string
	}{
		{"2 MiB line", "http://a.test/\n# ok\n" + strings.Repeat("garbage", 300_000) + "\nhttp://b.test/\n",
			[]string{"seeds.txt:3:", "longer than 65536 bytes"}},
		{"2 MiB last line", "http://a.test/\n" + strings.Repeat("g", 2<<20), []string{"seeds.txt:2:", "longer than"}},
		{"60 KB URL", "http://a.test/\n" + long[:60_014] + "\n", []string{"seeds.txt:2:", `"http://a.test/xxx`, "(60014 bytes)", "longer than 2048"}},
		{"100 KB non-URL", "\n\n" + strings.Repeat("y", 100_000), []string{"seeds.txt:3:", "longer than"}},
		{"bad host", "http://[::1/" + strings.Repeat("z", 60_000) + "\n", []string{"seeds.txt:1:", "bad seed URL"}},
		{"long scheme", "ftp://" + strings.Repeat("f", 5000) + "\n", []string{"seeds.txt:1:", "want http://"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seeds := filepath.Join(dir, "seeds.txt")
			os.WriteFile(seeds, []byte(tt.content), 0o644)
			code, _, errOut := runCLI(t, "crawl", "--db", db, "--seeds", seeds)
			if code != 2 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || len(errOut) > 600 {
				t.Fatalf("exit %d, stderr (%d bytes): %.700s", code, len(errOut), errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %.700q lacks %q", errOut, w)
				}
			}
		})
	}
	code, _, errOut := runCLI(t, "crawl", "--db", db, long)
	if code != 2 || len(errOut) > 600 || !strings.Contains(errOut, "bad seed URL") {
		t.Errorf("argument: exit %d, stderr (%d bytes): %.700s", code, len(errOut), errOut)
	}
}

// endlessReader yields n bytes of HTML-looking text, counting what was
// read.
type endlessReader struct{ left, read int64 }

func (r *endlessReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), r.left)
	for i := range p[:n] {
		p[i] = "<p>word "[i%8]
	}
	r.left -= n
	r.read += n
	return int(n), nil
}

// TestExtractStopsAtLimit: extract reads at most its 16 MiB limit (plus a
// byte) of an oversized input, then fails naming it.
func TestExtractStopsAtLimit(t *testing.T) {
	in := &endlessReader{left: 1 << 30}
	var out, errb bytes.Buffer
	code := Main([]string{"extract", "-"}, in, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "standard input: larger than 16 MiB") ||
		strings.Count(strings.TrimSpace(errb.String()), "\n") != 0 {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
	if in.read > extract.DefaultMaxBytes+64<<10 {
		t.Errorf("read %d bytes of the input", in.read)
	}

	big := filepath.Join(t.TempDir(), "big.html")
	os.WriteFile(big, bytes.Repeat([]byte("<p>word "), (extract.DefaultMaxBytes/8)+1), 0o644)
	code, _, errOut := runCLI(t, "extract", big)
	if code != 1 || !strings.Contains(errOut, "big.html: larger than 16 MiB") {
		t.Errorf("file: exit %d, stderr %q", code, errOut)
	}
	code, stdout, errOut := runCLI(t, "extract", "--json", "--url", "https://a.test/x", big)
	if code != 1 || !strings.Contains(stdout, `"url":"https://a.test/x"`) || !strings.Contains(stdout, `"source":"`+big) ||
		!strings.Contains(stdout, `"error":"larger than 16 MiB`) || !strings.Contains(errOut, "big.html: larger than 16 MiB") {
		t.Errorf("--json: exit %d, stdout %.300s, stderr %q", code, stdout, errOut)
	}
	e := &env{}
	for _, tt := range []struct {
		in      string
		tooMany bool
	}{{"", false}, {"0123456789", false}, {"0123456789a", true}} {
		e.stdin = strings.NewReader(tt.in)
		b, err := readInput(e, "-", 10)
		if errors.Is(err, extract.ErrTooLarge) != tt.tooMany || (!tt.tooMany && string(b) != tt.in) {
			t.Errorf("readInput(%q, limit 10) = %q, %v", tt.in, b, err)
		}
	}
}

// TestUsageErrorsQuoteShort: a usage error quotes at most 200 characters
// of what it rejects.
func TestUsageErrorsQuoteShort(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	long := strings.Repeat("q", 100_000)
	for _, args := range [][]string{
		{long},
		{"--log-format", long, "stats"},
		{"crawl", "--db", db, "--include", "(" + long, "http://a.test/"},
		{"crawl", "--db", db, "--max-body", long, "http://a.test/"},
		{"crawl", "--db", db, "--since", long, "http://a.test/"},
		{"crawl", "--db", db, "http://" + long + "\x01/"},
		{"search", "--db", db, "--sort", long, "x"},
		{"export", "--db", db, "--format", long},
		{"stats", "--db", db, long},
	} {
		code, _, errOut := runCLI(t, args...)
		if code != 2 || len(errOut) > 600 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("archivist %.40q: exit %d, stderr (%d bytes) %.300q", args, code, len(errOut), errOut)
		}
	}
}

// panicWriter panics on Write, standing in for a bug anywhere in a
// command.
type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("writer bug") }

// TestMainRecoversPanic: a panic in a command is one line on stderr, exit
// code 1, not a Go stack dump with exit code 2.
func TestMainRecoversPanic(t *testing.T) {
	var errb bytes.Buffer
	code := Main([]string{"version"}, strings.NewReader(""), panicWriter{}, &errb)
	msg := errb.String()
	if code != 1 || !strings.HasPrefix(msg, "archivist: internal error") || !strings.Contains(msg, "writer bug") ||
		strings.Count(strings.TrimSpace(msg), "\n") != 0 || !strings.Contains(msg, "[archivist.panicWriter.Write (robust_test.go:") {
		t.Errorf("exit %d, stderr %q", code, msg)
	}
}
