package extract

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"
)

// unseenCase is one page of a type other than a news article, written in
// the markup a common stack prints (a Discourse thread, a phpBB topic, a
// Q&A page, Shopify and WooCommerce products, a Sphinx docs page, a
// MediaWiki article, a section front, a tag page, a search page, a
// council's service page, a recipe collection, a portfolio), or an
// article unlike news (an essay of many sections, a blog post with code
// and a table, a wiki page with an infobox and footnotes, a 2005 site in
// a layout table, a post of <br>-split text, a long read in sibling
// <section>s, a tutorial with asides, a newsletter archive, a link
// roundup, a wiki page with data tables; branch ex37ra), shops' product
// pages (a fashion page with size and colour pickers, a spec sheet in
// <div>s, nutrition facts, a "Complete the look" grid larger than the
// product's text, with and without declared types, an Italian shop;
// branch ex38pr), news stories with figures glued to units in spans and
// with a list of a shop's perks (branch review38c), with its
// chrome, for TestUnseenPages and bench/cmscompare. Must holds lines of
// the main content, MustNot lines of chrome. Known names the checks the
// extractor fails today ("type", "title", "text") with the reason: they
// are logged, not failed, so that the pages stay in the test and the
// failures in view.
type unseenCase struct {
	cmsCase
	Type string `json:"type"`
}

// TestUnseenPages checks page type, title and main text on pages of
// every type the extractor is judged on besides articles, written for no
// extractor (branch ex35cm).
func TestUnseenPages(t *testing.T) {
	var cases []unseenCase
	if err := json.Unmarshal(mustReadFile(t, filepath.Join("testdata", "unseen", "cases.json")), &cases); err != nil {
		t.Fatal(err)
	}
	fetched := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	for _, tc := range cases {
		t.Run(tc.File, func(t *testing.T) {
			body := mustReadFile(t, filepath.Join("testdata", "unseen", tc.File))
			art, err := Extract(Input{Body: body, URL: tc.URL, FetchedAt: fetched})
			if err != nil {
				t.Fatal(err)
			}
			c := checker{t, tc.Known}
			if art.PageType != tc.Type {
				c.errorf("type", "page type %q, want %q", art.PageType, tc.Type)
			}
			if art.Title != tc.Title {
				c.errorf("title", "title %q, want %q", art.Title, tc.Title)
			}
			checkCMSText(c, art.Text, tc.cmsCase)
		})
	}
}
