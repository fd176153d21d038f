package extract

import (
	"strings"
	"unicode"
)

// dropRepeatedPrices drops from a listing's text a line that only says
// again the price of the line before it ("$499.95" then "$499.95
// $499.95"): a card's regular and sale price printed alike, or its price
// once for the eye and again for screen readers. The references of
// category pages give each card's price once. A sale price beside
// another ("$80.64 $96") and a price after other words stay. One pass.
func dropRepeatedPrices(bs []block) []block {
	prev := ""
	out := make([]block, 0, len(bs))
	for _, b := range bs {
		lines := strings.Split(b.text, "\n")
		kept := lines[:0]
		for _, l := range lines {
			t := strings.TrimSpace(l)
			if !repeatsPrice(t, prev) {
				kept = append(kept, l)
			}
			prev = t
		}
		if b.text = strings.TrimSpace(strings.Join(kept, "\n")); b.text != "" {
			out = append(out, b)
		}
	}
	return out
}

// repeatsPrice reports whether every word of line is prev, a price.
func repeatsPrice(line, prev string) bool {
	if !isPriceWord(prev) || line == "" {
		return false
	}
	for _, f := range strings.Fields(line) {
		if f != prev {
			return false
		}
	}
	return true
}

// isPriceWord reports whether s is one price without spaces: a currency
// sign and digits, no letters ("$1,999.95", "€82", "12,50€").
func isPriceWord(s string) bool {
	sign, digit := false, false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Sc, r):
			sign = true
		case unicode.IsDigit(r):
			digit = true
		case r == '.' || r == ',':
		default:
			return false
		}
	}
	return sign && digit
}
