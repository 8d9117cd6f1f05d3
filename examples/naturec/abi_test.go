package main

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt"
	"github.com/naturekit/naturekit/rt/abi"
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
	// arm64's build: every entry point in Go (amd64's has some in
	// assembly, such as Alloc's fast path: rt/lang alloc_amd64.asm).
	rtMod, err := gofront.Compile(gofront.Config{FS: rt.Sources, Packages: []string{"github.com/naturekit/naturekit/rt/lang"}, Arch: "arm64"})
	if err != nil {
		t.Fatal(err)
	}
	calls, descs, rtypes, itabs := 0, 0, 0, 0
	for _, m := range compiledConformance(t) {
		calls += checkRuntimeCalls(t, m, rtMod)
		descs += checkTypeDescriptors(t, m)
		r, i := checkNatureTypes(t, m)
		rtypes += r
		itabs += i
	}
	t.Logf("checked %d runtime calls, %d type descriptors, %d Nature type descriptors, %d method tables", calls, descs, rtypes, itabs)
	if calls == 0 || descs == 0 || rtypes == 0 || itabs == 0 {
		t.Fatalf("checked %d runtime calls, %d type descriptors, %d Nature type descriptors and %d method tables: the programs exercise nothing",
			calls, descs, rtypes, itabs)
	}
}

// compiledConformance lowers every t1 conformance program, and
// naturekit's own programs on any, unions, interfaces, errors, panics
// and defer, to LIR.
func compiledConformance(t *testing.T) []*lir.Module {
	var mods []*lir.Module
	for _, c := range loadConformance(t) {
		if !strings.HasPrefix(c.Name, "t1_") && !strings.HasPrefix(c.Name, "any_") && !strings.HasPrefix(c.Name, "iface_") &&
			!strings.HasPrefix(c.Name, "err_") && !strings.HasPrefix(c.Name, "panic_") && !strings.HasPrefix(c.Name, "defer_") &&
			!strings.HasPrefix(c.Name, "t3_") {
			continue
		}
		path := writeFile(t, t.TempDir(), "main.n", string(c.Files["main.n"]))
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
		{abi.TypeOffSize, 8}, {abi.TypeOffAlign, 8}, {abi.TypeOffPtrBytes, 8},
		{abi.TypeOffHash, 8}, {abi.TypeOffGCBits, 8}, {abi.TypeOffKind, 1},
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

// checkNatureTypes checks the layout of every Nature type descriptor
// (@main.rtype.*: rt/alloc.Type, then rt/lang.Type's fields at rt/abi's
// offsets, then its items, method tables and mask) and method table
// (@main.itab.*: two descriptors, then code addresses) that m emits.
func checkNatureTypes(t *testing.T, m *lir.Module) (rtypes, itabs int) {
	globals := map[string]*lir.Global{}
	for _, g := range m.Globals {
		globals[g.Name] = g
	}
	isDesc := func(it lir.DataItem) bool {
		return it.Kind == lir.DataSym && it.Int == 0 && strings.HasPrefix(it.Sym, "main.rtype.") && globals[it.Sym] != nil
	}
	// Field offset -> whether it must be a descriptor, another pointer
	// (or 0), or an integer.
	const (
		integer = iota
		desc
		pointer
	)
	fields := []struct {
		off, size int64
		kind      int
	}{
		{abi.TypeOffSize, 8, integer}, {abi.TypeOffAlign, 8, integer}, {abi.TypeOffPtrBytes, 8, integer},
		{abi.TypeOffHash, 8, integer}, {abi.TypeOffGCBits, 8, pointer}, {abi.TypeOffKind, 1, integer},
		{abi.TypeOffKind + 1, 7, integer},
		{abi.TypeOffNKind, 8, integer}, {abi.TypeOffValue, 8, integer}, {abi.TypeOffName, 8, pointer},
		{abi.TypeOffElem, 8, desc}, {abi.TypeOffKey, 8, desc}, {abi.TypeOffLen, 8, integer},
		{abi.TypeOffItems, 8, pointer}, {abi.TypeOffNItems, 8, integer},
		{abi.TypeOffItabs, 8, pointer}, {abi.TypeOffNItabs, 8, integer},
		{abi.TypeOffRefSize, 8, integer}, {abi.TypeOffRefAlign, 8, integer},
	}
	for _, g := range m.Globals {
		switch {
		case strings.HasPrefix(g.Name, "main.rtype."):
			rtypes++
			if len(g.Items) < len(fields) {
				t.Errorf("descriptor %s has %d items", g.Name, len(g.Items))
				continue
			}
			var off int64
			for i, f := range fields {
				it := g.Items[i]
				if off != f.off || it.Size() != f.size {
					t.Errorf("descriptor %s: field %d at offset %d size %d, want offset %d size %d", g.Name, i, off, it.Size(), f.off, f.size)
					break
				}
				off += it.Size()
				if f.kind == desc && it.Kind != lir.DataInt && !isDesc(it) {
					t.Errorf("descriptor %s: field at %d is %v, not a descriptor", g.Name, f.off, it)
				}
			}
			if off != abi.TypeDescSize {
				t.Errorf("descriptor %s: fixed part is %d bytes, rt/lang.Type %d", g.Name, off, abi.TypeDescSize)
				continue
			}
			nItems, nItabs := g.Items[14].Int, g.Items[16].Int
			rest := g.Items[len(fields):]
			if int64(len(rest)) < 3*nItems+nItabs {
				t.Errorf("descriptor %s: %d items and %d method tables announced, %d data items follow", g.Name, nItems, nItabs, len(rest))
				continue
			}
			for i := int64(0); i < nItems; i++ {
				if ty := rest[3*i+1]; ty.Kind != lir.DataInt && !isDesc(ty) {
					t.Errorf("descriptor %s: item %d type is %v", g.Name, i, ty)
				}
			}
			for i := int64(0); i < nItabs; i++ {
				if it := rest[3*nItems+i]; it.Kind != lir.DataSym || !strings.HasPrefix(it.Sym, "main.itab.") {
					t.Errorf("descriptor %s: method table %d is %v", g.Name, i, it)
				}
			}
		case strings.HasPrefix(g.Name, "main.itab."):
			itabs++
			if len(g.Items) < 2 || !isDesc(g.Items[0]) || !isDesc(g.Items[1]) {
				t.Errorf("method table %s does not start with two descriptors", g.Name)
				continue
			}
			if iface := globals[g.Items[1].Sym]; iface.Items[7].Int != abi.NKindInterface {
				t.Errorf("method table %s: %s is not an interface", g.Name, iface.Name)
			}
			for _, it := range g.Items[2:] {
				if it.Kind != lir.DataSym || m.Func(it.Sym) == nil {
					t.Errorf("method table %s: entry %v is not a function of the module", g.Name, it)
				}
			}
		}
	}
	return rtypes, itabs
}
