package link

import (
	"debug/elf"
	"errors"
	"fmt"

	"github.com/naturekit/naturekit/link/object"
)

// linker holds the state of one link.
type linker struct {
	cfg     Config
	arch    *archInfo
	objs    []*objFile
	globals map[string]*global
	order   []*global // globals in order of first appearance
	outs    []*outSection
	got     gotTable
	segs    []segment
	end     uint64 // the file offset where the sections' contents end
	tls     tlsInfo
	errs    []error
	undef   map[string]bool // undefined symbols already reported
	tooBig  bool            // some output section exceeds the address space
}

// maxErrors bounds the number of relocation errors reported by one link.
const maxErrors = 20

// Link links the inputs and returns the contents of the output file.
// Nothing is written anywhere: the caller decides where the bytes go.
func Link(cfg Config, inputs ...Input) ([]byte, error) {
	if cfg.Entry == "" {
		cfg.Entry = "_start"
	}
	if cfg.Base == 0 {
		cfg.Base = defaultBase
	}
	l := &linker{cfg: cfg, globals: map[string]*global{}, undef: map[string]bool{}}
	if cfg.Machine != 0 {
		a, err := archFor(cfg.Machine)
		if err != nil {
			return nil, err
		}
		l.arch = a
	}
	if cfg.Kind == Executable {
		l.global(cfg.Entry).strong = true
	}
	if err := l.load(inputs); err != nil {
		return nil, err
	}
	if cfg.Kind == Relocatable {
		return l.relocatable()
	}
	return l.executable()
}

func (l *linker) load(inputs []Input) error {
	for i, in := range inputs {
		switch {
		case in.Object != nil:
			name := in.Object.Name
			if name == "" {
				name = fmt.Sprintf("input#%d", i)
			}
			if err := l.addObject(in.Object, name); err != nil {
				return err
			}
		case in.Archive != nil:
			if err := l.addArchive(in.Archive); err != nil {
				return err
			}
		default:
			return fmt.Errorf("input %d is empty", i)
		}
	}
	if l.arch == nil {
		return errors.New("no object files to link")
	}
	return nil
}

func (l *linker) executable() ([]byte, error) {
	l.defineLinkerSymbols()
	entry := l.globals[l.cfg.Entry]
	if entry.sym == nil && entry.linker == "" {
		l.addErr(fmt.Errorf("undefined entry symbol '%s'", l.cfg.Entry))
	}
	l.placeSections()
	if err := l.scanRelocs(); err != nil {
		return nil, err
	}
	l.layout()
	if err := l.checkSize(); err != nil {
		return nil, err
	}
	if err := l.assignSymbols(); err != nil {
		return nil, err
	}
	return l.emit()
}

// addErr records a relocation error; it reports whether to keep going.
func (l *linker) addErr(err error) {
	if len(l.errs) < maxErrors {
		l.errs = append(l.errs, err)
	}
}

// site names a relocation site as file:section+offset.
func site(o *objFile, sec *object.Section, off uint64) string {
	return fmt.Sprintf("%s:%s+%#x", o.name, sec.Name, off)
}

// symName names a relocation's target symbol for messages.
func symName(s *object.Symbol) string {
	if s == nil {
		return "*ABS*"
	}
	return s.Name
}

// relocName names a relocation type of the target machine.
func (l *linker) relocName(t uint32) string {
	if l.arch.machine == elf.EM_AARCH64 {
		return elf.R_AARCH64(t).String()
	}
	return elf.R_X86_64(t).String()
}

// maxAddr bounds the end of the image: user space on both targets.
const maxAddr = 1 << 47

// checkSize rejects layouts that do not fit the address space or whose
// file image would be far larger than the inputs (hostile alignments),
// before anything is allocated.
func (l *linker) checkSize() error {
	var in uint64
	for _, o := range l.outs {
		if o.typ != elf.SHT_NOBITS {
			in += o.size
		}
	}
	last := l.segs[len(l.segs)-1]
	end := last.addr + last.memsz
	if l.tooBig || end < last.addr || end > maxAddr || last.memsz > maxAddr {
		return fmt.Errorf("output does not fit in the address space (ends at %#x)", end)
	}
	if size := l.end; size > 16*in+1<<24 {
		return fmt.Errorf("output image would be %d bytes for %d bytes of section contents (alignment padding)", size, in)
	}
	return nil
}
