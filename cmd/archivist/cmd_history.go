package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/quote"
	"github.com/archivist-project/archivist/internal/worddiff"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// historyOptions are the flags of `archivist history`.
type historyOptions struct {
	JSON  bool
	Color string
}

// AddFlags registers the history flags on fs.
func (o *historyOptions) AddFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object (see the README)")
	fs.StringVar(&o.Color, "color", "auto", "colour the changes `when`: auto (on a terminal, unless $NO_COLOR is set), always or never")
}

func historyCommand() *command {
	c := &command{
		name:    "history",
		summary: "list the versions of an article and what changed",
		usage: `Usage: archivist history [--json] [--color auto|always|never] URL

Lists every version of the article at URL that the corpus holds (each
capture that brought a changed title or text, and each re-extraction that
did), with its capture time, capture id, word count and digest, then what
changed from each version to the next, word by word: the title, and each
changed paragraph of the text. On a terminal deleted words are red and
struck through and inserted words green; otherwise they are marked
[-deleted-] and {+inserted+}. A URL the corpus has no article for is an
error (exit 2).

Examples:
  archivist history https://news.example/2026/12/01/minister-resigns
  archivist history --json https://news.example/2026/12/01/minister-resigns | jq .changes`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts historyOptions
		rest, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		switch {
		case len(rest) == 0:
			return usagef("history: no URL given (see 'archivist help history')")
		case len(rest) > 1:
			return usagef("history: unexpected argument %s (one URL at a time)", quote.Short(rest[1]))
		}
		return runHistory(ctx, e, opts, rest[0])
	}
	return c
}

// historyReport is what history shows; its JSON is `history --json`.
type historyReport struct {
	ArticleID int64                   `json:"article_id"`
	URL       string                  `json:"url"`
	Versions  []corpus.ArticleVersion `json:"versions"`
	Changes   []historyChange         `json:"changes"`
}

// historyChange is what changed from one version to the next.
type historyChange struct {
	From int `json:"from"`
	To   int `json:"to"`
	// Reextracted is set when the new version came from the same
	// capture, extracted again.
	Reextracted bool            `json:"reextracted"`
	Title       []worddiff.Edit `json:"title"` // empty when the title did not change
	Text        []worddiff.Hunk `json:"text"`  // the changed paragraphs
}

func runHistory(ctx context.Context, e *env, opts historyOptions, raw string) error {
	color, err := opts.colorOn(e)
	if err != nil {
		return err
	}
	db, err := e.openReader(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	candidates := []string{raw}
	if n, err := urlnorm.Normalize(raw); err == nil && n != raw {
		candidates = append(candidates, n)
	}
	id, err := db.FindArticle(ctx, candidates...)
	if errors.Is(err, corpus.ErrNotFound) {
		return usagef("history: no article at %s in %s", quote.Short(raw), db.Location())
	}
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	a, err := db.Article(ctx, id)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	vs, err := db.ArticleVersions(ctx, id)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	r := historyReport{ArticleID: id, URL: a.URL, Versions: vs, Changes: []historyChange{}}
	for i := 1; i < len(vs); i++ {
		r.Changes = append(r.Changes, changeOf(&vs[i-1], &vs[i]))
	}
	if r.Versions == nil {
		r.Versions = []corpus.ArticleVersion{}
	}
	if opts.JSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	}
	printHistory(e.stdout, &r, color)
	return nil
}

// colorOn decides whether to colour the changes.
func (o historyOptions) colorOn(e *env) (bool, error) {
	switch o.Color {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		f, ok := e.stdout.(*os.File)
		return ok && isTerminal(f) && os.Getenv("NO_COLOR") == "", nil
	}
	return false, usagef("history: bad --color %s (want auto, always or never)", quote.Short(o.Color))
}

func changeOf(a, b *corpus.ArticleVersion) historyChange {
	c := historyChange{From: a.Version, To: b.Version, Reextracted: a.CaptureID == b.CaptureID,
		Title: []worddiff.Edit{}, Text: worddiff.Paragraphs(a.Text, b.Text)}
	if a.Title != b.Title {
		c.Title = worddiff.Words(a.Title, b.Title)
	}
	if c.Text == nil {
		c.Text = []worddiff.Hunk{}
	}
	return c
}

func printHistory(w io.Writer, r *historyReport, color bool) {
	noun := "versions"
	if len(r.Versions) == 1 {
		noun = "version"
	}
	fmt.Fprintf(w, "article %d %s: %d %s\n\n", r.ArticleID, printable(r.URL), len(r.Versions), noun)
	fmt.Fprintf(w, "%-7s  %-20s  %8s  %6s  %-12s  %s\n", "version", "captured", "capture", "words", "text sha256", "title")
	for _, v := range r.Versions {
		fmt.Fprintf(w, "%-7d  %-20s  %8d  %6d  %-12s  %s\n", v.Version, v.CapturedAt.UTC().Format(time.RFC3339),
			v.CaptureID, v.WordCount, v.TextSHA256[:min(12, len(v.TextSHA256))], printable(v.Title))
	}
	for i, c := range r.Changes {
		v := r.Versions[i+1]
		how := fmt.Sprintf("capture %d, %s", v.CaptureID, v.CapturedAt.UTC().Format(time.RFC3339))
		if c.Reextracted {
			how = fmt.Sprintf("capture %d extracted again by extractor version %d", v.CaptureID, v.ExtractorVersion)
		}
		fmt.Fprintf(w, "\nversion %d -> %d (%s)\n", c.From, c.To, how)
		if len(c.Title) > 0 {
			fmt.Fprintf(w, "title: %s\n", renderEdits(c.Title, color))
		}
		if len(c.Text) == 0 {
			fmt.Fprintln(w, "text: unchanged")
		}
		for _, h := range c.Text {
			fmt.Fprintf(w, "paragraph %d: %s\n", h.Paragraph, renderEdits(h.Edits, color))
		}
	}
}

// ANSI escapes for the changes on a terminal: deleted red and struck
// through, inserted green.
const (
	ansiDelete = "\033[31;9m"
	ansiInsert = "\033[32m"
	ansiReset  = "\033[0m"
)

// renderEdits writes edits with colour, or with [-deleted-] and
// {+inserted+} markers.
func renderEdits(edits []worddiff.Edit, color bool) string {
	var b strings.Builder
	for _, e := range edits {
		text := printable(strings.NewReplacer("\n\n", " ¶ ", "\n", " ").Replace(e.Text))
		switch {
		case e.Op == worddiff.Delete && color:
			b.WriteString(ansiDelete + text + ansiReset)
		case e.Op == worddiff.Insert && color:
			b.WriteString(ansiInsert + text + ansiReset)
		case e.Op == worddiff.Delete:
			b.WriteString("[-" + text + "-]")
		case e.Op == worddiff.Insert:
			b.WriteString("{+" + text + "+}")
		default:
			b.WriteString(text)
		}
	}
	return b.String()
}
