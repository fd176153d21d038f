package extract

import (
	"testing"

	"github.com/archivist-project/archivist/corpus"
)

// TestPostHeads: each post of a thread opens with its poster's name and
// its stamp (withPostHeads), read from the profile link in the post's
// header and its <time>; not the avatar's initial nor the presence line,
// not the name over a preview of the post answered, not a mention in a
// sentence, not the name and stamp of a quote, not a relative stamp, and
// none over a post whose body is not in the text (a two-word reply).
// A signature named so by its role attribute alone goes (dropSignatures),
// the posts' bodies, which have a role of their own, stay. A stamp set
// in an element named for a date counts; a poster's join date, labelled
// or not, does not.
func TestPostHeads(t *testing.T) {
	art := extractTestPage(t, "forumheads", "thread", "https://estuary-sailing.example/threads/rudder-stock-creaks.9120/")
	if art.PageType != corpus.PageTypeForum {
		t.Fatalf("page type %q, want forum", art.PageType)
	}
	checkText(t, art.Text, []string{
		"halyard\n\nMay 2, 2026\n\nSince the spring launch",
		"kedge\n\nMay 2, 2026\n\nPlastic bearings take up water",
		"halyard\n\nkedge said:\n\nThat fits:",
		"May 5, 2026\n\nWorth checking",
	}, []string{"Offline", "3 hours ago", "May 2, 2026\n\nkedge said:", "May 4, 2026", "launching.\n\nhalyard",
		"twenty-six foot sloop", "Joined 2019", "Mar 2019"})
}

// TestPostHeadsReplyLine: a line naming the member a post answers ("In
// reply to halyard", "En réponse à kedge") sits in a short element of
// its own above the poster's name; its profile link is not the poster,
// whose name alone opens the post.
func TestPostHeadsReplyLine(t *testing.T) {
	art := extractTestPage(t, "forumheads", "replyto", "https://estuary-sailing.example/threads/rudder-stock-creaks.9120/")
	checkText(t, art.Text, []string{
		"halyard\n\nMay 2, 2026\n\nSince the spring launch",
		"kedge\n\nMay 2, 2026\n\nPlastic bearings",
		"tiller\n\nMay 3, 2026\n\nThat fits",
		"wake\n\nMay 4, 2026\n\nWorth checking",
	}, []string{"halyard\n\nkedge", "kedge\n\ntiller"})
}

// TestReplyLine: the lines around a profile link that are not a poster's
// name line.
func TestReplyLine(t *testing.T) {
	for _, c := range []struct {
		line, name string
		want       bool
	}{
		{"halyard", "halyard", false},
		{"Posted by halyard", "halyard", false},
		{"halyard · Moderator", "halyard", false},
		{"", "halyard", true},
		{"In reply to halyard", "halyard", true},
		{"Replying to @halyard", "@halyard", true},
		{"En réponse à halyard", "halyard", true},
		{"Antwort auf halyard", "halyard", true},
		{"En respuesta a halyard", "halyard", true},
	} {
		if got := replyLine(c.line, c.name); got != c.want {
			t.Errorf("replyLine(%q, %q) = %v, want %v", c.line, c.name, got, c.want)
		}
	}
}

// TestPostHeadsEditStamp: a post's header dates its last edit ("Edited
// <time>", "Bearbeitet <time>") before the post's own stamp; the post
// opens with its own stamp, not the edit's.
func TestPostHeadsEditStamp(t *testing.T) {
	art := extractTestPage(t, "forumheads", "edited", "https://estuary-sailing.example/threads/rudder-stock-creaks.9120/")
	checkText(t, art.Text, []string{"halyard\n\nMay 1, 2026\n\nSince the spring launch"},
		[]string{"halyard\n\nMay 9, 2026"})
}

// TestPermalinkStamp: a link to the post's anchor whose text is a date
// with a time of day is the post's stamp; a link to another page, a day
// alone and a link that is not a date are not.
func TestPermalinkStamp(t *testing.T) {
	tests := []struct {
		name, frag string
		want       bool
	}{
		{"phpBB-like", `<p class="author"><a href="./viewtopic.php?p=2169826#p2169826">Sun Dec 17, 2023 11:23 am</a></p>`, true},
		{"fragment only", `<span><a href="#p55">2024-08-03 10:59:47</a></span>`, true},
		{"no fragment", `<span><a href="/thread/12">Sun Dec 17, 2023 11:23 am</a></span>`, false},
		{"day alone", `<span><a href="#p55">Dec 17, 2023</a></span>`, false},
		{"not a date", `<span><a href="#reply">Reply</a></span>`, false},
		{"relative", `<span><a href="#p55">posted 3 hours ago at 11:23</a></span>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := firstElement(mustParseFragment(t, tt.frag), "a")
			if got := permalinkStamp(n); got != tt.want {
				t.Errorf("permalinkStamp(%s) = %v, want %v", tt.frag, got, tt.want)
			}
		})
	}
}
