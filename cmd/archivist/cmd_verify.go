package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/archivist-project/archivist/corpus"
)

// verifyOptions are the flags of `archivist verify`.
type verifyOptions struct {
	JSON bool
}

// AddFlags registers the verify flags on fs.
func (o *verifyOptions) AddFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object (see the README)")
}

func verifyCommand() *command {
	c := &command{
		name:    "verify",
		summary: "check the corpus and the index for damage",
		usage: `Usage: archivist verify [--json]

Runs SQLite's integrity check on the corpus, recomputes the SHA-256 of
every stored capture body and compares it with the recorded digest
(and that each capture's body is that of its own payload digest),
recomputes the digest of every article row's stored values and compares
it with the one written with them, compares each article's content
digest with its capture's, checks every stored version of every article
the same way (its row digest, its title and text digest, its capture's
digest, and that the article is its latest version), and checks
that the index matches the corpus (its article count and its position in
the corpus's change sequence). Prints each problem on its own
line, with the capture id and URL where there is one, and exits 1 if there
is any; otherwise prints a one-line summary. It only reads.

Example:
  archivist verify --db archive.db`,
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		var opts verifyOptions
		rest, err := e.parse(c, &opts, args)
		if err != nil {
			return err
		}
		if err := noArgs(c, rest, ""); err != nil {
			return err
		}
		return runVerify(ctx, e, opts)
	}
	return c
}

// verifyReport is the result of verify; its JSON is `verify --json`.
type verifyReport struct {
	Corpus          string   `json:"corpus"`
	OK              bool     `json:"ok"`
	Problems        int      `json:"problems"`
	Integrity       []string `json:"integrity"` // SQLite's integrity_check complaints
	BodiesChecked   int64    `json:"bodies_checked"`
	ArticlesChecked int64    `json:"articles_checked"`
	// ArticlesNoDigest counts the article rows that have no digest to
	// check (written outside archivist): not damage.
	ArticlesNoDigest int64 `json:"articles_without_digest"`
	VersionsChecked  int64 `json:"versions_checked"`
	// VersionsNoDigest counts the version rows that have no digest to
	// check (written outside archivist, or copied by the upgrade from an
	// article row that was already damaged).
	VersionsNoDigest int64             `json:"versions_without_digest"`
	Damage           []damageJSON      `json:"damage"` // bodies and articles that do not match their digests
	Index            verifyIndexReport `json:"index"`
	Errors           []string          `json:"errors"` // checks that could not run to the end
}

// damageJSON is one corpus.Problem in verify's JSON.
type damageJSON struct {
	CaptureID int64  `json:"capture_id"`
	ArticleID int64  `json:"article_id,omitempty"`
	URL       string `json:"url"`
	SHA256    string `json:"sha256"`
	Problem   string `json:"problem"`
}

// verifyIndexReport is the index part of verify's report.
type verifyIndexReport struct {
	Path     string `json:"path"`
	Checked  bool   `json:"checked"` // false when there is no index
	Articles uint64 `json:"articles"`
	Corpus   int64  `json:"corpus_articles"`
	Behind   int64  `json:"behind"`
	Problem  string `json:"problem,omitempty"`
}

func runVerify(ctx context.Context, e *env, opts verifyOptions) error {
	db, err := e.openCorpusReadOnly(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	r := &verifyReport{Corpus: e.global.DB, Damage: []damageJSON{}, Errors: []string{}}
	r.Integrity, err = db.IntegrityProblems(ctx, false)
	r.addError(err)
	record := func(p corpus.Problem) error {
		r.Damage = append(r.Damage, damageJSON(p))
		return nil
	}
	r.BodiesChecked, err = db.VerifyBodies(ctx, record)
	r.addError(err)
	r.ArticlesChecked, err = db.VerifyArticles(ctx, record)
	r.addError(err)
	r.ArticlesNoDigest, err = db.VerifyArticleRows(ctx, record)
	r.addError(err)
	r.VersionsChecked, r.VersionsNoDigest, err = db.VerifyVersions(ctx, record)
	r.addError(err)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	r.Index = e.verifyIndex(ctx, db)
	if r.Integrity == nil {
		r.Integrity = []string{}
	}
	r.Problems = len(r.Integrity) + len(r.Damage) + len(r.Errors)
	if r.Index.Problem != "" {
		r.Problems++
	}
	r.OK = r.Problems == 0
	if opts.JSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
	} else {
		printVerify(e, r)
	}
	if !r.OK {
		noun := "problems"
		if r.Problems == 1 {
			noun = "problem"
		}
		return fmt.Errorf("verify: %d %s found in %s", r.Problems, noun, e.global.DB)
	}
	return nil
}

// addError records a check that could not run to the end.
func (r *verifyReport) addError(err error) {
	if err != nil {
		r.Errors = append(r.Errors, err.Error())
	}
}

