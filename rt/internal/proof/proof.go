// Package proof is a Go program in the runtime's restricted subset that
// exercises the allocator and the collector: lists, binary trees and
// cycles allocated through rt/gc, collected with torture mode on and
// off, checked with checksums, and ended with the heap's statistics.
//
// The same code runs twice in the tests: as ordinary Go on the host
// (Run, called from proof_test.go) and compiled entirely by naturekit
// (rt/gofront, lower/amd64, our assembler and linker; no C, no libc)
// into a static executable whose main.main is nativeMain. Both must
// print the same bytes: the collector's behaviour, not only the
// program's results, is deterministic, because the only roots are the
// root area the program registers (no stacks).
package proof

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/sys"
)

// node is every object of the program: two pointers and two words.
type node struct {
	left, right *node
	val         uint64
	id          uint64
}

// nodeBits marks node's two pointer words.
var nodeBits uint8 = 0b11

var nodeType = alloc.Type{Size: 32, Align: 8, PtrBytes: 16, GCBits: &nodeBits, Kind: alloc.KindStruct}

// blobType is a pointer-free object of 48 bytes.
var blobType = alloc.Type{Size: 48, Align: 8, Kind: alloc.KindArray}

// bigType is a large object of pointers (more than 32 KiB), scanned.
var bigBits = [8]uint8{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}

var bigType = alloc.Type{Size: 64, Align: 8, PtrBytes: 64, GCBits: &bigBits[0], Kind: alloc.KindArray}

// Root area: named roots, then a shadow stack for temporaries, so that
// everything live at an allocation is reachable from registered roots.
const (
	numRoots   = 64
	stackSlots = 4096
	rootBytes  = (numRoots + stackSlots) * 8
)

// Prog is the program's state.
type Prog struct {
	heap  gc.Heap
	cache alloc.Cache
	roots unsafe.Pointer // numRoots slots, then the shadow stack
	sp    uintptr        // shadow stack depth
	out   Buffer
	ids   uint64
}

// root returns root slot i.
func (p *Prog) root(i uintptr) **node {
	return (**node)(unsafe.Add(p.roots, i*8))
}

// push keeps n alive until the matching pop.
func (p *Prog) push(n *node) {
	if p.sp == stackSlots {
		sys.Abort("proof: shadow stack overflow")
	}
	*p.root(numRoots + p.sp) = n
	p.sp++
}

func (p *Prog) pop() *node {
	p.sp--
	n := *p.root(numRoots + p.sp)
	*p.root(numRoots + p.sp) = nil
	return n
}

// newNode allocates a node; every live node must be reachable from the
// roots when it is called.
func (p *Prog) newNode(val uint64) *node {
	n := (*node)(p.heap.Alloc(&p.cache, &nodeType, 1))
	p.ids++
	n.val, n.id = val, p.ids
	return n
}

// Init sets the program up with a heap of the given configuration.
func (p *Prog) Init(torture bool, gogc int) {
	if p.heap.Init(gc.Config{Torture: torture, GOGC: gogc, MinTrigger: 256 << 10, Arenas: 4}) != 0 {
		sys.Abort("proof: heap init failed")
	}
	p.heap.Mem.InitCache(&p.cache)
	mem, errno := sys.Mmap(rootBytes)
	if errno != 0 {
		sys.Abort("proof: mmap failed")
	}
	p.roots = mem
	p.heap.AddRoots(mem, unsafe.Add(mem, rootBytes))
	p.out.Init()
}

// Destroy releases the heap and the root area (not the output).
func (p *Prog) Destroy() {
	p.heap.Destroy()
	sys.Munmap(p.roots, rootBytes)
}

// list builds a list of n nodes with values start, start+1, ...,
// returning its head; the head is kept in root slot r meanwhile.
func (p *Prog) list(r uintptr, n, start uint64) *node {
	*p.root(r) = nil
	for i := n; i > 0; i-- {
		m := p.newNode(start + i - 1)
		m.right = *p.root(r)
		*p.root(r) = m
	}
	return *p.root(r)
}

func listSum(n *node) (count, sum uint64) {
	for ; n != nil; n = n.right {
		count++
		sum = sum*31 + n.val
	}
	return count, sum
}

// tree builds a complete binary tree of the given depth.
func (p *Prog) tree(depth, val uint64) *node {
	n := p.newNode(val)
	if depth == 0 {
		return n
	}
	p.push(n)
	l := p.tree(depth-1, 2*val)
	n = p.pop()
	n.left = l
	p.push(n)
	r := p.tree(depth-1, 2*val+1)
	n = p.pop()
	n.right = r
	return n
}

func treeSum(n *node) uint64 {
	if n == nil {
		return 0
	}
	return n.val + 3*treeSum(n.left) + 7*treeSum(n.right)
}

func treeCount(n *node) uint64 {
	if n == nil {
		return 0
	}
	return 1 + treeCount(n.left) + treeCount(n.right)
}

// ring builds a cycle of n nodes and returns one of them.
func (p *Prog) ring(r uintptr, n uint64) *node {
	first := p.newNode(1000)
	*p.root(r) = first
	prev := first
	for i := uint64(1); i < n; i++ {
		p.push(prev)
		m := p.newNode(1000 + i)
		prev = p.pop()
		prev.right = m
		prev = m
	}
	prev.right = first
	return first
}

