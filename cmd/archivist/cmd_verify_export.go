package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/quote"
)

// verifyExportOptions are the flags of `archivist verify-export`.
type verifyExportOptions struct {
	// Manifest is the manifest to check against; FILE.manifest.json when
	// empty.
	Manifest string
}

// AddFlags registers the verify-export flags on fs.
func (o *verifyExportOptions) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Manifest, "manifest", "", "check against this manifest `file` (default FILE.manifest.json)")
}

func verifyExportCommand() *command {
	c := &command{
		name:    "verify-export",
		summary: "check an export file against its manifest",
		usage: `Usage: archivist verify-export [--manifest M] FILE

Checks FILE against FILE.manifest.json (or --manifest M), written beside
it by 'archivist export --out FILE': its SHA-256, size and number of rows.
Prints one line: "ok" with the article count, or what differs (exit 1).

Examples:
  archivist verify-export corpus.parquet
  archivist verify-export --manifest published/corpus.parquet.manifest.json corpus.parquet`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts verifyExportOptions
		rest, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		if len(rest) != 1 {
			return usagef("verify-export: want one FILE, got %d arguments (see 'archivist help verify-export')", len(rest))
		}
		return runVerifyExport(ctx, e, opts, rest[0])
	}
	return c
}

func runVerifyExport(ctx context.Context, e *env, opts verifyExportOptions, path string) error {
	if st, err := os.Stat(path); err != nil {
		return usagef("verify-export: no file %s", quote.Short(path))
	} else if st.IsDir() {
		return usagef("verify-export: %s is a folder; name an export file", quote.Short(path))
	}
	mpath := opts.Manifest
	if mpath == "" {
		mpath = corpus.ManifestPath(path)
	} else if st, err := os.Stat(mpath); err == nil && st.IsDir() {
		return usagef("verify-export: --manifest %s is a folder; name a manifest file", quote.Short(mpath))
	}
	m, err := corpus.ReadManifest(mpath)
	if errors.Is(err, fs.ErrNotExist) && opts.Manifest != "" {
		return usagef("verify-export: no manifest %s", quote.Short(opts.Manifest))
	}
	if errors.Is(err, fs.ErrNotExist) && isWARCFile(path) {
		return usagef("verify-export: %s is a WARC file, and a WARC export has no manifest (each record carries its own digests); verify-export checks JSONL, CSV and Parquet exports",
			quote.Short(path))
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("verify-export: %s has no manifest: no %s beside it (only 'export --out FILE' writes one; or pass --manifest)",
			path, mpath)
	}
	if err != nil {
		return fmt.Errorf("verify-export: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := corpus.VerifyExport(path, m); err != nil {
		return fmt.Errorf("verify-export: %s: %w", path, err)
	}
	fmt.Fprintf(e.stdout, "%s: ok: %d articles, %s, sha256 %s (corpus %s, exported %s)\n", path, m.Articles,
		m.Format, m.SHA256, m.CorpusID, m.ExportedAt.Format("2006-01-02 15:04:05Z07:00"))
	return nil
}

// isWARCFile says whether the file at path begins as a WARC file does
// ("WARC/"), plain or gzip-compressed, as `export --format warc` writes
// them.
func isWARCFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var r io.Reader = br
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return false
		}
		defer zr.Close()
		r = zr
	}
	head := make([]byte, len("WARC/"))
	if _, err := io.ReadFull(r, head); err != nil {
		return false
	}
	return string(head) == "WARC/"
}
