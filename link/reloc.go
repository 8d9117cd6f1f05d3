package link

import (
	"debug/elf"
	"encoding/binary"
	"fmt"

	"github.com/naturekit/naturekit/link/object"
)

var le = binary.LittleEndian

// A gotKey identifies a GOT entry: the address of a symbol, or (tls) its
// offset from the thread pointer.
type gotKey struct {
	g     *global        // non-local symbols
	local *object.Symbol // local symbols
	tls   bool
}

// A gotTable is the linker-built global offset table. In a static link
// every entry is a constant the linker fills in.
type gotTable struct {
	index   map[gotKey]int
	entries []gotEnt
}

type gotEnt struct {
	key gotKey
	obj *objFile // object of a local symbol
}

// gotKeyFor returns the GOT key of symbol s referenced from o.
func (l *linker) gotKeyFor(o *objFile, s *object.Symbol, tls bool) gotKey {
	if s == nil || s.Bind == elf.STB_LOCAL || s.Type == elf.STT_SECTION {
		return gotKey{local: s, tls: tls}
	}
	return gotKey{g: l.global(s.Name), tls: tls}
}

// needGOT reserves a GOT entry for s.
func (l *linker) needGOT(o *objFile, s *object.Symbol, tls bool) {
	k := l.gotKeyFor(o, s, tls)
	if l.got.index == nil {
		l.got.index = map[gotKey]int{}
	}
	if _, ok := l.got.index[k]; !ok {
		l.got.index[k] = len(l.got.entries)
		l.got.entries = append(l.got.entries, gotEnt{key: k, obj: o})
	}
}

// gotAddr is the address of the GOT entry of s.
func (l *linker) gotAddr(o *objFile, s *object.Symbol, tls bool) uint64 {
	return l.outs[osGot].addr + 8*uint64(l.got.index[l.gotKeyFor(o, s, tls)])
}

