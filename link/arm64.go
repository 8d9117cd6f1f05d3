package link

import (
	"debug/elf"

	"github.com/naturekit/naturekit/link/object"
)

// arm64 relocations (ELF for the Arm 64-bit Architecture). GOT-indirect
// and initial-exec TLS references go through a linker-built GOT whose
// entries are constants; they are not relaxed.

func scanARM64(l *linker, o *objFile, is *inSec, r *object.Reloc) error {
	switch elf.R_AARCH64(r.Type) {
	case elf.R_AARCH64_ADR_GOT_PAGE, elf.R_AARCH64_LD64_GOT_LO12_NC, elf.R_AARCH64_GOT_LD_PREL19:
		l.needGOT(o, r.Symbol, false)
	case elf.R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21, elf.R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC, elf.R_AARCH64_TLSIE_LD_GOTTPREL_PREL19:
		l.needGOT(o, r.Symbol, true)
	case elf.R_AARCH64_TLSGD_ADR_PAGE21, elf.R_AARCH64_TLSGD_ADD_LO12_NC, elf.R_AARCH64_TLSGD_ADR_PREL21,
		elf.R_AARCH64_TLSLD_ADR_PAGE21, elf.R_AARCH64_TLSLD_ADR_PREL21,
		elf.R_AARCH64_TLSDESC_ADR_PAGE21, elf.R_AARCH64_TLSDESC_LD64_LO12_NC, elf.R_AARCH64_TLSDESC_ADD_LO12_NC,
		elf.R_AARCH64_TLSDESC_CALL, elf.R_AARCH64_TLSDESC_ADR_PREL21, elf.R_AARCH64_TLSDESC_LD_PREL19:
		return l.unsupported(o, is, r)
	}
	return nil
}

func page(v uint64) uint64 { return v &^ 0xfff }

func applyARM64(l *linker, c *relocCtx) error {
	t := elf.R_AARCH64(c.r.Type)
	SA := c.S + uint64(c.A)
	P := c.P
	switch t {
	case elf.R_AARCH64_NONE, elf.R_AARCH64_NULL:
		return nil
	case elf.R_AARCH64_ABS64:
		return c.put64(l, SA)
	case elf.R_AARCH64_PREL64:
		return c.put64(l, SA-P)
	case elf.R_AARCH64_ABS32, elf.R_AARCH64_PREL32, elf.R_AARCH64_ABS16, elf.R_AARCH64_PREL16:
		v, n := int64(SA), uint64(4)
		if t == elf.R_AARCH64_PREL32 || t == elf.R_AARCH64_PREL16 {
			v = int64(SA - P)
		}
		if t == elf.R_AARCH64_ABS16 || t == elf.R_AARCH64_PREL16 {
			n = 2
		}
		return c.putEither(l, v, n)
	case elf.R_AARCH64_CALL26, elf.R_AARCH64_JUMP26:
		return c.branch(l, int64(SA-P), 28, 0, 26)
	case elf.R_AARCH64_CONDBR19, elf.R_AARCH64_LD_PREL_LO19:
		return c.branch(l, int64(SA-P), 21, 5, 19)
	case elf.R_AARCH64_TSTBR14:
		return c.branch(l, int64(SA-P), 16, 5, 14)
	case elf.R_AARCH64_GOT_LD_PREL19:
		return c.branch(l, int64(l.gotAddr(c.o, c.r.Symbol, false)+uint64(c.A)-P), 21, 5, 19)
	case elf.R_AARCH64_TLSIE_LD_GOTTPREL_PREL19:
		return c.branch(l, int64(l.gotAddr(c.o, c.r.Symbol, true)+uint64(c.A)-P), 21, 5, 19)
	case elf.R_AARCH64_ADR_PREL_LO21:
		v := int64(SA - P)
		if !fitsSigned(v, 21) {
			return l.rangeErr(c)
		}
		return c.adr(l, v)
	case elf.R_AARCH64_ADR_PREL_PG_HI21, elf.R_AARCH64_ADR_PREL_PG_HI21_NC:
		return c.adrp(l, SA, t == elf.R_AARCH64_ADR_PREL_PG_HI21)
	case elf.R_AARCH64_ADR_GOT_PAGE:
		return c.adrp(l, l.gotAddr(c.o, c.r.Symbol, false)+uint64(c.A), true)
	case elf.R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21:
		return c.adrp(l, l.gotAddr(c.o, c.r.Symbol, true)+uint64(c.A), true)
	case elf.R_AARCH64_ADD_ABS_LO12_NC, elf.R_AARCH64_LDST8_ABS_LO12_NC:
		return c.imm12(l, SA&0xfff)
	case elf.R_AARCH64_LDST16_ABS_LO12_NC:
		return c.imm12(l, (SA&0xfff)>>1)
	case elf.R_AARCH64_LDST32_ABS_LO12_NC:
		return c.imm12(l, (SA&0xfff)>>2)
	case elf.R_AARCH64_LDST64_ABS_LO12_NC:
		return c.imm12(l, (SA&0xfff)>>3)
	case elf.R_AARCH64_LDST128_ABS_LO12_NC:
		return c.imm12(l, (SA&0xfff)>>4)
	case elf.R_AARCH64_LD64_GOT_LO12_NC:
		return c.imm12(l, ((l.gotAddr(c.o, c.r.Symbol, false)+uint64(c.A))&0xfff)>>3)
	case elf.R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC:
		return c.imm12(l, ((l.gotAddr(c.o, c.r.Symbol, true)+uint64(c.A))&0xfff)>>3)
	case elf.R_AARCH64_MOVW_UABS_G0, elf.R_AARCH64_MOVW_UABS_G0_NC, elf.R_AARCH64_MOVW_UABS_G1,
		elf.R_AARCH64_MOVW_UABS_G1_NC, elf.R_AARCH64_MOVW_UABS_G2, elf.R_AARCH64_MOVW_UABS_G2_NC, elf.R_AARCH64_MOVW_UABS_G3:
		return c.movw(l, t, SA)
	}
	return c.tlsle(l, t)
}

