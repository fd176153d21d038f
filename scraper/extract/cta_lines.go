package extract

import "strings"

// reInvite matches the short lines with which a page that is not an
// article invites the reader to act rather than says anything: "Ready to
// get started?", "Call us today", "Book a free consultation", "Get in
// touch", "Connect with us", "Register today".
var reInvite = lazyRE(`(?i)^(?:ready to [^.?!]{2,40}\?|(?:call|contact|email|message) us\b|get in touch\b|(?:book|schedule|request|get|claim) (?:a|an|your|our)? ?(?:free |quick |personal |personalized |personalised )?(?:demo|call|consultation|quote|estimate|appointment|discovery call)\b|(?:start|get started) (?:for free|today|now)\b|sign up (?:for free|today|now)\b|let'?s (?:talk|connect|chat)\b|(?:connect|talk) with (?:us|our \w+)\b|register (?:today|now|for free)\b)`)

// dropInvites returns the blocks without the invitations to act
// (reInvite): lines of eight words or fewer, not headings, that hold no
// digit and no address. A longer line, or one that gives a number, an
// address or a colon ("Call us on 0800 123 456 for a same-day visit",
// "Email us at office@example.org", "Start for free: a monthly grant of
// ..."), says something the reader came for and stays. The phrases are
// English: on pages in other languages nothing matches.
func dropInvites(bs []block) []block {
	return dropBlocks(dropInviteHeads(bs), func(b block) bool {
		return !b.heads() && invites(b)
	})
}

// invites reports whether b is a short line that invites the reader to
// act (reInvite): eight words or fewer, no digit, address or colon.
func invites(b block) bool {
	return len(b.text) <= 80 && numFields(b.text) <= 8 &&
		!strings.ContainsAny(b.text, ":@0123456789") &&
		reInvite.MatchString(strings.TrimLeft(b.text, "-–• "))
}

// dropInviteHeads returns the blocks without the headings that invite
// (invites: "Let's connect", "Contact us") and head nothing: text comes
// before it, and the next line is another heading or the text ends. Such
// a heading stood over a contact form or a button the text leaves out; a
// heading with lines under it ("Contact us" over the office's address)
// stays, and so does a page's first line and a question over another
// heading ("Ready to wear?" may head a shop's sections); a question that
// ends the text heads nothing.
func dropInviteHeads(bs []block) []block {
	drop := make([]bool, len(bs))
	for i := 1; i < len(bs); i++ {
		b := bs[i]
		question := strings.HasSuffix(strings.TrimSpace(b.text), "?")
		drop[i] = b.heads() && invites(b) && (i+1 == len(bs) || bs[i+1].heads() && !question)
	}
	return keepUndropped(bs, drop)
}
