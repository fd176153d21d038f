package evalsets

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mustWriteFile writes content to dir/rel, creating directories.
func mustWriteFile(tb testing.TB, dir, rel, content string) {
	tb.Helper()
	path := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

func TestFindVarLiteralErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, src, want string
	}{
		{"no such variable", "package main\nvar x = []int{1}\n", "no variable comparisonData"},
		{"not a literal", "package main\nvar comparisonData = f()\n", "want a composite literal"},
		{"syntax error", "package main\nvar comparisonData = {\n", "parse"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, string(rune('a'+i))+".go")
			mustWriteFile(t, dir, filepath.Base(path), tc.src)
			_, err := FindVarLiteral(path, "comparisonData")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestEvalUnsupported(t *testing.T) {
	dir := t.TempDir()
	mustWriteFile(t, dir, "scripts/comparison/data.go", "package main\nvar comparisonData = map[string]E{\n\t\"u\": {File: name},\n}\n")
	_, _, err := LoadTrafilatura(dir)
	if !errors.Is(err, ErrUnsupported) {
		t.Errorf("err = %v, want ErrUnsupported", err)
	}
	mustWriteFile(t, dir, "scripts/comparison/data.go", "package main\nvar comparisonData = map[string]E{\n\t\"u\": {File: \"a\" - \"b\"},\n}\n")
	_, _, err = LoadTrafilatura(dir)
	if !errors.Is(err, ErrUnsupported) {
		t.Errorf("err = %v, want ErrUnsupported", err)
	}
}

func TestEscapeModulePath(t *testing.T) {
	if got, want := EscapeModulePath("github.com/BurntSushi/toml"), "github.com/!burnt!sushi/toml"; got != want {
		t.Errorf("escapeModulePath = %q, want %q", got, want)
	}
}

func TestHtmldateDay(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2020-03-01", "2020-03-01"},
		{"", ""},
		{"nan", ""},
		{"NaN", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := htmldateDay(tc.in); got != tc.want {
				t.Errorf("htmldateDay(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLoadHtmldateNaN(t *testing.T) {
	dir := t.TempDir()
	mustWriteFile(t, dir, "scripts/comparison/data-mediacloud.go", "package main\nvar mediacloudData = []E{\n\t{URL: \"u\", File: \"a.html\", Date: \"nan\"},\n}\n")
	mustWriteFile(t, dir, "scripts/comparison/data-default.go", "package main\nvar defaultComparisonData = []E{\n\t{URL: \"v\", File: \"b.html\", Date: \"2020-01-02\"},\n}\n")
	mustWriteFile(t, dir, "test-files/mediacloud/a.html", "<p>a</p>")
	mustWriteFile(t, dir, "test-files/comparison/b.html", "<p>b</p>")
	pages, missing, err := LoadHtmldate(dir)
	if err != nil || missing != 0 || len(pages) != 2 {
		t.Fatalf("LoadHtmldate = %d pages, %d missing, %v", len(pages), missing, err)
	}
	if p := pages[0]; p.Date != "" || !p.HasDate {
		t.Errorf("nan entry: Date %q, HasDate %v; want no date expected", p.Date, p.HasDate)
	}
	if p := pages[1]; p.Date != "2020-01-02" {
		t.Errorf("dated entry: Date %q", p.Date)
	}
}
