package dwarf_test

import (
	stddwarf "debug/dwarf"
	"encoding/binary"
	"fmt"
	"slices"
	"testing"

	"github.com/naturekit/naturekit/lower/dwarf"
)

// layout gives the labels of the code addresses, as an assembler and a
// linker would; labels of the debugging sections get their offsets.
type layout map[string]uint64

// resolve lays out the sections' pieces: labels at their offsets, values
// computed from l (a label of another debugging section is its offset in
// it, as the linker relocates an executable's non-loaded sections).
func resolve(t *testing.T, secs []dwarf.Section, l layout) map[string][]byte {
	t.Helper()
	for _, s := range secs {
		off := uint64(0)
		for _, p := range s.Pieces {
			switch {
			case p.Label != "":
				l[p.Label] = off
			default:
				off += uint64(len(p.Bytes) + p.Size)
			}
		}
	}
	out := map[string][]byte{}
	for _, s := range secs {
		var b []byte
		for _, p := range s.Pieces {
			if p.Size == 0 {
				b = append(b, p.Bytes...)
				continue
			}
			v := uint64(p.Expr.Add)
			for _, sym := range []string{p.Expr.Sym, p.Expr.Minus} {
				if _, ok := l[sym]; sym != "" && !ok {
					t.Fatalf("%s: undefined label %s", s.Name, sym)
				}
			}
			if p.Expr.Sym != "" {
				v += l[p.Expr.Sym]
			}
			if p.Expr.Minus != "" {
				v -= l[p.Expr.Minus]
			}
			switch p.Size {
			case 2:
				b = binary.LittleEndian.AppendUint16(b, uint16(v))
			case 4:
				b = binary.LittleEndian.AppendUint32(b, uint32(v))
			case 8:
				b = binary.LittleEndian.AppendUint64(b, v)
			default:
				t.Fatalf("%s: a %d-byte value", s.Name, p.Size)
			}
		}
		out[s.Name] = b
	}
	return out
}

// testProgram has two units: f and g in a.n (g's rows visit b.n, one
// of them far from the previous one), h in b.n without a declaration,
// and a function without positions, which only .debug_frame has.
func testProgram() (*dwarf.Program, layout) {
	pos := func(file string, line, col int) dwarf.Pos { return dwarf.Pos{File: file, Line: line, Col: col} }
	l := layout{"f": 0x1000, "f.1": 0x1004, "f.2": 0x1010, "f.end": 0x1020,
		"g": 0x1020, "g.1": 0x1030, "g.2": 0x31000, "g.end": 0x31008,
		"h": 0x31010, "h.1": 0x31018, "h.end": 0x31020, "nopos": 0x31020, "nopos.end": 0x31030}
	p := &dwarf.Program{Producer: "test", CompDir: "/src", Language: dwarf.LangC, Funcs: []dwarf.Func{
		{Sym: "f", End: "f.end", Name: "main.f", Decl: pos("a.n", 3, 1), Rows: []dwarf.Row{
			{Label: "f.1", Pos: pos("a.n", 4, 5)}, {Label: "f.2", Pos: pos("a.n", 6, 9)}},
			Frame: []dwarf.FrameRow{{Label: "f.1", State: dwarf.FrameState{CFAReg: 6, CFAOff: 16,
				Saved: []dwarf.Saved{{Reg: 16, Off: -8}, {Reg: 6, Off: -16}}}}}},
		{Sym: "g", End: "g.end", Name: "main.g", Decl: pos("a.n", 10, 1), Rows: []dwarf.Row{
			{Label: "g.1", Pos: pos("b.n", 2, 1)}, {Label: "g.2", Pos: pos("a.n", 12, 3), Far: true}}},
		{Sym: "h", End: "h.end", Name: "lib.h", Rows: []dwarf.Row{{Label: "h.1", Pos: pos("b.n", 7, 2)}}},
		{Sym: "nopos", End: "nopos.end", Name: "gen"},
	}, Frame: &dwarf.Frame{RA: 16, DataAlign: -8, Entry: dwarf.FrameState{CFAReg: 7, CFAOff: 8,
		Saved: []dwarf.Saved{{Reg: 16, Off: -8}}}}}
	return p, l
}

