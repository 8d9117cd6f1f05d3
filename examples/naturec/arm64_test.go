package main

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/arm64"
	back "github.com/naturekit/naturekit/lower"
	lowerarm64 "github.com/naturekit/naturekit/lower/arm64"
	"github.com/naturekit/naturekit/lower/lowertest"
)

var arm64Every = flag.Int("arm64-every", 8, "TestARM64Assembly checks every Nth conformance case (1: all)")

// TestARM64Assembly compiles the conformance cases (the shared suite and
// testdata/programs) with lower/arm64, optimised and at -O0, with the
// position table and safepoints as a build has them, and checks that
// GNU aarch64-linux-gnu-as accepts every listing and assembles it to
// the bytes our assembler gives. By default every 8th case (about 70
// listings, a few seconds); -arm64-every=1 checks them all.
func TestARM64Assembly(t *testing.T) {
	cases := loadConformance(t)
	for i, c := range cases {
		if _, ok := c.Expect["build-error"]; ok || i%max(*arm64Every, 1) != 0 {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			p, err := frontEnd(filepath.Join(writeCase(t, c), "main.n"))
			if err != nil {
				t.Skipf("front end: %v", err) // the amd64 conformance run reports it
			}
			for _, noOpt := range []bool{false, true} {
				l, err := back.Generate(p.mod, lowerarm64.Machine(), backendOptions(compileOptions{noOptimize: noOpt}))
				if err != nil {
					t.Fatal(err)
				}
				lowertest.GNUSame(t, arm64.Arch{}, "aarch64-linux-gnu-as", "binutils-aarch64-linux-gnu", c.Name, l.String())
			}
		})
	}
}

// TestDumpARM64 prints the back-end stages of a program for arm64: the
// allocated LIR names arm64 registers, the listing is arm64 assembly
// that our assembler reads, and an unknown target is an error.
func TestDumpARM64(t *testing.T) {
	path := writeFile(t, t.TempDir(), "a.n", "fn add(int a, int b):int {\n\treturn a + b\n}\nfn main() {\n\tprintln(add(1, 2))\n}\n")
	code, out, errOut := runCmd(t, "", "dump", "--stage=asm", "--target", "linux_arm64", "--func", "add", path)
	if code != 0 || !strings.Contains(out, "main.add:\n\tadd x0, x0, x1\n\tret\n") {
		t.Errorf("asm: code %d, stderr %s, out:\n%s", code, errOut, out)
	}
	if _, err := asm.Assemble(arm64.Arch{}, "a.s", []byte(out)); err != nil {
		t.Errorf("the listing does not assemble: %v", err)
	}
	code, out, _ = runCmd(t, "", "dump", "--stage=regalloc", "--target", "linux_arm64", "--func", "add", path)
	if code != 0 || !strings.Contains(out, "$0:i64 = add $0, $1") {
		t.Errorf("regalloc: code %d, out:\n%s", code, out)
	}
	if code, _, _ := runCmd(t, "", "dump", "--stage=asm", "--target", "linux_riscv64", path); code != 1 {
		t.Errorf("unknown target: code %d", code)
	}
}
