package link_test

import (
	"bytes"
	"debug/elf"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/link/internal/oracle"
)

// freestandingFlags compile C that needs no libc.
var freestandingFlags = []string{"-c", "-O2", "-fno-pie", "-ffreestanding", "-fno-stack-protector", "-nostdlib"}

// target describes one architecture the tests build for.
type target struct {
	name    string
	cc, pkg string
	machine elf.Machine
	run     []string // command prefix that runs an executable
	runPkg  string
}

var (
	amd64 = target{name: "amd64", cc: "gcc", pkg: "gcc", machine: elf.EM_X86_64}
	arm64 = target{name: "arm64", cc: "aarch64-linux-gnu-gcc", pkg: "gcc-aarch64-linux-gnu", machine: elf.EM_AARCH64,
		run: []string{"qemu-aarch64-static"}, runPkg: "qemu-user-static"}
)

// compile compiles each C source in testdata with cc and flags into dir and
// returns the object paths.
func compile(t testing.TB, tg target, flags []string, dir string, srcs ...string) []string {
	t.Helper()
	cc := oracle.Tool(t, tg.cc, tg.pkg)
	var objs []string
	for _, src := range srcs {
		obj := filepath.Join(dir, tg.name+"-"+filepath.Base(src)+".o")
		args := append(append([]string(nil), flags...), "-o", obj, src)
		if out, err := exec.Command(cc, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", cc, args, err, out)
		}
		objs = append(objs, obj)
	}
	return objs
}

// linkFiles links the named files (objects or archives) in order.
func linkFiles(t testing.TB, cfg link.Config, paths ...string) ([]byte, error) {
	t.Helper()
	var inputs []link.Input
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		in, err := link.Open(filepath.Base(p), data)
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
	}
	return link.Link(cfg, inputs...)
}

// run writes exe to dir and runs it, returning stdout and the exit code.
func run(t testing.TB, tg target, dir string, exe []byte) (string, int) {
	t.Helper()
	path := filepath.Join(dir, "a.out")
	if err := os.WriteFile(path, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	return runPath(t, tg, path)
}

func runPath(t testing.TB, tg target, path string) (string, int) {
	t.Helper()
	var cmd *exec.Cmd
	if tg.run != nil {
		q := oracle.Tool(t, tg.run[0], tg.runPkg)
		cmd = exec.Command(q, append(tg.run[1:], path)...)
	} else {
		cmd = exec.Command(path)
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if !ee.Exited() {
			t.Fatalf("%s: %v\nstdout: %s", path, err, out.String())
		}
		return out.String(), ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), 0
}

// checkExe reads an executable back with debug/elf and checks its
// structure: a static ET_EXEC of the right machine, PT_LOAD segments that
// are page-aligned, congruent (p_offset ≡ p_vaddr mod p_align), inside the
// file, disjoint, never writable and executable, a non-executable stack, and
// an entry point inside an executable segment that is the address of the
// entry symbol in .symtab.
func checkExe(t testing.TB, exe []byte, machine elf.Machine, entry string) *elf.File {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatalf("debug/elf cannot read the output: %v", err)
	}
	if f.Type != elf.ET_EXEC || f.Machine != machine {
		t.Errorf("type %v machine %v, want ET_EXEC %v", f.Type, f.Machine, machine)
	}
	var loads []*elf.Prog
	stack := false
	for _, p := range f.Progs {
		switch p.Type {
		case elf.PT_LOAD:
			loads = append(loads, p)
		case elf.PT_GNU_STACK:
			stack = true
			if p.Flags&elf.PF_X != 0 {
				t.Errorf("PT_GNU_STACK is executable")
			}
		case elf.PT_DYNAMIC, elf.PT_INTERP:
			t.Errorf("static executable has %v", p.Type)
		}
	}
	if !stack {
		t.Errorf("no PT_GNU_STACK")
	}
	sort.Slice(loads, func(i, j int) bool { return loads[i].Vaddr < loads[j].Vaddr })
	entryOK := false
	for i, p := range loads {
		if p.Align < 0x1000 || p.Align&(p.Align-1) != 0 {
			t.Errorf("segment %d: bad alignment %#x", i, p.Align)
		}
		if p.Off%p.Align != p.Vaddr%p.Align {
			t.Errorf("segment %d: offset %#x and address %#x not congruent mod %#x", i, p.Off, p.Vaddr, p.Align)
		}
		if p.Off+p.Filesz > uint64(len(exe)) || p.Filesz > p.Memsz {
			t.Errorf("segment %d: bad sizes (off %#x filesz %#x memsz %#x, file %#x)", i, p.Off, p.Filesz, p.Memsz, len(exe))
		}
		if p.Flags&elf.PF_W != 0 && p.Flags&elf.PF_X != 0 {
			t.Errorf("segment %d is writable and executable", i)
		}
		if i > 0 {
			prev := loads[i-1]
			if (prev.Vaddr+prev.Memsz+0xfff)&^0xfff > p.Vaddr&^0xfff {
				t.Errorf("segments %d and %d share or overlap pages", i-1, i)
			}
		}
		if p.Flags&elf.PF_X != 0 && f.Entry >= p.Vaddr && f.Entry < p.Vaddr+p.Memsz {
			entryOK = true
		}
	}
	if !entryOK {
		t.Errorf("entry %#x not in an executable segment", f.Entry)
	}
	syms, err := f.Symbols()
	if err != nil {
		t.Fatalf("symbols: %v", err)
	}
	found := false
	for _, s := range syms {
		if s.Name == entry {
			found = true
			if s.Value != f.Entry {
				t.Errorf("symbol %s = %#x, entry = %#x", entry, s.Value, f.Entry)
			}
		}
	}
	if !found {
		t.Errorf("entry symbol %s not in .symtab", entry)
	}
	return f
}

// symbol returns the value of the named symbol in f.
func symbol(t testing.TB, f *elf.File, name string) uint64 {
	t.Helper()
	syms, _ := f.Symbols()
	for _, s := range syms {
		if s.Name == name {
			return s.Value
		}
	}
	t.Fatalf("no symbol %s", name)
	return 0
}
