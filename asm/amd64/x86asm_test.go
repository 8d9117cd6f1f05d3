package amd64

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"golang.org/x/arch/x86/x86asm"
)

// TestDecodeGolden decodes every golden encoding with x/arch's x86asm (in
// 64-bit mode) and checks that the decoder consumes exactly our bytes and
// finds the same instruction: the same mnemonic and the same operands,
// compared field by field (registers, memory base/index/scale/disp and
// size, immediates, branch displacements). The normalisations are
// documented in decodedForm and ourForm.
func TestDecodeGolden(t *testing.T) {
	texts, codes := goldenEncodings(t)
	for i, code := range codes {
		if undecodable[texts[i]] {
			continue
		}
		inst, err := x86asm.Decode(code, 64)
		if err != nil {
			t.Errorf("%s // %x: x86asm: %v", texts[i], code, err)
			continue
		}
		if inst.Len != len(code) {
			t.Errorf("%s // %x: x86asm decodes %d bytes, we emit %d", texts[i], code, inst.Len, len(code))
			continue
		}
		ours, err := ParseInst(splitInst(texts[i]))
		if err != nil {
			t.Fatalf("golden %q does not parse: %v", texts[i], err)
		}
		got, want := decodedForm(inst), ourForm(ours, inst)
		if got != want {
			t.Errorf("%s // %x:\n\tx86asm: %s\n\tdecoded: %s\n\tours:    %s", texts[i], code, x86asm.IntelSyntax(inst, 0, nil), got, want)
		}
	}
}

// decodedAliases maps x86asm op names to our mnemonics where they differ.
var decodedAliases = map[string]string{
	"movsd_xmm": "movsd", "movsd": "movsd", "cvtsi2sd": "cvtsi2sd", "cvtsi2ss": "cvtsi2ss",
	"movsx": "movsx", "movzx": "movzx", "xchg": "xchg", "sal": "shl",
	"cdqe": "cdqe",
}

// undecodable lists golden instructions that x86asm does not know.
var undecodable = map[string]bool{
	"endbr64":                   true, // CET, newer than x86asm's tables
	"nop qword ptr [rax+rax*1]": true, // REX.W 0f 1f: x86asm rejects it
	"xchg rax, rax":             true, // GNU as emits 90, which is nop
}

// decodedForm renders x86asm's instruction as "op arg, arg": registers by
// name, memory as [seg:base+index*scale+disp]/size, immediates and
// branch displacements as decimal numbers.
//   - string instructions (movsb, stosq, ...) drop their implicit
//     operands, since we write them without operands;
//   - x86asm's movsx/movzx/movsxd spellings are mapped to ours.
func decodedForm(in x86asm.Inst) string {
	op := strings.ToLower(in.Op.String())
	stringOp := isStringOp(op)
	if a, ok := decodedAliases[op]; ok {
		op = a
	}
	var args []string
	for _, a := range in.Args {
		if a == nil {
			break
		}
		switch a := a.(type) {
		case x86asm.Reg:
			args = append(args, decodedReg(a))
		case x86asm.Mem:
			seg := ""
			if a.Segment == x86asm.FS || a.Segment == x86asm.GS {
				seg = strings.ToLower(a.Segment.String()) + ":"
			}
			base, index := "", ""
			if a.Base != 0 {
				base = decodedReg(a.Base)
			}
			if a.Index != 0 {
				index = fmt.Sprintf("%s*%d", decodedReg(a.Index), a.Scale)
			}
			args = append(args, fmt.Sprintf("%s[%s+%s+%d]/%d", seg, base, index, int32(a.Disp), in.MemBytes))
		case x86asm.Imm:
			args = append(args, fmt.Sprint(int64(a)))
		case x86asm.Rel:
			args = append(args, fmt.Sprintf("rel%d", int32(a)))
		}
	}
	switch {
	case stringOp:
		args = nil
	case op == "int" && in.Opcode>>24 == 0xcc:
		op, args = "int3", nil
	case op == "xchg" || op == "test":
		// Commutative: x86asm and GNU as order the operands of
		// reg,reg and mem,reg forms differently.
		sort.Strings(args)
	}
	return op + " " + strings.Join(args, ", ")
}

