package extract

import (
	"strings"

	"github.com/archivist-project/archivist/corpus"
)

// reShopHead matches the heading of a shop's section of other products
// or of the visitor's own history: "Frequently bought together",
// "Recently viewed", "Customers also bought", "Recommended accessories",
// "Shop the look", "You may also like…", and a cart drawer's upsell
// ("Added to your cart! Complete the set?"); and in French, German and
// Spanish ("Vous aimerez aussi", "Produits complémentaires", "Kunden
// kauften auch", "Ähnliche Produkte", "Productos relacionados"), Italian,
// Portuguese and Dutch ("Potrebbe piacerti anche", "Prodotti correlati",
// "Você também pode gostar", "Gerelateerde producten"). As in English,
// what customers asked ("Kunden haben auch gefragt") is no rail.
var reShopHead = lazyRE(`(?i)^(?:recommended (?:accessories|products|items|for you)|(?:your )?recently viewed(?: items| products)?|browsing history|frequently bought together|complete the (?:set|look)|pairs well with|similar (?:items|products)|more from (?:this|the) (?:shop|seller|brand|store)|shop the (?:collection|look)|you (?:may|might) also (?:like|love|need)|(?:customers|people|shoppers|guests) (?:also|who) (?:bought|viewed|searched)|related (?:products|items)|(?:trending|popular) searches|added to (?:your )?(?:cart|basket|bag)\b.{0,40}` +
	`|vous (?:aimerez|pourriez aimer|aimerez peut-être) aussi|(?:nos |les )?clients ont (?:aussi|également) (?:acheté|consulté|aimé)|produits (?:similaires|associés|complémentaires)|(?:articles |produits )?(?:récemment )?consultés|souvent achetés ensemble|complétez (?:le|votre) look` +
	`|das könnte (?:dir|ihnen) auch gefallen|kunden(?:, die (?:diesen artikel|dieses produkt) (?:kauften|gekauft haben),)? (?:kauften|kaufen|haben) (?:auch|ebenfalls)(?: (?:gekauft|angesehen))?|ähnliche (?:produkte|artikel)|zuletzt (?:angesehen|angesehene (?:produkte|artikel))|passende (?:produkte|artikel)|(?:wird oft|häufig) zusammen gekauft` +
	`|(?:también )?te (?:puede|podría) (?:gustar|interesar)(?: también)?|productos (?:relacionados|similares)|los clientes también (?:compraron|vieron)|(?:productos )?vistos recientemente|comprados juntos habitualmente|completa (?:el|tu) look` +
	`|(?:ti )?potrebbe(?:ro)? (?:anche )?(?:piacerti|interessarti|piacere|interessare)(?: anche)?|prodotti (?:correlati|simili|consigliati)|(?:spesso )?(?:acquistati|comprati) insieme|i clienti hanno (?:anche )?(?:acquistato|visto)|(?:prodotti )?visti di recente|completa il look` +
	`|(?:você|voce) (?:também|tambem) (?:pode|poderá) gostar|produtos (?:relacionados|similares)|quem (?:comprou|viu) (?:também|tambem) (?:comprou|viu)` +
	`|misschien ook interessant|(?:anderen|klanten) (?:bekeken|kochten) ook|gerelateerde producten|vergelijkbare producten)[\s:.!?…]*$`)

// reProductShopHead matches the heading of a product page's section of
// other products: "Featured products", "Complete your order", "Most
// popular accessories & related items". On a category page such a
// heading is over its own grid, which is the page's content.
var reProductShopHead = lazyRE(`(?i)^(?:featured products|complete your (?:order|purchase)|(?:most )?popular accessories(?: (?:&|and) related (?:items|products))?)[\s:.!?…]*$`)

// shopTeaserWords is the most words of a block in the run that follows
// a reShopHead heading: a product's name, its price, a rating.
const shopTeaserWords = 15

// dropShopSections drops from a page's main text each section that a
// reShopHead line opens: the line and the run of short blocks after it
// (shopTeaserWords words or fewer each) up to the next heading or
// longer block. A heading that is mostly a link goes on the run: it is
// the title of another product's card ("<a><h3>Harbor Sofa</h3></a>"),
// and a section's own heading is not a link. The blocks stay as they
// are when the sections hold half of the words or more: then they are
// the page. On a product page they go unless fewer than
// shopOwnMinWords words would be left: a product of a short description
// under a grid of eight others ("Complete the look", each card with its
// line of pitch) is still the one product.
func dropShopSections(bs []block, pageType string) []block {
	out := make([]block, 0, len(bs))
	dropped, all := 0, 0
	for i := 0; i < len(bs); i++ {
		w := countWords(bs[i].text)
		all += w
		if w > 8 || len(bs[i].text) > 80 || !isShopHead(bs[i].text, pageType) {
			out = append(out, bs[i])
			continue
		}
		dropped += w
		for i+1 < len(bs) && (!bs[i+1].heads() || bs[i+1].link >= 0.5) && countWords(bs[i+1].text) <= shopTeaserWords {
			i++
			w := countWords(bs[i].text)
			all += w
			dropped += w
		}
	}
	if dropped*2 >= all && (pageType != corpus.PageTypeProduct || all-dropped < shopOwnMinWords) {
		return bs
	}
	return out
}

