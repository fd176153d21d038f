package extract

import (
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/archivist-project/archivist/corpus"
)

// How dates are chosen (published and modified):
//
//   - Metadata first, in trust order (JSON-LD, article:*, other <meta>
//     names, microdata); then <time> elements near the article, bylines
//     and datelines, the text under the headline, relative dates ("3
//     hours ago"), <time> elsewhere, labelled dates, script data; the
//     URL's date is checked against all of these; dates in the body text
//     are the last resort.
//   - A day is upgraded to a full time of the same day when another
//     statement of the same date gives one (JSON-LD "2024-05-17" and
//     article:published_time "2024-05-17T09:30:00-04:00").
//   - A time is reported as the instant the page states, in the zone the
//     page states. A time given without a zone is a wall clock, in the
//     page's zone or in UTC written without the Z; it is reported with a
//     zone only when the page tells which: another statement of the same
//     date with a zone (the same wall clock, or the same instant), a
//     local time printed on the page that equals the wall clock (local)
//     or the wall clock moved by the page's offset (UTC), or, failing a
//     printed time, an offset in the page's own metadata within 30 days
//     (so that a daylight-saving change rarely intervenes). Otherwise it
//     is reported as its day, with PrecisionDay: labelling the wall clock
//     UTC would be off by the page's offset, and a researcher would read
//     it as an instant.
//   - A UTC timestamp is shown in the page's zone when the page states
//     the same instant with an offset or without a zone, or prints the
//     local clock time of that instant (the instant is unchanged).
//   - The corrections for readers west of UTC (localDay, visibleDay)
//     treat a wall clock without a zone as UTC, as they did before zones
//     were tracked: pages often write UTC without the Z.

// dateCtx holds what the date search needs beyond the page: the fetch
// time the caller gave, and the page's zoned and local times, read once
// when first needed.
type dateCtx struct {
	p       *page
	fetched time.Time // as the caller gave it; zero: relative dates are not read
	from    string    // which step gave the publication date (PublishedSource)
	*dateFacts
}

// dateFacts are what a dateCtx reads from its page once: they depend on
// the page alone, so published and modified share them (sharedDates)
// instead of parsing the page's times and walking under its headline
// twice.
type dateFacts struct {
	loaded    bool
	zones     []stamp   // times in the page's metadata with a stated offset other than UTC
	vzones    []stamp   // the same in visible elements (<time>, datelines, under the headline)
	stated    []stamp   // times on the page with a stated zone, UTC included
	headTexts *[]string // the short texts under the headline, once read
	clocks    []stamp   // visible local times without a zone (<time>, datelines, under the headline)
}

// published returns the publication date and its precision.
func (p *page) published(fetchedAt time.Time) (*time.Time, string) {
	c := &dateCtx{p: p, fetched: fetchedAt, dateFacts: p.sharedDates()}
	return c.published().out()
}

// sharedDates returns the page's dateFacts, made on first use.
func (p *page) sharedDates() *dateFacts {
	if p.dates == nil {
		p.dates = &dateFacts{}
	}
	return p.dates
}

// modified returns the last modification date and its precision; it is
// never before the publication date.
func (p *page) modified(pub *time.Time, pubPrec string) (*time.Time, string) {
	c := &dateCtx{p: p, dateFacts: p.sharedDates()}
	metas := c.settleAll(p.stamps(p.modifiedCands()))
	if len(metas) == 0 {
		metas = c.genericChange(pub)
	}
	if len(metas) == 0 {
		metas = c.visibleChange()
	}
	if len(metas) == 0 {
		return nil, ""
	}
	t := inPubZone(c.fuller(metas[0], metas), pub)
	if pub != nil {
		if t.hasTime() && pubPrec != corpus.PrecisionDay && t.t.Before(*pub) {
			return nil, ""
		}
		py, pm, pd := pub.Date()
		if ty, tm, td := t.t.Date(); time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC).Before(time.Date(py, pm, pd, 0, 0, 0, 0, time.UTC)) {
			return nil, ""
		}
	}
	return (&t).out()
}

// maxZoneGap is how far apart two times of a page may be for one's
// offset to show the other: a daylight-saving change rarely intervenes.
const maxZoneGap = 30 * 24 * time.Hour

// inPubZone returns the UTC time s in the zone the publication time pub
// was reported in, when that zone has an offset and the two lie within
// maxZoneGap: the page's zone, found for the publication (a printed
// local clock, an offset elsewhere). The instant is unchanged.
func inPubZone(s stamp, pub *time.Time) stamp {
	if pub == nil || !s.zoned || !s.hasTime() {
		return s
	}
	_, off := s.t.Zone()
	_, poff := pub.Zone()
	if off != 0 || poff == 0 || s.t.Sub(*pub).Abs() > maxZoneGap {
		return s
	}
	s.t = s.t.In(pub.Location())
	return s
}

// out returns the stamp's time and precision; nil and "" for no stamp.
func (s *stamp) out() (*time.Time, string) {
	if s == nil {
		return nil, ""
	}
	t := s.t
	return &t, s.prec
}

// dateOK reports whether t is a plausible publication date.
func (p *page) dateOK(t time.Time) bool {
	return !t.IsZero() && t.Year() >= 1990 && !t.After(p.fetched)
}

// stampOK reports whether s is a plausible publication date: from 1990
// on, and not after the fetch. A day, or a wall clock whose zone is not
// known, may run up to 14 hours ahead of UTC: the page's day starts
// earlier east of UTC.
func (p *page) stampOK(s stamp) bool {
	if s.t.IsZero() || s.t.Year() < 1990 {
		return false
	}
	limit := p.fetched
	if !s.hasTime() || !s.zoned {
		limit = limit.Add(14 * time.Hour)
	}
	return !s.t.After(limit)
}

