// Package urlnorm canonicalizes URLs for the crawler's visited check and for
// article identity, resolves links found on pages, and flags URLs that look
// like crawler traps.
//
// Everything here is a pure function of strings: no network, no state.
package urlnorm

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"

	"github.com/archivist-project/archivist/internal/quote"
)

// Sentinel errors returned (wrapped) by Normalize.
var (
	// ErrUnsupportedScheme is returned for URLs whose scheme is not http or
	// https, including relative URLs that have no scheme at all.
	ErrUnsupportedScheme = errors.New("unsupported scheme")
	// ErrInvalidURL is returned for strings that do not parse as a URL or
	// have no host.
	ErrInvalidURL = errors.New("invalid url")
)

// trackingParams lists the query parameter names Normalize drops, compared
// case-insensitively: click ids, campaign tags and session ids. Parameters starting with one of trackingPrefixes are
// dropped too. The list covers the click identifiers and campaign tags of the
// common ad, analytics, e-mail and social platforms; none of them selects
// content on the page.
var trackingParams = map[string]bool{
	"fbclid":        true, // Facebook click id
	"gclid":         true, // Google Ads click id
	"gclsrc":        true, // Google Ads click source
	"dclid":         true, // Google Display click id
	"gbraid":        true, // Google Ads (iOS) click id
	"wbraid":        true, // Google Ads (web-to-app) click id
	"msclkid":       true, // Microsoft Ads click id
	"yclid":         true, // Yandex click id
	"ysclid":        true, // Yandex search click id
	"twclid":        true, // Twitter/X click id
	"ttclid":        true, // TikTok click id
	"li_fat_id":     true, // LinkedIn click id
	"igshid":        true, // Instagram share id
	"igsh":          true, // Instagram share id (new form)
	"mc_cid":        true, // Mailchimp campaign id
	"mc_eid":        true, // Mailchimp subscriber id
	"_ga":           true, // Google Analytics cross-domain linker
	"_gl":           true, // Google Analytics linker
	"_hsenc":        true, // HubSpot
	"_hsmi":         true, // HubSpot
	"__hssc":        true, // HubSpot
	"__hstc":        true, // HubSpot
	"__hsfp":        true, // HubSpot
	"hsctatracking": true, // HubSpot
	"mkt_tok":       true, // Marketo
	"oly_anon_id":   true, // Omeda
	"oly_enc_id":    true, // Omeda
	"vero_id":       true, // Vero
	"vero_conv":     true, // Vero
	"rb_clickid":    true, // Rakuten
	"s_cid":         true, // Adobe campaign id
	"ref_src":       true, // Twitter embed source
	"ref_url":       true, // Twitter embed source
	"cmpid":         true, // campaign id used by many publishers
	"ito":           true, // internal tracking (Le Monde, FT, ...)
	"ocid":          true, // Microsoft/MSN campaign id
	"sr_share":      true, // share tracking
	"wt_mc":         true, // Webtrends
	"wt.mc_id":      true, // Webtrends
	"at_medium":     true, // AT Internet
	"at_campaign":   true, // AT Internet
	"xtor":          true, // AT Internet (XiTi)
	"spm":           true, // Alibaba
	// Session ids: one page, a new URL per visitor session.
	"phpsessid":  true,
	"jsessionid": true,
	"sessionid":  true,
	"cftoken":    true,
	"cfid":       true,
}

// trackingPrefixes are parameter name prefixes that are always tracking.
var trackingPrefixes = []string{"utm_", "pk_", "mtm_", "matomo_", "hmb_", "itm_"}