// TestSections reads the sections of testProgram back with debug/dwarf.
func TestSections(t *testing.T) {
	p, l := testProgram()
	secs := dwarf.Sections(p)
	var names []string
	for _, s := range secs {
		names = append(names, s.Name)
	}
	if want := []string{".debug_abbrev", ".debug_info", ".debug_ranges", ".debug_line", ".debug_frame"}; !slices.Equal(names, want) {
		t.Fatalf("sections %v, want %v", names, want)
	}
	b := resolve(t, secs, l)
	d, err := stddwarf.New(b[".debug_abbrev"], nil, nil, b[".debug_info"], b[".debug_line"], nil, b[".debug_ranges"], nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	r := d.Reader()
	for {
		e, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e == nil {
			break
		}
		switch e.Tag {
		case stddwarf.TagCompileUnit:
			ranges, err := d.Ranges(e)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("unit %v in %v by %v: %x", e.Val(stddwarf.AttrName), e.Val(stddwarf.AttrCompDir), e.Val(stddwarf.AttrProducer), ranges))
			lr, err := d.LineReader(e)
			if err != nil {
				t.Fatal(err)
			}
			var row stddwarf.LineEntry
			for lr.Next(&row) == nil {
				got = append(got, fmt.Sprintf("  row %#x %s:%d:%d end=%v", row.Address, row.File.Name, row.Line, row.Column, row.EndSequence))
			}
		case stddwarf.TagSubprogram:
			got = append(got, fmt.Sprintf("  func %v %#x+%v decl %v:%v:%v", e.Val(stddwarf.AttrName), e.Val(stddwarf.AttrLowpc),
				e.Val(stddwarf.AttrHighpc), e.Val(stddwarf.AttrDeclFile), e.Val(stddwarf.AttrDeclLine), e.Val(stddwarf.AttrDeclColumn)))
		}
	}
	want := []string{
		"unit a.n in /src by test: [[1000 1020] [1020 31008]]",
		"  row 0x1000 /src/a.n:3:1 end=false",
		"  row 0x1004 /src/a.n:4:5 end=false",
		"  row 0x1010 /src/a.n:6:9 end=false",
		"  row 0x1020 /src/a.n:6:9 end=true",
		"  row 0x1020 /src/a.n:10:1 end=false",
		"  row 0x1030 /src/b.n:2:1 end=false",
		"  row 0x31000 /src/a.n:12:3 end=false",
		"  row 0x31008 /src/a.n:12:3 end=true",
		"  func main.f 0x1000+32 decl 1:3:1",
		"  func main.g 0x1020+196584 decl 1:10:1",
		"unit b.n in /src by test: [[31010 31020]]",
		"  row 0x31010 /src/b.n:7:2 end=false",
		"  row 0x31020 /src/b.n:7:2 end=true",
		"  func lib.h 0x31010+16 decl 0:0:0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("read back:\n%s\nwant:\n%s", fmtLines(got), fmtLines(want))
	}
}

func fmtLines(l []string) string {
	s := ""
	for _, x := range l {
		s += x + "\n"
	}
	return s
}

// TestFrame checks .debug_frame's entries: a CIE with the entry state,
// then an FDE per function pointing at it, each a multiple of 8 bytes,
// and f's instructions: at f.1, the CFA is rbp+16 and rbp is saved at
// CFA-16.
func TestFrame(t *testing.T) {
	p, l := testProgram()
	var frame []byte
	for name, b := range resolve(t, dwarf.Sections(p), l) {
		if name == ".debug_frame" {
			frame = b
		}
	}
	var entries [][]byte
	for off := 0; off < len(frame); {
		n := int(binary.LittleEndian.Uint32(frame[off:]))
		if (n+4)%8 != 0 || off+4+n > len(frame) {
			t.Fatalf("entry at %d: length %d", off, n)
		}
		entries = append(entries, frame[off+4:off+4+n])
		off += 4 + n
	}
	if len(entries) != 1+len(p.Funcs) {
		t.Fatalf("%d entries, want a CIE and %d FDEs", len(entries), len(p.Funcs))
	}
	cie := entries[0]
	// id, version 1, "", code align 1, data align -8, RA 16,
	// def_cfa rsp 8, offset r16 1.
	if want := []byte{0xff, 0xff, 0xff, 0xff, 1, 0, 1, 0x78, 16, 0x0c, 7, 8, 0x90, 1}; !slices.Equal(cie[:len(want)], want) {
		t.Errorf("CIE % x, want % x...", cie, want)
	}
	f := entries[1]
	if binary.LittleEndian.Uint32(f) != 0 || binary.LittleEndian.Uint64(f[4:]) != 0x1000 || binary.LittleEndian.Uint64(f[12:]) != 0x20 {
		t.Errorf("f's FDE header % x", f[:20])
	}
	// advance_loc4 4, def_cfa rbp 16, offset rbp 2, then nops.
	if want := []byte{0x04, 4, 0, 0, 0, 0x0c, 6, 16, 0x86, 2, 0}; !slices.Equal(f[20:20+len(want)], want) {
		t.Errorf("f's instructions % x, want % x", f[20:], want)
	}
}