// verifyIndex checks that the index matches the corpus: it has seen every
// change, and then holds as many articles.
func (e *env) verifyIndex(ctx context.Context, db *corpus.DB) verifyIndexReport {
	r := verifyIndexReport{Path: e.global.indexPath()}
	if _, err := os.Stat(r.Path); errors.Is(err, os.ErrNotExist) {
		return r
	}
	r.Checked = true
	ix, err := e.openIndexReadOnly(ctx)
	if err != nil {
		r.Problem = err.Error()
		return r
	}
	defer ix.Close()
	if r.Behind, err = e.indexBehind(ctx, db, ix); err != nil {
		// The line printed names the index already.
		r.Problem = strings.TrimPrefix(err.Error(), "index "+e.global.indexPath()+" ")
		return r
	}
	if r.Articles, err = ix.Count(); err != nil {
		r.Problem = err.Error()
		return r
	}
	ch, err := db.ChangesSince(ctx, 0)
	if err != nil {
		r.Problem = err.Error()
		return r
	}
	r.Corpus = ch.Articles
	switch {
	case r.Behind > 0:
		r.Problem = behindMessage(r.Behind)
	case int64(r.Articles) != r.Corpus:
		r.Problem = fmt.Sprintf("index holds %d articles, the corpus %d; run 'archivist index --rebuild'", r.Articles, r.Corpus)
	}
	return r
}

func printVerify(e *env, r *verifyReport) {
	w := e.stdout
	for _, p := range r.Integrity {
		fmt.Fprintf(w, "corpus %s: integrity check: %s\n", r.Corpus, oneLine(p))
	}
	for _, p := range r.Damage {
		p.SHA256, p.URL, p.Problem = printable(p.SHA256), printable(p.URL), printable(p.Problem)
		switch {
		case p.ArticleID != 0:
			fmt.Fprintf(w, "article %d (capture %d) %s: %s\n", p.ArticleID, p.CaptureID, p.URL, p.Problem)
		case p.CaptureID == 0:
			fmt.Fprintf(w, "body %s (no capture refers to it): %s\n", p.SHA256, p.Problem)
		default:
			fmt.Fprintf(w, "capture %d %s: %s\n", p.CaptureID, p.URL, p.Problem)
		}
	}
	for _, msg := range r.Errors {
		fmt.Fprintf(w, "corpus %s: %s\n", r.Corpus, oneLine(msg))
	}
	if r.Index.Problem != "" {
		fmt.Fprintf(w, "index %s: %s\n", r.Index.Path, oneLine(r.Index.Problem))
	}
	if !r.OK {
		return
	}
	idx := fmt.Sprintf("index matches (%d articles)", r.Index.Articles)
	if !r.Index.Checked {
		idx = fmt.Sprintf("no index at %s", r.Index.Path)
	}
	unchecked := ""
	if r.ArticlesNoDigest > 0 {
		verb := "have"
		if r.ArticlesNoDigest == 1 {
			verb = "has"
		}
		unchecked = fmt.Sprintf(" (%d of them %s no row digest to check: written outside archivist)", r.ArticlesNoDigest, verb)
	}
	versions := fmt.Sprintf("%d article versions match theirs", r.VersionsChecked)
	if r.VersionsNoDigest > 0 {
		versions = fmt.Sprintf("%d article versions match theirs (%d have no row digest to check)", r.VersionsChecked, r.VersionsNoDigest)
	}
	fmt.Fprintf(w, "%s: ok: integrity check passed, %d bodies and %d articles match their digests%s, %s, %s\n",
		r.Corpus, r.BodiesChecked, r.ArticlesChecked, unchecked, versions, idx)
}

// checkBeforeWriting is the quick form of verify that crawl runs before it
// writes: SQLite's quick_check, whose pass is remembered by the file's
// size and modification time (see corpus.QuickCheckCached), so that
// starting again on an unchanged corpus costs nothing. A corpus that fails
// it is refused.
func (e *env) checkBeforeWriting(ctx context.Context, db *corpus.DB) error {
	problems, cached, err := db.QuickCheckCached(ctx)
	if err != nil {
		return fmt.Errorf("crawl: check %s before writing: %w", db.Path(), err)
	}
	if len(problems) > 0 {
		more := ""
		if len(problems) > 1 {
			more = fmt.Sprintf(" and %d more", len(problems)-1)
		}
		return fmt.Errorf("crawl: corpus %s fails SQLite's quick check (%s%s): %w",
			db.Path(), clipProblem(oneLine(problems[0]), 200), more, corpus.ErrCorrupt)
	}
	e.logger.Debug("corpus quick check passed", "cached", cached)
	return nil
}

// clipProblem shortens s to at most n bytes, marking the cut.
func clipProblem(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// printable replaces what a terminal should not get (damaged bytes) with
// '?'.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return '?'
		}
		return r
	}, s)
}
