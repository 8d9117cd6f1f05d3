package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/sys"
)

// Maps keep their entries in insertion order in a dense array and find
// them through an open-addressing index with linear probing (see Map).
// Keys and values are 64-bit words: strings are compared by content,
// every other kind by bits. The index has twice as many slots as the
// entry array has room for, so probes stay short; both double together.
// Deleting an entry moves the last entry into its place, as the
// reference does (spec/builtins.md §8), so iteration order after deletes
// matches it. Index slots are removed by backward shifting: no
// tombstones.
//
// A set is a Map whose values stay zero.

const mapMinCap = 8 // entries of the first array; the index gets 16 slots

// MapNew returns an empty map whose keys are of the given kind; valPtr
// says whether values are pointers the collector must trace.
func (r *Runtime) MapNew(keyKind int64, valPtr bool) *Map {
	m := (*Map)(r.alloc(&r.types.mapObj, 1))
	m.KeyKind = keyKind
	if valPtr {
		m.ValPtr = 1
	}
	return m
}

// MapLen returns the number of entries; nil is empty.
func MapLen(m *Map) int64 {
	if m == nil {
		return 0
	}
	return m.Len
}

// MapSet inserts or overwrites m[k] = v.
func (r *Runtime) MapSet(m *Map, k, v uint64) {
	if m == nil {
		sys.Abort("lang: assignment to a nil map")
	}
	h := m.hash(k)
	if e := m.lookup(k, h); e >= 0 {
		r.storeWord(&m.entry(e).val, v, m.ValPtr != 0)
		return
	}
	if m.Len == m.Cap {
		r.keep3(unsafe.Pointer(m), m.ptrKey(k), m.ptrVal(v))
		r.grow(m)
		r.unkeep()
	}
	e := m.Len
	m.Len++
	en := m.entry(e)
	r.storeWord(&en.key, k, keyIsPtr(m.KeyKind))
	r.storeWord(&en.val, v, m.ValPtr != 0)
	m.insertSlot(h, e)
}

// MapGet returns m[k], panicking when k is absent.
func (r *Runtime) MapGet(m *Map, k uint64, pos *String) uint64 {
	e := m.find(k)
	if e < 0 {
		kind := int64(abi.KindInt)
		if m != nil {
			kind = m.KeyKind
		}
		r.panicKey(kind, k, pos)
		return 0
	}
	return m.entry(e).val
}

// MapContains reports whether k is in m.
func MapContains(m *Map, k uint64) bool { return m.find(k) >= 0 }

// MapGetOr returns the value of k in m, or def when k is missing: what
// m[k] op= v reads (a new key starts from the zero value).
func MapGetOr(m *Map, k, def uint64) uint64 {
	e := m.find(k)
	if e < 0 {
		return def
	}
	return m.entry(e).val
}

// MapDel removes k from m; an absent key is a no-op. The last entry
// moves into the deleted one's position.
func (r *Runtime) MapDel(m *Map, k uint64) {
	if m == nil || m.Len == 0 {
		return
	}
	h := m.hash(k)
	i := m.lookupSlot(k, h)
	if i < 0 {
		return
	}
	e := int64(uint32(m.slot(i))) - 1
	m.removeSlot(i)
	last := m.Len - 1
	if e != last {
		lk := m.entry(last).key
		m.setSlotPos(m.findSlotOf(m.hash(lk), last), e)
		r.storeWord(&m.entry(e).key, lk, keyIsPtr(m.KeyKind))
		r.storeWord(&m.entry(e).val, m.entry(last).val, m.ValPtr != 0)
	}
	r.storeWord(&m.entry(last).key, 0, keyIsPtr(m.KeyKind))
	r.storeWord(&m.entry(last).val, 0, m.ValPtr != 0)
	m.Len--
}

// MapKeyAt returns the key at position i (0 <= i < MapLen) in insertion
// order, as moved by deletes.
func MapKeyAt(m *Map, i int64) uint64 { return m.at(i).key }

// MapValueAt returns the value at position i.
func MapValueAt(m *Map, i int64) uint64 { return m.at(i).val }

func (m *Map) at(i int64) *entry {
	if uint64(i) >= uint64(MapLen(m)) {
		sys.Abort("lang: map position out of range")
	}
	return m.entry(i)
}

// SetNew returns an empty set of keys of the given kind.
func (r *Runtime) SetNew(keyKind int64) *Map { return r.MapNew(keyKind, false) }

// SetAdd adds k to s.
func (r *Runtime) SetAdd(s *Map, k uint64) { r.MapSet(s, k, 0) }

// SetContains reports whether k is in s.
func SetContains(s *Map, k uint64) bool { return s.find(k) >= 0 }

// SetDel removes k from s.
func (r *Runtime) SetDel(s *Map, k uint64) { r.MapDel(s, k) }

// keyIsPtr reports whether keys of the kind are pointers to trace.
func keyIsPtr(kind int64) bool { return kind == abi.KindString || kind == abi.KindPtr }

// ptrKey and ptrVal return k and v as pointers to pin while allocating,
// or nil when they are not pointers.
func (m *Map) ptrKey(k uint64) unsafe.Pointer {
	if keyIsPtr(m.KeyKind) {
		return ptrOf(k)
	}
	return nil
}

func (m *Map) ptrVal(v uint64) unsafe.Pointer {
	if m.ValPtr != 0 {
		return ptrOf(v)
	}
	return nil
}

// storeWord stores v into a word of a heap object, through the write
// barrier when the word holds pointers.
func (r *Runtime) storeWord(p *uint64, v uint64, isPtr bool) {
	if isPtr {
		r.heap.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(p)), ptrOf(v))
		return
	}
	*p = v
}

