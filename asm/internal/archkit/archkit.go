// Package archkit holds what the instruction-set packages asm/amd64 and
// asm/arm64 share: the block allocation of their instructions, the fast
// path of their parsers for integer literals, and the table behind
// Arch.DataReloc.
package archkit

// BlockSize is how many values a Slab allocates at once.
const BlockSize = 128

// A Slab hands out pointers to zero values of T, allocated BlockSize at a
// time: the instruction parsers of asm.Assemble (asm.InstParser) use one,
// as one allocation per instruction was a tenth of the work of
// assembling a file. The zero Slab is ready to use.
type Slab[T any] struct {
	free []T // allocated, not yet handed out
}

// Next returns a pointer to a zero T. It returns the same one until Take
// hands it out; a caller that does not keep it must leave it zero.
func (s *Slab[T]) Next() *T {
	if len(s.free) == 0 {
		s.free = make([]T, BlockSize)
	}
	return &s.free[0]
}

// Take hands out the value Next returns.
func (s *Slab[T]) Take() { s.free = s.free[1:] }

// DataRelocs is the table of Arch.DataReloc: the relocation types of
// data by size in bytes, Abs for absolute values and PCRel for
// PC-relative ones; 0 (R_*_NONE) where there is none.
type DataRelocs[R ~int] struct {
	Abs, PCRel [9]R
}

// Lookup returns the relocation type of a datum of size bytes,
// PC-relative if pcrel, as Arch.DataReloc does.
func (t *DataRelocs[R]) Lookup(size int, pcrel bool) (uint32, bool) {
	if size < 0 || size >= len(t.Abs) {
		return 0, false
	}
	r := t.Abs[size]
	if pcrel {
		r = t.PCRel[size]
	}
	return uint32(r), r != 0
}
