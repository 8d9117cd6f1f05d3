package lang

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
)

// sk returns a fresh runtime string's bits, for string keys.
func (tr *testRT) sk(s string) uint64 { return bitsOf(unsafe.Pointer(tr.str(s))) }

// keys returns m's keys in iteration order, as strings for string maps.
func keys(m *Map) []string {
	var out []string
	for i := int64(0); i < MapLen(m); i++ {
		k := MapKeyAt(m, i)
		if m.KeyKind == abi.KindString {
			out = append(out, goString((*String)(ptrOf(k))))
		} else {
			out = append(out, fmt.Sprint(int64(k)))
		}
	}
	return out
}

// TestMapBasic is t1_036 and t1_037.
func TestMapBasic(t *testing.T) {
	r := newRT(t, manual)
	ages := r.MapNew(abi.KindString, false)
	r.MapSet(ages, r.sk("ann"), 31)
	r.MapSet(ages, r.sk("bob"), 25)
	r.MapSet(ages, r.sk("cy"), 40)
	r.MapSet(ages, r.sk("bob"), 26)
	if MapLen(ages) != 3 || r.MapGet(ages, r.sk("ann"), nil) != 31 || r.MapGet(ages, r.sk("bob"), nil) != 26 {
		t.Fatal("string map contents")
	}
	if !MapContains(ages, r.sk("bob")) || MapContains(ages, r.sk("dan")) || MapContains(ages, 0) {
		t.Error("contains")
	}
	r.MapDel(ages, r.sk("ann"))
	r.MapDel(ages, r.sk("nobody"))
	if MapLen(ages) != 2 || MapContains(ages, r.sk("ann")) {
		t.Error("del")
	}
	// Deleting moved the last entry into the hole.
	if got := keys(ages); !reflect.DeepEqual(got, []string{"cy", "bob"}) {
		t.Errorf("order after del = %v", got)
	}

	m := r.MapNew(abi.KindString, false)
	for i, k := range []string{"zulu", "alpha", "mike"} {
		r.MapSet(m, r.sk(k), []uint64{26, 1, 13}[i])
	}
	r.MapSet(m, r.sk("echo"), 5)
	r.MapSet(m, r.sk("alpha"), 100)
	if got := keys(m); !reflect.DeepEqual(got, []string{"zulu", "alpha", "mike", "echo"}) {
		t.Errorf("iteration order %v", got)
	}
	if MapValueAt(m, 1) != 100 {
		t.Error("overwrite must keep the position")
	}

	sq := r.MapNew(abi.KindInt, false)
	for i := uint64(1); i <= 20; i++ {
		r.MapSet(sq, i, i*i)
	}
	if MapLen(sq) != 20 || r.MapGet(sq, 7, nil) != 49 || r.MapGet(sq, 20, nil) != 400 {
		t.Error("int map")
	}
	// Float keys and values by bits; negative ints.
	fm := r.MapNew(abi.KindFloat, false)
	r.MapSet(fm, math.Float64bits(2.5), math.Float64bits(5))
	if math.Float64frombits(r.MapGet(fm, math.Float64bits(2.5), nil)) != 5 || MapContains(fm, math.Float64bits(2.25)) {
		t.Error("float map")
	}
	if MapLen(nil) != 0 || MapContains(nil, 1) {
		t.Error("nil map")
	}
}

