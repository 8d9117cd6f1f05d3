package arm64

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/naturekit/naturekit/asm"
)

// TestFPImm8 checks the fmov immediate encoder against the decoder for
// all 256 encodings and rejects values between them.
func TestFPImm8(t *testing.T) {
	for i := uint32(0); i < 256; i++ {
		v := fpImm8Value(i)
		got, ok := fpImm8(v)
		if !ok || got != i {
			t.Errorf("fpImm8(%v) = %#x, %v; want %#x", v, got, ok, i)
		}
	}
	for _, v := range []float64{0, 0.1, 32, 0.0625, 1.03125, -33} {
		if got, ok := fpImm8(v); ok {
			t.Errorf("fpImm8(%v) = %#x, want not encodable", v, got)
		}
	}
}

// TestBitmask checks that the value of every N:immr:imms that decodes
// encodes to fields that decode to the same value, for both widths, that
// there are 5334 distinct 64-bit bitmask immediates, and that
// random values are accepted exactly when some encoding produces them.
func TestBitmask(t *testing.T) {
	valid := map[uint64]bool{}
	for _, width := range []int{32, 64} {
		for n := uint32(0); n < 2; n++ {
			for immr := uint32(0); immr < 64; immr++ {
				for imms := uint32(0); imms < 64; imms++ {
					v, ok := decodeBitmask(n, immr, imms, width)
					if !ok || (width == 32 && (n == 1 || immr >= 32)) {
						continue
					}
					gn, gr, gs, ok := encodeBitmask(v, width)
					back, ok2 := decodeBitmask(gn, gr, gs, width)
					if !ok || !ok2 || back != v {
						t.Fatalf("width %d: %#x decodes from %d:%d:%d but encodes to %d:%d:%d (%v), which decodes to %#x", width, v, n, immr, imms, gn, gr, gs, ok, back)
					}
					if width == 64 {
						valid[v] = true
					}
				}
			}
		}
	}
	if len(valid) != 5334 {
		t.Errorf("%d distinct 64-bit bitmask immediates, want 5334", len(valid))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		v := r.Uint64()
		if r.IntN(2) == 0 {
			v >>= r.IntN(64)
		}
		if _, _, _, ok := encodeBitmask(v, 64); ok != valid[v] {
			t.Fatalf("encodeBitmask(%#x) ok=%v, want %v", v, ok, valid[v])
		}
		if IsLogicalImm(v, 64) != valid[v] {
			t.Fatalf("IsLogicalImm(%#x) = %v, want %v", v, !valid[v], valid[v])
		}
	}
}

func TestParseReg(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want Reg
		ok   bool
	}{
		{"x0", X0, true}, {"X30", X30, true}, {"x31", 0, false}, {"w31", 0, false}, {"x01", 0, false},
		{"sp", SP, true}, {"WSP", WSP, true}, {"xzr", XZR, true}, {"wzr", WZR, true}, {"fp", X29, true},
		{"lr", X30, true}, {"ip0", X16, true}, {"ip1", X17, true}, {"d31", D31, true}, {"q32", 0, false},
		{"s7", S7, true}, {"b3", BReg(3), true}, {"h10", H(10), true}, {"x", 0, false}, {"x100", 0, false},
		{"foo", 0, false}, {"eq", 0, false},
	} {
		got, ok := parseReg(tc.s)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseReg(%q) = %v, %v; want %v, %v", tc.s, got, ok, tc.want, tc.ok)
		}
	}
}

// TestParseAllocs checks that parsing the common forms costs one
// allocation, the Inst (see arg).
func TestParseAllocs(t *testing.T) {
	for _, l := range []string{
		"add x0, x1, #16", "ldr x0, [sp, #8]", "stp x29, x30, [sp, #-16]!", "ldr w1, [x2, x3, lsl #2]",
		"b.ne .L3", "bl puts", "adrp x0, :got:foo", "add x0, x0, :lo12:msg+8", "csel x0, x1, x2, eq",
		"madd x0, x1, x2, x3", "fmov d0, #1.5", "add x0, x1, w2, sxtw #2", "mov x0, #0x10000",
	} {
		mn, ops := asm.SplitInst(l)
		if n := testing.AllocsPerRun(100, func() { Parse(mn, ops) }); n != 1 {
			t.Errorf("Parse(%q): %v allocations, want 1", l, n)
		}
	}
}

// TestArgsLossless checks that New stores any operands so that Args
// gives them back, including the ones no parsed instruction has.
func TestArgsLossless(t *testing.T) {
	imm := Imm{Val: 3}
	args := []Operand{
		X1, nil, Imm{Val: -5, LSL: 12}, FImm(-0.0), RegShift{X2, ShiftROR, 200}, RegExtend{W3, ExtLSL, 9},
		Mem{Base: SP, Mode: ModePre, Off: -16, Index: X4, Ext: ExtSXTW, Amount: 7, HasAmount: true,
			Sym: Sym{Mod: ModLo12, Expr: asm.Expr{Sym: "a", Minus: "b", Add: 1}, LSL: 12}},
		Sym{Mod: ModGot, Expr: asm.SymOff("c", 2)}, Label("d"), Sym{}, Cond(99), Barrier(200), SysReg(0xffff), &imm,
	}
	in := New(ADD, args...)
	got := in.Args()
	if len(got) != len(args) {
		t.Fatalf("Args() has %d operands, want %d", len(got), len(args))
	}
	for i := range args {
		if got[i] != args[i] {
			t.Errorf("operand %d: got %#v, want %#v", i, got[i], args[i])
		}
	}
}

