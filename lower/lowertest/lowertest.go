// Package lowertest is what the tests of lower's targets share:
// parsing an input module, the lowered functions, the listing checked
// against Compile's bytes, and GNU as as an oracle of the listing.
package lowertest

import (
	"bytes"
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/oracle"
	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/ssa"
)

// Parse parses a LIR module or fails the test.
func Parse(t testing.TB, file, src string) *lir.Module {
	t.Helper()
	m, err := lir.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Lowered returns every function of the module after cfg.Build,
// ssa.Build and the machine's Lower, each checked by lir.Verify.
func Lowered(t testing.TB, mc *lower.Machine, file, src string) string {
	t.Helper()
	var sb strings.Builder
	for _, f := range Parse(t, file, src).Funcs {
		if err := cfg.Build(f); err != nil {
			t.Fatal(err)
		}
		if err := ssa.Build(f); err != nil {
			t.Fatal(err)
		}
		if err := mc.Lower(f); err != nil {
			t.Fatal(err)
		}
		if err := lir.Verify(f); err != nil {
			t.Fatalf("lowered @%s: %v\n%s", f.Name, err, f)
		}
		sb.WriteString(f.String())
	}
	return sb.String()
}

// Listing returns the module's assembly, after checking that assembling
// it as text gives the bytes Compile gives.
func Listing(t testing.TB, mc *lower.Machine, file, src string, opts lower.Options) string {
	t.Helper()
	l, err := lower.Generate(Parse(t, file, src), mc, opts)
	if err != nil {
		t.Fatal(err)
	}
	obj, err := lower.Compile(Parse(t, file, src), mc, opts)
	if err != nil {
		t.Fatal(err)
	}
	text, err := asm.Assemble(mc.Arch, file+".s", []byte(l.String()))
	if err != nil {
		t.Fatalf("assembling the listing: %v", err)
	}
	for _, s := range obj.Sections {
		if ts := text.Section(s.Name); ts == nil || string(ts.Data) != string(s.Data) {
			t.Errorf("section %s: the listing assembles to other bytes than Compile's", s.Name)
		}
	}
	return l.String()
}

// GNUSame assembles listing with GNU as (tool, from Debian package
// pkg) and with asm.Assemble and reports every allocated section whose
// bytes differ (relocated fields are zero in both: RELA objects).
func GNUSame(t testing.TB, arch asm.Arch, tool, pkg, name, listing string) {
	t.Helper()
	as := oracle.Tool(t, tool, pkg)
	dir := t.TempDir()
	src := filepath.Join(dir, "x.s")
	if err := os.WriteFile(src, []byte(listing), 0o666); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "x.o")
	if msg, err := exec.Command(as, "-o", out, src).CombinedOutput(); err != nil {
		t.Fatalf("%s: GNU as rejects the listing: %v\n%s", name, err, msg)
	}
	f, err := elf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ours, err := asm.Assemble(arch, name+".s", []byte(listing))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, s := range f.Sections {
		if s.Flags&elf.SHF_ALLOC == 0 || s.Size == 0 {
			continue
		}
		gnu, err := s.Data()
		if err != nil {
			t.Fatal(err)
		}
		o := ours.Section(s.Name)
		if o == nil {
			t.Errorf("%s: section %s missing from our object", name, s.Name)
			continue
		}
		if !bytes.Equal(o.Data, gnu) {
			t.Errorf("%s: section %s differs from GNU as's\n%s", name, s.Name, firstDiff(o.Data, gnu))
		}
	}
}

// firstDiff describes the first word where two sections differ.
func firstDiff(ours, gnu []byte) string {
	for i := 0; i+4 <= min(len(ours), len(gnu)); i += 4 {
		if !bytes.Equal(ours[i:i+4], gnu[i:i+4]) {
			return fmt.Sprintf("at offset %#x: ours % x, GNU's % x", i, ours[i:i+4], gnu[i:i+4])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(ours), len(gnu))
}

// Deterministic compiles the input module of each golden file matching
// pattern twice with opts and fails if the two objects differ.
func Deterministic(t *testing.T, mc *lower.Machine, pattern string, opts lower.Options) {
	files, _ := filepath.Glob(pattern)
	for _, file := range files {
		g, err := golden.Read(file)
		if err != nil {
			t.Fatal(err)
		}
		var objs [2]string
		for i := range objs {
			obj, err := lower.Compile(Parse(t, file, g.InputString("input")), mc, opts)
			if err != nil {
				t.Fatal(err)
			}
			var sb strings.Builder
			obj.Dump(&sb)
			objs[i] = sb.String()
		}
		if objs[0] != objs[1] {
			t.Errorf("%s: two compilations differ", file)
		}
	}
}

// Golden runs the golden files matching pattern for machine mc. Each
// archive's "input" section is a module; the test computes
//
//	lower     each function after cfg.Build, ssa.Build and Lower
//	asm       the module's assembly, with the SSA passes and the
//	          peephole pass
//	asm-O0    the same without SSA passes and peephole
//	asm-rt    only in an archive that has the section: asm with the
//	          options a Nature runtime provides for (Safepoints,
//	          Barriers)
//
// and compares them with the archive (go test -update rewrites it). It
// also checks that the lowered functions pass lir.Verify and that each
// listing assembles to the bytes Compile produces, and calls check, if
// not nil, with each listing (an oracle's view of it).
func Golden(t *testing.T, mc *lower.Machine, pattern string, check func(t *testing.T, name, listing string)) {
	golden.Run(t, pattern, func(t *testing.T, g *golden.File) {
		input := g.InputString("input")
		g.OutputString("lower", Lowered(t, mc, g.Path, input))
		for _, c := range []struct {
			section string
			opts    lower.Options
		}{
			{"asm", lower.Options{Passes: ssa.Passes(), Peephole: true, Verify: true}},
			{"asm-O0", lower.Options{Verify: true}},
			{"asm-rt", lower.Options{Passes: ssa.Passes(), Peephole: true, Verify: true, Safepoints: true, Barriers: true}},
		} {
			if c.section == "asm-rt" && !g.Has(c.section) {
				continue
			}
			l := Listing(t, mc, g.Path, input, c.opts)
			if check != nil {
				check(t, g.Path, l)
			}
			g.OutputString(c.section, l)
		}
	})
}
