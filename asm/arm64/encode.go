package arm64

import (
	"fmt"
	"math/bits"
)

// This file maps an Inst to its 32-bit instruction word: it finds the
// instruction's form in the table of forms.go, checks the operands
// against the form's classes and calls the form's encoder (enc_int.go,
// enc_fp.go, encode_mem.go and the system instructions below). Each step
// returns a plain error message (no position) for anything GNU as would
// reject.

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// encode returns the instruction word of in at section offset pc, adding
// relocations to env.
func encode(in *Inst, pc uint64, env symbolEnv) (uint32, error) {
	at := location{pc: pc, env: env}
	e := encoder{in: in, args: in.argList(), at: &at}
	w, err := e.run(in.Op)
	if err != nil {
		name := in.Op.String()
		if in.Op == BCOND && len(e.args) > 0 && e.args[0].kind != argNil {
			name = "b." + in.argString(e.args[0])
		}
		return 0, fmt.Errorf("%s: %v", name, err)
	}
	return w, nil
}

type encoder struct {
	in   *Inst
	op   Op    // the Op being encoded: in.Op, or the one an alias of it stands for
	args []arg // its operands: in's, or the ones an alias rewrites them to
	at   *location
}

// A location is where an instruction is encoded: its section offset and
// the symbols it may refer to. It is apart from the encoder because the
// compiler cannot tell what the symbol environment keeps of what it is
// given: it would move the operands of an alias to the heap.
type location struct {
	pc  uint64
	env symbolEnv
}

// run encodes e.args as op with the first of op's forms whose operand
// kinds match them.
func (e *encoder) run(op Op) (uint32, error) {
	if op >= numOps {
		return 0, errorf("unsupported instruction")
	}
	forms := opForms[op]
	if n := len(e.args); n <= maxFormArgs {
		sig := signature(e.args)
		for i := range forms {
			if f := &forms[i]; int(f.n) == n && sig&^f.accept == 0 {
				return e.apply(op, f)
			}
		}
	}
	return e.mismatch(op, forms)
}

// signature returns the kinds of args (at most maxFormArgs) as a set of
// (operand, kind) pairs, bit 16*i+k for operand i of kind k: they match
// a form if the set is a subset of the form's accept.
func signature(args []arg) (sig uint64) {
	for i := range args {
		sig |= 1 << (16*uint(i) + uint(args[i].kind))
	}
	return sig
}

// mismatch reports why no form of op matches e.args: the form that fits
// them best (see fit; the last of those, as a catch-all form comes last)
// checks them and reports the first operand that does not fit.
func (e *encoder) mismatch(op Op, forms []form) (uint32, error) {
	if len(forms) == 0 {
		return 0, errorf("unsupported instruction")
	}
	var best *form
	bestFit := -1
	for i := range forms {
		f := &forms[i]
		if fit := f.fit(e.args); int(f.n) == len(e.args) && fit >= bestFit {
			best, bestFit = f, fit
		}
	}
	if best == nil {
		return 0, errorf("expected %d operands, got %d", opForms.maxArgs(op), len(e.args))
	}
	e.op = op
	for i := range e.args {
		if err := e.check(best.class[i], i); err != nil {
			return 0, err
		}
		if i == int(best.sameLast) {
			if err := e.sameWidth(best.same); err != nil {
				return 0, err
			}
		}
	}
	return e.call(best)
}

// as encodes an alias: the operands a0, a1, a2 as op.
func (e *encoder) as(op Op, a0, a1, a2 arg) (uint32, error) {
	args := [...]arg{a0, a1, a2}
	sub := encoder{in: e.in, args: args[:], at: e.at}
	return sub.run(op)
}