// stamps parses the values that are plausible dates, in order.
func (p *page) stamps(vals []string) []stamp {
	var out []stamp
	for _, v := range vals {
		if v == "" {
			continue
		}
		if s, ok := parseStamp(v); ok && p.stampOK(s) {
			out = append(out, s)
		}
	}
	return out
}

// firstStamp returns the first value that is a plausible date.
func (p *page) firstStamp(vals ...string) *stamp {
	for _, v := range vals {
		if v == "" {
			continue
		}
		if s, ok := parseStamp(v); ok && p.stampOK(s) {
			return &s
		}
	}
	return nil
}

// publishedCands returns the metadata values that state the publication
// date, in trust order.
func (p *page) publishedCands() []string {
	var cands []string
	if ld := p.ldArticle(); ld != nil {
		cands = append(cands, ldString(ld["datePublished"]), ldString(ld["dateCreated"]))
	}
	if lp := p.ldPage(); lp != nil {
		cands = append(cands, ldString(lp["datePublished"]))
	}
	for _, k := range []string{"article:published_time", "og:published_time", "og:article:published_time", "article:published",
		"datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "publication-date",
		"dc.date", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dcterms.date",
		"parsely-pub-date", "sailthru.date", "article.published", "article_date_original", "original-publish-date",
		"cxenseparse:recs:publishtime", "sort_date", "displaydate", "dat", "created", "live_date", "rnews:datepublished",
		// Scholarly and library pages: Highwire Press tags (read by
		// Google Scholar), PRISM and Dublin Core's issued. A bare year or
		// month ("2017", "2017/01") names no day and is not parsed.
		"citation_publication_date", "citation_online_date", "citation_date", "prism.publicationdate", "dc.issued",
		// Korean news sites' registration (posting) time.
		"og:regdate"} {
		for _, v := range p.metas[k] {
			cands = append(cands, expandClock(v))
		}
	}
	cands = append(cands, p.micro["datePublished"]...)
	return append(cands, p.micro["dateCreated"]...)
}

// modifiedCands returns the metadata values that state the last
// modification, in trust order.
func (p *page) modifiedCands() []string {
	var cands []string
	if ld := p.ldArticle(); ld != nil {
		cands = append(cands, ldString(ld["dateModified"]))
	}
	for _, k := range []string{"article:modified_time", "og:updated_time", "article:modified", "last-modified", "lastmod",
		"dateModified", "datemodified", "dcterms.modified", "dc.date.modified", "parsely-updated", "modified_time", "eomportal-lastupdate"} {
		cands = append(cands, p.metas[k]...)
	}
	return append(cands, p.micro["dateModified"]...)
}

// urlDate returns the full date in the page's URL path, as a day.
func (p *page) urlDate() *stamp {
	if p.base == nil {
		return nil
	}
	if t, ok := dateFromURL(p.base.Path); ok && p.dateOK(t) {
		s := dayStamp(t.Date())
		return &s
	}
	return nil
}

// published finds the publication date in trust order.
func (c *dateCtx) published() *stamp {
	p := c.p
	urlDate := p.urlDate()
	if metas := c.settleAll(p.stamps(p.publishedCands())); len(metas) > 0 {
		return c.fromMetadata(metas, urlDate)
	}
	return c.withoutMetadata(urlDate)
}

// fromMetadata picks the publication date when the metadata states one
// (metas, settled, in trust order), weighed against the URL's date and
// the dates printed on the page.
func (c *dateCtx) fromMetadata(metas []stamp, urlDate *stamp) *stamp {
	t := metas[0]
	if urlDate != nil && farApart(t.t, urlDate.t) {
		// A full date in the URL is fixed when the page is first
		// published; metadata that names another day was updated
		// since (a republished or revised page).
		c.from = "url over metadata"
		return urlDate
	}
	if v := c.overGeneric(t, urlDate); v != nil {
		c.from = "printed over generic metadata"
		return v
	}
	if v := c.overRenderStamp(t); v != nil {
		c.from = "printed over render stamp"
		return v
	}
	c.from = "metadata"
	if v := c.visibleChoice(t, metas); v != nil {
		t = *v
		c.from = "metadata, printed day"
	}
	t = localDay(c.fuller(t, metas), urlDate)
	if urlDate == nil {
		t = c.visibleDay(t)
	}
	return &t
}

// withoutMetadata finds the publication date of a page whose metadata
// states none: the URL's, the page's printed date, then weaker sources.
func (c *dateCtx) withoutMetadata(urlDate *stamp) *stamp {
	p := c.p
	// The URL's date is the publication day by the site's own account;
	// visible dates may be other posts', comments' or the last update's.
	// A visible date on that day is kept for its time of day.
	t := c.pageDate()
	if urlDate != nil && (t == nil || !sameDay(t.t, urlDate.t)) {
		c.from = "url"
		u := c.dayTime(*urlDate)
		return &u
	}
	if t != nil {
		u := c.dayTime(*t)
		t = &u
	}
	for _, step := range []struct {
		name string
		find func() *stamp
	}{{"ld other", p.ldOtherDate}, {"image url", p.imageURLDate}, {"frequent", p.frequentDate}, {"yearless", c.yearlessDate}} {
		if t != nil {
			break
		}
		t, c.from = step.find(), step.name
	}
	if t == nil {
		c.from = ""
	}
	return t
}

