package amd64

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/ssa"
)

// TestDWARFSameCode compiles pcTabModule with and without DWARF: the
// code is the same, the debugging sections are there, and the listing's
// text assembles to the same object.
func TestDWARFSameCode(t *testing.T) {
	for _, opts := range []Options{{PCTable: true}, {PCTable: true, Passes: ssa.Passes(), Peephole: true}} {
		plain, err := Compile(pcTabModule(), opts)
		if err != nil {
			t.Fatal(err)
		}
		opts.DWARF, opts.CompDir = true, "/src"
		withDebug, err := Compile(pcTabModule(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(plain.Section(".text").Data, withDebug.Section(".text").Data) {
			t.Errorf("DWARF changed the code")
		}
		for _, name := range []string{".debug_abbrev", ".debug_info", ".debug_ranges", ".debug_line", ".debug_frame"} {
			if s := withDebug.Section(name); s == nil || len(s.Data) == 0 {
				t.Errorf("no %s", name)
			}
		}
		l, err := Generate(pcTabModule(), opts)
		if err != nil {
			t.Fatal(err)
		}
		text, err := asm.Assemble(amd64.Arch{}, "debug.s", []byte(l.String()))
		if err != nil {
			t.Fatalf("the listing does not assemble: %v", err)
		}
		var a, b bytes.Buffer
		text.Dump(&a)
		withDebug.Dump(&b)
		if a.String() != b.String() {
			t.Errorf("the listing's text assembles to another object")
		}
	}
}

// TestUnwindStep runs a prologue and an epilogue as Emit writes them
// through unwindStep.
func TestUnwindStep(t *testing.T) {
	s := unwind().Entry
	var got []string
	for _, in := range []*amd64.Inst{
		amd64.New(amd64.PUSH, amd64.RBP),
		amd64.New(amd64.MOV, amd64.RBP, amd64.RSP),
		amd64.New(amd64.PUSH, amd64.RBX),
		amd64.New(amd64.PUSH, amd64.R12),
		amd64.New(amd64.SUB, amd64.RSP, amd64.Int(16)),
		amd64.New(amd64.CALL, amd64.Label("f")),
		amd64.New(amd64.ADD, amd64.RSP, amd64.Int(16)),
		amd64.New(amd64.POP, amd64.R12),
		amd64.New(amd64.POP, amd64.RBX),
		amd64.New(amd64.POP, amd64.RBP),
		amd64.New(amd64.RET),
	} {
		unwindStep(in, &s)
		got = append(got, fmt.Sprintf("%v: cfa r%d%+d sp%d %v", in, s.CFAReg, s.CFAOff, s.SP, s.Saved))
	}
	want := []string{
		"push rbp: cfa r7+16 sp16 [{16 -8} {6 -16}]",
		"mov rbp, rsp: cfa r6+16 sp16 [{16 -8} {6 -16}]",
		"push rbx: cfa r6+16 sp24 [{16 -8} {6 -16} {3 -24}]",
		"push r12: cfa r6+16 sp32 [{16 -8} {6 -16} {3 -24} {12 -32}]",
		"sub rsp, 16: cfa r6+16 sp48 [{16 -8} {6 -16} {3 -24} {12 -32}]",
		"call f: cfa r6+16 sp48 [{16 -8} {6 -16} {3 -24} {12 -32}]",
		"add rsp, 16: cfa r6+16 sp32 [{16 -8} {6 -16} {3 -24} {12 -32}]",
		"pop r12: cfa r6+16 sp24 [{16 -8} {6 -16} {3 -24}]",
		"pop rbx: cfa r6+16 sp16 [{16 -8} {6 -16}]",
		"pop rbp: cfa r7+8 sp8 [{16 -8}]",
		"ret: cfa r7+8 sp8 [{16 -8}]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%q\nwant:\n%q", got, want)
	}
	s = unwind().Entry
	for _, in := range []*amd64.Inst{amd64.New(amd64.PUSH, amd64.RBP), amd64.New(amd64.MOV, amd64.RBP, amd64.RSP),
		amd64.New(amd64.SUB, amd64.RSP, amd64.Int(32)), amd64.New(amd64.LEAVE)} {
		unwindStep(in, &s)
	}
	if e := unwind().Entry; s.CFAReg != e.CFAReg || s.CFAOff != e.CFAOff || s.SP != e.SP || !slices.Equal(s.Saved, e.Saved) {
		t.Errorf("after leave: %+v, want the entry state %+v", s, e)
	}
}
