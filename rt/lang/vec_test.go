package lang

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
)

func set(r *testRT, v *Vec, i int64, x uint64) { *(*uint64)(r.VecIndex(v, i, nil)) = x }
func get(r *testRT, v *Vec, i int64) uint64    { return *(*uint64)(r.VecIndex(v, i, nil)) }

func checkVec(t *testing.T, what string, v *Vec, want []uint64, wantCap int64) {
	t.Helper()
	if got := elems(v); !reflect.DeepEqual(got, want) || VecCap(v) != wantCap {
		t.Errorf("%s = %v cap %d, want %v cap %d", what, got, VecCap(v), want, wantCap)
	}
}

// TestVecSemantics is spec/builtins.md §6 and t1_032-t1_034.
func TestVecSemantics(t *testing.T) {
	r := newRT(t, manual)

	// Literal capacity is the length; the first push doubles it.
	a := r.vecOf(10, 20, 30)
	checkVec(t, "[10,20,30]", a, []uint64{10, 20, 30}, 3)
	a = r.VecPush(a, 8, 40)
	checkVec(t, "push", a, []uint64{10, 20, 30, 40}, 6)

	// var b = a; b[0] = 100 changes a[0]: the buffer is shared.
	b := a
	set(r, b, 0, 100)
	if get(r, a, 0) != 100 {
		t.Error("element write not shared")
	}
	// var b = a; b.push(5) does not change a's length; with spare
	// capacity a's buffer holds the element beyond a's length.
	b = r.VecPush(b, 8, 5)
	if VecLen(a) != 4 || VecLen(b) != 5 || a == b {
		t.Errorf("push on a copy changed the original: %d %d", VecLen(a), VecLen(b))
	}
	if *(*uint64)(unsafe.Add(a.Data, 4*8)) != 5 {
		t.Error("push with spare capacity must write the shared buffer")
	}

	// Push from nil: 0 -> 8 -> 16.
	var c *Vec
	for i := uint64(0); i < 9; i++ {
		c = r.VecPush(c, 8, i)
		if i == 0 && VecCap(c) != 8 {
			t.Errorf("first push cap %d", VecCap(c))
		}
	}
	checkVec(t, "9 pushes", c, []uint64{0, 1, 2, 3, 4, 5, 6, 7, 8}, 16)

	// vec.new: cap = len, or 8 when len is 0; cap_of.
	d := r.VecNew(8, 7, 4, nil)
	checkVec(t, "new(7, 4)", d, []uint64{7, 7, 7, 7}, 4)
	checkVec(t, "new(0, 3)", r.VecNew(8, 0, 3, nil), []uint64{0, 0, 0}, 3)
	checkVec(t, "new(1, 0)", r.VecNew(8, 1, 0, nil), nil, 8)
	checkVec(t, "new(false, 2) of bool", r.VecNew(1, 0, 2, nil), []uint64{0, 0}, 2)
	checkVec(t, "new(-1, 3) of i16", r.VecNew(2, 0xffff, 3, nil), []uint64{0xffff, 0xffff, 0xffff}, 3)
	checkVec(t, "new(-1, 2) of i32", r.VecNew(4, 1<<64-1, 2, nil), []uint64{0xffffffff, 0xffffffff}, 2)
	e := r.VecCapOf(8, 16, nil)
	checkVec(t, "cap_of(16)", e, nil, 16)
	for i := uint64(0); i < 16; i++ {
		e = r.VecPush(e, 8, i)
	}
	if VecCap(e) != 16 || get(r, e, 15) != 15 {
		t.Errorf("16 pushes into cap_of(16): cap %d", VecCap(e))
	}
	if r.VecCapOf(8, 0, nil) != nil || r.VecMake(8, 0, 0) != nil {
		t.Error("empty vecs must be nil")
	}
	checkVec(t, "make(2, 5)", r.VecMake(8, 2, 5), []uint64{0, 0}, 5)

	// Slices share the buffer and have cap = end - start (t1_033).
	v := r.vecOf(0, 1, 2, 3, 4, 5, 6, 7)
	mid := r.VecSlice(v, 8, 2, 5, nil)
	checkVec(t, "v[2..5]", mid, []uint64{2, 3, 4}, 3)
	checkVec(t, "v[..3]", r.VecSlice(v, 8, 0, 3, nil), []uint64{0, 1, 2}, 3)
	checkVec(t, "v[6..]", r.VecSlice(v, 8, 6, VecLen(v), nil), []uint64{6, 7}, 2)
	if r.VecSlice(v, 8, 4, 4, nil) != nil || r.VecSlice(v, 8, 0, 8, nil) != v {
		t.Error("empty slice must be nil, whole slice v itself")
	}
	set(r, mid, 0, 200)
	if get(r, v, 2) != 200 {
		t.Error("slice does not share the buffer")
	}
	// A push on a slice reallocates: v is untouched.
	mid = r.VecPush(mid, 8, 99)
	checkVec(t, "push on slice", mid, []uint64{200, 3, 4, 99}, 6)
	if get(r, v, 5) != 5 {
		t.Error("push on a full slice wrote the original buffer")
	}

	// concat is new with cap = total; append grows to len+len+1.
	x, y := r.vecOf(1, 2), r.vecOf(3, 4, 5)
	z := r.VecConcat(x, 8, y)
	checkVec(t, "concat", z, []uint64{1, 2, 3, 4, 5}, 5)
	set(r, z, 0, 99)
	if get(r, x, 0) != 1 {
		t.Error("concat shares the receiver's buffer")
	}
	checkVec(t, "concat nil", r.VecConcat(nil, 8, y), []uint64{3, 4, 5}, 3)
	if r.VecConcat(nil, 8, nil) != nil {
		t.Error("concat of empties")
	}
	x2 := r.VecAppend(x, 8, y)
	checkVec(t, "append", x2, []uint64{1, 2, 3, 4, 5}, 6)
	checkVec(t, "append keeps the argument", y, []uint64{3, 4, 5}, 3)
	x3 := r.VecAppend(x2, 8, r.vecOf(6))
	checkVec(t, "append in place", x3, []uint64{1, 2, 3, 4, 5, 6}, 6)
	if x3.Data != x2.Data {
		t.Error("append with room must reuse the buffer")
	}
	if r.VecAppend(x, 8, nil) != x {
		t.Error("append of nothing must return the receiver")
	}
	// Append a vec to itself.
	w := r.VecAppend(r.VecCapOf(8, 10, nil), 8, r.vecOf(1, 2))
	w = r.VecAppend(w, 8, w)
	checkVec(t, "self append", w, []uint64{1, 2, 1, 2}, 10)

	// copy: min of the lengths, from the front, never grows (t1_034).
	dst := r.VecNew(8, 1<<64-1, 5, nil)
	if n := r.VecCopy(dst, r.vecOf(7, 8, 9)); n != 3 {
		t.Errorf("copy returned %d", n)
	}
	checkVec(t, "copy", dst, []uint64{7, 8, 9, 1<<64 - 1, 1<<64 - 1}, 5)
	small := r.VecNew(8, 0, 2, nil)
	if n := r.VecCopy(small, r.vecOf(4, 5, 6, 7)); n != 2 {
		t.Errorf("copy returned %d", n)
	}
	checkVec(t, "copy into smaller", small, []uint64{4, 5}, 2)
	if r.VecCopy(nil, dst) != 0 || r.VecCopy(dst, nil) != 0 {
		t.Error("copy with nil")
	}
	// Overlapping copy within one buffer.
	o := r.vecOf(1, 2, 3, 4, 5)
	r.VecCopy(r.VecSlice(o, 8, 1, 5, nil), o)
	checkVec(t, "overlapping copy", o, []uint64{1, 1, 2, 3, 4}, 5)

	// Growth: 100 pushes from empty.
	var h *Vec
	for i := uint64(0); i < 100; i++ {
		h = r.VecPush(h, 8, i)
	}
	if VecLen(h) != 100 || VecCap(h) != 128 || get(r, h, 99) != 99 {
		t.Errorf("100 pushes: len %d cap %d", VecLen(h), VecCap(h))
	}
}

