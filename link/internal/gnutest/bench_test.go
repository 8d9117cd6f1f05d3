package gnutest_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/link/internal/gnutest"
	"github.com/naturekit/naturekit/link/internal/linktest"
)

// benchLink measures a complete link as a command would do it — read the
// input files, link, write the output — against GNU ld -static on the same
// inputs. The two alternate within every iteration so that both see the
// same machine load; ns/op is the sum of both, ours-ns/op and ld-ns/op are
// the parts and ratio is ours divided by ld's (below 1: faster than GNU ld).
func benchLink(b *testing.B, files []string) {
	ld := gnutest.AMD64.Binutil(b, "ld")
	dir := b.TempDir()
	out := filepath.Join(dir, "ours.out")
	ldArgs := append([]string{"-static", "-o", filepath.Join(dir, "ld.out")}, files...)
	var ours, gnu time.Duration
	for b.Loop() {
		t0 := time.Now()
		linkOnce(b, files, out)
		t1 := time.Now()
		if msg, err := exec.Command(ld, ldArgs...).CombinedOutput(); err != nil {
			b.Fatalf("ld: %v\n%s", err, msg)
		}
		ours += t1.Sub(t0)
		gnu += time.Since(t1)
	}
	b.ReportMetric(float64(ours.Nanoseconds())/float64(b.N), "ours-ns/op")
	b.ReportMetric(float64(gnu.Nanoseconds())/float64(b.N), "ld-ns/op")
	b.ReportMetric(ours.Seconds()/gnu.Seconds(), "ratio")
}

func linkOnce(b *testing.B, files []string, out string) {
	exe, err := linkFiles(b, link.Config{}, files...)
	if err != nil {
		b.Fatal(err)
	}
	linktest.WriteFile(b, out, exe, 0o755)
}

// BenchmarkLinkMusl links the musl test program against libc.a.
func BenchmarkLinkMusl(b *testing.B) {
	benchLink(b, muslInputs(b, b.TempDir()))
}

// BenchmarkLinkLarge links a generated program of 10,000 functions in 100
// objects that call each other across objects and point at each other
// from data.
func BenchmarkLinkLarge(b *testing.B) {
	files := generateLarge(b, b.TempDir(), 100, 100)
	benchLink(b, files)
}

// generateLarge writes and assembles nobj objects of nfn functions each.
// Function j of object i calls function j of object i+1 (the last one
// returns), loads a counter from the next object's data and stores a
// pointer table of its own functions in .data. Object 0 has _start.
func generateLarge(b testing.TB, dir string, nobj, nfn int) []string {
	var files []string
	for i := range nobj {
		var s strings.Builder
		next := (i + 1) % nobj
		if i == 0 {
			fmt.Fprintf(&s, "\t.text\n\t.globl _start\n_start:\n\tcall f0_0\n\tmovl $60, %%eax\n\tmovl $0, %%edi\n\tsyscall\n")
		}
		for j := range nfn {
			fmt.Fprintf(&s, "\t.text\n\t.globl f%d_%d\n\t.type f%d_%d, @function\nf%d_%d:\n", i, j, i, j, i, j)
			fmt.Fprintf(&s, "\tmovl counter%d(%%rip), %%eax\n", next)
			if i+1 < nobj {
				fmt.Fprintf(&s, "\tjmp f%d_%d\n", next, j)
			} else {
				fmt.Fprintf(&s, "\tret\n")
			}
		}
		fmt.Fprintf(&s, "\t.data\n\t.globl counter%d\ncounter%d:\n\t.long %d\ntable%d:\n", i, i, i, i)
		for j := range nfn {
			fmt.Fprintf(&s, "\t.quad f%d_%d\n", i, j)
		}
		fmt.Fprintf(&s, "\t.section .rodata\nname%d:\n\t.string \"object %d\"\n", i, i)
		files = append(files, gnutest.AMD64.Assemble(b, dir, fmt.Sprintf("g%03d", i), s.String()))
	}
	return files
}
