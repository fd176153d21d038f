package extract

import "regexp"

// starRunMin is how many choices of a rating make its input: a rating
// given ("4.5 out of 5 stars") is one, an input offers every star.
const starRunMin = 3

// reStarChoice matches one choice of a rating input as a screen reader or
// a filter prints it: "3 of 5 stars", "4 out of 5 stars", "2 stars",
// "1 Star". Its group is the choice's number.
var reStarChoice = regexp.MustCompile(`(?i)^\s*([1-9]|10)\s+(?:(?:out\s+)?of\s+(?:5|10)\s+)?stars?`)

// dropRatingInputs drops the choices of a star rating input: a line that
// is nothing but three or more choices in a row ("1 of 5 stars2 of 5
// stars3 of 5 stars...", a reader's rating control printed under every
// book of a list), and a run of three or more lines that are one choice
// each, every number different ("5 Stars", "4 Stars", ...: a review
// widget's filter). The page's rating of a thing ("4.4 out of 5 stars",
// "Rated 4 stars") names one figure and stays.
func dropRatingInputs(bs []block) []block {
	drop := make([]bool, len(bs))
	for i := 0; i < len(bs); {
		if starChoices(bs[i].text) >= starRunMin {
			drop[i] = true
			i++
			continue
		}
		j, seen := i, map[string]bool{}
		for ; j < len(bs) && starChoices(bs[j].text) == 1; j++ {
			n := reStarChoice.FindStringSubmatch(bs[j].text)[1]
			if seen[n] {
				break
			}
			seen[n] = true
		}
		for k := i; j-i >= starRunMin && k < j; k++ {
			drop[k] = true
		}
		i = max(j, i+1)
	}
	out := make([]block, 0, len(bs))
	for i, b := range bs {
		if !drop[i] {
			out = append(out, b)
		}
	}
	return out
}

// starChoices returns how many choices of a rating input t is made of, in
// a row and nothing else, with their numbers all different; 0 when t is
// anything else.
func starChoices(t string) int {
	if len(t) > 400 {
		return 0
	}
	seen := map[string]bool{}
	for len(t) > 0 {
		m := reStarChoice.FindStringSubmatchIndex(t)
		if m == nil {
			return 0
		}
		n := t[m[2]:m[3]]
		if seen[n] {
			return 0
		}
		seen[n] = true
		t = t[m[1]:]
		for len(t) > 0 && (t[0] == ' ' || t[0] == '\t') {
			t = t[1:]
		}
	}
	return len(seen)
}