// settleAll settles each stamp against the others (statements of the
// same date) and the page.
func (c *dateCtx) settleAll(ss []stamp) []stamp {
	out := make([]stamp, len(ss))
	for i, s := range ss {
		out[i] = c.settle(s, ss)
	}
	return out
}

// settle decides how a stamp is reported: a time in UTC takes the page's
// zone for the same instant; a wall clock without a zone takes the zone
// the page gives elsewhere, or else becomes its day. same holds other
// statements of the same date.
func (c *dateCtx) settle(s stamp, same []stamp) stamp {
	if !s.hasTime() {
		return s
	}
	if s.zoned {
		if _, off := s.t.Zone(); off == 0 {
			return c.localInstant(s, same)
		}
		return s
	}
	for _, o := range same {
		if loc, ok := offsetBetween(s, o); ok {
			return inZone(s, loc)
		}
	}
	if loc, ok := c.sameClock(s); ok {
		z := inZone(s, loc)
		if _, off := z.t.Zone(); off == 0 {
			// UTC: shown in the page's zone where the page gives it.
			return c.localInstant(z, same)
		}
		return z
	}
	if z, fromMeta := c.pageZone(s); z != nil {
		// The page's zone, and a clock printed on the page that shows
		// the wall clock s either as it is (local) or moved by the
		// zone's offset (s is UTC written without the Z). Without a
		// printed clock, only an offset in the page's own metadata
		// makes s local.
		_, off := z.t.Zone()
		switch c.printedAs(s, off) {
		case clockUTC:
			s.t, s.zoned = s.t.In(z.t.Location()), true
			return s
		case clockLocal:
			return inZone(s, z.t.Location())
		}
		if fromMeta {
			return inZone(s, z.t.Location())
		}
	}
	d := dayStamp(s.t.Date())
	d.wall = s.t
	return d
}

// offsetBetween reports the zone in which the wall clock w is the instant
// o states: o must have a time and an offset, be UTC or have the offset
// found, and lie within 14 hours of w, by whole quarter hours.
func offsetBetween(w, o stamp) (*time.Location, bool) {
	if !o.zoned || !o.hasTime() {
		return nil, false
	}
	inst := o.t
	if w.prec == corpus.PrecisionMinute {
		inst = inst.Truncate(time.Minute)
	}
	d := w.t.Sub(inst.UTC())
	_, off := o.t.Zone()
	if !plausibleOffset(d) || off != 0 && d != time.Duration(off)*time.Second {
		return nil, false
	}
	return time.FixedZone("", int(d/time.Second)), true
}

// plausibleOffset reports whether d can be a UTC offset.
func plausibleOffset(d time.Duration) bool {
	return d.Abs() <= 14*time.Hour && d%(15*time.Minute) == 0
}

// inZone returns the wall clock s in loc.
func inZone(s stamp, loc *time.Location) stamp {
	t := s.t
	s.t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
	s.zoned = true
	return s
}

// load reads the page's zoned times (metadata, <time> elements, datelines
// and the text under the headline) and its local clock times.
func (c *dateCtx) load() {
	if c.loaded {
		return
	}
	c.loaded = true
	p := c.p
	meta := append(p.publishedCands(), p.modifiedCands()...)
	var vis []string
	for _, n := range p.times {
		vis = append(vis, attr(n, "datetime"), shortText(n, 100))
	}
	vis = append(vis, p.datelines...)
	vis = append(vis, c.heads()...)
	for i, v := range append(meta, vis...) {
		if v == "" {
			continue
		}
		s, ok := parseStamp(v)
		if !ok || !s.hasTime() || !p.stampOK(s) {
			continue
		}
		_, off := s.t.Zone()
		switch {
		case s.zoned && off != 0 && i < len(meta):
			c.zones = append(c.zones, s)
		case s.zoned && off != 0:
			c.vzones = append(c.vzones, s)
		case !s.zoned && i >= len(meta):
			c.clocks = append(c.clocks, s)
		}
		if s.zoned {
			c.stated = append(c.stated, s)
		}
	}
}

// How a printed clock shows a wall clock (printedAs).
const (
	clockNone  = iota
	clockLocal // the same wall clock
	clockUTC   // the wall clock moved by the page's offset
)

// printedAs reports how a local clock printed on the page shows the wall
// clock s, given the page's offset off (in seconds), to the minute.
func (c *dateCtx) printedAs(s stamp, off int) int {
	c.load()
	w := s.t.Truncate(time.Minute)
	for _, v := range c.clocks {
		switch v.t.Truncate(time.Minute).Sub(w) {
		case 0:
			return clockLocal
		case time.Duration(off) * time.Second:
			return clockUTC
		}
	}
	return clockNone
}

// sameClock returns the zone of a time on the page that states the wall
// clock s with a zone (UTC included): the same date written twice.
func (c *dateCtx) sameClock(s stamp) (*time.Location, bool) {
	c.load()
	for _, o := range c.stated {
		w := o.t
		if s.prec == corpus.PrecisionMinute {
			w = w.Truncate(time.Minute)
		}
		if y, m, d := w.Date(); time.Date(y, m, d, w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC).Equal(s.t) {
			return o.t.Location(), true
		}
	}
	return nil, false
}

// heads returns the short texts under the headline (nearHeadline), read
// once.
func (c *dateCtx) heads() []string {
	if c.headTexts == nil {
		h := c.p.nearHeadline()
		c.headTexts = &h
	}
	return *c.headTexts
}

