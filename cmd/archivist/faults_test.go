package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// archive is a corpus and its index in one folder, made by mustArchive.
type archive struct {
	dir, db, index string
	captures       []int64 // capture ids, one per article
}

// mustArchive writes a corpus of n articles straight through the corpus
// package (each from a capture with a short body, stored as is so that a
// test can find its bytes in the file), indexes it with `archivist index`
// and returns the paths. Article i's text holds "ARTICLE-MARKER-%03d" and
// its body "BODY-MARKER-%03d"; every article mentions "climate".
func mustArchive(t testing.TB, n int) archive {
	t.Helper()
	dir := t.TempDir()
	a := archive{dir: dir, db: filepath.Join(dir, "archive.db"), index: filepath.Join(dir, "archive.bleve")}
	mustAddArticles(t, a.db, 0, n, &a)
	mustRun(t, "index", "--db", a.db)
	return a
}

// mustAddArticles adds articles from..to-1 to the corpus at path.
func mustAddArticles(t testing.TB, path string, from, to int, a *archive) {
	t.Helper()
	ctx := context.Background()
	db, err := corpus.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := from; i < to; i++ {
		u := fmt.Sprintf("https://news.example/%03d", i)
		err := db.Update(ctx, func(tx *corpus.Tx) error {
			c := &corpus.Capture{URL: u, RequestedURL: u, Status: 200, Body: []byte(fmt.Sprintf("BODY-MARKER-%03d", i))}
			id, err := tx.AddCapture(ctx, c)
			if err != nil {
				return err
			}
			if a != nil {
				a.captures = append(a.captures, id)
			}
			text := fmt.Sprintf("Story %d about the climate summit. ARTICLE-MARKER-%03d. %s", i, i,
				strings.Repeat("Delegates talked for hours. ", 30))
			_, err = tx.PutArticle(ctx, &corpus.Article{URL: u, Title: fmt.Sprintf("Climate story %d", i),
				Text: text, Site: "news.example", CaptureID: id, ContentSHA256: c.SHA256}, u)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// filesOf is every file under root with its mode, size and modification
// time: what a command that only reads must leave as it was.
func filesOf(t testing.TB, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !d.IsDir() {
			out[p] = fmt.Sprintf("%s %d %s", info.Mode(), info.Size(), info.ModTime().Format(time.RFC3339Nano))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sqliteSideFiles removes from files the -wal and -shm files SQLite keeps
// beside a database while it is open: a reader in a writable folder
// creates them (that is how readers share the file with a crawl), empty,
// and cannot remove them.
func sqliteSideFiles(files map[string]string) map[string]string {
	out := maps.Clone(files)
	for p, v := range files {
		if strings.HasSuffix(p, ".db-shm") || (strings.HasSuffix(p, ".db-wal") && strings.Contains(v, " 0 ")) {
			delete(out, p)
		}
	}
	return out
}

func TestReadsNeverWrite(t *testing.T) {
	a := mustArchive(t, 12)
	before := filesOf(t, a.dir)
	time.Sleep(20 * time.Millisecond) // a rewrite would show in the mtime
	for _, args := range [][]string{
		{"search", "--db", a.db, "climate"},
		{"search", "--db", a.db, "--json", "--facets", "climate"},
		{"export", "--db", a.db},
		{"export", "--db", a.db, "--query", "climate", "--format", "csv"},
		{"stats", "--db", a.db},
		{"verify", "--db", a.db},
	} {
		if code, _, errOut := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
	}
	after := sqliteSideFiles(filesOf(t, a.dir))
	if !maps.Equal(before, after) {
		t.Errorf("files changed:\nbefore %v\nafter  %v", before, after)
	}
}

// TestSearchWithoutRootBolt removes the index's root.bolt: search must
// fail with one line that names the file and the remedy, and leave every
// file as it was (it used to delete every segment file of the index).
func TestSearchWithoutRootBolt(t *testing.T) {
	a := mustArchive(t, 12)
	if err := os.Remove(filepath.Join(a.index, "store", "root.bolt")); err != nil {
		t.Fatal(err)
	}
	before := filesOf(t, a.dir)
	for _, args := range [][]string{
		{"search", "--db", a.db, "climate"},
		{"export", "--db", a.db, "--query", "climate"},
	} {
		code, out, errOut := runCLI(t, args...)
		if code != 1 || out != "" {
			t.Errorf("%v: exit %d, stdout %q; want exit 1 and no output", args, code, out)
		}
		if strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, filepath.Join(a.index, "store", "root.bolt")) ||
			!strings.Contains(errOut, "is missing") || !strings.Contains(errOut, "'archivist index --rebuild'") {
			t.Errorf("%v: stderr %q; want one line naming root.bolt and 'archivist index --rebuild'", args, errOut)
		}
	}
	if after := sqliteSideFiles(filesOf(t, a.dir)); !maps.Equal(before, after) {
		t.Errorf("files changed:\nbefore %v\nafter  %v", before, after)
	}
	// index --rebuild repairs it.
	mustRun(t, "index", "--db", a.db, "--rebuild")
	if code, out, _ := runCLI(t, "search", "--db", a.db, "climate"); code != 0 || !strings.Contains(out, "12 hits") {
		t.Errorf("search after rebuild: exit %d, %q", code, out)
	}
}

func TestIndexBehind(t *testing.T) {
	a := mustArchive(t, 10)
	mustAddArticles(t, a.db, 10, 13, nil)
	const warning = "archivist: index is 3 articles behind the corpus; run 'archivist index'\n"

	code, out, errOut := runCLI(t, "search", "--db", a.db, "climate")
	if code != 0 || errOut != warning || !strings.Contains(out, "10 hits") {
		t.Errorf("search: exit %d, stdout %q, stderr %q; want the 10 hits and the warning", code, out, errOut)
	}
	var res struct {
		Total       uint64 `json:"total"`
		IndexBehind *int64 `json:"index_behind"`
	}
	code, out, _ = runCLI(t, "search", "--db", a.db, "--json", "climate")
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 || res.IndexBehind == nil || *res.IndexBehind != 3 {
		t.Errorf("search --json: exit %d, %q; want index_behind 3", code, out)
	}

	outFile := filepath.Join(a.dir, "out.jsonl")
	code, out, errOut = runCLI(t, "export", "--db", a.db, "--query", "climate", "--out", outFile)
	if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 ||
		!strings.Contains(errOut, "index is 3 articles behind the corpus; run 'archivist index'") ||
		!strings.Contains(errOut, "--allow-partial") {
		t.Errorf("export --query: exit %d, stdout %q, stderr %q; want a one-line refusal", code, out, errOut)
	}
	if _, err := os.Stat(outFile); err == nil {
		t.Error("export --query wrote a partial file")
	}
	code, out, errOut = runCLI(t, "export", "--db", a.db, "--query", "climate", "--allow-partial")
	if code != 0 || strings.Count(out, "\n") != 10 || !strings.Contains(errOut, warning) {
		t.Errorf("export --allow-partial: exit %d, %d lines, stderr %q", code, strings.Count(out, "\n"), errOut)
	}
	// verify reports it too.
	if code, out, _ := runCLI(t, "verify", "--db", a.db); code != 1 || !strings.Contains(out, "3 articles behind") {
		t.Errorf("verify on a lagging index: exit %d, %q", code, out)
	}

	mustRun(t, "index", "--db", a.db)
	code, out, errOut = runCLI(t, "search", "--db", a.db, "--json", "climate")
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 || errOut != "" ||
		res.IndexBehind == nil || *res.IndexBehind != 0 || res.Total != 13 {
		t.Errorf("search after index: exit %d, stderr %q, %q; want 13 hits, index_behind 0", code, errOut, out)
	}
}

// TestIndexFromAnotherCorpus searches an index built from another corpus:
// refused by the corpus id it records (a usage error), and, for an index
// made before the id was recorded, by its having seen more changes than
// the corpus has.
func TestIndexFromAnotherCorpus(t *testing.T) {
	a := mustArchive(t, 5)
	other := mustArchive(t, 2)
	code, _, errOut := runCLI(t, "search", "--db", other.db, "--index", a.index, "climate")
	if code != 2 || !strings.Contains(errOut, "was built from another corpus") || !strings.Contains(errOut, "--rebuild") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// TestIndexAheadOfRestoredCorpus: a corpus restored from an older copy
// (the same corpus id) beside an index that has seen its later articles:
// search says the index does not match the corpus (its change sequence is
// ahead), exit 1, and names the rebuild.
func TestIndexAheadOfRestoredCorpus(t *testing.T) {
	a := mustArchive(t, 3)
	old := filepath.Join(t.TempDir(), "old.db")
	data, err := os.ReadFile(a.db)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, data, 0o644); err != nil {
		t.Fatal(err)
	}
	mustAddArticles(t, a.db, 3, 6, &a)
	mustRun(t, "index", "--db", a.db)
	code, _, errOut := runCLI(t, "search", "--db", old, "--index", a.index, "climate")
	if code != 1 || !strings.Contains(errOut, "does not match the corpus") || !strings.Contains(errOut, "--rebuild") {
		t.Errorf("search of an older copy of the corpus: exit %d, stderr %q; want 1 and the mismatch", code, errOut)
	}
}

func TestVerify(t *testing.T) {
	a := mustArchive(t, 30)
	code, out, errOut := runCLI(t, "verify", "--db", a.db)
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, "ok") || errOut != "" {
		t.Fatalf("verify a sound archive: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	corpus.MustFlipBytes(t, a.db, "BODY-MARKER-007")
	code, out, errOut = runCLI(t, "verify", "--db", a.db)
	want := fmt.Sprintf("capture %d https://news.example/007: body SHA-256 is ", a.captures[7])
	if code != 1 || !strings.HasPrefix(out, want) || strings.Count(out, "\n") != 1 ||
		!strings.Contains(errOut, "1 problem found") {
		t.Errorf("verify a flipped body: exit %d, stdout %q, stderr %q; want %q", code, out, errOut, want)
	}
	var rep verifyReport
	code, out, _ = runCLI(t, "verify", "--db", a.db, "--json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 || rep.OK || len(rep.Damage) != 1 ||
		rep.Damage[0].CaptureID != a.captures[7] || !rep.Index.Checked || rep.Index.Articles != 30 ||
		rep.BodiesChecked != 30 || rep.ArticlesChecked != 30 {
		t.Errorf("verify --json: exit %d, %s", code, out)
	}

	// An article whose recorded content digest differs from its
	// capture's is reported with both ids.
	db, err := corpus.Open(context.Background(), a.db)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(context.Background(), func(tx *corpus.Tx) error {
		u := "https://news.example/002"
		_, err := tx.PutArticle(context.Background(), &corpus.Article{URL: u, CaptureID: a.captures[2],
			ContentSHA256: strings.Repeat("0", 64)}, u)
		return err
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, "verify", "--db", a.db)
	if code != 1 || !strings.Contains(out, fmt.Sprintf("article 3 (capture %d) https://news.example/002: article content SHA-256 0000", a.captures[2])) {
		t.Errorf("verify a changed article digest: exit %d, %q", code, out)
	}
}

// TestDamagedCorpus breaks a page of the articles table: verify reports
// it, export fails instead of writing what it can read, and crawl refuses
// to write into the file.
func TestDamagedCorpus(t *testing.T) {
	a := mustArchive(t, 30)
	corpus.MustDamagePage(t, a.db, "ARTICLE-MARKER-015")

	code, out, _ := runCLI(t, "verify", "--db", a.db)
	if code != 1 || !strings.Contains(out, "integrity check") {
		t.Errorf("verify: exit %d, %q", code, out)
	}
	code, _, errOut := runCLI(t, "export", "--db", a.db, "--out", filepath.Join(a.dir, "all.jsonl"))
	if code != 1 || !strings.Contains(errOut, "malformed") || !strings.Contains(errOut, ".recover") {
		t.Errorf("export: exit %d, stderr %q; want exit 1 with the way to recover", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(a.dir, "all.jsonl")); err == nil {
		t.Error("export of a damaged corpus wrote a file")
	}

	before := filesOf(t, a.dir)[a.db]
	code, out, errOut = runCLI(t, "crawl", "--db", a.db, "-q", "http://127.0.0.1:1/")
	if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "fails SQLite's quick check") ||
		!strings.Contains(errOut, "will not write to it") ||
		!strings.Contains(errOut, `sqlite3 `+a.db+` ".recover" | sqlite3 fixed.db`) {
		t.Errorf("crawl: exit %d, stdout %q, stderr %q; want a one-line refusal with the way to recover", code, out, errOut)
	}
	if after := filesOf(t, a.dir)[a.db]; after != before {
		t.Errorf("crawl changed the damaged database: %s -> %s", before, after)
	}
	if _, err := os.Stat(corpus.QuickCheckFile(a.db)); err == nil {
		t.Error("a failed quick check was remembered as a pass")
	}
}

// TestCrawlRemembersQuickCheck checks that a crawl's quick check is
// recorded beside the database.
func TestCrawlRemembersQuickCheck(t *testing.T) {
	a := mustArchive(t, 3)
	runCLI(t, "crawl", "--db", a.db, "-q", "--no-index", "--retries", "0", "--timeout", "1s", "http://127.0.0.1:1/")
	if _, err := os.Stat(corpus.QuickCheckFile(a.db)); err != nil {
		t.Errorf("no quick check record: %v", err)
	}
}

// tempDirFor returns a new temporary folder that other users can enter
// (t.TempDir's folders are private to their owner).
func tempDirFor(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// unprivileged returns a command that runs archivist with args as the
// user nobody (uid and gid 65534) when the test runs as root, so that
// file permissions apply; as the current user otherwise.
func unprivileged(t testing.TB, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary's folder is private: run a copy that nobody can read.
	bin := filepath.Join(tempDirFor(t), "archivist.test")
	src, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "ARCHIVIST_TEST_MAIN=1")
	cmd.Dir = filepath.Dir(bin)
	if os.Getuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	return cmd
}

// runUnprivileged runs archivist as an unprivileged user and returns its
// exit code and output.
func runUnprivileged(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	cmd := unprivileged(t, args...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errOut.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errOut.String()
}

// mustArchiveFor is mustArchive in a folder other users can enter.
func mustArchiveFor(t testing.TB, n int) archive {
	t.Helper()
	a := mustArchive(t, n)
	moved := archive{dir: filepath.Join(tempDirFor(t), "a"), captures: a.captures}
	if err := os.Rename(a.dir, moved.dir); err != nil {
		t.Fatal(err)
	}
	moved.db, moved.index = filepath.Join(moved.dir, "archive.db"), filepath.Join(moved.dir, "archive.bleve")
	return moved
}

// chmodAll sets the mode of every file (and folder) under root, and
// makes them writable again when the test ends.
func chmodAll(t testing.TB, root string, file, dir fs.FileMode) {
	t.Helper()
	if err := setModes(root, file, dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { setModes(root, 0o644, 0o755) })
}

func setModes(root string, file, dir fs.FileMode) error {
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		return os.Chmod(p, file)
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		err = errors.Join(err, os.Chmod(dirs[i], dir))
	}
	return err
}

func TestReadOnlyFolder(t *testing.T) {
	a := mustArchiveFor(t, 12)
	chmodAll(t, a.dir, 0o444, 0o555)
	before := filesOf(t, a.dir)
	for _, args := range [][]string{
		{"search", "--db", a.db, "climate"},
		{"export", "--db", a.db, "--query", "climate"},
		{"stats", "--db", a.db},
		{"verify", "--db", a.db},
	} {
		code, out, errOut := runUnprivileged(t, args...)
		if code != 0 || out == "" || strings.Contains(errOut, "archivist:") || strings.Contains(errOut, "level=ERROR") {
			t.Errorf("%v in a read-only folder: exit %d, stdout %.100q, stderr %q", args, code, out, errOut)
		}
	}
	if after := filesOf(t, a.dir); !maps.Equal(before, after) {
		t.Errorf("files changed:\nbefore %v\nafter  %v", before, after)
	}
	// crawl writes: it says which folder it cannot write, not that a file
	// is missing.
	for _, db := range []string{a.db, filepath.Join(a.dir, "new.db")} {
		code, _, errOut := runUnprivileged(t, "crawl", "--db", db, "-q", "--no-index", "http://127.0.0.1:1/")
		if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "permission denied") ||
			!strings.Contains(errOut, a.dir) || strings.Contains(errOut, "no such file") {
			t.Errorf("crawl --db %s in a read-only folder: exit %d, stderr %q", db, code, errOut)
		}
	}
}

func TestReadOnlyDatabaseFile(t *testing.T) {
	a := mustArchiveFor(t, 5)
	chmodAll(t, a.dir, 0o444, 0o777)
	code, out, errOut := runUnprivileged(t, "export", "--db", a.db)
	if code != 0 || strings.Count(out, "\n") != 5 || strings.Contains(errOut, "archivist:") {
		t.Errorf("export of a read-only file: exit %d, %d lines, stderr %q", code, strings.Count(out, "\n"), errOut)
	}
}

func TestUnreadableIndex(t *testing.T) {
	a := mustArchiveFor(t, 5)
	if err := os.Chmod(filepath.Join(a.index, "store"), 0o700); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runUnprivileged(t, "search", "--db", a.db, "climate")
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "permission denied") ||
		strings.Contains(errOut, "rebuild") {
		t.Errorf("search on an unreadable index: exit %d, stderr %q; want a permission error, not a rebuild", code, errOut)
	}
}

// TestMissingSegmentsAreOneLine removes the segment files of the index:
// search says in one line which file is missing and that the index needs a
// rebuild. bleve logs through the standard logger while it opens such an
// index ("unable to load snapshot, ... continuing"), and fell back to an
// older snapshot ("error parsing mapping JSON"); neither reaches the user.
func TestMissingSegmentsAreOneLine(t *testing.T) {
	a := mustArchive(t, 12)
	segments, err := filepath.Glob(filepath.Join(a.index, "store", "*.zap"))
	if err != nil || len(segments) == 0 {
		t.Fatalf("no segment files: %v", err)
	}
	for _, s := range segments {
		os.Remove(s)
	}
	code, _, errOut := runCLI(t, "search", "--db", a.db, "climate")
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "archivist: index: "+filepath.Join(a.index, "store")) ||
		!strings.Contains(errOut, ".zap is missing: index needs a rebuild: run 'archivist index --rebuild'") {
		t.Errorf("search with the segments missing: exit %d, stderr %q; want one line asking for a rebuild", code, errOut)
	}
	mustRun(t, "index", "--db", a.db, "--rebuild")
	if code, out, errOut := runCLI(t, "search", "--db", a.db, "climate"); code != 0 || errOut != "" || !strings.Contains(out, "12 hits") {
		t.Errorf("search after 'archivist index --rebuild': exit %d, stderr %q, %.100q", code, errOut, out)
	}
}

// TestStandardLogSilenced: bleve's scorch logs through the standard logger
// ("unable to load snapshot, continuing"); archivist sends it nowhere, so
// that no stray line comes before its own one-line errors.
func TestStandardLogSilenced(t *testing.T) {
	runCLI(t, "version")
	if log.Writer() != io.Discard {
		t.Errorf("the standard logger writes to %T, want io.Discard", log.Writer())
	}
}
