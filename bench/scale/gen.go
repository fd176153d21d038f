package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/archivist-project/archivist/corpus"
)

// genOptions shape a synthetic corpus.
type genOptions struct {
	DB       string
	Articles int
	Sites    int
	Seed     uint64
	Batch    int
}

// site is one synthetic news site.
type site struct {
	host, name string
	lang       *language
	weight     float64
	authors    []string
	zone       int
}

// generator makes realistic-looking articles: Zipf-distributed words,
// lognormal lengths, dates over ten years, a few hundred sites of Zipf-like
// sizes in several languages.
type generator struct {
	rng     *rand.Rand
	zipf    *rand.Zipf
	sites   []site
	cum     []float64 // cumulative site weights
	start   time.Time
	span    time.Duration
	buf     strings.Builder
	textLen int64
}

// wordsMedian and wordsSigma shape the lognormal article length in words.
const (
	wordsMedian = 450
	wordsSigma  = 0.7
)

func newGenerator(opts genOptions) *generator {
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	g := &generator{rng: rng, zipf: rand.NewZipf(rng, 1.07, 2, vocabSize-1),
		start: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)}
	g.span = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Sub(g.start)
	total := 0.0
	for i := range opts.Sites {
		lang := &languages[0]
		if i%2 == 1 { // half the sites English, the rest spread over the others
			lang = &languages[1+(i/2)%(len(languages)-1)]
		}
		prefix := sitePrefixes[rng.IntN(len(sitePrefixes))]
		noun := siteNouns[rng.IntN(len(siteNouns))]
		tlds := siteTLDs[lang.code]
		s := site{host: fmt.Sprintf("%s%s%d.%s", prefix, noun, i, tlds[rng.IntN(len(tlds))]),
			name: capitalize(prefix) + " " + capitalize(noun), lang: lang,
			weight: 1 / math.Pow(float64(i+1), 0.8), zone: lang.zones[rng.IntN(len(lang.zones))]}
		for range 3 + rng.IntN(30) {
			s.authors = append(s.authors, firstNames[rng.IntN(len(firstNames))]+" "+lastNames[rng.IntN(len(lastNames))])
		}
		g.sites = append(g.sites, s)
		total += s.weight
		g.cum = append(g.cum, total)
	}
	for i := range g.cum {
		g.cum[i] /= total
	}
	return g
}