// shopOwnMinWords is the fewest words a product page must keep outside
// its shop's sections for dropShopSections to drop them.
const shopOwnMinWords = 40

// isShopHead reports whether a line opens a shop's section of other
// products or of the visitor's history on a page of the type given
// (reShopHead; on a product page, reProductShopHead too).
func isShopHead(s, pageType string) bool {
	s = strings.TrimSpace(s)
	return reShopHead.MatchString(s) || pageType == corpus.PageTypeProduct && reProductShopHead.MatchString(s)
}

// reSortLine matches a line of a sort menu: "Sort: Best match", "Price
// (high to low)", "Lowest price", "Most recent", "Oldest first",
// "Highest rated"; a shop theme's stock options with a comma ("Price,
// low to high", "Date, new to old", "Best selling"); and in French,
// German and Spanish ("Trier par : Pertinence", "Prix croissant", "De
// A à Z", "Preis aufsteigend", "Neueste zuerst", "Precio: menor a
// mayor", "Ordenar por relevancia"). A shop's sort menu is a list of
// these and nothing else; the references of category pages leave it
// out. In English, "Sort by" without a colon names a sort key ("Sort by
// price", "Sort by newest"): a contents line of a manual ("Sort by
// multiple keys") is a section's title.
var reSortLine = lazyRE(`(?i)^(?:sort(?: by)? ?: .{1,30}|sort by (?:price|date|name|title|relevance|relevancy|popularity|newest|oldest|latest|featured|rating|reviews|distance|(?:best|most|highest|lowest) \w+|a ?- ?z|z ?- ?a)(?:[ ,:(-]+.{1,25})?|.{0,30}\((?:high to low|low to high|a-z|z-a)\)|(?:price:? )?(?:low to high|high to low)|(?:lowest|highest) price|relevancy|relevance|best match|most recent|most popular|highest rated|lowest rated|newest first|oldest first|top customer reviews|avg\.? customer review|alphabetically, [a-z]-[a-z]` +
	`|(?:price|date|name|alphabetically),? (?:low to high|high to low|old to new|new to old|oldest to newest|newest to oldest|a ?- ?z|z ?- ?a|a to z|z to a)|best[- ]?selling` +
	`|tri(?:er|é) par ?:? .{1,30}|pertinence|(?:prix|nom),? (?:par ordre )?(?:croissant|décroissant)|(?:nom,? )?de [az] à [az]|du (?:moins cher au plus cher|plus cher au moins cher)` +
	`|(?:sortier(?:en|t) nach ?:?|sortier(?:en|ung) ?:) .{1,30}|relevanz|(?:preis|name),? (?:aufsteigend|absteigend)|preis:? (?:niedrig|hoch) (?:nach|bis) (?:hoch|niedrig)|(?:neueste|älteste) zuerst` +
	`|ordenar(?: por ?:?| ?:) .{1,30}|relevancia|(?:precio|nombre),? ?:? (?:de )?(?:menor a mayor|mayor a menor|ascendente|descendente|más (?:bajo|alto))|más recientes|más relevantes|nouveautés d'abord)$`)

// dropSortLines drops the lines of a sort menu (reSortLine) that are not
// headings.
func dropSortLines(bs []block) []block { return dropShortLines(bs, reSortLine, 60) }

// dropShortLines drops the blocks of bs that are not headings, of
// maxBytes or fewer, whose text re matches (white space trimmed): the
// lines of a shop's widgets.
func dropShortLines(bs []block, re *lazyRegexp, maxBytes int) []block {
	return dropBlocks(bs, func(b block) bool {
		return !b.heads() && len(b.text) <= maxBytes && re.MatchString(strings.TrimSpace(b.text))
	})
}

