package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestExportKilledBetweenSteps exports over an earlier export to the same
// names and looks, at each step where the export puts a file in place, at
// what a kill -9 there would leave: a manifest or a CDX index must never
// sit beside a file it does not describe.
func TestExportKilledBetweenSteps(t *testing.T) {
	cases := []struct {
		name  string
		opts  exportOptions
		check func(t *testing.T, out string) // the files at out agree
	}{
		{"jsonl", exportOptions{Format: "jsonl"}, manifestAgrees},
		{"csv", exportOptions{Format: "csv"}, manifestAgrees},
		{"warc with cdx", exportOptions{Format: "warc", warcExportOptions: warcExportOptions{AllCaptures: true, WARCSize: 1 << 30}}, cdxAgrees},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			small, big := mustArchive(t, 1), mustArchive(t, 3)
			out := filepath.Join(t.TempDir(), "x."+tc.opts.Format)
			opts := tc.opts
			opts.Out, opts.Quiet = out, true
			if opts.Format == "warc" {
				opts.CDX = out + ".cdxj"
			}
			mustExportWith(t, small.db, opts, nil)
			steps := 0
			mustExportWith(t, big.db, opts, func(step string) {
				steps++
				tc.check(t, out)
			})
			if steps == 0 {
				t.Fatal("no step seen")
			}
			tc.check(t, out)
		})
	}
}

// mustExportWith runs export on the corpus at db with opts, calling atStep
// at each step.
func mustExportWith(t *testing.T, db string, opts exportOptions, atStep func(string)) {
	t.Helper()
	e := &env{stdout: os.Stdout, stderr: os.Stderr, atStep: atStep}
	e.global.DB = db
	if err := e.setup(); err != nil {
		t.Fatal(err)
	}
	if err := runExport(t.Context(), e, opts); err != nil {
		t.Fatal(err)
	}
}

// manifestAgrees fails t when a manifest beside out does not describe out.
func manifestAgrees(t *testing.T, out string) {
	t.Helper()
	m, err := corpus.ReadManifest(corpus.ManifestPath(out))
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := corpus.VerifyExport(out, m); err != nil {
		t.Errorf("the manifest beside %s does not describe it: %v", filepath.Base(out), err)
	}
}

// cdxAgrees fails t when the CDX index beside the (uncompressed) WARC
// file out does not describe it: each line's offset and length must hold
// a record of that line's URL.
func cdxAgrees(t *testing.T, out string) {
	t.Helper()
	cdx, err := os.ReadFile(out + ".cdxj")
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("a CDX index without its WARC file: %v", err)
	}
	for _, line := range bytes.Split(bytes.TrimSpace(cdx), []byte("\n")) {
		var rec struct{ Offset, Length, URL string }
		if err := json.Unmarshal(line[bytes.IndexByte(line, '{'):], &rec); err != nil {
			t.Fatalf("cdx line %q: %v", line, err)
		}
		off, _ := strconv.ParseInt(rec.Offset, 10, 64)
		n, _ := strconv.ParseInt(rec.Length, 10, 64)
		if off+n > int64(len(data)) || !bytes.HasPrefix(data[off:], []byte("WARC/")) ||
			!bytes.Contains(data[off:off+n], []byte("WARC-Target-URI: "+rec.URL+"\r\n")) {
			t.Errorf("the CDX index beside %s does not describe it: no record of %s at %d+%d (the file has %d bytes)",
				filepath.Base(out), rec.URL, off, n, len(data))
			return
		}
	}
}
