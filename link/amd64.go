package link

import (
	"debug/elf"

	"github.com/naturekit/naturekit/link/object"
)

// amd64 relocations. Notation as in the psABI: S symbol value, A addend,
// P place, G address of the symbol's GOT entry, GOT address of the GOT.

// relaxGOTPCRELX reports whether the GOT load at data[off] can be turned
// into a direct reference: "mov foo@GOTPCREL(%rip), %reg" becomes "lea
// foo(%rip), %reg", and "call/jmp *foo@GOTPCREL(%rip)" become direct.
// Absolute symbols are never relaxed: their value may be out of reach of
// a 32-bit displacement.
func relaxGOTPCRELX(data []byte, off uint64, typ elf.R_X86_64, abs bool) bool {
	if typ != elf.R_X86_64_GOTPCRELX && typ != elf.R_X86_64_REX_GOTPCRELX {
		return false
	}
	if abs || off < 2 || off > uint64(len(data)) {
		return false
	}
	switch op := data[off-2]; {
	case op == 0x8b:
		return true
	case op == 0xff && typ == elf.R_X86_64_GOTPCRELX:
		m := data[off-1]
		return m == 0x15 || m == 0x25
	}
	return false
}

// relaxGOTTPOFF reports whether the initial-exec TLS load at data[off],
// "mov foo@gottpoff(%rip), %reg" with a REX.W prefix, can become "mov
// $tpoff, %reg" (local exec): always, in a static executable.
func relaxGOTTPOFF(data []byte, off uint64) bool {
	if off < 3 || off > uint64(len(data)) {
		return false
	}
	rex, op, modrm := data[off-3], data[off-2], data[off-1]
	return (rex == 0x48 || rex == 0x4c) && op == 0x8b && modrm&0xc7 == 0x05
}

func scanAMD64(l *linker, o *objFile, is *inSec, r *object.Reloc) error {
	t := elf.R_X86_64(r.Type)
	switch t {
	case elf.R_X86_64_GOTPCREL, elf.R_X86_64_GOTPCRELX, elf.R_X86_64_REX_GOTPCRELX, elf.R_X86_64_GOTPCREL64:
		if !relaxGOTPCRELX(is.sec.Data, r.Offset, t, l.isAbs(r.Symbol)) {
			l.needGOT(o, r.Symbol, false)
		}
	case elf.R_X86_64_GOTTPOFF:
		if !relaxGOTTPOFF(is.sec.Data, r.Offset) {
			l.needGOT(o, r.Symbol, true)
		}
	case elf.R_X86_64_TLSGD, elf.R_X86_64_TLSLD, elf.R_X86_64_GOTPC32_TLSDESC, elf.R_X86_64_TLSDESC_CALL,
		elf.R_X86_64_GOT32, elf.R_X86_64_GOT64, elf.R_X86_64_GOTPLT64, elf.R_X86_64_PLTOFF64:
		return l.unsupported(o, is, r)
	}
	return nil
}

func applyAMD64(l *linker, c *relocCtx) error {
	t := elf.R_X86_64(c.r.Type)
	S, A, P := c.S, c.A, c.P
	got := l.outs[osGot].addr
	switch t {
	case elf.R_X86_64_NONE:
		return nil
	case elf.R_X86_64_64:
		return c.put64(l, S+uint64(A))
	case elf.R_X86_64_PC64:
		return c.put64(l, S+uint64(A)-P)
	case elf.R_X86_64_PC32, elf.R_X86_64_PLT32:
		return c.put32s(l, int64(S+uint64(A)-P))
	case elf.R_X86_64_32:
		v := S + uint64(A)
		if v>>32 != 0 {
			return l.rangeErr(c)
		}
		return c.put32(l, uint32(v))
	case elf.R_X86_64_32S:
		return c.put32s(l, int64(S+uint64(A)))
	case elf.R_X86_64_16, elf.R_X86_64_PC16, elf.R_X86_64_8, elf.R_X86_64_PC8:
		return c.putSmall(l, t)
	case elf.R_X86_64_GOTPCREL, elf.R_X86_64_GOTPCRELX, elf.R_X86_64_REX_GOTPCRELX:
		return c.gotpcrel(l, t)
	case elf.R_X86_64_GOTPCREL64:
		return c.put64(l, l.gotAddr(c.o, c.r.Symbol, false)+uint64(A)-P)
	case elf.R_X86_64_GOTPC32:
		return c.put32s(l, int64(got+uint64(A)-P))
	case elf.R_X86_64_GOTPC64:
		return c.put64(l, got+uint64(A)-P)
	case elf.R_X86_64_GOTOFF64:
		return c.put64(l, S+uint64(A)-got)
	case elf.R_X86_64_TPOFF32:
		return c.put32s(l, l.tpoff(S)+A)
	case elf.R_X86_64_TPOFF64:
		return c.put64(l, uint64(l.tpoff(S)+A))
	case elf.R_X86_64_DTPOFF32:
		return c.put32s(l, int64(S-l.tls.addr)+A)
	case elf.R_X86_64_DTPOFF64:
		return c.put64(l, S-l.tls.addr+uint64(A))
	case elf.R_X86_64_GOTTPOFF:
		return c.gottpoff(l)
	case elf.R_X86_64_SIZE32, elf.R_X86_64_SIZE64:
		var z uint64
		if c.r.Symbol != nil {
			z = c.r.Symbol.Size
		}
		if t == elf.R_X86_64_SIZE64 {
			return c.put64(l, z+uint64(A))
		}
		return c.put32s(l, int64(z)+A)
	}
	return l.unsupported(c.o, c.is, c.r)
}