// scanRelocs reserves GOT entries and rejects unsupported relocations
// before layout.
func (l *linker) scanRelocs() error {
	for _, o := range l.objs {
		for _, s := range o.f.Sections {
			is := o.secs[s]
			if is == nil || len(s.Relocs) == 0 {
				continue
			}
			if s.Type == elf.SHT_NOBITS {
				return fmt.Errorf("%s: relocations against NOBITS section %s", o.name, s.Name)
			}
			for i := range s.Relocs {
				if err := l.arch.scan(l, o, is, &s.Relocs[i]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// A relocCtx is one relocation being applied.
type relocCtx struct {
	o   *objFile
	is  *inSec
	r   *object.Reloc
	buf []byte // the input section's bytes in the output image
	P   uint64 // address of the place
	S   uint64 // value of the symbol
	A   int64  // addend
}

// field returns the n bytes at the relocation's offset.
func (c *relocCtx) field(l *linker, n uint64) ([]byte, error) {
	if c.r.Offset > uint64(len(c.buf)) || n > uint64(len(c.buf))-c.r.Offset {
		return nil, fmt.Errorf("relocation %s at %s: field past end of section", l.relocName(c.r.Type), c.site())
	}
	return c.buf[c.r.Offset : c.r.Offset+n], nil
}

func (c *relocCtx) site() string { return site(c.o, c.is.sec, c.r.Offset) }

func (l *linker) rangeErr(c *relocCtx) error {
	return fmt.Errorf("relocation %s out of range at %s against '%s'", l.relocName(c.r.Type), c.site(), symName(c.r.Symbol))
}

func (l *linker) unsupported(o *objFile, is *inSec, r *object.Reloc) error {
	return fmt.Errorf("unsupported relocation %s at %s against '%s'", l.relocName(r.Type), site(o, is.sec, r.Offset), symName(r.Symbol))
}

// tpoff is the offset of TLS address S from the thread pointer.
func (l *linker) tpoff(S uint64) int64 {
	if l.arch.machine == elf.EM_AARCH64 {
		return int64(S-l.tls.addr) + int64(alignUp(16, l.tls.align))
	}
	return int64(S - (l.tls.addr + alignUp(l.tls.memsz, l.tls.align)))
}

// symValue resolves the target of a relocation. ok is false for an
// undefined non-weak reference, which has been reported.
func (l *linker) symValue(o *objFile, is *inSec, r *object.Reloc) (uint64, bool) {
	s := r.Symbol
	if s == nil {
		return 0, true
	}
	if s.Bind == elf.STB_LOCAL || s.Type == elf.STT_SECTION {
		if !s.Defined() {
			l.addErr(fmt.Errorf("undefined local symbol '%s' (from %s)", s.Name, site(o, is.sec, r.Offset)))
			return 0, false
		}
		a, err := l.localAddr(o, s)
		if _, discarded := err.(*discardedError); discarded && is.out.seg == segNone {
			return 0, true // debugging information about discarded code, as ld does
		}
		if err != nil {
			l.addErr(fmt.Errorf("%v (from %s)", err, site(o, is.sec, r.Offset)))
			return 0, false
		}
		return a, true
	}
	g := l.global(s.Name)
	if g.sym != nil || g.linker != "" || s.Bind == elf.STB_WEAK {
		return g.addr, true
	}
	if !l.undef[s.Name] {
		l.undef[s.Name] = true
		l.addErr(fmt.Errorf("undefined reference to '%s' (from %s)", s.Name, site(o, is.sec, r.Offset)))
	}
	return 0, false
}

// applyRelocs patches the image with every relocation of every kept
// section.
func (l *linker) applyRelocs(img []byte) error {
	for _, o := range l.objs {
		for _, s := range o.f.Sections {
			is := o.secs[s]
			if is == nil || len(s.Relocs) == 0 {
				continue
			}
			off := is.out.offset + is.off
			buf := img[off : off+s.Size]
			for i := range s.Relocs {
				r := &s.Relocs[i]
				S, ok := l.symValue(o, is, r)
				if !ok {
					continue
				}
				c := &relocCtx{o: o, is: is, r: r, buf: buf, P: is.addr() + r.Offset, S: S, A: r.Addend}
				if err := l.arch.apply(l, c); err != nil {
					l.addErr(err)
				}
			}
		}
	}
	return l.joinErrs()
}

func (l *linker) joinErrs() error {
	if len(l.errs) == 0 {
		return nil
	}
	return &Error{Errs: l.errs}
}

// An Error lists the problems found while applying relocations
// (undefined references, overflows, unsupported relocations), at most 20.
type Error struct {
	Errs []error
}

func (e *Error) Error() string {
	s := ""
	for i, err := range e.Errs {
		if i > 0 {
			s += "\n"
		}
		s += err.Error()
	}
	return s
}

// Unwrap returns the individual errors.
func (e *Error) Unwrap() []error { return e.Errs }

// A discardedError is a reference to a symbol in a discarded section.
type discardedError struct{ obj, sym, sec string }

func (e *discardedError) Error() string {
	return fmt.Sprintf("%s: symbol '%s' is in discarded section %s", e.obj, e.sym, e.sec)
}

// fitsSigned reports whether v fits in a bits-wide two's complement field.
func fitsSigned(v int64, bits uint) bool {
	lim := int64(1) << (bits - 1)
	return v >= -lim && v < lim
}

// fitsEither reports whether v fits in bits as a signed or unsigned value.
func fitsEither(v int64, bits uint) bool {
	return v >= -(int64(1)<<(bits-1)) && (v < 0 || uint64(v) < uint64(1)<<bits)
}

// fillGOT writes the GOT entries into the image.
func (l *linker) fillGOT(img []byte) error {
	got := l.outs[osGot]
	for i, e := range l.got.entries {
		var v uint64
		switch {
		case e.key.g != nil:
			v = e.key.g.addr
		case e.key.local != nil:
			a, err := l.localAddr(e.obj, e.key.local)
			if err != nil {
				return err
			}
			v = a
		}
		if e.key.tls {
			v = uint64(l.tpoff(v))
		}
		le.PutUint64(img[got.offset+uint64(i)*8:], v)
	}
	return nil
}
