package extract

import (
	"strings"
	"testing"
)

// TestDeclaredPosts: a thread served as a script's shell gets the posts
// its schema.org data states, opening post first and replies after the
// post they answer, a one-word reply left out; a shell that states no
// posts stays empty (its description is not its text).
func TestDeclaredPosts(t *testing.T) {
	const url = "https://workshop-board.example/t/which-glue-holds-oak-to-steel/4410"
	for _, c := range []struct {
		name     string
		want     []string
		notWant  []string
		wantNone bool
	}{
		{name: "shell", want: []string{
			"I am fixing an oak handle onto a steel tang and the old epoxy let go after one winter in the shed.\n\n" +
				"Rough the tang with coarse paper first, then a slow epoxy cures harder than the five minute kind.\n\n" +
				"Thanks, the slow one held through a cold week so far.",
		}, notWant: []string{"+1"}},
		{name: "qa_shell", want: []string{
			"My starter smells sharp like nail varnish remover two days after each feed.\n\n" +
				"It is hungry: feed it twice a day at a warmer spot and the smell goes.\n\n" +
				"Discard more before each feed so the yeast has fresh flour to eat.",
		}, notWant: []string{"<p>", "&lt;"}},
		{name: "shell_none", wantNone: true},
	} {
		art := extractTestPage(t, "forumld", c.name, url)
		if c.wantNone {
			if strings.TrimSpace(art.Text) != "" {
				t.Errorf("%s: text %q, want none", c.name, art.Text)
			}
			continue
		}
		checkText(t, art.Text, c.want, c.notWant)
	}
}
