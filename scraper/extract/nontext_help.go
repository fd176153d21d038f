package extract

import "strings"

// reHelpOffer matches a shop's offer of help beside a product, the same on
// every product it sells: a call to its experts ("Ask an expert", "Video
// chat with a lighting expert", "Shop live with a Specialist", "Need help
// choosing gear?", "Get real advice from our experts ...", "Our expertly
// trained sales engineers are ready to help!") and a protection plan sold
// with the item ("Add a protection plan from $79.99", "... Protection
// Plan by ..."); in French, German and Spanish too
// ("Parlez à un expert", "Besoin d'aide pour choisir ?", "Fragen Sie
// unsere Experten", "Habla con un experto"). A line about the experts who
// made the product ("designed by our in-house repair experts") does not
// begin so and stays.
var reHelpOffer = lazyRE(`(?i)^(?:(?:video )?(?:ask|chat (?:live )?with|talk (?:to|with)|speak (?:to|with)|call|contact|shop live with|book an? (?:call|appointment|consultation) with|get (?:help|advice) from) (?:an?|our|one of our)(?: [\w-]+){0,2} (?:experts?|specialists?|advis[eo]rs?|stylists?|consultants?|sales engineers?)\b` +
	`|need help (?:choosing|deciding|finding|picking)\b|(?:get )?(?:real |expert |personal |free )?advice from (?:our|an?) (?:experts?|specialists?)\b` +
	`|our\b.{0,40}\b(?:experts?|specialists?|engineers|advis[eo]rs|team) (?:are|is) (?:ready|here|standing by|happy|available) to help\b` +
	`|(?:jump into|join|book) (?:an? )?(?:online |live |free )?(?:sessions?|appointments?|calls?) with an? (?:specialist|expert)\b` +
	`|(?:add|get|buy) an? (?:[\w-]+ ){0,2}protection plan\b|[\w-]+(?: [\w-]+)? protection plan by \S` +
	`|(?:parle[rz]|discute[rz]|échange[rz]) (?:avec|à) (?:un|une|nos|l['’]un de nos) (?:expert|conseill|spécialiste)|besoin d['’](?:aide|un conseil) pour (?:choisir|trouver)\b|(?:demande[rz]|obtene[zr]) (?:conseil|l['’]avis) (?:à|d['’]|de) (?:un|nos) (?:expert|conseill)|contacte[rz] (?:un|nos) (?:expert|conseill|spécialiste)` +
	`|(?:fragen sie|frag) (?:einen|unsere[nr]?) (?:experten|berater|spezialisten)\b|(?:sprechen sie|sprich|chatten sie) mit (?:einem|unseren) (?:experten|beratern?|spezialisten)\b|brauchen sie hilfe bei der auswahl\b` +
	`|(?:habla|hable|chatea|chatee) con (?:un|una|nuestros|uno de nuestros) (?:expert|especialista|asesor)|pregunta (?:a|le a) (?:un|nuestros) (?:expert|especialista|asesor)|¿?necesitas ayuda para elegir\b)`)

// helpOfferWords is the most words of a help offer's line: a longer block
// is a paragraph of the description that may speak of experts.
const helpOfferWords = 20

// reProtectYour matches the title of a protection plan's box ("Protect
// your gear"), which is also the title of a section of a case's or a
// bag's description: it goes only right before a help offer's line.
var reProtectYour = lazyRE(`(?i)^protect your (?:gear|purchase|device|item|order|investment)\W*$`)

