package main

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm/oracle"
)

// TestDebugFrameARM64 checks the call frame information of an arm64
// executable with GNU's tools as the oracle: aarch64-linux-gnu-readelf
// interprets .debug_frame into each function's table (where the CFA is
// and where each caller's register is saved, from every address on),
// aarch64-linux-gnu-objdump disassembles the code. For each of
// debugProgram's functions, the table must say at every instruction
// what the instructions before it did to the frame by AAPCS64: nothing
// at the entry (the CFA is sp, the return address in x30);
// stp x29, x30, [sp, #-16]! makes the CFA sp+16 with x29 at CFA-16 and
// x30 at CFA-8; mov x29, sp makes it x29+16; a store of callee-saved
// registers through x29 saves them there, a load through x29 restores
// them; ldp x29, x30, [sp], #16 goes back to sp+0. After a ret or a
// b, the next block starts either without the frame (shrink-wrapping:
// fib's base case) or with the whole of it.
func TestDebugFrameARM64(t *testing.T) {
	readelf := oracle.Tool(t, "aarch64-linux-gnu-readelf", "binutils-aarch64-linux-gnu")
	objdump := oracle.Tool(t, "aarch64-linux-gnu-objdump", "binutils-aarch64-linux-gnu")
	exe := buildDebugProgramFlags(t, "--target", "linux_arm64")
	tables := readFrameTables(t, runOut(t, "", readelf, "--debug-dump=frames-interp", exe))
	code := disassemble(runOut(t, "", objdump, "-d", "--no-show-raw-insn", exe))
	for _, fn := range []string{"main.inner", "main.middle", "main.fib", "main.main"} {
		if insts := code[fn]; len(insts) == 0 || tables[insts[0].addr] == nil {
			t.Errorf("%s: no FDE starts at its address", fn)
		}
	}
	n := 0
	for _, fn := range slices.Sorted(maps.Keys(code)) {
		if insts := code[fn]; len(insts) > 0 && tables[insts[0].addr] != nil {
			checkFrameTable(t, fn, insts, tables[insts[0].addr])
			n++
		}
	}
	t.Logf("%d functions checked", n)
}

// frameState is a row of a table: the CFA ("sp+16") and the rules of
// the saved registers ("x29": "c-16"; readelf names x30 "ra").
type frameState struct {
	cfa   string
	saved map[string]string
}

func (s frameState) String() string {
	var regs []string
	for _, r := range slices.Sorted(maps.Keys(s.saved)) {
		regs = append(regs, r+"="+s.saved[r])
	}
	return s.cfa + " " + strings.Join(regs, " ")
}

func (s frameState) equal(o frameState) bool { return s.cfa == o.cfa && maps.Equal(s.saved, o.saved) }

func (s frameState) clone() frameState {
	return frameState{s.cfa, maps.Clone(s.saved)}
}

// frameTable is one FDE's rows by address.
type frameTable struct {
	addrs []uint64
	rows  []frameState
}

// at returns the row in force at addr.
func (t *frameTable) at(addr uint64) (frameState, bool) {
	i, found := slices.BinarySearch(t.addrs, addr)
	if !found {
		i--
	}
	if i < 0 {
		return frameState{}, false
	}
	return t.rows[i], true
}

var (
	cieLine = regexp.MustCompile(`^([0-9a-f]+) [0-9a-f]+ [0-9a-f]+ CIE`)
	fdeLine = regexp.MustCompile(`FDE cie=([0-9a-f]+) pc=([0-9a-f]+)\.\.([0-9a-f]+)`)
)

// readFrameTables parses readelf --debug-dump=frames-interp: the table
// of each FDE, by its first address. An FDE without instructions, which
// readelf prints without rows, has its CIE's initial row.
func readFrameTables(t *testing.T, out string) map[uint64]*frameTable {
	tables := map[uint64]*frameTable{}
	cies := map[string]*frameTable{}
	var cur *frameTable
	var cols []string
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		switch {
		case cieLine.MatchString(line):
			cur, cols = &frameTable{}, nil
			cies[cieLine.FindStringSubmatch(line)[1]] = cur
		case fdeLine.MatchString(line):
			m := fdeLine.FindStringSubmatch(line)
			start, _ := strconv.ParseUint(m[2], 16, 64)
			cur, cols = &frameTable{}, nil
			tables[start] = cur
			if cie := cies[m[1]]; cie != nil && len(cie.rows) > 0 {
				cur.addrs, cur.rows = []uint64{start}, []frameState{cie.rows[0]}
			}
		case cur == nil || len(f) == 0:
			cur = nil
		case f[0] == "LOC":
			cols = f[2:]
		default:
			addr, err := strconv.ParseUint(f[0], 16, 64)
			if err != nil || len(f) != len(cols)+2 {
				t.Fatalf("readelf: unexpected row %q", line)
			}
			row := frameState{cfa: f[1], saved: map[string]string{}}
			for i, c := range cols {
				if f[i+2] != "u" {
					row.saved[c] = f[i+2]
				}
			}
			if n := len(cur.addrs); n > 0 && cur.addrs[n-1] == addr {
				cur.rows[n-1] = row // the FDE's own first row
				continue
			}
			cur.addrs = append(cur.addrs, addr)
			cur.rows = append(cur.rows, row)
		}
	}
	return tables
}

type armInst struct {
	addr uint64
	text string // "stp x29, x30, [sp, #-16]!"
}

