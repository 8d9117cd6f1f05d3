package amd64

import (
	"bytes"
	"debug/elf"
	"flag"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// This file compares our assembler with GNU as, the reference. Each test
// builds an Intel-syntax source, assembles it with both, and requires
// identical .text bytes and relocations. Every instruction line gets a
// label of its own (gas_<n>:), which both assemblers put in the symbol
// table, so that a difference is reported per line.

var asScale = flag.Int("asm.n", 1, "multiplier for the number of random instructions in the GNU as oracle tests")

// listing is an assembled .text: bytes, per-line offsets and relocations.
type listing struct {
	text   []byte
	lines  map[int]uint64    // line number -> offset of its label
	relocs map[uint64]string // offset -> "TYPE sym+addend"
}

const lineLabel = "gas_"

// labelled returns the source for lines, each preceded by its label.
func labelled(header string, lines []string) string {
	var b strings.Builder
	b.WriteString(".intel_syntax noprefix\n.text\n")
	b.WriteString(header)
	for i, l := range lines {
		fmt.Fprintf(&b, "%s%d: %s\n", lineLabel, i, l)
	}
	fmt.Fprintf(&b, "%s%d:\n", lineLabel, len(lines))
	return b.String()
}

func lineNum(name string) (int, bool) {
	var n int
	if !strings.HasPrefix(name, lineLabel) {
		return 0, false
	}
	_, err := fmt.Sscanf(name[len(lineLabel):], "%d", &n)
	return n, err == nil
}

// gnuAssemble runs GNU as on src and reads .text back.
func gnuAssemble(t testing.TB, src string) listing {
	t.Helper()
	obj, msgs, err := asmtest.RunGNU(t, "as", "binutils", []string{"--64"}, src)
	if err != nil {
		t.Fatalf("GNU as failed: %v\n%s", err, firstLines(msgs, 20))
	}
	text, syms, relocs := asmtest.Text(t, obj)
	l := listing{text: text, lines: map[int]uint64{}, relocs: map[uint64]string{}}
	for _, s := range syms {
		if n, ok := lineNum(s.Name); ok {
			l.lines[n] = s.Value
		}
	}
	for _, r := range relocs {
		l.relocs[r.Offset] = relocString(r.Type, r.Symbol, r.Addend)
	}
	return l
}

// relocString formats a relocation for comparison.
func relocString(typ uint32, sym string, addend int64) string {
	return fmt.Sprintf("%v %s%+d", elf.R_X86_64(typ), sym, addend)
}

// ourAssemble assembles src with asm.Assemble and this package.
func ourAssemble(t testing.TB, src string) (listing, error) {
	obj, err := asm.Assemble(Arch{}, "in.s", []byte(src))
	if err != nil {
		return listing{}, err
	}
	l := listing{lines: map[int]uint64{}, relocs: map[uint64]string{}}
	text := obj.Section(".text")
	if text == nil {
		return l, fmt.Errorf("no .text")
	}
	l.text = text.Data
	for _, s := range obj.Symbols {
		if n, ok := lineNum(s.Name); ok {
			l.lines[n] = s.Value
		}
	}
	for _, r := range text.Reloc {
		l.relocs[r.Offset] = relocString(r.Type, r.Symbol, r.Addend)
	}
	return l, nil
}

// compareWithGNU assembles lines with both assemblers and reports the
// first differing lines.
func compareWithGNU(t *testing.T, header string, lines []string) {
	t.Helper()
	src := labelled(header, lines)
	gnu := gnuAssemble(t, src)
	ours, err := ourAssemble(t, src)
	if err != nil {
		t.Fatalf("our assembler failed: %s", firstLines(err.Error(), 20))
	}
	if bytes.Equal(gnu.text, ours.text) && fmt.Sprint(gnu.relocs) == fmt.Sprint(ours.relocs) {
		return
	}
	// Report lines whose lengths differ first: in code with branches a
	// length difference shifts every later label, and the lines it
	// breaks are not the cause.
	bad := 0
	for _, sizeOnly := range []bool{true, false} {
		for i, l := range lines {
			g, o := gnu.slice(i), ours.slice(i)
			gr, or := gnu.relocsOf(i), ours.relocsOf(i)
			if sizeOnly && len(g) == len(o) || bytes.Equal(g, o) && gr == or {
				continue
			}
			t.Errorf("line %d: %s\n\tGNU as: % x %s\n\tours:   % x %s", i+1, l, g, gr, o, or)
			if bad++; bad == maxDiffs {
				t.Fatalf("too many differences (%d lines)", len(lines))
			}
		}
		if bad > 0 {
			return
		}
	}
	t.Errorf("outputs differ outside the labelled lines")
}

func (l listing) slice(i int) []byte {
	a, b := l.lines[i], l.lines[i+1]
	if a > b || b > uint64(len(l.text)) {
		return nil
	}
	return l.text[a:b]
}

func (l listing) relocsOf(i int) string {
	var rs []string
	for off, r := range l.relocs {
		if l.lines[i] <= off && off < l.lines[i+1] {
			rs = append(rs, fmt.Sprintf("@%d:%s", off-l.lines[i], r))
		}
	}
	sort.Strings(rs)
	return strings.Join(rs, " ")
}

func firstLines(s string, n int) string {
	ls := strings.SplitN(s, "\n", n+1)
	if len(ls) > n {
		ls[n] = "..."
	}
	return strings.Join(ls, "\n")
}

// TestGNUGolden assembles every golden instruction with GNU as too.
func TestGNUGolden(t *testing.T) {
	texts, _ := goldenEncodings(t)
	compareWithGNU(t, "", texts)
}

// gnuRejects checks that GNU as reports an error on every one of lines
// (all of which we reject). Immediates out of range are the exception:
// GNU as truncates some of them silently (and al, 65535) or with a
// warning; we reject them on purpose, so those lines are not checked.
func gnuRejects(t *testing.T, lines []string) {
	t.Helper()
	if len(lines) == 0 {
		return
	}
	src := ".intel_syntax noprefix\n.text\n" + strings.Join(lines, "\n") + "\n"
	_, msg, _ := asmtest.RunGNU(t, "as", "binutils", []string{"--64"}, src)
	bad := map[int]bool{}
	for _, l := range strings.Split(msg, "\n") {
		var n int
		if i := strings.Index(l, "in.s:"); i >= 0 && strings.Contains(l, "Error:") {
			if _, err := fmt.Sscanf(l[i+len("in.s:"):], "%d", &n); err == nil {
				bad[n-2] = true
			}
		}
	}
	count := 0
	for i, l := range lines {
		if bad[i+1] {
			continue
		}
		_, err := ParseInst(splitInst(l))
		if strings.Contains(err.Error(), "out of range") {
			continue
		}
		t.Errorf("we reject %q (%v), GNU as accepts it", l, err)
		if count++; count == 10 {
			break
		}
	}
}

var maxDiffs = 10

// TestGNUSymbols compares references to local, global, weak, undefined
// and other-section symbols, which decide between resolving at assembly
// time, PC32 and PLT32.
func TestGNUSymbols(t *testing.T) {
	header := `.globl glob
.weak wk
`
	var lines []string
	for _, target := range []string{"loc", "glob", "other", "undef", "loc+4", "glob+4", "undef+4", ".Lloc", "."} {
		lines = append(lines,
			"jmp "+target, "je "+target, "call "+target,
			"lea rax, [rip+"+target+"]", "mov dword ptr [rip+"+target+"], 1", "add qword ptr [rip+"+target+"], 0x1000")
		lines = append(lines,
			"mov rax, offset "+target, "mov eax, offset "+target, "push offset "+target, "movabs rax, offset "+target)
	}
	lines = append(lines,
		"loc: nop", ".Lloc: nop", "glob: nop",
		"call wk", "jmp wk",
		"call undef@PLT", "mov rax, qword ptr [rip+undef@GOTPCREL]", "call qword ptr [rip+undef@GOTPCREL]",
		"mov rax, qword ptr fs:[undef@TPOFF]", "mov rax, qword ptr [rip+undef@GOTTPOFF]",
		"mov eax, offset .Lloc-loc", "mov eax, offset loc-.", "mov eax, offset other_end-other", "add rax, other_end-other-1",
		// Data directives in code use Arch.DataReloc.
		".byte undef", ".short undef+2", ".long undef", ".quad undef-8",
		".byte undef-.", ".short undef-.", ".long undef-.", ".quad undef-.", ".long glob-.", ".quad loc",
		".section .text.other,\"ax\"", "other: ret", "other_end:")
	// The per-line labels of the .text.other lines are in another
	// section; compare only the .text part.
	compareWithGNU(t, header, lines)
}

// TestGNUCodeFill compares alignment padding in code with GNU as.
func TestGNUCodeFill(t *testing.T) {
	var lines []string
	for n := 1; n <= 300; n++ {
		lines = append(lines, fmt.Sprintf(".fill %d, 1, 0xcc", 512-n), ".p2align 9", "ret")
	}
	compareWithGNU(t, "", lines)
}

// TestGNUWeakBranch: GNU as relaxes and resolves a jmp or jcc to a global
// symbol of the same section, but not to a weak one (which a strong
// definition elsewhere may replace): that stays rel32 + PLT32.
func TestGNUWeakBranch(t *testing.T) {
	compareWithGNU(t, ".weak wk\n.globl gl\n", []string{"jmp wk", "je wk", "jmp gl", "je gl", "wk: nop", "gl: ret"})
}