// TrackingParams returns the exact parameter names Normalize drops (sorted,
// lower case). Parameters whose name starts with one of TrackingPrefixes are
// dropped as well.
func TrackingParams() []string {
	out := make([]string, 0, len(trackingParams))
	for k, drop := range trackingParams {
		if drop {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// TrackingPrefixes returns the parameter name prefixes Normalize drops
// (utm_*, Piwik/Matomo pk_* and mtm_*, ...).
func TrackingPrefixes() []string { return slices.Clone(trackingPrefixes) }

// IsTrackingParam reports whether Normalize drops a query parameter with this
// (decoded) name.
func IsTrackingParam(name string) bool {
	if len(name) == 0 {
		return false
	}
	name = strings.ToLower(name)
	if trackingParams[name] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// Normalize returns the canonical form of an absolute http or https URL, used
// for the visited check and article identity:
//
//   - scheme and host lower case, an internationalized host converted to
//     ASCII (punycode), a trailing dot on the host dropped;
//   - the default port dropped (:80 for http, :443 for https);
//   - the fragment dropped;
//   - an empty path becomes "/", "." and ".." segments are resolved;
//   - percent-encoding normalized: hex digits upper case, unreserved
//     characters (A-Z a-z 0-9 - . _ ~) decoded, characters that may not
//     appear raw (spaces, non-ASCII bytes, ...) encoded, a stray "%" encoded
//     as "%25";
//   - tracking and session parameters dropped (see IsTrackingParam, and a
//     ";jsessionid=..." path parameter), empty parameters
//     ("a=1&&b=2") dropped, the remaining parameters sorted by key then value
//     (stable), and an empty "?" dropped.
//
// Leading and trailing spaces and embedded tabs and newlines are removed, and
// backslashes before the query are read as slashes, as browsers do. Other
// schemes, and relative URLs, return an error wrapping ErrUnsupportedScheme.
// Normalize is idempotent: Normalize(Normalize(x)) == Normalize(x).
func Normalize(raw string) (string, error) {
	u, err := parse(raw)
	if err != nil {
		return "", err
	}
	return normalizeURL(u)
}

// parse cleans raw the way browsers do and parses it.
func parse(raw string) (*url.URL, error) {
	u, err := url.Parse(clean(raw))
	if err != nil {
		return nil, fmt.Errorf("normalize %s: %w: %w", quote.Short(raw), ErrInvalidURL, unwrapURLError(err))
	}
	return u, nil
}

// unwrapURLError drops the *url.Error wrapper, whose message repeats the
// URL, and cuts what remains (an invalid port is quoted whole).
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return quote.Error(ue.Err)
	}
	return quote.Error(err)
}

// normalizeURL builds the canonical string of a parsed URL.
func normalizeURL(u *url.URL) (string, error) {
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		if scheme == "" {
			return "", fmt.Errorf("normalize %s: %w: relative url", quote.Short(u.String()), ErrUnsupportedScheme)
		}
		return "", fmt.Errorf("normalize %s: %w %s", quote.Short(u.String()), ErrUnsupportedScheme, quote.Short(scheme))
	}
	if u.Opaque != "" {
		return "", fmt.Errorf("normalize %s: %w: no host", quote.Short(u.String()), ErrInvalidURL)
	}
	host, err := normalizeHost(u.Hostname())
	if err != nil {
		return "", fmt.Errorf("normalize %s: %w", quote.Short(u.String()), err)
	}
	if host == "" {
		return "", fmt.Errorf("normalize %s: %w: no host", quote.Short(u.String()), ErrInvalidURL)
	}
	port := u.Port()
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n > 65535 {
			return "", fmt.Errorf("normalize %s: %w: bad port %s", quote.Short(u.String()), ErrInvalidURL, quote.Short(port))
		}
		if (scheme == "http" && n == 80) || (scheme == "https" && n == 443) {
			port = ""
		} else {
			port = strconv.Itoa(n)
		}
	}

	var b strings.Builder
	b.Grow(len(u.Host) + len(u.RawPath) + len(u.Path) + len(u.RawQuery) + 16)
	b.WriteString(scheme)
	b.WriteString("://")
	if u.User != nil {
		b.WriteString(normalizeEscapes(u.User.String(), userinfoAllowed))
		b.WriteByte('@')
	}
	if strings.IndexByte(host, ':') >= 0 {
		b.WriteByte('[')
		b.WriteString(host)
		b.WriteByte(']')
	} else {
		b.WriteString(host)
	}
	if port != "" {
		b.WriteByte(':')
		b.WriteString(port)
	}
	path := removeDotSegments(normalizeEscapes(dropPathSession(u.EscapedPath()), pathAllowed))
	if path == "" || path[0] != '/' {
		path = "/" + path
	}
	b.WriteString(path)
	if q := normalizeQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String(), nil
}

