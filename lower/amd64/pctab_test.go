package amd64

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/ssa"
)

// pcTabModule is f(a, b) = g(a / b) + a at made-up positions, g a leaf
// without positions (generated code).
func pcTabModule() *lir.Module {
	f := lir.NewFunc("f", lir.I64, lir.I64, lir.I64)
	f.SourceName = "main.f"
	b := lir.NewBuilder(f)
	b.Pos = lir.Pos{File: "case/main.n", Line: 3, Col: 16}
	q := b.Binary(lir.OpSDiv, b.Param(0), b.Param(1))
	b.Pos = lir.Pos{File: "case/main.n", Line: 4, Col: 21}
	r := b.Call(lir.OpCall, lir.I64, b.Symbol("g"), q)
	b.Pos = lir.Pos{}
	b.Return(b.Binary(lir.OpAdd, r, b.Param(0)))
	g := lir.NewFunc("g", lir.I64, lir.I64)
	gb := lir.NewBuilder(g)
	gb.Return(gb.Binary(lir.OpAdd, gb.Param(0), lir.Int(lir.I64, 1)))
	return &lir.Module{Funcs: []*lir.Func{f, g}}
}

// TestPCTable compiles a function with positions and reads the table
// back from the object: one function record per function, in order, with
// the code size the ELF symbol has; a line for the division and one for
// the call, whose code ends with idiv and call; the listing assembles to
// the same bytes.
func TestPCTable(t *testing.T) {
	// Every pass but inlining, which would put g in f and take the call
	// away.
	var passes []ssa.Pass
	for _, p := range ssa.Passes() {
		if p.Module == nil {
			passes = append(passes, p)
		}
	}
	for _, opts := range []Options{{PCTable: true}, {PCTable: true, Passes: passes, Peephole: true}} {
		m := pcTabModule()
		obj, err := Compile(m, opts)
		if err != nil {
			t.Fatal(err)
		}
		l, err := Generate(pcTabModule(), opts)
		if err != nil {
			t.Fatal(err)
		}
		text, err := asm.Assemble(amd64.Arch{}, "pctab.s", []byte(l.String()))
		if err != nil {
			t.Fatalf("the listing does not assemble: %v\n%s", err, l)
		}
		sections := map[string][]byte{}
		for _, s := range obj.Sections {
			sections[s.Name] = s.Data
		}
		for _, s := range text.Sections {
			if !bytes.Equal(s.Data, sections[s.Name]) {
				t.Errorf("section %s: the listing assembles to other bytes", s.Name)
			}
		}
		syms := map[string]asm.Symbol{}
		for _, s := range obj.Symbols {
			syms[s.Name] = s
		}
		tab, ok := syms[lower.PCTableSymbol]
		if !ok || tab.Section != ".rodata" || tab.Bind != elf.STB_GLOBAL {
			t.Fatalf("no global %s in .rodata: %+v", lower.PCTableSymbol, tab)
		}
		ro := sections[".rodata"][tab.Value:]
		u32 := func(off int) uint32 { return binary.LittleEndian.Uint32(ro[off:]) }
		u16 := func(off int) uint16 { return binary.LittleEndian.Uint16(ro[off:]) }
		if n := binary.LittleEndian.Uint64(ro); n != 2 {
			t.Fatalf("NFuncs = %d, want 2", n)
		}
		if n := binary.LittleEndian.Uint64(ro[16:]); n != 1 {
			t.Errorf("NFiles = %d, want 1", n)
		}
		code := sections[".text"]
		linesAt := lower.PCTabHeaderSize + 2*lower.PCTabFuncSize
		for i, name := range []string{"f", "g"} {
			rec := lower.PCTabHeaderSize + i*lower.PCTabFuncSize
			sym := syms[name]
			if sym.Type != elf.STT_FUNC || uint64(u32(rec+8)) != sym.Size || sym.Size == 0 {
				t.Errorf("%s: symbol type %v size %d, table size %d", name, sym.Type, sym.Size, u32(rec+8))
			}
			wantLines := map[string]uint32{"f": 2, "g": 0}[name]
			if got := u32(rec + 12); got != wantLines {
				t.Errorf("%s: %d lines, want %d", name, got, wantLines)
			}
			if name != "f" {
				continue
			}
			f := code[sym.Value : sym.Value+sym.Size]
			for j, want := range []struct {
				line, col, kind int
			}{{3, 16, lower.PCTabDivide}, {4, 21, lower.PCTabCall}} {
				at := linesAt + j*lower.PCTabLineSize
				lo, hi := u32(at), u32(at+4)
				if lo >= hi || uint64(hi) > sym.Size {
					t.Errorf("line %d: code [%d, %d) outside f (%d bytes)", j, lo, hi, sym.Size)
					continue
				}
				if int(u32(at+8)) != want.line || u32(at+12) != 0 || int(u16(at+16)) != want.col || int(u16(at+18)) != want.kind {
					t.Errorf("line %d: line %d file %d col %d kind %d, want %d 0 %d %d", j, u32(at+8), u32(at+12), u16(at+16), u16(at+18), want.line, want.col, want.kind)
				}
				switch want.kind {
				case lower.PCTabCall:
					if f[hi-5] != 0xe8 {
						t.Errorf("the call's code does not end with call rel32: % x", f[lo:hi])
					}
				case lower.PCTabDivide:
					if f[hi-2] != 0xf7 || f[hi-1]>>3&7 != 7 {
						t.Errorf("the division's code does not end with idiv: % x", f[lo:hi])
					}
				}
			}
		}
	}
}

// TestNoPCTable: without the option there is no table.
func TestNoPCTable(t *testing.T) {
	obj, err := Compile(pcTabModule(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range obj.Symbols {
		if s.Name == lower.PCTableSymbol {
			t.Fatalf("%s defined without Options.PCTable", lower.PCTableSymbol)
		}
	}
}
