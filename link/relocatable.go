package link

import (
	"debug/elf"

	"github.com/naturekit/naturekit/link/object"
)

// A relPlace is where an input section lands in relocatable output.
type relPlace struct {
	sec *object.Section
	off uint64
}

// relocatable combines the loaded objects into one relocatable object
// (ld -r): sections with the same name are concatenated in input order,
// local symbols are kept, global symbols are resolved to one entry each,
// and relocations are carried over, rebased to the merged sections.
func (l *linker) relocatable() ([]byte, error) {
	out := &object.File{Name: "ld-r", Machine: l.arch.machine}
	byName := map[string]*object.Section{}
	place := map[*object.Section]relPlace{}
	for _, o := range l.objs {
		for _, s := range o.f.Sections {
			dst := byName[s.Name]
			if dst == nil {
				dst = &object.Section{Name: s.Name, Type: s.Type, Flags: s.Flags, Entsize: s.Entsize, Align: 1}
				byName[s.Name] = dst
				out.Sections = append(out.Sections, dst)
			}
			a := max(s.Align, 1)
			dst.Align = max(dst.Align, a)
			off := alignUp(dst.Size, a)
			if dst.Type != elf.SHT_NOBITS {
				dst.Data = append(dst.Data, make([]byte, off-dst.Size)...)
				dst.Data = append(dst.Data, s.Data...)
			}
			dst.Size = off + s.Size
			place[s] = relPlace{dst, off}
		}
	}
	globals := l.relGlobals(out, place)
	for _, o := range l.objs {
		locals := map[*object.Symbol]*object.Symbol{}
		for _, s := range o.f.Symbols {
			if s.Bind == elf.STB_LOCAL && s.Type != elf.STT_SECTION {
				c := *s
				if s.Section != nil {
					p := place[s.Section]
					c.Section, c.Value = p.sec, s.Value+p.off
				}
				locals[s] = &c
				out.Symbols = append(out.Symbols, &c)
			}
		}
		for _, s := range o.f.Sections {
			p := place[s]
			for _, r := range s.Relocs {
				nr := object.Reloc{Offset: r.Offset + p.off, Type: r.Type, Addend: r.Addend}
				switch sym := r.Symbol; {
				case sym == nil:
				case sym.Type == elf.STT_SECTION && sym.Section != nil:
					sp := place[sym.Section]
					nr.Symbol = out.SectionSymbol(sp.sec)
					nr.Addend += int64(sp.off)
				case sym.Bind == elf.STB_LOCAL:
					nr.Symbol = locals[sym]
				default:
					nr.Symbol = globals[sym.Name]
					if nr.Symbol == nil { // a symbol the table did not list
						nr.Symbol = &object.Symbol{Name: sym.Name, Bind: elf.STB_GLOBAL}
						globals[sym.Name] = nr.Symbol
						out.Symbols = append(out.Symbols, nr.Symbol)
					}
				}
				p.sec.Relocs = append(p.sec.Relocs, nr)
			}
		}
	}
	return out.Marshal()
}

// relGlobals makes the output symbol of every global name.
func (l *linker) relGlobals(out *object.File, place map[*object.Section]relPlace) map[string]*object.Symbol {
	m := map[string]*object.Symbol{}
	for _, g := range l.order {
		s := &object.Symbol{Name: g.name, Bind: elf.STB_GLOBAL}
		if !g.strong {
			s.Bind = elf.STB_WEAK
		}
		if d := g.sym; d != nil {
			s.Bind, s.Type, s.Size, s.Other, s.Value, s.Shndx = d.Bind, d.Type, d.Size, d.Other, d.Value, d.Shndx
			if d.Common() {
				s.Size, s.Value = g.common, g.comAlign
			}
			if d.Section != nil {
				p := place[d.Section]
				s.Section, s.Value = p.sec, d.Value+p.off
			}
		}
		m[g.name] = s
		out.Symbols = append(out.Symbols, s)
	}
	return m
}
