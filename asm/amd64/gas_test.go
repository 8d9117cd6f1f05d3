package amd64

import (
	"bytes"
	"debug/elf"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/oracle"
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
	as := oracle.Tool(t, "as", "binutils")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.s"), filepath.Join(dir, "out.o")
	if err := os.WriteFile(in, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(as, "--64", "-o", out, in).CombinedOutput(); err != nil {
		t.Fatalf("GNU as failed: %v\n%s", err, firstLines(string(msg), 20))
	}
	f, err := elf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	text := f.Section(".text")
	l := listing{lines: map[int]uint64{}, relocs: map[uint64]string{}}
	if l.text, err = text.Data(); err != nil {
		t.Fatal(err)
	}
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range syms {
		if n, ok := lineNum(s.Name); ok {
			l.lines[n] = s.Value
		}
	}
	if rela := f.Section(".rela.text"); rela != nil {
		data, err := rela.Data()
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i+24 <= len(data); i += 24 {
			off := f.ByteOrder.Uint64(data[i:])
			info := f.ByteOrder.Uint64(data[i+8:])
			add := int64(f.ByteOrder.Uint64(data[i+16:]))
			name := ""
			if si := int(info >> 32); si > 0 && si <= len(syms) {
				s := syms[si-1]
				name = s.Name
				if elf.ST_TYPE(s.Info) == elf.STT_SECTION {
					name = f.Sections[s.Section].Name
				}
			}
			l.relocs[off] = fmt.Sprintf("%v %s%+d", elf.R_X86_64(info&0xffffffff), name, add)
		}
	}
	return l
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
		l.relocs[r.Offset] = fmt.Sprintf("%v %s%+d", elf.R_X86_64(r.Type), r.Symbol, r.Addend)
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
	as := oracle.Tool(t, "as", "binutils")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.s")
	src := ".intel_syntax noprefix\n.text\n" + strings.Join(lines, "\n") + "\n"
	if err := os.WriteFile(in, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	msg, _ := exec.Command(as, "--64", "-o", filepath.Join(dir, "out.o"), in).CombinedOutput()
	bad := map[int]bool{}
	for _, l := range strings.Split(string(msg), "\n") {
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
