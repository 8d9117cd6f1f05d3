package amd64

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm/amd64"
)

// TestPeepholeLeaLoad checks the folding of "lea r, [m]" into a load
// that overwrites r: done across labels no jump goes to, not across a
// jump target (another path reaches the load without the lea), and not
// when the load writes another register (r may still be live).
func TestPeepholeLeaLoad(t *testing.T) {
	lea := amd64.New(amd64.LEA, amd64.RAX, amd64.PtrIndex(0, amd64.RCX, amd64.RDX, 8, 16))
	load := func(dst amd64.Reg) *amd64.Inst { return amd64.New(amd64.MOV, dst, amd64.Ptr(8, amd64.RAX, 8)) }
	for _, c := range []struct {
		name   string
		build  func(l *Listing)
		want   string // a line of the result
		absent string // a line that must be gone, or ""
	}{
		{"folded", func(l *Listing) {
			l.Inst(lea)
			l.Label(".Lf.x1")
			l.Inst(load(amd64.RAX))
		}, "mov rax, qword ptr [rcx+rdx*8+24]", "lea rax, [rcx+rdx*8+16]"},
		{"jump target between", func(l *Listing) {
			l.Inst(amd64.New(amd64.JMP, amd64.Label(".Lf.x1")))
			l.Inst(lea)
			l.Label(".Lf.x1")
			l.Inst(load(amd64.RAX))
		}, "lea rax, [rcx+rdx*8+16]", ""},
		{"other destination", func(l *Listing) {
			l.Inst(lea)
			l.Inst(load(amd64.RBX))
		}, "lea rax, [rcx+rdx*8+16]", ""},
	} {
		l := &Listing{}
		c.build(l)
		l.Items = Peephole(l.Items)
		text := l.String()
		if !strings.Contains(text, c.want) {
			t.Errorf("%s: no %q in\n%s", c.name, c.want, text)
		}
		if c.absent != "" && strings.Contains(text, c.absent) {
			t.Errorf("%s: %q left in\n%s", c.name, c.absent, text)
		}
	}
}
