package extract

import "strings"

// reLoadingLine matches the placeholder a script shows until its part of
// the page has loaded: "Loading...", "Loading content", "Loading
// recommendations", "Loading... Please wait...".
var reLoadingLine = lazyRE(`(?i)^loading(?: [^\W\d_]+){0,2}\s*(?:\.\.\.|…)?(?:\s*please wait\W*)?$`)

// reRetryEnd matches the end of a widget's failure message, which asks
// the reader to try again: "... Please try again later.", "... Refresh
// and try again.", "... failed to load. Try using a different browser
// ...".
var reRetryEnd = lazyRE(`(?i)(?:\b(?:please )?(?:refresh(?: the page)? and )?try again(?: later| in a (?:few|moment)[^.!]{0,20})?|\btry (?:using a different browser|reloading the page)[^.!]{0,60}|\bfailed to load)[.!]*$`)

// reFailure matches the words of a failure: "error", "a problem",
// "went wrong", "failed", "unable", "could not", "oops".
var reFailure = lazyRE(`(?i)\b(?:error|problem|went wrong|failed|unable|couldn[’']?t|could not|cannot|can[’']t|oops|opps|sorry)\b`)

// reFieldMessage matches what a form says of a field it rejects:
// "Please enter a valid email", "You are already subscribed", "This
// field is required".
var reFieldMessage = lazyRE(`(?i)^(?:(?:please )?enter a valid (?:e-?mail(?: address)?|phone number|zip code|post(?:al )?code)|you(?:['’]re| are) already (?:subscribed|signed up|registered)|this field is required|required field)\W*$`)

// statusMaxBytes is the longest line dropStatusLines reads as a status
// message.
const statusMaxBytes = 160

// isStatusLine reports whether t is a message of a scripted widget's
// state rather than of the page: a loading placeholder (reLoadingLine),
// a failure that asks the reader to try again (reFailure and
// reRetryEnd) or a form's verdict on a field (reFieldMessage). A line
// that only mentions trying again ("edit your address and try again")
// names no failure and stays.
func isStatusLine(t string) bool {
	t = strings.TrimSpace(t)
	if len(t) > statusMaxBytes {
		return false
	}
	return reLoadingLine.MatchString(t) || reFieldMessage.MatchString(t) ||
		reRetryEnd.MatchString(t) && reFailure.MatchString(t)
}

// dropStatusLines drops the lines that are not headings and that a
// script prints for a state of its widget (isStatusLine): the page holds
// them hidden, or shows them only while its data loads or when a call
// fails ("Loading recommendations", "Error rating book. Refresh and try
// again.", "There was a problem calculating your shipping. Please try
// again."). A heading stays, a documentation section may be named
// "Loading data", unless it ends in an ellipsis (isLoadingHead).
func dropStatusLines(bs []block) []block {
	return dropBlocks(bs, func(b block) bool {
		if b.heads() {
			return isLoadingHead(b.text)
		}
		return isStatusLine(b.text)
	})
}

// isLoadingHead reports whether a heading is a loading placeholder: it
// matches reLoadingLine and ends in an ellipsis ("Loading...", which a
// card waiting for its data prints as a heading for screen readers),
// which no section's name does.
func isLoadingHead(t string) bool {
	t = strings.TrimSpace(t)
	return len(t) <= statusMaxBytes && (strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…")) && reLoadingLine.MatchString(t)
}
