package amd64

import "testing"

// TestCheckMemShortcut checks that checkMem accepts exactly the memory
// operands that checkMemSlow accepts, for every base, index, scale and
// segment.
func TestCheckMemShortcut(t *testing.T) {
	for base := range Reg(numRegs) {
		for index := range Reg(numRegs) {
			for scale := range uint8(10) {
				for _, seg := range []Reg{NoReg, FS, GS, AX, RIP} {
					m := &arg{kind: argMem, reg: base, index: index, scale: scale, seg: seg}
					if got, want := checkMem(m) == nil, checkMemSlow(m) == nil; got != want {
						t.Errorf("base %v index %v scale %d seg %v: checkMem ok %v, checkMemSlow ok %v", base, index, scale, seg, got, want)
					}
				}
			}
		}
	}
}
