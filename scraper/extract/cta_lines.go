package extract

import "strings"

// reInvite matches the short lines with which a page that is not an
// article invites the reader to act rather than says anything: "Ready to
// get started?", "Call us today", "Book a free consultation", "Get in
// touch", "Connect with us", "Register today".
var reInvite = lazyRE(`(?i)^(?:ready to [^.?!]{2,40}\?|(?:call|contact|email|message) us\b|get in touch\b|(?:book|schedule|request|get|claim) (?:a|an|your|our)? ?(?:free |quick |personal |personalized |personalised )?(?:demo|call|consultation|quote|estimate|appointment|discovery call)\b|(?:start|get started) (?:for free|today|now)\b|sign up (?:for free|today|now)\b|let'?s (?:talk|connect|chat)\b|(?:connect|talk) with (?:us|our \w+)\b|register (?:today|now|for free)\b)`)

// dropInvites returns the blocks without the invitations to act
// (reInvite) of twenty words or fewer; a line with a colon is a label
// over what it offers ("Start for free: a monthly grant of ...") and
// stays.
func dropInvites(bs []block) []block {
	return dropBlocks(bs, func(b block) bool {
		return len(b.text) <= 160 && numFields(b.text) <= 20 && !strings.Contains(b.text, ":") &&
			reInvite.MatchString(strings.TrimLeft(b.text, "-–• "))
	})
}
