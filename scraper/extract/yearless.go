package extract

import (
	"strconv"
	"strings"
	"time"

	xhtml "golang.org/x/net/html"
)

// reYearless matches a segment of a title or dateline that is a day and
// month without a year, the month in two digits, with the closing dot,
// after at most a weekday and before at most a time of day ("30.11." in
// "30.11. | Buch der Woche", "Mo, 30.11.", "Montag, 30.11., 18:00"): not
// a date inside a sentence ("bis 03.04. gültig"), not a version or a
// section number ("Version 2.1.", "5.1. More on Lists"), not a full date.
var reYearless = lazyRE(`^(?:\pL{2,3}\.?,?\s+|\pL{4,11},\s+)?([0-3]?\d)\.(0\d|1[0-2])\.(?:,?\s*\d{1,2}[:.]\d{2}(?:\s*uhr)?)?$`)

// reSegmentSep splits a title or dateline into its segments.
var reSegmentSep = lazyRE(`\s*(?:[|–—·•]|\s-\s)\s*`)

// reISODay finds a full date written as yyyy-mm-dd anywhere in a value
// (an asset's version, "style.css?v=2022-10-22").
var reISODay = lazyRE(`(?:^|\D)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?:\D|$)`)

// yearlessDate returns a day and month printed without a year in the
// page's title or under its headline, completed with the year that puts
// it nearest the reference: the fetch time the caller gave, or the
// latest full date in the page's attribute values (the version stamps
// of its stylesheets and scripts, which precede the page's rendering).
// The last resort of a page that states no date otherwise.
func (c *dateCtx) yearlessDate() *stamp {
	p := c.p
	texts := []string{p.titleTag, p.meta("og:title")}
	for _, n := range p.headTextNodes() {
		if p.itemLink(n) != linkOther && !eventDate(n) {
			texts = append(texts, n.Data)
		}
	}
	var d, m int
	for _, t := range texts {
		if d, m = dayMonth(t); d > 0 {
			break
		}
	}
	if d == 0 {
		return nil
	}
	ref := c.fetched
	if ref.IsZero() {
		ref = p.latestAttrDay()
	}
	if ref.IsZero() {
		return nil
	}
	s := dayStamp(nearestYear(d, time.Month(m), ref).Date())
	if !p.stampOK(s) {
		return nil
	}
	return &s
}

// dayMonth returns the first day and month without a year that is a
// segment of t (reYearless), or zeros.
func dayMonth(t string) (day, month int) {
	for _, seg := range reSegmentSep.Split(strings.TrimSpace(t), -1) {
		sm := reYearless.FindStringSubmatch(seg)
		if sm == nil {
			continue
		}
		d, _ := strconv.Atoi(sm[1])
		m, _ := strconv.Atoi(sm[2])
		if d >= 1 && d <= 31 && m >= 1 && m <= 12 {
			return d, m
		}
	}
	return 0, 0
}

// nearestYear returns day d of month m in the year that puts it nearest
// ref: ref's year, the one before or the one after.
func nearestYear(d int, m time.Month, ref time.Time) time.Time {
	var best time.Time
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			continue // 29 February in a common year
		}
		if best.IsZero() || t.Sub(ref).Abs() < best.Sub(ref).Abs() {
			best = t
		}
	}
	return best
}

// latestAttrDay returns the latest full date (yyyy-mm-dd) in the page's
// attribute values, not after the fetch; zero when there is none.
func (p *page) latestAttrDay() time.Time {
	var latest time.Time
	for n := range p.root.Descendants() {
		if n.Type != xhtml.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			for _, sm := range reISODay.get().FindAllStringSubmatch(a.Val, -1) {
				y, _ := strconv.Atoi(sm[1])
				mo, _ := strconv.Atoi(sm[2])
				d, _ := strconv.Atoi(sm[3])
				t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
				if t.Day() == d && int(t.Month()) == mo && p.dateOK(t) && t.After(latest) {
					latest = t
				}
			}
		}
	}
	return latest
}