// reFilterLine matches the labels of a filter panel: "Filters",
// "Filter by:", "Filter controls", "Clear all", "Remove all", "Reset
// filters", with the count of filters set ("Filters (1)", "1 filter
// applied"); the word alone in French, German and Spanish too. A price
// range filter's note of the dearest price ("The highest price is
// $4,799.90", which a shop theme prints over its two price boxes) is
// read in those languages too, an amount only: "The highest price is
// freedom." is a sentence (a line of any page but a forum's).
var reFilterLine = lazyRE(`(?i)^(?:(?:filters?|filtres|filtern|filtros)(?: \(\d+\))?|\d+ filters? (?:applied|selected)|filter (?:by|controls|results)|filtered items|refine (?:by|results)|clear (?:all|filters?)|remove all(?: filters)?|reset filters?|apply filters?|hide filters|show filters` +
	`|(?:the highest price is|le prix le plus élevé est(?: de)?|der höchste preis ist|el precio más alto es) [^\d\s]{0,4}\s?\d[\d.,\s\x{a0}]*(?:[^\d\s]{1,4})?)\W*$`)

// dropFilterLines drops the labels of a filter panel (reFilterLine),
// set as headings or not; its options ("Brand", "Price", a colour)
// stay, as the references of category pages keep them.
func dropFilterLines(bs []block) []block {
	return dropBlocks(bs, func(b block) bool {
		return len(b.text) <= 60 && reFilterLine.MatchString(strings.TrimSpace(b.text))
	})
}

// reSignupLine matches the fine print of a sign-up form and its prompt:
// "By signing up, you agree to our Privacy Policy ...", "By providing
// my email, I am consenting to receive ...", "Sign up for our newsletter
// to ...".
var reSignupLine = lazyRE(`(?i)^by (?:signing up|subscribing|submitting|providing|clicking|entering|registering|creating)\b.{0,250}\b(?:privacy|terms|consent|agree)|^(?:sign up|subscribe) (?:for|to) (?:our|the) (?:newsletter|e-?mails?)\b`)

// reNewsletterPrompt matches the prompt of a newsletter's sign-up box:
// "Get the latest news straight to your inbox.", "Want updates to your
// inbox?", "Get top deals, latest trends, and more.", "Email updates".
var reNewsletterPrompt = lazyRE(`(?i)\b(?:newsletters?|(?:in|to|into) your inbox|e-?mail updates)\b|^get (?:the )?(?:top|latest|best|exclusive) (?:deals|offers|news|stories|updates)\b`)

// isNewsletterPrompt reports whether a line of 140 bytes at most is a
// newsletter box's prompt (reNewsletterPrompt): twelve words or fewer,
// or a line that does not end as a sentence does.
func isNewsletterPrompt(t string) bool {
	t = strings.TrimSpace(t)
	return len(t) <= 140 && reNewsletterPrompt.MatchString(t) && (numFields(t) <= 12 || !strings.HasSuffix(t, "."))
}

// reFormMessage matches the messages a web form holds hidden until it is
// sent: "Thank you! Your submission has been received!", "Oops!
// Something went wrong while submitting the form.", "Thanks for
// subscribing!".
var reFormMessage = lazyRE(`(?i)^(?:oops!? something went wrong\b.{0,60}|thank you!? your submission has been received!?|something went wrong\.? please try again\.?|there was an error submitting\b.{0,60}|your (?:form|message) has been (?:sent|submitted)\b.{0,40}|thanks? (?:you )?for (?:subscribing|signing up|your submission)[.!]?.{0,60})$`)

// dropSignupLines drops the blocks of 60 words or fewer that a sign-up
// form prints (reSignupLine), a newsletter box's prompt
// (isNewsletterPrompt) and the messages of a form's states
// (reFormMessage).
func dropSignupLines(bs []block) []block {
	return dropBlocks(bs, func(b block) bool {
		t := strings.TrimSpace(b.text)
		return len(t) <= 400 && reSignupLine.MatchString(t) && countWords(t) <= 60 ||
			isNewsletterPrompt(t) || len(t) <= 150 && reFormMessage.MatchString(t)
	})
}

// reCartLine matches what a shop's cart drawer says, printed in the
// page though hidden until the visitor buys: "No products in the cart.",
// "Your cart is empty", "Added to your cart! Complete the set?",
// "Subtotal:" without its amount.
var reCartLine = lazyRE(`(?i)^(?:no (?:products|items) in (?:the|your) (?:cart|basket|bag)|your (?:shopping )?(?:cart|basket|bag) is (?:currently )?empty|added to (?:your )?(?:cart|basket|bag)\b.{0,40}|(?:sub-?)?total(?: amount)?:?)\W*$`)

// dropCartLines drops the lines of a cart drawer (reCartLine) that are
// not headings.
func dropCartLines(bs []block) []block { return dropShortLines(bs, reCartLine, 80) }