// nextOperand must cut exactly as cutOperand followed by trimSpace.
func TestNextOperand(t *testing.T) {
	for _, s := range []string{
		"", " ", "\t", "x0", " x0 ", "x0, x1", "x0 ,x1", "x0,, x1", ", x0", "x0,",
		"x2, lsl #3", "lsl #3 , x1", "[x0, #8]!, x1", " [x0], #8", "#1, lsl #12",
		"\u00a0x0\u00a0, x1", "x0\u2003", "(a, b), c", "{v0, v1}, [x0]", "x0 ] , x1",
	} {
		for rest, more := s, true; more; {
			var tok, wantTok, wantRest string
			var wantMore bool
			wantTok, wantRest, wantMore = cutOperand(rest)
			wantTok = trimSpace(wantTok)
			tok, rest, more = nextOperand(rest)
			if tok != wantTok || rest != wantRest || more != wantMore {
				t.Errorf("nextOperand in %q = %q, %q, %v; want %q, %q, %v", s, tok, rest, more, wantTok, wantRest, wantMore)
				break
			}
		}
	}
}

// TestEncodeAllocs checks that encoding allocates nothing, aliases
// included (see encoder.as and location).
func TestEncodeAllocs(t *testing.T) {
	for _, l := range []string{
		"add x0, x1, #16", "ldr x0, [sp, #8]", "cmp x0, #3", "tst w1, #0xff", "neg x0, x1", "mvn w0, w1",
		"b.ne .L3", "bl puts", "adrp x0, :got:foo", "add x0, x0, :lo12:msg+8", "csel x0, x1, x2, eq",
		"madd x0, x1, x2, x3", "fmov d0, #1.5", "add x0, x1, w2, sxtw #2", "mov x0, #0x10000",
	} {
		in, err := Parse(asm.SplitInst(l))
		if err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(100, func() { encode(in, 0, nopEnv{}) }); n != 0 {
			t.Errorf("encode(%q): %v allocations, want 0", l, n)
		}
	}
}

// TestReservedSymbolRoundTrip checks that a symbol named like a
// register, a shift or extension, a condition, a barrier option or a
// system register prints to text that parses back to the same operand
// (FuzzParse found "AdC 0,#Asr", printed as "adc #0, Asr", which read
// Asr as a shift of the #0 before it, and "suB X0,A00,100+lsl0", printed
// as "sub x0, A00, lsl0+100", which read as lsl #0+100).
func TestReservedSymbolRoundTrip(t *testing.T) {
	in, err := Parse(asm.SplitInst("AdC 0,#Asr"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := in.String(), "adc #0, (Asr)"; got != want {
		t.Errorf("printed as %q, want %q", got, want)
	}
	names := []string{"Asr", "lsl", "LSL", "ror", "uxtw", "sxtx", "lsl5", "x0", "W1", "sp", "wzr", "lr", "fp", "ip0",
		"q31", "eq", "hs", "al", "nv", "ish", "sy", "nzcv", "tpidr_el0", "s3_0_c1_c2_3", "foo", "x0y", "lslx",
		"lsl0+100", "uxtw2-8", "x0+4", "foo-bar"}
	for _, name := range names {
		for _, form := range []string{"b #%s", "bl (%s)", "cbz x0, #%s", "tbz w1, #3, #%s", "b.ne #%s", "adr x0, #%s",
			"adrp x0, (%s)", "ldr x0, #%s", "csel x0, x1, x2, #%s", "dmb #%s", "mrs x0, #%s", "adc #0, #%s"} {
			line := fmt.Sprintf(form, name)
			in, err := Parse(asm.SplitInst(line))
			if err != nil {
				t.Errorf("%q: %v", line, err)
				continue
			}
			text := in.String()
			back, err := Parse(asm.SplitInst(text))
			if err != nil {
				t.Errorf("%q printed as %q, which does not parse: %v", line, text, err)
				continue
			}
			if diff := cmp.Diff(in.Args(), back.Args()); diff != "" {
				t.Errorf("%q printed as %q, which parses to other operands (-want +got):\n%s", line, text, diff)
			}
		}
	}
}

// TestFormsCover checks that every Op has forms in the encoding table,
// except those the encoder does not support yet (GNU as does: adc, sbc
// and ngc are parsed, and rejected as unsupported).
func TestFormsCover(t *testing.T) {
	unsupported := map[Op]bool{ADC: true, SBC: true, NGC: true}
	for op := Op(1); op < numOps; op++ {
		if has := len(opForms[op]) > 0; has == unsupported[op] {
			t.Errorf("%v: %d forms", op, len(opForms[op]))
		}
	}
}

// TestQuotedSymbolComma checks that a comma inside a quoted symbol name
// does not end the operand.
func TestQuotedSymbolComma(t *testing.T) {
	for _, c := range [][2]string{
		{"bl", `"main.f<int,string>"`},
		{"adrp", `x0, "main.g<a,b>"+8`},
		{"add", `x0, x0, :lo12:"main.g<a,b>"+8`},
	} {
		in, err := Parse(c[0], c[1])
		if err != nil {
			t.Fatalf("%s %s: %v", c[0], c[1], err)
		}
		if got, want := in.String(), c[0]+" "+c[1]; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}
