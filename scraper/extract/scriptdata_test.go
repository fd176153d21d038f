package extract

import (
	"encoding/json"
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestScriptData: a page whose content a script draws from data in the
// page is read from that data; interface dictionaries and settings stay
// out, and a page whose markup holds the article does not change.
func TestScriptData(t *testing.T) {
	tests := []struct {
		name       string
		wantInText []string
		notInText  []string
		wantEmpty  bool
	}{
		// A JSON block with the post's body as HTML, beside an i18n
		// namespace and the post's addresses and class names.
		{name: "next_data",
			wantInText: []string{"The harbour board voted on Tuesday", "What changes for the fishing fleet", "within a month."},
			notInText:  []string{"password you entered", "morning briefing", "post--wide", "cdn.example"}},
		// Streamed chunks: JSON lines and a text chunk.
		{name: "flight",
			wantInText: []string{"The night train to the northern towns", "leaves the capital at nine", "sold out before noon", "breakfast is served"},
			notInText:  []string{"chunks/app", "max-w-3xl"}},
		// A state object assigned to a global: a thread's posts.
		{name: "state",
			wantInText: []string{"My sourdough starter has gone flat", "The cellar is probably too cold", "keeps my starter lively"},
			notInText:  []string{"There are no replies yet", "Report this post", "api.example"}},
		// Only dictionaries of interface strings and settings: nothing.
		{name: "i18n_only", wantEmpty: true,
			notInText: []string{"Changes are saved", "Something went wrong", "Welcome to the shop"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "scriptdata", tt.name, "https://news.example/p/"+tt.name)
			checkText(t, art.Text, tt.wantInText, tt.notInText)
			if tt.wantEmpty && art.WordCount >= 20 {
				t.Errorf("%d words, want the markup's few", art.WordCount)
			}
			if strings.Count(art.Text, "The harbour board voted") > 1 {
				t.Errorf("a paragraph repeated")
			}
		})
	}
}

// TestScriptDataFullArticle: a page whose markup holds the article
// comes out the same with and without its data block.
func TestScriptDataFullArticle(t *testing.T) {
	page := string(mustReadFile(t, filepath.Join("testdata", "scriptdata", "full_article.html")))
	bare := regexp.MustCompile(`(?s)<script.*?</script>`).ReplaceAllString(page, "")
	if bare == page {
		t.Fatal("no script to remove")
	}
	in := Input{URL: "https://news.example/p/full", ContentType: "text/html; charset=utf-8", FetchedAt: fetchedAt}
	in.Body = []byte(page)
	got, err := Extract(in)
	if err != nil {
		t.Fatal(err)
	}
	in.Body, in.SHA256 = []byte(bare), ""
	want, err := Extract(in)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != want.Text || got.Title != want.Title || got.PageType != want.PageType {
		t.Errorf("the data block changed the article:\n%s\n---\n%s", got.Text, want.Text)
	}
}

func TestAssignedJSON(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{`window.__INITIAL_STATE__ = {"a":1};`, `{"a":1}`},
		{` var data=[1,2] `, `[1,2]`},
		{`self["x"] = {"a":"b"}`, `{"a":"b"}`},
		{`window.x = {a:1};`, ``},                          // a JS literal, not JSON
		{`window.x = {"a":1}; init(window.x);`, ``},        // more than an assignment
		{`if (a == {"b":1}) run()`, ``},                    // not an assignment
		{`window.__NUXT__=(function(a){return {}})()`, ``}, // a function
	}
	for _, tt := range tests {
		got, ok := assignedJSON(tt.src)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("assignedJSON(%q) = %q, %v; want %q", tt.src, got, ok, tt.want)
		}
	}
}

