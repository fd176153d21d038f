// Package evalsets reads the evaluation sets that ship inside Go modules
// (go-trafilatura's and go-htmldate's test-files), in place, from the Go
// module cache: the truth is parsed from upstream's Go data files with
// go/parser and their literals evaluated, so it is exactly upstream's.
package evalsets

import (
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
	TrafilaturaModule = "github.com/markusmobius/go-trafilatura@v1.12.2"
	HtmldateModule    = "github.com/markusmobius/go-htmldate@v1.9.1"
)

// Set names a ground-truth set.
const (
	SetTrafilatura = "trafilatura" // body snippets, title, date, authors
	SetHtmldate    = "htmldate"    // publication dates
)

// Page is one HTML file with its ground truth. Fields a set does not
// annotate are empty.
type Page struct {
	Set     string   // SetTrafilatura or SetHtmldate
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

// SiteHost returns the lower-case host of rawURL without a leading
// "www.", or "" when rawURL does not parse.
func SiteHost(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// ModuleDir returns the directory of module (path@version) in the Go
// module cache.
func ModuleDir(module string) (string, error) {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("module dir: go env GOMODCACHE: %w", err)
	}
	cache := strings.TrimSpace(string(out))
	path, version, _ := strings.Cut(module, "@")
	dir := filepath.Join(cache, EscapeModulePath(path)+"@"+version)
	if _, err := os.Stat(dir); err != nil {
		return "", fmt.Errorf("module dir: %s not in the module cache (run go mod download %s in bench/): %w", module, module, err)
	}
	return dir, nil
}

// EscapeModulePath applies the module cache's case encoding: an upper-case
// letter becomes "!" and its lower-case form.
func EscapeModulePath(p string) string {
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

// LoadTrafilatura reads go-trafilatura's comparison data: the
// comparisonData map of scripts/comparison/data.go, with each file looked
// up in test-files/comparison then test-files/mock, as upstream's
// openDataFile does. Entries whose file is missing are counted in missing.
func LoadTrafilatura(dir string) (pages []*Page, missing int, err error) {
	src := filepath.Join(dir, "scripts", "comparison", "data.go")
	lit, err := FindVarLiteral(src, "comparisonData")
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
		p := &Page{
			Set:     SetTrafilatura,
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

// LoadHtmldate reads go-htmldate's comparison data: mediacloudData
// (scripts/comparison/data-mediacloud.go) and defaultComparisonData
// (data-default.go), each file looked up in test-files/mediacloud,
// comparison, then mock, as upstream's openFile does. An entry with an
// empty Date says that the page has no date.
func LoadHtmldate(dir string) (pages []*Page, missing int, err error) {
	for _, v := range []struct{ file, name string }{
		{"data-mediacloud.go", "mediacloudData"},
		{"data-default.go", "defaultComparisonData"},
	} {
		src := filepath.Join(dir, "scripts", "comparison", v.file)
		lit, err := FindVarLiteral(src, v.name)
		if err != nil {
			return nil, 0, err
		}
		for _, elt := range lit.Elts {
			fields, err := evalStruct(elt)
			if err != nil {
				return nil, 0, fmt.Errorf("load %s: %w", src, err)
			}
			p := &Page{
				Set:     SetHtmldate,
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
func readFirst(p *Page, dir string, subs ...string) bool {
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

// FindVarLiteral parses a Go source file and returns the composite
// literal assigned to the package-level variable name.
func FindVarLiteral(path, name string) (*ast.CompositeLit, error) {
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

// ErrUnsupported is returned for expressions the evaluator does not
// handle (anything but string literals, their concatenation and string
// slices).
var ErrUnsupported = errors.New("unsupported expression")

// evalStruct evaluates a keyed struct literal whose fields are strings or
// string slices.
func evalStruct(e ast.Expr) (structFields, error) {
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil, fmt.Errorf("eval struct: %T: %w", e, ErrUnsupported)
	}
	fields := make(structFields)
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, fmt.Errorf("eval struct: unkeyed field: %w", ErrUnsupported)
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			return nil, fmt.Errorf("eval struct: field key %T: %w", kv.Key, ErrUnsupported)
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
			return "", fmt.Errorf("eval string: literal %s: %w", x.Value, ErrUnsupported)
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
			return "", fmt.Errorf("eval string: operator %s: %w", x.Op, ErrUnsupported)
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
	return "", fmt.Errorf("eval string: %T: %w", e, ErrUnsupported)
}
