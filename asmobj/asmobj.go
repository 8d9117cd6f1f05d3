// Package asmobj bridges naturekit's assembler and linker: it turns the
// assembler's in-memory result (asm.Object: section bytes, symbols and
// relocations by name) into the linker's ELF object model
// (object.File), ready for link.Link or to be written as a .o file with
// object.Write.
//
// The assembler and the linker do not import each other, so that each
// is reusable alone; they agree only on debug/elf's section, symbol and
// relocation types. This module is the one place that knows both.
package asmobj

import (
	"debug/elf"
	"fmt"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/link/object"
)

// Convert converts an assembled object into the linker's ELF object
// model. name is the object's file name in the linker's error messages.
// Local symbols keep their order; a relocation against a section (as
// GNU as emits for local labels) gets that section's STT_SECTION
// symbol, created once per section.
func Convert(name string, o *asm.Object) (*object.File, error) {
	f := &object.File{Name: name, Machine: o.Machine}
	secs := map[string]*object.Section{}
	for _, s := range o.Sections {
		sec := &object.Section{Name: s.Name, Type: s.Type, Flags: s.Flags, Align: s.Align, Data: s.Data, Size: s.Size}
		secs[s.Name] = sec
		f.Sections = append(f.Sections, sec)
	}
	syms := map[string]*object.Symbol{}
	for _, s := range o.Symbols {
		sym := &object.Symbol{Name: s.Name, Value: s.Value, Size: s.Size, Bind: s.Bind, Type: s.Type}
		if s.Section != "" {
			if sym.Section = secs[s.Section]; sym.Section == nil {
				return nil, fmt.Errorf("%s: symbol %s is in unknown section %s", name, s.Name, s.Section)
			}
		}
		if s.Bind != elf.STB_LOCAL {
			syms[s.Name] = sym
		} else if _, dup := syms[s.Name]; !dup {
			syms[s.Name] = sym
		}
		f.Symbols = append(f.Symbols, sym)
	}
	sectionSyms := map[*object.Section]*object.Symbol{}
	for _, s := range o.Sections {
		sec := secs[s.Name]
		for _, r := range s.Reloc {
			target, err := relocSymbol(f, r, secs, syms, sectionSyms)
			if err != nil {
				return nil, fmt.Errorf("%s: %s+%#x: %v", name, s.Name, r.Offset, err)
			}
			sec.Relocs = append(sec.Relocs, object.Reloc{Offset: r.Offset, Type: r.Type, Symbol: target, Addend: r.Addend})
		}
	}
	return f, nil
}

func relocSymbol(f *object.File, r asm.Reloc, secs map[string]*object.Section,
	syms map[string]*object.Symbol, sectionSyms map[*object.Section]*object.Symbol) (*object.Symbol, error) {
	if !r.SectionSym {
		if s := syms[r.Symbol]; s != nil {
			return s, nil
		}
		return nil, fmt.Errorf("relocation against %s, which is not in the symbol table", r.Symbol)
	}
	sec := secs[r.Symbol]
	if sec == nil {
		return nil, fmt.Errorf("relocation against unknown section %s", r.Symbol)
	}
	if s := sectionSyms[sec]; s != nil {
		return s, nil
	}
	s := &object.Symbol{Section: sec, Bind: elf.STB_LOCAL, Type: elf.STT_SECTION}
	f.Symbols = append(f.Symbols, s)
	sectionSyms[sec] = s
	return s, nil
}
