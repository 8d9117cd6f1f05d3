package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/rt/abi"
)

// TestInlineBarrier: naturec compiles a pointer store into a heap
// object as the inline test of the collector's marking flag, rt/abi's
// (lower's Options.Barriers), on both targets: the store itself on the
// usual path, the call of the barrier only after the function's return,
// out of line (the store's registers are the allocator's: it is no
// call). That the programs behave with it is the conformance suite's
// part.
func TestInlineBarrier(t *testing.T) {
	if lower.GCMarkingSymbol != abi.GCMarkingSymbol {
		t.Fatalf("lower tests %s, the runtime defines %s", lower.GCMarkingSymbol, abi.GCMarkingSymbol)
	}
	if lower.BarrierSlowSymbol != abi.GCBarrierSlowSymbol {
		t.Fatalf("lower calls %s, the runtime defines %s", lower.BarrierSlowSymbol, abi.GCBarrierSlowSymbol)
	}
	src := "type node = struct {\n    ref<node>? left\n    int v\n}\n\n" +
		"fn link(ref<node> a, ref<node> b) {\n    a.left = b\n}\n\n" +
		"fn main() {\n    var a = new node(v = 1)\n    link(a, new node(v = 2))\n    println(a.v)\n}\n"
	path := writeFile(t, t.TempDir(), "main.n", src)
	for _, c := range []struct{ target, test, store, call string }{
		{"linux_amd64", "cmp dword ptr [rip+nk.gc.marking], 0", `\tmov qword ptr \[r\w+\], r\w+\n`, "call nk.gc.barrier.slow"},
		{"linux_arm64", "ldr w16, [x16, :lo12:nk.gc.marking]", `\tstr x\d+, \[x\d+\]\n`, "bl nk.gc.barrier.slow"},
	} {
		code, out, errOut := runCmd(t, "", "dump", "--stage=asm", "--target", c.target, "--func", "link", path)
		if code != 0 {
			t.Fatalf("%s: dump: code %d: %s", c.target, code, errOut)
		}
		test, ret, call := strings.Index(out, c.test), strings.Index(out, "\tret"), strings.Index(out, c.call)
		store := -1
		if test >= 0 {
			if loc := regexp.MustCompile(c.store).FindStringIndex(out[test:]); loc != nil {
				store = test + loc[0]
			}
		}
		if test < 0 || store < test || ret < store || call < ret {
			t.Errorf("%s: want %q, then %q, the return, and %q out of line:\n%s", c.target, c.test, c.store, c.call, out)
		}
	}
}
