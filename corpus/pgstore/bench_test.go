package pgstore_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/corpus/pgstore"
)

// benchPages are the real news pages of the shared extraction benchmark
// (median 115 KB of HTML); the benchmark fails without them.
func benchPages(b *testing.B) [][]byte {
	b.Helper()
	files, _ := filepath.Glob("/work/shared/extraction-bench/html/*.html.gz")
	if len(files) == 0 {
		b.Fatal("no pages in /work/shared/extraction-bench/html")
	}
	var pages [][]byte
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			b.Fatal(err)
		}
		p, err := io.ReadAll(zr)
		fh.Close()
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
	}
	return pages
}

// benchCapture is capture i: page i of pages with a unique comment, so
// that no two bodies are shared.
func benchCapture(pages [][]byte, i int, withBody bool) *corpus.Capture {
	u := "http://news.test/p/" + strconv.Itoa(i)
	c := &corpus.Capture{RequestedURL: u, URL: u, Status: 200, Proto: "HTTP/1.1", FetchedAt: time.Now(),
		ContentType: "text/html", BodyForm: corpus.BodyWire,
		Header:       map[string][]string{"Content-Type": {"text/html; charset=utf-8"}, "Date": {"Thu, 03 Dec 2026 19:00:00 GMT"}},
		ResponseHead: []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nDate: Thu, 03 Dec 2026 19:00:00 GMT\r\n\r\n")}
	if withBody {
		c.Body = append(append([]byte{}, pages[i%len(pages)]...), "<!-- "+strconv.Itoa(i)+" -->"...)
	}
	return c
}

// writeBatches writes b.N captures, 50 per transaction (the crawl's group
// commit), packing each first as the crawl's workers do.
func writeBatches(b *testing.B, s corpus.Store, mk func(i int) *corpus.Capture, after func(c *corpus.Capture)) {
	ctx := context.Background()
	for i := 0; i < b.N; i += 50 {
		var batch []*corpus.Capture
		for j := i; j < min(i+50, b.N); j++ {
			c := mk(j)
			if after != nil {
				after(c)
			}
			s.Pack(c)
			batch = append(batch, c)
		}
		err := s.Write(ctx, func(w corpus.Writer) error {
			for _, c := range batch {
				if _, err := w.AddCapture(ctx, c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func pgBytes(b *testing.B, s *pgstore.Store) int64 {
	var n int64
	err := s.Pool().QueryRow(context.Background(),
		"SELECT pg_total_relation_size('captures') + pg_total_relation_size('bodies')").Scan(&n)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkCaptureStorage writes captures of real news pages three ways:
// bodies zstd-compressed in PostgreSQL (what pgstore does), in SQLite (the
// single-machine corpus), and as gzipped WARC records appended to a file
// every worker could reach, with only the capture row (file and offset)
// in PostgreSQL. It reports bytes at rest per capture.
func BenchmarkCaptureStorage(b *testing.B) {
	pages := benchPages(b)
	var raw int64
	for _, p := range pages {
		raw += int64(len(p))
	}
	b.Logf("%d pages, mean %d bytes", len(pages), raw/int64(len(pages)))
	b.Run("postgres-zstd", func(b *testing.B) {
		s := open(b)
		b.ResetTimer()
		writeBatches(b, s, func(i int) *corpus.Capture { return benchCapture(pages, i, true) }, nil)
		b.StopTimer()
		b.ReportMetric(float64(pgBytes(b, s))/float64(b.N), "bytes/capture")
	})
	b.Run("sqlite-zstd", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "archive.db")
		db, err := corpus.Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		b.ResetTimer()
		writeBatches(b, db, func(i int) *corpus.Capture { return benchCapture(pages, i, true) }, nil)
		b.StopTimer()
		db.Close()
		fi, _ := os.Stat(path)
		wal, _ := os.Stat(path + "-wal")
		n := fi.Size()
		if wal != nil {
			n += wal.Size()
		}
		b.ReportMetric(float64(n)/float64(b.N), "bytes/capture")
	})
	b.Run("warc-gz+postgres-row", func(b *testing.B) {
		s := open(b)
		f, err := os.Create(filepath.Join(b.TempDir(), "crawl.warc.gz"))
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		var off int64
		b.ResetTimer()
		writeBatches(b, s, func(i int) *corpus.Capture { return benchCapture(pages, i, true) }, func(c *corpus.Capture) {
			n, err := writeWARCRecord(f, c, c.Body)
			if err != nil {
				b.Fatal(err)
			}
			sum := sha256.Sum256(c.Body)
			c.SHA256, c.BodySize, c.Body = hex.EncodeToString(sum[:]), int64(len(c.Body)), nil
			c.WARC = corpus.WARCOrigin{File: "crawl.warc.gz", Offset: off}
			off += n
		})
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		b.ReportMetric(float64(off+pgBytes(b, s))/float64(b.N), "bytes/capture")
	})
}

// writeWARCRecord appends a WARC response record for c with body, as one
// gzip member (as archivist's WARC export writes them), and returns its
// length.
func writeWARCRecord(w io.Writer, c *corpus.Capture, body []byte) (int64, error) {
	var rec bytes.Buffer
	block := append(append([]byte{}, c.ResponseHead...), body...)
	fmt.Fprintf(&rec, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%032d>\r\nWARC-Date: %s\r\n"+
		"WARC-Target-URI: %s\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n",
		c.ID, c.FetchedAt.UTC().Format(time.RFC3339), c.URL, len(block))
	rec.Write(block)
	rec.WriteString("\r\n\r\n")
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(rec.Bytes())
	if err := zw.Close(); err != nil {
		return 0, err
	}
	n, err := w.Write(out.Bytes())
	return int64(n), err
}

// BenchmarkFrontierClaimAck measures claims and acknowledgements (Finish)
// per second with 1, 2, 4 and 8 workers, each with its own connections,
// on a frontier of 200 hosts: each worker claims a batch of 8 URLs of a
// host (taking its lease) and settles them in one transaction. One op is
// one URL claimed and settled.
func BenchmarkFrontierClaimAck(b *testing.B) {
	for _, workers := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			url := cluster.NewDatabase(b)
			s, _ := worker(b, url, pgstore.WorkerOptions{})
			const hosts = 200
			var es []corpus.FrontierEntry
			for i := 0; i < b.N+hosts*8; i++ {
				h := fmt.Sprintf("http://h%03d.test", i%hosts)
				es = append(es, corpus.FrontierEntry{URL: fmt.Sprintf("%s/%d", h, i), Host: h})
			}
			for i := 0; i < len(es); i += 5000 {
				enqueue(b, s, es[i:min(i+5000, len(es))])
			}
			fs := make([]*pgstore.Frontier, workers)
			ss := make([]*pgstore.Store, workers)
			for i := range fs {
				ss[i], fs[i] = worker(b, url, pgstore.WorkerOptions{LeaseTTL: time.Minute})
			}
			var done atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			for w := range fs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ctx := context.Background()
					for h, idle := w, 0; done.Load() < int64(b.N) && idle < hosts; h = (h + workers) % hosts {
						host := fmt.Sprintf("http://h%03d.test", h)
						got, _, _, err := fs[w].Claim(ctx, host, 0, 8, time.Now())
						if err != nil {
							b.Error(err)
							return
						}
						err = ss[w].Update(ctx, func(tx *pgstore.Tx) error {
							for _, e := range got {
								if err := tx.Finish(ctx, e.ID, corpus.StateDone, 0, "", time.Now()); err != nil {
									return err
								}
							}
							return nil
						})
						if err != nil {
							b.Error(err)
							return
						}
						done.Add(int64(len(got)))
						if idle++; len(got) > 0 {
							idle = 0
						}
					}
				}()
			}
			wg.Wait()
			b.StopTimer()
			b.ReportMetric(float64(done.Load())/b.Elapsed().Seconds(), "acks/s")
		})
	}
}

var frontierURLs = flag.Int("frontier-urls", 1_000_000, "URLs in BenchmarkFrontierLarge's frontier")

// BenchmarkFrontierLarge fills a frontier of -frontier-urls queued URLs
// over 10,000 hosts (generate_series, indexes included), reports its size
// on disk, then times Claim (lease, claim 8 URLs) and their Finish on
// random hosts: one op is one claim of 8 and its settling.
func BenchmarkFrontierLarge(b *testing.B) {
	url := cluster.NewDatabase(b)
	s, f := worker(b, url, pgstore.WorkerOptions{LeaseTTL: time.Minute})
	ctx := context.Background()
	start := time.Now()
	_, err := s.Pool().Exec(ctx, `INSERT INTO frontier (url, host, depth, source, added_at, updated_at)
		SELECT 'http://h' || (i % 10000) || '.test/p/' || i, 'http://h' || (i % 10000) || '.test', 1, 'bench', 0, 0
		FROM generate_series(1, $1) AS i`, *frontierURLs)
	if err != nil {
		b.Fatal(err)
	}
	s.Pool().Exec(ctx, "VACUUM ANALYZE frontier")
	var size int64
	s.Pool().QueryRow(ctx, "SELECT pg_total_relation_size('frontier')").Scan(&size)
	b.Logf("%d URLs filled in %s: %.0f MB, %.0f bytes per URL", *frontierURLs, time.Since(start).Round(time.Second),
		float64(size)/1e6, float64(size)/float64(*frontierURLs))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		host := fmt.Sprintf("http://h%d.test", (i*7919)%10000)
		got, _, _, err := f.Claim(ctx, host, 0, 8, time.Now())
		if err != nil || len(got) == 0 {
			b.Fatalf("claim %s: %d, %v", host, len(got), err)
		}
		err = s.Update(ctx, func(tx *pgstore.Tx) error {
			for _, e := range got {
				if err := tx.Finish(ctx, e.ID, corpus.StateDone, 0, "", time.Now()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/float64(*frontierURLs), "bytes/url")
}
