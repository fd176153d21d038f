package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// gridPage is a made-up tea shop's page: head markup, then n cards of a
// grid, each a <div class="item"> with a linked name and, when priced,
// a <span class="price"> (and extra markup per card), then rest.
func gridPage(head string, n int, priced bool, extra, rest string) string {
	var b strings.Builder
	b.WriteString("<html><head><title>Green teas</title>" + head + "</head><body><h1>Green teas</h1><div class=\"row\">")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<div class="item"><a href="/p/tea-%d">Tea %d</a>`, i, i)
		if priced {
			fmt.Fprintf(&b, `<span class="price">£%d.50</span>`, i+3)
		}
		b.WriteString(extra + "</div>")
	}
	b.WriteString("</div>" + rest + "</body></html>")
	return b.String()
}

// TestPriceGrid: priceGrid finds priceGridItems priced siblings of one
// tag and class, and not fewer (a product's related items), nor unpriced
// cards, nor prices spread over siblings of different classes.
func TestPriceGrid(t *testing.T) {
	mixed := gridPage("", 0, false, "", strings.Repeat(`<div class="a"><span class="price">£3</span></div><div class="b"><span class="price">£4</span></div>`, 6))
	tests := []struct {
		name, src string
		want      bool
	}{
		{"twelve priced cards", gridPage("", 12, true, "", ""), true},
		{"ten priced cards", gridPage("", priceGridItems, true, "", ""), true},
		{"eight related items", gridPage("", 8, true, "", ""), false},
		{"twelve cards without prices", gridPage("", 12, false, "", ""), false},
		{"prices in siblings of two classes", mixed, false},
	}
	for _, tt := range tests {
		p := pageOfString(t, tt.src, "https://leafandcup.example/green-teas")
		if got := p.priceGrid(); got != tt.want {
			t.Errorf("%s: priceGrid() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestPageTypeShopGrid: pageType, which types a page whose body is too
// short for the model, reads a grid of priced cards as a listing where a
// shop's page-wide og:type product, its cards' declared Products or
// their messages ("promo-message", counted as posts) said otherwise.
// One product stays one.
func TestPageTypeShopGrid(t *testing.T) {
	const og = `<meta property="og:type" content="product">`
	const group = `<meta property="og:type" content="product.group">`
	micro := `<div itemscope itemtype="https://schema.org/Product"><meta itemprop="name" content="Tea"></div>`
	msgs := `<p class="promo-message">New</p><p class="promo-message">Organic</p>`
	tests := []struct {
		name, src, want string
	}{
		{"og:type product on a grid of priced cards", gridPage(og, 12, true, "", ""), corpus.PageTypeListing},
		{"product.group with cards declaring Products", gridPage(group, 12, false, micro, ""), corpus.PageTypeListing},
		{"cards' messages counted as posts", gridPage("", 20, true, msgs, ""), corpus.PageTypeListing},
		{"og:type product, one price", gridPage(og, 1, true, "", ""), corpus.PageTypeProduct},
		{"a thread's posts", gridPage("", 0, false, "", strings.Repeat(`<div class="post"><p>I agree.</p></div>`, 24)), corpus.PageTypeForum},
	}
	for _, tt := range tests {
		p := pageOfString(t, tt.src, "https://leafandcup.example/green-teas")
		if got := p.pageType(40); got != tt.want {
			t.Errorf("%s: pageType = %q, want %q (price %d, posts %d, cards %d)", tt.name, got, tt.want, p.kind.price, p.kind.posts, p.kind.cards)
		}
	}
}

// TestCorrectModelPriceGrid: a page the model calls a service's is a
// listing when it holds a grid of priced cards (correctModel), and stays
// a service's with a few priced plans.
func TestCorrectModelPriceGrid(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"a grid of priced cards", gridPage("", 12, true, "", ""), corpus.PageTypeListing},
		{"three priced plans", gridPage("", 3, true, "", ""), corpus.PageTypeService},
	}
	for _, tt := range tests {
		p := pageOfString(t, tt.src, "https://leafandcup.example/green-teas")
		article, got := p.correctModel(&corpus.Article{}, false, corpus.PageTypeService)
		if article || got != tt.want {
			t.Errorf("%s: correctModel = %v, %q, want false, %q", tt.name, article, got, tt.want)
		}
	}
}
