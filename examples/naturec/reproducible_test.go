package main

import (
	"bytes"
	"debug/elf"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var reproducibleEvery = flag.Int("reproducible.every", 8, "TestReproducible builds every Nth conformance case (1: all of them)")

// TestReproducible builds conformance cases twice, with naturec on one
// thread and on four (GOMAXPROCS: the loader's parse workers and the
// back end's function workers), for both targets, and requires
// byte-identical executables: the output must not depend on the worker
// count, on which worker finishes first, or on Go's map iteration
// order, which differs between the two runs.
func TestReproducible(t *testing.T) {
	bin := naturec(t)
	n := 0
	for _, c := range loadConformance(t) {
		if _, ok := c.Expect["build-error"]; ok {
			continue
		}
		if _, ok := c.Expect["test"]; ok {
			continue
		}
		if n++; n%*reproducibleEvery != 0 {
			continue
		}
		target := "linux_amd64"
		if n%(2**reproducibleEvery) == 0 {
			target = "linux_arm64"
		}
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			c := forTarget(c, target)
			dir := writeCase(t, c)
			var exes [2][]byte
			for i, procs := range []string{"GOMAXPROCS=1", "GOMAXPROCS=4"} {
				exe := filepath.Join(filepath.Dir(dir), fmt.Sprintf("prog%d.exe", i))
				out, err := runInEnv(dir, 2*time.Minute, []string{procs}, bin, "build", "--target", target, "-o", exe, "main.n")
				if err != nil {
					if strings.Contains(out.Combined, "musl-dev") {
						t.Skipf("%s: %s", target, out.Combined)
					}
					t.Fatalf("build with %s: %v\n%s", procs, err, out.Combined)
				}
				data, err := os.ReadFile(exe)
				if err != nil {
					t.Fatal(err)
				}
				exes[i] = data
			}
			if !bytes.Equal(exes[0], exes[1]) {
				t.Errorf("%s: the executables built with GOMAXPROCS=1 and 4 differ: %s", target, firstDifference(exes[0], exes[1]))
			}
		})
	}
}

// firstDifference says where two executables first differ: the offset
// and the ELF section that holds it.
func firstDifference(a, b []byte) string {
	if len(a) != len(b) {
		return fmt.Sprintf("sizes %d and %d", len(a), len(b))
	}
	off := 0
	for off < len(a) && a[off] == b[off] {
		off++
	}
	where := "outside every section"
	if f, err := elf.NewFile(bytes.NewReader(a)); err == nil {
		for _, s := range f.Sections {
			if s.Type != elf.SHT_NOBITS && uint64(off) >= s.Offset && uint64(off) < s.Offset+s.Size {
				where = fmt.Sprintf("in %s at +%#x", s.Name, uint64(off)-s.Offset)
			}
		}
	}
	return fmt.Sprintf("first at offset %#x, %s", off, where)
}
