package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// reServerError is the report a PHP site prints into its page when its
// code warns or fails: "Warning: Creating default object from empty
// value in /www/htdocs/wp-includes/classes.php on line 407". The shape
// is the interpreter's (a level, a message, the script's path and a line
// number), the same on every site that runs it with errors shown.
var reServerError = lazyRE(`^(?:PHP )?(?:Warning|Notice|Deprecated|Strict Standards|(?:Catchable )?[Ff]atal error|Parse error|User (?:Warning|Notice|Deprecated)):\s.{4,400}?\sin\s+\S+\.(?:php\d?|inc|phtml)\s+on line\s+\d+\.?$`)

// isServerError reports whether every line of t is a server's error
// report (reServerError): the site's software speaking, not its author.
func isServerError(t string) bool {
	if !strings.Contains(t, " on line ") {
		return false
	}
	lines := strings.Split(strings.TrimSpace(t), "\n")
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" && !reServerError.MatchString(l) {
			return false
		}
	}
	return lines[0] != ""
}

// dropServerErrors drops an article's blocks that are a server's error
// reports (serverReport), unless fewer than 50 words would be left.
func (p *page) dropServerErrors(bs []block) []block {
	out := dropBlocks(bs, p.serverReport)
	if len(out) < len(bs) && blocksWords(out) < 50 {
		return bs
	}
	return out
}

// serverReport reports whether b is a report the server printed into the
// page (isServerError). The interpreter prints its report into the
// page's flow; a writer who shows one (a story about an outage, a
// tutorial, a forum post asking for help) sets it as code or as a
// quotation, and it is their text (inCodeOrQuote).
func (p *page) serverReport(b block) bool {
	return isServerError(b.text) && !(b.at >= 0 && int(b.at) < len(p.x.nodes) && inCodeOrQuote(p.x.nodes[b.at]))
}

// inCodeOrQuote reports whether n is or sits in an element that sets
// text as code or output (pre, code, samp, kbd) or as a quotation
// (blockquote, q).
func inCodeOrQuote(n *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		switch a.DataAtom {
		case atom.Pre, atom.Code, atom.Samp, atom.Kbd, atom.Blockquote, atom.Q:
			return true
		}
	}
	return false
}
