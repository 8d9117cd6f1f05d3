package arm64

import (
	"bytes"

	"github.com/google/go-cmp/cmp"
	"testing"
)

// TestCodeFillGNU checks alignment padding in code against GNU as: nops,
// after zero bytes when the gap is not a multiple of 4.
func TestCodeFillGNU(t *testing.T) {
	src := "nop\n.p2align 4\n.byte 1\n.p2align 3\nret\n.byte 1, 2\n.balign 16\nret\n.byte 3\n.balign 8\n"
	g, _, gerr := gasText(t, src)
	o, _, oerr := ourText(t, src)
	if gerr != nil || oerr != nil {
		t.Fatalf("errors: GNU as %v, ours %v", gerr, oerr)
	}
	if !bytes.Equal(g, o) {
		t.Errorf("padding differs:\nGNU as % x\nours   % x", g, o)
	}
}

// TestDataRelocGNU checks the relocations of data directives that name
// symbols against GNU as.
func TestDataRelocGNU(t *testing.T) {
	src := ".quad foo\n.word foo+4\n.hword foo\n.word foo-.\n.quad foo-.\n.hword foo-.\n.xword bar+8\n"
	g, grel, gerr := gasText(t, src)
	o, orel, oerr := ourText(t, src)
	if gerr != nil || oerr != nil {
		t.Fatalf("errors: GNU as %v, ours %v", gerr, oerr)
	}
	if !bytes.Equal(g, o) {
		t.Errorf("data differs:\nGNU as % x\nours   % x", g, o)
	}
	if diff := cmp.Diff(grel, orel); diff != "" {
		t.Errorf("relocations differ (-GNU as +ours):\n%s", diff)
	}
}
