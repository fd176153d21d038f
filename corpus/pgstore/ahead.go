package pgstore

import (
	"strings"
	"sync"

	"github.com/archivist-project/archivist/corpus"
	"github.com/jackc/pgx/v5"
)

// Lookups asked ahead of a page's transaction. A crawl worker packs a
// page (Pack) before it hands the page to its single writer, which is most
// of the time committing another page's transaction then: the lookups the
// crawl will ask of the packed page's body and URL (see qLookups) go with
// that COMMIT, after it, and the page's own transaction finds them
// answered. Its capture, its article and the rest then all wait for its
// COMMIT: one round trip for the page instead of two.
//
// The answers serve the next transaction only, and only while nothing it
// wrote before could change them (an article of the same body or key, a
// redirect to the URL): as fresh as lookups at the start of that
// transaction, which is what the crawl's isolation (read committed) gives
// a statement anyway: it sees what committed before it.
type aheadLookups struct {
	mu       sync.Mutex
	packed   []dueLookups                // packed, not asked yet
	answered map[dueLookups]lookupAnswer // asked with the last COMMIT
}

// maxAhead caps the lookups waiting or answered: a page that fails
// before it is saved leaves its own.
const maxAhead = 64

// lookupAnswer is qLookups' answer for one capture's body and URL.
type lookupAnswer struct {
	byContent, byKey *int64
	redirects        []string
}

// pack records c's lookups to ask ahead, for a crawl worker's HTML
// capture.
func (a *aheadLookups) pack(c *corpus.Capture) {
	if c.SHA256 == "" || c.ErrorKind != "" || !strings.Contains(c.ContentType, "html") {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.packed) < maxAhead {
		a.packed = append(a.packed, dueLookups{sum: c.SHA256, key: c.URL})
	}
}

// waiting returns how many pages wait to be saved (as far as packed
// lookups tell).
func (a *aheadLookups) waiting() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.packed)
}

// take returns the lookups packed and not asked yet, and forgets them.
func (a *aheadLookups) take() []dueLookups {
	a.mu.Lock()
	defer a.mu.Unlock()
	l := a.packed
	a.packed = nil
	return l
}

// answer keeps what qLookupsAhead answered.
func (a *aheadLookups) answer(rows pgx.Rows) error {
	got := map[dueLookups]lookupAnswer{}
	for rows.Next() {
		var d dueLookups
		var l lookupAnswer
		if err := rows.Scan(&d.sum, &d.key, &l.byContent, &l.byKey, &l.redirects); err != nil {
			return err
		}
		if len(l.redirects) == 0 {
			l.redirects = nil // as the lookup's answer: none
		}
		got[d] = l
	}
	if err := rows.Err(); err != nil {
		return err
	}
	a.mu.Lock()
	a.answered = got
	a.mu.Unlock()
	return nil
}

// forget drops d from the lookups to ask: its capture is being stored.
func (a *aheadLookups) forget(d dueLookups) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for i, p := range a.packed {
		if p == d {
			a.packed = append(a.packed[:i], a.packed[i+1:]...)
			return
		}
	}
}

// begin hands the answers asked with the last COMMIT to the transaction
// beginning, and forgets them.
func (a *aheadLookups) begin() map[dueLookups]lookupAnswer {
	a.mu.Lock()
	defer a.mu.Unlock()
	m := a.answered
	a.answered = nil
	return m
}

// qLookupsAhead is qLookups' three lookups for several bodies ($1) and
// URLs ($2), a row each, without the ids taken ahead.
const qLookupsAhead = `SELECT l.sum, l.key, (SELECT id FROM articles WHERE content_sha256 = l.sum ORDER BY id LIMIT 1),
	(SELECT id FROM articles WHERE key = l.key),
	ARRAY(SELECT url FROM frontier WHERE redirect_to = l.key AND redirect_to <> '' ORDER BY url)
	FROM unnest($1::text[], $2::text[]) AS l(sum, key)`

// askAhead queues the lookups packed meanwhile to be sent after the
// transaction's COMMIT, for a crawl worker's store.
func (tx *Tx) askAhead() {
	if tx.s.workerID() == 0 {
		return
	}
	l := tx.s.ahead.take()
	if len(l) == 0 {
		return
	}
	sums, keys := make([]string, len(l)), make([]string, len(l))
	for i, d := range l {
		sums[i], keys[i] = d.sum, d.key
	}
	tx.tx.prefetchSoft("look up articles ahead", qLookupsAhead, []any{sums, keys}, tx.s.ahead.answer)
}

// answeredAhead sets the transaction's answers to the lookups of the
// capture of body sum at URL key from those asked ahead, when there are
// some and nothing the transaction wrote may have changed them.
func (tx *Tx) answeredAhead(sum, key string) bool {
	d := dueLookups{sum: sum, key: key}
	tx.s.ahead.forget(d)
	l, ok := tx.answered[d]
	delete(tx.answered, d)
	if !ok || tx.wroteAny || tx.wrote[sum] || tx.wrote[key] {
		return false
	}
	tx.byContent, tx.byKey = lookedUp(sum, l.byContent), lookedUp(key, l.byKey)
	tx.redirects = &redirectLookup{url: key, urls: l.redirects}
	return true
}

// written records that the transaction wrote something that may change a
// lookup of body digest or URL v (an article's, a redirect's target); no
// v: something that may change any.
func (tx *Tx) written(vs ...string) {
	if len(vs) == 0 {
		tx.wroteAny = true
		return
	}
	if tx.wrote == nil {
		tx.wrote = map[string]bool{}
	}
	for _, v := range vs {
		tx.wrote[v] = true
	}
}
