// Package gcstress is the workload of the collector's stress tests:
// mutators that build, splice and cut linked lists of checksummed cells
// in a collected heap, storing every heap pointer through the write
// barrier, and the checks that find a cell the collector freed, or left
// unmarked, while it was reachable. rt/gc's TestConcurrentMark runs the
// mutators in goroutines, rt/sched's TestConcurrentCollectWhileMutating
// in coroutines under the scheduler.
//
// It is for host tests only, and imports neither rt/gc nor rt/sched (the
// collector's own tests use it): the heap is the Heap interface, which
// rt/gc's Heap satisfies.
package gcstress

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/sys"
)

// A Cell is a list node in the collected heap: Next is a pointer, the
// other words its identity and a checksum of it.
type Cell struct {
	Next *Cell
	ID   uint64
	Sum  uint64
}

// Sum is the checksum a cell with the given id carries.
func Sum(id uint64) uint64 { return id*0x9e3779b97f4a7c15 ^ 0x5eed }

// Intact reports whether c's checksum matches its id: a cell freed and
// reused, or zeroed, fails it.
func (c *Cell) Intact() bool { return c.Sum == Sum(c.ID) }

// cellBits marks Cell's one pointer word, Next.
var cellBits = [1]uint8{0b001}

// cellType describes Cell to the allocator. It is a package variable,
// not a value each caller makes, because the heap's spans (memory Go's
// collector does not scan) are what refer to it.
var cellType = alloc.Type{Size: 24, Align: 8, PtrBytes: 8, GCBits: &cellBits[0], Kind: alloc.KindStruct}

// Heap is what the workload needs of a collected heap (rt/gc's Heap).
type Heap interface {
	Alloc(c *alloc.Cache, t *alloc.Type, n uintptr) unsafe.Pointer
	WriteBarrier(slot *unsafe.Pointer, ptr unsafe.Pointer)
	AddRoots(start, end unsafe.Pointer) int
}

// NewCell allocates a cell with the given id and its checksum from c;
// nothing points to it yet.
func NewCell(h Heap, c *alloc.Cache, id uint64) *Cell {
	cell := (*Cell)(h.Alloc(c, &cellType, 1))
	cell.ID, cell.Sum = id, Sum(id)
	return cell
}

// Roots maps n root slots in memory the runtime owns (the collector
// scans registered ranges, not Go's stacks), registers them with h, and
// unmaps them when the test ends (after a heap destroyed by a defer of
// the test function).
func Roots(tb testing.TB, h Heap, n int) []*Cell {
	tb.Helper()
	size := uintptr(n) * 8
	mem, errno := sys.Mmap(size)
	if errno != 0 {
		tb.Fatalf("roots: errno %d", errno)
	}
	tb.Cleanup(func() { sys.Munmap(mem, size) })
	h.AddRoots(mem, unsafe.Add(mem, size))
	return unsafe.Slice((**Cell)(mem), n)
}

// A Mutator changes the lists that hang from its root slots at random.
type Mutator struct {
	h     Heap
	cache *alloc.Cache
	lists []*Cell
	r     *rand.Rand
	id    uint64
}

// NewMutator returns mutator k of a test, which allocates from cache
// and changes the lists in the root slots lists; seed picks its random
// steps. Its cells' ids start at k<<40.
func NewMutator(h Heap, cache *alloc.Cache, lists []*Cell, k int, seed uint64) *Mutator {
	return &Mutator{h: h, cache: cache, lists: lists, r: rand.New(rand.NewPCG(uint64(k), seed)), id: uint64(k) << 40}
}

// store writes v into *slot through the write barrier, as compiled code
// stores every heap pointer.
func (m *Mutator) store(slot **Cell, v *Cell) {
	m.h.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(slot)), unsafe.Pointer(v))
}

// Push puts a new cell at the front of list i.
func (m *Mutator) Push(i int) {
	m.id++
	c := NewCell(m.h, m.cache, m.id)
	m.store(&c.Next, m.lists[i])
	m.lists[i] = c
}

// Step makes one random change to the lists: it pushes a new cell,
// swaps the tails of two lists (a pointer moved from one heap cell to
// another, the case the barrier exists for), moves a list's head cell
// to another list, cuts a list after up to 40 cells (making garbage) or
// drops a list.
func (m *Mutator) Step() {
	i, j := m.r.IntN(len(m.lists)), m.r.IntN(len(m.lists))
	switch op := m.r.IntN(12); {
	case op < 5:
		m.Push(i)
	case op < 7: // swap the tails of lists i and j, heap to heap
		if a, b := m.lists[i], m.lists[j]; a != nil && b != nil && a != b {
			x := b.Next
			m.store(&b.Next, a.Next)
			m.store(&a.Next, x)
		}
	case op < 8: // move list j's head cell to the front of list i
		if c := m.lists[j]; c != nil && i != j {
			m.lists[j] = c.Next
			m.store(&c.Next, m.lists[i])
			m.lists[i] = c
		}
	case op < 11: // cut list i after up to 40 cells
		c := m.lists[i]
		for n := m.r.IntN(40); n > 0 && c != nil; n-- {
			c = c.Next
		}
		if c != nil {
			m.store(&c.Next, nil)
		}
	default:
		m.lists[i] = nil
	}
}

// Broken returns a cell reachable from the mutator's lists that is not
// intact, or nil.
func (m *Mutator) Broken() *Cell {
	return find(m.lists, func(c *Cell) bool { return !c.Intact() })
}

// Freed returns a cell reachable from roots that is not an allocated
// object of mem, or nil.
func Freed(mem *alloc.Heap, roots []*Cell) *Cell {
	return find(roots, func(c *Cell) bool {
		s, _, base := mem.FindObject(uintptr(unsafe.Pointer(c)))
		return s == nil || base != uintptr(unsafe.Pointer(c))
	})
}

// Unmarked returns a cell reachable from roots that is not a marked
// object of mem (at the end of a mark, before the sweep), or nil.
func Unmarked(mem *alloc.Heap, roots []*Cell) *Cell {
	return find(roots, func(c *Cell) bool {
		s, idx, base := mem.FindObject(uintptr(unsafe.Pointer(c)))
		return s == nil || base != uintptr(unsafe.Pointer(c)) || !s.Marked(idx)
	})
}

// find returns the first cell reachable from heads for which bad holds,
// or nil.
func find(heads []*Cell, bad func(*Cell) bool) *Cell {
	for _, head := range heads {
		for c := head; c != nil; c = c.Next {
			if bad(c) {
				return c
			}
		}
	}
	return nil
}
