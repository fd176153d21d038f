package split

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestSite(t *testing.T) {
	tests := map[string]string{
		"https://www.bbc.co.uk/news/1":                             "bbc.co.uk",
		"https://news.bbc.co.uk/2/hi/3.stm":                        "bbc.co.uk",
		"https://WWW.Example.COM/a?b":                              "example.com",
		"http://blog.example.org:8080/x":                           "example.org",
		"https://foo.blogspot.com/2020/a":                          "foo.blogspot.com", // a public suffix: each blog is a site
		"http://127.0.0.1:8080/":                                   "127.0.0.1",
		"http://localhost/page":                                    "localhost",
		"https://www.example.com./":                                "example.com",
		"https://web.archive.org/web/2019/http://www.modabot.de/x": "modabot.de",
		"https://web.archive.org/about":                            "archive.org",
		"not a url":                                                "",
		"%zz":                                                      "",
		"":                                                         "",
	}
	for in, want := range tests {
		if got := Site(in); got != want {
			t.Errorf("Site(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSiteOfName(t *testing.T) {
	tests := map[string]string{
		"nytimes-1":              "nytimes",
		"nytimes-5":              "nytimes",
		"Wikipedia-2":            "wikipedia",
		"001":                    "001",
		"003-metadata-preferred": "003-metadata-preferred",
		"base-url":               "base-url",
		"lwn-1":                  "lwn",
	}
	for in, want := range tests {
		if got := SiteOfName(in); got != want {
			t.Errorf("SiteOfName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHalf pins the hash: changing it would silently move pages between
// the halves of the committed lists.
func TestHalf(t *testing.T) {
	pinned := map[string]string{"bbc.co.uk": Tune, "example.com": Check, "wsj.com": Check, "nytimes.com": Check}
	for site, want := range pinned {
		if got := Half(site); got != want {
			t.Errorf("Half(%q) = %q, want %q", site, got, want)
		}
	}
	// Same site, same half, whatever the host or page.
	a, b := New("1", Site("https://www.bbc.co.uk/a")), New("2", Site("https://news.bbc.co.uk/b"))
	if a.Half != b.Half || a.Site != b.Site {
		t.Errorf("two bbc.co.uk pages: %+v and %+v", a, b)
	}
	// Both halves occur.
	n := map[string]int{}
	for _, s := range []string{"a.com", "b.com", "c.com", "d.com", "e.com", "f.com", "g.com", "h.com"} {
		n[Half(s)]++
	}
	if n[Tune] == 0 || n[Check] == 0 {
		t.Errorf("halves of 8 sites: %v", n)
	}
}

func TestWriteRead(t *testing.T) {
	entries := []Entry{New("b", "example.com"), New("a", "wsj.com"), New("c", "example.com")}
	var buf bytes.Buffer
	if err := Write(&buf, entries); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "#") || !strings.HasPrefix(lines[1], "a\twsj.com\t") {
		t.Errorf("written list:\n%s", buf.String())
	}
	l, err := Read(&buf, "test")
	if err != nil {
		t.Fatal(err)
	}
	want := List{"a": entries[1], "b": entries[0], "c": entries[2]}
	if !reflect.DeepEqual(l, want) {
		t.Errorf("Read = %v, want %v", l, want)
	}
	if h, err := l.Lookup("b"); err != nil || h != Check {
		t.Errorf("Lookup(b) = %q, %v", h, err)
	}
	if _, err := l.Lookup("zz"); !errors.Is(err, ErrMissing) {
		t.Errorf("Lookup(zz) err = %v, want ErrMissing", err)
	}
	if err := Write(&buf, []Entry{New("a\tb", "x.com")}); err == nil {
		t.Error("Write of an id with a tab: no error")
	}
}

func TestReadErrors(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"two fields":     {"a\texample.com\n", "want page-id"},
		"empty id":       {"\texample.com\ttune\n", "want page-id"},
		"unknown half":   {"a\texample.com\tdev\n", "neither"},
		"wrong half":     {"a\twsj.com\ttune\n", "belongs to check"},
		"duplicate page": {"a\tbbc.co.uk\ttune\na\tbbc.co.uk\ttune\n", "listed twice"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Read(strings.NewReader("# header\n\n"+tc.in), "x.tsv")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}
