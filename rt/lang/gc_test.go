package lang

import (
	"fmt"
	"reflect"
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/sys"
)

// Root slots of the torture test.
const (
	rootList   = iota // vec of strings
	rootGroups        // map string -> vec of ints
	rootSeen          // set of strings
	rootAnys          // vec of any boxes holding strings
	rootTmp0          // temporaries held across allocations
	rootTmp1
	rootTmp2
)

// workload mutates a runtime's strings, vecs, maps, sets and boxes and a
// Go model of them in step. Every runtime value it holds across an
// allocation is in a root slot.
type workload struct {
	r      *testRT
	list   []string
	groups map[string][]uint64
	order  []string // groups' keys in map order
	seen   map[string]bool
	anys   []string
}

func newWorkload(r *testRT) *workload {
	w := &workload{r: r, groups: map[string][]uint64{}, seen: map[string]bool{}}
	r.root(rootGroups, unsafe.Pointer(r.MapNew(abi.KindString, true)))
	r.root(rootSeen, unsafe.Pointer(r.SetNew(abi.KindString)))
	return w
}

func (w *workload) ptr(i int) unsafe.Pointer { return ptrOf(uint64(w.r.roots[i])) }

// take returns root i and clears the slot: the value is then only an
// argument of the next call, which must pin it itself while it
// allocates (as the native stack scan would).
func (w *workload) take(i int) unsafe.Pointer {
	p := w.ptr(i)
	w.r.roots[i] = 0
	return p
}

func (w *workload) str(i int) *String { return (*String)(w.take(i)) }
func (w *workload) vec(i int) *Vec    { return (*Vec)(w.take(i)) }

func (w *workload) step(i int) {
	r := w.r
	const pv = 8 | abi.VecElemPtr
	// s = "item" + i, through a concat of two fresh strings.
	r.root(rootTmp0, unsafe.Pointer(r.str("item")))
	r.root(rootTmp1, unsafe.Pointer(r.str(fmt.Sprint(i))))
	r.root(rootTmp2, unsafe.Pointer(r.StringConcat(w.str(rootTmp0), w.str(rootTmp1))))
	name := fmt.Sprint("item", i)

	// The list gets s, or a slice of it, and is sometimes sliced.
	if i%3 == 0 {
		s := w.str(rootTmp2)
		r.root(rootTmp2, unsafe.Pointer(r.StringSlice(s, 1, StringLen(s), nil)))
		name = name[1:]
	}
	if i%4 == 0 { // a round trip through [u8]
		r.root(rootTmp0, unsafe.Pointer(r.StringToBytes(w.str(rootTmp2))))
		r.root(rootTmp2, unsafe.Pointer(r.StringFromBytes(w.vec(rootTmp0))))
	}
	s := w.ptr(rootTmp2) // still rooted: used below
	r.root(rootList, unsafe.Pointer(r.VecPush(w.vec(rootList), pv, bitsOf(s))))
	w.list = append(w.list, name)
	if i%7 == 6 {
		l := w.vec(rootList)
		r.root(rootList, unsafe.Pointer(r.VecSlice(l, pv, 2, VecLen(l), nil)))
		w.list = w.list[2:]
	}
	if i%11 == 10 { // concat with itself
		l := w.vec(rootList)
		r.root(rootList, unsafe.Pointer(r.VecConcat(l, pv, l)))
		w.list = append(w.list, w.list...)
		if len(w.list) > 64 {
			l := w.vec(rootList)
			r.root(rootList, unsafe.Pointer(r.VecSlice(l, pv, int64(len(w.list)-64), VecLen(l), nil)))
			w.list = w.list[len(w.list)-64:]
		}
	}
	if i%13 == 12 { // append a fresh two-element vec
		r.root(rootTmp0, unsafe.Pointer(r.VecPush(nil, pv, bitsOf(s))))
		r.root(rootTmp0, unsafe.Pointer(r.VecPush(w.vec(rootTmp0), pv, bitsOf(s))))
		r.root(rootList, unsafe.Pointer(r.VecAppend(w.vec(rootList), pv, w.vec(rootTmp0))))
		w.list = append(w.list, name, name)
	}

	// groups[key].push(i), with fresh key strings every time.
	key := fmt.Sprint("g", i%17)
	m := (*Map)(w.ptr(rootGroups))
	k := r.root(rootTmp0, unsafe.Pointer(r.str(key)))
	var v *Vec
	if MapContains(m, bitsOf(k)) {
		v = (*Vec)(ptrOf(r.MapGet(m, bitsOf(k), nil)))
	}
	r.root(rootTmp1, unsafe.Pointer(r.VecPush(v, 8, uint64(i))))
	r.MapSet(m, bitsOf(w.take(rootTmp0)), bitsOf(w.take(rootTmp1)))
	if _, ok := w.groups[key]; !ok {
		w.order = append(w.order, key)
	}
	w.groups[key] = append(w.groups[key], uint64(i))
	if i%5 == 4 {
		dk := fmt.Sprint("g", i*7%17)
		r.MapDel(m, bitsOf(unsafe.Pointer(r.str(dk))))
		if _, ok := w.groups[dk]; ok {
			delete(w.groups, dk)
			for j, o := range w.order {
				if o == dk {
					w.order[j] = w.order[len(w.order)-1]
					w.order = w.order[:len(w.order)-1]
					break
				}
			}
		}
	}

	// The set and the boxes get s too.
	r.SetAdd((*Map)(w.ptr(rootSeen)), bitsOf(s))
	w.seen[name] = true
	r.root(rootTmp0, unsafe.Pointer(r.AnyBox(kt(abi.KindString), bitsOf(w.take(rootTmp2)))))
	r.root(rootAnys, unsafe.Pointer(r.VecPush(w.vec(rootAnys), pv, bitsOf(w.take(rootTmp0)))))
	w.anys = append(w.anys, name)
}

