package extract

import "strings"

// reFulfilment matches the lines of a shop's delivery and returns
// widget beside a product: how the order comes, when and from whom
// ("Arrives by Tuesday", "Order within 3 hr 52 min", "Order today to get
// by Mar 17-27", "Sold and shipped by ...", "Pickup or delivery?"), the
// options offered ("Standard Delivery (4-7 Working Days)", "Express
// Delivery Available", "Cost to ship: USD 14.40" but no sentence about
// it, "Select size for delivery dates"). A bare "Standard delivery"
// stays (a reference keeps it over its dates), as do the terms of free
// delivery ("Free delivery on orders over £50.") and the returns
// policy: references keep them.
var reFulfilment = lazyRE(`(?i)^(?:free )?(?:standard |express |next[- ]day )?(?:shipping|delivery),? arrives\b|^arrives (?:by|in|on|today|tomorrow)\b|^order (?:within|in the next)\b|^(?:sold|ships|shipped|fulfilled)(?: and shipped)? (?:by|from) \S|^(?:pickup|delivery|shipping) (?:today|tomorrow|or delivery\??|available)\b|^how do you want your items?\b|^this item is gift eligible|^(?:check|see) (?:delivery|availability) (?:options|in store)` +
	`|^(?:- )?order (?:today|now) to (?:get|receive)(?: it)? by\b|^(?:- )?cost to ship:? (?:free|[a-z]{3} ?\d|\p{Sc} ?\d)|^select (?:a )?(?:size|colou?r|options?) (?:for|to see) (?:delivery|shipping)\b` +
	`|^(?:free )?(?:standard|express|priority|next[- ]day) (?:delivery|shipping)(?: \([^)]{1,30}\)| available)$`)

// dropFulfilmentLines drops from a product page's text the short lines
// of its delivery widget (reFulfilment, ten words or fewer).
func dropFulfilmentLines(bs []block) []block {
	return dropBlocks(bs, func(b block) bool {
		return len(strings.Fields(b.text)) <= 10 && reFulfilment.MatchString(b.text)
	})
}

// reStockLine matches a line that only states whether an item is in
// stock or how to get it: "In Stock!", "Low in stock, only 6 left",
// "Only 3 left", "Ready to ship", "Available for shipping or pickup",
// "Calculate shipping", "Pre-order"; and in French, German and Spanish
// ("En stock", "Plus que 3 en stock", "Sofort lieferbar", "Nur noch 2
// auf Lager", "Quedan 4 unidades"). A "Sold out" badge stays.
var reStockLine = lazyRE(`(?i)^(?:(?:low )?in stock(?:,? only \d+ left(?: in stock)?)?|only \d+ left(?: in stock)?|ready to ship|available for (?:shipping|pickup|delivery)(?: or (?:shipping|pickup|delivery))?|calculate shipping|pre-?order(?: now)?` +
	`|en stock|plus que \d+ (?:en stock|disponibles?|articles?)|précommande` +
	`|auf lager|(?:sofort )?lieferbar|nur noch \d+(?: stück)? (?:auf lager|verfügbar|lieferbar)|vorbestellen|vorbestellung` +
	`|en existencias?|disponible|(?:s[oó]lo )?quedan \d+(?: unidades)?|preventa)[.!]?$`)

// dropStockLines drops the stock and availability lines of a product
// page (reStockLine) that are not headings. A category page keeps them:
// on its cards they are the items' badges, which references keep.
func dropStockLines(bs []block) []block { return dropShortLines(bs, reStockLine, 60) }

// reLoyaltyLine matches a shop's loyalty offer beside a product: the
// points a purchase earns ("Earn up to 4500 points per item",
// "Purchasing this product earns 176XP") and the scheme's terms ("...
// points are subject to change ..."). Cash back stays: one reference
// keeps "Get 3% back in Daily Cash", another drops it.
var reLoyaltyLine = lazyRE(`(?i)\b(?:earns?|earning|collect)\s(?:up to\s)?\d[\d,.]*\s?(?:[\w+]+\s){0,2}(?:points?|xp|rewards?)\b|\bpoints (?:are|may be) subject to change\b`)

