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
