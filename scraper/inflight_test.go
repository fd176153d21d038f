package scraper

import (
	"testing"
	"time"
)

func TestInFlight(t *testing.T) {
	var c Crawler
	if n, longest := c.InFlight(); n != 0 || longest != 0 {
		t.Fatalf("idle crawler: %d, %s", n, longest)
	}
	end1 := c.reqs.begin()
	time.Sleep(20 * time.Millisecond)
	end2 := c.reqs.begin()
	n, longest := c.InFlight()
	if n != 2 || longest < 20*time.Millisecond || longest > 10*time.Second {
		t.Fatalf("two requests: n %d, longest %s; want 2 and >= 20ms", n, longest)
	}
	end1()
	if n, longest := c.InFlight(); n != 1 || longest >= 20*time.Millisecond {
		t.Fatalf("after the oldest ended: n %d, longest %s; want 1 and < 20ms", n, longest)
	}
	end2()
	if n, _ := c.InFlight(); n != 0 {
		t.Fatalf("after both ended: n %d", n)
	}
}