// entryType returns the descriptor of m's entries.
func (r *Runtime) entryType(m *Map) *alloc.Type {
	i := 0
	if keyIsPtr(m.KeyKind) {
		i = 1
	}
	if m.ValPtr != 0 {
		i |= 2
	}
	return &r.types.entry[i]
}

// grow doubles the entry array and the index, and re-indexes. m and
// everything it points to must be pinned by the caller.
func (r *Runtime) grow(m *Map) {
	c := m.Cap * 2
	if c == 0 {
		c = mapMinCap
	}
	if c > maxObject/32 {
		r.outOfMemory()
	}
	ents := r.alloc(r.entryType(m), uintptr(c))
	if keyIsPtr(m.KeyKind) || m.ValPtr != 0 {
		r.copyPtrs(ents, m.Entries, 2*m.Len)
	} else if m.Len > 0 {
		sys.Memmove(ents, m.Entries, uintptr(16*m.Len))
	}
	r.heap.WriteBarrier(&m.Entries, ents)
	m.Cap = c
	idx := r.alloc(&r.types.bytes, uintptr(2*c*8))
	r.heap.WriteBarrier(&m.Index, idx)
	m.Mask = 2*c - 1
	for e := int64(0); e < m.Len; e++ {
		m.insertSlot(m.hash(m.entry(e).key), e)
	}
}

func (m *Map) entry(e int64) *entry {
	return (*entry)(unsafe.Add(m.Entries, e*16))
}

func (m *Map) slot(i int64) uint64 {
	return *(*uint64)(unsafe.Add(m.Index, i*8))
}

func (m *Map) setSlot(i int64, s uint64) {
	*(*uint64)(unsafe.Add(m.Index, i*8)) = s
}

// setSlotPos points index slot i at entry e, keeping its hash.
func (m *Map) setSlotPos(i, e int64) {
	m.setSlot(i, m.slot(i)&^(1<<32-1)|uint64(e+1))
}

// hash returns the hash of key k; the index uses its low 32 bits.
func (m *Map) hash(k uint64) uint32 {
	if m.KeyKind == abi.KindString {
		return uint32(stringHash((*String)(ptrOf(k))))
	}
	return uint32(mix64(k))
}

func (m *Map) keyEqual(a, b uint64) bool {
	if a == b {
		return true
	}
	return m.KeyKind == abi.KindString && stringEqual((*String)(ptrOf(a)), (*String)(ptrOf(b)))
}

// find returns the position of k's entry, or -1; m may be nil.
func (m *Map) find(k uint64) int64 {
	if m == nil || m.Len == 0 {
		return -1
	}
	return m.lookup(k, m.hash(k))
}

// lookup returns the position of k's entry, or -1.
func (m *Map) lookup(k uint64, h uint32) int64 {
	i := m.lookupSlot(k, h)
	if i < 0 {
		return -1
	}
	return int64(uint32(m.slot(i))) - 1
}

// lookupSlot returns the index slot of k, or -1.
func (m *Map) lookupSlot(k uint64, h uint32) int64 {
	if m.Index == nil {
		return -1
	}
	for i := int64(h) & m.Mask; ; i = (i + 1) & m.Mask {
		s := m.slot(i)
		if s == 0 {
			return -1
		}
		if uint32(s>>32) == h && m.keyEqual(m.entry(int64(uint32(s))-1).key, k) {
			return i
		}
	}
}

// findSlotOf returns the index slot that points at entry e, whose key
// hashes to h.
func (m *Map) findSlotOf(h uint32, e int64) int64 {
	for i := int64(h) & m.Mask; ; i = (i + 1) & m.Mask {
		s := m.slot(i)
		if s == 0 {
			sys.Abort("lang: map index is corrupt")
		}
		if int64(uint32(s)) == e+1 {
			return i
		}
	}
}

// insertSlot adds an index slot for entry e with hash h.
func (m *Map) insertSlot(h uint32, e int64) {
	i := int64(h) & m.Mask
	for m.slot(i) != 0 {
		i = (i + 1) & m.Mask
	}
	m.setSlot(i, uint64(h)<<32|uint64(e+1))
}

// removeSlot empties index slot i, shifting later slots of the same
// probe run back so that every key stays reachable from its home slot.
func (m *Map) removeSlot(i int64) {
	for j := (i + 1) & m.Mask; ; j = (j + 1) & m.Mask {
		s := m.slot(j)
		if s == 0 {
			break
		}
		home := int64(uint32(s>>32)) & m.Mask
		// s may fill the hole at i unless its home lies cyclically in
		// (i, j].
		var stays bool
		if i < j {
			stays = i < home && home <= j
		} else {
			stays = i < home || home <= j
		}
		if !stays {
			m.setSlot(i, s)
			i = j
		}
	}
	m.setSlot(i, 0)
}

// mix64 is SplitMix64's finaliser: every input bit affects every output
// bit, so the low bits the index uses are well spread.
func mix64(z uint64) uint64 {
	z ^= z >> 30
	z *= 0xbf58476d1ce4e5b9
	z ^= z >> 27
	z *= 0x94d049bb133111eb
	z ^= z >> 31
	return z
}

// stringHash hashes s's bytes, eight at a time.
func stringHash(s *String) uint64 {
	n := StringLen(s)
	h := uint64(n) * 0x9e3779b97f4a7c15
	i := int64(0)
	for ; i+8 <= n; i += 8 {
		h = (h ^ *(*uint64)(unsafe.Add(s.Data, i))) * 0xff51afd7ed558ccd
		h ^= h >> 32
	}
	for ; i < n; i++ {
		h = (h ^ uint64(byteAt(s.Data, i))) * 0x100000001b3
	}
	return mix64(h)
}
