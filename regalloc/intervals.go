package regalloc

import (
	"slices"
	"sort"

	"github.com/naturekit/naturekit/lir"
)

// An interval is the lifetime of a value, or of a physical register, as
// a sorted list of disjoint position ranges with lifetime holes between
// them, and the positions where the value must be in a register.
//
// Splitting cuts an interval in two at a position; the parts share one
// root (the interval of the whole value), which lists them in order and
// owns the spill slot of every part living in memory. A fixed interval
// belongs to a physical register: where it is live, the register holds
// something the code put there itself (an argument, a result) or a call
// destroys it, and no value may be given the register.
type interval struct {
	id     int
	value  lir.Value // the virtual register; -1 for a fixed interval
	typ    lir.Type
	class  Class
	fixed  bool
	reg    int    // register assigned to this part; -1 if it lives in the spill slot
	ranges []span // sorted, disjoint, not adjacent
	uses   []int  // positions where the value is read or written, ascending

	root     *interval   // the whole value's interval (itself for a root)
	children []*interval // root only: the parts split off, in order
	slot     lir.SlotID  // root only: spill slot, -1 until a part is spilled

	// Hints: a register that would save a move (a copy to or from a
	// physical register), or an interval whose register would (the other
	// side of a copy or a phi, or the part this one was split from).
	hintReg int
	hint    *interval

	// Values sent home for a loop (loopcalls.go): the loop's blocks, on
	// the root, and the parts that stay in memory.
	home     []bool
	forceMem bool
}

// A span is the half-open range of positions [from, to).
type span struct{ from, to int }

func (it *interval) start() int { return it.ranges[0].from }
func (it *interval) end() int   { return it.ranges[len(it.ranges)-1].to }

// find returns the index of the first range ending after pos.
func (it *interval) find(pos int) int {
	return sort.Search(len(it.ranges), func(i int) bool { return it.ranges[i].to > pos })
}

// covers reports whether the interval is live at pos.
func (it *interval) covers(pos int) bool {
	i := it.find(pos)
	return i < len(it.ranges) && it.ranges[i].from <= pos
}

// nextIntersection returns the first position at or after cur's start
// where both intervals are live, or -1 if there is none.
func (it *interval) nextIntersection(cur *interval) int {
	i, j := it.find(cur.start()), 0
	for i < len(it.ranges) && j < len(cur.ranges) {
		x, y := it.ranges[i], cur.ranges[j]
		if lo := max(x.from, y.from); lo < min(x.to, y.to) {
			return lo
		}
		if x.to <= y.to {
			i++
		} else {
			j++
		}
	}
	return -1
}

// nextUse returns the first use at or after pos, or maxPos.
func (it *interval) nextUse(pos int) int {
	i := sort.SearchInts(it.uses, pos)
	if i < len(it.uses) {
		return it.uses[i]
	}
	return maxPos
}

// addRange adds [from, to) during construction, which visits positions
// backwards: ranges are kept in descending order until reverseBuilt.
func (it *interval) addRange(from, to int) {
	if n := len(it.ranges); n > 0 && it.ranges[n-1].from <= to {
		last := &it.ranges[n-1]
		last.from = min(last.from, from)
		last.to = max(last.to, to)
		return
	}
	it.ranges = append(it.ranges, span{from, to})
}

// setFrom shortens the first range to start at a definition.
func (it *interval) setFrom(pos int) {
	if n := len(it.ranges); n > 0 {
		it.ranges[n-1].from = pos
		return
	}
	it.ranges = append(it.ranges, span{pos, pos + 1})
}

// addUse records a use during construction (positions descending).
func (it *interval) addUse(pos int) {
	if n := len(it.uses); n > 0 && it.uses[n-1] == pos {
		return
	}
	it.uses = append(it.uses, pos)
}

// reverseBuilt puts ranges and uses in ascending order after
// construction.
func (it *interval) reverseBuilt() {
	slices.Reverse(it.ranges)
	slices.Reverse(it.uses)
}

// split cuts it at pos: it keeps what lies before pos, and the returned
// part, which joins the root's children, everything from pos on. The
// caller guarantees start < pos < end.
func (a *allocator) split(it *interval, pos int) *interval {
	a.nextID++
	child := &interval{
		id: a.nextID, value: it.value, typ: it.typ, class: it.class,
		reg: -1, root: it.root, slot: -1, hintReg: -1, hint: it,
	}
	i := it.find(pos)
	if r := it.ranges[i]; r.from < pos {
		child.ranges = append([]span{{pos, r.to}}, it.ranges[i+1:]...)
		it.ranges = append(it.ranges[:i:i], span{r.from, pos})
	} else {
		child.ranges = slices.Clone(it.ranges[i:])
		it.ranges = it.ranges[:i:i]
	}
	u := sort.SearchInts(it.uses, pos)
	child.uses = slices.Clone(it.uses[u:])
	it.uses = it.uses[:u:u]
	root := it.root
	k := 0
	if it != root {
		k = slices.Index(root.children, it) + 1
	}
	root.children = slices.Insert(root.children, k, child)
	return child
}

// partAt returns the part of the value's interval that holds it at
// position pos: the last part starting at or before pos. An operand read
// at pos may belong to a part that ends at pos, since the read happens
// before any write of the same instruction.
func (root *interval) partAt(pos int) *interval {
	kids := root.children
	i := sort.Search(len(kids), func(i int) bool { return kids[i].start() > pos })
	if i == 0 {
		return root
	}
	return kids[i-1]
}
