package extract

import (
	"fmt"
	"strings"
	"testing"
)

// bigListPage returns a story of about 2 MB whose body holds n list
// items (or table rows) written by item, between two paragraphs of prose.
func bigListPage(n int, open, close string, item func(i int) string) []byte {
	var sb strings.Builder
	sb.WriteString(`<html><head><title>The harbour works, item by item</title></head><body><article><h1>The harbour works, item by item</h1>`)
	sb.WriteString(`<p>` + strings.Repeat("The council met again and the vote was put off until spring. ", 4) + `</p>` + open)
	for i := range n {
		sb.WriteString(item(i))
	}
	sb.WriteString(close + `<p>` + strings.Repeat("The works begin in the spring and close the road in stages. ", 4) + `</p></article></body></html>`)
	return []byte(sb.String())
}

// BenchmarkBigLists times Extract on 2 MB pages of 20,000 list items or
// table rows of the kinds the cited-block rules (nameItems,
// otherSiteItems, proseItems' titledItem, recordRows) walk, and on a
// thread whose opening post holds 5,000 paragraphs (storyBeside's
// signedLike per paragraph), and on a thread of 3,000 posts whose
// posters' cards set each field as a one-pair list (cardPairs).
func BenchmarkBigLists(b *testing.B) {
	pages := map[string][]byte{
		"names": bigListPage(20000, "<ul>", "</ul>", func(i int) string {
			return fmt.Sprintf(`<li class="entry-name"><a href="/people/p%d">Name %d</a></li>`+"\n", i, i)
		}),
		"other-sites": bigListPage(20000, "<ul>", "</ul>", func(i int) string {
			return fmt.Sprintf(`<li><a href="https://h%d.example/report">The report of the year %d</a></li>`+"\n", i, i)
		}),
		"titled": bigListPage(20000, "<ul>", "</ul>", func(i int) string {
			return fmt.Sprintf(`<li><a href="/s/%d">Shops brace for works %d</a>, from our desk</li>`+"\n", i, i)
		}),
		"rows": bigListPage(20000, "<table>", "</table>", func(i int) string {
			return fmt.Sprintf(`<tr><td><a href="/r/%d">Release %d.0</a></td><td>2026</td></tr>`+"\n", i, i)
		}),
		"thread": bigThreadPage(5000, 40),
		"tag":    bigTagPage(10000),
		"cards":  bigCardPage(16000),
		"pairs":  bigPairsThread(3000),
		"copies": bigCopyLinkPage(10000),
	}
	for _, name := range []string{"names", "other-sites", "titled", "rows", "thread", "tag", "cards", "pairs", "copies"} {
		page := pages[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				if _, err := Extract(Input{Body: page, URL: "https://news.example/2026/12/05/harbour-works", ContentType: "text/html", FetchedAt: fetchedAt}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// bigTagPage returns a tag page that declares an article: n items of a
// plain linked title, a date and a line of summary each (itemRunBody).
func bigTagPage(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferries | North Sound</title><meta property="og:type" content="article"></head><body><main><h1>Stories about ferries</h1><ul class="stories">`)
	for i := range n {
		fmt.Fprintf(&sb, `<li class="story"><a class="title" href="/news/story-%d">Night ferry cancelled for week %d</a> <span class="date">2 December 2024</span><p>The replacement stern door has still not arrived from the yard.</p></li>`+"\n", i, i)
	}
	sb.WriteString(`</ul></main></body></html>`)
	return []byte(sb.String())
}

// bigCardPage returns a shop's category page of n sibling cards, each
// with a badge and the labels of its facts (dropCardBadges, whose
// slotKey counts a card's earlier siblings only up to slotMaxIndex).
func bigCardPage(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Coats | Estuary Outfitters</title></head><body><main><h1>Coats</h1><ul class="results">`)
	for i := range n {
		fmt.Fprintf(&sb, `<li class="card"><span class="badge">Mended for free</span><a href="/p/coat-%d"><h3>Coat number %d</h3></a><dl><dt>Price</dt><dd>£%d.00</dd></dl></li>`+"\n", i, i, i%300)
	}
	sb.WriteString(`</ul></main></body></html>`)
	return []byte(sb.String())
}

// bigCopyLinkPage returns a topic page of n sibling cards, each with
// two links hidden from screen readers and out of the tab order
// (isShownCopyLink): its title again in an overlay of its own, compared
// with the card's other parts, and its teaser.
func bigCopyLinkPage(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour | Coast News</title></head><body><main><h1>Harbour</h1>`)
	for i := range n {
		fmt.Fprintf(&sb, `<div class="card"><h3><a href="/s/%d">Ferries return to the outer islands, story %d</a></h3><div class="overlay"><a href="/s/%d" aria-hidden="true" tabindex="-1">Ferries return to the outer islands, story %d</a></div>`+
			`<p><a href="/s/%d" aria-hidden="true" tabindex="-1">The harbour master told the council what the work had shown.</a></p></div>`+"\n", i, i, i, i, i)
	}
	sb.WriteString(`</main></body></html>`)
	return []byte(sb.String())
}

// bigThreadPage returns a thread whose opening post, signed as its
// replies are, holds paras paragraphs, above replies comments named for
// comments.
func bigThreadPage(paras, replies int) []byte {
	var sb strings.Builder
	sb.WriteString(`<html><head><title>Rebuilding the harbour crane</title></head><body><h1>Rebuilding the harbour crane</h1><div class="thread">`)
	sb.WriteString(`<div class="post opening"><div class="sig"><a href="/u/keeper">keeper</a> <time datetime="2026-03-02">2 March</time></div>`)
	for range paras {
		sb.WriteString(`<p>` + strings.Repeat("The crane's arm came down in stages and we kept the bolts. ", 6) + "</p>\n")
	}
	sb.WriteString(`</div><ol class="comments">`)
	for i := range replies {
		fmt.Fprintf(&sb, `<li class="comment"><div class="sig"><a href="/u/r%d">reader %d</a> <time datetime="2026-03-03">3 March</time></div><p>%s</p></li>`+"\n",
			i%7, i, strings.Repeat("A fine job on the crane, thanks for the photos. ", 3))
	}
	sb.WriteString(`</ol></div></body></html>`)
	return []byte(sb.String())
}

// bigProductPage returns a product page (declared Product) whose
// description is followed by n cards written by card, in one grid.
func bigProductPage(n int, card func(i int) string) []byte {
	var sb strings.Builder
	sb.WriteString(`<html><head><title>Fell Walker Sock</title><script type="application/ld+json">{"@type":"Product","name":"Fell Walker Sock"}</script></head><body><main><h1>Fell Walker Sock</h1><p class="price">£14.00</p>`)
	sb.WriteString(`<div class="description"><p>` + strings.Repeat("A walking sock of Herdwick wool, cushioned under the foot and at the heel. ", 6) + `</p></div><div class="grid">`)
	for i := range n {
		sb.WriteString(card(i))
	}
	sb.WriteString(`</div><button>Add to cart</button></main></body></html>`)
	return []byte(sb.String())
}

// BenchmarkBigProductPages times Extract on product pages of 8,000
// cards of other products (dropRailCards' cards, sameSiblings' groups)
// and of 8,000 cards without a price whose three levels of like
// siblings each make isRailCard read their subtrees (cardParts), and a
// list box of 16,000 options (dropChoiceLists).
func BenchmarkBigProductPages(b *testing.B) {
	pages := map[string][]byte{
		"rail": bigProductPage(8000, func(i int) string {
			return fmt.Sprintf(`<div class="card"><a href="/products/p%d"><img src="/i/%d.jpg"></a><p class="card-title"><a href="/products/p%d">Sock %d</a></p><span class="card-price">£%d.00</span></div>`+"\n", i, i, i, i, 10+i%50)
		}),
		"priceless": bigProductPage(8000, func(i int) string {
			return fmt.Sprintf(`<div class="card"><div class="row"><a href="/s/%d"><img src="/i/%d.jpg"></a><span class="tag">wool</span><span class="tag">ribbed</span><span class="tag">knee</span></div><div class="row"><p>Step %d of the knitting</p></div><div class="row"><a href="/s/%d">More</a></div></div>`+"\n", i, i, i, i)
		}),
		"listbox": bigProductPage(1, func(int) string {
			var sb strings.Builder
			sb.WriteString(`<div role="listbox">`)
			for i := range 16000 {
				fmt.Fprintf(&sb, `<div role="option">Option %d</div>`, i)
			}
			return sb.String() + `</div>`
		}),
	}
	for _, name := range []string{"rail", "priceless", "listbox"} {
		page := pages[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				if _, err := Extract(Input{Body: page, URL: "https://shop.example/products/fell-walker-sock", ContentType: "text/html", FetchedAt: fetchedAt}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBigReviewPages times Extract on a product page of 3,000
// undated reviews followed by 3,000 dated ones (isItem looks among each
// review's siblings for another dated one).
func BenchmarkBigReviewPages(b *testing.B) {
	page := bigProductPage(1, func(int) string {
		var sb strings.Builder
		sb.WriteString(`<section class="reviews"><h2>Customer Reviews</h2>`)
		for i := range 6000 {
			when := ""
			if i >= 3000 {
				when = `<p class="when">yesterday</p>`
			}
			fmt.Fprintf(&sb, `<div class="review-card"><div class="head"><p class="name">Buyer %d</p>%s</div><div class="prose-review">Review number %d: warm socks, and they last.</div></div>`, i, when, i)
		}
		return sb.String() + `</section>`
	})
	b.ReportAllocs()
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := Extract(Input{Body: page, URL: "https://shop.example/products/fell-walker-sock", ContentType: "text/html", FetchedAt: fetchedAt}); err != nil {
			b.Fatal(err)
		}
	}
}

// bigPairsThread returns a thread of n posts, each under a poster's card
// of three one-pair definition lists (cardPairs), each with its own
// text.
func bigPairsThread(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`<html><head><title>Which tide table</title></head><body><main><h1>Which tide table</h1><div class="thread">`)
	for i := range n {
		fmt.Fprintf(&sb, `<article class="message"><div class="message-user"><h4><a href="/members/u%d/">user%d</a></h4><div class="extras"><dl class="pairs"><dt>Joined</dt><dd>Jun %d, 2015</dd></dl><dl class="pairs"><dt>Member Type</dt><dd>Pilot</dd></dl><dl class="pairs"><dt>Home Country</dt><dd>Land %d</dd></dl></div></div><div class="message-content"><p>Post %d. %s</p></div></article>`+"\n",
			i%50, i%50, i%28+1, i%9, i, strings.Repeat("The printed almanac and the harbour app disagree by twenty minutes at springs. ", 4))
	}
	sb.WriteString(`</div></main></body></html>`)
	return []byte(sb.String())
}

// bigServicePage returns a service page of n feature sections, each a
// title in a <header> over a paragraph; nested, the sections are left
// unclosed, so the page is about 2n levels deep (keepLeadHeads' walk
// from a title up to its box, sharesBox; the parser refuses pages
// over 512 levels).
func bigServicePage(n int, nested bool) []byte {
	var sb strings.Builder
	sb.WriteString(`<html><head><title>Shared notes for small teams</title><meta property="og:type" content="website"></head><body>`)
	sb.WriteString(`<nav><a href="/">Home</a> <a href="/pricing">Pricing</a> <a href="/login">Log in</a></nav><div class="page">`)
	sb.WriteString(`<div class="intro rich-text"><p>` + strings.Repeat("Notes, plans and how-tos where the whole team finds them. ", 6) + `</p></div>`)
	for i := range n {
		fmt.Fprintf(&sb, `<div class="px-lg"><header class="mx-auto"><h2 class="text-white">Feature %d in real time</h2>`+
			`<p class="text-white">Everyone edits page %d at once and sees who is typing where, so a plan is agreed in one sitting.</p></header>`, i, i)
		if !nested {
			sb.WriteString(`</div>`)
		}
		sb.WriteString("\n")
	}
	sb.WriteString(`</div><footer><p>© 2026 Notes Ltd</p></footer></body></html>`)
	return []byte(sb.String())
}

// BenchmarkBigServicePages times Extract on a service page of 3,000
// feature sections side by side and on one of 240 nested sections.
func BenchmarkBigServicePages(b *testing.B) {
	for _, nested := range []bool{false, true} {
		n := 3000
		if nested {
			n = 240
		}
		page := bigServicePage(n, nested)
		b.Run(fmt.Sprintf("nested=%v", nested), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				if _, err := Extract(Input{Body: page, URL: "https://notes.example/", ContentType: "text/html", FetchedAt: fetchedAt}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBigPreviewThread times Extract on a forum thread of 3,000
// posts, each reply under a preview of the post it answers:
// dropQuotedCopies drops 2,999 copies with one map and a short walk up
// from each block, so the time grows with the posts, not with their
// square.
func BenchmarkBigPreviewThread(b *testing.B) {
	page := bigPreviewThread(3000)
	b.ReportAllocs()
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := Extract(Input{Body: page, URL: "https://board.example/threads/logger-stops.9050/", ContentType: "text/html", FetchedAt: fetchedAt}); err != nil {
			b.Fatal(err)
		}
	}
}

// bigPreviewThread returns a thread of n posts, each reply under a
// preview of the post it answers (the same paragraph again, in no
// quote's markup) and each holding a code box.
func bigPreviewThread(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`<html><head><title>Logger stops</title></head><body><main><h1>Logger stops</h1><ul class="posts">`)
	post := func(i int) string {
		return fmt.Sprintf("Post %d: the logger stops after about an hour and the buffer never flushes to the card.", i)
	}
	for i := range n {
		preview := ""
		if i > 0 {
			preview = `<div class="reply-to"><p>` + post(i-1) + `</p></div>`
		}
		fmt.Fprintf(&sb, `<li class="post">%s<div class="poster"><a href="/members/u%d/">user%d</a></div><div class="post-date">Posted 9 Nov 2026, 10:%02d</div><div class="post-body"><p>%s</p><pre><code>gauge: buffer 3600 of 3600 readings, flush failed, restarting</code></pre></div></li>`+"\n",
			preview, i%40, i%40, i%60, post(i))
	}
	sb.WriteString(`</ul></main></body></html>`)
	return []byte(sb.String())
}

// BenchmarkBigCardEchoes times dropCardEchoes on 80,000 blocks: 20,000
// cards each printed twice in a row, and a run of one line said 80,000
// times, where every run of up to cardEchoMaxRun blocks matches the one
// before it (the worst case of cardEchoAt). Both must grow linearly
// with the blocks: compare the two sizes.
func BenchmarkBigCardEchoes(b *testing.B) {
	for _, n := range []int{10000, 20000} {
		// A line printed twice first, so that the walk is not skipped.
		once := block{text: "Tide tables for beginners"}
		cards, same := []block{}, []block{once, once}
		for i := range n {
			t := block{text: fmt.Sprintf("Evening walk number %d along the harbour", i)}
			d := block{text: fmt.Sprintf("Sat, Apr %d, 7:00 PM", i%28+1)}
			cards = append(cards, t, d, t, d)
		}
		for range 4 * n {
			same = append(same, block{text: "Bring your own lamp, no booking needed."})
		}
		for _, c := range []struct {
			name string
			bs   []block
		}{{"cards", cards}, {"same", same}} {
			b.Run(fmt.Sprintf("%s-%d", c.name, 4*n), func(b *testing.B) {
				for range b.N {
					dropCardEchoes(c.bs)
				}
			})
		}
	}
}

// BenchmarkBigSignedTutorial times Extract on dated, signed tutorials of
// 3,000 steps (a paragraph and a code block each), in English and in
// Japanese, which the page-type model calls documentation: signedPost's
// sentenceProse counts the words of every paragraph once.
func BenchmarkBigSignedTutorial(b *testing.B) {
	pages := map[string]string{
		"en": signedTutorial("en", "Scanning logs in Python, step by step", "Sam Reyes", "18 March 2024",
			"Every team has a log that somebody greps by hand each morning, and this walk-through turns it into a script.",
			"Read the lines of the log in step %d, and keep the result for the next step. It is a line or two of work that a hurried script leaves out.",
			"That is the whole script: many steps, none of them clever, each of them a bug that will not happen.", 3000),
		"ja": signedTutorial("ja", "Python でログを一歩ずつ調べる", "山田太郎", "2024年3月18日",
			"どのチームにも、毎朝だれかが手で確認しているログがあります。",
			"ステップ%dでは、ログの各行を読み込み、その結果を次のステップのために保存しておきます。",
			"これでスクリプトは完成です。", 3000),
	}
	for _, lang := range []string{"en", "ja"} {
		page := []byte(pages[lang])
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				if _, err := Extract(Input{Body: page, URL: "https://writer.example/blog/scanning-logs", ContentType: "text/html", FetchedAt: fetchedAt}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