// check compares the runtime's values with the model.
func (w *workload) check(t *testing.T, at int) {
	t.Helper()
	r := w.r
	var list []string
	l := (*Vec)(w.ptr(rootList))
	for _, p := range elems(l) {
		list = append(list, goString((*String)(ptrOf(p))))
	}
	if !reflect.DeepEqual(list, w.list) {
		t.Fatalf("step %d: list\n got %q\nwant %q", at, list, w.list)
	}
	m := (*Map)(w.ptr(rootGroups))
	if got := keys(m); !reflect.DeepEqual(got, w.order) && !(len(got) == 0 && len(w.order) == 0) {
		t.Fatalf("step %d: map order %v, want %v", at, got, w.order)
	}
	for i, k := range w.order {
		if got := elems((*Vec)(ptrOf(MapValueAt(m, int64(i))))); !reflect.DeepEqual(got, w.groups[k]) {
			t.Fatalf("step %d: groups[%s] = %v, want %v", at, k, got, w.groups[k])
		}
	}
	set := (*Map)(w.ptr(rootSeen))
	if MapLen(set) != int64(len(w.seen)) {
		t.Fatalf("step %d: set has %d keys, want %d", at, MapLen(set), len(w.seen))
	}
	for i := int64(0); i < MapLen(set); i++ {
		if !w.seen[goString((*String)(ptrOf(MapKeyAt(set, i))))] {
			t.Fatalf("step %d: set key %d wrong", at, i)
		}
	}
	for i, p := range elems((*Vec)(w.ptr(rootAnys))) {
		a := (*Any)(ptrOf(p))
		if a.Type != kt(abi.KindString) || goString((*String)(ptrOf(a.Value))) != w.anys[i] {
			t.Fatalf("step %d: box %d wrong", at, i)
		}
	}
	_ = r
}

// TestTorture runs the workload collecting before every allocation: any
// pointer an operation fails to pin, or a missing pointer bit, loses an
// object that check then finds overwritten or freed.
func TestTorture(t *testing.T) {
	tortureWorkload(t, newRT(t, gc.Config{Torture: true}))
}

// TestTortureConc is TestTorture with the concurrent collector's driver
// (NATURE_GC=conc, gcconc.go): every allocation runs a cycle with two
// pauses, a shared mark and a lazy sweep, whose sweeping the next
// allocations' refills share.
func TestTortureConc(t *testing.T) {
	r := newRT(t, gc.Config{Torture: true})
	r.gcc.on = true
	tortureWorkload(t, r)
}

