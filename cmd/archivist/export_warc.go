package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/quote"
	"github.com/archivist-project/archivist/warc"
)

// warcExportOptions are the flags of `export --format warc`.
type warcExportOptions struct {
	AllCaptures bool
	CDX         string
	WARCSize    byteSizeFlag
}

// AddFlags registers the WARC export flags on fs.
func (o *warcExportOptions) AddFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.AllCaptures, "all-captures", false, "with --format warc: every capture, not only those of the selected articles")
	fs.StringVar(&o.CDX, "cdx", "", "with --format warc: also write a CDXJ index of the records to `FILE`")
	o.WARCSize = warc.DefaultMaxSize
	fs.Var(&o.WARCSize, "warc-size", "with --format warc: start a new file once one holds `SIZE` (e.g. 500MB, 2GiB; a plain number is bytes)")
}

// checkFormatFlags refuses the flags that do nothing with the --format
// typed (a usage error, rather than an export that silently ignores them):
// the WARC flags without --format warc, and the record flags with it.
func checkFormatFlags(opts exportOptions) error {
	warcOnly := []string{"all-captures", "cdx", "warc-size"}
	if opts.Format == "warc" {
		for _, name := range []string{"fields", "all-versions"} {
			if _, ok := opts.given[name]; ok {
				return usagef("export: --%s does not go with --format warc (a WARC holds the captures, not article records)", name)
			}
		}
		return nil
	}
	for _, name := range warcOnly {
		if _, ok := opts.given[name]; ok {
			return usagef("export: --%s goes with --format warc", name)
		}
	}
	return nil
}

