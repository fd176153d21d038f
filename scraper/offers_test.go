package scraper

import (
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// offeringFrontier is a frontier that offers hosts, as a PostgreSQL
// worker's does when others share the crawl.
type offeringFrontier struct {
	Frontier
	hosts []string
}

func (f *offeringFrontier) OfferedHosts() []string {
	hs := f.hosts
	f.hosts = nil
	return hs
}

// TestTakeOffers: the hosts a shared frontier offers become hosts that
// may have work, unless the crawl is focused (it claims its own run's
// URLs only, and the offers are any run's: review16c).
func TestTakeOffers(t *testing.T) {
	for _, focused := range []bool{false, true} {
		c, err := NewCrawler(corpus.MustOpen(t), WithIgnoreRobots(true))
		if err != nil {
			t.Fatal(err)
		}
		c.sched = newScheduler(c.cfg.perHost, c.cfg.delay)
		c.frontier = &offeringFrontier{Frontier: c.frontier, hosts: []string{"http://a.test", "http://b.test"}}
		c.focused, c.run = focused, 7
		c.takeOffers()
		got := 0
		for _, name := range []string{"http://a.test", "http://b.test"} {
			if h := c.sched.hosts[name]; h != nil && h.mayHaveWork {
				got++
			}
		}
		if want := map[bool]int{false: 2, true: 0}[focused]; got != want {
			t.Errorf("focused %v: %d offered hosts may have work, want %d", focused, got, want)
		}
	}
}
