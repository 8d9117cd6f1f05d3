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

// TestRunARM64 runs a program for linux_arm64 with naturec run (under
// qemu-aarch64-static off arm64): its output, and a division by zero
// (lower/arm64's brk, SIGTRAP) reported as on amd64, at the same
// position with the same status; and a program that calls C (linked
// with musl's arm64 libc.a) prints what it prints on amd64.
func TestRunARM64(t *testing.T) {
	cTool(t, "qemu-aarch64-static", "qemu-user-static")
	dir := filepath.Join(t.TempDir(), "case")
	path := writeFile(t, dir, "main.n", "fn div(int a, int b):int {\n\treturn a / b\n}\nfn main() {\n\tprintln(\"hello\")\n\tprintln(div(7, 0))\n}\n")
	code, out, errOut := runCmd(t, "", "run", "--target", "linux_arm64", path)
	if code != 1 || !strings.HasPrefix(out, "hello\npanic: 'integer divide by zero' at ") || !strings.HasSuffix(out, "case/main.n:2:13\n") {
		t.Errorf("arm64: status %d, stderr %q, stdout %q", code, errOut, out)
	}
	code64, out64, _ := runCmd(t, "", "run", path)
	if code64 != code || out64 != out {
		t.Errorf("amd64 gives status %d, %q; arm64 %d, %q", code64, out64, code, out)
	}
	c := writeFile(t, dir, "c.n", "import libc\n\nfn main() {\n\tprintln(libc.abs(-3), libc.strlen('four'.to_cstr()), libc.pow(2.0, 10.0))\n}\n")
	code, out, errOut = runCmd(t, "", "run", "--target", "linux_arm64", c)
	if code != 0 || out != "3 4 1024.000000\n" {
		t.Errorf("C calls on arm64: status %d, stderr %q, stdout %q", code, errOut, out)
	}
}
