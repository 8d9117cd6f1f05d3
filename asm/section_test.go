package asm_test

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// TestSectionDirective checks the type and flags of sections declared
// with every flag letter and type name of .section against GNU as.
func TestSectionDirective(t *testing.T) {
	src := `.section .s.a,"a",@progbits
.section .s.w,"aw",@nobits
.section .s.x,"ax",%progbits
.section .s.ms,"aMS",@progbits,1
.section .s.t,"awT",@nobits
.section .s.g,"aG",@progbits,grp,comdat
.section .s.o,"ao",@progbits,.s.a
.section .s.init,"aw",@init_array
.section .s.fini,"aw",@fini_array
.section .s.pre,"aw",@preinit_array
.section .s.note,"",@note
`
	obj, err := asm.Assemble(amd64.Arch{}, "s.s", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	gnu := asmtest.OpenGNU(t, src)
	n := 0
	for _, g := range gnu.Sections {
		if !strings.HasPrefix(g.Name, ".s.") {
			continue
		}
		n++
		s := obj.Section(g.Name)
		if s == nil {
			t.Errorf("no section %s", g.Name)
		} else if s.Type != g.Type || s.Flags != g.Flags {
			t.Errorf("section %s: %v %v, GNU as %v %v", g.Name, s.Type, s.Flags, g.Type, g.Flags)
		}
	}
	if n != strings.Count(src, "\n") {
		t.Errorf("GNU as made %d of the sections", n)
	}
	for _, bad := range []string{`.section .b,"aq"`, `.section .b,"a",@bits`} {
		if _, err := asm.Assemble(amd64.Arch{}, "b.s", []byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
