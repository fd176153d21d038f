package extract

import (
	"slices"
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestStatusPages: a product page whose widgets print their states (a
// shipping error, loading placeholders, a form's verdicts) loses those
// lines; a heading that starts with "Loading" and a line that asks the
// reader to try again without naming a failure stay.
func TestStatusPages(t *testing.T) {
	runTextPages(t, []textPage{
		{name: "product_status", url: "https://marsh-pottery.example/jugs/fenland-jug", typ: corpus.PageTypeProduct,
			wantInText: []string{"speckled oat glaze", "Delivery to your door in three to five working days.",
				"Loading and firing", "or try again with a jug from the next firing.", "Not for the microwave"},
			notInText: []string{"There was a problem calculating", "Loading questions", "Loading recommendations",
				"Please enter a valid email", "couldn't sign you up"}},
	})
}

// TestIsStatusLine: loading placeholders, failures that ask for another
// try and a form's verdicts are status lines; a line that tries again
// without a failure, a failure without a retry, an error message quoted
// in documentation prose and a long line are not.
func TestIsStatusLine(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"Loading...", true},
		{"Loading… Please wait...", true},
		{"Loading recommendations", true},
		{"Loading Questions...", true},
		{"Error rating book. Refresh and try again.", true},
		{"Opps! Something went wrong. Please try again later.", true},
		{"Captcha failed to load. Try using a different browser or disabling ad blockers.", true},
		{"Sorry, we could not load the map. Try again in a few minutes.", true},
		{"You're already subscribed!", true},
		{"Please enter a valid email address", true},
		{"Loading dock hours: 6am to 2pm", false},
		{"Edit your address and try again.", false},
		{"error: could not determine cachedir mount point /var/cache/pacman/pkg", false},
		{"Upon entering an incorrect password, this will replace Sorry, try again. message with humorous insults.", false},
		{"If the upload failed, check the file's size: uploads over 20 MB are refused by the server and the error says so in the log, which you can read from the settings page, so please try again.", false},
	} {
		if got := isStatusLine(tt.line); got != tt.want {
			t.Errorf("isStatusLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestIsLoadingHead: a heading is a placeholder only when it ends in an
// ellipsis.
func TestIsLoadingHead(t *testing.T) {
	for _, tt := range []struct {
		head string
		want bool
	}{
		{"Loading...", true},
		{"Loading…", true},
		{"Loading content...", true},
		{"Loading data", false},
		{"Loading and firing", false},
		{"Loading a module from a path...", false},
	} {
		if got := isLoadingHead(tt.head); got != tt.want {
			t.Errorf("isLoadingHead(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

// TestDropStatusLines: a heading goes only as a loading placeholder
// ending in an ellipsis (the titles of tiles still empty); a heading
// that names a section stays, and so does a paragraph that is no status.
func TestDropStatusLines(t *testing.T) {
	bs := []block{
		{text: "Loading...", kind: kindHeading},
		{text: "Loading data", kind: kindHeading},
		{text: "Read the file once and keep it in memory.", kind: kindPara},
		{text: "Loading recommendations", kind: kindPara},
		{text: "Error loading the chart. Refresh and try again.", kind: kindPara},
		{text: "Try again", kind: kindHeading},
	}
	var got []string
	for _, b := range dropStatusLines(bs) {
		got = append(got, b.text)
	}
	want := []string{"Loading data", "Read the file once and keep it in memory.", "Try again"}
	if !slices.Equal(got, want) {
		t.Errorf("dropStatusLines kept %q, want %q", got, want)
	}
}