// pageZone returns the time with an offset nearest to the wall clock s,
// if one lies within 30 days of it: in the page's metadata (fromMeta),
// else in its visible elements.
func (c *dateCtx) pageZone(s stamp) (z *stamp, fromMeta bool) {
	c.load()
	for i, zs := range [][]stamp{c.zones, c.vzones} {
		for j, o := range zs {
			if d := o.t.Sub(s.t).Abs(); d <= 30*24*time.Hour && (z == nil || d < z.t.Sub(s.t).Abs()) {
				z = &zs[j]
			}
		}
		if z != nil {
			return z, i == 0
		}
	}
	return nil, false
}

// localInstant returns the UTC time s in the page's zone: the zone of the
// same instant stated with an offset elsewhere on the page, or the zone
// in which a local clock time printed on the page is that instant. It
// returns s unchanged when there is neither.
func (c *dateCtx) localInstant(s stamp, same []stamp) stamp {
	c.load()
	for _, z := range slices.Concat(c.zones, c.vzones) {
		if z.t.Sub(s.t).Abs() < time.Minute {
			s.t = s.t.In(z.t.Location())
			return s
		}
	}
	for _, w := range slices.Concat(same, c.clocks) {
		if w.zoned {
			continue
		}
		if loc, ok := offsetBetween(w, s); ok {
			s.t = s.t.In(loc)
			return s
		}
	}
	return s
}

// fuller returns a statement of t's day with a time when t is a day: the
// first among the metadata values, else a <time> element near the
// article or the first visible dateline.
func (c *dateCtx) fuller(t stamp, metas []stamp) stamp {
	if t.hasTime() {
		return t
	}
	for _, m := range metas {
		if m.hasTime() && sameDay(m.t, t.t) {
			return m
		}
	}
	p := c.p
	scope := p.dateScope()
	for _, n := range p.times {
		if scope != nil && !isAncestor(scope, n) {
			continue
		}
		if s, ok := c.timeElement(n, false); ok && s.hasTime() && sameDay(s.t, t.t) {
			return s
		}
	}
	for _, v := range [][]string{p.datelines, c.heads()} {
		if s := p.firstStamp(v...); s != nil {
			if st := c.settle(*s, nil); st.hasTime() && sameDay(st.t, t.t) {
				return st
			}
		}
	}
	return t
}

// timeElement reads a <time> element: its datetime attribute, or its
// text when the attribute is missing or gives only the day that the text
// gives with a time, or, with relative, a relative date in its text. The
// result is settled.
func (c *dateCtx) timeElement(n *xhtml.Node, relative bool) (stamp, bool) {
	p := c.p
	a, aok := parseStamp(attr(n, "datetime"))
	aok = aok && p.stampOK(a)
	if aok && a.hasTime() {
		return c.settle(a, nil), true
	}
	txt := shortText(n, 100)
	x, xok := parseStamp(txt)
	xok = xok && p.stampOK(x)
	if !xok && !aok && relative {
		x, xok = relativeStamp(txt, c.fetched)
		xok = xok && p.stampOK(x)
	}
	if xok && (!aok || x.hasTime() && sameDay(x.t, a.t)) {
		if s := c.settle(x, nil); !aok || s.hasTime() {
			return s, true
		}
	}
	return a, aok
}

// visibleChoice settles metadata that names more than one day (JSON-LD
// and meta tags out of step after an edit): the candidate on the day the
// page prints near its headline or in its dateline is the one readers
// saw. It returns nil when the metadata agrees, when the page prints no
// date, or when no candidate falls on the printed day.
func (c *dateCtx) visibleChoice(t stamp, metas []stamp) *stamp {
	var alts []stamp
	for _, m := range metas {
		if !sameDay(m.t, t.t) {
			alts = append(alts, m)
		}
	}
	if len(alts) == 0 {
		return nil
	}
	// The first date under the headline, then the first dateline (which
	// may be a teaser's, further down).
	v := c.p.firstStamp(c.heads()...)
	if v == nil {
		v = c.p.firstDateline()
	}
	if v == nil || sameDay(v.t, t.t) {
		return nil
	}
	for i := range alts {
		if sameDay(alts[i].t, v.t) {
			return &alts[i]
		}
	}
	return nil
}

// firstDateline returns the first visible dateline that is a date.
func (p *page) firstDateline() *stamp {
	for _, d := range p.datelines {
		if x, ok := parseShortStamp(d); ok && p.stampOK(x) {
			return &x
		}
	}
	return nil
}

// visibleDay corrects a UTC timestamp in the morning that falls on the
// day after the date printed near the headline, as localDay does with the
// URL's date: readers west of UTC saw the printed day; and one in the
// evening that falls on the day before it: readers east of UTC saw the
// printed day (a local midnight written in UTC). When the printed
// date has the local time of the same instant, the result is that instant
// in the zone it implies; otherwise it is the printed day.
func (c *dateCtx) visibleDay(t stamp) stamp {
	if _, off := t.t.Zone(); off != 0 || !t.hasTime() && t.wall.IsZero() {
		return t
	}
	v := c.p.firstDateline()
	if v == nil {
		v = c.p.firstStamp(c.heads()...)
	}
	if v == nil || !dayAcross(t, *v) {
		return t
	}
	if v.zoned && v.hasTime() && t.hasTime() && v.t.Sub(t.t).Abs() < time.Minute {
		t.t = t.t.In(v.t.Location())
		return t
	}
	if loc, ok := offsetBetween(*v, t); ok && !v.zoned && v.hasTime() && t.hasTime() {
		t.t = t.t.In(loc)
		return t
	}
	return dayStamp(v.t.Date())
}

