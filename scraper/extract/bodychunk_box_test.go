package extract

import "testing"

// TestBoxInBodyChunk: a box named for its role (an author's bio, a
// newsletter's pitch, a sponsor's note, an appeal for support), set as
// all that one chunk of a body in chunks of one body class holds, is
// chrome, though it is unlinked prose of a tenth of the page or more:
// a CMS that wraps each paragraph or module of a story in the body's
// class wraps its inserts so too, so the chunk's class does not tell a
// box from the story's text. (ex40sp's fillsBody read such a slot as the
// story's, to mend the perturbation bench's wrap-* rows; no set page
// moved with it, and it took in every box here: review40c reverted it.)
// A boilerplate box around a body-named excerpt of another story, a
// sign-up box or a list of related links as the only content of a
// body-named element, and a comment section so placed stay out too.
func TestBoxInBodyChunk(t *testing.T) {
	runBodyPages(t, []bodyPage{
		{"body_chunk_author_bio.html",
			[]string{"Every May the swifts come back", "twenty nest boxes along the gable as well."},
			[]string{"About the author", "Marta Lind has written about birds"}},
		{"body_chunk_newsletter_pitch.html",
			[]string{"The school bus from the upper farms", "found two of its piers washed hollow underneath by the current."},
			[]string{"Our morning briefing", "Start each day with the news"}},
		{"body_chunk_sponsor_note.html",
			[]string{"A bakery has opened in the old post office", "old brass scales on the counter."},
			[]string{"paid for by the regional development fund", "The fund had no say"}},
		{"body_chunk_support_appeal.html",
			[]string{"Die Fähre zwischen den beiden Ufern", "eine Höchstzahl von zwanzig Rädern pro Überfahrt."},
			[]string{"Der Seebote berichtet seit über hundert Jahren", "brauchen wir Ihre Unterstützung"}},
		{"related_excerpt_slot.html",
			[]string{"The clock in the town hall tower", "by the width of a coin to slow it down."},
			[]string{"The old market hall by the river", "the nearest indoor play hall"}},
		{"body_named_signup.html",
			[]string{"The new ferry to the outer island", "when it is launched in the yard next month."},
			[]string{"Every Friday our editors", "The post boat needs a name too", "More from the islands"}},
		{"body_named_comments.html",
			[]string{"The mill pond at the bottom of the village", "to skate on in winter."},
			[]string{"4 comments", "I skated on that pond", "Good news for the herons"}},
	})
}