// TestMapModel runs random operations on int and string maps against a
// model with the reference's order rule: append on insert, move the
// last entry into the hole on delete.
func TestMapModel(t *testing.T) {
	for _, kind := range []int64{abi.KindInt, abi.KindString} {
		r := newRT(t, manual)
		m := r.MapNew(kind, false)
		type kv struct {
			k string
			v uint64
		}
		var model []kv
		rng := rand.New(rand.NewPCG(uint64(kind), 7))
		key := func(s string) uint64 {
			if kind == abi.KindString {
				return r.sk(s)
			}
			var n uint64
			fmt.Sscan(s, &n)
			return n
		}
		find := func(s string) int {
			for i, e := range model {
				if e.k == s {
					return i
				}
			}
			return -1
		}
		for op := 0; op < 20000; op++ {
			s := fmt.Sprint(rng.IntN(300))
			switch rng.IntN(4) {
			case 0, 1:
				v := rng.Uint64()
				r.MapSet(m, key(s), v)
				if i := find(s); i >= 0 {
					model[i].v = v
				} else {
					model = append(model, kv{s, v})
				}
			case 2:
				r.MapDel(m, key(s))
				if i := find(s); i >= 0 {
					model[i] = model[len(model)-1]
					model = model[:len(model)-1]
				}
			case 3:
				i := find(s)
				if got := MapContains(m, key(s)); got != (i >= 0) {
					t.Fatalf("op %d: contains(%s) = %v", op, s, got)
				}
				if i >= 0 && r.MapGet(m, key(s), nil) != model[i].v {
					t.Fatalf("op %d: get(%s) wrong", op, s)
				}
			}
			if MapLen(m) != int64(len(model)) {
				t.Fatalf("op %d: len %d, want %d", op, MapLen(m), len(model))
			}
		}
		var want []string
		for i, e := range model {
			want = append(want, e.k)
			if MapValueAt(m, int64(i)) != e.v {
				t.Fatalf("value at %d", i)
			}
		}
		if got := keys(m); !reflect.DeepEqual(got, want) {
			t.Fatalf("kind %d: order\n got %v\nwant %v", kind, got, want)
		}
		// Delete everything, then reuse.
		for _, e := range model {
			r.MapDel(m, key(e.k))
		}
		if MapLen(m) != 0 {
			t.Fatal("not empty")
		}
		r.MapSet(m, key("1"), 1)
		if r.MapGet(m, key("1"), nil) != 1 {
			t.Fatal("reuse after emptying")
		}
	}
}

// TestMapCollisions forces long probe runs: keys whose hashes share the
// index slot, deleted in every order.
func TestMapCollisions(t *testing.T) {
	r := newRT(t, manual)
	m := r.MapNew(abi.KindInt, false)
	var ks []uint64
	for k := uint64(0); len(ks) < 12; k++ {
		if mix64(k)&15 == 3 {
			ks = append(ks, k)
		}
	}
	for _, k := range ks[:7] { // 7 of 8 entries: no growth, one run of 7 slots
		r.MapSet(m, k, k+1)
	}
	gone := map[int]bool{}
	for _, d := range []int{3, 0, 6, 1} {
		r.MapDel(m, ks[d])
		gone[d] = true
		for i, k := range ks[:7] {
			if MapContains(m, k) == gone[i] {
				t.Fatalf("after deleting %d: contains(ks[%d]) wrong", d, i)
			}
		}
	}
	for _, k := range ks {
		r.MapSet(m, k, k+1)
	}
	for _, k := range ks {
		if r.MapGet(m, k, nil) != k+1 {
			t.Fatal("get after refill")
		}
	}
}

func TestSet(t *testing.T) {
	r := newRT(t, manual)
	s := r.SetNew(abi.KindInt)
	for _, k := range []uint64{1, 2, 3, 2, 10} {
		r.SetAdd(s, k)
	}
	if !SetContains(s, 1) || !SetContains(s, 10) || SetContains(s, 4) {
		t.Error("contains")
	}
	r.SetDel(s, 1)
	r.SetDel(s, 99)
	if SetContains(s, 1) || !SetContains(s, 2) {
		t.Error("del")
	}
	names := r.SetNew(abi.KindString)
	r.SetAdd(names, r.sk("x"))
	r.SetAdd(names, r.sk("y"))
	r.SetAdd(names, r.sk("x"))
	if !SetContains(names, r.sk("x")) || SetContains(names, r.sk("z")) || MapLen(names) != 2 {
		t.Error("string set")
	}
	if SetContains(nil, 1) {
		t.Error("nil set")
	}
}
