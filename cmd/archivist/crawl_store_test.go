package main

import (
	"slices"
	"testing"
	"time"
)

// TestAdoptSettings: a worker joining a shared crawl takes the crawl's
// settings for every flag it was not given, and keeps the ones it was.
func TestAdoptSettings(t *testing.T) {
	const run = `{"depth": 1, "per_host": 1, "delay": "1.5s", "timeout": "7s", "retries": 4,
		"user_agent": "study-bot/1", "ignore_robots": false, "max_body": 1048576, "seeds": ["https://a.example/"]}`
	tests := []struct {
		name    string
		given   map[string]bool
		want    crawlOptions
		adopted []string
	}{
		{"nothing given", nil,
			crawlOptions{Depth: 1, PerHost: 1, Delay: 1500 * time.Millisecond, Timeout: 7 * time.Second, Retries: 4, UserAgent: "study-bot/1", MaxBody: 1 << 20},
			[]string{"--depth=1", "--per-host=1", "--delay=1.5s", "--timeout=7s", "--retries=4", "--user-agent=study-bot/1", "--ignore-robots=false", "--max-body=1048576"}},
		{"delay and per-host given", map[string]bool{"delay": true, "per-host": true},
			crawlOptions{Depth: 1, PerHost: 3, Delay: 5 * time.Second, Timeout: 7 * time.Second, Retries: 4, UserAgent: "study-bot/1", MaxBody: 1 << 20},
			[]string{"--depth=1", "--timeout=7s", "--retries=4", "--user-agent=study-bot/1", "--ignore-robots=false", "--max-body=1048576"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := crawlOptions{Depth: 3, PerHost: 3, Delay: 5 * time.Second, Timeout: time.Second, given: tt.given}
			adopted, err := adoptSettings(&opts, run)
			if err != nil {
				t.Fatal(err)
			}
			opts.given = nil
			if opts.Depth != tt.want.Depth || opts.PerHost != tt.want.PerHost || opts.Delay != tt.want.Delay ||
				opts.Timeout != tt.want.Timeout || opts.Retries != tt.want.Retries || opts.UserAgent != tt.want.UserAgent ||
				opts.MaxBody != tt.want.MaxBody || opts.IgnoreRobots != tt.want.IgnoreRobots {
				t.Errorf("options %+v, want %+v", opts, tt.want)
			}
			if !slices.Equal(adopted, tt.adopted) {
				t.Errorf("adopted %q, want %q", adopted, tt.adopted)
			}
		})
	}
	if _, err := adoptSettings(&crawlOptions{}, `{"delay": "soon"}`); err == nil {
		t.Error("a bad delay in the run's settings was taken")
	}
}