// dayAcross reports whether the UTC timestamp t falls on the day beside
// the printed date v that a reader's zone explains: the day after in the
// morning (west of UTC), the day before in the evening at a whole quarter
// hour when the page prints the day alone (east of UTC: a local midnight
// written in UTC).
func dayAcross(t, v stamp) bool {
	if t.clock().Hour() < 12 {
		return sameDay(v.t.AddDate(0, 0, 1), t.t)
	}
	c := t.clock()
	return c.Minute()%15 == 0 && c.Second() == 0 && !v.hasTime() && sameDay(t.t.AddDate(0, 0, 1), v.t)
}

// localDay corrects a UTC timestamp that falls on the day after the
// URL's date: the page was published in the evening of the URL's day in
// a zone west of UTC, and the URL names the day its readers saw. The
// result is the URL's day, without a time, since the zone is not known.
// A wall clock given without a zone counts as UTC here (pages often write
// UTC times without the Z), as does a date-only value.
func localDay(t stamp, urlDate *stamp) stamp {
	if urlDate == nil {
		return t
	}
	if _, off := t.t.Zone(); off != 0 {
		return t
	}
	if sameDay(urlDate.t.AddDate(0, 0, 1), t.t) && t.clock().Hour() < 12 {
		return *urlDate
	}
	return t
}

// dateScope returns the article's <article> or <main>, or its content's
// close ancestors: where the article's own dates are.
func (p *page) dateScope() *xhtml.Node {
	if p.top == nil {
		return nil
	}
	scope := p.top
	for a, i := p.top, 0; a != nil && i < 4; a, i = a.Parent, i+1 {
		scope = a
		if a.DataAtom == atom.Article || a.DataAtom == atom.Main {
			break
		}
	}
	return scope
}

// pageDate finds a date in the page's visible text and elements, for
// pages whose metadata has none.
func (c *dateCtx) pageDate() *stamp {
	s := c.visibleDate()
	if s == nil {
		return nil
	}
	st := c.settle(*s, nil)
	return &st
}

// visibleDate finds the page's date outside its metadata, in trust order.
func (c *dateCtx) visibleDate() *stamp {
	scope := c.p.dateScope()
	t, far, changed := c.nearTimeDate(scope)
	c.from = "time near"
	if t == nil {
		t, c.from = c.datelineDate(scope), "dateline"
	}
	if t == nil && changed != nil {
		// A page that prints only its change time was first published
		// no later; that time is closer than a day read from the text.
		t, c.from = c.changedDate(changed), "change label"
	}
	if t == nil {
		t, c.from = c.textTopDate(scope), "text top"
	}
	if t == nil {
		t, c.from = c.lastResortDate(far), "last resort"
	}
	return t
}

// nearTimeDate returns the date of the first <time> element near the
// article (its <article> or the content's close ancestors), marked
// publication times ("pubdate", class "published") before others, and
// the <time> elements of the rest of the page, for later, and the first
// near one labelled as a change, a fallback.
func (c *dateCtx) nearTimeDate(scope *xhtml.Node) (t *stamp, far []*xhtml.Node, changed *xhtml.Node) {
	p := c.p
	var pubNear, near []*xhtml.Node
	for _, t := range p.times {
		switch p.itemLink(t) {
		case linkSelf:
			// A list's item that links to this page dates it.
			pubNear = append(pubNear, t)
			continue
		case linkOther:
			// One that links to another page dates that page.
			continue
		}
		switch {
		case scope != nil && !isAncestor(scope, t):
			far = append(far, t)
		case hasAttr(t, "pubdate") || strings.Contains(strings.ToLower(attr(t, "class")), "publish"):
			pubNear = append(pubNear, t)
		default:
			near = append(near, t)
		}
	}
	for i, n := range append(pubNear, near...) {
		if eventDate(n) {
			continue
		}
		if i >= len(pubNear) {
			change, other := notPublication(n)
			if change && changed == nil {
				changed = n
			}
			if change || other {
				continue
			}
		}
		if s, ok := c.timeElement(n, true); ok {
			return &s, far, changed
		}
	}
	return nil, far, changed
}

// notPublication tells whether the unmarked <time> n states a change
// (the text just before labels it: "Last updated:", "Aktualisiert am")
// or another date than the page's (one in a sentence of the story, a
// match's kick-off: inRunningText), not its publication. The first such
// time was taken at precision second before any dateline (review39b). A
// sentence that names a publication ("filed by Jane Roe from Kyiv on",
// rePubWord) is a byline: its time is the page's.
func notPublication(n *xhtml.Node) (change, other bool) {
	prev := prevText(n)
	if changeLabel(prev) {
		return true, false
	}
	return false, inRunningText(n) && !rePubWord.MatchString(prev)
}

// changedDate returns the date of the <time> element n labelled as a
// change, or nil.
func (c *dateCtx) changedDate(n *xhtml.Node) *stamp {
	if s, ok := c.timeElement(n, true); ok {
		return &s
	}
	return nil
}

// datelineDate returns the date of the first element named for a date
// (a dateline) that dates this page: of a teaser that links to this page
// (its headline), wherever it is, then of the others, never another
// post's. Datelines that name several days are a list of posts (recent
// posts in a sidebar): only those near the article count then.
func (c *dateCtx) datelineDate(scope *xhtml.Node) *stamp {
	p := c.p
	several := !p.datelinesOneDay()
	links := make([]int, len(p.datelines))
	for i := range p.datelines {
		if several && p.datelineAt[i] != nil {
			links[i] = p.itemLink(p.datelineAt[i])
		}
	}
	for _, near := range []bool{false, true} {
		if near && several {
			// Datelines of several days near the article are a list
			// of posts; a data-date attribute naming one day is the
			// page's own.
			if t := p.dataAttrDate(); t != nil {
				return t
			}
		}
		for i, d := range p.datelines {
			switch {
			case !near && links[i] != linkSelf, links[i] == linkOther:
				continue
			case p.inBanner(p.datelineAt[i]):
				continue
			case eventLine(d), p.datelineAt[i] != nil && eventDate(p.datelineAt[i]):
				continue
			case near && several && scope != nil && p.datelineAt[i] != nil && !isAncestor(scope, p.datelineAt[i]):
				continue
			}
			// Elements named for a date may print a two-digit year.
			if t, ok := parseShortStamp(d); ok && p.stampOK(t) {
				return &t
			}
		}
	}
	return nil
}

