package main

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

// settingsOf parses a run's settings.
func settingsOf(t *testing.T, settings string) runSettings {
	t.Helper()
	var rs runSettings
	if err := json.Unmarshal([]byte(settings), &rs); err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestAdoptSettings: a worker joining a shared crawl takes the crawl's
// settings for every flag it was not given, and keeps the ones it was.
func TestAdoptSettings(t *testing.T) {
	const run = `{"depth": 1, "per_host": 1, "delay": "1.5s", "timeout": "7s", "retries": 4,
		"user_agent": "study-bot/1", "ignore_robots": false, "max_body": 1048576, "max_pages_per_host": 30, "seeds": ["https://a.example/"]}`
	tests := []struct {
		name    string
		given   map[string]bool
		want    crawlOptions
		adopted []string
	}{
		{"nothing given", nil,
			crawlOptions{Depth: 1, PerHost: 1, Delay: 1500 * time.Millisecond, Timeout: 7 * time.Second, Retries: 4, UserAgent: "study-bot/1", MaxBody: 1 << 20, MaxPagesPerHost: 30},
			[]string{"--depth=1", "--per-host=1", "--delay=1.5s", "--timeout=7s", "--retries=4", "--user-agent=study-bot/1", "--ignore-robots=false", "--max-body=1048576", "--max-pages-per-host=30"}},
		{"delay and per-host given", map[string]bool{"delay": true, "per-host": true},
			crawlOptions{Depth: 1, PerHost: 3, Delay: 5 * time.Second, Timeout: 7 * time.Second, Retries: 4, UserAgent: "study-bot/1", MaxBody: 1 << 20, MaxPagesPerHost: 30},
			[]string{"--depth=1", "--timeout=7s", "--retries=4", "--user-agent=study-bot/1", "--ignore-robots=false", "--max-body=1048576", "--max-pages-per-host=30"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := crawlOptions{Depth: 3, PerHost: 3, Delay: 5 * time.Second, Timeout: time.Second, given: tt.given}
			adopted, err := adoptSettings(&opts, settingsOf(t, run))
			if err != nil {
				t.Fatal(err)
			}
			opts.given = nil
			if opts.Depth != tt.want.Depth || opts.PerHost != tt.want.PerHost || opts.Delay != tt.want.Delay ||
				opts.Timeout != tt.want.Timeout || opts.Retries != tt.want.Retries || opts.UserAgent != tt.want.UserAgent ||
				opts.MaxBody != tt.want.MaxBody || opts.IgnoreRobots != tt.want.IgnoreRobots || opts.MaxPagesPerHost != tt.want.MaxPagesPerHost {
				t.Errorf("options %+v, want %+v", opts, tt.want)
			}
			if !slices.Equal(adopted, tt.adopted) {
				t.Errorf("adopted %q, want %q", adopted, tt.adopted)
			}
		})
	}
	if _, err := adoptSettings(&crawlOptions{}, settingsOf(t, `{"delay": "soon"}`)); err == nil {
		t.Error("a bad delay in the run's settings was taken")
	}
}

// TestLooserThan: a joining worker's politeness flags looser than the
// shared crawl's are named (the worker warns of each), tighter or equal
// ones and flags not given are not.
func TestLooserThan(t *testing.T) {
	const run = `{"per_host": 2, "delay": "3s", "ignore_robots": false}`
	tests := []struct {
		name string
		opts crawlOptions
		want []string
	}{
		{"nothing given", crawlOptions{Delay: 0, PerHost: 8, IgnoreRobots: true}, nil},
		{"tighter", crawlOptions{Delay: 5 * time.Second, PerHost: 1, given: map[string]bool{"delay": true, "per-host": true}}, nil},
		{"looser", crawlOptions{Delay: 100 * time.Millisecond, PerHost: 8, IgnoreRobots: true,
			given: map[string]bool{"delay": true, "per-host": true, "ignore-robots": true}},
			[]string{"--delay 100ms given, the crawl's is 3s", "--per-host 8 given, the crawl's is 2", "--ignore-robots given, the crawl obeys robots.txt"}},
	}
	for _, tt := range tests {
		if got := looserThan(&tt.opts, settingsOf(t, run)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestSeededRun: a joining worker takes the settings of the latest run
// given seeds, not those of a joiner's run recorded after it.
func TestSeededRun(t *testing.T) {
	runs := []string{
		`{"delay": "3s", "seeds": ["https://a.example/"]}`,
		`{"delay": "1s", "seeds": ["https://b.example/"]}`,
		`{"delay": "0s", "seeds": []}`,
		`{"delay": "0s"}`,
	}
	if got := seededRun(runs); got != runs[1] {
		t.Errorf("seededRun = %s, want %s", got, runs[1])
	}
	if got := seededRun(runs[2:]); got != runs[3] {
		t.Errorf("no seeded run: %s, want the latest, %s", got, runs[3])
	}
}
