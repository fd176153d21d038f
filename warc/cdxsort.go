package warc

import (
	"bufio"
	"container/heap"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/archivist-project/archivist/internal/proc"
)

// cdxMemory is how many bytes of CDXJ lines a Writer holds before it
// sorts them and moves them to a temporary file (about 100,000 lines).
const cdxMemory = 32 << 20

// cdxSorter sorts the CDXJ lines of a Writer in constant memory: an
// external merge sort. It holds at most limit bytes of lines; past that it
// sorts them and writes them to a temporary file (a run) in dir, and the
// runs are merged when the index is written. The order is that of
// sort.Strings over every line.
type cdxSorter struct {
	at    string // the runs are temporary files beside this path
	limit int
	lines []string
	size  int
	runs  []string // temporary files, each sorted
}

// newCDXSorter returns a sorter whose runs are hidden temporary files
// beside path.
func newCDXSorter(path string) *cdxSorter { return &cdxSorter{at: path, limit: cdxMemory} }

// add takes one line (without its newline).
func (s *cdxSorter) add(line string) error {
	s.lines = append(s.lines, line)
	s.size += len(line) + 16 // the string header too
	if s.size >= s.limit {
		return s.spill()
	}
	return nil
}

// spill writes the lines held, sorted, to a new run.
func (s *cdxSorter) spill() error {
	sort.Strings(s.lines)
	f, err := proc.CreateTemp(s.at)
	if err != nil {
		return fmt.Errorf("cdx: %w", err)
	}
	s.runs = append(s.runs, f.Name())
	bw := bufio.NewWriterSize(f, 1<<20)
	for _, l := range s.lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	err = bw.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cdx: write %s: %w", f.Name(), err)
	}
	clear(s.lines)
	s.lines, s.size = s.lines[:0], 0
	return nil
}

// writeTo writes every line added, sorted, one per line, to out.
func (s *cdxSorter) writeTo(out io.Writer) error {
	bw := bufio.NewWriterSize(out, 1<<20)
	if len(s.runs) == 0 {
		sort.Strings(s.lines)
		for _, l := range s.lines {
			bw.WriteString(l)
			bw.WriteByte('\n')
		}
		return bw.Flush()
	}
	if len(s.lines) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	if err := s.merge(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// merge writes the lines of every run to bw in order.
func (s *cdxSorter) merge(bw *bufio.Writer) error {
	h := make(runHeap, 0, len(s.runs))
	for _, path := range s.runs {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("cdx: %w", err)
		}
		defer f.Close()
		r := &run{sc: bufio.NewScanner(f)}
		r.sc.Buffer(make([]byte, 64<<10), 16<<20)
		if ok, err := r.next(); err != nil {
			return err
		} else if ok {
			h = append(h, r)
		}
	}
	heap.Init(&h)
	for len(h) > 0 {
		r := h[0]
		bw.WriteString(r.line)
		bw.WriteByte('\n')
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	return nil
}

// remove deletes the runs.
func (s *cdxSorter) remove() {
	for _, p := range s.runs {
		os.Remove(p)
	}
	s.runs = nil
}

// run is one sorted temporary file being merged, at its current line.
type run struct {
	sc   *bufio.Scanner
	line string
}

func (r *run) next() (bool, error) {
	if r.sc.Scan() {
		r.line = r.sc.Text()
		return true, nil
	}
	if err := r.sc.Err(); err != nil {
		return false, fmt.Errorf("cdx: read a sorted run: %w", err)
	}
	return false, nil
}

// runHeap orders the runs by their current line.
type runHeap []*run

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return h[i].line < h[j].line }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*run)) }
func (h *runHeap) Pop() any {
	old := *h
	r := old[len(old)-1]
	*h = old[:len(old)-1]
	return r
}
