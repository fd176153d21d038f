package extract

import "testing"

func TestAuthorLinkName(t *testing.T) {
	tests := []struct {
		name, link, want string
	}{
		{"author page named as its slug", `<a href="/author/noor-al-fayed">Noor Al-Fayed</a>`, "Noor Al-Fayed"},
		{"absolute URL, trailing slash", `<a href="https://blog.example/authors/ana-lima/">Ana Lima</a>`, "Ana Lima"},
		{"German path word", `<a href="/autor/jan-boehm">Jan Boehm</a>`, "Jan Boehm"},
		{"text is not the slug's name", `<a href="/author/noor-al-fayed">All posts by our team</a>`, ""},
		{"one word is no name to trust", `<a href="/author/admin">Admin</a>`, ""},
		{"not an author path", `<a href="/topics/noor-al-fayed">Noor Al-Fayed</a>`, ""},
		{"author word not before the slug", `<a href="/author/noor-al-fayed/posts">Noor Al-Fayed</a>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := authorLinkName(mustParseFragment(t, tt.link)); got != tt.want {
				t.Errorf("authorLinkName(%s) = %q, want %q", tt.link, got, tt.want)
			}
		})
	}
}

func TestAuthorBio(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"By Dana Whitcombe, Columnist", false},
		{"Dana Whitcombe writes about cities, housing and public services. She has been a columnist since 2019.", true},
		{"Dana Whitcombe Dana Whitcombe writes about cities, housing and public services. She has been a columnist since 2019. Follow Dana Whitcombe", true},
		{"By John Smith, Associated Press Writer, and Jane Doe, Associated Press Writer", false},
		{"Written by Ann Lee.", false},
	}
	for _, tt := range tests {
		if got := authorBio(tt.text); got != tt.want {
			t.Errorf("authorBio(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
