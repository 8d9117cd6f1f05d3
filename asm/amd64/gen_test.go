package amd64

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// A gen produces random instruction lines for the GNU as oracle. It is
// deterministic: a fixed seed gives the same lines on every run.
type gen struct {
	r *rand.Rand
}

func newGen(seed uint64) *gen { return &gen{rand.New(rand.NewPCG(seed, 0x6e6b))} }

func (g *gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

var (
	regs8     = []string{"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"}
	regs8Low  = []string{"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"}
	regs16    = []string{"ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"}
	regs32    = []string{"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"}
	regs64    = []string{"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"}
	xmms      = []string{"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"}
	ptrs      = map[int]string{1: "byte ptr ", 2: "word ptr ", 4: "dword ptr ", 8: "qword ptr ", 16: "xmmword ptr "}
	immBounds = []int64{0, 1, 2, -1, 7, 31, 63, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769, 65535, 65536,
		0x7fffffff, -0x80000000, 0x80000000, 0xffffffff, -0x80000001, 0x100000000, 1 << 62, -1 << 63, 0x7fffffffffffffff}
	dispBounds = []int64{0, 1, -1, 8, 127, 128, -128, -129, 0x7fffffff, -0x80000000, 4096, -4096}
	conds      = []string{"o", "no", "b", "c", "nae", "ae", "nb", "nc", "e", "z", "ne", "nz", "be", "na", "a", "nbe", "s", "ns", "p", "pe", "np", "po", "l", "nge", "ge", "nl", "le", "ng", "g", "nle"}
	symbols    = []string{"foo", "bar", "ext_sym"}
)

// reg returns a random general-purpose register of the given size.
func (g *gen) reg(size int) string {
	switch size {
	case 1:
		return g.pick(regs8)
	case 2:
		return g.pick(regs16)
	case 4:
		return g.pick(regs32)
	}
	return g.pick(regs64)
}

// imm returns a boundary or random immediate.
func (g *gen) imm() string {
	switch g.r.IntN(4) {
	case 0:
		return fmt.Sprint(g.r.Int64N(256) - 128)
	case 1:
		return fmt.Sprint(int64(g.r.Int32()))
	}
	v := immBounds[g.r.IntN(len(immBounds))]
	if v >= 0 && g.r.IntN(2) == 0 {
		return fmt.Sprintf("%#x", v)
	}
	return fmt.Sprint(v)
}

// mem returns a random memory operand of the given size; explicit
// says whether the size must be written.
func (g *gen) mem(size int, explicit bool) string {
	var b strings.Builder
	if explicit || g.r.IntN(4) != 0 {
		b.WriteString(ptrs[size])
	}
	disp := func() string {
		switch g.r.IntN(5) {
		case 0:
			return fmt.Sprint(g.r.Int64N(2000) - 1000)
		case 1:
			return fmt.Sprintf("%s%+d", g.pick(symbols), g.r.IntN(64)-32)
		}
		return fmt.Sprint(dispBounds[g.r.IntN(len(dispBounds))])
	}
	switch g.r.IntN(12) {
	case 10, 11: // 32-bit addressing
		idx := g.pick(regs32)
		for idx == "esp" {
			idx = g.pick(regs32)
		}
		switch g.r.IntN(3) {
		case 0:
			fmt.Fprintf(&b, "[%s+%s]", g.pick(regs32), disp())
		case 1:
			fmt.Fprintf(&b, "[%s+%s*%d+%s]", g.pick(regs32), idx, 1<<g.r.IntN(4), disp())
		default:
			fmt.Fprintf(&b, "[%s*%d+%s]", idx, 1<<g.r.IntN(4), disp())
		}
	case 0: // RIP-relative
		d := disp()
		if g.r.IntN(3) > 0 {
			d = g.pick(symbols) + fmt.Sprintf("%+d", g.r.IntN(32)-16)
		}
		fmt.Fprintf(&b, "[rip+%s]", d)
	case 1: // index without base
		fmt.Fprintf(&b, "[%s*%d+%s]", g.pick(regs64[:4])+g.pick([]string{"", ""}), 1<<g.r.IntN(4), disp())
	case 2: // absolute
		fmt.Fprintf(&b, "[%s]", disp())
	default:
		base := g.pick(regs64)
		b.WriteString("[" + base)
		if g.r.IntN(2) == 0 {
			idx := g.pick(regs64)
			for idx == "rsp" {
				idx = g.pick(regs64)
			}
			fmt.Fprintf(&b, "+%s*%d", idx, 1<<g.r.IntN(4))
		}
		if g.r.IntN(4) > 0 {
			d := disp()
			if !strings.HasPrefix(d, "-") {
				d = "+" + d
			}
			b.WriteString(d)
		}
		b.WriteString("]")
	}
	return b.String()
}

var sizes = []int{1, 2, 4, 8}

// lines returns n random instructions of every family.
func (g *gen) lines(n int) []string {
	var out []string
	add := func(f string, args ...any) { out = append(out, fmt.Sprintf(f, args...)) }
	for i := 0; i < n; i++ {
		s := sizes[g.r.IntN(4)]
		s1 := []int{2, 4, 8}[g.r.IntN(3)]
		// Integer ALU and mov, all operand kinds.
		op := g.pick([]string{"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "mov", "test"})
		add("%s %s, %s", op, g.reg(s), g.reg(s))
		add("%s %s, %s", op, g.reg(s), g.imm())
		add("%s %s, %s", op, g.mem(s, true), g.imm())
		add("%s %s, %s", op, g.mem(s, false), g.reg(s))
		add("%s %s, %s", op, g.reg(s), g.mem(s, false))
		add("%s %s, %s", op, g.pick(regs8Low), g.pick(regs8Low))
		add("%s %s, %s", op, g.pick([]string{"al", "ax", "eax", "rax"}), g.imm())
		add("mov %s, %s", g.reg(8), g.imm())
		add("mov %s, offset %s%+d", g.reg(s), g.pick(symbols), g.r.IntN(100))
		add("movabs %s, %s", g.reg(8), g.imm())
		add("%s %s, %s", g.pick([]string{"movzx", "movsx"}), g.reg(s1), g.pick([]string{g.reg(1), g.mem(1, true)}))
		add("%s %s, %s", g.pick([]string{"movzx", "movsx"}), g.reg([]int{4, 8}[g.r.IntN(2)]), g.pick([]string{g.reg(2), g.mem(2, true)}))
		add("movsxd %s, %s", g.reg(8), g.pick([]string{g.reg(4), g.mem(4, false)}))
		add("lea %s, %s", g.reg(s1), g.mem(8, false))
		// One-operand, multiply, shifts.
		add("%s %s", g.pick([]string{"inc", "dec", "neg", "not", "mul", "imul", "div", "idiv"}), g.pick([]string{g.reg(s), g.mem(s, true)}))
		add("imul %s, %s", g.reg(s1), g.pick([]string{g.reg(s1), g.mem(s1, false)}))
		add("imul %s, %s, %s", g.reg(s1), g.pick([]string{g.reg(s1), g.mem(s1, false)}), g.imm())
		add("imul %s, %s", g.reg(s1), g.imm())
		sh := g.pick([]string{"rol", "ror", "rcl", "rcr", "shl", "sal", "shr", "sar"})
		add("%s %s, %s", sh, g.pick([]string{g.reg(s), g.mem(s, true)}), g.pick([]string{"1", "cl", fmt.Sprint(g.r.IntN(64)), "255", "0"}))
		// Conditions.
		c := g.pick(conds)
		add("set%s %s", c, g.pick([]string{g.reg(1), g.mem(1, false)}))
		add("cmov%s %s, %s", c, g.reg(s1), g.pick([]string{g.reg(s1), g.mem(s1, false)}))
		// Stack and control.
		add("push %s", g.pick([]string{g.reg(8), g.reg(2), g.mem(8, true), g.imm(), "offset " + g.pick(symbols)}))
		add("pop %s", g.pick([]string{g.reg(8), g.reg(2), g.mem(8, true)}))
		add("%s %s", g.pick([]string{"jmp", "call"}), g.pick([]string{g.reg(8), g.mem(8, true), g.pick(symbols), g.pick(symbols) + "+4"}))
		add("j%s %s", c, g.pick(symbols))
		add("ret %d", g.r.IntN(65536))
		// SSE.
		x := func() string { return g.pick(xmms) }
		sop := g.pick([]string{"add", "sub", "mul", "div", "sqrt", "min", "max", "mov", "cvt"})
		if sop == "cvt" {
			add("cvtsd2ss %s, %s", x(), g.pick([]string{x(), g.mem(8, false)}))
			add("cvtss2sd %s, %s", x(), g.pick([]string{x(), g.mem(4, false)}))
		} else {
			add("%ssd %s, %s", sop, x(), g.pick([]string{x(), g.mem(8, false)}))
			add("%sss %s, %s", sop, x(), g.pick([]string{x(), g.mem(4, false)}))
		}
		add("movsd %s, %s", g.mem(8, false), x())
		add("movss %s, %s", g.mem(4, false), x())
		add("%s %s, %s", g.pick([]string{"ucomisd", "comisd"}), x(), g.pick([]string{x(), g.mem(8, false)}))
		add("%s %s, %s", g.pick([]string{"ucomiss", "comiss"}), x(), g.pick([]string{x(), g.mem(4, false)}))
		w := []int{4, 8}[g.r.IntN(2)]
		add("%s %s, %s", g.pick([]string{"cvtsi2sd", "cvtsi2ss"}), x(), g.pick([]string{g.reg(w), g.mem(w, true)}))
		add("%s %s, %s", g.pick([]string{"cvttsd2si", "cvtsd2si"}), g.reg(w), g.pick([]string{x(), g.mem(8, false)}))
		add("%s %s, %s", g.pick([]string{"cvttss2si", "cvtss2si"}), g.reg(w), g.pick([]string{x(), g.mem(4, false)}))
		add("movq %s, %s", x(), g.pick([]string{x(), g.reg(8), g.mem(8, false)}))
		add("movq %s, %s", g.pick([]string{g.reg(8), g.mem(8, false)}), x())
		add("movd %s, %s", x(), g.pick([]string{g.reg(4), g.mem(4, false)}))
		add("movd %s, %s", g.pick([]string{g.reg(4), g.mem(4, false)}), x())
		add("%s %s, %s", g.pick([]string{"xorps", "xorpd", "andps", "andpd", "andnps", "andnpd", "orps", "orpd", "pxor", "movaps", "movups", "movapd", "movupd"}), x(), g.pick([]string{x(), g.mem(16, false)}))
		add("%s %s, %s", g.pick([]string{"movaps", "movups", "movapd", "movupd"}), g.mem(16, false), x())
		add("%s %s, %s", g.pick([]string{"movdqa", "movdqu", "pcmpeqb", "pcmpeqd"}), x(), g.pick([]string{x(), g.mem(16, false)}))
		add("%s %s, %s", g.pick([]string{"movdqa", "movdqu"}), g.mem(16, false), x())
		add("roundsd %s, %s, %d", x(), g.pick([]string{x(), g.mem(8, false)}), g.r.IntN(16))
		add("roundss %s, %s, %d", x(), g.pick([]string{x(), g.mem(4, false)}), g.r.IntN(16))
		add("%s %s, %s", g.pick([]string{"pmovmskb", "movmskpd", "movmskps"}), g.reg([]int{4, 8}[g.r.IntN(2)]), x())
		add("%s %s", g.pick([]string{"prefetcht0", "prefetcht1", "prefetcht2", "prefetchnta"}), g.mem(1, false))
		add("%scmpxchg16b %s", g.pick([]string{"", "lock "}), g.mem(16, false))
		// Atomics and the rest.
		add("lock %s %s, %s", g.pick([]string{"add", "sub", "and", "or", "xor", "xadd", "cmpxchg", "adc", "sbb"}), g.mem(s, true), g.reg(s))
		add("lock %s %s", g.pick([]string{"inc", "dec", "neg", "not"}), g.mem(s, true))
		add("%s %s, %s", g.pick([]string{"xadd", "cmpxchg", "xchg"}), g.pick([]string{g.reg(s), g.mem(s, false)}), g.reg(s))
		add("xchg %s, %s", g.reg(s), g.pick([]string{g.reg(s), g.mem(s, false), []string{"al", "ax", "eax", "rax"}[g.r.IntN(4)]}))
		add("%s %s, %s", g.pick([]string{"bt", "bts", "btr", "btc"}), g.pick([]string{g.reg(s1), g.mem(s1, true)}), g.pick([]string{g.reg(s1), fmt.Sprint(g.r.IntN(64))}))
		add("bswap %s", g.reg([]int{4, 8}[g.r.IntN(2)]))
		add("%s %s, %s", g.pick([]string{"tzcnt", "lzcnt", "popcnt", "bsf", "bsr"}), g.reg(s1), g.pick([]string{g.reg(s1), g.mem(s1, false)}))
		add("%s", g.pick([]string{"cqo", "cdq", "cdqe", "cwd", "cbw", "cwde", "leave", "ret", "mfence", "lfence", "sfence", "pause", "syscall", "ud2", "int3", "nop", "hlt", "endbr64", "cld", "std",
			"movsb", "movsw", "movsd", "movsq", "stosb", "stosw", "stosd", "stosq", "rep movsb", "rep movsq", "rep stosb", "rep stosq", "repe cmpsb", "repne scasb", "rep ret", "rdtsc", "cpuid"}))
		add("nop %s", g.pick([]string{g.mem(s1, true), g.reg(s1)}))
	}
	return out
}

// branchLines returns a program of labels and forward and backward
// jumps at distances around the rel8 limit, to check relaxation.
func (g *gen) branchLines(n int) []string {
	var out []string
	labels, next := n/8, 0
	for i := 0; i < n; i++ {
		switch g.r.IntN(6) {
		case 0:
			if next < labels {
				out = append(out, fmt.Sprintf(".Lb%d:", next))
				next++
			}
		case 1, 2:
			c := g.pick(append([]string{"mp"}, conds...))
			out = append(out, fmt.Sprintf("j%s .Lb%d", c, g.r.IntN(labels)))
		case 3:
			out = append(out, fmt.Sprintf("call .Lb%d", g.r.IntN(labels)))
		default:
			// Filler of 1 to 15 bytes.
			out = append(out, g.pick([]string{"nop", "ret", "mov eax, 1", "mov rax, 0x123456789", "add qword ptr [rax+rbx*8+0x1000], 0x12345678", "push rbx", "xor eax, eax"}))
		}
	}
	// Define the labels that were used but not emitted.
	for ; next < labels; next++ {
		out = append(out, fmt.Sprintf(".Lb%d:", next), "ret")
	}
	return out
}

// TestGNURandom compares random instructions with GNU as.
func TestGNURandom(t *testing.T) {
	g := newGen(1)
	lines := g.lines(1000 * *asScale)
	var ok, rejected []string
	for _, l := range lines {
		if _, err := ParseInst(splitInst(l)); err != nil {
			rejected = append(rejected, l)
			continue
		}
		ok = append(ok, l)
	}
	t.Logf("%d instructions accepted, %d rejected", len(ok), len(rejected))
	compareWithGNU(t, "", ok)
	gnuRejects(t, rejected)
}

// TestGNURelaxForward is the smallest case of the relaxation difference
// that TestGNUBranches finds: 50 forward jumps grow to rel32 in the
// second layout pass, and a short forward jcc after them must stay
// rel8. (A core that reads the jcc's forward target from the previous
// pass without adding the growth earlier in the current pass — GNU as's
// "stretch" — sees a displacement of about -150 and grows it.)
func TestGNURelaxForward(t *testing.T) {
	var lines []string
	for range 50 {
		lines = append(lines, "jmp .Lend")
	}
	lines = append(lines, "je .Lnear", "nop", ".Lnear:")
	for range 50 {
		lines = append(lines, "mov eax, 1")
	}
	lines = append(lines, ".Lend:", "ret")
	compareWithGNU(t, "", lines)
}

// TestGNUBranches compares branch relaxation with GNU as.
func TestGNUBranches(t *testing.T) {
	g := newGen(2)
	for i := 0; i < 4**asScale; i++ {
		lines := g.branchLines(400 + 200*i)
		compareWithGNU(t, "", lines)
	}
}