// rePurchase matches the words that tie earned points to a purchase,
// which a loyalty line holds beside reLoyaltyLine: a game's rules earn
// points too ("earns 2 victory points for every ship", "collect 15
// victory points").
var rePurchase = lazyRE(`(?i)\b(?:up to|items?|products?|orders?|purchas\w*|buy\w*|spend\w*|basket|cart|subject to change)\b|[£$€]`)

// loyaltyWords is the most words of a loyalty line: a longer block is a
// description that may name the scheme.
const loyaltyWords = 30

// dropLoyaltyLines drops a product page's loyalty offers (reLoyaltyLine
// with rePurchase) of loyaltyWords words or fewer that are not headings.
func dropLoyaltyLines(bs []block) []block {
	return dropBlocks(bs, func(b block) bool {
		return !b.heads() && countWords(b.text) <= loyaltyWords && reLoyaltyLine.MatchString(b.text) && rePurchase.MatchString(b.text)
	})
}

// rePerkLine matches one of a shop's standing perks, the same beside
// every product it sells: "Free delivery over 50 EUR", "30-day returns",
// "Secure payment", "100% secure checkout" (a figure first), "2-year
// warranty", "100-night trial", "30-day price match", "Same-day
// dispatch"; in French, German, Spanish and Italian too ("Livraison
// gratuite dès 49 €", "Kostenlose Rücksendung", "Envío gratis", "Reso
// gratuito entro 30 giorni", "Pagamento sicuro").
var rePerkLine = lazyRE(`(?i)^(?:(?:free|fast|express|same[- ]day|next[- ]day|tracked) (?:standard )?(?:shipping|delivery|dispatch|returns?|exchanges?)|(?:easy|hassle[- ]free|extended) (?:returns?|exchanges?)|\d+[- ]?(?:day|night|month|year)s?(?: free)? (?:returns?|return policy|exchanges?|trial|warranty|guarantee|money[- ]back guarantee|price match)|(?:lifetime|manufacturer'?s?) (?:warranty|guarantee)|price match(?: guarantee)?|(?:100 ?% )?(?:secure|safe|encrypted) (?:payments?|checkout|shopping)|(?:100 ?% )?money[- ]back guarantee` +
	`|livraison (?:gratuite|offerte|rapide)|retours? (?:gratuits?|offerts?)|paiement (?:\d+x )?sécurisé|garantie \d+ ans` +
	`|(?:kostenloser|gratis) (?:versand|rückversand)|versandkostenfrei|kostenlose (?:rücksendung|lieferung)|\d+ tage (?:rückgaberecht|rückgabe)|sichere zahlung|\d+ jahre garantie` +
	`|envío (?:gratis|gratuito)|devoluci(?:ón|ones) (?:gratis|gratuitas?)|pago seguro|garantía de \d+ años` +
	`|spedizione (?:gratuita|gratis|veloce)|res[oi] (?:gratuit[oi]|gratis)|pagamento sicuro|garanzia (?:di )?\d+ anni)\b.{0,30}$`)

// perkListMin is the fewest items of a list of perks (dropPerkLists).
const perkListMin = 2

// dropPerkLists drops from a product page's text each list of
// perkListMin items or more, seven words or fewer each, that are all
// the shop's standing perks (rePerkLine): a buy box's badges, not the
// product. A line on its own ("Free shipping over $75 & easy returns.")
// stays, as references keep the terms of delivery. A run of two perks
// among other items of their list ("Waterproof to 50 m", "2-year
// warranty", "Free returns", "Made in Italy") goes too: a run of the
// shop's standing terms is the shop's wherever it sits, and the
// product's own features around it stay (keeping such runs was
// measured and dropped: docs/BENCHMARKS.md, ex39by).
func dropPerkLists(bs []block) []block {
	perk := func(b block) bool {
		return b.item && !b.heads() && countWords(b.text) <= 7 && rePerkLine.MatchString(strings.TrimSpace(b.text))
	}
	out := make([]block, 0, len(bs))
	for i := 0; i < len(bs); {
		j := i
		for j < len(bs) && perk(bs[j]) {
			j++
		}
		if j-i >= perkListMin {
			i = j
			continue
		}
		if j == i {
			j = i + 1
		}
		out = append(out, bs[i:j]...)
		i = j
	}
	return out
}
