package extract

import (
	"strings"
	"testing"
	"time"
)

// TestHeadByline: a byline no class names, a plain line under the
// headline, is read when nothing else names the authors; lines that open
// with "By" but name nobody, or belong to something else, are not.
func TestHeadByline(t *testing.T) {
	const head = `<h1>Harbour board approves new ferry timetable</h1>`
	const story = `<p>The harbour board approved a new ferry timetable on Tuesday evening, adding two crossings on weekdays and one on Sunday mornings from the spring.</p>
<p>Ferry users had asked for earlier crossings for years, said the board's chair, who added that the new boats make the extra runs affordable.</p>
<p>The timetable takes effect in March, and the board will review the weekend crossings after the summer season if demand stays low.</p>`
	tests := []struct {
		name, body, want string
	}{
		{"a plain byline under the headline", head + `<p>By Tomas Eriksen, Staff Writer</p>` + story, "Tomas Eriksen"},
		{"a byline in a div", head + `<div>By Tomas Eriksen</div>` + story, "Tomas Eriksen"},
		{"two writers", head + `<p>By Tomas Eriksen and Lena Moreau, Staff Writers</p>` + story, "Tomas Eriksen; Lena Moreau"},
		{"a hashed class and a date", head + `<div class="q7v9z">By Tomas Eriksen, Staff Writer | December 5, 2026</div>` + story, "Tomas Eriksen"},
		{"after a standfirst, in a wrapper", head + `<div><h2>Two more crossings on weekdays</h2><div><span>By</span> <span>Tomas Eriksen</span></div></div>` + story, "Tomas Eriksen"},
		{"written by", head + `<p>Written by Tomas Eriksen</p>` + story, "Tomas Eriksen"},
		{"words by, with a date", head + `<div>Words by Tomas Eriksen | December 5, 2026</div>` + story, "Tomas Eriksen"},
		{"posted by", head + `<p>Posted by Tomas Eriksen</p>` + story, "Tomas Eriksen"},
		{"German text von", `<h1>Hafenrat beschließt neuen Fahrplan</h1><p>Text von Anna Becker</p>` + story, "Anna Becker"},
		{"photos by", head + `<p>Photos by Jonas Weber</p>` + story, ""},
		// A reviewer is the author only when nobody else is named (a
		// book's or a film's review); never an expert with a title.
		{"reviewed by, nobody else named", head + `<p>Reviewed by Jonas Weber</p>` + story, "Jonas Weber"},
		{"reviewed by a doctor", head + `<p>Reviewed by Dr Jonas Weber</p>` + story, ""},
		{"medically reviewed by", head + `<p>Medically reviewed by Jonas Weber</p>` + story, ""},
		{"written by, then reviewed by a doctor", head + `<p>Written by Tomas Eriksen. Reviewed by Dr Jonas Weber</p>` + story, "Tomas Eriksen"},
		{"a health site's credits", head + `<p>Medically reviewed by Jonas Weber, MD — Written by Tomas Eriksen on March 3, 2026</p>` + story, "Tomas Eriksen"},
		{"a reviewer's line, then the writer's", head + `<p>Reviewed by Jonas Weber</p><p>Written by Tomas Eriksen</p>` + story, "Tomas Eriksen"},
		{"the writer's line, then a fact-checker's", head + `<p>By Tomas Eriksen</p><p>Fact-checked by Jonas Weber</p>` + story, "Tomas Eriksen"},
		{"reviewed by, the writer in the meta tags", head + `<p>Reviewed by Jonas Weber</p>` + story + `<meta name="author" content="Tomas Eriksen">`, "Tomas Eriksen"},
		{"a byline box, writer and reviewer", head + `<div class="byline">Written by Tomas Eriksen. Reviewed by Dr Jonas Weber</div>` + story, "Tomas Eriksen"},
		{"a byline box, a health site's credits", head + `<div class="byline">Medically reviewed by Jonas Weber, MD — Written by Tomas Eriksen on March 3, 2026</div>` + story, "Tomas Eriksen"},
		{"a byline box, the reviewer alone", head + `<div class="byline">Reviewed by Jonas Weber</div>` + story, "Jonas Weber"},
		// The writer's line, then an editor's and a reviewer's: the
		// writer is named, so the credits after it are no list of reviews.
		{"the writer's line, then an editor's and a reviewer's", head + `<p>By Tomas Eriksen</p><p>Edited by Jonas Weber</p><p>Reviewed by Lena Moreau</p>` + story, "Tomas Eriksen"},
		{"the writer's line, then a reviewer's", head + `<p>By Tomas Eriksen</p><p>Reviewed by Lena Moreau</p>` + story, "Tomas Eriksen"},
		{"a reviewer with post-nominal letters alone", head + `<p>Reviewed by Lena Moreau, MS, RDN</p>` + story, ""},
		{"a reviewer with a finance credential alone", head + `<p>Reviewed by Lena Moreau, CFA</p>` + story, ""},
		{"two reviewers' lines: a list of reviews", `<h1>Reviews</h1><p>Reviewed by Jonas Weber</p><p>Reviewed by Lena Moreau</p>` + story, ""},
		{"written by, a sentence", head + `<p>Written by hand, the letters reached the harbour board in May.</p>` + story, ""},
		{"German", `<h1>Hafenrat beschließt neuen Fahrplan</h1><p>Von Anna Becker</p>` + story, "Anna Becker"},
		{"a subheading", head + `<h2>By Land and Sea</h2>` + story, ""},
		{"by the numbers", head + `<h3>By the numbers</h3>` + story, ""},
		{"a sentence that opens with By", head + `<p>By Saturday, the county had opened two more crossings.</p>` + story, ""},
		{"an agency", head + `<p>By Reuters</p>` + story, ""},
		{"a photo credit", head + `<figure><img src="/a.jpg"><figcaption>By Jonas Weber</figcaption></figure>` + story, ""},
		{"a photo credit line", head + `<p>Photo by Jonas Weber</p>` + story, ""},
		{"a byline after the prose", head + story + `<p>By Tomas Eriksen</p>`, ""},
		{"a teaser's byline in a rail", head + story + `<aside><h3>Ferry fares to rise</h3><p>By Jonas Weber</p></aside>`, ""},
		{"a book quoted in the prose", head + `<p>The plan draws on Harbours of the North by Jonas Weber, the board said.</p>` + story, ""},
		{"a list of stories under a section's headline", `<h1>Local news</h1><div><h2><a href="/a">Ferry fares to rise</a></h2><p>By Jonas Weber · December 4, 2026</p><p>Day tickets go up from January.</p></div><div><h2><a href="/b">Harbour closes for repairs</a></h2><p>By Lena Moreau · December 3, 2026</p><p>The quay reopens in the spring.</p></div>`, ""},
		{"teasers without links in their headings", `<h1>Local news</h1><h2>Ferry fares to rise</h2><p>By Jonas Weber</p><p>Day tickets go up from January.</p><h2>Harbour closes for repairs</h2><p>By Lena Moreau</p><p>The quay reopens in the spring.</p>`, ""},
		{"a title-case standfirst", head + `<h2>By The Time The Vote Came</h2>` + story, ""},
		{"a title-case subheading", head + `<h3>By The Numbers Game</h3>` + story, ""},
		{"a German standfirst", `<h1>Die Reise</h1><p>Von Berlin bis Paris</p>` + story, ""},
		{"a Spanish title-case standfirst", `<h1>Lluvias</h1><p>Por Fin Llega La Lluvia</p>` + story, ""},
		{"a sponsor", head + `<p>By Acme Widgets Inc</p>` + story, ""},
		{"a Dutch newsroom", `<h1>Nieuwe veerdienst</h1><p>Door De Redactie</p>` + story, ""},
		{"a recipe's kitchen", `<h1>Apple pie</h1><p>By Grandma's Kitchen</p>` + story, ""},
		{"a name with particles", head + `<p>By Maria de la Cruz</p>` + story, "Maria de la Cruz"},
		{"a Dutch name", `<h1>Nieuwe veerdienst</h1><p>Door Jan van der Berg</p>` + story, "Jan van der Berg"},
		{"a bookshop's product page", `<h1>Harbours of the North</h1><p>By Jonas Weber</p><p>A history of the northern harbours, their ferries and the towns that grew around them, from the first quays to the container age.</p><p>£14.99</p><button>Add to basket</button>`, ""},
		{"a photo credit under a picture, outside a figure", head + `<div><img src="/a.jpg" alt=""><div>By Jonas Weber</div></div>` + story, ""},
		{"a photo credit with an agency under a picture", head + `<img src="/a.jpg" alt=""><p>By Jonas Weber/Reuters</p>` + story, ""},
		{"a photo credit under a picture in a wrapper", head + `<div><picture><img src="/a.jpg" alt=""></picture></div><p>Photo by Jonas Weber</p>` + story, ""},
		{"a byline after a picture and its caption", head + `<img src="/a.jpg" alt=""><p>The new ferry at the quay.</p><p>By Tomas Eriksen</p>` + story, "Tomas Eriksen"},
		{"a writer's portrait beside the byline", head + `<div><img src="/staff/tomas-eriksen.jpg" class="avatar" alt=""><div>By Tomas Eriksen</div></div>` + story, "Tomas Eriksen"},
		{"a portrait named in its alt text", head + `<div><div><img src="/i/8812.jpg" alt="Tomas Eriksen"></div><div>By Tomas Eriksen</div></div>` + story, "Tomas Eriksen"},
		{"a small portrait beside the byline", head + `<div><img src="/i/te.jpg" width="48" height="48" alt=""><div>By Tomas Eriksen</div></div>` + story, "Tomas Eriksen"},
		{"a picture with a caption before the byline", head + `<figure><img src="/a.jpg" alt=""><figcaption>The new ferry.</figcaption></figure><p>By Tomas Eriksen</p>` + story, "Tomas Eriksen"},
		{"a dated sentence opening with By", head + `<p>By Saturday, the county had opened 3 crossings on May 5, 2026.</p>` + story, ""},
		{"by appointment", `<h1>Harbour Barbers</h1><p>By Appointment Only</p>` + story, ""},
		{"by invitation", head + `<p>By Invitation Only</p>` + story, ""},
		{"a book review's book", `<h1>Review: a ferryman's memoir</h1><p>The Long Road, by Jonas Weber</p>` + story, ""},
		{"a book review's book in a byline box", `<h1>Review: a ferryman's memoir</h1><div class="byline">The Long Road, by Jonas Weber</div>` + story, ""},
		{"a book review's book without the comma in a byline box", `<h1>Review: a ferryman's memoir</h1><div class="byline">The Long Road by Jonas Weber</div>` + story, ""},
		{"a book review's book without the comma, then its reviewer", `<h1>Review: a ferryman's memoir</h1><div class="byline">The Long Road by Jonas Weber, reviewed by Tomas Eriksen</div>` + story, "Tomas Eriksen"},
		{"a book review's book without the comma, the reviewer's byline above", `<h1>Review: a ferryman's memoir</h1><div class="byline">By Tomas Eriksen</div><p class="book">The Long Road by Jonas Weber</p>` + story, "Tomas Eriksen"},
		{"a book review's credit with its publisher", `<h1>The Long Road</h1><p>By Jonas Weber (Harbour Press, 320 pp.)</p>` + story, ""},
		{"a byline and a date in one line", head + `<p>By Tomas Eriksen Dec 5, 2026</p>` + story, "Tomas Eriksen"},
		{"a byline and a long date in one line", head + `<p>By Tomas Eriksen December 5, 2026 10:40 am</p>` + story, "Tomas Eriksen"},
		{"a byline and a European date in one line", head + `<p>By Tomas Eriksen 5 December 2026</p>` + story, "Tomas Eriksen"},
		{"a linked byline and a date in one line", head + `<p>By <a href="/writers/tomas-eriksen">Tomas Eriksen</a> Dec 5, 2026</p>` + story, "Tomas Eriksen"},
		{"a numeric date after the byline", head + `<p>By Tomas Eriksen 12/05/2026</p>` + story, "Tomas Eriksen"},
		{"a dated byline under the lead picture", head + `<img src="/a.jpg" alt=""><p>By Tomas Eriksen | December 5, 2026</p>` + story, "Tomas Eriksen"},
		{"a dated byline under the lead picture in a wrapper", head + `<div><img src="/a.jpg" alt=""></div><div>By Tomas Eriksen Dec 5, 2026</div>` + story, "Tomas Eriksen"},
		// An interview's credit names its interviewer; "Interview with"
		// and "Interview:" name the person interviewed.
		{"interview by", head + `<p>Interview by Tomas Eriksen</p>` + story, "Tomas Eriksen"},
		{"interview with", head + `<p>Interview with Jonas Weber</p>` + story, ""},
		{"interview and a colon", head + `<p>Interview: Jonas Weber</p>` + story, ""},
		// A reviewer's and an editor's lines without a writer: the
		// reviewer, in either order; two editors' lines are a list.
		{"a reviewer's line, then an editor's", head + `<p>Reviewed by Jonas Weber</p><p>Edited by Lena Moreau</p>` + story, "Jonas Weber"},
		{"an editor's line, then a reviewer's", head + `<p>Edited by Lena Moreau</p><p>Reviewed by Jonas Weber</p>` + story, "Jonas Weber"},
		{"an editor's line alone", head + `<p>Edited by Lena Moreau</p>` + story, "Lena Moreau"},
		{"two editors' lines", head + `<p>Edited by Lena Moreau</p><p>Edited by Jonas Weber</p>` + story, ""},
		// Titles, places and agencies are no part of the names.
		{"a doctor's title", head + `<p>By Dr. med. Tomas Eriksen</p>` + story, "Tomas Eriksen"},
		{"a place after the names", head + `<p>By Tomas Eriksen and Lena Moreau in Kyiv</p>` + story, "Tomas Eriksen; Lena Moreau"},
		{"an agency after the name", head + `<p>By Tomas Eriksen, Reuters</p>` + story, "Tomas Eriksen"},
		// A label with a colon, and names in scripts without case.
		{"a label with a colon", head + `<p>Author: Tomas Eriksen</p>` + story, "Tomas Eriksen"},
		{"a Russian label", `<h1>Новое расписание паромов</h1><p>Автор: Иван Петров</p>` + story, "Иван Петров"},
		{"a Japanese name", head + `<p>By 山田太郎</p>` + story, "山田太郎"},
		// A reporter's role after the name goes (review40a).
		{"a Japanese name and its role", head + `<p>By 山田太郎 記者</p>` + story, "山田太郎"},
		{"a Korean name and its role", head + `<p>By 한서윤 기자</p>` + story, "한서윤"},
		{"a label before a phrase", head + `<p>Text: the full decision of the board</p>` + story, ""},
		{"a label before an article", head + `<p>Author: The Harbour Board</p>` + story, ""},
		{"a lone word after By in a script without case", head + `<p>By 港</p>` + story, ""},
		{"no headline of its own: a list of stories", `<h1>Ferry fares to rise</h1><p>By Jonas Weber</p><h1>Harbour closes for repairs</h1><p>By Lena Moreau</p>` + story, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<!doctype html><html lang="en"><head><title>A page</title></head><body><main>` + tt.body + `</main></body></html>`
			art, err := Extract(Input{Body: []byte(page), URL: "https://news.example/2026/12/05/ferry", FetchedAt: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(art.Authors, "; "); got != tt.want {
				t.Errorf("authors %q, want %q", got, tt.want)
			}
		})
	}
}
