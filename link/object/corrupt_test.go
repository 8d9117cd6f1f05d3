package object_test

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/link/internal/linktest"
	"github.com/naturekit/naturekit/link/object"
)

// TestCorrupt damages a valid object in targeted ways; every case must be
// an error that names the file and an offset, never a panic.
func TestCorrupt(t *testing.T) {
	good := linktest.HandBuiltELF(t)
	le := binary.LittleEndian
	shoff := le.Uint64(good[40:])
	shdr := func(b []byte, i int) []byte { return b[shoff+uint64(i)*64:] }
	// Section indices in the written file: 1 .text, 2 .rela.text, ...;
	// find them by type instead of hard-coding.
	find := func(b []byte, typ uint32) int {
		for i := 1; i < int(le.Uint16(b[60:])); i++ {
			if le.Uint32(shdr(b, i)[4:]) == typ {
				return i
			}
		}
		t.Fatalf("no section of type %d", typ)
		return 0
	}
	// data returns the file offset of the contents of the section of
	// type typ.
	data := func(b []byte, typ uint32) uint64 { return le.Uint64(shdr(b, find(b, typ))[24:]) }
	const symtab, rela, strtab = 2, 4, 3
	tests := []struct {
		name   string
		mutate func(b []byte) []byte
		want   string
	}{
		{"empty", func(b []byte) []byte { return nil }, "too short"},
		{"truncated header", func(b []byte) []byte { return b[:40] }, "too short"},
		{"bad magic", func(b []byte) []byte { b[1] = 'X'; return b }, "bad magic"},
		{"elf32", func(b []byte) []byte { b[4] = 1; return b }, "not ELF64"},
		{"big endian", func(b []byte) []byte { b[5] = 2; return b }, "little-endian"},
		{"not relocatable", func(b []byte) []byte { b[16] = 2; return b }, "not a relocatable"},
		{"truncated sections", func(b []byte) []byte { return b[:len(b)-10] }, "past end of file"},
		{"huge shnum", func(b []byte) []byte { le.PutUint16(b[60:], 0xfeff); return b }, "past end of file"},
		{"shoff past end", func(b []byte) []byte { le.PutUint64(b[40:], 1<<62); return b }, "past end of file"},
		{"bad shentsize", func(b []byte) []byte { le.PutUint16(b[58:], 40); return b }, "section header size"},
		{"bad shstrndx", func(b []byte) []byte { le.PutUint16(b[62:], 1); return b }, "name table"},
		{"section past end", func(b []byte) []byte { le.PutUint64(shdr(b, 1)[32:], 1<<40); return b }, "past end of file"},
		{"section offset overflow", func(b []byte) []byte {
			le.PutUint64(shdr(b, 1)[24:], ^uint64(0)-4)
			return b
		}, "past end of file"},
		{"overlap", func(b []byte) []byte {
			le.PutUint64(shdr(b, 2)[24:], le.Uint64(shdr(b, 1)[24:]))
			return b
		}, "overlap"},
		{"bad alignment", func(b []byte) []byte { le.PutUint64(shdr(b, 1)[48:], 3); return b }, "alignment"},
		{"bad section name", func(b []byte) []byte { le.PutUint32(shdr(b, 1)[0:], 1<<30); return b }, "string index"},
		{"bad symbol name", func(b []byte) []byte { le.PutUint32(b[data(b, symtab)+24:], 1<<30); return b }, "string index"},
		{"bad symbol section", func(b []byte) []byte { le.PutUint16(b[data(b, symtab)+24+6:], 999); return b }, "bad section index"},
		{"bad symtab entsize", func(b []byte) []byte { le.PutUint64(shdr(b, find(b, symtab))[56:], 7); return b }, "entry size"},
		{"bad reloc symbol", func(b []byte) []byte { le.PutUint32(b[data(b, rela)+12:], 1<<20); return b }, "symbol index"},
		{"bad reloc offset", func(b []byte) []byte { le.PutUint64(b[data(b, rela):], 1<<40); return b }, "past end of section"},
		{"bad reloc target", func(b []byte) []byte { le.PutUint32(shdr(b, find(b, rela))[44:], 999); return b }, "target section"},
		{"unterminated string", func(b []byte) []byte {
			i := find(b, strtab)
			off, size := le.Uint64(shdr(b, i)[24:]), le.Uint64(shdr(b, i)[32:])
			b[off+size-1] = 'x'
			return b
		}, "NUL-terminated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.mutate(append([]byte(nil), good...))
			_, err := object.Read("bad.o", b)
			if err == nil {
				t.Fatal("no error")
			}
			var fe *object.FormatError
			if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), "bad.o: malformed ELF object at offset 0x") {
				t.Errorf("error %q does not name the file and an offset", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}