func ringSum(first *node) (count, sum uint64) {
	n := first
	for {
		count++
		sum = sum*17 + n.val
		n = n.right
		if n == first {
			return count, sum
		}
	}
}

// Run runs every phase, printing to p.out.
func (p *Prog) Run() {
	p.lists()
	p.trees()
	p.cycles()
	p.large()
	p.Stats()
}

func (p *Prog) lists() {
	o := &p.out
	var total uint64
	for round := uint64(0); round < 40; round++ {
		keep := p.list(1, 500+round, round*1000)
		p.list(2, 300, 7) // garbage after the next round
		c, s := listSum(keep)
		total = total*3 + s + c
	}
	c, s := listSum(*p.root(1))
	o.Line3("lists: last ", c, " nodes, sum ", s, ", checksum ", total)
	*p.root(1), *p.root(2) = nil, nil
}

func (p *Prog) trees() {
	o := &p.out
	long := p.tree(10, 1)
	*p.root(3) = long
	var check uint64
	for depth := uint64(4); depth <= 12; depth += 2 {
		iters := uint64(1) << (14 - depth)
		for i := uint64(0); i < iters; i++ {
			t := p.tree(depth, i)
			check = check*5 + treeSum(t) + treeCount(t)
		}
	}
	o.Line3("trees: long-lived ", treeCount(*p.root(3)), " nodes, sum ", treeSum(*p.root(3)), ", checksum ", check)
	*p.root(3) = nil
}

func (p *Prog) cycles() {
	o := &p.out
	var check uint64
	for i := uint64(0); i < 200; i++ {
		r := p.ring(4, 10+i%50)
		c, s := ringSum(r)
		check = check*7 + c + s
		if i%10 == 0 {
			// Keep every tenth ring reachable through slot 5.
			m := p.newNode(i)
			m.left = *p.root(4)
			m.right = *p.root(5)
			*p.root(5) = m
		}
	}
	*p.root(4) = nil
	p.heap.Collect()
	var kept, sum uint64
	for m := *p.root(5); m != nil; m = m.right {
		c, s := ringSum(m.left)
		kept += c
		sum += s
	}
	o.Line3("cycles: checksum ", check, ", kept ", kept, " ring nodes, sum ", sum)
	*p.root(5) = nil
}

// large allocates objects beyond the size classes, holding pointers to
// nodes, and checks the nodes survive through them alone.
func (p *Prog) large() {
	o := &p.out
	const n = 5000 // 40000 bytes: a large object
	var sum uint64
	for round := uint64(0); round < 6; round++ {
		big := (*[n]*node)(p.heap.Alloc(&p.cache, &bigType, n/8))
		*p.root(6) = (*node)(unsafe.Pointer(big))
		for i := uint64(0); i < n; i += 97 {
			m := p.newNode(i * round)
			big = (*[n]*node)(unsafe.Pointer(*p.root(6)))
			big[i] = m
		}
		for i := uint64(0); i < 3; i++ {
			p.heap.Alloc(&p.cache, &blobType, 1000) // garbage, pointer-free and large
		}
		p.heap.Collect()
		big = (*[n]*node)(unsafe.Pointer(*p.root(6)))
		for i := uint64(0); i < n; i += 97 {
			sum = sum*3 + big[i].val + big[i].id%7
		}
	}
	*p.root(6) = nil
	o.Field("large: checksum ", sum)
	o.Nl()
}

// Stats collects once more and prints the heap's statistics.
func (p *Prog) Stats() {
	p.heap.Collect()
	o := &p.out
	gs := p.heap.Stats()
	ms := p.heap.Mem.Stats()
	o.Line3("gc: cycles ", uint64(gs.Cycles), ", last marked ", uint64(gs.MarkedObjects), ", max work ", uint64(gs.MaxWork))
	o.Field("heap: allocs ", uint64(ms.Allocs))
	o.Field(", frees ", uint64(ms.Frees))
	o.Field(", live objects ", uint64(ms.LiveObjects))
	o.Field(", live bytes ", uint64(ms.Live))
	o.Field(", spans ", uint64(ms.SpansInUse))
	o.Field(", arenas ", uint64(ms.Arenas))
	o.Field(", released ", uint64(ms.Released))
	o.Nl()
}

// Main runs the program twice, with the collector in torture mode and
// with normal pacing, into out.
func Main(out *Buffer) {
	var p Prog
	p.Init(true, 0)
	p.out.Str("== torture\n")
	p.lists()
	p.cycles()
	p.Stats()
	out.Append(&p.out)
	p.out.Release()
	p.Destroy()

	var q Prog
	q.Init(false, 50)
	q.out.Str("== paced\n")
	q.Run()
	out.Append(&q.out)
	q.out.Release()
	q.Destroy()
}

// nativeMain is the executable's entry point.
//
//naturekit:symbol main.main
func nativeMain() {
	var out Buffer
	out.Init()
	Main(&out)
	out.Flush()
}

// langInit and langExit stand in for rt/lang, which the proof does not
// link.
//
//naturekit:symbol rt.lang.Init
func langInit() {}

//naturekit:symbol rt.lang.Exit
func langExit(code int64) { sys.Exit(int(code)) }
