package warc

import (
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/archivist-project/archivist/corpus"
)

// cdxLine returns the CDXJ line of one record: SURT key, 14-digit
// timestamp, and a JSON object as pywb reads it.
func cdxLine(c *corpus.Capture, mime, digest string, offset, length int64, file string) string {
	obj := map[string]string{
		"url": c.URL, "mime": mime, "status": strconv.Itoa(c.Status), "digest": digest,
		"length": strconv.FormatInt(length, 10), "offset": strconv.FormatInt(offset, 10), "filename": file,
	}
	b, _ := json.Marshal(obj) // keys sorted: the same line for the same record
	return SURT(c.URL) + " " + c.FetchedAt.UTC().Format("20060102150405") + " " + string(b)
}

// SURT returns the Sort-friendly URI Reordering Transform of u as CDX
// indexes key it: host labels reversed and comma-joined (no "www."), ")",
// then the path and the query with its parameters sorted, lower case.
func SURT(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return strings.ToLower(u)
	}
	host := strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
	labels := strings.Split(host, ".")
	for i, j := 0, len(labels)-1; i < j; i, j = i+1, j-1 {
		labels[i], labels[j] = labels[j], labels[i]
	}
	key := strings.Join(labels, ",")
	if port := p.Port(); port != "" && port != "80" && port != "443" {
		key += ":" + port
	}
	path := p.EscapedPath()
	if path == "" {
		path = "/"
	}
	key += ")" + path
	if p.RawQuery != "" {
		params := strings.Split(p.RawQuery, "&")
		sort.Strings(params)
		key += "?" + strings.Join(params, "&")
	}
	return strings.ToLower(key)
}
