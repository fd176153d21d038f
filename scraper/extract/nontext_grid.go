package extract

import "strings"

// gridMinBlocks is the fewest blocks of a run of lone cells that
// dropCellRuns drops.
const gridMinBlocks = 6

// dropCellRuns drops each run of gridMinBlocks blocks or more that are
// one short token each ("8", "9", "10", "US", "cm"): a size chart or a
// grid of options laid out as blocks, read cell by cell.
func dropCellRuns(bs []block) []block {
	out := make([]block, 0, len(bs))
	for i := 0; i < len(bs); {
		j := i
		for j < len(bs) && isLoneCell(bs[j].text) {
			j++
		}
		if j-i >= gridMinBlocks {
			i = j
			continue
		}
		if j == i {
			j++
		}
		out = append(out, bs[i:j]...)
		i = j
	}
	return out
}

// isLoneCell reports whether t is one token of four bytes or fewer.
func isLoneCell(t string) bool {
	t = strings.TrimSpace(t)
	return t != "" && len(t) <= 4 && !strings.ContainsRune(t, ' ')
}
