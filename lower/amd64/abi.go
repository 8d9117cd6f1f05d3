package amd64

import (
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lower"
)

// incomingArgOffset is the distance from the frame pointer to the first
// stack argument: the saved frame pointer and the return address lie
// between.
const incomingArgOffset = 16

// argArea reports whether symbol name is an argument pseudo-symbol
// (lower.ArgSymbol): the base register and offset of its address,
// "@nk.inarg.N" at [rbp+16+N] and "@nk.outarg.N" at [rsp+N].
func argArea(name string) (base amd64.Reg, off int64, ok bool) {
	in, off, ok := lower.ArgSymbol(name)
	switch {
	case !ok:
		return amd64.NoReg, 0, false
	case in:
		return amd64.RBP, off + incomingArgOffset, true
	}
	return amd64.RSP, off, true
}