// fit returns how well the kinds of args fit the form's classes: 2 for
// an operand of a kind its class names, 1 for one that only a class of
// any kind accepts.
func (f *form) fit(args []arg) int {
	fit := 0
	for i := range min(len(args), maxFormArgs) {
		switch {
		case f.class[i] == clAny:
			fit++
		case f.kinds[i]&(1<<args[i].kind) != 0:
			fit += 2
		}
	}
	return fit
}

// apply checks e.args, whose kinds match f, against the register classes
// and widths of f, in operand order, and encodes them with f's encoder.
func (e *encoder) apply(op Op, f *form) (uint32, error) {
	e.op = op
	for m := f.regMask; m != 0; m &= m - 1 {
		i := bits.TrailingZeros8(m)
		if err := checkReg(e.args[i].reg, f.regs[i], i); err != nil {
			return 0, err
		}
		if i == int(f.sameLast) {
			if err := e.sameWidth(f.same); err != nil {
				return 0, err
			}
		}
	}
	for m := f.condMask; m != 0; m &= m - 1 {
		if i := bits.TrailingZeros8(m); Cond(e.args[i].val) > NV {
			return 0, e.check(clCond, i)
		}
	}
	return e.call(f)
}

// check reports whether operand i belongs to class c.
func (e *encoder) check(c opClass, i int) error {
	a := e.args[i]
	if k := classRegs[c]; k != 0 {
		if a.kind != argReg {
			return errorf("operand %d must be a register, not %s", i+1, e.opString(a))
		}
		return checkReg(a.reg, k, i)
	}
	switch c {
	case clImm:
		if a.kind != argImm {
			return errorf("operand %d must be an immediate, not %s", i+1, e.opString(a))
		}
	case clSym:
		if a.kind != argSym {
			return errorf("operand %d must be a label, not %s", i+1, e.opString(a))
		}
	case clImmSym:
		if a.kind != argImm && a.kind != argSym {
			return errorf("operand %d must be an immediate or a symbol, not %s", i+1, e.opString(a))
		}
	case clFImm:
		if a.kind != argFImm {
			return errorf("operand %d must be a floating-point immediate, not %s", i+1, e.opString(a))
		}
	case clCond:
		if a.kind != argCond || Cond(a.val) > NV {
			return errorf("operand %d must be a condition code, not %s", i+1, e.opString(a))
		}
	}
	return nil
}

// sameWidth checks that the general registers of the operands in mask
// (bit i for operand i) are all 32-bit or all 64-bit.
func (e *encoder) sameWidth(mask uint8) error {
	first := -1
	for i := range e.args {
		if mask&(1<<i) == 0 {
			continue
		}
		if first < 0 {
			first = i
		} else if e.args[i].reg.Is64() != e.args[first].reg.Is64() {
			return errWidth
		}
	}
	return nil
}

var errWidth = errorf("operands must all be 32-bit or all 64-bit registers")

// sameWidthRegs is sameWidth for registers an encoder has at hand.
func sameWidthRegs(rs ...Reg) error {
	for _, r := range rs[1:] {
		if r.Is64() != rs[0].Is64() {
			return errWidth
		}
	}
	return nil
}

// Register checks.

type regKind uint8

const (
	rGP     regKind = 1 << iota // x/w, zero register allowed
	rSP                         // sp/wsp allowed (instead of the zero register)
	rFP                         // b/h/s/d/q
	rOnly64                     // x only
	rOnly32                     // w only
)

// opString quotes an operand for an error message.
func (e *encoder) opString(a arg) string {
	if a.kind == argNil {
		return "<nil>"
	}
	return fmt.Sprintf("%q", e.in.argString(a))
}

