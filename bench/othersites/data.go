package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Module versions whose evaluation sets are read, in place, from the Go
// module cache.
const (
	trafilaturaModule = "github.com/markusmobius/go-trafilatura@v1.12.2"
	htmldateModule    = "github.com/markusmobius/go-htmldate@v1.9.1"
)

// Set names a ground-truth set.
const (
	setTrafilatura = "trafilatura" // body snippets, title, date, authors
	setHtmldate    = "htmldate"    // publication dates
)

// page is one HTML file with its ground truth. Fields a set does not
// annotate are empty.
type page struct {
	Set     string   // setTrafilatura or setHtmldate
	URL     string   // the page's URL as given in the data file
	File    string   // file name as given in the data file
	Path    string   // where the file was read from
	HTML    []byte   // raw bytes, as stored
	With    []string // snippets the body must contain
	Without []string // snippets the body must not contain
	Title   string   // expected title ("" = not annotated)
	Date    string   // expected publication day, YYYY-MM-DD ("" = none)
	HasDate bool     // whether Date is ground truth (htmldate: "" means no date)
	Authors []string // expected authors (nil = not annotated)
}

// host returns the page's lower-case host without a leading "www.".
func (p *page) host() string { return siteHost(p.URL) }

// siteHost returns the lower-case host of rawURL without a leading
// "www.", or "" when rawURL does not parse.
func siteHost(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// moduleDir returns the directory of module (path@version) in the Go
// module cache.
func moduleDir(module string) (string, error) {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("module dir: go env GOMODCACHE: %w", err)
	}
	cache := strings.TrimSpace(string(out))
	path, version, _ := strings.Cut(module, "@")
	dir := filepath.Join(cache, escapeModulePath(path)+"@"+version)
	if _, err := os.Stat(dir); err != nil {
		return "", fmt.Errorf("module dir: %s not in the module cache (run go mod download %s in bench/): %w", module, module, err)
	}
	return dir, nil
}

// escapeModulePath applies the module cache's case encoding: an upper-case
// letter becomes "!" and its lower-case form.
func escapeModulePath(p string) string {
	var b strings.Builder
	for _, r := range p {
		if r >= 'A' && r <= 'Z' {
			b.WriteByte('!')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// loadTrafilaturaSet reads go-trafilatura's comparison data: the
// comparisonData map of scripts/comparison/data.go, with each file looked
// up in test-files/comparison then test-files/mock, as upstream's
// openDataFile does. Entries whose file is missing are counted in missing.
func loadTrafilaturaSet(dir string) (pages []*page, missing int, err error) {
	src := filepath.Join(dir, "scripts", "comparison", "data.go")
	lit, err := findVarLiteral(src, "comparisonData")
	if err != nil {
		return nil, 0, err
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, 0, fmt.Errorf("load %s: map element is %T, want key: value", src, elt)
		}
		key, err := evalString(kv.Key)
		if err != nil {
			return nil, 0, fmt.Errorf("load %s: key: %w", src, err)
		}
		fields, err := evalStruct(kv.Value)
		if err != nil {
			return nil, 0, fmt.Errorf("load %s: entry %s: %w", src, key, err)
		}
		p := &page{
			Set:     setTrafilatura,
			URL:     key,
			File:    fields.str("File"),
			With:    fields.list("With"),
			Without: fields.list("Without"),
			Title:   fields.str("Title"),
			Date:    fields.str("Date"),
			Authors: fields.list("Authors"),
		}
		p.HasDate = p.Date != ""
		if p.File == "" {
			missing++
			continue
		}
		if !readFirst(p, dir, "comparison", "mock") {
			missing++
			continue
		}
		pages = append(pages, p)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].URL < pages[j].URL })
	return pages, missing, nil
}

// loadHtmldateSet reads go-htmldate's comparison data: mediacloudData
// (scripts/comparison/data-mediacloud.go) and defaultComparisonData
// (data-default.go), each file looked up in test-files/mediacloud,
// comparison, then mock, as upstream's openFile does. An entry with an
// empty Date says that the page has no date.
func loadHtmldateSet(dir string) (pages []*page, missing int, err error) {
	for _, v := range []struct{ file, name string }{
		{"data-mediacloud.go", "mediacloudData"},
		{"data-default.go", "defaultComparisonData"},
	} {
		src := filepath.Join(dir, "scripts", "comparison", v.file)
		lit, err := findVarLiteral(src, v.name)
		if err != nil {
			return nil, 0, err
		}
		for _, elt := range lit.Elts {
			fields, err := evalStruct(elt)
			if err != nil {
				return nil, 0, fmt.Errorf("load %s: %w", src, err)
			}
			p := &page{
				Set:     setHtmldate,
				URL:     fields.str("URL"),
				File:    fields.str("File"),
				Date:    fields.str("Date"),
				HasDate: true,
			}
			if p.File == "" || !readFirst(p, dir, "mediacloud", "comparison", "mock") {
				missing++
				continue
			}
			pages = append(pages, p)
		}
	}
	return pages, missing, nil
}