// runExportWARC writes the selected captures as WARC files: --out names
// the first, later ones (past --warc-size) get -00001... before the
// extension.
func runExportWARC(ctx context.Context, e *env, opts exportOptions) error {
	if err := checkWARCOut(opts); err != nil {
		return err
	}
	sel, err := newExportSelection(opts)
	if err != nil {
		return err
	}
	db, err := e.openReader(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	filter, err := sel.resolve(ctx, e, db, opts)
	if err != nil {
		return err
	}
	info, err := warcInfo(ctx, db)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	id, err := db.ID(ctx) // a corpus older than its id gets random record ids
	if err != nil && !errors.Is(err, corpus.ErrNotFound) {
		return fmt.Errorf("export: %w", err)
	}
	// A symbolic link is followed, as for the other formats: the file it
	// names gets the export (and the series beside it), the link stays.
	out, cdx := linkTarget(opts.Out), opts.CDX
	if cdx != "" {
		cdx = linkTarget(cdx)
	}
	w, err := warc.Create(out, warc.Options{MaxSize: int64(opts.WARCSize), Software: "archivist " + version,
		Info: info, CDX: opts.CDX != "", Namespace: id})
	if err != nil {
		return usagef("export: cannot write %s: %v", quote.Short(opts.Out), unwrapPath(err))
	}
	start := time.Now()
	if err := exportCaptures(ctx, db, filter, opts.AllCaptures, w.WriteCapture); err != nil {
		w.Abort()
		return fmt.Errorf("export: %w", err)
	}
	if err := placeWARC(e, w, cdx); err != nil {
		return err
	}
	reportWARC(e, w.Stats(), time.Since(start), opts.Out)
	return nil
}

// checkWARCOut refuses what a WARC export cannot write to: standard
// output, a size of 0, a folder, a device or a pipe.
func checkWARCOut(opts exportOptions) error {
	if opts.toStdout() {
		return usagef("export: --format warc needs --out FILE.warc.gz (WARC is not written to standard output)")
	}
	if opts.WARCSize <= 0 {
		return usagef("export: bad --warc-size %d: want a size in bytes above 0", opts.WARCSize)
	}
	if st, err := os.Stat(opts.Out); err == nil && st.IsDir() {
		return usagef("export: --out %s is a folder; name a file", quote.Short(opts.Out))
	} else if err == nil && !st.Mode().IsRegular() {
		return usagef("export: --out %s is not a regular file (a device or a pipe): a WARC export writes files; name one", quote.Short(opts.Out))
	}
	return nil
}

// reportWARC says on stderr what the export wrote, removed and left out.
func reportWARC(e *env, st warc.Stats, d time.Duration, out string) {
	fmt.Fprintf(e.stderr, "archivist: export: %d responses, %d revisits in %d WARC file(s) (%s, %.1f MB/s): %s\n",
		st.Responses, st.Revisits, len(st.Files), mb(st.Bytes), float64(st.Bytes)/1e6/max(d.Seconds(), 1e-9),
		strings.Join(st.Files, ", "))
	if len(st.Removed) > 0 {
		fmt.Fprintf(e.stderr, "archivist: export: removed %s, left from an earlier export to %s\n",
			strings.Join(st.Removed, ", "), out)
	}
	if st.Skipped > 0 {
		fmt.Fprintf(e.stderr, "archivist: export: %d %s without a response to write (failed fetches, bodies not kept) left out\n",
			st.Skipped, plural(int64(st.Skipped), "capture"))
	}
}

// exportCaptures calls write for each capture to export, in id order with
// --all-captures, else in the order of the selected articles.
func exportCaptures(ctx context.Context, db corpus.Reader, f corpus.ArticleFilter, all bool, write func(*corpus.Capture) error) error {
	if all {
		return db.ForEachCapture(ctx, corpus.CaptureFilter{WithBody: true}, write)
	}
	seen := map[int64]bool{}
	return db.Articles(ctx, f, func(a *corpus.Article) error {
		if seen[a.CaptureID] {
			return nil
		}
		seen[a.CaptureID] = true
		c, err := db.Capture(ctx, a.CaptureID)
		if errors.Is(err, corpus.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return write(c)
	})
}

// warcInfo returns the warcinfo fields that describe the corpus: where it
// is, and the settings of each crawl run.
func warcInfo(ctx context.Context, db corpus.Reader) ([][2]string, error) {
	info := [][2]string{{"description", "exported from the archivist corpus " + db.Location()}}
	settings, err := db.CrawlSettings(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range settings {
		info = append(info, [2]string{"archivist-crawl-settings", s})
	}
	return info, nil
}

// placeWARC gives the WARC files of w their names and writes the CDX index
// of their records to cdx, if set. The index is written beside cdx first;
// an index left at cdx by an earlier export is removed before the WARC
// files take their names, and the new one takes its name last, so that a
// kill at any step leaves no index beside files it does not describe.
func placeWARC(e *env, w *warc.Writer, cdx string) error {
	if stream, err := openStream(cdx); err != nil || stream != nil {
		if err == nil {
			err = w.WriteCDX(stream)
			if cerr := stream.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			w.Abort()
			return fmt.Errorf("export: write %s: %w", cdx, err)
		}
		cdx = "" // written
	}
	var tmp string
	if cdx != "" {
		var err error
		if tmp, err = writeCDX(w, cdx); err != nil {
			w.Abort()
			return err
		}
		defer os.Remove(tmp)
		if err := removeIfThere(cdx); err != nil {
			w.Abort()
			return fmt.Errorf("export: %w", err)
		}
		e.step("old cdx removed")
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	e.step("warc in place")
	if cdx == "" {
		return nil
	}
	if err := os.Rename(tmp, cdx); err != nil {
		return fmt.Errorf("export: the WARC files are written, but not their CDX index: %w", err)
	}
	return nil
}

// writeCDX writes the CDX index of w's records into a temporary file
// beside path, and returns its name.
func writeCDX(w *warc.Writer, path string) (string, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return "", usagef("export: --cdx %s is a folder; name a file", quote.Short(path))
	}
	f, err := tempBeside(path)
	if err != nil {
		return "", usagef("export: cannot write --cdx %s: %v", quote.Short(path), unwrapPath(err))
	}
	err = w.WriteCDX(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("export: write %s: %w", path, err)
	}
	return f.Name(), nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
