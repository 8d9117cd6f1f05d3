package lower_test

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	asmamd64 "github.com/naturekit/naturekit/asm/amd64"
	asmarm64 "github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/lower/arm64"
)

// TestPeephole checks Peephole's target-neutral rules through both
// targets: for each, code that the rules apply to and code they must
// leave alone ("; " between instructions and labels), and the code the
// target's Peephole leaves.
func TestPeephole(t *testing.T) {
	parseAMD64 := func(mn, ops string) (asm.Inst, error) { return asmamd64.ParseInst(mn, ops) }
	parseARM64 := func(mn, ops string) (asm.Inst, error) { return asmarm64.Parse(mn, ops) }
	for _, c := range []struct {
		name     string
		parse    func(mn, ops string) (asm.Inst, error)
		peephole func([]lower.Item) []lower.Item
		code     string
		want     string
	}{
		{"amd64", parseAMD64, amd64.Peephole,
			"mov rax, rax; mov eax, eax; mov rbx, rcx; mov rcx, rbx; mov rdx, rbx; mov ecx, ebx; mov ebx, ecx; " +
				"jmp .L1; .L1:; jl .L2; jmp .L3; .L2:; jl .L3; jmp .L3; .L4:; jmp rax; .L3:",
			"mov eax, eax; mov rbx, rcx; mov rdx, rbx; mov ecx, ebx; mov ebx, ecx; " +
				".L1:; jge .L3; .L2:; jl .L3; jmp .L3; .L4:; jmp rax; .L3:"},
		{"arm64", parseARM64, arm64.Peephole,
			"mov x0, x0; mov w0, w0; mov x1, x2; mov x2, x1; mov x3, x1; mov w2, w1; mov w1, w2; " +
				"b .L1; .L1:; b.lt .L2; b .L3; .L2:; b.lt .L3; b .L3; .L4:; cbz x0, .L5; b .L3; .L5:; .L3:",
			"mov w0, w0; mov x1, x2; mov x3, x1; mov w2, w1; mov w1, w2; " +
				".L1:; b.ge .L3; .L2:; b.lt .L3; b .L3; .L4:; cbz x0, .L5; b .L3; .L5:; .L3:"},
	} {
		var l lower.Listing
		for _, line := range strings.Split(c.code, "; ") {
			if name, ok := strings.CutSuffix(line, ":"); ok {
				l.Label(name)
				continue
			}
			mn, ops, _ := strings.Cut(line, " ")
			in, err := c.parse(mn, ops)
			if err != nil {
				t.Fatalf("%s: %s: %v", c.name, line, err)
			}
			l.Inst(in)
		}
		l.Items = c.peephole(l.Items)
		var got []string
		for _, it := range l.Items {
			if it.Kind == lower.ItemLabel {
				got = append(got, it.Name+":")
			} else {
				got = append(got, it.Inst.String())
			}
		}
		if strings.Join(got, "; ") != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, strings.Join(got, "; "), c.want)
		}
	}
}