var (
	funcLine = regexp.MustCompile(`^[0-9a-f]+ <([^>]+)>:$`)
	instLine = regexp.MustCompile(`^\s*([0-9a-f]+):\s+(\S+)\s*(.*?)\s*(//.*)?$`)
)

// disassemble parses objdump -d --no-show-raw-insn: each function's
// instructions.
func disassemble(out string) map[string][]armInst {
	code := map[string][]armInst{}
	fn := ""
	for _, line := range strings.Split(out, "\n") {
		if m := funcLine.FindStringSubmatch(line); m != nil {
			fn = m[1]
			continue
		}
		if m := instLine.FindStringSubmatch(line); m != nil && fn != "" {
			addr, _ := strconv.ParseUint(m[1], 16, 64)
			code[fn] = append(code[fn], armInst{addr, strings.TrimSpace(m[2] + " " + m[3])})
		}
	}
	return code
}

var (
	savePair    = regexp.MustCompile(`^stp ([xd]\d+), ([xd]\d+), \[x29, #(-\d+)\]$`)
	saveOne     = regexp.MustCompile(`^stu?r ([xd]\d+), \[x29, #(-\d+)\]$`)
	restorePair = regexp.MustCompile(`^ldp ([xd]\d+), ([xd]\d+), \[x29, #(-\d+)\]$`)
	restoreOne  = regexp.MustCompile(`^ldu?r ([xd]\d+), \[x29, #(-\d+)\]$`)
)

// checkFrameTable compares table with what fn's instructions do.
func checkFrameTable(t *testing.T, fn string, insts []armInst, table *frameTable) {
	entry := frameState{cfa: "sp+0", saved: map[string]string{}}
	framed := prologueState(insts, entry) // nil without a frame
	want := entry.clone()
	for k, in := range insts {
		got, ok := table.at(in.addr)
		if !ok {
			t.Errorf("%s: no row at %#x (%s)", fn, in.addr, in.text)
			return
		}
		if k > 0 && endsBlock(insts[k-1].text) {
			// A new block after one that does not fall through: with
			// the frame or without.
			switch {
			case got.equal(entry):
				want = entry.clone()
			case framed != nil && got.equal(*framed):
				want = framed.clone()
			}
		}
		if !got.equal(want) {
			t.Errorf("%s: at %#x (%s) readelf says %v, want %v", fn, in.addr, in.text, got, want)
			return
		}
		if strings.HasPrefix(in.text, "ret") && !want.equal(entry) {
			t.Errorf("%s: ret at %#x with the frame %v", fn, in.addr, want)
		}
		stepFrame(&want, in.text)
	}
}

// prologueState returns the state after the prologue in insts (which
// may set the frame up in a later block than the first: shrink-wrapping),
// or nil if there is none.
func prologueState(insts []armInst, entry frameState) *frameState {
	for k, in := range insts {
		if in.text != "stp x29, x30, [sp, #-16]!" {
			continue
		}
		s := entry.clone()
		stepFrame(&s, in.text)
		for _, in := range insts[k+1:] {
			if in.text != "mov x29, sp" && !inPrologue(in.text) {
				break
			}
			stepFrame(&s, in.text)
		}
		return &s
	}
	return nil
}

// inPrologue reports whether an instruction is one of a prologue's
// after mov x29, sp: the frame's allocation and the saves.
func inPrologue(text string) bool {
	return strings.HasPrefix(text, "sub sp, sp, ") || savePair.MatchString(text) || saveOne.MatchString(text)
}

// endsBlock reports whether an instruction never falls through: ret,
// b, br, or brk (after a call that does not return).
func endsBlock(text string) bool {
	op, _, _ := strings.Cut(text, " ")
	return op == "ret" || op == "b" || op == "br" || op == "brk"
}

// reg returns readelf's name of register x: "ra" for x30, vN for dN.
func reg(x string) string {
	switch {
	case x == "x30":
		return "ra"
	case x[0] == 'd':
		return "v" + x[1:]
	}
	return x
}

// stepFrame applies instruction text to the state s, by AAPCS64.
func stepFrame(s *frameState, text string) {
	off := func(v string, d int) string {
		n, _ := strconv.Atoi(v)
		return fmt.Sprintf("c%d", n-16+d)
	}
	switch {
	case text == "stp x29, x30, [sp, #-16]!":
		s.cfa, s.saved["x29"], s.saved["ra"] = "sp+16", "c-16", "c-8"
	case text == "mov x29, sp":
		s.cfa = "x29+16"
	case text == "ldp x29, x30, [sp], #16":
		s.cfa = "sp+0"
		delete(s.saved, "x29")
		delete(s.saved, "ra")
	case s.cfa != "x29+16":
	case savePair.MatchString(text):
		m := savePair.FindStringSubmatch(text)
		s.saved[reg(m[1])], s.saved[reg(m[2])] = off(m[3], 0), off(m[3], 8)
	case saveOne.MatchString(text):
		m := saveOne.FindStringSubmatch(text)
		s.saved[reg(m[1])] = off(m[2], 0)
	case restorePair.MatchString(text):
		m := restorePair.FindStringSubmatch(text)
		delete(s.saved, reg(m[1]))
		delete(s.saved, reg(m[2]))
	case restoreOne.MatchString(text):
		m := restoreOne.FindStringSubmatch(text)
		delete(s.saved, reg(m[1]))
	}
}
