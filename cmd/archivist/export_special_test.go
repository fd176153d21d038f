package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestExportOutSpecialFiles: --out (or --cdx) naming a pipe or a device
// (/dev/null, /dev/stdout) is written to as it is, like the shell's >:
// export must not rename a file over it (as root, that replaced /dev/null
// with a regular file) nor write a manifest beside it. A symbolic link to
// a file is followed: the file it names gets the export.
func TestExportOutSpecialFiles(t *testing.T) {
	a := mustArchive(t, 2)
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string // FIFO stands for the pipe
		code int
		want string // in what the pipe received, or in stderr
	}{
		{"jsonl to a pipe", []string{"--out", "FIFO"}, 0, `"url":"https://news.example/000"`},
		{"csv to a pipe", []string{"--format", "csv", "--out", "FIFO"}, 0, "https://news.example/001"},
		{"cdx to a pipe", []string{"--format", "warc", "--all-captures", "--out", filepath.Join(dir, "x.warc"), "--cdx", "FIFO"}, 0, `"url":"https://news.example/000"`},
		{"warc to a pipe", []string{"--format", "warc", "--out", "FIFO"}, 2, "is not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), "pipe")
			if err := syscall.Mkfifo(fifo, 0o644); err != nil {
				t.Skip("no FIFO here:", err)
			}
			got := make(chan string, 1)
			go func() {
				f, err := os.OpenFile(fifo, os.O_RDWR, 0) // RDWR: does not wait for a writer
				if err != nil {
					got <- err.Error()
					return
				}
				defer f.Close()
				var b strings.Builder
				buf := make([]byte, 64<<10)
				for !strings.HasSuffix(b.String(), "\n") || !strings.Contains(b.String(), "news.example/001") {
					n, err := f.Read(buf)
					b.Write(buf[:n])
					if err != nil && err != io.EOF {
						break
					}
				}
				got <- b.String()
			}()
			args := []string{"export", "--db", a.db, "-q"}
			for _, s := range tt.args {
				args = append(args, strings.ReplaceAll(s, "FIFO", fifo))
			}
			code, _, errOut := runCLI(t, args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.code, errOut)
			}
			if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
				t.Fatalf("the pipe is no longer one: %v %v", st.Mode(), err)
			}
			if _, err := os.Stat(corpus.ManifestPath(fifo)); err == nil {
				t.Error("a manifest was written beside the pipe")
			}
			if tt.code != 0 {
				if !strings.Contains(errOut, tt.want) {
					t.Errorf("stderr %q lacks %q", errOut, tt.want)
				}
				return
			}
			if s := <-got; !strings.Contains(s, tt.want) {
				t.Errorf("the pipe got %.300q, want %q in it", s, tt.want)
			}
		})
	}
	t.Run("symbolic link", func(t *testing.T) {
		target := filepath.Join(dir, "real.jsonl")
		link := filepath.Join(dir, "link.jsonl")
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		mustRun(t, "export", "--db", a.db, "-q", "--out", link)
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the link was replaced: %v %v", st.Mode(), err)
		}
		if data, err := os.ReadFile(target); err != nil || strings.Count(string(data), "\n") != 2 {
			t.Errorf("the link's target holds %q (%v), want 2 articles", data, err)
		}
		mustRun(t, "verify-export", link)
	})
	t.Run("symbolic links, warc and cdx", func(t *testing.T) {
		links := map[string]string{} // link -> the file it names
		for _, name := range []string{"x.warc.gz", "x.cdxj"} {
			target, link := filepath.Join(dir, "real-"+name), filepath.Join(dir, "link-"+name)
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			links[link] = target
		}
		mustRun(t, "export", "--db", a.db, "-q", "--format", "warc", "--all-captures",
			"--out", filepath.Join(dir, "link-x.warc.gz"), "--cdx", filepath.Join(dir, "link-x.cdxj"))
		for link, target := range links {
			if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
				t.Errorf("%s was replaced: %v %v", link, st.Mode(), err)
			}
			if st, err := os.Stat(target); err != nil || st.Size() == 0 {
				t.Errorf("the link's target %s: %v, want the export in it", target, err)
			}
		}
	})
}

// TestImportFromAPipe: a WARC read from a pipe (/dev/stdin, <(zcat ...))
// is imported whole: the check that the file looks like a WARC must not
// eat its first bytes, which a pipe cannot give twice.
func TestImportFromAPipe(t *testing.T) {
	a := mustArchive(t, 2)
	dir := t.TempDir()
	for _, name := range []string{"x.warc", "x.warc.gz"} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, name)
			mustRun(t, "export", "--db", a.db, "--format", "warc", "--all-captures", "--out", file)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fifo := filepath.Join(t.TempDir(), "pipe")
			if err := syscall.Mkfifo(fifo, 0o644); err != nil {
				t.Skip("no FIFO here:", err)
			}
			go func() {
				f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
				if err != nil {
					return
				}
				f.Write(data)
				f.Close()
			}()
			db := filepath.Join(t.TempDir(), "b.db")
			code, out, errOut := runCLI(t, "import", "--db", db, "--no-index", "-q", fifo)
			if code != 0 || !strings.Contains(out, "5 records read") || !strings.Contains(out, " 0 corrupt") ||
				!strings.Contains(out, "warcinfo 1") {
				t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
			}
		})
	}
}

// TestExportRemovesStaleTemps: a killed export leaves its hidden
// temporary file beside the output; the next export to the same path
// removes those whose writer (the pid in the name) is gone, and leaves
// those of a live process and of other names alone.
func TestExportRemovesStaleTemps(t *testing.T) {
	a := mustArchive(t, 2)
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("cannot run true:", err)
	}
	gone := dead.Process.Pid
	tests := []struct {
		name string
		keep bool
	}{
		{fmt.Sprintf(".out.jsonl.%d-1234.tmp", gone), false},
		{fmt.Sprintf(".out.jsonl.%d-99.tmp", gone), false},
		{fmt.Sprintf(".out.jsonl.%d-5.tmp", os.Getpid()), true}, // a live writer
		{fmt.Sprintf(".other.jsonl.%d-7.tmp", gone), true},      // another output
		{".out.jsonl.tmp", true},
	}
	for _, tt := range tests {
		if err := os.WriteFile(filepath.Join(dir, tt.name), []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, "export", "--db", a.db, "-q", "--out", out)
	for _, tt := range tests {
		_, err := os.Stat(filepath.Join(dir, tt.name))
		if kept := err == nil; kept != tt.keep {
			t.Errorf("%s: kept %v, want %v", tt.name, kept, tt.keep)
		}
	}
}