// dropHelpOffers drops from a product page's text the lines of a shop's
// offers of help (reHelpOffer), headings or not, of helpOfferWords words
// or fewer, and a protection plan's title (reProtectYour) one or two
// lines before such a line.
func dropHelpOffers(bs []block) []block {
	isOffer := func(b block) bool { return countWords(b.text) <= helpOfferWords && reHelpOffer.MatchString(b.text) }
	out := make([]block, 0, len(bs))
	for i, b := range bs {
		if isOffer(b) || reProtectYour.MatchString(b.text) && (i+1 < len(bs) && isOffer(bs[i+1]) || i+2 < len(bs) && isOffer(bs[i+2])) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// reSellerLine matches the lines of a marketplace's card of the seller
// beside a product, the same on every item the seller lists: how fast
// the seller answers ("This seller usually responds within a few hours";
// without the seller, only in hours, days or minutes: "Responds in 1 ms"
// is a monitor's),
// "... has a history of shipping on time"), the seller's badge and its
// terms ("Star Seller. This seller consistently earned 5-star reviews
// ..."), its count of sales ("1.1k sales", "5.6K items sold"), its
// rating ("99.8% positive feedback") and the link to report the
// listing ("Report this item"); in French, German and Spanish too ("Ce
// vendeur répond généralement ...", "Artikel melden", "Denunciar este
// artículo").
var reSellerLine = lazyRE(`(?i)^(?:(?:this|the) (?:seller|shop|store) (?:usually |typically |generally )?(?:responds|replies|answers) (?:within|in)\b|(?:usually |typically |generally )?(?:responds|replies|answers) (?:within|in) (?:a few |an? |\d+ )?(?:hours?|days?|business days?|minutes)\W*$|[\d.,]+% positive(?: feedback)?$|[\d.,]+k? items sold$|.{0,40}\bhas a history of (?:shipping|replying|responding)\b|(?:star|top[- ]rated|power) seller\b.{0,20}\b(?:this|the) seller\b|[\d.,]+k? sales$|report (?:this|the) (?:item|listing|product|ad)(?: to \S+)?\W*$` +
	`|ce vendeur répond (?:généralement |habituellement )?(?:en|sous)\b|signaler (?:cet article|cette annonce)\W*$|dieser verkäufer antwortet (?:normalerweise |in der regel )?(?:innerhalb|in)\b|(?:artikel|angebot) melden\W*$|este vendedor (?:suele responder|responde)\b|denunciar (?:este artículo|este anuncio)\W*$)`)

// reDemandLine matches a product page's count of other shoppers'
// interest, printed to hurry the buyer and not about the product: "6
// have added this to their watchlist", "People are checking this out.",
// "In 20+ baskets", "12 people are viewing this right now", "300+ sold
// in the last 24 hours", "500+ bought in past month", "Selling fast!";
// two or three of them in a line too. French, German and Spanish have
// theirs ("12 personnes regardent cet article", "12 Personen sehen sich
// diesen Artikel an", "12 personas están viendo este artículo").
var reDemandLine = lazyRE(`(?i)^(?:(?:` + demandPhrases + `)[.!]?\s*){1,3}$`)

// demandPhrases are the phrases of reDemandLine.
const demandPhrases = `\d[\d,.]*\+? (?:people |others |shoppers )?(?:have )?(?:added|put) (?:this|it) (?:to|in) their (?:watch ?list|basket|cart|bag|wish ?list|favou?rites)` +
	`|(?:\d[\d,.]*\+?|many) (?:people|others|shoppers) (?:are )?(?:viewing|looking at|watching|checking out) (?:this|it)(?: (?:item|product))?(?: right now)?` +
	`|people are (?:checking (?:this|it) out|looking at (?:this|it))|in (?:\d[\d,.]*\+?|many) (?:baskets|carts|bags)|\d[\d,.]*\+? watchers?` +
	`|\d[\d,.]*\+? (?:sold|bought) in (?:the )?(?:past|last) (?:\d+ )?(?:hours?|days?|weeks?|month)|(?:selling|going) fast|almost gone|in high demand` +
	`|\d+ personnes (?:regardent|consultent) (?:cet article|ce produit)|\d+ Personen (?:sehen sich|betrachten) (?:diesen Artikel|dieses Produkt)(?: an)?|\d+ personas (?:están viendo|miran) (?:este artículo|este producto)`

// dropDemandLines drops a product page's counts of other shoppers'
// interest (reDemandLine), 25 words at most, that are not headings.
func dropDemandLines(bs []block) []block {
	return dropBlocks(bs, func(b block) bool {
		return !b.heads() && countWords(b.text) <= 25 && reDemandLine.MatchString(strings.TrimSpace(b.text))
	})
}

// dropSellerLines drops from a product page's text the lines of a
// marketplace's seller card (reSellerLine), of helpOfferWords words or
// fewer.
func dropSellerLines(bs []block) []block {
	return dropBlocks(bs, func(b block) bool {
		return countWords(b.text) <= helpOfferWords && reSellerLine.MatchString(b.text)
	})
}

// reShopPitchHead matches the title of a shop's pitch of itself as the
// place to buy, the same beside every product it sells: "Why Harbourmart
// is the best place to buy a tablet.", "Why shop with us", "Marketbarn
// Purchase Protection", "Buy with confidence"; in French, German and
// Spanish too ("Pourquoi acheter chez nous ?", "Käuferschutz", "Compra
// con confianza"). What follows such a title is the shop's terms and
// perks (instalments, trade-in, delivery, engraving), not the product.
var reShopPitchHead = lazyRE(`(?i)^(?:why (?:buy|shop|order) (?:from|with|at|on) .{1,40}|why .{1,40} is the (?:best|right|smart) place to (?:buy|shop)\b.{0,40}|(?:[\w'’-]+ )?(?:purchase|buyer'?s?) protection|(?:shop|buy|order) with confidence` +
	`|pourquoi (?:acheter|commander) (?:chez|sur) .{1,40}|achetez en toute (?:confiance|sérénité)|protection (?:des )?acheteurs?` +
	`|warum (?:bei|auf) .{1,40} (?:kaufen|bestellen)|(?:sicher|sorgenfrei) (?:einkaufen|bestellen)|käuferschutz` +
	`|¿?por qué comprar (?:en|con) .{1,40}|compra con (?:confianza|seguridad|tranquilidad)|protección (?:al|del) comprador)[\s:.!?…]*$`)

// reShopPitchLine matches a line of a shop's pitch of its own assurances
// ("Shop confidently on Marketbarn knowing if something goes wrong with
// an order, we've got your back ...", "Extra peace of mind at no extra
// cost."); in French, German and Spanish too.
var reShopPitchLine = lazyRE(`(?i)^(?:(?:shop|buy|order) (?:confidently|with confidence) (?:on|at|from|with|knowing)\b|(?:extra |added )?peace of mind at no (?:extra|additional) cost\b` +
	`|achetez en toute (?:confiance|sérénité) (?:sur|chez)\b|kaufen sie (?:sorgenfrei|sicher) (?:bei|auf)\b|compra con (?:confianza|tranquilidad) en\b)`)

// rePitchTitle matches the title of a shop's warranty or protection
// offer, which goes right before a pitch line (reShopPitchLine):
// "Harbourmart's FREE 2-Year Total Care Warranty".
var rePitchTitle = lazyRE(`(?i)\b(?:warranty|guarantee|protection|coverage|garantie|gewährleistung|garantía)\W*$`)

// pitchLineWords is the most words of a pitch line (reShopPitchLine);
// pitchHeadWords of a pitch's title.
const (
	pitchLineWords = 30
	pitchHeadWords = 12
)

// reOwnCover matches a line naming a warranty or a guarantee ("... and
// the motor is covered for three years"): the product's own cover,
// which a line that opens like a shop's assurance ("Buy with confidence
// from any of our dealers: register the drill ...") may spell out, and
// which stays, with the warranty's title before it. The run after a
// pitch's title goes whole: the references leave out the perks a shop
// lists there, its guarantees too ("Price match guarantee").
var reOwnCover = lazyRE(`(?i)\b(?:warrant|guarant|covered\b|garanti|gewährleist)`)

// dropShopPitches drops from a product page's text a shop's pitch of
// itself as the place to buy: a title reShopPitchHead reads with the run
// of short blocks after it (pitchRun), lines reShopPitchLine reads and,
// right before such a line, a warranty's or a protection's title
// (rePitchTitle). A product's own warranty ("Two-year warranty on the
// motor") is no pitch and stays, and so does a line naming one
// (reOwnCover) with its title. The blocks stay as they
// are when the pitch holds half of the words or more. boxOf(head, first)
// returns the test of a block's lying in the box of a pitch's title
// head, whose first block after it is first (page.pitchBox).
func dropShopPitches(bs []block, boxOf func(head, first block) func(block) bool) []block {
	isLine := func(i int) bool {
		if i >= len(bs) || countWords(bs[i].text) > pitchLineWords {
			return false
		}
		t := strings.TrimSpace(bs[i].text)
		return reShopPitchLine.MatchString(t) && !reOwnCover.MatchString(t)
	}
	out := make([]block, 0, len(bs))
	dropped, all := 0, 0
	for i := 0; i < len(bs); i++ {
		w := countWords(bs[i].text)
		all += w
		t := strings.TrimSpace(bs[i].text)
		head := w <= pitchHeadWords && reShopPitchHead.MatchString(t)
		if !head && !isLine(i) && !(w <= pitchHeadWords && rePitchTitle.MatchString(t) && isLine(i+1)) {
			out = append(out, bs[i])
			continue
		}
		dropped += w
		if !head {
			continue
		}
		n := pitchRun(bs[i:], boxOf)
		for _, b := range bs[i+1 : i+n] {
			w := countWords(b.text)
			all, dropped = all+w, dropped+w
		}
		i += n - 1
	}
	if dropped*2 >= all {
		return bs
	}
	return out
}

// pitchRun returns the length of the pitch that the title bs[0] opens:
// the title and the short blocks after it (shopTeaserWords words or
// fewer each) up to the next heading, a longer block or the first block
// outside the title's box (boxOf), where a pitch set in a box of its own
// ends and the product's features or specifications may go on in short
// lines.
func pitchRun(bs []block, boxOf func(head, first block) func(block) bool) int {
	n := 1
	var in func(block) bool
	for ; n < len(bs) && !bs[n].heads() && countWords(bs[n].text) <= shopTeaserWords; n++ {
		if in == nil {
			in = boxOf(bs[0], bs[n])
		} else if !in(bs[n]) {
			break
		}
	}
	return n
}

// anyBox is the test of a pitch's box when its place is unknown: every
// block lies in it.
func anyBox(block, block) func(block) bool { return func(block) bool { return true } }

// dropShopPitches is dropShopPitches on the page's text, a pitch's run
// ending with its title's box (pitchBox).
func (p *page) dropShopPitches(bs []block) []block { return dropShopPitches(bs, p.pitchBox) }

// pitchBox returns the test of a block's lying in the box of a pitch's
// title head: the smallest element holding the title and first, the
// block right after it. Every block passes when a place is unknown or
// the box is more than boxLevels levels up (the page's body, which holds
// all).
func (p *page) pitchBox(head, first block) func(block) bool {
	placed := func(b block) bool { return b.at >= 0 && int(b.at) < len(p.x.nodes) }
	if p.x == nil || !placed(head) || !placed(first) {
		return anyBox(head, first)
	}
	box := p.x.nodes[head.at]
	for up := 0; !p.x.within(box, first.at); up++ {
		if box = box.Parent; box == nil || up == boxLevels {
			return anyBox(head, first)
		}
	}
	return func(b block) bool { return !placed(b) || p.x.within(box, b.at) }
}
