package gnutest_test

import (
	"bytes"
	"debug/dwarf"
	"debug/elf"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/link/internal/gnutest"
)

// TestDebugSections links the freestanding program compiled with -g and
// checks its DWARF against GNU ld's link of the same objects: every line
// table row, written as function+offset, file and line, is the same in
// both, and so are the compile units' names; StripDebug drops the
// sections and changes nothing else that is loaded.
func TestDebugSections(t *testing.T) {
	for _, tg := range gnutest.Both {
		t.Run(tg.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			flags := append(slices.Clip(gnutest.FreestandingFlags), "-g")
			objs := tg.Compile(t, flags, dir, "testdata/free/main.c", "testdata/free/lib.c")
			exe, err := linkFiles(t, link.Config{}, objs...)
			if err != nil {
				t.Fatal(err)
			}
			ours := checkExe(t, exe, tg.Machine, "_start")
			checkSections(t, ours)
			out, code := tg.RunExe(t, dir, exe)
			checkFreeRun(t, "our link with -g", out, code)
			gnu := filepath.Join(dir, "gnu")
			tg.LinkGNU(t, gnu, objs...)
			theirs, err := elf.Open(gnu)
			if err != nil {
				t.Fatal(err)
			}
			defer theirs.Close()
			got, want := debugRows(t, ours), debugRows(t, theirs)
			if len(want) == 0 {
				t.Fatal("GNU ld's link has no line rows")
			}
			if !slices.Equal(got, want) {
				t.Errorf("line rows differ from GNU ld's:\nours:   %q\ntheirs: %q", got, want)
			}

			stripped, err := linkFiles(t, link.Config{StripDebug: true}, objs...)
			if err != nil {
				t.Fatal(err)
			}
			f := checkExe(t, stripped, tg.Machine, "_start")
			for _, s := range f.Sections {
				if len(s.Name) > 7 && s.Name[:7] == ".debug_" {
					t.Errorf("StripDebug kept %s", s.Name)
				}
			}
			if !bytes.Equal(loaded(t, f), loaded(t, ours)) {
				t.Error("StripDebug changed the loaded segments")
			}
		})
	}
}

// debugRows returns the line table rows of f as "unit function+offset
// file:line", with each address written relative to the function symbol
// that contains it, sorted.
func debugRows(t *testing.T, f *elf.File) []string {
	t.Helper()
	d, err := f.DWARF()
	if err != nil {
		t.Fatalf("DWARF: %v", err)
	}
	syms, _ := f.Symbols()
	where := func(addr uint64) string {
		for _, s := range syms {
			if elf.ST_TYPE(s.Info) == elf.STT_FUNC && addr >= s.Value && addr < s.Value+s.Size {
				return fmt.Sprintf("%s+%#x", s.Name, addr-s.Value)
			}
		}
		return "?"
	}
	var rows []string
	r := d.Reader()
	e, err := r.Next()
	for ; e != nil && err == nil; e, err = r.Next() {
		if e.Tag != dwarf.TagCompileUnit {
			r.SkipChildren()
			continue
		}
		lr, err := d.LineReader(e)
		if err != nil || lr == nil {
			t.Fatalf("line table of %v: %v", e.Val(dwarf.AttrName), err)
		}
		var row dwarf.LineEntry
		for lr.Next(&row) == nil {
			if !row.EndSequence {
				rows = append(rows, fmt.Sprintf("%v %s %s:%d", e.Val(dwarf.AttrName), where(row.Address), filepath.Base(row.File.Name), row.Line))
			}
		}
		r.SkipChildren()
	}
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(rows)
	return rows
}

// loaded returns the contents of f's loaded segments, but for the ELF
// header (which says where the section headers are).
func loaded(t *testing.T, f *elf.File) []byte {
	t.Helper()
	var b []byte
	for _, p := range f.Progs {
		if p.Type != elf.PT_LOAD {
			continue
		}
		data := make([]byte, p.Filesz)
		if _, err := p.ReadAt(data, 0); err != nil {
			t.Fatal(err)
		}
		b = append(b, data...)
	}
	return b[64:]
}
