// Package extract turns one fetched HTML page into a clean corpus.Article:
// the article's body text and its metadata (title, authors, dates,
// language, description, image, section, tags, canonical URL, site name)
// plus quality flags.
//
// Extraction is a pure function of the page bytes and its URL: no network,
// no database. The page is parsed once with golang.org/x/net/html; the
// body is found with content scoring (text and link density, class and id
// hints, paragraph clustering) cross-checked against the JSON-LD
// articleBody, and metadata is read in trust order from JSON-LD,
// OpenGraph and article:* meta, other <meta> names, microdata, <time>
// elements, visible bylines and datelines, and the URL.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/internal/quote"
)

// Errors returned by Extract for input that cannot be treated as HTML.
var (
	// ErrNotHTML is returned for bodies that are binary data, not text.
	ErrNotHTML = errors.New("not html")
	// ErrTooLarge is returned for bodies over Options.MaxBytes.
	ErrTooLarge = errors.New("page too large")
	// ErrTooDeep is returned when the markup nests beyond what the HTML
	// parser accepts.
	ErrTooDeep = errors.New("markup nested too deeply")
)

// DefaultMaxBytes is the largest page Extract accepts by default.
const DefaultMaxBytes = 16 << 20

// ShortWords is the body length, in words, under which an article is
// flagged corpus.FlagShort.
const ShortWords = 150

// Input is one page to extract.
type Input struct {
	Body        []byte    // raw page bytes as received
	URL         string    // final page URL (absolute)
	ContentType string    // Content-Type header value, may be "" (may carry charset=)
	FetchedAt   time.Time // dates after this are rejected; zero means time.Now()
	SHA256      string    // hex SHA-256 of Body when the caller has it; computed when empty
}

// Options tune ExtractWith. The zero value is the default configuration
// used by Extract.
type Options struct {
	// MaxBytes is the largest body accepted; 0 means DefaultMaxBytes.
	MaxBytes int
	// NoJSONLDBody disables the cross-check of the body text against the
	// JSON-LD articleBody.
	NoJSONLDBody bool
	// NoMetadata skips metadata other than what the flags need, for
	// callers that want only the body text.
	NoMetadata bool
}

// Extract turns one page into an article with the default options. It
// fills every corpus.Article field it can: URL, CanonicalURL, Site (lower
// case host of URL), SiteName, Title, Authors, Published, Modified,
// Language, Description, Image, Section, Tags, Text, WordCount, Flags,
// FetchedAt (copied from Input) and ContentSHA256 (hex SHA-256 of
// in.Body). It leaves ID and CaptureID zero.
//
// A page that is not an article (listing, front page, consent, block or
// login page, empty page) comes back with corpus.FlagNotArticle in Flags
// and a nil error; the error is only for input that cannot be treated as
// HTML at all (binary data, absurd nesting, oversize), and wraps ErrNotHTML,
// ErrTooDeep or ErrTooLarge.
func Extract(in Input) (corpus.Article, error) {
	return ExtractWith(in, Options{})
}

// ExtractWith is Extract with options.
func ExtractWith(in Input, opts Options) (corpus.Article, error) {
	d, art, err := parse(in, opts)
	if err != nil {
		return art, err
	}
	return d.Article(), nil
}

// Document is a page decoded and parsed once, for callers that need more
// of it than the article (a crawler takes its links from the same tree).
type Document struct {
	root    *html.Node
	html    []byte         // the page decoded to UTF-8
	art     corpus.Article // what is known before extraction
	base    *url.URL
	fetched time.Time
	opts    Options
}

// Parse decodes and parses a page. It fails as Extract does, for input
// that cannot be treated as HTML.
func Parse(in Input, opts Options) (*Document, error) {
	d, _, err := parse(in, opts)
	return d, err
}

// Root returns the page's tree, as golang.org/x/net/html parsed it from
// the page decoded to UTF-8. Callers must not modify it.
func (d *Document) Root() *html.Node { return d.root }

// Article extracts the page's article (see Extract). Each call extracts
// anew.
func (d *Document) Article() corpus.Article {
	art, _ := d.extractArticle()
	return art
}

// PageTypeFeatures extracts the page as Article does and returns the
// features the page-type model read (FeatureNames gives their names):
// the trainer's input (bench, `go run . train-pagetype`).
func (d *Document) PageTypeFeatures() []float64 {
	_, f := d.extractArticle()
	return f
}

