package corpus

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"time"
)

// WatchStats is what `archivist stats` shows of the articles found per
// day and of the watch schedule. JSON names are part of `stats --json`.
type WatchStats struct {
	// Days are the UTC days covered by FoundPerDay, newest first
	// (YYYY-MM-DD).
	Days []string `json:"days"`
	// Sites lists, per site, the articles first captured on each of Days
	// and the hubs the watch checks; sites with most articles found first.
	Sites []SiteWatch `json:"sites"`
	// Hubs and Articles count the hubs and the articles the schedule
	// holds; ArticlesPending those articles with a revisit still to come.
	Hubs            int64 `json:"hubs"`
	Articles        int64 `json:"articles"`
	ArticlesPending int64 `json:"articles_pending"`
	// NextHub and NextRevisit are when the next hub check and the next
	// article revisit are due (nil when none).
	NextHub     *time.Time `json:"next_hub,omitempty"`
	NextRevisit *time.Time `json:"next_revisit,omitempty"`
}

// SiteWatch is one site's part of WatchStats.
type SiteWatch struct {
	Site        string        `json:"site"`
	FoundPerDay []int64       `json:"found_per_day"` // articles first captured on each of WatchStats.Days
	Hubs        []HubSchedule `json:"hubs"`          // soonest due first
}

// HubSchedule is one hub of the watch schedule.
type HubSchedule struct {
	URL        string    `json:"url"`
	IntervalMS int64     `json:"interval_ms"` // the current wait between checks
	CheckedAt  time.Time `json:"checked_at"`  // the last check
	NextAt     time.Time `json:"next_at"`     // when the next check is due
	LastNewAt  time.Time `json:"last_new_at"` // the last check that queued new URLs
	NewURLs    int64     `json:"new_urls"`    // URLs the last check queued
	Checks     int64     `json:"checks"`      // checks made by watches
}

// WatchStats counts the articles first captured per site on each of the
// days UTC days up to now, and lists the hubs of the watch schedule (at
// most maxHubs per site, soonest due first; 0 for all). It only reads.
func (db *DB) WatchStats(ctx context.Context, now time.Time, days, maxHubs int) (*WatchStats, error) {
	ws := &WatchStats{}
	today := now.UTC().Truncate(24 * time.Hour)
	for i := range days {
		ws.Days = append(ws.Days, today.AddDate(0, 0, -i).Format(time.DateOnly))
	}
	sites := map[string]*SiteWatch{}
	site := func(name string) *SiteWatch {
		s := sites[name]
		if s == nil {
			s = &SiteWatch{Site: name, FoundPerDay: make([]int64, days), Hubs: []HubSchedule{}}
			sites[name] = s
		}
		return s
	}
	if err := db.foundPerDay(ctx, ws.Days, site); err != nil {
		return nil, err
	}
	if err := db.watchHubs(ctx, maxHubs, site); err != nil {
		return nil, err
	}
	if err := db.watchCounts(ctx, ws); err != nil {
		return nil, err
	}
	ws.Sites = make([]SiteWatch, 0, len(sites))
	for _, s := range sites {
		ws.Sites = append(ws.Sites, *s)
	}
	total := func(s SiteWatch) (n int64) {
		for _, c := range s.FoundPerDay {
			n += c
		}
		return n
	}
	sort.Slice(ws.Sites, func(i, j int) bool {
		a, b := ws.Sites[i], ws.Sites[j]
		if ta, tb := total(a), total(b); ta != tb {
			return ta > tb
		}
		return a.Site < b.Site
	})
	return ws, nil
}

// foundPerDay counts the articles whose first version was captured on
// each of days.
func (db *DB) foundPerDay(ctx context.Context, days []string, site func(string) *SiteWatch) error {
	if len(days) == 0 {
		return nil
	}
	idx := map[string]int{}
	for i, d := range days {
		idx[d] = i
	}
	rows, err := db.r.QueryContext(ctx, `SELECT a.site, substr(v.fetched_at, 1, 10), COUNT(*)
		FROM article_versions v JOIN articles a ON a.id = v.article_id
		WHERE v.version = 1 AND v.fetched_at >= ? GROUP BY 1, 2`, days[len(days)-1])
	if err != nil {
		return fmt.Errorf("stats found per day: %w", db.describe(err))
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name, day string
			n         int64
		)
		if err := rows.Scan(&name, &day, &n); err != nil {
			return fmt.Errorf("stats found per day: %w", err)
		}
		if i, ok := idx[day]; ok {
			site(name).FoundPerDay[i] += n
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("stats found per day: %w", db.describe(err))
	}
	return nil
}

// watchHubs adds the hubs of the schedule to their sites.
func (db *DB) watchHubs(ctx context.Context, maxHubs int, site func(string) *SiteWatch) error {
	rows, err := db.r.QueryContext(ctx, `SELECT url, host, interval_ms, checked_at, next_at, last_new_at, new_urls, checks
		FROM watch_schedule WHERE role = 'hub' ORDER BY next_at = 0, next_at, url`)
	if err != nil {
		return fmt.Errorf("stats watch hubs: %w", db.describe(err))
	}
	defer rows.Close()
	for rows.Next() {
		var (
			h                      HubSchedule
			origin                 string
			checked, next, lastNew int64
		)
		if err := rows.Scan(&h.URL, &origin, &h.IntervalMS, &checked, &next, &lastNew, &h.NewURLs, &h.Checks); err != nil {
			return fmt.Errorf("stats watch hubs: %w", err)
		}
		h.CheckedAt, h.NextAt, h.LastNewAt = fromMillis(checked), fromMillis(next), fromMillis(lastNew)
		name := origin
		if u, err := url.Parse(origin); err == nil && u.Hostname() != "" {
			name = u.Hostname()
		}
		s := site(name)
		if maxHubs == 0 || len(s.Hubs) < maxHubs {
			s.Hubs = append(s.Hubs, h)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("stats watch hubs: %w", db.describe(err))
	}
	return nil
}

// watchCounts fills the totals of ws.
func (db *DB) watchCounts(ctx context.Context, ws *WatchStats) error {
	var nextHub, nextRevisit *int64
	// An article seen under several URLs is scheduled under each: it
	// counts once, as in the articles table.
	err := db.r.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(w.role = 'hub'), 0),
		COUNT(DISTINCT CASE WHEN w.role = 'article' THEN COALESCE(u.article_id, w.url) END),
		COUNT(DISTINCT CASE WHEN w.role = 'article' AND w.next_at > 0 THEN COALESCE(u.article_id, w.url) END),
		MIN(CASE WHEN w.role = 'hub' AND w.next_at > 0 THEN w.next_at END),
		MIN(CASE WHEN w.role = 'article' AND w.next_at > 0 THEN w.next_at END)
		FROM watch_schedule w LEFT JOIN article_urls u ON w.role = 'article' AND u.url = w.url`).Scan(
		&ws.Hubs, &ws.Articles, &ws.ArticlesPending, &nextHub, &nextRevisit)
	if err != nil {
		return fmt.Errorf("stats watch: %w", db.describe(err))
	}
	if nextHub != nil {
		t := fromMillis(*nextHub)
		ws.NextHub = &t
	}
	if nextRevisit != nil {
		t := fromMillis(*nextRevisit)
		ws.NextRevisit = &t
	}
	return nil
}
