// Command fakenews serves the fake news site of package scrapertest with
// net/http, so that a person can try archivist against it by hand:
//
//	go run ./scraper/scrapertest/cmd/fakenews -addr 127.0.0.1:8080 -faults
//	go run ./cmd/archivist crawl http://127.0.0.1:8080/
//
// It serves exactly the pages the tests see (the same handler). Each
// request is logged on stderr.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/archivist-project/archivist/scraper/scrapertest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "fakenews:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage error")

// run serves until ctx is done. ready, when not nil, is called with the
// address once the server listens.
func run(ctx context.Context, args []string, stderr io.Writer, ready func(addr string)) error {
	fs := flag.NewFlagSet("fakenews", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	site := fs.String("site", "news", "site name (different names give different content)")
	articles := fs.Int("articles", 200, "number of article pages")
	faults := fs.Bool("faults", false, "serve the trap and fault pages (endless calendar, hanging page, 50 MB page, gzip bomb...)")
	latency := fs.Duration("latency", 0, "delay added before every response")
	crawlDelay := fs.Duration("crawl-delay", 0, "Crawl-delay announced in robots.txt (0 = none)")
	quiet := fs.Bool("q", false, "do not log requests")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	s := scrapertest.NewSite(
		scrapertest.WithSite(*site),
		scrapertest.WithArticles(*articles),
		scrapertest.WithFaults(*faults),
		scrapertest.WithLatency(*latency),
		scrapertest.WithCrawlDelay(*crawlDelay),
	)
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	var h http.Handler = s
	if !*quiet {
		h = logRequests(logger, s)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	logger.Info("serving fake news site", "url", "http://"+ln.Addr().String()+"/", "site", s.Name(), "articles", *articles, "faults", *faults)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.Close() // unblock the page that never answers
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach Hijack and Flush.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func logRequests(logger *slog.Logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		logger.Info("request", "method", r.Method, "url", r.URL.RequestURI(), "status", rec.status,
			"duration", time.Since(start).Round(time.Millisecond), "user_agent", r.UserAgent())
	})
}