// textTopDate returns a date written at the top of the story: a dateline
// in its first blocks, under the headline, over it, or a relative date
// ("3 hours ago") where datelines are.
func (c *dateCtx) textTopDate(scope *xhtml.Node) *stamp {
	p := c.p
	for i, b := range p.blocks {
		if i == 3 {
			break
		}
		if len(b.text) < 200 && !eventLine(b.text) {
			if t := p.firstStamp(b.text); t != nil {
				return t
			}
		}
	}
	heads := c.heads()
	if t := p.firstStamp(heads...); t != nil {
		return t
	}
	if t := p.firstStamp(p.aboveHeadline()...); t != nil {
		return t
	}
	return c.relativeDate(scope, heads)
}

// lastResortDate returns a date from the sources least tied to the
// story: <time> elsewhere on the page (far; sidebars and related lists
// carry other posts' dates, so not their relative dates), labelled dates,
// date hints outside the banner, data attributes, scripts, the text.
func (c *dateCtx) lastResortDate(far []*xhtml.Node) *stamp {
	p := c.p
	for _, n := range far {
		if s, ok := c.timeElement(n, false); ok {
			return &s
		}
	}
	if t := p.firstStamp(p.labelledDates()...); t != nil {
		return t
	}
	var banner map[string]bool
	for _, h := range p.dateHints {
		t, ok := parseShortStamp(h)
		if !ok || !p.stampOK(t) {
			continue
		}
		if banner == nil {
			banner = p.bannerHints()
		}
		if !banner[h] {
			return &t
		}
	}
	if t := p.dataAttrDate(); t != nil {
		return t
	}
	if t := p.firstStamp(p.scriptDates...); t != nil {
		return t
	}
	return p.textDate()
}

// relativeDate returns the first relative date ("3 hours ago",
// "gestern, 10:30") in a dateline near the article or the text under the
// headline, resolved against the fetch time the caller gave. Datelines
// elsewhere are other posts' ("2 hours ago" in a list of recent posts).
func (c *dateCtx) relativeDate(scope *xhtml.Node, heads []string) *stamp {
	if c.fetched.IsZero() {
		return nil
	}
	p := c.p
	var near []string
	for i, d := range p.datelines {
		if scope == nil || p.datelineAt[i] == nil || isAncestor(scope, p.datelineAt[i]) {
			near = append(near, d)
		}
	}
	for _, v := range append(near, heads...) {
		if s, ok := relativeStamp(v, c.fetched); ok && p.stampOK(s) {
			return &s
		}
	}
	return nil
}

// datelinesOneDay reports whether the elements named for a date that
// parse name a single day.
func (p *page) datelinesOneDay() bool {
	var first *stamp
	for _, d := range p.datelines {
		t, ok := parseShortStamp(d)
		if !ok || !p.stampOK(t) {
			continue
		}
		if first == nil {
			first = &t
		} else if !sameDay(first.t, t.t) {
			return false
		}
	}
	return true
}

// textDate returns the first short text that is a date, in the article's
// close ancestors first, then anywhere in the page: the last resort for
// pages that print their date in a plain element without any name.
func (p *page) textDate() *stamp {
	var found *stamp
	var skip *xhtml.Node
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if found != nil || n == skip {
			return
		}
		switch n.Type {
		case xhtml.TextNode:
			if d, ok := p.plainDate(n.Data); ok {
				found = &d
			}
			return
		case xhtml.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Select, atom.Option, atom.Textarea:
				return
			}
		}
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			walk(c)
		}
	}
	if p.top != nil {
		scope := p.top
		for a, i := p.top, 0; a != nil && i < 3 && a.DataAtom != atom.Body; a, i = a.Parent, i+1 {
			scope = a
		}
		walk(scope)
		if found != nil {
			return found
		}
		skip = scope
	}
	walk(p.root)
	return found
}

// plainDate reads a short text that is a date, for textDate. Its lengths
// count characters, not bytes: a date in Bengali, Devanagari or Thai
// letters and digits takes three bytes a character, and a byte limit
// would drop it where the same date in Latin letters is read.
func (p *page) plainDate(s string) (stamp, bool) {
	if len(s) > 4*120 || !hasDigit(s) || utf8.RuneCountInString(s) > 120 || !dateDigits(s) {
		return stamp{}, false
	}
	t := cleanSpace(s)
	if n := utf8.RuneCountInString(t); n < 6 || n > 60 {
		return stamp{}, false
	}
	d, ok := parseStamp(t)
	if !ok && len(t) <= 10 {
		// A text that is nothing but "02.12.19".
		d, ok = parseShortStamp(t)
	}
	return d, ok && p.stampOK(d)
}

// dateDigits reports whether s holds the digits every date parseStamp
// reads has: a day and a year apart (two runs of digits of any script),
// or one run of eight or more ("20240617", a Unix time). The cheap test
// that spares parsing each "Story ১২৩" or "12 comments" of an undated
// 16,000-link listing (a fifth of Extract's time on one in Bengali).
func dateDigits(s string) bool {
	runs, run, longest := 0, 0, 0
	for _, r := range s {
		if !unicode.IsDigit(r) {
			run = 0
			continue
		}
		if run == 0 {
			runs++
		}
		run++
		longest = max(longest, run)
	}
	return runs >= 2 || longest >= 8
}

