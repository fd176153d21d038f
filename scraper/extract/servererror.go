package extract

import "strings"

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
// reports (isServerError), unless fewer than 50 words would be left.
func dropServerErrors(bs []block) []block {
	out := dropBlocks(bs, func(b block) bool { return isServerError(b.text) })
	if len(out) < len(bs) && blocksWords(out) < 50 {
		return bs
	}
	return out
}
