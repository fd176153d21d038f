package extract

// starRunMin is how many choices of a rating make its input: a rating
// given ("4.5 out of 5 stars") is one, an input offers every star.
const starRunMin = 3

// reStarChoice matches one choice of a rating input as a screen reader or
// a filter prints it: "3 of 5 stars", "4 out of 5 stars", "2 stars",
// "1 Star". Its group is the choice's number.
var reStarChoice = lazyRE(`(?i)^\s*([1-9]|10)\s+(?:(?:out\s+)?of\s+(?:5|10)\s+)?stars?`)

// dropRatingInputs drops the choices of a star rating input: a line that
// is nothing but three or more choices in a row ("1 of 5 stars2 of 5
// stars3 of 5 stars...", a reader's rating control printed under every
// book of a list), and a run of three or more lines that are one choice
// each, every number different ("5 Stars", "4 Stars", ...: a review
// widget's filter). The page's rating of a thing ("4.4 out of 5 stars",
// "Rated 4 stars") names one figure and stays.
func dropRatingInputs(bs []block) []block {
	return dropStarRuns(bs, func(t string) string {
		if starChoices(t) != 1 {
			return ""
		}
		return reStarChoice.FindStringSubmatch(t)[1]
	}, true)
}

// reRatingBar matches one bar of a review widget's histogram of ratings:
// the stars and how many reviews gave them ("5 (260)", "4 stars 49",
// "3★ 12%"). Its group is the stars' number.
var reRatingBar = lazyRE(`(?i)^\s*([1-5])\s*(?:(?:stars?|★|☆)\s*(?:\(?\d[\d,.]*%?\)?)|\(\d[\d,.]*%?\)|\d[\d,.]*%)\s*$`)

// dropRatingBars drops a product page's histogram of ratings: a run of
// three or more lines that are each one bar (reRatingBar), every number
// different. A line of one figure with a count ("4 (12)") is no bar
// alone, nor in a run that repeats a number.
func dropRatingBars(bs []block) []block {
	return dropStarRuns(bs, func(t string) string {
		if len(t) > 40 {
			return ""
		}
		if m := reRatingBar.FindStringSubmatch(t); m != nil {
			return m[1]
		}
		return ""
	}, false)
}

// dropStarRuns drops the runs of starRunMin or more blocks in a row for
// which choice gives a number, every number different; with inputs set,
// a block made of starRunMin choices or more (starChoices) goes alone.
func dropStarRuns(bs []block, choice func(string) string, inputs bool) []block {
	drop := make([]bool, len(bs))
	for i := 0; i < len(bs); {
		if inputs && starChoices(bs[i].text) >= starRunMin {
			drop[i] = true
			i++
			continue
		}
		j, seen := i, map[string]bool{}
		for ; j < len(bs); j++ {
			n := choice(bs[j].text)
			if n == "" || seen[n] {
				break
			}
			seen[n] = true
		}
		for k := i; j-i >= starRunMin && k < j; k++ {
			drop[k] = true
		}
		i = max(j, i+1)
	}
	return keepUndropped(bs, drop)
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