// tlsle applies the local-exec TLS relocations.
func (c *relocCtx) tlsle(l *linker, t elf.R_AARCH64) error {
	v := l.tpoff(c.S) + c.A
	switch t {
	case elf.R_AARCH64_TLSLE_ADD_TPREL_HI12:
		if v < 0 || v >= 1<<24 {
			return l.rangeErr(c)
		}
		return c.imm12(l, uint64(v>>12)&0xfff)
	case elf.R_AARCH64_TLSLE_ADD_TPREL_LO12:
		if v < 0 || v >= 1<<12 {
			return l.rangeErr(c)
		}
		return c.imm12(l, uint64(v))
	case elf.R_AARCH64_TLSLE_ADD_TPREL_LO12_NC:
		return c.imm12(l, uint64(v)&0xfff)
	case elf.R_AARCH64_TLSLE_MOVW_TPREL_G0_NC:
		return c.movk(l, uint64(v))
	case elf.R_AARCH64_TLSLE_MOVW_TPREL_G1_NC:
		return c.movk(l, uint64(v)>>16)
	case elf.R_AARCH64_TLSLE_MOVW_TPREL_G0, elf.R_AARCH64_TLSLE_MOVW_TPREL_G1, elf.R_AARCH64_TLSLE_MOVW_TPREL_G2:
		shift := map[elf.R_AARCH64]uint{elf.R_AARCH64_TLSLE_MOVW_TPREL_G0: 0, elf.R_AARCH64_TLSLE_MOVW_TPREL_G1: 16, elf.R_AARCH64_TLSLE_MOVW_TPREL_G2: 32}[t]
		if v < 0 || shift < 32 && v>>(shift+16) != 0 {
			return l.rangeErr(c)
		}
		return c.movk(l, uint64(v)>>shift)
	}
	return l.unsupported(c.o, c.is, c.r)
}

// insn applies f to the 32-bit instruction at the relocation's place.
func (c *relocCtx) insn(l *linker, f func(uint32) uint32) error {
	b, err := c.field(l, 4)
	if err == nil {
		le.PutUint32(b, f(le.Uint32(b)))
	}
	return err
}

// branch stores a word offset v in a bits-wide field at bit lo; span is
// the signed range in bits of the byte offset.
func (c *relocCtx) branch(l *linker, v int64, span, lo, bits uint) error {
	if v&3 != 0 || !fitsSigned(v, span) {
		return l.rangeErr(c)
	}
	mask := uint32(1)<<bits - 1
	return c.insn(l, func(i uint32) uint32 { return i&^(mask<<lo) | (uint32(v>>2)&mask)<<lo })
}

// adr stores a 21-bit immediate in ADR/ADRP form (immlo 30:29, immhi 23:5).
func (c *relocCtx) adr(l *linker, v int64) error {
	u := uint32(v)
	return c.insn(l, func(i uint32) uint32 {
		return i&^(3<<29|0x7ffff<<5) | (u&3)<<29 | (u>>2&0x7ffff)<<5
	})
}

func (c *relocCtx) adrp(l *linker, target uint64, check bool) error {
	v := int64(page(target)-page(c.P)) >> 12
	if check && !fitsSigned(v, 21) {
		return l.rangeErr(c)
	}
	return c.adr(l, v)
}

func (c *relocCtx) imm12(l *linker, v uint64) error {
	return c.insn(l, func(i uint32) uint32 { return i&^(0xfff<<10) | uint32(v&0xfff)<<10 })
}

func (c *relocCtx) movk(l *linker, v uint64) error {
	return c.insn(l, func(i uint32) uint32 { return i&^(0xffff<<5) | uint32(v&0xffff)<<5 })
}

func (c *relocCtx) movw(l *linker, t elf.R_AARCH64, v uint64) error {
	var shift uint
	check := true
	switch t {
	case elf.R_AARCH64_MOVW_UABS_G0_NC:
		check = false
	case elf.R_AARCH64_MOVW_UABS_G1:
		shift = 16
	case elf.R_AARCH64_MOVW_UABS_G1_NC:
		shift, check = 16, false
	case elf.R_AARCH64_MOVW_UABS_G2:
		shift = 32
	case elf.R_AARCH64_MOVW_UABS_G2_NC:
		shift, check = 32, false
	case elf.R_AARCH64_MOVW_UABS_G3:
		shift, check = 48, false
	}
	if check && v>>(shift+16) != 0 {
		return l.rangeErr(c)
	}
	return c.movk(l, v>>shift)
}
