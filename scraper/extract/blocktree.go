package extract

import "math"

// treeNode is one node of the block model's trees: an inner node sends a
// block left when its feature Feat is at most Cut; a leaf (Feat < 0)
// adds Value to the block's logit.
type treeNode struct {
	Feat        int16
	Left, Right int16
	Cut         float64
	Value       float64
}

// treeLogit sums the leaves that a block's features reach in every tree
// (roots are the trees' first nodes in nodes).
func treeLogit(nodes []treeNode, roots []int32, base float64, x *[nFeat]float64) float64 {
	z := base
	for _, r := range roots {
		i := int(r)
		for nodes[i].Feat >= 0 {
			n := &nodes[i]
			if x[n.Feat] <= n.Cut {
				i = int(r) + int(n.Left)
			} else {
				i = int(r) + int(n.Right)
			}
		}
		z += nodes[i].Value
	}
	return z
}

// treeScore is the trees' probability that a block is main text.
func treeScore(nodes []treeNode, roots []int32, base float64, x *[nFeat]float64) float64 {
	return 1 / (1 + math.Exp(-treeLogit(nodes, roots, base, x)))
}
