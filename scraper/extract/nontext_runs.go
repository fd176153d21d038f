package extract

// runMinBlocks is the fewest blocks of a run that dropRepeatedRuns
// drops when it comes again.
const runMinBlocks = 3

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
		at[bs[i].text] = append(at[bs[i].text], i)
		out = append(out, bs[i])
		i++
	}
	return out
}
