package extract

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// sameTreeSansStyle reports whether body and withoutStyleText(body) parse to
// the same tree once the text of every <style> is taken out of both, with
// scripting on (Extract's parse) and off (its <noscript> reparse), and
// returns the two renderings that differ.
func sameTreeSansStyle(t testing.TB, body []byte) (ok bool, want, got string) {
	t.Helper()
	dropped, err := io.ReadAll(withoutStyleText(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(dropped) == len(body) {
		return true, "", "" // nothing dropped
	}
	for _, scripting := range []bool{true, false} {
		if !scripting && !bytes.Contains(bytes.ToLower(body), []byte("<noscript")) {
			break
		}
		want, got = renderSansStyle(t, body, scripting), renderSansStyle(t, dropped, scripting)
		if want != got {
			return false, want, got
		}
	}
	return true, "", ""
}

func renderSansStyle(t testing.TB, body []byte, scripting bool) string {
	root, err := html.ParseWithOptions(bytes.NewReader(body), html.ParseOptionEnableScripting(scripting))
	if err != nil {
		t.Fatal(err)
	}
	var drop func(n *html.Node)
	drop = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.TextNode && n.Type == html.ElementNode && n.DataAtom == atom.Style {
				n.RemoveChild(c)
			} else {
				drop(c)
			}
			c = next
		}
	}
	drop(root)
	var b strings.Builder
	if err := html.Render(&b, root); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestWithoutStyleText checks the scan on markup that trips tokenizers:
// each case must parse as the page does, style text aside.
func TestWithoutStyleText(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		dropped  bool
	}{
		{"plain", `<head><style>p{color:red}</style></head><p>x`, true},
		{"upper case", `<STYLE type="text/css">p{}</STYLE ><p>x`, true},
		{"attribute with style tag", `<div title="<style>">a{}</style><p>x</p>`, false},
		{"unquoted attribute", `<div title=<style>a{}</style><p>x</p>`, false},
		{"comment", `<!-- <style> --> a{}</style><p>x`, false},
		{"short comment", `<!--><style>a{}</style><p>x`, true},
		{"bang comment", `<!-- x --!><style>a{}</style><p>x`, true},
		{"script", `<script>var s = "<style>a{}</style>";</script><p>x`, false},
		{"escaped script", `<script><!-- <script> </script> <style>a{}</style> --></script><p>x`, false},
		{"textarea", `<textarea><style>a{}</style></textarea><p>x`, false},
		{"title", `<title><style>a{}</style></title><p>x`, false},
		{"svg style", `<svg><style>.a{fill:red}</style><rect/></svg><p>x`, true},
		{"svg style with cdata", `<svg><style><![CDATA[.a{}]]></style></svg><p>x`, false},
		{"style with lt", `<style>a::after{content:"<"}</style><p>x`, false},
		{"no end tag", `<p>x</p><style>a{}`, true},
		{"end tag look-alike", `<style>a{}</styles></style><p>x`, false},
		{"noscript", `<noscript><style>a{}</style><p>y</p></noscript><p>x`, false},
		{"select", `<select><style>a{}</style><option>o</select><p>x`, true},
		{"self-closing", `<style/>a{}</style><p>x`, false},
		{"self-closing in svg", `<svg width=0>0<style/>00`, false},
		{"plaintext", `<plaintext><style>a{}</style>`, false},
		{"bogus comment", `<!x <style>a{}</style><p>x`, false},
		{"lt text", `a < b <style>a{}</style><p>x`, true},
		{"end tag attribute", `</p title="<style>"><style>a{}</style><p>x`, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := io.ReadAll(withoutStyleText([]byte(tt.in)))
			if err != nil {
				t.Fatal(err)
			}
			if dropped := len(out) < len(tt.in); dropped != tt.dropped {
				t.Errorf("dropped = %v, want %v: %q", dropped, tt.dropped, out)
			}
			if ok, want, got := sameTreeSansStyle(t, []byte(tt.in)); !ok {
				t.Errorf("tree changed:\nwant %s\ngot  %s", want, got)
			}
		})
	}
}

// TestWithoutStyleTextPages checks the same on every page under testdata and,
// when present, the shared news pages (-style-pages adds page-types').
func TestWithoutStyleTextPages(t *testing.T) {
	dirs := []string{"testdata", filepath.Join(benchDir, "html")}
	if *stylePages {
		dirs = append(dirs, "../../../shared/page-types/html")
	}
	pages := 0
	for _, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			t.Logf("%s not read: %v", dir, err)
			continue
		}
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.Contains(d.Name(), ".htm") {
				return err
			}
			body := readPageFile(t, path)
			if ok, want, got := sameTreeSansStyle(t, body); !ok {
				t.Errorf("%s: tree changed:\n%s", path, firstDiff(want, got))
			}
			pages++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d pages", pages)
}

var stylePages = flag.Bool("style-pages", false, "TestWithoutStyleTextPages also reads shared/page-types")

func readPageFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".gz") {
		r, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if b, err = io.ReadAll(r); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// firstDiff shows where two renderings part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "want …" + a[from:min(len(a), i+80)] + "\ngot  …" + b[from:min(len(b), i+80)]
}

func FuzzWithoutStyleText(f *testing.F) {
	for _, s := range []string{
		`<style>a{}</style><p>x`, `<div title="<style>">a{}</style>`, `<!-- <style> -->a{}</style>`,
		`<script><!-- <script> </script> <style>a{}</style> --></script>`, `<svg><style>.a{}</style></svg>`,
		`<textarea><style>a{}</style></textarea>`, `<a =b <style>c{}</style>`, `</x a='<style>'>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ok, want, got := sameTreeSansStyle(t, []byte(s)); !ok {
			t.Errorf("%q: tree changed:\n%s", s, firstDiff(want, got))
		}
	})
}