// readFirst reads p.File from the first of dir/test-files/<sub> that has
// it, and reports whether one did.
func readFirst(p *page, dir string, subs ...string) bool {
	for _, sub := range subs {
		path := filepath.Join(dir, "test-files", sub, p.File)
		b, err := os.ReadFile(path)
		if err == nil {
			p.Path, p.HTML = path, b
			return true
		}
	}
	return false
}

// findVarLiteral parses a Go source file and returns the composite
// literal assigned to the package-level variable name.
func findVarLiteral(path, name string) (*ast.CompositeLit, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if n.Name != name || i >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[i].(*ast.CompositeLit)
				if !ok {
					return nil, fmt.Errorf("parse %s: %s is %T, want a composite literal", path, name, vs.Values[i])
				}
				return lit, nil
			}
		}
	}
	return nil, fmt.Errorf("parse %s: no variable %s", path, name)
}

// structFields holds the evaluated fields of a struct literal: a string
// or a []string each.
type structFields map[string]any

func (f structFields) str(name string) string {
	s, _ := f[name].(string)
	return s
}

func (f structFields) list(name string) []string {
	l, _ := f[name].([]string)
	return l
}

// errUnsupported is returned for expressions the evaluator does not
// handle (anything but string literals, their concatenation and string
// slices).
var errUnsupported = errors.New("unsupported expression")

// evalStruct evaluates a keyed struct literal whose fields are strings or
// string slices.
func evalStruct(e ast.Expr) (structFields, error) {
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil, fmt.Errorf("eval struct: %T: %w", e, errUnsupported)
	}
	fields := make(structFields)
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, fmt.Errorf("eval struct: unkeyed field: %w", errUnsupported)
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			return nil, fmt.Errorf("eval struct: field key %T: %w", kv.Key, errUnsupported)
		}
		if cl, ok := kv.Value.(*ast.CompositeLit); ok {
			var l []string
			for _, x := range cl.Elts {
				s, err := evalString(x)
				if err != nil {
					return nil, fmt.Errorf("eval struct: %s: %w", id.Name, err)
				}
				l = append(l, s)
			}
			fields[id.Name] = l
			continue
		}
		s, err := evalString(kv.Value)
		if err != nil {
			return nil, fmt.Errorf("eval struct: %s: %w", id.Name, err)
		}
		fields[id.Name] = s
	}
	return fields, nil
}

// evalString evaluates a string literal, a parenthesised one or a
// concatenation of them.
func evalString(e ast.Expr) (string, error) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", fmt.Errorf("eval string: literal %s: %w", x.Value, errUnsupported)
		}
		s, err := strconv.Unquote(x.Value)
		if err != nil {
			return "", fmt.Errorf("eval string: %w", err)
		}
		return s, nil
	case *ast.ParenExpr:
		return evalString(x.X)
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", fmt.Errorf("eval string: operator %s: %w", x.Op, errUnsupported)
		}
		a, err := evalString(x.X)
		if err != nil {
			return "", err
		}
		b, err := evalString(x.Y)
		if err != nil {
			return "", err
		}
		return a + b, nil
	}
	return "", fmt.Errorf("eval string: %T: %w", e, errUnsupported)
}

// benchHosts returns the hosts (lower case, without "www.") of the pages
// of shared/extraction-bench, read from its ground-truth.json.
func benchHosts(dir string) (map[string]bool, error) {
	path := filepath.Join(dir, "ground-truth.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("bench hosts: %w", err)
	}
	var gt map[string]struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		return nil, fmt.Errorf("bench hosts: %s: %w", path, err)
	}
	hosts := make(map[string]bool, len(gt))
	for _, e := range gt {
		if h := siteHost(e.URL); h != "" {
			hosts[h] = true
		}
	}
	return hosts, nil
}
