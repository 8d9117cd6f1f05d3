package arm64

import (
	"reflect"
	"testing"
)

// TestInstParser checks that the block-allocating parser of Assemble
// gives what Arch.ParseInst gives, also after an instruction that fails.
func TestInstParser(t *testing.T) {
	p := Arch{}.NewInstParser()
	for _, tt := range []struct{ mnemonic, operands string }{
		{"add", "x0, x1, #1"}, {"bogus", "x0"}, {"ldr", "x0, [x1, #8]"}, {"add", "x0, x1, x2, x3"}, {"b", "foo"}, {"adrp", "x0, bar+4"},
	} {
		got, gotErr := p.ParseInst(tt.mnemonic, tt.operands)
		want, wantErr := Arch{}.ParseInst(tt.mnemonic, tt.operands)
		if !reflect.DeepEqual(got, want) || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("%s %s: got %v, %v; want %v, %v", tt.mnemonic, tt.operands, got, gotErr, want, wantErr)
		}
	}
}
