package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
	"github.com/archivist-project/archivist/scraper/scrapertest"
)

// crawlEnv returns an env for calling runCrawl directly on the corpus at
// db, with its output in the returned buffers.
func crawlEnv(t testing.TB, db string) (*env, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	e.global.DB = db
	if err := e.setup(); err != nil {
		t.Fatal(err)
	}
	return e, &out, &errOut
}

func quickCrawl() crawlOptions {
	return crawlOptions{Depth: 3, Parallel: 4, PerHost: 4, Timeout: 5 * time.Second, Retries: 1,
		MaxBody: 10 << 20, Quiet: true}
}

// failingIndex is an index whose updates fail as on a full disk.
type failingIndex struct{}

func (failingIndex) Update(ctx context.Context, src index.Source) (int, error) {
	return 0, fmt.Errorf("index: update: %w", &os.PathError{Op: "write", Path: "archive.bleve/store/000000000001.zap", Err: syscall.ENOSPC})
}

func (failingIndex) Close() error { return nil }

// TestCrawlIndexFailureExits1: a crawl whose index updates fail saves every
// page, then exits 1 saying how to catch up; `archivist index` does.
func TestCrawlIndexFailureExits1(t *testing.T) {
	srv := scrapertest.NewBenchServer(t, 40, scrapertest.BenchPage{Size: 8000, Text: 2000})
	db := filepath.Join(t.TempDir(), "archive.db")
	e, out, errOut := crawlEnv(t, db)
	e.indexOpener = func(string, ...index.Option) (indexUpdater, error) { return failingIndex{}, nil }
	e.indexEvery = 20 * time.Millisecond
	err := runCrawl(context.Background(), e, quickCrawl(), []string{srv.URL + "/"})
	var stderr bytes.Buffer
	if code := exitCode(e.explain(err), &stderr); code != 1 {
		t.Fatalf("exit %d (%v), want 1", code, err)
	}
	if msg := stderr.String(); strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "every page is saved") ||
		!strings.Contains(msg, "run 'archivist index' to catch up") {
		t.Errorf("message %q", msg)
	}
	if n := strings.Count(errOut.String(), "index update failed"); n > 1 {
		t.Errorf("the update failure was logged %d times:\n%s", n, errOut)
	}
	if !strings.Contains(out.String(), "crawl finished: ") {
		t.Errorf("summary %q", out)
	}
	code, _, warn := runCLI(t, "search", "--db", db, "climate")
	if code != 0 || !strings.Contains(warn, "40 articles behind the corpus") {
		t.Errorf("search after the crawl: exit %d, stderr %q; want the index 40 articles behind", code, warn)
	}
	mustRun(t, "index", "--db", db)
	if code, _, warn := runCLI(t, "search", "--db", db, "climate"); code != 0 || warn != "" {
		t.Errorf("search after 'archivist index': exit %d, stderr %q", code, warn)
	}
}

