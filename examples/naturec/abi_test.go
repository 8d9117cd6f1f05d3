package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt"
	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/gofront"
)

// TestABIAgreement checks that the compiler (lir/linear) and the runtime
// (rt/lang, rt/alloc) agree on docs/runtime-abi.md beyond the constants
// both take from rt/abi (whose layouts rt/lang's and rt/alloc's tests
// check against their Go structs): the type descriptors the compiler
// emits, and the signature of every runtime entry point the compiler
// calls, as rt/gofront compiles it.
func TestABIAgreement(t *testing.T) {
	rtMod, err := gofront.Compile(gofront.Config{FS: rt.Sources, Packages: []string{"github.com/naturekit/naturekit/rt/lang"}})
	if err != nil {
		t.Fatal(err)
	}
	calls, descs := 0, 0
	for _, m := range compiledConformance(t) {
		calls += checkRuntimeCalls(t, m, rtMod)
		descs += checkTypeDescriptors(t, m)
	}
	if calls == 0 || descs == 0 {
		t.Fatalf("checked %d runtime calls and %d type descriptors: the programs exercise nothing", calls, descs)
	}
}

// compiledConformance lowers every t1 conformance program to LIR.
func compiledConformance(t *testing.T) []*lir.Module {
	var mods []*lir.Module
	for _, c := range loadConformance(t) {
		if !strings.HasPrefix(c.Name, "t1_") {
			continue
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "main.n")
		if err := os.WriteFile(path, c.Files["main.n"], 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := frontEnd(path)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		mods = append(mods, p.mod)
	}
	if len(mods) == 0 {
		t.Fatal("no t1 programs")
	}
	return mods
}

// checkRuntimeCalls compares every rtcall of m with the runtime
// function it calls: same parameter count and types, same result type.
func checkRuntimeCalls(t *testing.T, m, rtMod *lir.Module) int {
	n := 0
	for _, f := range m.Funcs {
		for _, in := range f.Instrs {
			c, ok := in.(*lir.Call)
			if !ok || c.Opcode != lir.OpRTCall {
				continue
			}
			n++
			name := f.Syms[c.Callee.Index]
			callee := rtMod.Func(name)
			if callee == nil {
				t.Errorf("@%s calls %s, which rt/lang does not define", f.Name, name)
				continue
			}
			if len(c.Args) != len(callee.Params) {
				t.Errorf("@%s calls %s with %d arguments; it takes %d", f.Name, name, len(c.Args), len(callee.Params))
				continue
			}
			for i, a := range c.Args {
				if want := callee.Values[callee.Params[i]].Type; a.Type != want {
					t.Errorf("@%s calls %s: argument %d is %v, the runtime takes %v", f.Name, name, i, a.Type, want)
				}
			}
			if got := c.Dst.Type; c.Dst.Kind != lir.NoOperand && got != callee.Result {
				t.Errorf("@%s calls %s for a %v; it returns %v", f.Name, name, got, callee.Result)
			}
		}
	}
	return n
}

// checkTypeDescriptors checks that every type descriptor m emits has
// rt/alloc.Type's fields at rt/alloc's offsets.
func checkTypeDescriptors(t *testing.T, m *lir.Module) int {
	fields := []struct {
		off  int64
		size int64
	}{
		{alloc.TypeOffSize, 8}, {alloc.TypeOffAlign, 8}, {alloc.TypeOffPtrBytes, 8},
		{alloc.TypeOffHash, 8}, {alloc.TypeOffGCBits, 8}, {alloc.TypeOffKind, 1},
	}
	n := 0
	for _, g := range m.Globals {
		if !strings.Contains(g.Name, ".type.") {
			continue
		}
		n++
		var off int64
		for i, f := range fields {
			if i >= len(g.Items) || off != f.off || g.Items[i].Size() != f.size {
				t.Errorf("descriptor %s: field %d at offset %d, want %d (size %d)", g.Name, i, off, f.off, f.size)
				break
			}
			off += g.Items[i].Size()
		}
		var total int64
		for _, it := range g.Items {
			total += it.Size()
		}
		if total < alloc.TypeSize {
			t.Errorf("descriptor %s is %d bytes, rt/alloc.Type %d", g.Name, total, alloc.TypeSize)
		}
	}
	return n
}