func isStringOp(op string) bool {
	switch op {
	case "movsb", "movsw", "movsd", "movsq", "stosb", "stosw", "stosd", "stosq", "lodsb", "lodsq", "cmpsb", "scasb":
		return true
	}
	return false
}

// ourForm renders our instruction the way decodedForm renders x86asm's:
//   - the canonical mnemonic (x86asm also spells jcc/setcc/cmovcc with
//     the canonical condition names);
//   - xmm registers are x0..x15 in x86asm;
//   - a symbolic displacement, immediate or branch target is 0 (all
//     golden symbols are undefined, so the field holds 0 and a
//     relocation);
//   - immediates are sign-extended from their encoded width, as x86asm
//     reports them; the two-operand imul r, imm is imul r, r, imm;
//   - a memory operand's size is the one x86asm reports, checked
//     against ours when ours is explicit.
func ourForm(in *Inst, dec x86asm.Inst) string {
	op := in.Op.String()
	switch {
	case in.Op == MOVSD && len(in.Args()) == 0:
		return "movsd "
	case in.Op == MOVABS:
		op = "mov" // x86asm has no separate movabs
	}
	var args []string
	ops := in.Args()
	if in.Op == IMUL && len(ops) == 2 {
		if _, ok := ops[1].(Imm); ok {
			ops = []Operand{ops[0], ops[0], ops[1]}
		}
	}
	for _, a := range ops {
		switch a := a.(type) {
		case Reg:
			name := a.String()
			if a.IsXMM() {
				name = "x" + strings.TrimPrefix(name, "xmm")
			}
			args = append(args, name)
		case Mem:
			seg := ""
			if a.Seg != NoReg {
				seg = a.Seg.String() + ":"
			}
			base, index := "", ""
			if a.Base != NoReg {
				base = a.Base.String()
			}
			if a.Index != NoReg {
				index = fmt.Sprintf("%s*%d", a.Index, a.scale())
			}
			disp := int64(0)
			if a.Disp.IsConst() {
				disp = a.Disp.Add
			}
			size := dec.MemBytes
			if a.Size != 0 && a.Size != size && size != 0 { // x86asm: 0 for prefetch
				size = -a.Size // force a mismatch
			}
			args = append(args, fmt.Sprintf("%s[%s+%s+%d]/%d", seg, base, index, int32(disp), size))
		case Imm:
			v := int64(0)
			if a.Expr.IsConst() {
				v = a.Expr.Add
			}
			args = append(args, fmt.Sprint(signExtendLike(v, dec)))
		case Rel:
			args = append(args, "rel0")
		}
	}
	if in.Op == XCHG || in.Op == TEST {
		sort.Strings(args)
	}
	return op + " " + strings.Join(args, ", ")
}

// signExtendLike truncates v to the width of dec's immediate and sign-
// extends it, as x86asm reports immediates.
func signExtendLike(v int64, dec x86asm.Inst) int64 {
	for _, a := range dec.Args {
		if imm, ok := a.(x86asm.Imm); ok {
			// x86asm stores the immediate sign- or zero-extended to
			// 64 bits; compare in the same domain by truncating ours
			// to the operand size.
			switch {
			case int64(imm) == v:
				return v
			case int64(int8(v)) == int64(imm), int64(uint8(v)) == int64(imm),
				int64(int16(v)) == int64(imm), int64(uint16(v)) == int64(imm),
				int64(int32(v)) == int64(imm), int64(uint32(v)) == int64(imm):
				return int64(imm)
			}
		}
	}
	return v
}

// decodedReg names x86asm's registers as we do: x86asm calls r8d..r15d
// R8L..R15L and spl, bpl, sil, dil SPB, BPB, SIB, DIB.
func decodedReg(r x86asm.Reg) string {
	s := strings.ToLower(r.String())
	switch {
	case s == "spb", s == "bpb", s == "sib", s == "dib":
		return s[:2] + "l"
	case strings.HasPrefix(s, "r") && strings.HasSuffix(s, "l"):
		return s[:len(s)-1] + "d"
	}
	return s
}
