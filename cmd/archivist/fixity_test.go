package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestFlippedArticleRow flips bytes inside one article's stored text,
// leaving the SQLite file well-formed: verify names the article, and
// export (every format, to a file or standard output) stops with one line
// and writes no file. The sound corpus passes both first.
func TestFlippedArticleRow(t *testing.T) {
	a := mustArchive(t, 30)
	formats := []string{"jsonl", "csv"}
	for _, f := range formats {
		out := filepath.Join(a.dir, "sound."+f)
		if code, _, errOut := runCLI(t, "export", "--db", a.db, "--format", f, "--out", out); code != 0 || strings.Contains(errOut, "archivist:") {
			t.Fatalf("export %s of a sound corpus: exit %d, stderr %q", f, code, errOut)
		}
	}
	if code, out, _ := runCLI(t, "verify", "--db", a.db); code != 0 {
		t.Fatalf("verify a sound corpus: exit %d, %q", code, out)
	}

	corpus.MustFlipBytes(t, a.db, "ARTICLE-MARKER-015")
	before := sqliteSideFiles(filesOf(t, a.dir))

	code, out, errOut := runCLI(t, "verify", "--db", a.db)
	want := fmt.Sprintf("article 16 (capture %d) https://news.example/015: article row SHA-256 is ", a.captures[15])
	if code != 1 || !strings.HasPrefix(out, want) || strings.Count(out, "\n") != 1 ||
		!strings.Contains(out, "its stored values changed after they were written") ||
		!strings.Contains(errOut, "1 problem found") {
		t.Errorf("verify: exit %d, stdout %q, stderr %q; want %q", code, out, errOut, want)
	}
	var rep verifyReport
	code, out, _ = runCLI(t, "verify", "--db", a.db, "--json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 || len(rep.Integrity) != 0 ||
		len(rep.Damage) != 1 || rep.Damage[0].ArticleID != 16 || rep.Damage[0].CaptureID != a.captures[15] ||
		rep.ArticlesNoDigest != 0 {
		t.Errorf("verify --json: exit %d, %s (want the damage, and SQLite's integrity check passing)", code, out)
	}

	for _, f := range formats {
		outFile := filepath.Join(a.dir, "damaged."+f)
		code, out, errOut := runCLI(t, "export", "--db", a.db, "--format", f, "--out", outFile)
		if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 ||
			!strings.HasPrefix(errOut, "archivist: export: article 16 (capture ") ||
			!strings.Contains(errOut, "https://news.example/015: article row does not match its digest") ||
			!strings.Contains(errOut, "nothing was written to "+outFile) ||
			!strings.Contains(errOut, "'archivist verify'") || !strings.Contains(errOut, `"When things go wrong"`) {
			t.Errorf("export %s: exit %d, stdout %q, stderr %q", f, code, out, errOut)
		}
		code, _, errOut = runCLI(t, "export", "--db", a.db, "--format", f)
		if code != 1 || !strings.Contains(errOut, "standard output holds only the articles before it") {
			t.Errorf("export %s to stdout: exit %d, stderr %q", f, code, errOut)
		}
	}
	if after := sqliteSideFiles(filesOf(t, a.dir)); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("export of a damaged row left files:\nbefore %v\nafter  %v", before, after)
	}
	// Articles before and after the damaged one export alone.
	if code, _, errOut := runCLI(t, "export", "--db", a.db, "--query", "ARTICLE-MARKER-014"); code != 0 {
		t.Errorf("export of a sound article: exit %d, %q", code, errOut)
	}
}

// TestExportWithoutRowDigest exports rows that carry no digest (written
// outside archivist): exported, with a warning, and verify is ok.
func TestExportWithoutRowDigest(t *testing.T) {
	a := mustArchive(t, 3)
	mustSQL(t, a.db, "UPDATE articles SET row_sha256 = '' WHERE id = 2")
	code, out, errOut := runCLI(t, "export", "--db", a.db)
	if code != 0 || strings.Count(out, "\n") != 3 ||
		!strings.Contains(errOut, "1 article has no row digest (written outside archivist) and was exported unchecked") {
		t.Errorf("export: exit %d, %d lines, stderr %q", code, strings.Count(out, "\n"), errOut)
	}
	code, out, _ = runCLI(t, "verify", "--db", a.db)
	if code != 0 || !strings.Contains(out, "3 articles match their digests (1 of them has no row digest to check") {
		t.Errorf("verify: exit %d, %q", code, out)
	}
}

// mustSQL runs q on the closed corpus at path, as a user with the sqlite3
// shell would.
func mustSQL(t testing.TB, path, q string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path) // the driver corpus registers
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(t.Context(), q); err != nil {
		t.Fatal(err)
	}
}

// TestExportOutFile checks that --out creates the file with the
// permissions of a new file (0666 less the umask), and that a folder as
// --out is a usage error naming it.
func TestExportOutFile(t *testing.T) {
	db := mustArchive(t, 2).db
	dir := t.TempDir()
	out := filepath.Join(dir, "corpus.jsonl")
	mustRun(t, "export", "--db", db, "--out", out)
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	umask := syscall.Umask(0)
	syscall.Umask(umask)
	if want := os.FileMode(0o666 &^ umask); st.Mode().Perm() != want {
		t.Errorf("--out mode %v, want %v", st.Mode().Perm(), want)
	}
	code, _, errOut := runCLI(t, "export", "--db", db, "--out", dir)
	if code != 2 || !strings.Contains(errOut, dir) || strings.Contains(errOut, ".tmp") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("--out FOLDER: exit %d, stderr %q", code, errOut)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
