package explore

import (
	"github.com/naturekit/naturekit/lir"
)

// A Graph is a function's control-flow graph laid out for drawing, with
// its dominator tree.
type Graph struct {
	Nodes []Node
	Edges []Edge // control flow
	Dom   []Edge // immediate dominator → block
	W, H  int    // the drawing's size, in pixels
	DomW  int    // the dominator tree drawing's size
	DomH  int
}

// A Node is one basic block.
type Node struct {
	Name   string
	Instrs int // its instruction count
	Src    int // the source line of its first instruction that has one
	X, Y   int // the centre of its box in the CFG drawing
	DX, DY int // and in the dominator tree drawing
}

// An Edge joins two nodes (indexes into Nodes).
type Edge struct {
	From, To int
	Back     bool `json:",omitempty"` // a back edge: its target comes first in reverse postorder
}

// Box sizes and gaps of the drawings, in pixels.
const (
	boxW, boxH = 120, 34
	gapX, gapY = 30, 36
)

// graphOf lays out f (in block form): blocks in layers by the longest
// path from the entry over forward edges, in reverse postorder within a
// layer; the dominator tree by depth.
func graphOf(f *lir.Func, file string) *Graph {
	g := &Graph{}
	dt := lir.Dominators(f)
	rpoIndex := make([]int, len(f.Blocks))
	for i := range rpoIndex {
		rpoIndex[i] = -1
	}
	for i, b := range dt.RPO {
		rpoIndex[b] = i
	}
	for b := range f.Blocks {
		n := Node{Name: f.BlockName(lir.BlockID(b)), Instrs: len(f.Blocks[b].Instrs)}
		for _, id := range f.Blocks[b].Instrs {
			if l := srcLine(f.InstrPos(id), file); l > 0 {
				n.Src = l
				break
			}
		}
		g.Nodes = append(g.Nodes, n)
		for _, s := range f.Blocks[b].Succs {
			back := rpoIndex[s] >= 0 && rpoIndex[b] >= 0 && rpoIndex[s] <= rpoIndex[b]
			g.Edges = append(g.Edges, Edge{From: b, To: int(s), Back: back})
		}
		if d := dt.Idom[b]; d >= 0 {
			g.Dom = append(g.Dom, Edge{From: int(d), To: b})
		}
	}
	// Layers of the CFG: longest forward path, in reverse postorder.
	layer := make([]int, len(f.Blocks))
	for _, b := range dt.RPO {
		for _, s := range f.Blocks[b].Succs {
			if rpoIndex[s] > rpoIndex[b] {
				layer[s] = max(layer[s], layer[b]+1)
			}
		}
	}
	maxLayer := 0
	for _, l := range layer {
		maxLayer = max(maxLayer, l)
	}
	unreached := maxLayer + 1 // unreachable blocks go in a last layer
	order := append([]lir.BlockID(nil), dt.RPO...)
	for b := range f.Blocks {
		if rpoIndex[b] < 0 {
			layer[b] = unreached
			order = append(order, lir.BlockID(b))
		}
	}
	g.W, g.H = place(order, layer, func(b lir.BlockID, x, y int) { g.Nodes[b].X, g.Nodes[b].Y = x, y })
	// The dominator tree: depth, in reverse postorder.
	depth := make([]int, len(f.Blocks))
	for _, b := range dt.RPO {
		if d := dt.Idom[b]; d >= 0 {
			depth[b] = depth[d] + 1
		}
	}
	maxDepth := 0
	for _, d := range depth {
		maxDepth = max(maxDepth, d)
	}
	for b := range f.Blocks {
		if rpoIndex[b] < 0 {
			depth[b] = maxDepth + 1
		}
	}
	g.DomW, g.DomH = place(order, depth, func(b lir.BlockID, x, y int) { g.Nodes[b].DX, g.Nodes[b].DY = x, y })
	return g
}

// place puts the blocks of order in rows by row[b], left to right, and
// returns the drawing's size.
func place(order []lir.BlockID, row []int, set func(b lir.BlockID, x, y int)) (w, h int) {
	count := map[int]int{}
	for _, b := range order {
		r := row[b]
		x := gapX/2 + count[r]*(boxW+gapX) + boxW/2
		y := gapY/2 + r*(boxH+gapY) + boxH/2
		count[r]++
		set(b, x, y)
		w = max(w, x+boxW/2+gapX/2)
		h = max(h, y+boxH/2+gapY/2)
	}
	return w, h
}