// ldOtherDate returns the date the page's JSON-LD objects other than
// articles state when the object is the page's own content (ldPageTypes:
// a recipe's or data set's datePublished, a forum thread's first post, a
// question's dateCreated) and they name a single day. Other objects' dates
// are those of what the page is about (a book's, a film's, an album's, a
// video's: often an embedded clip's), and other dates in JSON-LD are an
// event's, an offer's or a person's, never the page's (frequentDate skips
// JSON-LD).
func (p *page) ldOtherDate() *stamp {
	var found *stamp
	for _, m := range p.ld {
		if !ldIs(m, isLDPageType) {
			continue
		}
		s := p.firstStamp(ldString(m["datePublished"]), ldString(m["dateCreated"]))
		if s == nil {
			continue
		}
		if found != nil && !sameDay(found.t, s.t) {
			return nil // several posts or videos: none is the page's
		}
		if found == nil {
			found = s
		}
	}
	return found
}

// expandClock writes a compact wall clock of 14 digits
// ("20210820030646", as Korean news sites give og:regDate; its zone is
// not stated) as "2021-08-20T03:06:46", and returns any other value as
// it is. Only metadata gets this: in the page's text 14 digits are more
// often an id or a reference number.
func expandClock(v string) string {
	t := strings.TrimSpace(v)
	if len(t) != 14 {
		return v
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return v
		}
	}
	return t[0:4] + "-" + t[4:6] + "-" + t[6:8] + "T" + t[8:10] + ":" + t[10:12] + ":" + t[12:14]
}

// ldPageTypes are the JSON-LD types, other than articles, whose object is
// the page's own content, so that its date is the page's: a web page of
// any kind, and the kinds of content a page is.
var ldPageTypes = map[string]bool{
	"WebPage": true, "ItemPage": true, "FAQPage": true, "QAPage": true, "CollectionPage": true,
	"AboutPage": true, "MedicalWebPage": true, "ContactPage": true, "SearchResultsPage": true,
	"Recipe": true, "Dataset": true, "HowTo": true, "Question": true, "Answer": true,
	"DiscussionForumPosting": true, "SocialMediaPosting": true, "PodcastEpisode": true, "Course": true,
}

// isLDPageType reports whether the JSON-LD type t (bare or as a schema.org
// URL) is one of ldPageTypes.
func isLDPageType(t string) bool {
	return ldPageTypes[bareLDType(t)]
}

// frequentDate returns the day named most often in numeric dates anywhere
// in the page, its scripts included (not JSON-LD), the earliest on a tie: the very last
// resort, for pages whose only dates sit in script calls or in running
// text. It reads at most the first 4 MB of text.
func (p *page) frequentDate() *stamp {
	counts := make(map[time.Time]int)
	budget := 4 << 20
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if budget <= 0 {
			return
		}
		switch n.Type {
		case xhtml.TextNode:
			budget -= len(n.Data)
			if !strings.ContainsAny(n.Data, "0123456789") {
				return
			}
			looseDates(n.Data, func(y, mo, d int) {
				if t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC); p.dateOK(t) {
					counts[t]++
				}
			})
			return
		case xhtml.ElementNode:
			if n.DataAtom == atom.Style {
				return
			}
			if n.DataAtom == atom.Script && strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
				// JSON-LD names what its dates are: those not read as the
				// publication are an event's, an offer's, a person's.
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.root)
	var best time.Time
	bestN := 0
	for t, k := range counts {
		if k > bestN || k == bestN && t.Before(best) {
			best, bestN = t, k
		}
	}
	if bestN == 0 {
		return nil
	}
	s := dayStamp(best.Date())
	return &s
}

// imageURLDate returns the full date in the path of the page's share
// image (og:image, twitter:image): the day it was uploaded for the page,
// the last resort for pages that state no date at all.
func (p *page) imageURLDate() *stamp {
	for _, k := range []string{"og:image", "twitter:image"} {
		for _, v := range p.metas[k] {
			u, err := url.Parse(strings.TrimSpace(v))
			if err != nil {
				continue
			}
			if t, ok := dateFromURL(u.Path); ok && p.dateOK(t) {
				s := dayStamp(t.Date())
				return &s
			}
		}
	}
	return nil
}

