package object_test

import (
	"bytes"
	"debug/elf"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/naturekit/naturekit/link/internal/linktest"
	"github.com/naturekit/naturekit/link/object"
)

// TestWriteReadBack writes the hand-built object and reads it back with
// debug/elf and with Read.
func TestWriteReadBack(t *testing.T) {
	f := linktest.HandBuilt()
	b, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	// debug/elf must agree with what we meant to write.
	ef, err := elf.NewFile(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("debug/elf: %v", err)
	}
	if ef.Type != elf.ET_REL || ef.Machine != elf.EM_X86_64 {
		t.Errorf("type %v machine %v", ef.Type, ef.Machine)
	}
	symtab := ef.Section(".symtab")
	firstGlobal := 0
	syms, _ := ef.Symbols()
	for i, s := range syms {
		if elf.ST_BIND(s.Info) != elf.STB_LOCAL {
			firstGlobal = i + 1
			break
		}
	}
	if int(symtab.Info) != firstGlobal {
		t.Errorf(".symtab sh_info = %d, first global is %d", symtab.Info, firstGlobal)
	}
	rela := ef.Section(".rela.text")
	if rela == nil || rela.Flags&elf.SHF_INFO_LINK == 0 || ef.Sections[rela.Info].Name != ".text" {
		t.Errorf(".rela.text missing or badly linked: %+v", rela)
	}
	g, err := object.Read("hand.o", b)
	if err != nil {
		t.Fatal(err)
	}
	linktest.SortLocalsFirst(f)
	if d := cmp.Diff(linktest.Dump(f), linktest.Dump(g)); d != "" {
		t.Errorf("read back differs (-written +read):\n%s", d)
	}
}