// checkReg reports whether register r may be operand i for the kinds k.
// It switches on the class once: this runs for every register operand.
func checkReg(r Reg, k regKind, i int) error {
	c := r.Class()
	switch c {
	case ClassB, ClassH, ClassS, ClassD, ClassQ:
		if k&rFP == 0 {
			return errorf("operand %d: %s is not a general register", i+1, r)
		}
		return nil
	case ClassSP, ClassWSP:
		if k&rSP == 0 {
			return errorf("operand %d: %s not allowed here", i+1, r)
		}
	case ClassX, ClassW:
		if r.Num() == 31 { // the zero register
			if k&rGP == 0 {
				return errorf("operand %d: %s not allowed here", i+1, r)
			}
		} else if k&(rGP|rSP) == 0 {
			return errorf("operand %d: %s is not a floating-point register", i+1, r)
		}
	default:
		return errorf("operand %d: invalid register", i+1)
	}
	is64 := c == ClassX || c == ClassSP
	if k&rOnly64 != 0 && !is64 {
		return errorf("operand %d: expected a 64-bit register, got %s", i+1, r)
	}
	if k&rOnly32 != 0 && is64 {
		return errorf("operand %d: expected a 32-bit register, got %s", i+1, r)
	}
	return nil
}

// regs3 returns the registers of the first three operands.
func (e *encoder) regs3() (Reg, Reg, Reg) { return e.args[0].reg, e.args[1].reg, e.args[2].reg }

func sf(r Reg) uint32 {
	if r.Is64() {
		return 1 << 31
	}
	return 0
}

func zr(r Reg) Reg {
	if r.Is64() {
		return XZR
	}
	return WZR
}

func width(r Reg) int {
	if r.Is64() {
		return 64
	}
	return 32
}

// uimm returns operand i, a plain (unshifted) immediate, in [lo, hi].
func (e *encoder) uimm(i int, lo, hi int64) (uint32, error) {
	a := e.args[i]
	if a.kind != argImm {
		return 0, errorf("operand %d must be an immediate, not %s", i+1, e.opString(a))
	}
	if a.lsl != 0 {
		return 0, errorf("operand %d: unexpected shift", i+1)
	}
	if a.val < lo || a.val > hi {
		return 0, errorf("immediate %d out of range %d..%d", a.val, lo, hi)
	}
	return uint32(a.val), nil
}

// movBad rejects operand 2 of mov, which no other form of mov accepts.
func movBad(e *encoder, _ *form) (uint32, error) {
	return 0, errorf("operand 2 must be a register or an immediate, not %s", e.opString(e.args[1]))
}

// System instructions.

// fixed encodes an instruction without operands.
func fixed(_ *encoder, f *form) (uint32, error) { return f.bits, nil }

// barrier encodes dmb, dsb and isb with an option.
func barrier(e *encoder, f *form) (uint32, error) {
	var crm uint32
	switch a := e.args[0]; a.kind {
	case argBarrier:
		v := Barrier(a.val)
		if !v.named() {
			return 0, errorf("invalid barrier option")
		}
		if e.op == ISB && v != SY {
			return 0, errorf("isb accepts only sy")
		}
		crm = uint32(v)
	case argImm:
		c, err := e.uimm(0, 0, 15)
		if err != nil {
			return 0, err
		}
		crm = c
	default:
		return 0, errorf("operand 1 must be a barrier option")
	}
	return f.bits | crm<<8, nil
}

// exception encodes svc, brk and hlt.
func exception(e *encoder, f *form) (uint32, error) {
	v, err := e.uimm(0, 0, 0xffff)
	if err != nil {
		return 0, err
	}
	return f.bits | v<<5, nil
}

func mrs(e *encoder, f *form) (uint32, error) { return sysReg(e, f, 1, e.args[0].reg) }

func msr(e *encoder, f *form) (uint32, error) { return sysReg(e, f, 0, e.args[1].reg) }

// sysReg encodes mrs and msr, whose operand i is the system register.
func sysReg(e *encoder, f *form, i int, rt Reg) (uint32, error) {
	a := e.args[i]
	if a.kind != argSysReg {
		return 0, errorf("operand %d must be a system register", i+1)
	}
	return f.bits | uint32(SysReg(a.val)&0x7fff)<<5 | rt.Num(), nil
}