// extractArticle is Article, also returning the page-type features.
func (d *Document) extractArticle() (corpus.Article, []float64) {
	art, noscript, feats := d.article(d.root)
	if art.WordCount < ShortWords && noscript >= 400 {
		// Pages built by scripts often serve their content to crawlers
		// inside <noscript>, which a parser with scripting on reads as
		// plain text: read it as markup and keep the longer text.
		if root, err := html.ParseWithOptions(withoutStyleText(d.html), html.ParseOptionEnableScripting(false)); err == nil {
			if alt, _, altFeats := d.article(root); alt.WordCount > art.WordCount*2 && alt.WordCount >= 50 {
				art, feats = alt, altFeats
			}
		}
	}
	if art.WordCount < ShortWords {
		// Pages drawn by scripts from data in the page: read the data.
		if alt, altFeats, ok := d.scriptArticle(art); ok {
			art, feats = alt, altFeats
		}
	}
	if art.WordCount == 0 {
		// A thread's shell may state its posts in its data alone.
		p := newPage(goquery.NewDocumentFromNode(d.root), d.base, d.fetched)
		p.withDeclaredPosts(&art)
		p.release()
	}
	lastProseNet(d.root, &art)
	return art, feats
}

// article extracts the article of the tree root, and tells how many bytes
// of <noscript> markup the parser read as text (enough to hold content
// from 400 on, as holdsContent wants) and the page-type features.
func (d *Document) article(root *html.Node) (corpus.Article, int, []float64) {
	art := d.art
	p := newPage(goquery.NewDocumentFromNode(root), d.base, d.fetched)
	defer p.release()
	p.extract(d.opts)
	p.fill(&art, d.opts)
	return art, p.noscript, p.feats
}

// parse is Parse, also returning what is known of the article when the
// page cannot be parsed.
func parse(in Input, opts Options) (*Document, corpus.Article, error) {
	digest := in.SHA256
	if digest == "" {
		sum := sha256.Sum256(in.Body)
		digest = hex.EncodeToString(sum[:])
	}
	art := corpus.Article{
		URL:           in.URL,
		FetchedAt:     in.FetchedAt,
		ContentSHA256: digest,
	}
	fetched := in.FetchedAt
	if fetched.IsZero() {
		fetched = time.Now()
	}
	var base *url.URL
	if u, err := url.Parse(in.URL); err == nil {
		base = u
		art.Site = strings.ToLower(u.Hostname())
	}
	max := opts.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	if len(in.Body) > max {
		return nil, art, fmt.Errorf("extract %s: %d bytes: %w", in.URL, len(in.Body), ErrTooLarge)
	}
	if !htmlLike(in.ContentType) {
		return nil, art, fmt.Errorf("extract %s: content type %s: %w", in.URL, quote.Short(in.ContentType), ErrNotHTML)
	}
	if looksBinary(in.Body) {
		return nil, art, fmt.Errorf("extract %s: %w", in.URL, ErrNotHTML)
	}
	body, _, err := DecodeHTML(in.Body, in.ContentType)
	if err != nil {
		return nil, art, fmt.Errorf("extract %s: %w", in.URL, err)
	}
	root, err := html.Parse(withoutStyleText(body)) // the same tree, bar style sheets' text
	if err != nil {
		if strings.Contains(err.Error(), "open stack") {
			return nil, art, fmt.Errorf("extract %s: %w: %w", in.URL, ErrTooDeep, err)
		}
		return nil, art, fmt.Errorf("extract %s: parse: %w", in.URL, err)
	}
	return &Document{root: root, html: body, art: art, base: base, fetched: fetched, opts: opts}, art, nil
}

// htmlLike reports whether a Content-Type could carry an HTML page: no
// type at all, any text type (servers label HTML text/plain), an XML type
// such as application/xhtml+xml, or application/octet-stream (the bytes
// decide). Images, PDFs, JSON and the like are not.
func htmlLike(contentType string) bool {
	if strings.TrimSpace(contentType) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return true // unreadable header: let the bytes decide
	}
	return strings.HasPrefix(mt, "text/") || strings.HasSuffix(mt, "xml") || mt == "unknown/unknown" || mt == "application/octet-stream"
}

// looksBinary reports whether body is binary data rather than text in
// some encoding: NUL bytes or many control characters near the start,
// outside UTF-16 text.
func looksBinary(body []byte) bool {
	head := body
	if len(head) > 4096 {
		head = head[:4096]
	}
	if len(head) >= 2 && (head[0] == 0xff && head[1] == 0xfe || head[0] == 0xfe && head[1] == 0xff) {
		return false
	}
	ctl := 0
	for _, c := range head {
		if c == 0 {
			ctl += 8
		} else if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	return ctl*20 > len(head)
}

// PublishedSource extracts the page as Article does (from the page's own
// tree, not its <noscript> or script data) and names the step of the
// date search that gave the publication date ("metadata", "url", "time
// near", "dateline", "text top", "last resort"...), "" when none did:
// for the bench, to read why a date is wrong.
func (d *Document) PublishedSource() string {
	p := newPage(goquery.NewDocumentFromNode(d.root), d.base, d.fetched)
	defer p.release()
	p.extract(d.opts)
	c := &dateCtx{p: p, fetched: d.art.FetchedAt, dateFacts: p.sharedDates()}
	c.published()
	return c.from
}
