package extract

// reHelpOffer matches a shop's offer of help beside a product, the same on
// every product it sells: a call to its experts ("Ask an expert", "Video
// chat with a lighting expert", "Shop live with a Specialist", "Need help
// choosing gear?", "Get real advice from our experts ...", "Our expertly
// trained sales engineers are ready to help!") and a protection plan sold
// with the item ("Add a protection plan from $79.99", "Protect your
// gear", "... Protection Plan by ..."); in French, German and Spanish too
// ("Parlez à un expert", "Besoin d'aide pour choisir ?", "Fragen Sie
// unsere Experten", "Habla con un experto"). A line about the experts who
// made the product ("designed by our in-house repair experts") does not
// begin so and stays.
var reHelpOffer = lazyRE(`(?i)^(?:(?:video )?(?:ask|chat (?:live )?with|talk (?:to|with)|speak (?:to|with)|call|contact|shop live with|book an? (?:call|appointment|consultation) with|get (?:help|advice) from) (?:an?|our|one of our)(?: [\w-]+){0,2} (?:experts?|specialists?|advis[eo]rs?|stylists?|consultants?|sales engineers?)\b` +
	`|need help (?:choosing|deciding|finding|picking)\b|(?:get )?(?:real |expert |personal |free )?advice from (?:our|an?) (?:experts?|specialists?)\b` +
	`|our\b.{0,40}\b(?:experts?|specialists?|engineers|advis[eo]rs|team) (?:are|is) (?:ready|here|standing by|happy|available) to help\b` +
	`|(?:jump into|join|book) (?:an? )?(?:online |live |free )?(?:sessions?|appointments?|calls?) with an? (?:specialist|expert)\b` +
	`|(?:add|get|buy) an? (?:[\w-]+ ){0,2}protection plan\b|[\w-]+(?: [\w-]+)? protection plan by \S|protect your (?:gear|purchase|device|item|order|investment)\W*$` +
	`|(?:parle[rz]|discute[rz]|échange[rz]) (?:avec|à) (?:un|une|nos|l'un de nos) (?:expert|conseill|spécialiste)|besoin d'(?:aide|un conseil) pour (?:choisir|trouver)\b|(?:demande[rz]|obtene[zr]) (?:conseil|l'avis) (?:à|d'|de) (?:un|nos) (?:expert|conseill)|contacte[rz] (?:un|nos) (?:expert|conseill|spécialiste)` +
	`|(?:fragen sie|frag) (?:einen|unsere[nr]?) (?:experten|berater|spezialisten)\b|(?:sprechen sie|sprich|chatten sie) mit (?:einem|unseren) (?:experten|beratern?|spezialisten)\b|brauchen sie hilfe bei der auswahl\b` +
	`|(?:habla|hable|chatea|chatee) con (?:un|una|nuestros|uno de nuestros) (?:expert|especialista|asesor)|pregunta (?:a|le a) (?:un|nuestros) (?:expert|especialista|asesor)|¿?necesitas ayuda para elegir\b)`)

// helpOfferWords is the most words of a help offer's line: a longer block
// is a paragraph of the description that may speak of experts.
const helpOfferWords = 20

// dropHelpOffers drops from a product page's text the lines of a shop's
// offers of help (reHelpOffer), headings or not, of helpOfferWords words
// or fewer.
func dropHelpOffers(bs []block) []block {
	return dropBlocks(bs, func(b block) bool {
		return countWords(b.text) <= helpOfferWords && reHelpOffer.MatchString(b.text)
	})
}
