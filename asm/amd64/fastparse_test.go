package amd64

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// fastParse reports whether the parser's fast path takes the operands of
// an instruction line, and checks it against the general parser: what
// the fast path accepts, the general parser must accept too, with an
// equal result.
func fastParse(t *testing.T, line string) bool {
	t.Helper()
	mn, operands := splitInst(line)
	op, ok := lookupMnemonic(mn)
	if !ok {
		return false
	}
	fast, general := Inst{Op: op}, Inst{Op: op}
	if !fast.parseArgsFast(operands, ops[op].branch) {
		return false
	}
	if err := general.parseArgs(operands, ops[op].branch); err != nil {
		t.Errorf("%q: the fast path accepts the operands, the general parser says %v", line, err)
	} else if fast != general {
		t.Errorf("%q: fast path and general parser differ:\n%+v\n%+v", line, fast, general)
	}
	return true
}

// TestFastParse checks the fast path on the golden inputs, random
// instructions, and random edits of both.
func TestFastParse(t *testing.T) {
	lines := append(goldenInputs(t), newGen(3).lines(300)...)
	r := rand.New(rand.NewPCG(1, 2))
	edits := []string{" ", "\t", "+", "-", "*", ",", "[", "]", ":", "+-", "- ", "*2", "2*", "0x", "08",
		"rax", "RAX", "Rip", "fs", "foo", "byte", "PTR", "offset ", "@PLT", "(", "'", "\"", "\v"}
	n := len(lines)
	for range 20000 {
		l := lines[r.IntN(n)]
		i := r.IntN(len(l) + 1)
		switch r.IntN(3) {
		case 0:
			l = l[:i] + edits[r.IntN(len(edits))] + l[i:]
		case 1:
			if i < len(l) {
				l = l[:i] + l[i+1:]
			}
		case 2:
			l = strings.ToUpper(l[:i]) + l[i:]
		}
		lines = append(lines, l)
	}
	fast := 0
	for _, l := range lines {
		if fastParse(t, l) {
			fast++
		}
	}
	t.Logf("%d lines, %d through the fast path", len(lines), fast)
}
