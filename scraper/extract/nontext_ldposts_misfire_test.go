package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// ldShell returns a script's shell page whose only content is the
// JSON-LD scripts given.
func ldShell(scripts ...string) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Thread - Board</title>`)
	for _, s := range scripts {
		b.WriteString(`<script type="application/ld+json">` + s + `</script>`)
	}
	b.WriteString(`</head><body><div id="app"></div><script src="/app.js"></script></body></html>`)
	return []byte(b.String())
}

const (
	ldOpening = "I am fixing an oak handle onto a steel tang and the old epoxy let go."
	ldReply   = "Rough the tang with coarse paper first, then use a slow epoxy."
	ldThread  = `{"@context":"https://schema.org","@type":"DiscussionForumPosting","headline":"Glue",
		"text":"` + ldOpening + `","comment":[{"@type":"Comment","text":"` + ldReply + `"}]}`
	ldQuestion = `{"@type":"Question","name":"Do you ship abroad?","text":"Do you ship the oak stools abroad or only at home?",
		"acceptedAnswer":{"@type":"Answer","text":"We ship to every country in the union within five days."}}`
)

// TestDeclaredPostsScope: the posts are read once each, from forum
// postings and QAPage questions only; a shell whose data states an
// article (its comments as postings), an FAQ or a product's questions
// stays empty; a post's text that names a tag in entities keeps the tag.
func TestDeclaredPostsScope(t *testing.T) {
	for _, c := range []struct {
		name string
		page []byte
		want string // the whole text
	}{
		{"thread in two scripts", ldShell(ldThread, ldThread), ldOpening + "\n\n" + ldReply},
		{"QAPage question once", ldShell(`{"@context":"https://schema.org","@type":"QAPage","mainEntity":` + ldQuestion + `}`),
			"Do you ship the oak stools abroad or only at home?\n\nWe ship to every country in the union within five days."},
		{"QAPage questions as an array", ldShell(`{"@context":"https://schema.org","@type":"QAPage","mainEntity":[` + ldQuestion + `]}`),
			"Do you ship the oak stools abroad or only at home?\n\nWe ship to every country in the union within five days."},
		{"graph", ldShell(`{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"Glue"},` + ldThread + `]}`),
			ldOpening + "\n\n" + ldReply},
		{"FAQ question", ldShell(`{"@context":"https://schema.org","@type":"FAQPage","mainEntity":` + ldQuestion + `}`), ""},
		{"product question", ldShell(`{"@context":"https://schema.org","@graph":[{"@type":"Product","name":"Oak stool"},` + ldQuestion + `]}`), ""},
		{"news article's comments", ldShell(`{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour town votes"}`, ldThread), ""},
		{"blog post's comments in a graph", ldShell(`{"@context":"https://schema.org","@graph":[{"@type":"BlogPosting","headline":"Harbour"},` + ldThread + `]}`), ""},
		{"comments about a blog post", ldShell(`{"@context":"https://schema.org","@type":"DiscussionForumPosting",
			"about":{"@type":"BlogPosting","headline":"Harbour","url":"https://harbour.example/2024/05/harbour.html"},
			"text":"` + ldOpening + `","comment":[{"@type":"Comment","text":"` + ldReply + `"}]}`), ""},
		{"thread about a product", ldShell(`{"@context":"https://schema.org","@type":"DiscussionForumPosting",
			"about":{"@type":"Product","name":"Oak stool"},
			"text":"` + ldOpening + `","comment":[{"@type":"Comment","text":"` + ldReply + `"}]}`), ldOpening + "\n\n" + ldReply},
		{"tag named in entities", ldShell(`{"@context":"https://schema.org","@type":"DiscussionForumPosting",
			"text":"Why does my &lt;div&gt; collapse when I float both of its children?"}`),
			"Why does my <div> collapse when I float both of its children?"},
	} {
		art, err := Extract(Input{Body: c.page, URL: "https://board.example/t/glue/12", ContentType: "text/html; charset=utf-8", FetchedAt: fetchedAt})
		if err != nil {
			t.Fatalf("%s: Extract: %v", c.name, err)
		}
		if got := strings.TrimSpace(art.Text); got != c.want {
			t.Errorf("%s: text\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// TestLDTextEntities: a JSON-LD text is decoded once; decoded markup is
// read as markup, a tag named in plain text stays text.
func TestLDTextEntities(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"&lt;p&gt;Feed it twice a day.&lt;/p&gt;&lt;p&gt;Keep it warm.&lt;/p&gt;", "Feed it twice a day.\nKeep it warm."},
		{"First line&lt;br&gt;second line", "First line\nsecond line"},
		{"Why does my &lt;div&gt; collapse?", "Why does my <div> collapse?"},
		{"Salt &amp; pepper", "Salt & pepper"},
		{"&amp;lt;p&amp;gt; is a paragraph", "&lt;p&gt; is a paragraph"},
		{"<p>Raw &amp; parsed</p>", "Raw & parsed"},
	} {
		if got := ldText(c.in); got != c.want {
			t.Errorf("ldText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestDeclaredPostsShortFlag: the short flag was set on the empty text; a
// thread whose declared posts run long loses it, a short one keeps it.
func TestDeclaredPostsShortFlag(t *testing.T) {
	var comments []string
	for i := range 20 {
		comments = append(comments, fmt.Sprintf(`{"@type":"Comment","text":"Reply %d: a slow epoxy on a roughened tang held for me through two winters."}`, i))
	}
	long := ldShell(`{"@context":"https://schema.org","@type":"DiscussionForumPosting","text":"` + ldOpening +
		`","comment":[` + strings.Join(comments, ",") + `]}`)
	for _, c := range []struct {
		name      string
		page      []byte
		wantShort bool
	}{
		{"long thread", long, false},
		{"short thread", ldShell(ldThread), true},
	} {
		art, err := Extract(Input{Body: c.page, URL: "https://board.example/t/glue/12", ContentType: "text/html; charset=utf-8", FetchedAt: fetchedAt})
		if err != nil {
			t.Fatalf("%s: Extract: %v", c.name, err)
		}
		if got := slices.Contains(art.Flags, corpus.FlagShort); got != c.wantShort {
			t.Errorf("%s: %d words, short flag %v, want %v", c.name, art.WordCount, got, c.wantShort)
		}
	}
}