func tortureWorkload(t *testing.T, r *testRT) {
	w := newWorkload(r)
	steps := 400
	if testing.Short() {
		steps = 100
	}
	for i := 0; i < steps; i++ {
		w.step(i)
		if i%50 == 0 {
			w.check(t, i)
		}
	}
	w.check(t, steps)
	st := r.heap.Stats()
	if st.Cycles < uintptr(steps) {
		t.Fatalf("only %d cycles", st.Cycles)
	}
	// With the roots gone, everything is garbage: nothing is pinned by
	// the runtime's own keep slots.
	for i := range r.roots {
		r.roots[i] = 0
	}
	r.heap.Collect()
	if live := r.heap.Mem.Stats().LiveObjects; live != 0 {
		t.Fatalf("%d objects survive without roots", live)
	}
}

// TestCollectFrees checks that a normal heap reclaims garbage strings.
func TestCollectFrees(t *testing.T) {
	r := newRT(t, gc.Config{MinTrigger: 1 << 16})
	keep := r.root(0, unsafe.Pointer(r.str("kept")))
	for i := 0; i < 20000; i++ {
		r.StringConcat(r.str("garbage "), r.str("string"))
	}
	if r.heap.Stats().Cycles == 0 {
		t.Fatal("no cycle ran")
	}
	if goString((*String)(keep)) != "kept" {
		t.Fatal("rooted string lost")
	}
	if live := r.heap.Mem.Stats().Live; live > 1<<17 {
		t.Fatalf("%d live bytes after collecting garbage", live)
	}
}

// TestExplicitCollect is runtime.gc(): one call reclaims every
// unreachable object at once and keeps the rooted ones intact.
func TestExplicitCollect(t *testing.T) {
	r := newRT(t, gc.Config{GOGC: -1})
	keep := r.root(0, unsafe.Pointer(r.str("kept")))
	for i := 0; i < 2000; i++ {
		r.StringConcat(r.str("garbage "), r.str("string"))
	}
	before := r.heap.Mem.Stats().Live
	r.Collect()
	if r.heap.Stats().Cycles != 1 {
		t.Fatalf("%d cycles, want the one Collect ran", r.heap.Stats().Cycles)
	}
	if goString((*String)(keep)) != "kept" {
		t.Fatal("rooted string lost")
	}
	if after := r.heap.Mem.Stats().Live; after*10 > before {
		t.Fatalf("live bytes %d before, %d after Collect", before, after)
	}
}

// TestLargeVecUnderGC grows a vec of strings far beyond the largest size
// class while ordinary cycles run, so large buffers are freed and their
// pages reused for small objects. It runs in a child process because an
// allocator failure aborts.
func TestLargeVecUnderGC(t *testing.T) {
	expectExit(t, "grow", "300000 hello-abc hello-abc\n", 0, func(r *Runtime) {
		mem, _ := sys.Mmap(4 * 8)
		r.heap.AddRoots(mem, unsafe.Add(mem, 4*8))
		roots := (*[4]unsafe.Pointer)(mem) // a, b, the vec, the new string
		roots[0] = unsafe.Pointer(mkstr(r, "hello-"))
		roots[1] = unsafe.Pointer(mkstr(r, "abc"))
		for i := 0; i < 300000; i++ {
			a, b := (*String)(roots[0]), (*String)(roots[1])
			roots[3] = unsafe.Pointer(r.StringConcat(a, b))
			r.StringConcat(b, (*String)(roots[3])) // garbage
			roots[2] = unsafe.Pointer(r.VecPush((*Vec)(roots[2]), 8|abi.VecElemPtr, bitsOf(roots[3])))
		}
		v := (*Vec)(roots[2])
		r.PrintInt(VecLen(v))
		r.PrintByte(' ')
		r.PrintString((*String)(*(*unsafe.Pointer)(r.VecIndex(v, 0, nil))))
		r.PrintByte(' ')
		r.PrintString((*String)(*(*unsafe.Pointer)(r.VecIndex(v, VecLen(v)-1, nil))))
		r.PrintByte('\n')
	})
}