func (c *relocCtx) gotpcrel(l *linker, t elf.R_X86_64) error {
	if _, err := c.field(l, 4); err != nil {
		return err
	}
	if !relaxGOTPCRELX(c.buf, c.r.Offset, t, l.isAbs(c.r.Symbol)) {
		G := l.gotAddr(c.o, c.r.Symbol, false)
		return c.put32s(l, int64(G+uint64(c.A)-c.P))
	}
	b := c.buf[c.r.Offset-2 : c.r.Offset]
	switch {
	case b[0] == 0x8b: // mov mem, reg -> lea mem, reg
		b[0] = 0x8d
	case b[1] == 0x15: // call *mem -> addr32 call rel32
		b[0], b[1] = 0x67, 0xe8
	default: // jmp *mem -> jmp rel32; nop
		if c.r.Offset+5 > uint64(len(c.buf)) {
			return l.rangeErr(c)
		}
		b[0], b[1] = 0xe9, 0
		copy(c.buf[c.r.Offset-1:], c.buf[c.r.Offset:c.r.Offset+4])
		c.buf[c.r.Offset+3] = 0x90
		c.r = &object.Reloc{Offset: c.r.Offset - 1, Type: c.r.Type, Symbol: c.r.Symbol, Addend: c.A}
		c.P--
	}
	return c.put32s(l, int64(c.S+uint64(c.A)-c.P))
}

func (c *relocCtx) gottpoff(l *linker) error {
	if _, err := c.field(l, 4); err != nil {
		return err
	}
	if !relaxGOTTPOFF(c.buf, c.r.Offset) {
		G := l.gotAddr(c.o, c.r.Symbol, true)
		return c.put32s(l, int64(G+uint64(c.A)-c.P))
	}
	b := c.buf[c.r.Offset-3 : c.r.Offset]
	if b[0] == 0x4c {
		b[0] = 0x49
	}
	b[1] = 0xc7
	b[2] = 0xc0 | (b[2]>>3)&7
	return c.put32s(l, l.tpoff(c.S))
}

func (c *relocCtx) put64(l *linker, v uint64) error {
	b, err := c.field(l, 8)
	if err == nil {
		le.PutUint64(b, v)
	}
	return err
}

func (c *relocCtx) put32(l *linker, v uint32) error {
	b, err := c.field(l, 4)
	if err == nil {
		le.PutUint32(b, v)
	}
	return err
}

// put32s stores a value that must fit in a signed 32-bit field.
func (c *relocCtx) put32s(l *linker, v int64) error {
	if !fitsSigned(v, 32) {
		return l.rangeErr(c)
	}
	return c.put32(l, uint32(v))
}

func (c *relocCtx) putSmall(l *linker, t elf.R_X86_64) error {
	v := int64(c.S + uint64(c.A))
	if t == elf.R_X86_64_PC16 || t == elf.R_X86_64_PC8 {
		v -= int64(c.P)
	}
	n := uint64(2)
	if t == elf.R_X86_64_8 || t == elf.R_X86_64_PC8 {
		n = 1
	}
	return c.putEither(l, v, n)
}

// putEither stores the n low bytes of v, which must fit in n bytes as a
// signed or an unsigned number (a data relocation of either kind).
func (c *relocCtx) putEither(l *linker, v int64, n uint64) error {
	if !fitsEither(v, uint(n*8)) {
		return l.rangeErr(c)
	}
	b, err := c.field(l, n)
	if err != nil {
		return err
	}
	for i := range b {
		b[i] = byte(v >> (8 * i))
	}
	return nil
}

// isAbs reports whether s resolves to an absolute symbol (or to no symbol).
func (l *linker) isAbs(s *object.Symbol) bool {
	if s == nil {
		return true
	}
	if s.Bind != elf.STB_LOCAL && s.Type != elf.STT_SECTION {
		g := l.global(s.Name)
		if g.linker != "" {
			return false
		}
		if g.sym == nil {
			return false // undefined weak: 0, within reach
		}
		s = g.sym
	}
	return s.Section == nil && s.Shndx == elf.SHN_ABS
}
