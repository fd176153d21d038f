package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestOpenRaceOnNewDatabase opens one new database from several separate
// connections at once, 20 times: every open must succeed (before the
// schema version was read inside the migration's transaction, about half
// the tries failed with "table bodies already exists").
func TestOpenRaceOnNewDatabase(t *testing.T) {
	ctx := context.Background()
	for try := range 20 {
		path := filepath.Join(t.TempDir(), "archive.db")
		var wg sync.WaitGroup
		errs := make([]error, 4)
		start := make(chan struct{})
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				db, err := Open(ctx, path)
				if err == nil {
					err = db.Close()
				}
				errs[i] = err
			}()
		}
		close(start)
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatalf("try %d: %v", try, err)
		}
	}
}

// mustClosedCorpus writes a corpus with one capture (body) and one article
// (text) to a new file, closes it and returns its path and the capture id.
func mustClosedCorpus(t testing.TB, body, text string) (string, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "archive.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	// Enough articles to fill several pages, so the marker's page is not
	// the first.
	id := addCapture(t, db, &Capture{URL: "https://example.com/p", RequestedURL: "https://example.com/p",
		Status: 200, Body: []byte(body)})
	for i := range 40 {
		putArticle(t, db, &Article{URL: fmt.Sprintf("https://example.com/a%d", i), Title: "filler",
			Text: strings.Repeat("filler text ", 40), CaptureID: id}, fmt.Sprintf("k%d", i))
	}
	putArticle(t, db, &Article{URL: "https://example.com/p", Title: "marked", Text: text, CaptureID: id}, "p")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path, id
}

func TestDamagedPageIsReportedAndRefusesWrites(t *testing.T) {
	ctx := context.Background()
	path, _ := mustClosedCorpus(t, "<p>body</p>", "MARKER-TEXT-IN-AN-ARTICLE")
	MustDamagePage(t, path, "MARKER-TEXT-IN-AN-ARTICLE")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	problems, err := db.IntegrityProblems(ctx, true)
	if err == nil && len(problems) == 0 {
		t.Fatal("quick_check found nothing wrong in a damaged page")
	}
	err = db.Articles(ctx, ArticleFilter{}, func(*Article) error { return nil })
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("reading a damaged page: err = %v, want ErrCorrupt", err)
	}
	before, _ := os.Stat(path)
	err = db.Update(ctx, func(tx *Tx) error {
		_, err := tx.PutArticle(ctx, &Article{URL: "https://example.com/new", CaptureID: 1}, "new")
		return err
	})
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("write after corruption: err = %v, want ErrCorrupt", err)
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		t.Errorf("a write reached the write-ahead log of a damaged corpus (%d bytes)", wal.Size())
	}
	if after, _ := os.Stat(path); after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
		t.Error("the damaged database file changed")
	}
}

func TestVerifyBodiesFindsFlippedBytes(t *testing.T) {
	ctx := context.Background()
	// A short body is stored as is (compressing it would make it larger),
	// so its bytes can be found in the file.
	path, id := mustClosedCorpus(t, "BODY-MARKER-0123456789", "text")
	check := func() []Problem {
		t.Helper()
		db, err := OpenReadOnly(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var got []Problem
		n, err := db.VerifyBodies(ctx, func(p Problem) error { got = append(got, p); return nil })
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("checked %d bodies, want 1", n)
		}
		return got
	}
	if got := check(); len(got) != 0 {
		t.Fatalf("sound corpus: problems %+v", got)
	}
	MustFlipBytes(t, path, "BODY-MARKER-0123456789")
	got := check()
	if len(got) != 1 || got[0].CaptureID != id || got[0].URL != "https://example.com/p" ||
		!strings.Contains(got[0].Problem, "SHA-256") {
		t.Fatalf("problems = %+v, want capture %d's SHA-256 mismatch", got, id)
	}
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Errorf("integrity_check: %v (flipped bytes in a value are invisible to SQLite)", err)
	}
}

func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	path, _ := mustClosedCorpus(t, "<p>body</p>", "text")
	before, _ := os.Stat(path)
	time.Sleep(10 * time.Millisecond)
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !db.ReadOnly() {
		t.Error("ReadOnly() = false")
	}
	n := 0
	if err := db.Articles(ctx, ArticleFilter{}, func(*Article) error { n++; return nil }); err != nil || n != 41 {
		t.Errorf("articles: %d, %v; want 41", n, err)
	}
	err = db.Update(ctx, func(tx *Tx) error { return nil })
	if !errors.Is(err, ErrReadOnly) {
		t.Errorf("Update: err = %v, want ErrReadOnly", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
		t.Error("a read-only open changed the database file")
	}

	tests := []struct {
		name, content, want string
	}{
		{"missing", "", "no such file"},
		{"empty", "-", "not an archivist corpus"},
		{"not a database", strings.Repeat("text, not SQLite\n", 400), "not a SQLite database file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "x.db")
			switch tt.content {
			case "":
			case "-":
				os.WriteFile(p, nil, 0o644)
			default:
				os.WriteFile(p, []byte(tt.content), 0o644)
			}
			db, err := OpenReadOnly(ctx, p)
			if err == nil {
				db.Close()
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			if _, serr := os.Stat(p); tt.content == "" && serr == nil {
				t.Error("a read-only open created the file")
			}
		})
	}
}

