package ssa

import (
	"fmt"
	"sort"
	"strings"

	"github.com/naturekit/naturekit/lir"
)

// Frontiers computes the dominance frontier of every block: DF(b) holds
// the blocks c such that b dominates a predecessor of c but does not
// strictly dominate c. They are where a definition in b stops being the
// only one that reaches, so where SSA construction places phis. The
// algorithm is the one of Cooper, Harvey and Kennedy: from each join
// point, walk up from each predecessor to the join point's immediate
// dominator. Each frontier is sorted.
func Frontiers(f *lir.Func, t *lir.DomTree) [][]lir.BlockID {
	df := make([][]lir.BlockID, len(f.Blocks))
	for b := range f.Blocks {
		preds := f.Blocks[b].Preds
		if len(preds) < 2 || !t.Reachable(lir.BlockID(b)) {
			continue
		}
		for _, p := range preds {
			for r := p; r != t.Idom[b] && r >= 0 && t.Reachable(r); r = t.Idom[r] {
				if n := len(df[r]); n > 0 && df[r][n-1] == lir.BlockID(b) {
					break // already walked from here for b
				}
				df[r] = append(df[r], lir.BlockID(b))
			}
		}
	}
	for _, s := range df {
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	}
	return df
}

// FormatFrontiers prints frontiers one block per line.
func FormatFrontiers(f *lir.Func, df [][]lir.BlockID) string {
	var sb strings.Builder
	for b := range f.Blocks {
		fmt.Fprintf(&sb, "%s: [%s]\n", f.BlockName(lir.BlockID(b)), f.BlockNames(df[b]))
	}
	return sb.String()
}
