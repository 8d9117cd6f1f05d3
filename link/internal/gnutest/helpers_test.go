package gnutest_test

import (
	"bytes"
	"debug/elf"
	"path/filepath"
	"sort"
	"testing"

	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/link/internal/linktest"
)

// linkFiles links the named files (objects or archives) in order.
func linkFiles(t testing.TB, cfg link.Config, paths ...string) ([]byte, error) {
	t.Helper()
	inputs, err := openFiles(t, paths...)
	if err != nil {
		return nil, err
	}
	return link.Link(cfg, inputs...)
}

// openFiles reads the named files as link inputs, as a command would.
func openFiles(t testing.TB, paths ...string) ([]link.Input, error) {
	t.Helper()
	var inputs []link.Input
	for _, p := range paths {
		in, err := link.Open(filepath.Base(p), linktest.ReadFile(t, p))
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
	}
	return inputs, nil
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
