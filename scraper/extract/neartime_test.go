package extract

import (
	"testing"
)

// TestNearTimeRoles checks which <time> elements near the article date
// the page: the first unmarked one may be a date the story talks about
// (a kick-off in a sentence) or a change ("Last updated:" in the text).
func TestNearTimeRoles(t *testing.T) {
	tests := []struct {
		name, url, head, body string
		pub, pubPrec          string
		mod, modPrec          string
	}{
		{name: "a kick-off time in a sentence is not the page's, the byline's day is",
			body: `<article><h1>Headline</h1><p>The final <time datetime="2024-06-14T20:00:00+02:00">kicks off at 8pm on Sunday</time> in Berlin, and the coach named his side on Thursday after training.</p>` +
				`<div class="byline">By Jane Roe <span class="date">12 June 2024</span></div>` + para + `</article>`,
			pub: "2024-06-12T00:00:00Z", pubPrec: "day"},
		{name: "a kick-off time in a sentence, no other date",
			body: `<article><h1>Headline</h1><p>The final kicks off at <time datetime="2024-06-14T20:00:00+02:00">8pm on Sunday</time> in Berlin, and the coach named his side on Thursday after training.</p>` + para + `</article>`},
		{name: "a last updated line over the published line",
			body: `<article><h1>Headline</h1><p>Last updated: <time datetime="2024-06-13T09:15:00+01:00">13 June 2024</time></p>` +
				`<p>Published <time datetime="2024-06-12T18:00:00+01:00">12 June 2024</time></p>` + para + `</article>`,
			pub: "2024-06-12T18:00:00+01:00", pubPrec: "second", mod: "2024-06-13T09:15:00+01:00", modPrec: "second"},
		{name: "an updated line over a plain time",
			body: `<article><h1>Headline</h1><div>Updated <time datetime="2024-06-13T09:15:00+01:00">13 June 2024, 9:15</time></div>` +
				`<div><time datetime="2024-06-12T18:00:00+01:00">12 June 2024, 18:00</time></div>` + para + `</article>`,
			pub: "2024-06-12T18:00:00+01:00", pubPrec: "second", mod: "2024-06-13T09:15:00+01:00", modPrec: "second"},
		{name: "aktualisiert in german",
			body: `<article><h1>Headline</h1><p><span>Aktualisiert am</span> <time datetime="2024-06-13T09:15:00+02:00">13.06.2024, 09:15 Uhr</time></p>` +
				`<p><span>Erstellt am</span> <time datetime="2024-06-12T18:00:00+02:00">12.06.2024, 18:00 Uhr</time></p>` + para + `</article>`,
			pub: "2024-06-12T18:00:00+02:00", pubPrec: "second", mod: "2024-06-13T09:15:00+02:00", modPrec: "second"},
		// Must not change.
		{name: "a lone byline time is the page's",
			body: `<article><h1>Headline</h1><p class="byline">By Jane Roe, <time datetime="2024-06-12T18:00:00+01:00">12 June 2024</time></p>` + para + `</article>`,
			pub:  "2024-06-12T18:00:00+01:00", pubPrec: "second"},
		{name: "posted by at the foot of a blog post",
			body: `<article><h1>Headline</h1>` + para + `<p>Posted by Jane at <time datetime="2024-06-12T18:00:00+01:00">6:00 PM</time></p></article>`,
			pub:  "2024-06-12T18:00:00+01:00", pubPrec: "second"},
		{name: "a metadata date is kept whatever the text says",
			head: `<meta property="article:published_time" content="2024-06-10T07:00:00+00:00">`,
			body: `<article><h1>Headline</h1><p>The final kicks off at <time datetime="2024-06-14T20:00:00+02:00">8pm on Sunday</time> in Berlin, and the coach named his side on Thursday.</p>` + para + `</article>`,
			pub:  "2024-06-10T07:00:00Z", pubPrec: "second"},
		{name: "only an updated line: its day is all there is",
			body: `<article><h1>Headline</h1><p>Updated <time datetime="2024-06-13T09:15:00+01:00">13 June 2024</time></p>` + para + `</article>`,
			pub:  "2024-06-13T00:00:00Z", pubPrec: "day", mod: "2024-06-13T09:15:00+01:00", modPrec: "second"},
		// review40f: a page that prints only its change time, where no
		// dateline reads it, is dated by it before a day its story names.
		{name: "only a labelled change time, a day in the story",
			body: `<article><h1>Headline</h1><p>Aktualisiert <time datetime="2024-06-13T09:15:00+02:00">Donnerstag, 9:15 Uhr</time></p>` +
				`<p>Der Ausschuss tagte am 3. Mai 2024 zum ersten Mal und beschloss, den Bericht im nächsten Monat zu veröffentlichen.</p>` + para + `</article>`,
			pub: "2024-06-13T09:15:00+02:00", pubPrec: "second", mod: "2024-06-13T09:15:00+02:00", modPrec: "second"},
		// review40f: a data box's or a table's "Last updated" inside the
		// article dates the box, not the story.
		{name: "a table's last updated line is not the story's change",
			body: `<article><h1>Headline</h1><p class="byline">By Jane Roe, <time datetime="2024-06-12T18:00:00+01:00">12 June 2024</time></p>` + para +
				`<table><caption>Standings</caption><tr><td>Team A</td><td>12</td></tr><tr><td colspan="2">Last updated <time datetime="2024-06-20T08:00:00+01:00">20 June 2024</time></td></tr></table>` + para + `</article>`,
			pub: "2024-06-12T18:00:00+01:00", pubPrec: "second"},
		{name: "an aside's last updated line is not the story's change",
			body: `<article><h1>Headline</h1><p class="byline">By Jane Roe, <time datetime="2024-06-12T18:00:00+01:00">12 June 2024</time></p>` + para +
				`<aside><h3>Key figures</h3><p>Cases: 1,204</p><p>Last updated: <time datetime="2024-06-20T08:00:00+01:00">20 June 2024</time></p></aside>` + para + `</article>`,
			pub: "2024-06-12T18:00:00+01:00", pubPrec: "second"},
		{name: "a last updated line at the story's foot is its change",
			body: `<article><h1>Headline</h1><p class="byline">By Jane Roe, <time datetime="2024-06-12T18:00:00+01:00">12 June 2024</time></p>` + para +
				`<p>Last updated: <time datetime="2024-06-20T08:00:00+01:00">20 June 2024</time></p></article>`,
			pub: "2024-06-12T18:00:00+01:00", pubPrec: "second", mod: "2024-06-20T08:00:00+01:00", modPrec: "second"},
		// review40f: bylines written as sentences keep their zoned time.
		{name: "a byline sentence: filed by, from, on",
			body: `<article><h1>Headline</h1><p>This story was filed by Jane Roe from Kyiv on <time datetime="2024-06-12T18:00:00+03:00">12 June 2024</time>.</p>` + para + `</article>`,
			pub:  "2024-06-12T18:00:00+03:00", pubPrec: "second"},
		{name: "posted by a two-word name at the foot of a blog post",
			body: `<article><h1>Headline</h1>` + para + `<p>Posted by Jane Roe at <time datetime="2024-06-12T18:00:00+01:00">6:00 PM</time></p></article>`,
			pub:  "2024-06-12T18:00:00+01:00", pubPrec: "second"},
		{name: "german byline: von, veröffentlicht am",
			body: `<article><h1>Überschrift</h1><p>Von Jane Roe, veröffentlicht am <time datetime="2024-06-12T18:00:00+02:00">12.06.2024, 18:00 Uhr</time></p>` + para + `</article>`,
			pub:  "2024-06-12T18:00:00+02:00", pubPrec: "second"},
		{name: "spanish byline: publicado por, el",
			body: `<article><h1>Titular</h1><p>Publicado por Juan García Pérez el <time datetime="2024-06-12T18:00:00+02:00">12 de junio de 2024</time></p>` + para + `</article>`,
			pub:  "2024-06-12T18:00:00+02:00", pubPrec: "second"},
		// review40f: change labels and sentences in other languages.
		{name: "french mis à jour over publié",
			body: `<article><h1>Titre</h1><p>Mis à jour le <time datetime="2024-06-13T09:15:00+02:00">13 juin 2024 à 9h15</time></p><p>Publié le <time datetime="2024-06-12T18:00:00+02:00">12 juin 2024 à 18h00</time></p>` + para + `</article>`,
			pub:  "2024-06-12T18:00:00+02:00", pubPrec: "second", mod: "2024-06-13T09:15:00+02:00", modPrec: "second"},
		{name: "spanish actualizado under publicado",
			body: `<article><h1>Titular</h1><p>Publicado: <time datetime="2024-06-12T18:00:00+02:00">12/06/2024 18:00</time></p><p>Actualizado: <time datetime="2024-06-13T09:15:00+02:00">13/06/2024 09:15</time></p>` + para + `</article>`,
			pub:  "2024-06-12T18:00:00+02:00", pubPrec: "second", mod: "2024-06-13T09:15:00+02:00", modPrec: "second"},
		{name: "italian aggiornato il over a plain time",
			body: `<article><h1>Titolo</h1><div>Aggiornato il <time datetime="2024-06-13T09:15:00+02:00">13 giugno 2024</time></div><div><time datetime="2024-06-12T18:00:00+02:00">12 giugno 2024</time></div>` + para + `</article>`,
			pub:  "2024-06-12T18:00:00+02:00", pubPrec: "second", mod: "2024-06-13T09:15:00+02:00", modPrec: "second"},
		{name: "russian обновлено over опубликовано",
			body: `<article><h1>Заголовок</h1><p>Обновлено <time datetime="2024-06-13T09:15:00+03:00">13 июня 2024</time></p><p>Опубликовано <time datetime="2024-06-12T18:00:00+03:00">12 июня 2024</time></p>` + para + `</article>`,
			pub:  "2024-06-12T18:00:00+03:00", pubPrec: "second", mod: "2024-06-13T09:15:00+03:00", modPrec: "second"},
		{name: "a french kick-off in a sentence, the byline's day",
			body: `<article><h1>Titre</h1><p>La finale débutera <time datetime="2024-06-16T20:00:00+02:00">dimanche à 20 heures</time> à Berlin, a annoncé l'entraîneur jeudi soir.</p>` +
				`<div class="byline">Par Jeanne Roux <span class="date">12 juin 2024</span></div>` + para + `</article>`,
			pub: "2024-06-12T00:00:00Z", pubPrec: "day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkPageDates(t, tt.url, tt.head, tt.body, true, tt.pub, tt.pubPrec, tt.mod, tt.modPrec)
		})
	}
}