// looseDates calls fn with each valid numeric date in s: year first
// (2020-04-17, 2020/4/17, 2020.04.17) or day first (17.04.2020), with a
// year from 1900 to 2099, not inside a longer run of digits or a word.
func looseDates(s string, fn func(y, mo, d int)) {
	num := func(i, max int) (v, j int) {
		j = i
		for j < len(s) && j-i < max && s[j] >= '0' && s[j] <= '9' {
			v = v*10 + int(s[j]-'0')
			j++
		}
		return v, j
	}
	sep := func(c byte) bool { return c == '-' || c == '/' || c == '.' }
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		if i > 0 && (isAlnum(s[i-1]) || s[i-1] == '.') {
			// Skip the rest of this run of digits.
			for i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				i++
			}
			continue
		}
		a, j := num(i, 5)
		n := j - i
		switch {
		case n == 4 && (a/100 == 19 || a/100 == 20) && j < len(s) && sep(s[j]):
			mo, k := num(j+1, 3)
			if k-(j+1) < 1 || k-(j+1) > 2 || k >= len(s) || !sep(s[k]) {
				break
			}
			d, l := num(k+1, 3)
			if l-(k+1) < 1 || l-(k+1) > 2 || l < len(s) && isAlnum(s[l]) {
				break
			}
			if valid(a, mo, d) {
				fn(a, mo, d)
			}
		case n <= 2 && j < len(s) && s[j] == '.':
			mo, k := num(j+1, 3)
			if k-(j+1) < 1 || k-(j+1) > 2 || k >= len(s) || s[k] != '.' {
				break
			}
			y, l := num(k+1, 5)
			if l-(k+1) != 4 || y/100 != 19 && y/100 != 20 || l < len(s) && isAlnum(s[l]) {
				break
			}
			if valid(y, mo, a) {
				fn(y, mo, a)
			}
		}
		i = j - 1
	}
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// farApart reports whether the metadata date t falls more than a day away
// from the URL's date u, beyond what time zones explain.
func farApart(t, u time.Time) bool {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Sub(time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC))
	return d.Abs() > 24*time.Hour
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// nearHeadline returns the short texts that follow the first <h1>, where
// pages print their dateline, less those of teasers linking to other
// pages (a list of other stories after a short article) and events'
// dates (eventDate).
func (p *page) nearHeadline() []string {
	var out []string
	for _, n := range p.headTextNodes() {
		if p.itemLink(n) != linkOther && !eventDate(n) {
			// Not a teaser's date: the list of other stories that
			// follows a short article.
			out = append(out, cleanSpace(n.Data))
		}
	}
	return out
}

// reDateLabel finds texts that announce a publication date.
var reDateLabel = lazyRE(`(?i)(published|posted|updated|publiziert|veröffentlicht|publié|publicado|pubblicato|gepubliceerd|opublikowano|опубликовано|입력|投稿|公開|掲載|نشر|on [A-Z][a-z]+ \d)`)

// labelledDates returns short texts anywhere in the page that carry a
// date label such as "Published" or "publiziert am".
func (p *page) labelledDates() []string {
	var out []string
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if len(out) >= 10 {
			return
		}
		switch n.Type {
		case xhtml.TextNode:
			if len(n.Data) < 200 && hasDigit(n.Data) && reDateLabel.MatchString(n.Data) {
				out = append(out, cleanSpace(n.Data))
			}
			return
		case xhtml.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.root)
	return out
}

// nextNode returns the node after n in document order; with skipKids it
// skips n's subtree.
func nextNode(n *xhtml.Node, skipKids bool) *xhtml.Node {
	if !skipKids && n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != nil; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

func lastDescendant(n *xhtml.Node) *xhtml.Node {
	for n.LastChild != nil {
		n = n.LastChild
	}
	return n
}

// maxItemText is the most text of a teaser (headline, date, a line of
// summary); a larger block around a date is the page's own.
const maxItemText = 400

// minHeadlineWords is the fewest words of a link to another page that
// reads as its headline.
const minHeadlineWords = 4

// Where the list item around an element links: to no page, this page or
// another page.
const (
	linkNone = iota
	linkSelf
	linkOther
)

// itemLink tells where the teaser around n links, if n is in one: the
// closest of n's ancestors (up to five levels) that holds a headline
// link, when it has no more text than a teaser. A headline link is one
// to this page, or one whose text is a headline's (maxItemText, author
// and tag links aside): a date beside a link to a section ("in
// Politics") is still the page's own.
//
// The walk stops at the first ancestor with more text than a teaser (its
// own ancestors have more still), so a page of many dates costs a few
// small subtrees per date, not the page.
func (p *page) itemLink(n *xhtml.Node) int {
	for item, i := n.Parent, 0; item != nil && i < 5 && item.DataAtom != atom.Body; item, i = item.Parent, i+1 {
		var b strings.Builder
		if !boundedText(&b, item, 2*maxItemText+64) || len(cleanSpace(b.String())) > maxItemText {
			return linkNone
		}
		if p.holdsHeadline(item) {
			return linkNone
		}
		if link := p.headlineLink(item); link != linkNone {
			return link
		}
	}
	return linkNone
}

// headlineLink tells where the first headline link in n goes.
func (p *page) headlineLink(n *xhtml.Node) int {
	for a := range n.Descendants() {
		if a.Type != xhtml.ElementNode || a.DataAtom != atom.A {
			continue
		}
		rel := strings.ToLower(attr(a, "rel"))
		href := p.abs(attr(a, "href"))
		if href == "" || strings.Contains(rel, "author") || strings.Contains(rel, "tag") {
			continue
		}
		if samePage(href, p.base) {
			return linkSelf
		}
		if numFields(textOf(a)) >= minHeadlineWords {
			return linkOther
		}
	}
	return linkNone
}

// samePage reports whether the absolute URL a names the page at base:
// the same host, path and query, whatever the scheme, fragment, trailing
// slash or tracking parameters (a page may be named by its query:
// news.php?id=6486285).
func samePage(a string, base *url.URL) bool {
	ua, err := url.Parse(a)
	if err != nil || base == nil {
		return false
	}
	return strings.EqualFold(strings.TrimPrefix(ua.Host, "www."), strings.TrimPrefix(base.Host, "www.")) &&
		strings.TrimSuffix(ua.Path, "/") == strings.TrimSuffix(base.Path, "/") &&
		pageQuery(ua) == pageQuery(base)
}

// pageQuery returns u's query without tracking parameters, in a canonical
// order.
func pageQuery(u *url.URL) string {
	q := u.Query()
	for k := range q {
		if l := strings.ToLower(k); strings.HasPrefix(l, "utm_") || l == "ref" || l == "fbclid" || l == "gclid" {
			delete(q, k)
		}
	}
	return q.Encode()
}
