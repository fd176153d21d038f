package warc

import "slices"

// pairWindow is how many unpaired request records the import keeps, the
// latest, waiting for their response.
const pairWindow = 16

// pairer joins request records to the response (or revisit) records of
// the same exchange, named by WARC-Concurrent-To in either direction, as
// a file streams by, in constant memory. Writers put the request next to
// its response, before it (wget) or after it (archivist): a capture is
// held until the next record is read, in case that is its request, and
// the latest requests wait in a small window, in case their response
// follows.
type pairer struct {
	send     func(*job) error // passes a capture on down the pipeline
	unpaired func()           // counts a request that found no response
	held     *job
	reqs     []*Record // oldest first
}

// concurrent reports whether a and b name each other as made in the same
// exchange.
func concurrent(a, b *Record) bool {
	return a.ID != "" && slices.Contains(b.ConcurrentTo, a.ID) || b.ID != "" && slices.Contains(a.ConcurrentTo, b.ID)
}

// request takes a request record: the held capture's, or one to keep.
func (p *pairer) request(r *Record) error {
	if p.held != nil && p.held.req == nil && concurrent(p.held.rec, r) {
		p.held.req = r
		return p.release()
	}
	if len(p.reqs) == pairWindow {
		p.reqs = slices.Delete(p.reqs, 0, 1)
		p.unpaired()
	}
	p.reqs = append(p.reqs, r)
	return nil
}

// capture takes the job of a response or revisit record: with a request
// seen before, it goes on at once; else it is held for the next record.
// Call release first.
func (p *pairer) capture(j *job) error {
	for i, r := range p.reqs {
		if concurrent(j.rec, r) {
			j.req = r
			p.reqs = slices.Delete(p.reqs, i, i+1)
			return p.send(j)
		}
	}
	p.held = j
	return nil
}

// release passes the held capture on.
func (p *pairer) release() error {
	j := p.held
	if j == nil {
		return nil
	}
	p.held = nil
	return p.send(j)
}

// flush ends a file: the held capture goes on, the requests left count
// as unpaired.
func (p *pairer) flush() error {
	for range p.reqs {
		p.unpaired()
	}
	p.reqs = nil
	return p.release()
}
