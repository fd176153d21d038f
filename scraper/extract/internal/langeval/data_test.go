package main

import "testing"

func TestDeclaredLang(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"html lang", `<!doctype html><html lang="de-AT"><head></head><body></body></html>`, "de"},
		{"xml:lang", `<html xml:lang="fr"><body></body></html>`, "fr"},
		{"content-language meta", `<html><head><meta http-equiv="Content-Language" content="es-MX"></head><body></body></html>`, "es"},
		{"og:locale", `<html><head><meta property="og:locale" content="pt_BR"></head><body></body></html>`, "pt"},
		{"html lang beats meta", `<html lang="en"><head><meta property="og:locale" content="pt_BR"></head></html>`, "en"},
		{"norwegian folded", `<html lang="no"><body></body></html>`, "nb"},
		{"metas in the body do not count", `<html><head></head><body><meta property="og:locale" content="it_IT"></body></html>`, ""},
		{"none", `<html><head><title>x</title></head><body><p>Hallo</p></body></html>`, ""},
		{"not a tag", `<html lang="x-default"><body></body></html>`, ""},
	}
	for _, tt := range tests {
		if got := declaredLang([]byte(tt.page)); got != tt.want {
			t.Errorf("%s: declaredLang = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDev(t *testing.T) {
	// The split must not depend on the folder, and must split.
	if dev("comparison/a.html") != dev("a.html") {
		t.Error("dev depends on the folder")
	}
	n := 0
	for _, id := range []string{"a.html", "b.html", "c.html", "d.html", "e.html", "f.html", "g.html", "h.html"} {
		if dev(id) {
			n++
		}
	}
	if n == 0 || n == 8 {
		t.Errorf("%d of 8 pages in the tuning half", n)
	}
}
