package regalloc

import (
	"fmt"
	"strings"
)

// Intervals returns the allocator's view of the function as text, for
// golden tests and debugging: the position range of each block, then
// the interval of each value with its parts after splitting, then the
// fixed intervals of the physical registers.
//
//	%3:i64 [4,12) [16,20) uses 4 10 18 -> $1
//	  @15 [16,20) uses 18 -> ss0
//	$0 fixed [6,9)
//
// A part is shown with the position it was split at, its ranges
// (half-open, by position), the positions it is used at and its
// location: a register $N or the value's spill slot ssN.
func (r *Result) Intervals() string {
	var sb strings.Builder
	for _, b := range r.order {
		fmt.Fprintf(&sb, "%s [%d,%d)\n", r.f.BlockName(b), r.from[b], r.to[b])
	}
	for _, root := range r.roots {
		fmt.Fprintf(&sb, "%%%d:%s", root.value, root.typ)
		writePart(&sb, root)
		for _, part := range root.children {
			fmt.Fprintf(&sb, "  @%d", part.start())
			writePart(&sb, part)
		}
	}
	for n, fx := range r.fixed {
		if fx == nil || len(fx.ranges) == 0 {
			continue
		}
		fmt.Fprintf(&sb, "$%d fixed", n)
		writeRanges(&sb, fx)
		sb.WriteByte('\n')
	}
	return sb.String()
}

func writePart(sb *strings.Builder, it *interval) {
	writeRanges(sb, it)
	if len(it.uses) > 0 {
		sb.WriteString(" uses")
		for _, u := range it.uses {
			fmt.Fprintf(sb, " %d", u)
		}
	}
	if it.reg >= 0 {
		fmt.Fprintf(sb, " -> $%d\n", it.reg)
	} else {
		fmt.Fprintf(sb, " -> ss%d\n", it.root.slot)
	}
}

func writeRanges(sb *strings.Builder, it *interval) {
	for _, r := range it.ranges {
		fmt.Fprintf(sb, " [%d,%d)", r.from, r.to)
	}
}
