package lir_test

import (
	"testing"

	"github.com/naturekit/naturekit/lir"
)

// TestCheckForm checks the form errors of CheckForm and that VerifyForm
// also runs Verify once the form is right.
func TestCheckForm(t *testing.T) {
	f, err := lir.ParseFunc("form", `func @f(%0:i64) i64 cfg {
b0:
	ret %0
}`)
	if err != nil {
		t.Fatal(err)
	}
	if err := lir.CheckForm(f, lir.CFG, "op"); err != nil {
		t.Errorf("CheckForm(cfg) of a cfg function: %v", err)
	}
	const want = "ssa.Build: @f is in cfg form, not ssa"
	if err := lir.CheckForm(f, lir.SSA, "ssa.Build"); err == nil || err.Error() != want {
		t.Errorf("CheckForm(ssa) of a cfg function: %v, want %q", err, want)
	}
	if err := lir.VerifyForm(f, lir.Linear, "cfg.Build"); err == nil || err.Error() != "cfg.Build: @f is in cfg form, not linear" {
		t.Errorf("VerifyForm(linear) of a cfg function: %v", err)
	}
	if err := lir.VerifyForm(f, lir.CFG, "op"); err != nil {
		t.Errorf("VerifyForm of a valid cfg function: %v", err)
	}
	f.Blocks[0].Instrs = nil // no terminator
	if err := lir.VerifyForm(f, lir.CFG, "op"); err == nil || err.Error() != lir.Verify(f).Error() {
		t.Errorf("VerifyForm of a block without terminator: %v, want Verify's error %v", err, lir.Verify(f))
	}
}