// clean removes what browsers ignore in a link: surrounding spaces and
// control characters, embedded tabs and newlines. It also reads backslashes
// before the query or fragment as slashes and encodes a "%" that does not
// start a valid escape, so that "100%" does not make the URL unparsable.
func clean(raw string) string {
	raw = strings.TrimFunc(raw, func(r rune) bool { return r <= ' ' })
	dirty := false
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\t', '\n', '\r', '\\':
			dirty = true
		case '%':
			if i+2 >= len(raw) || !isHex(raw[i+1]) || !isHex(raw[i+2]) {
				dirty = true
			}
		}
		if dirty {
			break
		}
	}
	if !dirty {
		return raw
	}
	var b strings.Builder
	b.Grow(len(raw) + 8)
	inPath := true
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			continue
		case c == '?' || c == '#':
			inPath = false
		case c == '\\' && inPath:
			c = '/'
		case c == '%' && (i+2 >= len(raw) || !isHex(raw[i+1]) || !isHex(raw[i+2])):
			b.WriteString("%25")
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// idnaProfile maps internationalized host names to ASCII the way browsers
// look them up (UTS 46, non-transitional), but tolerates the underscores and
// other characters that real host names contain.
var idnaProfile = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.StrictDomainName(false),
	idna.BidiRule(),
)

// normalizeHost lower-cases host, converts it to ASCII and drops a trailing
// dot. IPv6 literals keep their form in lower case (without brackets).
func normalizeHost(host string) (string, error) {
	host = strings.TrimSuffix(host, ".")
	ascii := true
	for i := 0; i < len(host); i++ {
		if host[i] >= 0x80 {
			ascii = false
			break
		}
	}
	h := host
	if !ascii {
		var err error
		h, err = idnaProfile.ToASCII(host)
		if err != nil {
			// The idna error quotes the whole label: say why, briefly.
			return "", fmt.Errorf("%w: host %s: not a valid internationalized domain name", ErrInvalidURL, quote.Short(host))
		}
		h = strings.TrimSuffix(h, ".")
	}
	h = strings.ToLower(h)
	if !validHost(h) {
		return "", fmt.Errorf("%w: host %s", ErrInvalidURL, quote.Short(host))
	}
	return h, nil
}

