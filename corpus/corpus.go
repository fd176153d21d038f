// Package corpus holds archivist's domain types (captures, articles, crawl
// state), the sentinel errors, and the SQLite store that keeps them.
//
// Captures are the archive: one per fetch, with the raw body exactly as it
// was received. Articles are derived from captures by the extractor and can
// be derived again at any time.
package corpus

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Sentinel errors.
var (
	// ErrNotFound is returned when a capture or article does not exist.
	ErrNotFound = errors.New("not found")
	// ErrNotArticle is returned by the extractor when a page is not an
	// article (a listing, a consent wall, a login page, an empty page).
	ErrNotArticle = errors.New("not an article")
)

// Quality flags that the extractor sets on an article.
const (
	FlagPaywall    = "paywall"     // a teaser cut short by a paywall
	FlagShort      = "short"       // little body text
	FlagNoDate     = "no_date"     // no publication date found
	FlagNotArticle = "not_article" // a listing, consent or block page
)

// QualityFlags lists every quality flag.
var QualityFlags = []string{FlagPaywall, FlagShort, FlagNoDate, FlagNotArticle}

// Error kinds recorded on failed captures (Capture.ErrorKind).
const (
	ErrKindTimeout      = "timeout"
	ErrKindDNS          = "dns"
	ErrKindConnection   = "connection"    // refused, reset, TLS
	ErrKindHTTP4xx      = "http_4xx"      // final status 400-499
	ErrKindHTTP5xx      = "http_5xx"      // final status 500-599 after retries
	ErrKindRedirectLoop = "redirect_loop" // too many redirects or a cycle
	ErrKindTooLarge     = "too_large"     // body cut at --max-body
	ErrKindRobots       = "robots"        // disallowed by robots.txt (not fetched)
	ErrKindPanic        = "panic"         // the crawler failed unexpectedly processing it (a bug)
	ErrKindMalformed    = "malformed"     // a response that is not valid HTTP
	ErrKindStoreLost    = "store_lost"    // the database went away twice while saving it (a shared crawl)
	ErrKindOther        = "other"
)

// Capture is one fetch of one URL, kept as an archive keeps it.
type Capture struct {
	ID            int64
	RequestedURL  string      // the URL as queued
	URL           string      // the final URL after redirects
	Redirects     []string    // every URL of the redirect chain, requested first, final excluded
	Method        string      // GET
	RequestHeader http.Header // headers we sent (for WARC request records)
	Status        int         // final HTTP status; 0 when no response came
	Proto         string      // "HTTP/1.1"
	Header        http.Header // response headers of the final response
	FetchedAt     time.Time   // when the request started (UTC)
	Duration      time.Duration
	// Body is the response payload as BodyForm says: for captures made
	// since schema 0009 (BodyWire), the entity body as it came off the
	// wire, Content-Encoding intact and only the transfer coding
	// (chunked) removed; for older ones (BodyDecoded), with any
	// Content-Encoding removed by the HTTP client. Decoded returns the
	// page either way. It is stored compressed at rest and is nil when
	// the body was not kept (non-HTML without --keep-all).
	Body        []byte
	BodyForm    string // BodyWire or BodyDecoded ("" is BodyDecoded)
	BodySize    int64  // length of Body as received (before truncation when Truncated)
	SHA256      string // hex SHA-256 of Body, computed when it was fetched
	ContentType string // media type from the header, lower case, no parameters
	Truncated   bool   // Body was cut at the size limit
	Error       string // human-readable cause for failed fetches
	ErrorKind   string // one of the ErrKind constants, "" on success
	RevisitOf   int64  // for a 304 (or identical digest): the capture it repeats
	Depth       int    // link hops from a seed
	Source      string // the page the URL was found on, or "seed", "sitemap", "feed"
	RemoteIP    string // the IP address the final request was sent to; "" when unknown

	// RequestHead and ResponseHead are the request line and the status
	// line, each with its header block and the blank line after it,
	// exactly as sent and received, header order included. They are nil
	// when they were not recorded (HTTP/2, captures made before schema
	// 0009, imports of records without them); Header and RequestHeader
	// always hold the parsed headers.
	RequestHead  []byte
	ResponseHead []byte

	// WARC is where an imported capture came from; zero for a crawl.
	WARC WARCOrigin

	// packed is Body compressed for storage by DB.Pack, ahead of the
	// write transaction; packedFor is the digest it was made for.
	packed                    []byte
	packedEncoding, packedFor string
}

// Body forms (Capture.BodyForm).
const (
	BodyWire    = "wire"    // as received: Content-Encoding intact
	BodyDecoded = "decoded" // Content-Encoding removed (captures before schema 0009)
)

