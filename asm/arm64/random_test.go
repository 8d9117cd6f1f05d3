package arm64

import (
	"encoding/binary"
	"flag"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var randomN = flag.Int("arm64.n", 1000, "random instances per form in TestRandomGNU (scale up for a deeper run)")

// gen produces random operand combinations. Registers favour the corners
// (0, 30, sp, zero register); immediates favour the boundaries of their
// fields; bitmask immediates are half encodable, half random.
type gen struct {
	r      *rand.Rand
	labels int // number of labels .L0 ... defined in the file
	cur    int // index of the next label to be defined
}

func (g *gen) n(k int) int { return g.r.IntN(k) }

func (g *gen) pick(s ...string) string { return s[g.n(len(s))] }

func (g *gen) regNum() int {
	switch g.n(8) {
	case 0:
		return 0
	case 1:
		return 30
	}
	return g.n(31)
}

// x returns an x register; sp or zr may appear as given.
func (g *gen) x(sp, zr bool) string { return g.gp(true, sp, zr) }

func (g *gen) w(sp, zr bool) string { return g.gp(false, sp, zr) }

// gp returns a general register of width 64 (is64) or 32.
func (g *gen) gp(is64, sp, zr bool) string {
	prefix, spName, zrName := "w", "wsp", "wzr"
	if is64 {
		prefix, spName, zrName = "x", "sp", "xzr"
	}
	if sp && g.n(8) == 0 {
		return spName
	}
	if zr && g.n(8) == 0 {
		return zrName
	}
	return fmt.Sprintf("%s%d", prefix, g.regNum())
}

func (g *gen) fp(class string) string { return fmt.Sprintf("%s%d", class, g.n(32)) }

// imm returns an integer near the boundaries of [lo, hi], or a random one
// in or slightly out of the range.
func (g *gen) imm(lo, hi int64) int64 {
	switch g.n(10) {
	case 0:
		return lo
	case 1:
		return hi
	case 2:
		return lo - 1
	case 3:
		return hi + 1
	case 4:
		return 0
	}
	if hi-lo+1 <= 0 {
		return lo + g.r.Int64N(1<<62)
	}
	return lo + g.r.Int64N(hi-lo+1)
}

func (g *gen) bitmask(is64 bool) uint64 {
	w := 32
	if is64 {
		w = 64
	}
	if g.n(2) == 0 {
		v := g.r.Uint64()
		if g.n(2) == 0 {
			v &= 0xffff << (16 * g.n(4)) // a value mov might take
		}
		if w == 32 {
			v &= 0xffffffff
		}
		return v
	}
	size := 2 << g.n(5)
	if is64 {
		size = 2 << g.n(6)
	}
	ones := 1 + g.n(size-1)
	e := uint64(1)<<ones - 1
	e = rotr(e, g.n(size), size)
	v := e
	for s := size; s < w; s *= 2 {
		v |= v << s
	}
	return v
}

func (g *gen) shiftAmt(is64 bool) int {
	if is64 {
		return int(g.imm(0, 63))
	}
	return int(g.imm(0, 31))
}

// label returns a label near the current position (for short-range
// branches) or anywhere; sometimes an undefined symbol.
func (g *gen) label(near bool) string {
	if g.n(6) == 0 {
		return g.pick("ext_func", "ext_data+8", "ext_func-4")
	}
	if near || g.n(2) == 0 {
		k := g.cur - 3 + g.n(6)
		if k < 0 {
			k = 0
		}
		if k >= g.labels {
			k = g.labels - 1
		}
		return fmt.Sprintf(".L%d", k)
	}
	return fmt.Sprintf(".L%d", g.n(g.labels))
}

func (g *gen) cond() string {
	return g.pick("eq", "ne", "cs", "hs", "cc", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv")
}

func (g *gen) memOff(scale int) string {
	base := g.x(true, false)
	switch g.n(7) {
	case 0:
		return "[" + base + "]"
	case 1, 2:
		return fmt.Sprintf("[%s, #%d]", base, g.imm(0, 4095)<<scale)
	case 3:
		return fmt.Sprintf("[%s, #%d]", base, g.imm(-256, 255))
	case 4:
		return fmt.Sprintf("[%s, #%d]!", base, g.imm(-256, 255))
	case 5:
		return fmt.Sprintf("[%s], #%d", base, g.imm(-256, 255))
	}
	// register offset
	if g.n(2) == 0 {
		idx := g.x(false, true)
		switch g.n(4) {
		case 0:
			return fmt.Sprintf("[%s, %s]", base, idx)
		case 1:
			return fmt.Sprintf("[%s, %s, lsl #%d]", base, idx, g.pick("0", fmt.Sprint(scale), fmt.Sprint(scale+1))[0]-'0')
		case 2:
			return fmt.Sprintf("[%s, %s, sxtx]", base, idx)
		}
		return fmt.Sprintf("[%s, %s, sxtx #%d]", base, idx, scale)
	}
	idx := g.w(false, true)
	ext := g.pick("uxtw", "sxtw")
	switch g.n(3) {
	case 0:
		return fmt.Sprintf("[%s, %s, %s]", base, idx, ext)
	case 1:
		return fmt.Sprintf("[%s, %s, %s #0]", base, idx, ext)
	}
	return fmt.Sprintf("[%s, %s, %s #%d]", base, idx, ext, scale)
}

// forms are the random instruction generators, one per form.
var forms = []struct {
	name string
	gen  func(g *gen) string
}{
	{"addsub-imm", func(g *gen) string {
		is64 := g.n(2) == 0
		op := g.pick("add", "sub", "adds", "subs")
		s := strings.HasSuffix(op, "s")
		imm := g.imm(-4096, 4096)
		if g.n(3) == 0 {
			return fmt.Sprintf("%s %s, %s, #%d, lsl #12", op, g.gp(is64, !s, s), g.gp(is64, true, false), g.imm(0, 4095))
		}
		if g.n(4) == 0 {
			imm = g.imm(0, 4095) << 12
		}
		return fmt.Sprintf("%s %s, %s, #%d", op, g.gp(is64, !s, s), g.gp(is64, true, false), imm)
	}},
	{"addsub-shift", func(g *gen) string {
		is64 := g.n(2) == 0
		op := g.pick("add", "sub", "adds", "subs")
		return fmt.Sprintf("%s %s, %s, %s, %s #%d", op, g.gp(is64, false, true), g.gp(is64, false, true), g.gp(is64, false, true),
			g.pick("lsl", "lsr", "asr"), g.shiftAmt(is64))
	}},
	{"addsub-ext", func(g *gen) string {
		is64 := g.n(2) == 0
		op := g.pick("add", "sub", "adds", "subs")
		s := strings.HasSuffix(op, "s")
		ext := g.pick("uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx")
		rm := g.w(false, true)
		if is64 && (ext == "uxtx" || ext == "sxtx") {
			rm = g.x(false, true)
		}
		amt := ""
		if g.n(2) == 0 {
			amt = fmt.Sprintf(" #%d", g.imm(0, 4))
		}
		return fmt.Sprintf("%s %s, %s, %s, %s%s", op, g.gp(is64, !s, s), g.gp(is64, true, false), rm, ext, amt)
	}},
	{"addsub-sp", func(g *gen) string {
		is64 := g.n(2) == 0
		return fmt.Sprintf("%s %s, %s, %s", g.pick("add", "sub", "adds", "subs", "add"), g.gp(is64, true, true), g.gp(is64, true, true), g.gp(is64, false, true))
	}},
	{"cmp", func(g *gen) string {
		is64 := g.n(2) == 0
		op := g.pick("cmp", "cmn")
		switch g.n(3) {
		case 0:
			return fmt.Sprintf("%s %s, #%d", op, g.gp(is64, true, false), g.imm(-4095, 4095))
		case 1:
			return fmt.Sprintf("%s %s, %s, %s #%d", op, g.gp(is64, false, true), g.gp(is64, false, true), g.pick("lsl", "lsr", "asr"), g.shiftAmt(is64))
		}
		return fmt.Sprintf("%s %s, %s", op, g.gp(is64, true, true), g.gp(is64, false, true))
	}},
	{"neg", func(g *gen) string {
		is64 := g.n(2) == 0
		return fmt.Sprintf("%s %s, %s, %s #%d", g.pick("neg", "negs"), g.gp(is64, false, true), g.gp(is64, false, true), g.pick("lsl", "lsr", "asr"), g.shiftAmt(is64))
	}},
	{"logical-imm", func(g *gen) string {
		is64 := g.n(2) == 0
		op := g.pick("and", "orr", "eor", "ands")
		if g.n(5) == 0 {
			return fmt.Sprintf("tst %s, #%#x", g.gp(is64, false, true), g.bitmask(is64))
		}
		return fmt.Sprintf("%s %s, %s, #%#x", op, g.gp(is64, op != "ands", op == "ands"), g.gp(is64, false, true), g.bitmask(is64))
	}},
	{"logical-reg", func(g *gen) string {
		is64 := g.n(2) == 0
		op := g.pick("and", "orr", "eor", "ands", "bic", "bics", "orn", "eon")
		if g.n(6) == 0 {
			return fmt.Sprintf("%s %s, %s", g.pick("tst", "mvn"), g.gp(is64, false, true), g.gp(is64, false, true))
		}
		return fmt.Sprintf("%s %s, %s, %s, %s #%d", op, g.gp(is64, false, true), g.gp(is64, false, true), g.gp(is64, false, true),
			g.pick("lsl", "lsr", "asr", "ror"), g.shiftAmt(is64))
	}},
	{"mov-reg", func(g *gen) string {
		is64 := g.n(2) == 0
		return fmt.Sprintf("mov %s, %s", g.gp(is64, true, true), g.gp(is64, true, true))
	}},
	{"mov-imm", func(g *gen) string {
		is64 := g.n(2) == 0
		var v uint64
		switch g.n(4) {
		case 0:
			v = g.bitmask(is64)
		case 1:
			v = uint64(g.r.IntN(0x10000)) << (16 * g.n(4))
		case 2:
			v = ^(uint64(g.r.IntN(0x10000)) << (16 * g.n(4)))
		default:
			v = g.r.Uint64() >> g.n(64)
		}
		if !is64 {
			v &= 0xffffffff
		}
		return fmt.Sprintf("mov %s, #%#x", g.gp(is64, false, true), v)
	}},
	{"movwide", func(g *gen) string {
		is64 := g.n(2) == 0
		sh := 16 * g.n(4)
		return fmt.Sprintf("%s %s, #%d, lsl #%d", g.pick("movz", "movn", "movk"), g.gp(is64, false, true), g.imm(0, 0xffff), sh)
	}},
	{"mul", func(g *gen) string {
		is64 := g.n(2) == 0
		switch g.n(4) {
		case 0:
			return fmt.Sprintf("%s %s, %s, %s, %s", g.pick("madd", "msub"), g.gp(is64, false, true), g.gp(is64, false, true), g.gp(is64, false, true), g.gp(is64, false, true))
		case 1:
			return fmt.Sprintf("%s %s, %s, %s", g.pick("smull", "umull"), g.x(false, true), g.w(false, true), g.w(false, true))
		case 2:
			return fmt.Sprintf("%s %s, %s, %s, %s", g.pick("smaddl", "umaddl", "smsubl", "umsubl"), g.x(false, true), g.w(false, true), g.w(false, true), g.x(false, true))
		}
		op := g.pick("mul", "mneg", "sdiv", "udiv", "smulh", "umulh", "lslv", "lsrv", "asrv", "rorv", "lsl", "lsr", "asr", "ror")
		if op == "smulh" || op == "umulh" {
			is64 = true
		}
		return fmt.Sprintf("%s %s, %s, %s", op, g.gp(is64, false, true), g.gp(is64, false, true), g.gp(is64, false, true))
	}},
	{"shift-imm", func(g *gen) string {
		is64 := g.n(2) == 0
		return fmt.Sprintf("%s %s, %s, #%d", g.pick("lsl", "lsr", "asr", "ror"), g.gp(is64, false, true), g.gp(is64, false, true), g.shiftAmt(is64))
	}},
	{"bitfield", func(g *gen) string {
		is64 := g.n(2) == 0
		w := int64(32)
		if is64 {
			w = 64
		}
		op := g.pick("ubfm", "sbfm", "bfm", "ubfx", "sbfx", "bfi", "bfxil", "ubfiz", "sbfiz")
		a := g.imm(0, w-1)
		b := g.imm(0, w-1)
		if strings.HasSuffix(op, "x") || strings.HasSuffix(op, "z") || op == "bfi" || op == "bfxil" {
			b = g.imm(1, w-a)
		}
		return fmt.Sprintf("%s %s, %s, #%d, #%d", op, g.gp(is64, false, true), g.gp(is64, false, true), a, b)
	}},
	{"extr-ext", func(g *gen) string {
		is64 := g.n(2) == 0
		if g.n(2) == 0 {
			return fmt.Sprintf("extr %s, %s, %s, #%d", g.gp(is64, false, true), g.gp(is64, false, true), g.gp(is64, false, true), g.shiftAmt(is64))
		}
		op := g.pick("sxtb", "sxth", "sxtw", "uxtb", "uxth")
		return fmt.Sprintf("%s %s, %s", op, g.gp(is64, false, true), g.w(false, true))
	}},
	{"csel", func(g *gen) string {
		is64 := g.n(2) == 0
		switch g.n(4) {
		case 0:
			return fmt.Sprintf("%s %s, %s", g.pick("cset", "csetm"), g.gp(is64, false, true), g.cond())
		case 1:
			return fmt.Sprintf("%s %s, %s, %s", g.pick("cinc", "cinv", "cneg"), g.gp(is64, false, true), g.gp(is64, false, true), g.cond())
		case 2:
			op := g.pick("ccmp", "ccmn")
			if g.n(2) == 0 {
				return fmt.Sprintf("%s %s, #%d, #%d, %s", op, g.gp(is64, false, true), g.imm(0, 31), g.imm(0, 15), g.cond())
			}
			return fmt.Sprintf("%s %s, %s, #%d, %s", op, g.gp(is64, false, true), g.gp(is64, false, true), g.imm(0, 15), g.cond())
		}
		return fmt.Sprintf("%s %s, %s, %s, %s", g.pick("csel", "csinc", "csinv", "csneg"), g.gp(is64, false, true), g.gp(is64, false, true), g.gp(is64, false, true), g.cond())
	}},
	{"bits", func(g *gen) string {
		is64 := g.n(2) == 0
		return fmt.Sprintf("%s %s, %s", g.pick("clz", "cls", "rbit", "rev", "rev16", "rev32"), g.gp(is64, false, true), g.gp(is64, false, true))
	}},
	{"ldst", func(g *gen) string {
		type f struct {
			op, reg string
			scale   int
		}
		c := []f{{"ldr", "x", 3}, {"ldr", "w", 2}, {"str", "x", 3}, {"str", "w", 2}, {"ldrb", "w", 0}, {"strb", "w", 0},
			{"ldrh", "w", 1}, {"strh", "w", 1}, {"ldrsb", "x", 0}, {"ldrsb", "w", 0}, {"ldrsh", "x", 1}, {"ldrsh", "w", 1},
			{"ldrsw", "x", 2}, {"ldr", "b", 0}, {"ldr", "h", 1}, {"ldr", "s", 2}, {"ldr", "d", 3}, {"ldr", "q", 4},
			{"str", "s", 2}, {"str", "d", 3}, {"str", "q", 4}}[g.n(21)]
		rt := fmt.Sprintf("%s%d", c.reg, g.n(32))
		if c.reg == "x" || c.reg == "w" {
			rt = g.gp(c.reg == "x", false, true)
		}
		return fmt.Sprintf("%s %s, %s", c.op, rt, g.memOff(c.scale))
	}},
	{"ldur", func(g *gen) string {
		c := g.n(13)
		op := []string{"ldur", "ldur", "stur", "stur", "ldurb", "sturb", "ldurh", "sturh", "ldursb", "ldursb", "ldursh", "ldursh", "ldursw"}[c]
		reg := []string{"x", "w", "x", "w", "w", "w", "w", "w", "x", "w", "x", "w", "x"}[c]
		if g.n(4) == 0 && (op == "ldur" || op == "stur") {
			reg = g.pick("b", "h", "s", "d", "q")
		}
		rt := fmt.Sprintf("%s%d", reg, g.n(32))
		if reg == "x" || reg == "w" {
			rt = g.gp(reg == "x", false, true)
		}
		return fmt.Sprintf("%s %s, [%s, #%d]", op, rt, g.x(true, false), g.imm(-256, 255))
	}},
	{"ldst-sym", func(g *gen) string {
		switch g.n(3) {
		case 0:
			return fmt.Sprintf("%s %s, %s", g.pick("ldr", "ldrsw"), g.gp(true, false, true), g.label(false))
		case 1:
			return fmt.Sprintf("ldr %s%d, %s", g.pick("w", "s", "d", "q"), g.n(31), g.label(false))
		}
		op := g.pick("ldr", "str", "ldrb", "ldrh", "strh")
		// (ldrb x0, [x1, :lo12:s] crashes GNU as 2.40, which slows the
		// test down: keep byte and halfword accesses to w registers.)
		return fmt.Sprintf("%s %s, [%s, :%s:sym%d]", op, g.gp(g.n(2) == 0 && (op == "ldr" || op == "str"), false, true),
			g.x(true, false), g.pick("lo12", "lo12", "got_lo12"), g.n(4))
	}},
	{"pair", func(g *gen) string {
		op := g.pick("ldp", "stp", "ldpsw")
		reg := g.pick("x", "w", "s", "d", "q")
		scale := map[string]int{"x": 3, "w": 2, "s": 2, "d": 3, "q": 4}[reg]
		r1, r2 := fmt.Sprintf("%s%d", reg, g.n(32)), fmt.Sprintf("%s%d", reg, g.n(32))
		if reg == "x" || reg == "w" {
			r1, r2 = g.gp(reg == "x", false, true), g.gp(reg == "x", false, true)
		}
		off := g.imm(-64, 63) << scale
		if g.n(10) == 0 {
			off += 4
		}
		base := g.x(true, false)
		switch g.n(3) {
		case 0:
			return fmt.Sprintf("%s %s, %s, [%s, #%d]", op, r1, r2, base, off)
		case 1:
			return fmt.Sprintf("%s %s, %s, [%s, #%d]!", op, r1, r2, base, off)
		}
		return fmt.Sprintf("%s %s, %s, [%s], #%d", op, r1, r2, base, off)
	}},
	{"exclusive", func(g *gen) string {
		sfx := g.pick("", "", "b", "h")
		is64 := sfx == "" && g.n(2) == 0
		if g.n(2) == 0 {
			return fmt.Sprintf("%s%s %s, %s, [%s]", g.pick("stxr", "stlxr"), sfx, g.w(false, true), g.gp(is64, false, true), g.x(true, false))
		}
		return fmt.Sprintf("%s%s %s, [%s]", g.pick("ldxr", "ldaxr", "ldar", "stlr"), sfx, g.gp(is64, false, true), g.x(true, false))
	}},
	{"branch", func(g *gen) string {
		switch g.n(6) {
		case 0:
			return fmt.Sprintf("%s %s", g.pick("b", "bl"), g.label(false))
		case 1:
			return fmt.Sprintf("b.%s %s", g.cond(), g.label(false))
		case 2:
			is64 := g.n(2) == 0
			return fmt.Sprintf("%s %s, %s", g.pick("cbz", "cbnz"), g.gp(is64, false, true), g.label(false))
		case 3:
			is64 := g.n(2) == 0
			return fmt.Sprintf("%s %s, #%d, %s", g.pick("tbz", "tbnz"), g.gp(is64, false, true), g.shiftAmt(is64), g.label(true))
		case 4:
			return fmt.Sprintf("%s %s", g.pick("br", "blr", "ret"), g.x(false, true))
		}
		if g.n(2) == 0 {
			return fmt.Sprintf("adr %s, %s", g.x(false, true), g.label(false))
		}
		return fmt.Sprintf("adrp %s, %s%s", g.x(false, true), g.pick("", "", ":got:"), g.label(false))
	}},
	{"fp-arith", func(g *gen) string {
		t := g.pick("s", "d")
		switch g.n(4) {
		case 0:
			return fmt.Sprintf("%s %s, %s", g.pick("fsqrt", "fneg", "fabs", "fmov"), g.fp(t), g.fp(t))
		case 1:
			return fmt.Sprintf("%s %s, %s, %s, %s", g.pick("fmadd", "fmsub", "fnmadd", "fnmsub"), g.fp(t), g.fp(t), g.fp(t), g.fp(t))
		case 2:
			return fmt.Sprintf("fcsel %s, %s, %s, %s", g.fp(t), g.fp(t), g.fp(t), g.cond())
		}
		return fmt.Sprintf("%s %s, %s, %s", g.pick("fadd", "fsub", "fmul", "fdiv", "fnmul", "fmax", "fmin", "fmaxnm", "fminnm"), g.fp(t), g.fp(t), g.fp(t))
	}},
	{"fp-cmp-cvt", func(g *gen) string {
		t := g.pick("s", "d")
		switch g.n(5) {
		case 0:
			if g.n(2) == 0 {
				return fmt.Sprintf("%s %s, #0.0", g.pick("fcmp", "fcmpe"), g.fp(t))
			}
			return fmt.Sprintf("%s %s, %s", g.pick("fcmp", "fcmpe"), g.fp(t), g.fp(t))
		case 1:
			return fmt.Sprintf("%s %s, %s", g.pick("scvtf", "ucvtf"), g.fp(t), g.gp(g.n(2) == 0, false, true))
		case 2:
			return fmt.Sprintf("%s %s, %s", g.pick("fcvtzs", "fcvtzu"), g.gp(g.n(2) == 0, false, true), g.fp(t))
		case 3:
			return fmt.Sprintf("fcvt %s, %s", g.fp(g.pick("s", "d", "h")), g.fp(g.pick("s", "d", "h")))
		}
		if t == "s" {
			if g.n(2) == 0 {
				return fmt.Sprintf("fmov %s, %s", g.fp("s"), g.w(false, true))
			}
			return fmt.Sprintf("fmov %s, %s", g.w(false, true), g.fp("s"))
		}
		if g.n(2) == 0 {
			return fmt.Sprintf("fmov %s, %s", g.fp("d"), g.x(false, true))
		}
		return fmt.Sprintf("fmov %s, %s", g.x(false, true), g.fp("d"))
	}},
	{"fmov-imm", func(g *gen) string {
		var f float64
		if g.n(3) == 0 {
			f = float64(g.n(200)-100) / 8
		} else {
			f = fpImm8Value(uint32(g.n(256)))
		}
		return fmt.Sprintf("fmov %s, #%v", g.fp(g.pick("s", "d")), strings.Replace(fmt.Sprint(f), "e", "e", 1))
	}},
	{"system", func(g *gen) string {
		switch g.n(5) {
		case 0:
			return fmt.Sprintf("%s %s", g.pick("dmb", "dsb"), g.pick("ish", "ishld", "ishst", "sy", "ld", "st", "osh", "oshld", "oshst", "nsh", "nshld", "nshst"))
		case 1:
			return fmt.Sprintf("%s #%d", g.pick("svc", "brk", "hlt"), g.imm(0, 0xffff))
		case 2:
			return g.pick("nop", "yield", "isb")
		case 3:
			return fmt.Sprintf("mrs %s, %s", g.x(false, true), g.pick("tpidr_el0", "nzcv", "fpcr", "fpsr", "tpidrro_el0", "cntvct_el0"))
		}
		return fmt.Sprintf("msr %s, %s", g.pick("tpidr_el0", "nzcv", "fpcr", "fpsr"), g.x(false, true))
	}},
}

// randomProgram returns n instances of every form in a deterministic
// shuffled order, with labels .L0, .L1, ... defined every 16 lines, so
// branches see labels at every distance, backward and forward.
func randomProgram(seed uint64, n int) []string {
	g := &gen{r: rand.New(rand.NewPCG(seed, 1))}
	order := make([]int, 0, n*len(forms))
	for i := 0; i < n; i++ {
		for f := range forms {
			order = append(order, f)
		}
	}
	g.r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	g.labels = len(order)/16 + 1
	var out []string
	for i, f := range order {
		if i%16 == 0 {
			out = append(out, fmt.Sprintf(".L%d:", g.cur))
			g.cur++
		}
		out = append(out, forms[f].gen(g))
	}
	for ; g.cur < g.labels; g.cur++ {
		out = append(out, fmt.Sprintf(".L%d:", g.cur))
	}
	return out
}

// TestRandomGNU assembles thousands of random instructions with asm.Assemble
// and with GNU as and requires byte-identical .text and identical
// relocations; lines we reject must be rejected by GNU as too.
func TestRandomGNU(t *testing.T) {
	prog := randomProgram(1, *randomN)
	// Split into lines we accept alone and lines we reject.
	var good, bad []string
	for _, l := range prog {
		if strings.HasSuffix(l, ":") {
			good = append(good, l)
			continue
		}
		if _, _, _, err := encodeLine(l); err != nil {
			bad = append(bad, l)
		} else {
			good = append(good, l)
		}
	}
	t.Logf("%d instructions accepted, %d rejected", len(good)-strings.Count(strings.Join(good, "\n"), ":\n"), len(bad))
	if len(bad) > 0 {
		rej := gasRejects(t, bad)
		var msgs []string
		for i, l := range bad {
			if !rej[i] {
				_, _, _, err := encodeLine(l)
				msgs = append(msgs, fmt.Sprintf("%s: we reject (%v), GNU as accepts", l, err))
			}
		}
		reportFirst(t, msgs)
	}
	src := strings.Join(good, "\n") + "\n"
	gtext, grel, gerrs := gasText(t, src)
	otext, orel, oerrs := ourText(t, src)
	var msgs []string
	for n, m := range gerrs {
		if _, ok := oerrs[n]; !ok {
			msgs = append(msgs, fmt.Sprintf("%s: we accept, GNU as rejects: %s", good[n-1], m))
		}
	}
	for n, m := range oerrs {
		if _, ok := gerrs[n]; !ok {
			msgs = append(msgs, fmt.Sprintf("%s: GNU as accepts, we reject: %s", good[n-1], m))
		}
	}
	reportFirst(t, msgs)
	if gerrs != nil || oerrs != nil {
		return
	}
	// Map instruction index to line.
	var insts []string
	for _, l := range good {
		if !strings.HasSuffix(l, ":") {
			insts = append(insts, l)
		}
	}
	msgs = nil
	for i := 0; i*4+4 <= len(gtext) && i*4+4 <= len(otext); i++ {
		gw, ow := binary.LittleEndian.Uint32(gtext[4*i:]), binary.LittleEndian.Uint32(otext[4*i:])
		if gw != ow {
			msgs = append(msgs, fmt.Sprintf("%s: ours %08x, GNU as %08x (xor %08x, bits %d)", insts[i], ow, gw, ow^gw, bits.OnesCount32(ow^gw)))
		}
	}
	if len(gtext) != len(otext) {
		msgs = append(msgs, fmt.Sprintf(".text size: ours %d, GNU as %d", len(otext), len(gtext)))
	}
	reportFirst(t, msgs)
	if d := cmp.Diff(grel, orel); d != "" {
		t.Errorf("relocations (-GNU as +ours):\n%s", d)
	}
}
