package extract

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBodyClasses runs one hand-written article page per failure class
// of the article body (testdata/body): text of the story that was lost,
// or text beside it that was kept.
func TestBodyClasses(t *testing.T) {
	tests := []struct {
		name       string
		wantInText []string
		notInText  []string
		once       []string // in the text exactly once
	}{
		// A captioned gallery inside the story holds more text than the
		// story: its "gallery" name drops it although it holds most of
		// the page's paragraphs.
		// A story in two chunks of layout columns, then, after the
		// chunks' parent, a link-free text about the newspaper
		// (ex34pc): it names nothing of the headline's subject and
		// shares only common words with the story, so it goes.
		// A short story in an <article> holding the <h1>, then three
		// whole articles an endless scroll loaded beside it, each an
		// <article> with its own linked headline, byline and <time>,
		// each longer than the story (ex40ns): they go.
		{name: "scroll_short_story",
			wantInText: []string{"The ferry to the islands will sail twice a day", "matches at the mainland school."},
			notInText:  []string{"The town library will open on Sundays", "rye bread", "footpath along the cliffs"}},
		// What the rule must leave (ex40ns): a live blog, declared as
		// none, whose entries are <article>s with a heading and a
		// <time> beside the block holding the headline and its
		// summary; a forum thread whose replies are <article>s headed
		// "Re: ..." or by their poster's linked name; an update of the
		// story in an <article> of its own; a Q&A's answers.
		{name: "scroll_live_blog_siblings",
			wantInText: []string{"Gales of up to eighty miles", "The evening ferry will not sail", "Police have shut the coast road", "About six hundred homes"}},
		{name: "scroll_forum_posts",
			wantInText: []string{"We are moving to the larger island", "The ferry is fine for the crossing", "We crossed with our own boat"}},
		{name: "scroll_update_article",
			wantInText: []string{"The harbour wall will be raised", "mooring fees would not rise"}},
		{name: "scroll_qa_answers",
			wantInText: []string{"The ferry to the islands seems to leave", "the ferry crossing follows the tides", "The ferry waits in the harbour"}},
		// The same live blog with its headline and summary in an
		// <article>, each entry signed by its writer as a whole
		// article is: its entries name the headline's subject and stay
		// (the topic share keeps them; fails with the share removed).
		{name: "scroll_live_blog_article_head",
			wantInText: []string{"Gales of up to eighty miles", "The evening ferry will not sail", "Police have shut the coast road", "About six hundred homes"}},
		// <article> parts after the headline's block that each open with
		// a heading and a <time> or a linked heading, name none (or one
		// in six) of the headline's words, and are signed by nobody
		// (review40b; ex40ns dropped them, bylineOpening keeps them): a German
		// Liveticker and a French "en direct" whose entries name towns,
		// not the storm's name; a morning briefing whose items link to
		// the full stories; a review of the year, a month per <article>.
		// They are the page's, not the next stories of a scroll.
		{name: "scroll_liveticker_de",
			wantInText: []string{"Mit Orkanböen von bis zu 140", "Die Elbe ist in Hamburg", "In der Rostocker Südstadt", "Die Stadt Kiel schließt"}},
		{name: "scroll_direct_fr",
			wantInText: []string{"Des rafales de plus de 150", "Le pignon d'un immeuble ancien", "La SNCF annonce qu'aucun train"}},
		// The Liveticker with each of its four entries signed by a
		// reporter, as whole articles are: four are more than an
		// endless scroll has loaded under a story (scrollMax, lead
		// session 40); they stay.
		{name: "scroll_liveticker_signed_de",
			wantInText: []string{"Mit Orkanböen von bis zu 140", "Die Elbe ist in Hamburg", "In der Rostocker Südstadt", "Die Stadt Kiel schließt", "Die Reederei hat alle Fahrten"}},
		{name: "scroll_briefing_items",
			wantInText: []string{"Good morning. Rail workers walk out", "Train drivers and guards at four operators", "A second band of heavy rain", "The King will open the new children's wing"}},
		{name: "scroll_year_review",
			wantInText: []string{"It was a year of floods and fairs", "After nine days of rain", "The paper mill at Ashford ran its last shift", "the footbridge between Ashford and Little Brook"}},
		{name: "off_topic_about",
			wantInText: []string{"Repairs to the harbour bridge", "The steel mill blamed a fire", "last painted twenty years ago."},
			notInText:  []string{"Founded by a printer", "charitable trust", "full account of our income"}},
		// The same text about the newspaper after the story's <article>
		// (review34c): outside it, it is still weighed and goes.
		{name: "off_topic_about_article",
			wantInText: []string{"Repairs to the harbour bridge", "last painted twenty years ago."},
			notInText:  []string{"Founded by a printer", "charitable trust"}},
		// A roundup whose list of items continues the story after a
		// promo line, in a block of another class: the items share no
		// word with the introduction but are not written in sentences,
		// so they stay.
		{name: "off_topic_roundup",
			wantInText: []string{"The winter sales are here again", "1) Space station building set", "10) Arcade cabinet replica"}},
		// A story's own later section in a block of its own class after
		// the body, sharing almost none of the headline's words
		// (review34c): inside the story's <article> it is the story's,
		// and dropOffTopic does not weigh it.
		{name: "section_background",
			wantInText: []string{"Nurses at the city's two hospitals", "Talks are due to resume", "The dispute began last spring", "fallen behind the private sector"}},
		{name: "section_interview",
			wantInText: []string{"Marta Lind has written music", "Q: What did your teachers make", "paying attention for long enough"}},
		// Without an <article>, a block beside the body that opens with
		// its own heading ("Method", "Services", "Справка") is the
		// story's section.
		{name: "section_recipe_post",
			wantInText: []string{"Every August my grandmother", "Heat the oven to 160C", "before turning out."}},
		{name: "section_services_post",
			wantInText: []string{"Eleanor Whitcombe, who ran", "A funeral service will be held", "during her final weeks."}},
		{name: "section_russian_post",
			wantInText: []string{"Ремонт портового моста", "Сооружение было открыто", "старше пятидесяти лет."}},
		// The same kind of box, without heading or <article>, in
		// scripts written without spaces: dropOffTopic finds no word of
		// the headline in the story (its "words" are runs between
		// punctuation marks) and weighs nothing.
		{name: "section_chinese_bare",
			wantInText: []string{"港务局表示", "这座建筑于一九六二年通车", "地方财政往往难以承担如此集中的开支"}},
		{name: "section_japanese_bare",
			wantInText: []string{"港湾局によると", "この構造物は一九六二年に開通し", "負担しきれないという"}},
		// Pieces inside a story (issue 8): a player's title, a
		// newsletter blurb and a "Click here to subscribe" line between
		// paragraphs of the dated story go; a pull quote set in an <aside> between two
		// paragraphs, on a page without an <article>, stays.
		{name: "story_pieces",
			wantInText: []string{"The harbour road was closed", "“We have never seen the sea come this far up the street.”", "needed repairs the council has not yet paid for."},
			notInText:  []string{"Watch: Waves break", "Sign up for our free morning newsletter", "Click here"}},
		// A council's service page, typed article but undated: its own
		// offer of reminder e-mails, in the site's voice, is the page's
		// content and stays (dropActionLines).
		{name: "service_reminders",
			wantInText: []string{"We collect general waste", "Sign up for our bin reminder e-mails", "subscribe to our garden waste alerts", "post the changed dates here"}},
		// An undated blog post (ex38ca): a newsletter blurb and a "Click
		// here to subscribe" line between its paragraphs, and a blurb
		// after the last, go: no heading of their own opens them.
		{name: "undated_blog_pieces",
			wantInText: []string{"Our kitchen dropped to nine degrees", "We tried to rescue it", "a week of warm feeds brings most of them back."},
			notInText:  []string{"Sign up for our weekly newsletter", "Click here", "never miss a bake"}},
		// Undated pages about the site's own offer (review38e): a
		// council's notice of its new text alerts, a surgery's how-to
		// for its flu clinic, a charity's appeal. Each closes with its
		// call to action under no heading; the line names the
		// headline's subject (namesTopic), and stays.
		{name: "undated_notice_alerts",
			wantInText: []string{"Residents can now get a text message", "Sign up for our bin collection text alerts", "replying STOP"}},
		{name: "undated_howto_signup",
			wantInText: []string{"Our flu clinics open again", "Sign up for our flu clinic reminder e-mails", "ring the surgery"}},
		{name: "undated_appeal",
			wantInText: []string{"Last winter the shelter turned away", "Click here to donate to our winter appeal", "raised just over half"}},
		// An undated council page whose section "Stay informed" offers the
		// council's own alerts in three linked lines (ex38ca): the
		// section is about the offer, and all three stay.
		{name: "service_alerts_section",
			wantInText: []string{"We grit about a third", "Sign up for our road closure e-mails", "subscribe to our gritting text alerts", "Subscribe to our winter alerts by e-mail", "call us at any time"}},
		// The same openings in the story's own voice (review36d): a
		// how-to's advice to sign up for another's alerts, a TV guide's
		// "Watch: Saturday, 9pm" lines, stay; asides between paragraphs
		// that do not repeat the story (a newsletter form, a membership
		// appeal, an advertisement label, a fact box) go, as before.
		{name: "advice_alerts",
			wantInText: []string{"Sign up for flood alerts on the national flood warning service", "Subscribe to the council's road closure e-mails", "Register with your supplier's priority services list"}},
		{name: "tv_guide_lines",
			wantInText: []string{"Watch: Saturday, 9pm, Channel 4", "Watch: Sunday, 7pm, BBC Two", "Watch: Friday, 10pm, ITV"}},
		{name: "aside_boxes",
			wantInText: []string{"approved a plan to rebuild", "The council leader said", "keep their moorings"},
			notInText:  []string{"morning briefing", "Article continues", "Support independent", "Fact box"}},
		{name: "gallery_insert",
			wantInText: []string{"Most travellers check into a hotel", "The second is the luggage rack", "should be reported straight away"},
			notInText:  []string{"Market story number", "Shares in the company", "Business news in pictures"}},
		// A story in chunks around adverts, then a strip of a dozen
		// pictures, each captioned in a paragraph, with more text than the
		// story and no class word naming a gallery: the captions go.
		{name: "shape_gallery_after",
			wantInText: []string{"The old swimming baths on Mill Street", "Engineers found that the iron frame", "pay for a part-time coach."},
			notInText:  []string{"Volunteers carry the last", "The pool at night", "Advertisement"}},
		// The same pictures in blocks of hashed class names, set inside
		// the column of the story's first chunk: the story goes on in
		// the other chunks' columns.
		{name: "shape_gallery_column",
			wantInText: []string{"The old swimming baths on Mill Street", "Engineers found that the iron frame", "pay for a part-time coach."},
			notInText:  []string{"Volunteers carry the last", "The pool at night"}},
		// A photo essay: a short introduction over the captioned
		// pictures, which are the story and stay.
		{name: "photo_essay_captions",
			wantInText: []string{"Our photographer followed the volunteers", "Volunteers carry the last", "The pool at night"}},
		// The gallery in the first chunk's column of a story whose chunks
		// are unnamed <div>s, each in a page builder's section, row and
		// column, the first section alone in a wrapper (ex36ca): the rest
		// of the story is in the twins of the column holding the gallery,
		// and the gallery goes.
		{name: "gallery_layout_cells",
			wantInText: []string{"The harbour at Porthallow will be dredged", "Dredging will cost about", "to answer questions.", "marked the shallowest part of the channel with a buoy."},
			notInText:  []string{"Fishermen unload the first catch", "Lights of the harbour reflected"}},
		// A photo essay in the same layout: a short introduction with the
		// captions, a short closing line in a cell of its own. The
		// captions are the story and stay. (The introduction and the
		// closing line are lost, as before ex36ca: the captions outweigh
		// them and scoring settles on the gallery.)
		{name: "photo_essay_cells",
			wantInText: []string{"Fishermen unload the first catch", "The harbour master checks", "Lights of the harbour reflected"}},
		// A photo essay whose pictures open the page builder's first
		// cell and whose closing text (about 1100 bytes, more than the
		// captions) fills a twin cell (review36e): no story has begun
		// before the pictures, and the captions stay with the text.
		{name: "photo_essay_closing",
			wantInText: []string{"Dawn over the north quay", "By noon the quay is hosed down", "For a year I went down to the harbour", "as there are boats to mend for."}},
		// The same photo essay opening with a sentence of introduction in
		// a cell of its own (ex38ca): the introduction and the closing
		// text around the pictures made the gallery an insert. Its
		// captions name the headline's subject (quay, harbour, north,
		// last), and stay.
		{name: "photo_essay_intro",
			wantInText: []string{"Our photographer spent the winter", "Dawn over the north quay", "By noon the quay is hosed down", "as there are boats to mend for."}},
		// A how-to in the same layout (review36e): an introduction and
		// ten step photos, each caption numbered "Step 1." and on, then
		// tips in the twin sections. The steps are the story, as an
		// ordered list's are (inStoryFlow), and stay.
		{name: "howto_step_cells",
			wantInText: []string{"revarnished every few winters", "Step 1. Sand the old varnish", "Step 10. Leave the finished oar", "badger-hair brush", "take it to a boatbuilder"}},
		// Pictures written into the story (review33a): pictured
		// moments listed after its paragraphs, a recipe's method and a
		// how-to's numbered steps, each a photo and a sentence, with more
		// than 1000 bytes of prose above. They are the story and stay.
		{name: "photo_moments_flow",
			wantInText: []string{"The river festival returned", "A crew from Millford pulls past", "counts the takings at a trestle table"}},
		{name: "recipe_step_photos",
			wantInText: []string{"The river festival returned", "Heat the oil in a large heavy pan", "Serve in warm bowls with rice"}},
		{name: "howto_step_photos",
			wantInText: []string{"The river festival returned", "1. Switch off the power", "switch the power back on."}},
		// Recipe steps printed as pictures whose captions are the steps
		// (storyCaption): in a list, in step blocks with a two-sentence
		// <p> caption, and as bare figures. Credits, a copy of the alt
		// text and a lone photo's caption stay out.
		{name: "figure_steps_list",
			wantInText: []string{"Slow-cooked beans were", "Soak the beans overnight", "a spoonful of the fat", "Any beans left over"}},
		{name: "figure_steps_divs",
			wantInText: []string{"Step 1. Soak the beans overnight", "Keep an eye on it", "Step 8. Serve in warm bowls"}},
		{name: "figure_steps_bare",
			wantInText: []string{"Soak the beans overnight", "Serve in warm bowls"}},
		{name: "figure_steps_credits",
			wantInText: []string{"Slow-cooked beans were", "Any beans left over"},
			notInText:  []string{"Ann Lee"}},
		{name: "figure_steps_alt",
			wantInText: []string{"Slow-cooked beans were", "Any beans left over"},
			notInText:  []string{"Soak the beans overnight in plenty"}},
		{name: "figure_single_caption",
			wantInText: []string{"Slow-cooked beans were", "Soak the beans overnight"},
			notInText:  []string{"burns wood through the winter"}},
		// A shopping roundup: cards of a picture, a named pick with its
		// sentence and the shop's link, in the same paragraph or in a
		// second one. Both stay (review33a saw the second kind dropped on
		// its own page; this markup keeps it).
		{name: "roundup_shop_line",
			wantInText: []string{"Winter walks are only", "stayed warm when wet", "£18 at Shop 2", "pulls up over the nose", "spare pair of socks"}},
		{name: "roundup_shop_inline",
			wantInText: []string{"Winter walks are only", "stayed warm when wet", "£18 at Shop 2", "pulls up over the nose", "spare pair of socks"}},
		// A list of changes, some citing a linked bug report: the linked
		// items are part of the list.
		{name: "mixed_list",
			wantInText: []string{"The address bar now remembers", "Bug 1678390", "Bug 1681796", "password manager imports"},
			notInText:  []string{"Recent posts", "Issue 11", "Archive"}},
		// Prompts after the story: a lead-in to a dropped list of links,
		// questions to the reader and a rating.
		{name: "closing_prompts",
			wantInText: []string{"Every July, gardeners find", "saves many of them."},
			notInText:  []string{"Also interesting", "Nest boxes", "Share this article", "Was this article helpful", "95 votes"}},
		// Code blocks whose highlighter names its tokens with words that
		// mark boilerplate elsewhere ("token comment", "hljs-meta",
		// "hljs-tag"): every line of the code is text.
		{name: "highlighted_code",
			wantInText: []string{"// config.c: reads settings.ini", "/* one setting per line */", "<!DOCTYPE html>", `<form id="settings">`, "<!-- one input per setting -->", `<input name="port">`, "</form>", "neither needs a library"},
			notInText:  []string{"Great post", "2 comments", "Archive"}},
		// Section headings written as links to their own anchors: they
		// are the sections' titles, kept; the table of contents linking
		// to them and a heading linking to another page still go.
		{name: "heading_anchors",
			wantInText: []string{"A roof needs shelter", "We left the colony"},
			notInText:  []string{"What happened when they swarmed"},
			once:       []string{"Choosing the roof", "The first winter"}},
		// A formula set in MathML between two sentences of the text.
		{name: "mathml",
			wantInText: []string{"For small angles the period is", "T=2", "where L is the length"},
			notInText:  []string{"Archive"}},
		// Teasers of other stories set in the story's container after
		// it: a linked headline over a line of summary, twice.
		{name: "tail_cards",
			wantInText: []string{"The harbour ferry between the old town", "with an extra evening crossing on weekends."},
			notInText:  []string{"Buses will run later", "The cottage at the end of the pier", "Transport"}},
		// The lines of a blog's post footer, comment and login widgets
		// and the lead image's credit after the story.
		{name: "closing_chrome",
			wantInText: []string{"The radio came from a house clearance", "clear enough to listen to the evening news."},
			notInText:  []string{"Header image", "This entry was posted", "No comments yet", "You must be logged in"}},
		// A lead set in a <div> of the article's header rather than a
		// <p>, beside the kicker and the byline.
		{name: "header_lead_div",
			wantInText: []string{"After six years without a late service", "The first train will leave", "at the same price as a daytime journey."},
			notInText:  []string{"Transport", "Mara Hart"}},
		// A story split into chunks of like containers between ads; one
		// chunk opens with a table of contents, whose links make most of
		// its text.
		{name: "split_contents",
			wantInText: []string{"The river rose above its banks", "Three days of heavy rain in the hills", "What caused the flood?", "The forecast is dry until Sunday."},
			notInText:  []string{"Advertisement", "Which streets are closed?\nWhere can"}},
		// Figure captions opened by their label right after the image;
		// a sentence of the text that names a figure stays.
		{name: "figure_label",
			wantInText: []string{"For most uses, the depth of the snow", "Figure 2 shows the same valley", "have improved the model more than once."},
			notInText:  []string{"Figure 1:", "Figure 2:", "coloured from brown"}},
		// Captions after an image that give a picture's credit, closing
		// the caption in parentheses or on a line of their own under it,
		// and the lead image's credit after the story. A paragraph after
		// an image with no credit, and a credit-like aside inside a
		// sentence of the story, stay.
		{name: "credited_captions",
			wantInText: []string{"Every November the stoats", "The tracks we followed led us along the wall", "The change is set off by the shortening days", "published by the Moorland Trust (Photo: a ranger's notebook"},
			notInText:  []string{"A stoat in its winter coat", "iStock", "The upper moor after the first snowfall", "© Moorland Trust", "Jonas Field"}},
		// A short paragraph after an image that closes with an agency's
		// name alone, "(Reuters)", is a wire story's text, not a
		// caption; captions that credit the picture to an agency with
		// its photographer or a "Foto:" still go.
		{name: "wire_tags",
			wantInText: []string{"Dock workers voted on Sunday to end their strike", "Truck drivers queued for hours at the gates", "The port authority expects normal traffic"},
			notInText:  []string{"Pickets leave the main gate", "The first ship to dock after the strike"}},
		// A press review whose last quote is a newspaper's named Bild:
		// a sentence, not the lead image's credit ("Bild: dpa"); the
		// short credit line under it still goes.
		{name: "press_review",
			wantInText: []string{"Bild: «Wieder zahlen die Bürger die Zeche", "Allgemeine Rundschau:"},
			notInText:  []string{"Anna Berg"}},
		// A comment section after the story, opened by its count: its
		// login line, notice and comments go with it; a blog footer that
		// lists many categories goes too.
		{name: "comment_section",
			wantInText: []string{"Wer im Winter auf Hecht angelt", "bis er von selbst davonschwimmt."},
			notInText:  []string{"3 Kommentare", "nicht eingeloggt", "Datenschutzerklärung", "Schöner Beitrag", "Der Beitrag wurde am"}},
		// A ranked list whose numbered headings link the subject of
		// each section; a linked headline over a line of summary is still
		// a teaser.
		{name: "ranked_list",
			wantInText: []string{"5) The Lighthouse Keeper", "4) Salt Roads", "3) Paper Birds", "A quiet film about a man"},
			notInText:  []string{"Our festival diary"}},
		// A list of steps, each linking the page it cites in the middle
		// of a sentence: the items are text; a list of linked titles
		// after the story is not.
		{name: "linked_items",
			wantInText: []string{"First read how to make a list of checksums", "the note on copying large folders", "what to do when two checksums of one file differ", "three damaged files"},
			notInText:  []string{"Scanning negatives at home", "Labels that survive", "Issue 11"}},
		// Japanese text with its readings set over the kanji (ruby): the
		// readings are annotations, not text.
		{name: "ruby_readings",
			wantInText: []string{"町の北に新しい駅ができました。", "子どもたちは公園で遊んでいました。"},
			notInText:  []string{"まち", "えき", "(", "こうえん"}},
		// A heading that led into a list of links to other stories ends
		// the story once the links are dropped: it goes too; a heading
		// over text stays.
		{name: "trailing_heading",
			wantInText: []string{"The harbour ferry will run every twenty minutes", "What the commuters say", "it was a test."},
			notInText:  []string{"Elsewhere on the water", "New bus lanes"}},
		// A lead in a <div> of the article's header, under the wrappers
		// of the header's layout, beside the kicker and the date.
		{name: "nested_header_lead",
			wantInText: []string{"The mill on the river stood empty for twenty years.", "The first loaves came out of the oven", "if the council approves the plans."},
			notInText:  []string{"Business", "4 December 2026"}},
		// A comment form's prompt set as a heading ends the story, after
		// a call to subscribe: both go.
		{name: "prompt_heading",
			wantInText: []string{"The harbour ferry will keep its summer timetable", "travel free with an adult."},
			notInText:  []string{"Tell us what you think", "Click here for more information"}},
		// Readers' comments beside the story, in a section whose class
		// names do not say so, opened by a "Leserkommentare" heading:
		// they hold more text than the story and must not become it.
		{name: "comment_heading",
			wantInText: []string{"Die Stadt will die alte Markthalle", "Der Wochenmarkt am Samstag bleibt, wo er ist."},
			notInText:  []string{"Leserkommentare", "Vier Millionen für eine Halle", "Die Heizung war schon lange kaputt"}},
		// Readers' comments after the story, in a section whose class
		// names say nothing, opened by a line that is no heading ("View
		// comments (3)"): they go. The byline's count of comments, a
		// line at the story's top, leaves the story whole.
		{name: "comment_line",
			wantInText: []string{"The harbour ferry will keep running", "plan its rotas around the boats."},
			notInText:  []string{"View comments", "I take the last boat", "Two years is not long", "published on paper at the pier"}},
		// The same lines above the story ("Comments" as a tab, "12
		// comments" in the byline), first in the story's wrapper: the
		// story stays, though a rail of other stories holds text too.
		{name: "comment_tab",
			wantInText: []string{"The ducks have returned to the mill pond", "county's winter survey."}},
		// A bar of tabs that starts with "Comments" ("Comments Share
		// Print") opening the wrapper of the story's second half: the
		// bar is no comment line and opens nothing, so the story stays
		// whole; the comment section after it still goes.
		{name: "comment_row",
			wantInText: []string{"The Thursday night market will move", "Traders were told in a letter on Monday",
				"free soup from the bakers on the corner."},
			notInText: []string{"About time, the square", "Will the buses still stop"}},
		// A lead named as a teaser that links a few words inside its
		// sentences, set apart from the body by an image.
		{name: "linked_lead",
			wantInText: []string{"For the first time in forty years", "harbour council", "The smaller boat carries sixty passengers", "a month before."},
			notInText:  []string{"Back", "Transport"}},
		// A news ticker over the story, inside the same content
		// wrapper: a list of linked headlines, each with a summary of
		// two lines. The summaries are teasers, not the story's lead.
		{name: "ticker_lead",
			wantInText: []string{"The harbour ferry will keep its summer timetable", "travel free with an adult."},
			notInText:  []string{"The old bridge over the river", "The central library", "empty market hall"}},
		// A lead named as a teaser and written as a list of points
		// before the body, set apart from it by an image.
		{name: "list_lead",
			wantInText: []string{"Die Fähre zur Insel fährt erstmals", "Der Winterfahrplan hängt ab Oktober am Kai aus.", "Das kleinere Boot fasst sechzig Fahrgäste", "teilte die Reederei mit."},
			notInText:  []string{"Verkehr"}},
		// The next story of an endless page after the story, in an
		// <article> of its own with its own headline and dateline:
		// widening the body to their common parent joins the two.
		{name: "next_story",
			wantInText: []string{"Night trains will run on the coast line again", "together with the stations where the night trains will stop."},
			notInText:  []string{"Harbour museum opens a new hall", "The harbour museum has opened", "mend old sails by hand"}},
		// An update after the story in the story's own <article>, opened
		// by a dated stamp without a heading: the rest of the story, not
		// another one (storyOpening). The next story, under a heading and
		// its own dateline, still goes.
		{name: "story_update",
			wantInText: []string{"The river bridge on the ring road was closed", "Updated 16:30", "In the afternoon the county said", "will be checked with ultrasound next week."},
			notInText:  []string{"Harbour museum opens a new hall", "The harbour museum has opened", "mend old sails by hand"}},
		// The next story after the story on a page that declares an
		// article, under a plain heading with no dateline or link: the
		// story's body element (articleBody, 1,500 bytes of paragraphs)
		// is not widened to the column holding both.
		{name: "next_story_plain",
			wantInText: []string{"Ferry fares across the bay will rise", "will be honoured at the old price until they run out."},
			notInText:  []string{"Lighthouse keeper's cottage", "The cottage at the foot of the old lighthouse", "kitchen has been repaired"}},
		// Three next stories of an endless scroll, each an <article> of
		// the story's template under a plain heading, after the story's
		// <article> that holds the headline: a run of stories, not of
		// posts, on a page that declares an article (dropNextStories).
		{name: "next_stories_scroll",
			wantInText: []string{"The valley's last water mill will grind flour", "who drew the wheel."},
			notInText:  []string{"Bus to the county town", "The bus between the valley", "School choir", "Footbridge over the river", "Easter holidays at the latest"}},
		// The same three stories after the parent of the story's body
		// element (articleBody), the headline in a header before both.
		{name: "next_stories_body",
			wantInText: []string{"The valley's last water mill will grind flour", "who drew the wheel."},
			notInText:  []string{"Bus to the county town", "The bus between the valley", "School choir", "Footbridge over the river", "Easter holidays at the latest"}},
		// The same run after a shorter story (about 1,100 bytes of
		// paragraphs) whose <article> is a child of <body>.
		{name: "next_stories_body_child",
			wantInText: []string{"The valley's last water mill will grind flour", "who drew the wheel."},
			notInText:  []string{"Bus to the county town", "The bus between the valley", "School choir", "Footbridge over the river", "Easter holidays at the latest"}},
		// A declared article whose text goes on in sections under
		// headings inside the <article> that holds its headline: the
		// sections are the story's (nothing follows the block holding
		// the headline).
		{name: "sections_after_text",
			wantInText: []string{"The valley's last water mill will grind flour", "who drew the wheel.", "Bus to the county town", "The bus between the valley", "Easter holidays at the latest"}},
		// A rail of unlinked summary cards (four boxes of one class, each
		// a short paragraph) after the story, beside it in its layout.
		{name: "card_rail",
			wantInText: []string{"The clock in the tower of the town hall", "which stopped in 1971."},
			notInText:  []string{"market square", "footbridge", "Sunday afternoons", "Bus fares"}},
		// A story whose paragraphs are each boxed in a <div> of one class,
		// before its last paragraph: its own text, not a closing rail.
		{name: "boxed_paragraphs",
			wantInText: []string{"forty kinds of apple, most of them", "bore fruit this autumn", "kept in the county archive", "press the apples for juice"}},
		// A story closing with its own key points, boxed one by one
		// inside the element the page marks as its body: they name the
		// cottage, the lighthouse and the volunteers, and stay.
		{name: "rail_key_points",
			wantInText: []string{"The keeper's cottage beside the Gull Point lighthouse", "the upkeep of the lighthouse grounds.",
				"was built in 1868", "for a nominal sum of one pound.", "on weekends until September this year."}},
		// A story's own closing list, boxed item by item in one class
		// inside the element the page marks as its body, after 500 bytes
		// of story: candidates, products reviewed, recipe steps, a
		// timeline, "what we know". Each item brings names and facts the
		// story before it does not hold, as a rail of other news would;
		// they are the story and stay (ex39ns's dropOffTopicRails dropped
		// all five and was reverted, review39d).
		{name: "list_candidates",
			wantInText: []string{"Five candidates will contest", "Maria Lopez, 44", "broadband have been forgotten for years."}},
		{name: "list_products",
			wantInText: []string{"We spent six weeks with a dozen laptops", "Acer Swift Go 14", "cannot be upgraded later."}},
		{name: "list_recipe_steps",
			wantInText: []string{"This is the lemon drizzle", "Heat the oven to 180C", "cut into thick slices to serve."}},
		{name: "list_timeline",
			wantInText: []string{"The river Leden burst its banks", "A severe warning is issued", "inspect its piers for damage from debris."}},
		{name: "list_what_we_know",
			wantInText: []string{"Two trains collided at low speed", "The 7.42 commuter service", "left belongings aboard the carriages."}},
		// A brief followed by a longer rail of six summaries in boxes of
		// one class, outside any body element: the rail goes
		// (dropCardRails).
		{name: "rail_after_brief",
			wantInText: []string{"Blasting at the Holm quarry was halted", "once the chapel had been checked."},
			notInText:  []string{"bakery", "county library", "swimming pool"}},
		// A story whose last section comes after an ad slot, under a
		// sub-heading, its paragraphs boxed one by one in a block of its
		// own: it is the story's (it tells of the mill, its flour and its
		// wheel) and stays.
		{name: "sections_after_ad",
			wantInText: []string{"The tidal mill at Carrick ground its first sack", "from the drawings of the old one.",
				"What the mill will make", "bakers in Carrick", "the mill pond's walls."}},
		// A point of the story whose sub-points are linked issue titles,
		// in a list nested under its unlinked line; a table of contents
		// nested under linked entries still goes.
		{name: "nested_links",
			wantInText: []string{"Still open, and waiting for a volunteer:", "Issue 311: results lose their order", "Issue 318: the year filter"},
			notInText:  []string{"Speed\n", "Filters\n"}},
		// A gallery inside the story whose class names say nothing (CSS
		// modules): slides opened by counters "1/4" ... "4/4", each with
		// its caption; the story's text on both sides stays.
		{name: "slide_counters",
			wantInText: []string{"on only nine evenings since September", "short of two deckhands", "if the government matches the money."},
			notInText:  []string{"A busy summer", "more passengers in August", "Winter storms", "forty knots"}},
		// The rest of the story behind a "Read more" button, in a block
		// named for it: the expander's content, not a link to more.
		{name: "read_more_expander",
			wantInText: []string{"The town's outdoor pool will open again", "Lifeguards have been hired", "to open the new changing rooms."},
			notInText:  []string{"Read more", "About us"}},
		// Paragraphs cut short behind a "read more" button by a script
		// hook in their class ("js_readmore"): prose with no link, the
		// text the button unfolds. A "read more" box holding a teaser
		// and its link, and a lone "Read more" link, still go.
		{name: "read_more_hook",
			wantInText: []string{"They now let two rooms to walkers", "The village has a bakery", "within an easy walk of the mill.", "The owners hope to open a small museum", "on weekday mornings."},
			notInText:  []string{"Another house in the valley", "Read more", "About us"}},
		// An <aside> of site links before the story, never closed: the
		// parser nests the headline, the story and all after it inside
		// the aside, which holds the page's article after all.
		{name: "unclosed_aside",
			wantInText: []string{"The harbour ferry will keep its summer timetable", "bicycles can be taken on every crossing."},
			notInText:  []string{"Most read", "Podcasts"}},
		// The same unclosed <aside> swallowing the story's text block,
		// with the headline above it and no body-named element inside: on a
		// page that declares an article, 1,500 bytes of paragraphs are the
		// story.
		{name: "unclosed_aside_body",
			wantInText: []string{"The island school will have a new roof", "said it would pay for a new stove in the hall as thanks."},
			notInText:  []string{"Most read", "Podcasts"}},
		// A paywall's teaser (the first two paragraphs) above the full
		// text, which repeats them: the text once.
		{name: "teaser_copy",
			wantInText: []string{"Night buses will run between the valley towns", "fitted with shelters."},
			once:       []string{"Night buses will run", "Two lines will run every hour"}},
		// A lead sentence that links the names it mentions, most of its
		// words inside links, too short for linkedProse, goes on into
		// the story; the closing line of links stays out.
		{name: "linked_statement_lead",
			wantInText: []string{"Lena Ortmann has been knocked out of the harbour quiz final.", "The schoolteacher, who had won", "go on sale in March."},
			notInText:  []string{"Follow the Ledger", "Quiz night highlights"}},
		// A declared article's body: a visible lead, then the rest split
		// around an ad into two chunks of the same boilerplate-sounding
		// class (hidden until a button shows them), neither holding half
		// the page's paragraphs alone: both chunks are the story.
		{name: "split_widget_twins",
			wantInText: []string{"The lamp that lit the harbour mouth", "Glaziers in the city replaced eleven", "a town by the sea should have a light", "since before most of its members retired."},
			notInText:  []string{"Most read", "Ferry timetable"}},
		// A declared article whose second half sits in a wrapper that a
		// CSS module named like a promo box, under half the page's
		// paragraphs: a story's worth of unlinked prose is the story.
		{name: "story_in_promo_wrapper",
			wantInText: []string{"The night train between the coast", "The train will leave the coast at ten", "leave before dinner."},
			notInText:  []string{"Most read", "Ferry timetable"}},
		// Paragraphs that are one linked web address, the story citing
		// where to buy each item, and one that is a linked e-mail
		// address it names: kept. A label before an address, a social handle,
		// the linked headlines of other stories after the story and the
		// site's address in the footer still go.
		{name: "bare_addresses",
			wantInText: []string{"https://shop.example.net/border-spade", "www.tools.example.org/hand-fork", "https://weather.example.com/gauge", "a good pair of gloves comes first.", "secretary@allotments.example"},
			notInText:  []string{"Listen:", "pod.example.com", "Write to me", "ada.marsh@", "@ledgergarden", "How to start a compost heap", "When to expect the first frost", "www.ledger.example"}},
		// The story's last paragraph after a dropped line of links, and
		// a bare address after another: the address kept is no
		// teaser's summary, so the two do not make a run of tail cards.
		{name: "bare_address_tail",
			wantInText: []string{"The orchard behind the old school", "for anyone who brings a cup."},
			notInText:  []string{"Hear the volunteers", "The cider press that came back"}},
		// A post whose lists are its points, split by headings into
		// lists of one or two items: a linked item that says something
		// besides its links is one of them. A lone link under "See also"
		// and the sidebar's links still go.
		{name: "prose_items",
			wantInText: []string{"The message list keeps its scroll position", "Mira has patches up to show the week number", "Tomas Berg and Ines Kahl fixed the duplicate entries", "The next one comes out in two weeks"},
			notInText:  []string{"Issue 30", "Recent posts"}},
		// The same words beside links in a story's list of other
		// stories, which holds more linked text than plain: the list is
		// links to other pages, and its items stay out.
		{name: "linked_items_story",
			wantInText: []string{"The flood barrier at the mouth of the river", "The board will pay two thirds", "until the end of the month."},
			notInText:  []string{"The quay floods of last winter", "Who sits on the harbour board", "by Jane Doe", "Reading the tide tables"}},
		// A story whose points are plain items, and a list of other
		// stories in its middle: linked headlines, each opening its
		// item, followed after a comma by a few words of their own
		// (when and where it ran). They are teasers, not points of the
		// story; a point that opens with a link and goes on with its
		// sentence stays.
		// A list of the names the story then talks about, each linked
		// to its site, before the paragraphs about them: kept. The
		// tags after the story's last paragraph still go.
		{name: "name_list",
			wantInText: []string{"Ledger\nInkwell\nTide Pool\nQuill Notes", "Tide Pool is new this year"},
			notInText:  []string{"Year in review", "Software"}},
		// A table of releases whose first cells link to the releases'
		// notes: records of a data table, kept. A layout table of one
		// link a row (a menu) still goes.
		{name: "record_rows",
			wantInText: []string{"Release 4.2 with the new importer March 2028", "Release 4.0 with the new storage", "Upgrading from 3.x"},
			notInText:  []string{"Project home", "Downloads", "Support"}},
		// A list of studies on other sites that the story goes on to
		// talk about: kept. A list of the site's own stories between
		// the paragraphs still goes.
		{name: "other_site_items",
			wantInText: []string{"Screen time and sleep onset in children aged 8 to 12", "Phones at night: a survey of 4,000 families", "The survey asked parents"},
			notInText:  []string{"Five sleep myths", "Do night lights", "Should school start later"}},
		// A follow bar between the paragraphs of a story whose class
		// names say nothing: links to other sites, but for the page's
		// sake (the site's handle on each network). The two apps the
		// story names, each linked to a page named "app" on its own
		// site, stay.
		{name: "follow_bar",
			wantInText: []string{"Inkwell Tides\nTide Pool", "Neither app costs anything"},
			notInText:  []string{"Follow us", "Watch us", "See our photos"}},
		{name: "related_coverage",
			wantInText: []string{"Building starts in the spring", "The river road between the two bridges closes in stages", "Shops on the river road can ask for help", "Opponents said the money", "before the next election"},
			notInText:  []string{"What the tram line will cost", "brace for years of works", "updated two days ago", "from our business desk"}},
		// A story in three chunks of layout columns, photos between,
		// then a next story (a story's length, ownStory) under its own
		// heading in other markup inside the chunks' parent (ex35cs): it
		// goes. It shares the story's place names, so its words alone do
		// not tell it.
		{name: "chunks_next_story",
			wantInText: []string{"The island ferry will sail only four times", "The operator said the cut was for the summer only", "settled with the harbour."},
			notInText:  []string{"Harbour market to open on Sundays", "The harbour market will open on Sundays", "whether to open on Sundays or not"}},
		// The same story, whose closing section under its own heading is
		// drawn in the chunks' markup: it is the story's and stays.
		{name: "chunks_section",
			wantInText: []string{"The island ferry will sail only four times", "settled with the harbour.", "Fishermen who land their catch", "before it answers the council's offer."}},
		// The same story closed by a box of its own in other markup under
		// its own heading ("What happens next"), shorter than a story: it
		// stays (review35a; at 500 bytes the rule dropped such boxes).
		{name: "chunks_closing_box",
			wantInText: []string{"The island ferry will sail only four times", "settled with the harbour.", "What happens next", "until eight in the evening through June."}},
		// The same story (its headline reworded) in a page with no
		// <article>, its chunks followed by a link-free note about the
		// newspaper under no heading (ex36ca): it names nothing of the
		// headline's subject and shares only common words with the
		// chunks, so it goes. (Inside the story's <article> it would be
		// a section of the story and stay: review36e.)
		{name: "chunks_about_page",
			wantInText: []string{"The island ferry will sail only four times", "settled with the harbour."},
			notInText:  []string{"printed in the same building", "charitable trust", "front page."}},
		// The same story closed by a section of its own in other markup
		// under no heading: it tells of the same ferry, crossings and
		// islanders, and stays.
		{name: "chunks_closing_section",
			wantInText: []string{"The island ferry will sail only four times", "settled with the harbour.", "cancelled on eleven days", "paid by the operator."}},
		// Closing sections of a split story inside its <article>, in
		// markup of their own under no heading, that change subject
		// (review36e): an obituary's life story after the news, a note
		// on how the story was reported, a box on a law's history. They
		// share few of the headline's or the chunks' words, and stay.
		{name: "chunks_obituary_life",
			wantInText: []string{"Margaret Holloway, who guided ships", "harbour commission the same year.", "Born in Truro in 1935", "where they were children."}},
		{name: "chunks_how_reported",
			wantInText: []string{"A new survey of the estuary's seabed", "questions from the ferry companies.", "To report this article", "throughout the text above."}},
		{name: "chunks_background_box",
			wantInText: []string{"The supreme court ruled on Thursday", "for such a change.", "Parliament passed the Local Government Act", "declined to decide the point."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := extractTestPage(t, "body", tt.name, "https://ledger.example/2026/12/"+tt.name)
			checkText(t, art.Text, tt.wantInText, tt.notInText)
			for _, s := range tt.once {
				if n := strings.Count(art.Text, s); n != 1 {
					t.Errorf("%q is %d times in the text, want once", s, n)
				}
			}
		})
	}
}