// validHost reports whether a lower-case ASCII host holds only the
// characters of DNS names (letters, digits, "-", "." and the "_" real hosts
// use) without empty labels, or is an IPv6 literal.
func validHost(h string) bool {
	if strings.IndexByte(h, ':') >= 0 {
		for i := 0; i < len(h); i++ {
			if c := h[i]; !(isHex(c) || c == ':' || c == '.') {
				return false
			}
		}
		// Colons and hex digits alone are not an address (":" from
		// "//::", whose last colon was read as the port's).
		_, err := netip.ParseAddr(h)
		return err == nil
	}
	if h == "" {
		return true // reported as "no host" by the caller
	}
	if h[0] == '.' || h[len(h)-1] == '.' || strings.Contains(h, "..") {
		return false // empty label
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

// Character classes of RFC 3986.
const (
	unreservedSet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
	subDelimsSet  = "!$&'()*+,;="
)

type charset [256]bool

func makeSet(chars ...string) *charset {
	var s charset
	for _, cs := range chars {
		for i := 0; i < len(cs); i++ {
			s[cs[i]] = true
		}
	}
	return &s
}

var (
	unreserved      = makeSet(unreservedSet)
	pathAllowed     = makeSet(unreservedSet, subDelimsSet, ":@/")
	userinfoAllowed = makeSet(unreservedSet, subDelimsSet, ":")
	// queryAllowed leaves "&" and "=" out: they are written by normalizeQuery
	// itself between keys and values.
	queryAllowed = makeSet(unreservedSet, "!$'()*+,;", ":@/?")
	queryValue   = makeSet(unreservedSet, "!$'()*+,;=", ":@/?")
)

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

const upperHex = "0123456789ABCDEF"

// normalizeEscapes rewrites s so that unreserved characters are never
// escaped, escapes use upper-case hex, and every byte outside allowed (and
// every "%" that does not start a valid escape) is escaped. It returns s
// itself when nothing changes.
func normalizeEscapes(s string, allowed *charset) string {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c == '%' {
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				d := unhex(s[i+1])<<4 | unhex(s[i+2])
				if unreserved[d] || isLowerHex(s[i+1]) || isLowerHex(s[i+2]) {
					break
				}
				i += 2
				continue
			}
			break
		}
		if !allowed[c] {
			break
		}
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			d := unhex(s[i+1])<<4 | unhex(s[i+2])
			if unreserved[d] {
				b.WriteByte(d)
			} else {
				b.WriteByte('%')
				b.WriteByte(upperHex[d>>4])
				b.WriteByte(upperHex[d&15])
			}
			i += 2
			continue
		}
		if c != '%' && allowed[c] {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
	return b.String()
}

func isLowerHex(c byte) bool { return 'a' <= c && c <= 'f' }

// removeDotSegments implements RFC 3986 section 5.2.4 on an absolute path.
func removeDotSegments(p string) string {
	if !hasDotSegment(p) {
		return p
	}
	segs := strings.Split(p, "/")
	// A path "/a/b" splits into "", "a", "b".
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if r == "" || r[0] != '/' {
		r = "/" + r
	}
	return r
}

// dropPathSession removes a Java servlet session id, ";jsessionid=...",
// from the end of any path segment.
func dropPathSession(p string) string {
	const key = ";jsessionid="
	for {
		i := indexFold(p, key)
		if i < 0 {
			return p
		}
		end := i + len(key)
		for end < len(p) && p[end] != '/' && p[end] != ';' {
			end++
		}
		p = p[:i] + p[end:]
	}
}

// indexFold is strings.Index ignoring ASCII case; key is lower case.
func indexFold(s, key string) int {
	for i := 0; i+len(key) <= len(s); i++ {
		if s[i] == ';' && strings.EqualFold(s[i:i+len(key)], key) {
			return i
		}
	}
	return -1
}

// hasDotSegment reports whether p has a "." or ".." segment.
func hasDotSegment(p string) bool {
	for i := 0; i < len(p); i++ {
		if p[i] != '.' || (i > 0 && p[i-1] != '/') {
			continue
		}
		j := i + 1
		if j < len(p) && p[j] == '.' {
			j++
		}
		if j == len(p) || p[j] == '/' {
			return true
		}
	}
	return false
}

type param struct {
	key, value string
	hasEq      bool
}

// normalizeQuery normalizes escapes in each parameter, drops empty and
// tracking parameters and sorts the rest by key, then value.
func normalizeQuery(q string) string {
	if q == "" {
		return ""
	}
	params := make([]param, 0, strings.Count(q, "&")+1)
	for part := range strings.SplitSeq(q, "&") {
		if part == "" {
			continue
		}
		var p param
		k, v, eq := strings.Cut(part, "=")
		p.key = normalizeEscapes(k, queryAllowed)
		p.value = normalizeEscapes(v, queryValue)
		p.hasEq = eq
		if p.key == "" && p.value == "" {
			continue
		}
		if IsTrackingParam(decodeKey(p.key)) {
			continue
		}
		params = append(params, p)
	}
	if len(params) == 0 {
		return ""
	}
	slices.SortStableFunc(params, func(a, b param) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		if c := strings.Compare(a.value, b.value); c != 0 {
			return c
		}
		switch {
		case a.hasEq == b.hasEq:
			return 0
		case !a.hasEq:
			return -1
		default:
			return 1
		}
	})
	var b strings.Builder
	b.Grow(len(q))
	for i, p := range params {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.key)
		if p.hasEq {
			b.WriteByte('=')
			b.WriteString(p.value)
		}
	}
	return b.String()
}