func (g *generator) pickSite() *site {
	x := g.rng.Float64()
	lo, hi := 0, len(g.cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if g.cum[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return &g.sites[lo]
}

// words appends n Zipf-drawn words of lang, as sentences, to the buffer.
func (g *generator) sentences(lang *language, n int) {
	for n > 0 {
		k := min(n, 8+g.rng.IntN(18))
		for i := range k {
			w := lang.word(int(g.zipf.Uint64()))
			if i == 0 {
				w = capitalize(w)
			} else {
				g.buf.WriteByte(' ')
			}
			g.buf.WriteString(w)
		}
		g.buf.WriteString(". ")
		n -= k
	}
}

// contentWord is a word of rank lo..hi (past the function words).
func (g *generator) contentWord(lang *language, lo, hi int) string {
	return lang.word(lo + g.rng.IntN(hi-lo))
}

// article makes the i-th article.
func (g *generator) article(i int) *corpus.Article {
	s := g.pickSite()
	lang := s.lang
	nt := 6 + g.rng.IntN(7)
	title := make([]string, nt)
	for k := range title {
		title[k] = g.contentWord(lang, 40, 8000)
	}
	title[0] = capitalize(title[0])
	nw := max(30, int(math.Exp(math.Log(wordsMedian)+wordsSigma*g.rng.NormFloat64())))
	g.buf.Reset()
	for left := nw; left > 0; {
		p := min(left, 40+g.rng.IntN(90))
		g.sentences(lang, p)
		left -= p
		if left > 0 {
			g.buf.WriteString("\n\n")
		}
	}
	text := strings.TrimSpace(g.buf.String())
	g.textLen += int64(len(text))
	section := lang.sections[g.rng.IntN(len(lang.sections))]
	a := &corpus.Article{
		Site: s.host, SiteName: s.name, Title: strings.Join(title, " "), Language: lang.code,
		Section: section, Text: text, WordCount: nw, PageType: corpus.PageTypeArticle,
		Description: firstWords(text, 25),
	}
	for range 1 + g.rng.IntN(2) {
		a.Authors = append(a.Authors, s.authors[g.rng.IntN(len(s.authors))])
	}
	for range g.rng.IntN(5) {
		a.Tags = append(a.Tags, g.contentWord(lang, 40, 2000))
	}
	g.dates(a, s)
	if g.rng.IntN(100) < 4 {
		a.PageType = corpus.PageTypeListing
		a.Flags = append(a.Flags, corpus.FlagNotArticle)
	}
	if nw < 150 {
		a.Flags = append(a.Flags, corpus.FlagShort)
	}
	slug := strings.ToLower(strings.Join(title[:min(5, len(title))], "-"))
	day := a.FetchedAt
	if a.Published != nil {
		day = *a.Published
	}
	a.URL = fmt.Sprintf("https://%s/%s/%s/%s-%d", s.host, strings.ToLower(section), day.Format("2006/01/02"), slug, i)
	a.CanonicalURL = a.URL
	sum := sha256.Sum256([]byte(a.URL))
	a.ContentSHA256 = hex.EncodeToString(sum[:])
	return a
}

// dates sets published (with precision and the site's zone, or none),
// modified now and then, and fetched_at.
func (g *generator) dates(a *corpus.Article, s *site) {
	at := g.start.Add(time.Duration(g.rng.Int64N(int64(g.span)))).In(time.FixedZone("", s.zone))
	a.FetchedAt = at.Add(time.Duration(g.rng.Int64N(int64(48 * time.Hour)))).UTC()
	switch x := g.rng.IntN(100); {
	case x < 3:
		a.Flags = append(a.Flags, corpus.FlagNoDate)
		return
	case x < 18:
		at = time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, at.Location())
		a.PublishedPrecision = corpus.PrecisionDay
	case x < 60:
		at = at.Truncate(time.Minute)
		a.PublishedPrecision = corpus.PrecisionMinute
	case x < 90:
		at = at.Truncate(time.Second)
		a.PublishedPrecision = corpus.PrecisionSecond
	default:
		at = at.Truncate(time.Millisecond)
		a.PublishedPrecision = corpus.PrecisionSecond
	}
	a.Published = &at
	if g.rng.IntN(100) < 20 {
		m := at.Add(time.Duration(g.rng.Int64N(int64(72 * time.Hour)))).Truncate(time.Second)
		a.Modified, a.ModifiedPrecision = &m, corpus.PrecisionSecond
	}
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

// generate writes opts.Articles articles (with one capture each, without a
// body) into the corpus, through the corpus API, in transactions of
// opts.Batch.
func generate(ctx context.Context, opts genOptions, log func(string, ...any)) error {
	db, err := corpus.Open(ctx, opts.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	g := newGenerator(opts)
	start := time.Now()
	for done := 0; done < opts.Articles; {
		n := min(opts.Batch, opts.Articles-done)
		err := db.Update(ctx, func(tx *corpus.Tx) error {
			for i := done; i < done+n; i++ {
				a := g.article(i)
				c := &corpus.Capture{RequestedURL: a.URL, URL: a.URL, Status: 200, Proto: "HTTP/1.1",
					FetchedAt: a.FetchedAt, ContentType: "text/html", SHA256: a.ContentSHA256, Source: "seed"}
				id, err := tx.AddCapture(ctx, c)
				if err != nil {
					return err
				}
				a.CaptureID = id
				if _, err := tx.PutArticle(ctx, a, a.URL); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		done += n
		if done%50000 == 0 || done == opts.Articles {
			el := time.Since(start)
			log("generated", "articles", done, "text_mb", strconv.FormatFloat(float64(g.textLen)/1e6, 'f', 1, 64),
				"per_s", int(float64(done)/el.Seconds()), "elapsed", el.Round(time.Second).String())
		}
	}
	return nil
}