func TestJSONString(t *testing.T) {
	tests := []struct{ q, want string }{
		{`"plain"`, "plain"},
		{`"a \"quote\" and a \\ and \/"`, `a "quote" and a \ and /`},
		{`"line\nbreak\ttab"`, "line\nbreak tab"},
		{`"caf\u00e9 \ud83d\ude00"`, "café 😀"},
		{`"broken \u12"`, "broken \ufffd"},
		{`""`, ""},
	}
	for _, tt := range tests {
		if got := jsonString(tt.q); got != tt.want {
			t.Errorf("jsonString(%s) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestIsProse(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"The harbour board voted on Tuesday to close the old ferry pier for two years.", true},
		{"Die Gemeinde hat am Dienstag beschlossen, den alten Anleger für zwei Jahre zu schließen.", true},
		{"btn btn-primary text-lg leading-7 mx-auto max-w-3xl flex items-center justify-between gap-4", false},
		{"https://cdn.example/a.jpg https://cdn.example/b.jpg https://cdn.example/c.jpg and more.", false},
		{"function(a){return a.b.c = d; if (e) { f(g); } else { h(i); } } window.x = y; z();", false},
		{".card{margin:0 auto;padding:1rem 2rem;color:#333;} .card h2{font-size:1.2rem;line-height:1.4}", false},
		{"A title without any end mark at all but with many words in it here", false},
		{"Short one.", false},
	}
	for _, tt := range tests {
		if got := isProse(tt.s); got != tt.want {
			t.Errorf("isProse(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// BenchmarkScriptDataLarge: a page without text whose data is about
// 10 MB of records costs a bounded scan (maxDataBytes): assigned to a
// global (too large to check it is JSON: not read), and in a JSON block
// whose first record is the page's (read up to the bound, taken: the
// page is parsed and extracted twice).
func BenchmarkScriptDataLarge(b *testing.B) {
	for _, open := range []string{`<script>window.__STATE__ = `, `<script type="application/json">`} {
		page := largeDataPage(open)
		b.Run(strings.Fields(open)[1], func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Extract(Input{Body: page, URL: "https://x.example/", ContentType: "text/html", FetchedAt: fetchedAt}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// largeDataPage returns a page of 10 MB whose data block opens with open
// and holds a record titled as the page, then many short ones.
func largeDataPage(open string) []byte {
	var sb strings.Builder
	sb.WriteString(`<html><head><title>The record of the page</title></head><body><div id="app"></div>` + open)
	sb.WriteString(`{"page":{"title":"The record of the page","body":"` + strings.Repeat("This sentence is the text of the page and it has twelve words. ", 20) + `"},"items":[`)
	for i := 0; sb.Len() < 10<<20; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"id":"i%d","url":"https://x.example/%d","name":"Item %d","text":"Record %d tells a short story about a thing that happened. It has two sentences."}`, i, i, i, i)
	}
	sb.WriteString(`]};</script></body></html>`)
	return []byte(sb.String())
}

func TestFlightChunk(t *testing.T) {
	tests := []struct {
		src, want string
		ok        bool
	}{
		{`self.__next_f.push([1,"0:[\"$\",\"p\",null,{\"children\":\"Hi\"}]\n"])`, "0:[\"$\",\"p\",null,{\"children\":\"Hi\"}]\n", true},
		{` self.__next_f.push([1, "a\u00e9"]) `, "aé", true},
		{`(self.__next_f=self.__next_f||[]).push([0])`, "", false},
		{`self.__next_f.push([2,"x"])`, "", false},
		{`self.__next_f.push([1,"a","b"])`, "", false},
		{`dataLayer.push({"event":"view"})`, "", false},
	}
	for _, tt := range tests {
		got, ok := flightChunk(tt.src)
		if got != tt.want || ok != tt.ok {
			t.Errorf("flightChunk(%q) = %q, %v; want %q, %v", tt.src, got, ok, tt.want, tt.ok)
		}
	}
}

// TestScriptDataHostile: data cut on an opening quote, nested a million
// deep, or a story record of many members (review14's inputs) neither
// panics, nor costs memory out of proportion, nor loses the story.
func TestScriptDataHostile(t *testing.T) {
	story := strings.Repeat("The council met on Tuesday and agreed the new harbour plan after a long debate. ", 24)
	tests := []struct {
		name, data string
		want       string // in the text; "" for no check
	}{
		{"ends on a quote", `{"page":{"title":"Harbour","body":"` + strings.Repeat("a b. ", 300) + `"},"x":"`, ""},
		{"deep", strings.Repeat("[", 1_500_000), ""},
		{"twelve members", `{"props":{"story":{"title":"The harbour plan","subtitle":"A Long Night","body":"` + story +
			`","author":"Ann Lee","section":"Local News","kicker":"Council","caption":"The Harbour At Dawn","credit":"Photo Desk",` +
			`"location":"North Bay","tag":"Harbour Plan","id":"a1","date":"2026-01-02"}}}`, "agreed the new harbour plan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head><title>The harbour plan</title></head><body><div id="app"></div>` +
				`<script type="application/json" id="data">` + tt.data + `</script></body></html>`
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			art, err := Extract(Input{Body: []byte(page), URL: "https://x.example/p", ContentType: "text/html", FetchedAt: fetchedAt})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 100<<20 {
				t.Errorf("%d MB allocated for a %d KB page", alloc>>20, len(page)>>10)
			}
			if tt.want != "" && !strings.Contains(art.Text, tt.want) {
				t.Errorf("text %.200q: want %q", art.Text, tt.want)
			}
		})
	}
}

// TestDictionaryOfSentences: an interface dictionary whose messages are
// whole sentences stays out of the data's prose, while a story record of
// as many members keeps its body (review14c).
func TestDictionaryOfSentences(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{"post":{"title":"The harbour plan","body":"` + strings.Repeat("The council met on Tuesday and agreed the new harbour plan. ", 12) + `"},"strings":{`)
	for i := range 8 {
		fmt.Fprintf(&sb, `"l%d":"Label %d",`, i, i)
	}
	for i := range 4 {
		fmt.Fprintf(&sb, `"s%d":"We use cookies number %d to remember your settings and to measure how readers use the site.",`, i, i)
	}
	sb.WriteString(`"z":"Close"}}`)
	dp := &dataProse{seen: map[string]bool{}}
	dp.jsonData(sb.String())
	var got []string
	for _, p := range dp.parts {
		got = append(got, p.s)
	}
	all := strings.Join(got, "|")
	if strings.Contains(all, "We use cookies") {
		t.Errorf("parts %.300q: the dictionary's sentences kept", all)
	}
	if !strings.Contains(all, "agreed the new harbour plan") {
		t.Errorf("parts %.300q: the story's body lost", all)
	}
}

// TestScriptDataPreloadStore: a board's shell whose preload store sits in
// a data-* attribute, each member a JSON text inside a string (the
// thread, the site's categories, its settings), comes out as the thread's
// posts in order, without the categories' blurbs, settings or addresses.
// The page is built here (not a testdata file) so that the digest of
// TestVersionFollowsOutput does not move for a test of unchanged output.
func TestScriptDataPreloadStore(t *testing.T) {
	posts := []string{
		"My rain barrel overflows every time the gutter fills after a storm. The overflow hose sits too high and water pools against the shed wall. Should I move the outlet lower?",
		"Add a diverter on the downpipe instead. It sends water to the barrel until the barrel is full and then lets the rest run down the pipe as before.",
		"Thanks, I fitted a diverter this weekend and the last storm left the wall completely dry. The second barrel can wait until spring.",
	}
	var stream []map[string]any
	for i, p := range posts {
		stream = append(stream, map[string]any{"id": 11 + i, "created_at": "2026-05-02T08:11:00.000Z",
			"avatar_template": "/user_avatar/talk.backyard.example/x/{size}/1.png", "cooked": "<p>" + p + "</p>"})
	}
	member := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	store := member(map[string]string{
		"site":         member(map[string]any{"categories": []any{map[string]string{"name": "Garden", "description": "Everything that grows outside, from lawns to vegetable beds and the tools you use on them."}}}),
		"siteSettings": member(map[string]any{"title": "Backyard Helpers", "site_description": "A friendly board for gardeners who like to share what works.", "min_post_length": 20}),
		"topic_7781":   member(map[string]any{"post_stream": map[string]any{"posts": stream}, "id": 7781, "title": "Rain barrel overflows onto the shed wall"}),
	})
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Rain barrel overflows onto the shed wall - Watering - Backyard Helpers</title></head><body>
<section id="d-splash"><div class="preloader-image"><div class="dots"></div></div></section>
<div class="hidden" id="data-preloaded" data-preloaded="` + html.EscapeString(store) + `"></div>
<section id="main"></section></body></html>`
	art, err := Extract(Input{URL: "https://talk.backyard.example/t/rain-barrel/7781", Body: []byte(page), FetchedAt: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	checkText(t, art.Text, []string{posts[0], posts[1], posts[2]},
		[]string{"Everything that grows outside", "A friendly board for gardeners", "user_avatar"})
	if i, j := strings.Index(art.Text, "My rain barrel"), strings.Index(art.Text, "Thanks, I fitted"); i < 0 || j < i {
		t.Errorf("posts out of order:\n%s", art.Text)
	}
}
