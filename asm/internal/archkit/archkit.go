// Package archkit holds what the instruction-set packages asm/amd64 and
// asm/arm64 share: their block-allocating instruction parser, its fast
// path for integer literals, and the table behind Arch.DataReloc.
package archkit

import "github.com/naturekit/naturekit/asm"

// blockSize is how many instructions an InstParser allocates at once.
const blockSize = 128

// An InstParser is the asm.InstParser of an architecture whose
// instructions are values of type T: it allocates them blockSize at a
// time, as one allocation per instruction was a tenth of the work of
// assembling a file.
type InstParser[T any, P interface {
	*T
	asm.Inst
}] struct {
	// Parse parses an instruction into in, a zero T.
	Parse func(in P, mnemonic, operands string) error
	// Fail, if not nil, gives what ParseInst returns when Parse fails.
	Fail func(err error, mnemonic, operands string) (asm.Inst, error)

	free []T // allocated, not yet handed out
}

// ParseInst parses an instruction with Parse.
func (p *InstParser[T, P]) ParseInst(mnemonic, operands string) (asm.Inst, error) {
	if len(p.free) == 0 {
		p.free = make([]T, blockSize)
	}
	in := &p.free[0]
	if err := p.Parse(in, mnemonic, operands); err != nil {
		var zero T
		*in = zero // for the next instruction
		if p.Fail != nil {
			return p.Fail(err, mnemonic, operands)
		}
		return nil, err
	}
	p.free = p.free[1:]
	return P(in), nil
}

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
