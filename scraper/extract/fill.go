package extract

import (
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/archivist-project/archivist/corpus"
)

// extract finds the body text.
func (p *page) extract(opts Options) {
	x := &contentExtractor{idx: make(map[*html.Node]int32, 2048), infos: make([]nodeInfo, 0, 2048)}
	body := p.root
	for c := p.root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			for b := c.FirstChild; b != nil; b = b.NextSibling {
				if b.Type == html.ElementNode && b.Data == "body" {
					body = b
				}
			}
		}
	}
	_, _, _, para := x.analyze(body, false)
	x.total = para
	x.prune(body)
	top := x.candidate()
	if top == nil {
		return
	}
	p.top = top
	nodes := x.selectContent(top)
	p.blocks = x.bodyBlocks(nodes)
	p.blocks = p.trimBlocks(p.blocks)
	if !opts.NoJSONLDBody {
		p.crossCheck()
	}
	p.body = joinBlocks(p.blocks)
}

// trimBlocks drops bylines, datelines and headline repeats at the start of
// the body.
func (p *page) trimBlocks(bs []block) []block {
	return bs
}

// crossCheck compares the body with the JSON-LD articleBody and uses the
// latter when the page text clearly missed the article.
func (p *page) crossCheck() {}

// fill copies everything found into art.
func (p *page) fill(art *corpus.Article, opts Options) {
	art.Text = p.body
	art.WordCount = countWords(p.body)
	if !opts.NoMetadata {
		p.fillMeta(art)
	}
	p.fillFlags(art)
	if art.Authors == nil {
		art.Authors = []string{}
	}
	if art.Tags == nil {
		art.Tags = []string{}
	}
	if art.Flags == nil {
		art.Flags = []string{}
	}
}

func (p *page) fillMeta(art *corpus.Article) {}

func (p *page) fillFlags(art *corpus.Article) {
	if art.Published == nil {
		art.Flags = append(art.Flags, corpus.FlagNoDate)
	}
	if art.WordCount < ShortWords {
		art.Flags = append(art.Flags, corpus.FlagShort)
	}
	_ = strings.TrimSpace
	_ = time.Now
}
