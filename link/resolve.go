package link

import (
	"debug/elf"
	"fmt"
	"strings"

	"github.com/naturekit/naturekit/link/archive"
	"github.com/naturekit/naturekit/link/object"
)

// An objFile is an object taking part in the link.
type objFile struct {
	f    *object.File
	name string
	secs map[*object.Section]*inSec // kept sections
}

// A global is the linker's view of one non-local symbol name.
type global struct {
	name     string
	sym      *object.Symbol // chosen definition; nil while undefined
	obj      *objFile       // object of sym
	strong   bool           // referenced by a non-weak undefined symbol
	common   uint64         // size when the definition is COMMON
	comAlign uint64
	linker   string // name of the linker-defined value, if it is one
	comSec   *inSec // placement of a COMMON definition
	addr     uint64 // final address, set after layout
}

// rank orders definitions: a strong definition beats a COMMON one, which
// beats a weak one.
func rank(s *object.Symbol) int {
	switch {
	case !s.Defined():
		return 0
	case s.Bind == elf.STB_WEAK:
		return 1
	case s.Common():
		return 2
	}
	return 3
}

func (l *linker) global(name string) *global {
	g := l.globals[name]
	if g == nil {
		g = &global{name: name}
		l.globals[name] = g
		l.order = append(l.order, g)
	}
	return g
}

// addObject adds an object to the link and resolves its global symbols.
func (l *linker) addObject(f *object.File, name string) error {
	if l.arch == nil {
		a, err := archFor(f.Machine)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		l.arch = a
	}
	if f.Machine != l.arch.machine {
		return fmt.Errorf("%s: machine %v does not match %v", name, f.Machine, l.arch.machine)
	}
	for _, s := range f.Sections {
		if err := checkSection(name, s); err != nil {
			return err
		}
	}
	o := &objFile{f: f, name: name, secs: map[*object.Section]*inSec{}}
	l.objs = append(l.objs, o)
	for _, s := range f.Symbols {
		if s.Bind == elf.STB_LOCAL || s.Type == elf.STT_SECTION || s.Type == elf.STT_FILE {
			continue
		}
		if s.Name == "" {
			return fmt.Errorf("%s: global symbol with empty name", name)
		}
		g := l.global(s.Name)
		if !s.Defined() {
			if s.Bind != elf.STB_WEAK {
				g.strong = true
			}
			continue
		}
		if err := l.define(g, o, s); err != nil {
			return err
		}
	}
	return nil
}

func (l *linker) define(g *global, o *objFile, s *object.Symbol) error {
	if g.sym == nil {
		g.sym, g.obj = s, o
		if s.Common() {
			g.common, g.comAlign = s.Size, s.Value
		}
		return nil
	}
	old, nw := rank(g.sym), rank(s)
	switch {
	case old == 3 && nw == 3:
		return fmt.Errorf("multiple definition of '%s': first defined in %s, again in %s", g.name, g.obj.name, o.name)
	case old == 2 && nw == 2:
		g.common = max(g.common, s.Size)
		g.comAlign = max(g.comAlign, s.Value)
	case nw > old:
		g.sym, g.obj = s, o
		if s.Common() {
			g.common, g.comAlign = max(g.common, s.Size), max(g.comAlign, s.Value)
		}
	}
	return nil
}

// wanted reports whether an archive member defining name should be loaded.
func (l *linker) wanted(name string) bool {
	g := l.globals[name]
	return g != nil && g.sym == nil && g.strong
}

// addArchive loads the members of a that define symbols that are still
// undefined, until no member is added.
func (l *linker) addArchive(a *archive.Archive) error {
	syms := a.Symbols
	if !a.HasIndex {
		var err error
		if syms, err = buildIndex(a); err != nil {
			return err
		}
	}
	loaded := make([]bool, len(a.Members))
	for changed := true; changed; {
		changed = false
		for _, s := range syms {
			if loaded[s.Member] || !l.wanted(s.Name) {
				continue
			}
			loaded[s.Member] = true
			changed = true
			m := a.Members[s.Member]
			name := fmt.Sprintf("%s(%s)", a.Name, m.Name)
			f, err := object.Read(name, m.Data)
			if err != nil {
				return err
			}
			if err := l.addObject(f, name); err != nil {
				return err
			}
		}
	}
	return nil
}

// buildIndex makes the symbol index of an archive that has none by
// reading every member that is an ELF object.
func buildIndex(a *archive.Archive) ([]archive.Symbol, error) {
	var syms []archive.Symbol
	for i, m := range a.Members {
		if !strings.HasPrefix(string(m.Data), elf.ELFMAG) {
			continue
		}
		f, err := object.Read(fmt.Sprintf("%s(%s)", a.Name, m.Name), m.Data)
		if err != nil {
			return nil, err
		}
		for _, s := range f.Symbols {
			if s.Bind != elf.STB_LOCAL && s.Defined() && s.Type != elf.STT_SECTION {
				syms = append(syms, archive.Symbol{Name: s.Name, Member: i})
			}
		}
	}
	return syms, nil
}

// isLinkerSymbol reports whether the linker defines name when it is
// referenced and no input defines it.
func isLinkerSymbol(name string) bool {
	switch name {
	case "__executable_start", "__ehdr_start",
		"_etext", "etext", "__etext",
		"__data_start", "data_start", "_edata", "edata", "__bss_start", "_end", "end",
		"__init_array_start", "__init_array_end",
		"__fini_array_start", "__fini_array_end",
		"__preinit_array_start", "__preinit_array_end",
		"_GLOBAL_OFFSET_TABLE_":
		return true
	}
	return false
}

// defineLinkerSymbols marks the undefined references the linker will
// satisfy itself; their values are set after layout.
func (l *linker) defineLinkerSymbols() {
	for _, g := range l.order {
		if g.sym == nil && isLinkerSymbol(g.name) {
			g.linker = g.name
		}
	}
}

// checkSection validates a section of a (possibly hand-built) object.
func checkSection(obj string, s *object.Section) error {
	switch {
	case s == nil:
		return fmt.Errorf("%s: nil section", obj)
	case s.Type != elf.SHT_NOBITS && uint64(len(s.Data)) != s.Size:
		return fmt.Errorf("%s: section %s: Size %d but %d bytes of Data", obj, s.Name, s.Size, len(s.Data))
	case s.Align&(s.Align-1) != 0 || s.Align > 1<<24:
		return fmt.Errorf("%s: section %s: bad alignment %#x", obj, s.Name, s.Align)
	}
	return nil
}