// decodeKey decodes a normalized query key for the tracking check.
func decodeKey(k string) string {
	if strings.IndexByte(k, '%') < 0 && strings.IndexByte(k, '+') < 0 {
		return k
	}
	d, err := url.QueryUnescape(k)
	if err != nil {
		return k
	}
	return d
}

// Resolve makes href absolute against base and normalizes it. It returns
// ok=false for links that cannot be fetched: empty, fragment-only (the same
// document), javascript:, mailto:, tel:, data: and any other scheme than http
// and https, and unparsable links.
func Resolve(base *url.URL, href string) (string, bool) {
	href = clean(href)
	if href == "" || href[0] == '#' {
		return "", false
	}
	ref, err := url.Parse(href)
	if err != nil {
		return "", false
	}
	if ref.Scheme != "" {
		s := strings.ToLower(ref.Scheme)
		if s != "http" && s != "https" {
			return "", false
		}
	}
	var abs *url.URL
	if base != nil {
		abs = base.ResolveReference(ref)
	} else {
		abs = ref
	}
	n, err := normalizeURL(abs)
	if err != nil {
		return "", false
	}
	return n, true
}

// Host returns the lower-case host of a URL without port or trailing dot, in
// ASCII (punycode) form; "" when raw does not parse or has no host.
func Host(raw string) string {
	u, err := url.Parse(clean(raw))
	if err != nil {
		return ""
	}
	h, err := normalizeHost(u.Hostname())
	if err != nil {
		return ""
	}
	return h
}

// SameHost reports whether two URLs have the same host, ignoring case, port
// and a leading "www.".
func SameHost(a, b string) bool {
	ha, hb := Host(a), Host(b)
	if ha == "" || hb == "" {
		return false
	}
	return strings.TrimPrefix(ha, "www.") == strings.TrimPrefix(hb, "www.")
}

// Site returns the registrable domain (eTLD+1, from the public suffix list)
// of a URL's host, such as "bbc.co.uk" for https://news.bbc.co.uk/x. For IP
// addresses, single-label hosts and public suffixes themselves it returns
// the host. It returns "" when raw has no host.
func Site(raw string) string {
	h := Host(raw)
	if h == "" {
		return ""
	}
	if strings.IndexByte(h, ':') >= 0 || isIPv4(h) {
		return h
	}
	s, err := publicsuffix.EffectiveTLDPlusOne(h)
	if err != nil {
		return h
	}
	return s
}

func isIPv4(h string) bool {
	for i := 0; i < len(h); i++ {
		if c := h[i]; c != '.' && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// SameSite reports whether two URLs belong to the same registrable domain
// (see Site): www.example.com, example.com and news.example.com are the same
// site; example.co.uk and other.co.uk are not.
func SameSite(a, b string) bool {
	sa, sb := Site(a), Site(b)
	return sa != "" && sa == sb
}

// NormalizePath normalizes the percent-encoding of a URL path (and query)
// the way Normalize does: unreserved characters decoded, hex upper case, and
// bytes that may not appear raw (spaces, non-ASCII) encoded. It leaves
// reserved characters, including "*" and "$", as they are, so it also
// normalizes robots.txt path patterns for matching against normalized URLs.
func NormalizePath(p string) string {
	return normalizeEscapes(p, robotsAllowed)
}

// robotsAllowed is pathAllowed plus the query delimiters.
var robotsAllowed = makeSet(unreservedSet, subDelimsSet, ":@/?")
