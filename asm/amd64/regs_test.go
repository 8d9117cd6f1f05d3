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
	for _, s := range []string{"", "r", "r0", "r7", "r16", "r08", "r8x", "r8dd", "xmm", "xmm16", "xmm01", "xmma", "eip", "ip", "el", "sl", "spx", "rsl", "esil", "fs0", "foo", "r15l", "xl", "rah"} {
		if r, ok := lookupReg(s); ok {
			t.Errorf("lookupReg(%q) = %v, want no register", s, r)
		}
	}
}