func TestQuickCheckCached(t *testing.T) {
	ctx := context.Background()
	path, _ := mustClosedCorpus(t, "<p>body</p>", "text")
	for i, want := range []bool{false, true} {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		problems, cached, err := db.QuickCheckCached(ctx)
		db.Close()
		if err != nil || len(problems) > 0 || cached != want {
			t.Fatalf("check %d: problems %v, cached %v, err %v; want cached %v", i, problems, cached, err, want)
		}
	}
	// A change to the file invalidates the cached result.
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	putArticle(t, db, &Article{URL: "https://example.com/later", CaptureID: 1}, "later")
	db.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, cached, err := db.QuickCheckCached(ctx); err != nil || cached {
		t.Fatalf("after a write: cached %v, err %v; want a new check", cached, err)
	}
}

func TestChangesSince(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	id := addCapture(t, db, &Capture{URL: "https://example.com/", RequestedURL: "https://example.com/", Status: 200})
	for i := range 3 {
		putArticle(t, db, &Article{URL: fmt.Sprintf("https://example.com/%d", i), CaptureID: id}, fmt.Sprint(i))
	}
	putArticle(t, db, &Article{URL: "https://example.com/0", Title: "updated", CaptureID: id}, "0")
	tests := []struct {
		seq  int64
		want Changes
	}{
		{0, Changes{Articles: 3, LastSeq: 4, Behind: 3}},
		{2, Changes{Articles: 3, LastSeq: 4, Behind: 2}},
		{4, Changes{Articles: 3, LastSeq: 4, Behind: 0}},
	}
	for _, tt := range tests {
		got, err := db.ChangesSince(ctx, tt.seq)
		if err != nil || got != tt.want {
			t.Errorf("ChangesSince(%d) = %+v, %v; want %+v", tt.seq, got, err, tt.want)
		}
	}
}

// TestDiskFullIsErrDiskFull limits the database's size with PRAGMA
// max_page_count, which makes SQLite answer SQLITE_FULL as on a full disk:
// writes fail with ErrDiskFull, and what was committed before stays.
func TestDiskFullIsErrDiskFull(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	var pages int
	if err := db.w.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages+4)); err != nil {
		t.Fatal(err)
	}
	var err error
	saved := 0
	for i := 0; i < 100 && err == nil; i++ {
		err = db.Update(ctx, func(tx *Tx) error {
			u := fmt.Sprintf("https://example.com/%d", i)
			_, err := tx.AddCapture(ctx, &Capture{URL: u, RequestedURL: u, Status: 200,
				Body: []byte(strings.Repeat(fmt.Sprintf("page %d ", i), 300))})
			return err
		})
		if err == nil {
			saved++
		}
	}
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("err = %v, want ErrDiskFull", err)
	}
	n := 0
	if err := db.ForEachCapture(ctx, CaptureFilter{}, func(*Capture) error { n++; return nil }); err != nil || n != saved {
		t.Errorf("%d captures readable (%v), want the %d saved", n, err, saved)
	}
}

// TestVerifyBodiesFindsSwappedBody: a capture whose body reference was
// edited by hand to name another capture's body (both bodies sound) holds
// a payload that is not the one it recorded: verify names it.
func TestVerifyBodiesFindsSwappedBody(t *testing.T) {
	for _, tc := range []struct {
		name, edit string
		want       bool
	}{
		{"sound", "", false},
		{"swapped", "UPDATE captures SET body_sha256 = (SELECT body_sha256 FROM captures WHERE url LIKE '%/b') WHERE url LIKE '%/a'", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := MustOpen(t)
			a := addCapture(t, db, &Capture{URL: "https://example.com/a", RequestedURL: "https://example.com/a", Status: 200, Body: []byte("<p>first</p>")})
			addCapture(t, db, &Capture{URL: "https://example.com/b", RequestedURL: "https://example.com/b", Status: 200, Body: []byte("<p>second</p>")})
			if tc.edit != "" {
				if _, err := db.w.ExecContext(ctx, tc.edit); err != nil {
					t.Fatal(err)
				}
			}
			var got []Problem
			if _, err := db.VerifyBodies(ctx, func(p Problem) error { got = append(got, p); return nil }); err != nil {
				t.Fatal(err)
			}
			if !tc.want {
				if len(got) != 0 {
					t.Errorf("problems %+v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].CaptureID != a || !strings.Contains(got[0].Problem, "not its payload") {
				t.Errorf("problems %+v, want capture %d's body named as not its payload", got, a)
			}
		})
	}
}