// TestIsClosingChrome: widget, footer and credit lines go; the story's
// own last sentences, which can name comments or images, stay.
func TestIsClosingChrome(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"No comments yet", true},
		{"12 Comments", true},
		{"Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)", true},
		{"(Noch keine Bewertungen)", true},
		{"Leave a comment", true},
		{"You must be logged in to post a comment.", true},
		{"Sie sind aktuell nicht eingeloggt.", true},
		{"Wie bewerten Sie diesen Artikel? *", true},
		{"This entry was posted on Sunday, November 29th, 2026 at 4:12 pm and is filed under Radios.", true},
		{"Der Beitrag wurde am Mittwoch, den 2. Dezember 2026 um 10:15 Uhr veröffentlicht und wurde unter Allgemein abgelegt.", true},
		{"Beitragsbild: Archiv der Redaktion", true},
		{"Header image: the chassis before cleaning.", true},
		{"We want to hear what you think about this article. Submit a letter to the editor.", true},
		{"Get the latest news straight to your phone with the Harbour Ledger app.", true},
		{"Help us continue to bring the harbour's news to readers everywhere", true},
		{"Unterstütze unsere Arbeit und abonniere das Magazin.", true},
		{"Bitte registrieren Sie sich und halten Sie sich an unsere Netiquette.", true},
		{"Please read our community guidelines before posting.", true},
		{"Wie der Hafen die Daten schützt, erklären wir in unserem Beitrag Daten im Hafen: sicher?", true},
		{"Read more in our guide to winter crossings.", true},
		{"The ferry's owners read the report in our office on Friday.", false},
		{"Kontakt: Jana Kern, Pressestelle, Tel.: 030-1234567, E-Mail: presse(at)hafen.example", true},
		{"Media contact: Mara Hart, mara.hart@ledger.example", true},
		{"Contact: the harbour office had not replied by Friday.", false},
		{"The council said it wanted to hear from residents before the vote in March.", false},
		{"Fishermen say they get the catch straight to the market by six.", false},
		{"12 comments were filed against the plan by Friday.", false},
		{"No comment, the minister's office said.", false},
		{"The header image of the old site showed the harbour at night.", false},
		{"Readers who want to post a comment can do so until Friday, the council said.", false},
	}
	for _, tt := range tests {
		if got := isClosingChrome(tt.line); got != tt.want {
			t.Errorf("isClosingChrome(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestDropTailCards: cards after the story go; a body made of cards (a
// roundup with a short introduction) keeps them, and so does a single
// card.
func TestDropTailCards(t *testing.T) {
	story := block{text: strings.Repeat("The story goes on for a while. ", 8), kind: kindPara}
	teaser := block{text: "A short summary of another story, one line long.", kind: kindPara}
	intro := block{text: "Five books for the winter.", kind: kindPara}
	tests := []struct {
		name string
		bs   []block
		card []bool
		want int
	}{
		{"story then two cards", []block{story, story, teaser, teaser}, []bool{false, false, true, true}, 2},
		{"story then one card", []block{story, story, teaser}, []bool{false, false, true}, 3},
		{"roundup", []block{intro, teaser, teaser, teaser}, []bool{false, true, true, true}, 4},
		{"cards in the middle", []block{story, teaser, teaser, story}, []bool{false, true, true, false}, 4},
	}
	for _, tt := range tests {
		if got := len(dropTailCards(tt.bs, tt.card)); got != tt.want {
			t.Errorf("%s: %d blocks kept, want %d", tt.name, got, tt.want)
		}
	}
}

// TestIsCommentStart: the count or prompt that opens a comment section
// marks it; a sentence of the story that counts comments does not.
func TestIsCommentStart(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"3 Kommentare", true},
		{"No comments yet", true},
		{"Leave a comment", true},
		{"You must be logged in to post a comment.", true},
		{"12 comments were filed against the plan.", false},
		{"The council read all 40 comments before it voted, and most of them asked for a later start.", false},
	}
	for _, tt := range tests {
		if got := isCommentStart(tt.line); got != tt.want {
			t.Errorf("isCommentStart(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestNumbered: the item numbers of a ranked list's headings.
func TestNumbered(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"20) Faces Places", true},
		{"3. Paper Birds", true},
		{"#4 Salt Roads", true},
		{"1 Salt Road", true},
		{"2026 in review", false},
		{"Faces Places", false},
		{"7", false},
	}
	for _, tt := range tests {
		if got := numbered(tt.line); got != tt.want {
			t.Errorf("numbered(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestDropTrailingHeads: headings with nothing under them end no article
// body; a heading that ends like a sentence, and a body that is a heading
// alone, stay.
func TestDropTrailingHeads(t *testing.T) {
	para := block{text: "The story ends here.", kind: kindPara}
	head := block{text: "Elsewhere on the water", kind: kindHeading}
	line := block{text: "It stays on the water.", kind: kindHeading}
	tests := []struct {
		name string
		bs   []block
		want int
	}{
		{"one heading at the end", []block{para, head}, 1},
		{"two headings at the end", []block{para, head, head}, 1},
		{"heading between paragraphs", []block{para, head, para}, 3},
		{"heading ending a sentence", []block{para, line}, 2},
		{"heading alone", []block{head}, 1},
	}
	for _, tt := range tests {
		if got := len(dropTrailingHeads(tt.bs)); got != tt.want {
			t.Errorf("%s: %d blocks kept, want %d", tt.name, got, tt.want)
		}
	}
}

// TestDropClosingPrompts: prompts set as headings and the labels of
// boxes the body left out go from its end; a line that leads into an
// embed, a heading that states, and the same lines inside the story stay.
func TestDropClosingPrompts(t *testing.T) {
	para := block{text: "The ferry leaves at eleven and returns at half past.", kind: kindPara}
	prompt := block{text: "Tell us what you think...", kind: kindHeading}
	question := block{text: "Was meinen Sie?", kind: kindHeading}
	statement := block{text: "It stays on the water.", kind: kindHeading}
	label := block{text: "Mehr Themen:", kind: kindPara}
	leadIn := block{text: "Watch the whole interview here:", kind: kindPara}
	readOn := block{text: "Pour lire la suite", kind: kindHeading}
	offer := block{text: "et accéder gratuitement à 3 articles par mois,", kind: kindPara}
	login := block{text: "Vous avez déjà un compte", kind: kindPara}
	story := block{text: "Pour lire la suite du rapport, le maire a réuni le conseil un dimanche, ce qui n'était plus arrivé depuis vingt ans.", kind: kindPara}
	tests := []struct {
		name string
		bs   []block
		want int
	}{
		{"prompt heading at the end", []block{para, para, prompt}, 2},
		{"question heading at the end", []block{para, para, question}, 2},
		{"label after a prompt", []block{para, para, label, prompt}, 2},
		{"label at the end", []block{para, para, label}, 2},
		{"prompt heading inside", []block{para, prompt, para}, 3},
		{"paywall box at the end", []block{para, para, readOn, offer, login, offer}, 2},
		{"read-on line before the story goes on", []block{para, readOn, story, offer}, 4},
		{"statement heading at the end", []block{para, para, statement}, 3},
		{"lead-in at the end", []block{para, para, leadIn}, 3},
	}
	for _, tt := range tests {
		if got := len(dropClosingPrompts(tt.bs)); got != tt.want {
			t.Errorf("%s: %d blocks kept, want %d", tt.name, got, tt.want)
		}
	}
}

// TestDropDisclosures: an ad label or an affiliate note that opens or
// closes the body goes; a story that talks about affiliate links, or a
// disclosure inside the text, stays.
func TestDropDisclosures(t *testing.T) {
	para := block{text: "The shop on the corner sells lamps made from old bottles.", kind: kindPara}
	tests := []struct {
		name string
		bs   []string
		want int
	}{
		{"ad label first", []string{"Anzeige, enthält Affiliate Links", para.text, para.text}, 2},
		{"sponsored label first", []string{"Sponsored: a message from the lamp makers", para.text, para.text}, 2},
		{"affiliate note last", []string{para.text, para.text, "Links marked with a star are affiliate links: we earn a commission on what you buy."}, 2},
		{"commission note first", []string{"We recommend the best products through an independent review process. We may receive compensation if you buy through our links.", para.text}, 1},
		{"disclosure inside", []string{para.text, "Anzeige: the label some shops print on their posts.", para.text}, 3},
		{"long story about affiliate links", []string{para.text, strings.Repeat("Affiliate links pay the bills of many small sites, the survey found, and readers rarely notice them. ", 8)}, 2},
		{"only block", []string{"Anzeige, enthält Affiliate Links"}, 1},
	}
	for _, tt := range tests {
		bs := make([]block, len(tt.bs))
		for i, s := range tt.bs {
			bs[i] = block{text: s, kind: kindPara}
		}
		if got := len(dropDisclosures(bs)); got != tt.want {
			t.Errorf("%s: %d blocks kept, want %d", tt.name, got, tt.want)
		}
	}
}

// TestCitedArticleOnly: the blocks that the page type, the dates and the
// text of other pages read (p.blocks, p.body) leave the cited links out
// (an address printed as itself, a linked point of plain lists); the
// article's version (p.cited) holds them, and the article's text is it.
func TestCitedArticleOnly(t *testing.T) {
	p := extractedPage(t, filepath.Join("testdata", "body", "bare_addresses.html"), "")
	defer p.release()
	addrs := []string{"https://shop.example.net/border-spade", "secretary@allotments.example"}
	checkText(t, p.body, []string{"A border spade."}, addrs)
	if p.cited == nil {
		t.Fatal("no cited version of the body")
	}
	checkText(t, joinBlocks(p.cited), addrs, []string{"Listen:"})
	art := extractTestPage(t, "body", "bare_addresses", "https://ledger.example/2026/12/bare_addresses")
	if art.PageType != "article" {
		t.Fatalf("page type %q, want article", art.PageType)
	}
	checkText(t, art.Text, addrs, nil)
}
