package amd64

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
)

// An argLoc is where the System V AMD64 convention puts one argument: a
// register, or an 8-byte stack word at Stack bytes above the stack
// pointer at the call (the callee sees it 16 bytes further, above its
// return address and saved frame pointer).
type argLoc struct {
	Reg   int // register number, or -1 for a stack argument
	Stack int64
}

// classify assigns argument locations in order: integers and pointers
// to rdi, rsi, rdx, rcx, r8, r9, floats to xmm0–xmm7, the rest to
// consecutive stack words. Every argument type of LIR fits in one
// register or one word, so no argument is split.
func classify(types []lir.Type) []argLoc {
	locs := make([]argLoc, len(types))
	var ints, floats int
	var stack int64
	for i, t := range types {
		switch {
		case t.IsFloat() && floats < len(floatArgRegs):
			locs[i] = argLoc{Reg: floatArgRegs[floats]}
			floats++
		case !t.IsFloat() && ints < len(intArgRegs):
			locs[i] = argLoc{Reg: intArgRegs[ints]}
			ints++
		default:
			locs[i] = argLoc{Reg: -1, Stack: stack}
			stack += 8
		}
	}
	return locs
}

// resultReg returns the register a value of type t is returned in.
func resultReg(t lir.Type) int {
	if t.IsFloat() {
		return XMM0
	}
	return RAX
}

// incomingArgOffset is the distance from the frame pointer to the first
// stack argument: the saved frame pointer and the return address lie
// between.
const incomingArgOffset = 16

// Stack arguments are addressed in lowered LIR through pseudo-symbols,
// which emission turns into frame addresses: "@nk.inarg.N" is the
// incoming stack argument N bytes above the first ([rbp+16+N]) and
// "@nk.outarg.N" the outgoing one at [rsp+N]. Symbols keep the register
// allocator out of it: to the allocator they are constants, while
// physical operands for rsp and rbp would be registers it must track.
const (
	inArgPrefix  = "nk.inarg."
	outArgPrefix = "nk.outarg."
)

func argSym(prefix string, off int64) string { return fmt.Sprintf("%s%d", prefix, off) }

// argArea reports whether symbol name is an argument pseudo-symbol: the
// base register and offset of its address.
func argArea(name string) (base amd64.Reg, off int64, ok bool) {
	var prefix string
	switch {
	case strings.HasPrefix(name, inArgPrefix):
		prefix, base = inArgPrefix, amd64.RBP
	case strings.HasPrefix(name, outArgPrefix):
		prefix, base = outArgPrefix, amd64.RSP
	default:
		return amd64.NoReg, 0, false
	}
	off, err := strconv.ParseInt(name[len(prefix):], 10, 64)
	if err != nil {
		return amd64.NoReg, 0, false
	}
	if base == amd64.RBP {
		off += incomingArgOffset
	}
	return base, off, true
}