// WARCOrigin points to the WARC record a capture was imported from.
type WARCOrigin struct {
	File     string // base name of the WARC file
	Offset   int64  // offset of the record in the file (of its gzip member when compressed)
	RecordID string // WARC-Record-ID, with its angle brackets
}

// OK reports whether the capture holds a successful response.
func (c *Capture) OK() bool { return c.ErrorKind == "" && c.Status >= 200 && c.Status < 300 }

// Article is the clean article extracted from a capture.
//
// JSON names are a contract with other tools: keep them.
type Article struct {
	ID           int64      `json:"id"`
	URL          string     `json:"url"`           // final URL after redirects
	CanonicalURL string     `json:"canonical_url"` // rel=canonical / og:url, absolute
	Site         string     `json:"site"`          // host of URL, lower case, no "www." stripping
	SiteName     string     `json:"site_name"`     // og:site_name or publisher name
	Title        string     `json:"title"`
	Authors      []string   `json:"authors"`
	Published    *time.Time `json:"published"` // RFC 3339, with the page's zone where known
	// PublishedPrecision says how much of Published the page stated:
	// PrecisionDay (a date only; the time is midnight in the zone given),
	// PrecisionMinute or PrecisionSecond. Empty when Published is nil.
	PublishedPrecision string     `json:"published_precision"`
	Modified           *time.Time `json:"modified"`
	ModifiedPrecision  string     `json:"modified_precision"` // as PublishedPrecision, for Modified
	Language           string     `json:"language"`           // BCP 47
	Description        string     `json:"description"`
	Image              string     `json:"image"`
	Section            string     `json:"section"`
	Tags               []string   `json:"tags"`
	// PageType is what the page is: one of the PageType* constants. Text
	// holds the page's main content whatever its type.
	PageType  string    `json:"page_type"`
	Text      string    `json:"text"` // paragraphs separated by a blank line
	WordCount int       `json:"word_count"`
	Flags     []string  `json:"flags"`
	FetchedAt time.Time `json:"fetched_at"`
	CaptureID int64     `json:"capture_id"`
	// ContentSHA256 is the hex SHA-256 of the capture body the article
	// was extracted from (the archived payload), so a citation can be
	// checked against the capture and its WARC record.
	ContentSHA256 string `json:"content_sha256"`
	// ExtractorVersion is the version of the extractor that derived the
	// article (scraper/extract.Version); 0 for articles extracted before
	// archivist recorded it (omitted from JSON then).
	ExtractorVersion int `json:"extractor_version,omitempty"`
	// ExtractedAt is when the article was extracted; nil when unknown
	// (articles stored before archivist recorded it).
	ExtractedAt *time.Time `json:"extracted_at,omitempty"`
	// Version is the number of this version of the article's title and
	// text (1 for the first); 0 on an article not read from a corpus.
	Version int `json:"version,omitempty"`
	// CapturedAt is the fetch time of the capture this version was first
	// extracted from (FetchedAt is the latest capture's, which may have
	// brought the same text again); nil on an article not read from a
	// corpus.
	CapturedAt *time.Time `json:"captured_at,omitempty"`
	// RowSHA256 is the digest recorded with the stored row (see
	// CheckDigest); "" on an article not read from a corpus. It is not
	// exported.
	RowSHA256 string `json:"-"`

	// valuesDigest is the digest of the stored values as they were read.
	valuesDigest string
}

// Page types (Article.PageType).
const (
	PageTypeArticle       = "article"       // one news story, blog post, feature or opinion piece
	PageTypeListing       = "listing"       // section front, tag, author or archive page: teasers linking to articles
	PageTypeForum         = "forum"         // discussion thread or Q&A: posts in sequence
	PageTypeProduct       = "product"       // one product (or a category of them) for sale
	PageTypeDocumentation = "documentation" // docs, reference, tutorial
	PageTypeService       = "service"       // marketing, company, institutional or landing page
	PageTypeOther         = "other"         // none of the above (a consent wall, an empty page)
)

// PageTypes lists the page types in a fixed order.
var PageTypes = []string{PageTypeArticle, PageTypeListing, PageTypeForum, PageTypeProduct,
	PageTypeDocumentation, PageTypeService, PageTypeOther}

// ParsePageType returns s as a page type (trimmed, lower case) and
// whether it is one of PageTypes.
func ParsePageType(s string) (string, bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	return t, slices.Contains(PageTypes, t)
}

// Date precisions (Article.PublishedPrecision, ModifiedPrecision).
const (
	PrecisionDay    = "day"
	PrecisionMinute = "minute"
	PrecisionSecond = "second"
)

// HasFlag reports whether the article carries flag f.
func (a *Article) HasFlag(f string) bool {
	for _, g := range a.Flags {
		if g == f {
			return true
		}
	}
	return false
}
