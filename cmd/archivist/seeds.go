package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/archivist-project/archivist/internal/quote"
	"github.com/archivist-project/archivist/scraper"
	"github.com/archivist-project/archivist/scraper/urlnorm"
)

// maxSeedLine is the longest line a seed file may hold. URLs are at most a
// few KB; a longer line means the file is not a seed list.
const maxSeedLine = 64 << 10

// seedFile reads a seed file: one URL per line, blank lines and # comments
// ignored. It checks every line and returns the file as a
// scraper.SeedList, which reads it again, line by line, when the crawl
// queues its seeds: a file of any length costs constant memory. It also
// returns the number of seeds. A bad line is a usage error naming the file
// and line.
func seedFile(path string) (scraper.SeedList, int, error) {
	l := scraper.SeedList{Name: path}
	seeds := 0
	sum, lines, err := eachSeedLine(path, func(n int, line string) error {
		if err := checkSeed(line); err != nil {
			return usagef("%s:%d: %v", path, n, err)
		}
		seeds++
		return nil
	})
	if isUsage(err) {
		return l, 0, usagef("crawl: %v", err)
	} else if err != nil {
		return l, 0, fmt.Errorf("crawl: %w", err)
	}
	l.Lines, l.SHA256 = lines, sum
	l.Each = func(fn func(line int, url string) error) error {
		again, _, err := eachSeedLine(path, fn)
		if err == nil && again != sum {
			err = fmt.Errorf("%s changed while the crawl read it: run the crawl again", path)
		}
		return err
	}
	return l, seeds, nil
}

// eachSeedLine calls fn with each seed line of the file at path (trimmed,
// without comments) and its line number. It returns the hex SHA-256 of the
// file and its number of lines. Its own errors have no "crawl:" prefix;
// those it cannot blame on the file's content are not usage errors.
func eachSeedLine(path string, fn func(n int, line string) error) (sum string, lines int, err error) {
	if path == "-" {
		return "", 0, usagef("--seeds -: standard input is not read; save the list to a file and pass its name")
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		// Checked before opening: opening a pipe waits for its writer.
		return "", 0, usagef("--seeds %s is not a regular file (a pipe or a device): archivist reads the seed list twice, "+
			"to check it and then to queue it; save the list to a file and pass its name", path)
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", 0, usagef("--seeds %s: no such file", path)
		}
		return "", 0, usagef("--seeds %s: %v", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return "", 0, usagef("--seeds %s: is a folder (want a file of URLs, one a line)", path)
	}
	h := sha256.New()
	var fnErr error
	n, err := eachLine(io.TeeReader(f, h), maxSeedLine, func(n int, b []byte) error {
		if n == 1 {
			// Editors on Windows begin a UTF-8 file with a byte order
			// mark; UTF-16 would need decoding.
			if bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")) {
				fnErr = usagef("%s: UTF-16 text: save it as UTF-8 (one URL a line)", path)
				return fnErr
			}
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		line := strings.TrimSpace(string(b))
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" || strings.HasPrefix(line, "#") {
			return nil
		}
		fnErr = fn(n, line)
		return fnErr
	})
	var long *lineTooLongError
	switch {
	case fnErr != nil:
		return "", n, fnErr
	case errors.As(err, &long):
		return "", n, usagef("%s:%d: line longer than %d bytes: not a URL (is %s a list of URLs, one a line?)",
			path, long.line, long.max, path)
	case err != nil:
		return "", n, fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// lineTooLongError is a line over the limit of eachLine.
type lineTooLongError struct{ line, max int }

func (e *lineTooLongError) Error() string {
	return fmt.Sprintf("line %d longer than %d bytes", e.line, e.max)
}

// eachLine calls fn with each line of r (without its end of line) and its
// number, from 1. A line longer than max bytes stops it with a
// *lineTooLongError, having read no more of it than the buffer holds. It
// returns the number of lines read.
func eachLine(r io.Reader, max int, fn func(n int, line []byte) error) (int, error) {
	br := bufio.NewReaderSize(r, max+1)
	n := 0
	for {
		b, err := br.ReadSlice('\n')
		if len(b) > 0 || err == nil {
			n++
		}
		if errors.Is(err, bufio.ErrBufferFull) || len(bytes.TrimRight(b, "\r\n")) > max {
			return n, &lineTooLongError{line: n, max: max}
		}
		if len(b) > 0 {
			if ferr := fn(n, bytes.TrimRight(b, "\r\n")); ferr != nil {
				return n, ferr
			}
		}
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

func isUsage(err error) bool {
	var ue *usageError
	return errors.As(err, &ue)
}

// checkSeed reports what is wrong with a seed URL, quoting at most 200
// characters of it.
func checkSeed(s string) error {
	lower := strings.ToLower(s[:min(len(s), len("https://"))])
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return fmt.Errorf("bad seed URL %s (want http:// or https://)", quote.Short(s))
	}
	if len(s) > urlnorm.MaxURLLength {
		// The crawler does not follow links this long either.
		return fmt.Errorf("bad seed URL %s (longer than %d bytes)", quote.Short(s), urlnorm.MaxURLLength)
	}
	if strings.ContainsAny(s, " \t") {
		return fmt.Errorf("bad seed URL %s (contains spaces)", quote.Short(s))
	}
	if _, err := urlnorm.Normalize(s); err != nil {
		// Normalize's error quotes the URL (shortened) already.
		return fmt.Errorf("bad seed URL: %w", err)
	}
	return nil
}