// TestVecElemSizes pushes and reads every element size.
func TestVecElemSizes(t *testing.T) {
	r := newRT(t, manual)
	for _, size := range []int64{1, 2, 4, 8} {
		var v *Vec
		var want []uint64
		mask := uint64(1)<<(8*size) - 1
		if size == 8 {
			mask = 1<<64 - 1
		}
		for i := uint64(0); i < 20; i++ {
			x := i*0x0101010101010101 + 0xf0
			v = r.VecPush(v, size, x)
			want = append(want, x&mask)
		}
		checkVec(t, "pushes", v, want, 32)
		u := r.VecConcat(v, size, r.VecSlice(v, size, 18, 20, nil))
		if got := elems(u); !reflect.DeepEqual(got, append(want, want[18:]...)) {
			t.Errorf("size %d: concat = %v", size, got)
		}
	}
}

// TestVecNested is t1_035: a vec of vecs, rows pushed then edited.
func TestVecNested(t *testing.T) {
	r := newRT(t, manual)
	var grid *Vec
	for row := uint64(0); row < 4; row++ {
		var v *Vec
		for c := uint64(0); c < 5; c++ {
			v = r.VecPush(v, 8, row*5+c)
		}
		grid = r.VecPush(grid, 8|abi.VecElemPtr, bitsOf(unsafe.Pointer(v)))
	}
	row1 := (*Vec)(ptrOf(get(r, grid, 1)))
	set(r, row1, 1, 1<<64-1)
	total := uint64(0)
	for i := int64(0); i < VecLen(grid); i++ {
		for _, x := range elems((*Vec)(ptrOf(get(r, grid, i)))) {
			total += x
		}
	}
	if int64(total) != 183 {
		t.Errorf("total %d, want 183", int64(total))
	}
}
