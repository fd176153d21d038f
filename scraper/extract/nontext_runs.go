package extract

// runMinBlocks is the fewest blocks of a run that dropRepeatedRuns
// drops when it comes again.
const runMinBlocks = 3

// runMaxStarts is how many earlier places of one line dropRepeatedRuns
// tries a run from: the first ones, where a section's first layout is.
// Without a bound a line printed on every other row ("Add to cart")
// makes the walk quadratic: 50,000 such blocks took 3.5 s, 200,000 a
// minute.
const runMaxStarts = 8

// dropRepeatedRuns drops each run of runMinBlocks blocks or more that
// repeats, block for block, a run printed earlier on the page: the same
// section laid out again for another screen size, short lines and all
// (dropSecondCopies takes only the longer blocks of such a copy).
func dropRepeatedRuns(bs []block) []block {
	at := make(map[string][]int, len(bs))
	out := make([]block, 0, len(bs))
	for i := 0; i < len(bs); {
		best := 0
		for _, j := range at[bs[i].text] {
			n := 0
			for j+n < i && i+n < len(bs) && bs[j+n].text == bs[i+n].text {
				n++
			}
			best = max(best, n)
		}
		if best >= runMinBlocks {
			i += best
			continue
		}
		if starts := at[bs[i].text]; len(starts) < runMaxStarts {
			at[bs[i].text] = append(starts, i)
		}
		out = append(out, bs[i])
		i++
	}
	return out
}
