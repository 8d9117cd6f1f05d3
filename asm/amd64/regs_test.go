package amd64

import (
	"strings"
	"testing"
)

// regByName maps lower-case register names to registers.
var regByName = func() map[string]Reg {
	m := make(map[string]Reg, numRegs)
	for r := AL; r < numRegs; r++ {
		m[regNames[r]] = r
	}
	return m
}()

// TestLookupReg checks the register name decoder against the name
// table, in both cases, and on near misses.
func TestLookupReg(t *testing.T) {
	for name, want := range regByName {
		for _, s := range []string{name, strings.ToUpper(name)} {
			if got, ok := lookupReg(s); !ok || got != want {
				t.Errorf("lookupReg(%q) = %v, %v; want %v", s, got, ok, want)
			}
		}
	}
	for _, s := range []string{"", "r", "r0", "r7", "r16", "r08", "r8x", "r8dd", "xmm", "xmm16", "xmm01", "xmma", "eip", "ip", "el", "sl", "spx", "rsl", "esil", "fs0", "foo", "r15l", "xl", "rah", "\x00ax", "\x00\x00", "ax\x00"} {
		if r, ok := lookupReg(s); ok {
			t.Errorf("lookupReg(%q) = %v, want no register", s, r)
		}
	}
}

// TestLookupMnemonic checks the mnemonic table: every Op by its name, the
// condition aliases, and near misses.
func TestLookupMnemonic(t *testing.T) {
	for op := Op(1); op < numOps; op++ {
		if got, ok := lookupMnemonic(op.String()); !ok || got != op {
			t.Errorf("lookupMnemonic(%q) = %v, %v; want %v", op.String(), got, ok, op)
		}
	}
	for name, want := range map[string]Op{"jz": JE, "jnae": JB, "setc": SETB, "cmovnle": CMOVG, "jpo": JNP, "sal": SHL} {
		if got, ok := lookupMnemonic(name); !ok || got != want {
			t.Errorf("lookupMnemonic(%q) = %v, %v; want %v", name, got, ok, want)
		}
	}
	if op, ok := lookupMnemonic("AdD"); !ok || op != ADD {
		t.Errorf("lookupMnemonic(%q) = %v, %v; want %v", "AdD", op, ok, ADD)
	}
	for _, s := range []string{"", "a", "addd", "ad", "jcxz", "bad", "prefetchntaa", "add\x00", "\x00add", "\x00"} {
		if op, ok := lookupMnemonic(s); ok {
			t.Errorf("lookupMnemonic(%q) = %v, want none", s, op)
		}
	}
}
