package extract

import (
	"strings"
	"testing"
	"time"
)

func TestAuthorLinkName(t *testing.T) {
	tests := []struct {
		name, link, want string
	}{
		{"author page named as its slug", `<a href="/author/noor-al-fayed">Noor Al-Fayed</a>`, "Noor Al-Fayed"},
		{"absolute URL, trailing slash", `<a href="https://blog.example/authors/ana-lima/">Ana Lima</a>`, "Ana Lima"},
		{"German path word", `<a href="/autor/jan-boehm">Jan Boehm</a>`, "Jan Boehm"},
		{"umlaut written out", `<a href="/autoren/Clara-Loew">Clara Löw</a>`, "Clara Löw"},
		{"accents dropped", `<a href="/author/ines-duarte-lopez">Inês Duarte López</a>`, "Inês Duarte López"},
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
		// A byline of one long sentence opens with "By".
		{"By Jane Doe and John Roe, with reporting by A. B. in Kyiv and C. D. in Warsaw.", false},
		{"Por Lucía Ferrández y Marta Gil, con información de Pedro Ruiz en Bruselas y Ana Sanz en Berlín.", false},
	}
	for _, tt := range tests {
		if got := authorBio(tt.text); got != tt.want {
			t.Errorf("authorBio(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestAuthorLinkPages runs made-up pages through Extract: links to
// writers' pages that name no author of the page (teasers, a rail, a
// quoted columnist, a writer's own page) give none.
func TestAuthorLinkPages(t *testing.T) {
	story := strings.Repeat("<p>The council approved its budget early on Wednesday after a session that ran past midnight, ending weeks of argument.</p>", 6)
	teaser := func(name string) string {
		slug := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
		return `<article><h2><a href="/news/2026/12/06/` + slug + `-story">A headline of a story by ` + name + `</a></h2><p>A short summary of the story and of what comes next for the city.</p><a href="/author/` + slug + `">` + name + `</a></article>`
	}
	rail := `<aside><h3>More from our writers</h3><ul><li><a href="/news/a">A rail story</a> <a href="/author/lena-vogt">Lena Vogt</a></li><li><a href="/news/b">Another rail story</a> <a href="/author/omar-haddad">Omar Haddad</a></li></ul></aside>`
	tests := []struct {
		name, url, body, want string
	}{
		{"a byline's bare link", "https://blog.example/post/cut-onboarding", `<article><h1>How we cut onboarding</h1><div><a href="/author/noor-al-fayed">Noor Al-Fayed</a> <time>Nov 18, 2026 9:00 AM</time></div>` + story + `</article>`, "Noor Al-Fayed"},
		{"two writers in one byline", "https://blog.example/post/cut-onboarding", `<article><h1>How we cut onboarding</h1><div>By <a href="/author/noor-al-fayed">Noor Al-Fayed</a> and <a href="/author/ana-lima">Ana Lima</a></div>` + story + `</article>`, "Noor Al-Fayed; Ana Lima"},
		// Other writers' links in a rail leave the byline's unread: the
		// links do not tell a byline from a rail's first teaser.
		{"a byline and a rail of other writers", "https://blog.example/post/cut-onboarding", `<article><h1>How we cut onboarding</h1><div><a href="/author/noor-al-fayed">Noor Al-Fayed</a></div>` + story + rail + `</article>`, ""},
		{"the byline's writer again in a rail", "https://blog.example/post/cut-onboarding", `<article><h1>How we cut onboarding</h1><div><a href="/author/noor-al-fayed">Noor Al-Fayed</a></div>` + story + `</article><aside><h3>More from this author</h3><ul><li><a href="/post/a">A rail story</a> <a href="/author/noor-al-fayed">Noor Al-Fayed</a></li></ul></aside>`, "Noor Al-Fayed"},
		{"a byline whose slug spells no name, a rail's that does", "https://news.example/2026/12/06/budget", `<article><h1>Council approves budget</h1><h5><a href="/author/jdoe/">Jane Doe</a></h5>` + story + `</article><aside><ul><li><a href="/news/a">A rail story</a> <a href="/author/omar-haddad">Omar Haddad</a></li></ul></aside>`, ""},
		{"a section front's teasers", "https://news.example/world/", `<h1>World</h1>` + teaser("Jane Doe") + teaser("Omar Haddad") + teaser("Lena Vogt") + teaser("Ravi Menon"), ""},
		{"a rail of writers after an unsigned story", "https://news.example/2026/12/06/budget", `<article><h1>Council approves budget</h1>` + story + `</article>` + rail, ""},
		{"a quoted columnist's page", "https://news.example/2026/12/06/budget", `<article><h1>Council approves budget</h1>` + story + `<p>As <a href="https://other.example/author/maria-santos">Maria Santos</a> wrote in her column last week, the housing question will not go away.</p></article>`, ""},
		{"a writer's own page", "https://news.example/author/jane-doe/", `<h1><a href="/author/jane-doe/">Jane Doe</a></h1>` + teaser("Jane Doe") + teaser("Jane Doe"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<!doctype html><html lang="en"><head><title>A page</title></head><body><main>` + tt.body + `</main></body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: tt.url, FetchedAt: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(art.Authors, "; "); got != tt.want {
				t.Errorf("authors %q, want %q", got, tt.want)
			}
		})
	}
}
