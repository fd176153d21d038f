package extract

import (
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestClosingSignupPages: on a news article whose class names say
// nothing, the newsletter box inside the story's container after its
// last paragraph goes, told by its e-mail field; the story's paragraph
// that mentions e-mail stays (ex32nl). On a service page whose class names say
// nothing (hashed), the newsletter box that closes the text goes, told by
// its e-mail field; the trial form under the headline (the page's own
// offer) and a card's waitlist inside a list item stay. A beta's
// waiting list between two sections past the middle of the text goes
// all the same, and the section after it stays: the references keep
// no such box between a page's parts either (review32a measured a
// guard that kept it: tune 4359 and check 1520 lost word F1).
func TestClosingSignupPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "service_closing_signup", url: "https://slackwater.example/", typ: corpus.PageTypeService,
			wantInText: []string{"Slackwater prints the week's tides", "Start a free month with your work address",
				"Tell me when fees are ready", "Boats over twenty metres book their pilot"},
			notInText: []string{"Letters from the quay", "One short letter a month", "We never share your address"}},
		{name: "article_closing_signup", url: "https://tidewater.example/news/dredge", typ: corpus.PageTypeArticle,
			wantInText: []string{"The harbour board voted on Tuesday night", "Residents who wrote to the board by e-mail",
				"should take about six weeks if the weather holds"},
			notInText: []string{"Morning tide", "in your inbox before breakfast", "Unsubscribe in one click"}},
		{name: "service_midpage_signup", url: "https://loftbook.example/", typ: corpus.PageTypeService,
			wantInText: []string{"Under eighteens sign with a parent", "One plan for every gym"},
			notInText:  []string{"Try the beta of route setting", "We are opening route logging"}},
	})
}