// damagePageInPlace breaks, in place, the header of the page that holds
// marker in the database file at path, while another connection may be
// using the file (it writes those 8 bytes only).
func damagePageInPlace(t testing.TB, path, marker string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	at := bytes.Index(data, []byte(marker))
	if at < 0 {
		return fmt.Errorf("marker %q not in %s", marker, path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteAt(bytes.Repeat([]byte{0xff}, 8), int64(at-at%4096))
	return err
}

// TestCrawlStopsOnCorruptionMidRun damages a page of the corpus after the
// crawl's quick check passed: when the index update reads that page and
// SQLite reports it malformed, the crawl stops writing at once and says
// how to recover.
func TestCrawlStopsOnCorruptionMidRun(t *testing.T) {
	a := mustArchive(t, 30)
	srv := scrapertest.NewBenchServer(t, 1000, scrapertest.BenchPage{Size: 8000, Text: 2000})
	e, out, errOut := crawlEnv(t, a.db)
	e.global.Index = filepath.Join(a.dir, "fresh.bleve") // indexes the whole corpus at its first update
	e.indexEvery = time.Second
	opts := quickCrawl()
	opts.PerHost, opts.Delay = 1, 10*time.Millisecond // 1000 pages: at least 10 seconds
	damaged := make(chan error, 1)
	go func() {
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
			if _, err := os.Stat(corpus.QuickCheckFile(a.db)); err == nil {
				damaged <- damagePageInPlace(t, a.db, "ARTICLE-MARKER-015")
				return
			}
		}
		damaged <- errors.New("the crawl did not run its quick check")
	}()
	start := time.Now()
	err := runCrawl(context.Background(), e, opts, []string{srv.URL + "/"})
	if derr := <-damaged; derr != nil {
		t.Fatal(derr)
	}
	if !errors.Is(err, corpus.ErrCorrupt) {
		t.Fatalf("crawl: err = %v, want ErrCorrupt", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the crawl went on for %s after the damage", took)
	}
	var stderr bytes.Buffer
	exitCode(e.explain(err), &stderr)
	if !strings.Contains(stderr.String(), ".recover") {
		t.Errorf("message %q: want the way to recover", stderr.String())
	}
	if n := strings.Count(errOut.String(), "level=ERROR"); n != 1 {
		t.Errorf("%d ERROR lines, want 1:\n%s", n, errOut)
	}
	if !strings.Contains(out.String(), "crawl stopped by an error") {
		t.Errorf("summary %q", out)
	}
}

// mountTmpfs mounts a tmpfs of size at a new folder and returns it; it
// skips the test where mounting is not possible (not root, no
// CAP_SYS_ADMIN).
func mountTmpfs(t testing.TB, size string) string {
	t.Helper()
	if os.Getuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

func remount(t testing.TB, dir, opts string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,"+opts, dir).CombinedOutput(); err != nil {
		t.Fatalf("remount %s: %v: %s", opts, err, out)
	}
}

func TestReadOnlyFileSystem(t *testing.T) {
	mnt := mountTmpfs(t, "64m")
	db := filepath.Join(mnt, "archive.db")
	mustAddArticles(t, db, 0, 8, nil)
	mustRun(t, "index", "--db", db)
	remount(t, mnt, "ro")
	defer remount(t, mnt, "rw")
	for _, args := range [][]string{
		{"search", "--db", db, "climate"},
		{"export", "--db", db, "--query", "climate"},
		{"stats", "--db", db},
		{"verify", "--db", db},
	} {
		if code, out, errOut := runCLI(t, args...); code != 0 || out == "" || strings.Contains(errOut, "archivist:") {
			t.Errorf("%v on a read-only file system: exit %d, stderr %q", args, code, errOut)
		}
	}
	for _, path := range []string{db, filepath.Join(mnt, "new.db")} {
		code, _, errOut := runCLI(t, "crawl", "--db", path, "-q", "--no-index", "http://127.0.0.1:1/")
		if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "read-only file system") ||
			strings.Contains(errOut, "no such file") {
			t.Errorf("crawl --db %s on a read-only file system: exit %d, stderr %q", path, code, errOut)
		}
	}
}

// TestDiskFullCrawl fills the disk under the corpus mid-crawl: the crawl
// logs the error once, says it stopped and how to resume, and a resume
// after space is freed completes the corpus. With the index on the same
// disk, its last update fails too: the message says the index is behind.
func TestDiskFullCrawl(t *testing.T) {
	tests := []struct {
		name     string
		sameDisk bool // the index beside the corpus, on the full disk
	}{
		{"index on another disk", false},
		{"index on the same disk", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mnt := mountTmpfs(t, "1m")
			srv := scrapertest.NewBenchServer(t, 150, scrapertest.BenchPage{Size: 8000, Text: 3000})
			db := filepath.Join(mnt, "archive.db")
			ix := filepath.Join(t.TempDir(), "archive.bleve")
			if tt.sameDisk {
				ix = filepath.Join(mnt, "archive.bleve")
			}
			args := []string{"crawl", "--db", db, "--index", ix, "--delay", "0s", "--per-host", "4", srv.URL + "/"}
			code, out, errOut := runCLI(t, args...)
			if code != 1 {
				t.Fatalf("crawl on a full disk: exit %d\n%s\n%s", code, out, errOut)
			}
			if n := strings.Count(errOut, "level=ERROR"); n != 1 {
				t.Errorf("%d ERROR lines, want 1:\n%s", n, errOut)
			}
			last := errOut[strings.LastIndex(strings.TrimSuffix(errOut, "\n"), "\n")+1:]
			if !strings.Contains(last, "disk full") || !strings.Contains(last, "run the same command again") {
				t.Errorf("last line %q: want disk full and how to resume", last)
			}
			const behind = "run 'archivist index' once there is space"
			if said := strings.Contains(last, behind); said != tt.sameDisk {
				t.Errorf("last line %q: says %q: %v, want %v", last, behind, said, tt.sameDisk)
			}
			if !strings.Contains(out, "crawl stopped by an error") || strings.Contains(out, "crawl finished") {
				t.Errorf("summary %q", out)
			}
			remount(t, mnt, "size=64m")
			if code, out, errOut := runCLI(t, args...); code != 0 {
				t.Fatalf("resume after freeing space: exit %d\n%s\n%s", code, out, errOut)
			}
			got, _ := corpusSnapshot(t, db)
			if len(got) != 150 {
				t.Errorf("%d articles after the resume, want 150", len(got))
			}
		})
	}
}

// TestDiskFullUnderIndex fills the disk under the index mid-crawl: every
// page is still saved, the crawl exits 1 saying to run 'archivist index',
// and that catches up once there is space.
func TestDiskFullUnderIndex(t *testing.T) {
	mnt := mountTmpfs(t, "300k")
	srv := scrapertest.NewBenchServer(t, 150, scrapertest.BenchPage{Size: 8000, Text: 3000})
	db := filepath.Join(t.TempDir(), "archive.db")
	ix := filepath.Join(mnt, "archive.bleve")
	code, out, errOut := runCLI(t, "crawl", "--db", db, "--index", ix, "--delay", "0s", "--per-host", "4", srv.URL+"/")
	if code != 1 || !strings.Contains(errOut, "run 'archivist index' to catch up") {
		t.Fatalf("crawl with a full disk under the index: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	if got, _ := corpusSnapshot(t, db); len(got) != 150 {
		t.Errorf("%d articles saved, want 150", len(got))
	}
	remount(t, mnt, "size=64m")
	mustRun(t, "index", "--db", db, "--index", ix)
	if code, out, errOut := runCLI(t, "search", "--db", db, "--index", ix, "--json", "*"); code != 0 || errOut != "" ||
		!strings.Contains(out, `"total":150`) || !strings.Contains(out, `"index_behind":0`) {
		t.Errorf("search after catching up: exit %d, stderr %q, %.200s", code, errOut, out)
	}
}
