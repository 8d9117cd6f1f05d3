package arm64

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestArchGNU checks what Arch adds to the core against GNU as: the
// alignment padding in code (nops, after zero bytes when the gap is not a
// multiple of 4) and the relocations of data directives that name
// symbols.
func TestArchGNU(t *testing.T) {
	for _, src := range []string{
		"nop\n.p2align 4\n.byte 1\n.p2align 3\nret\n.byte 1, 2\n.balign 16\nret\n.byte 3\n.balign 8\n",
		".quad foo\n.word foo+4\n.hword foo\n.word foo-.\n.quad foo-.\n.hword foo-.\n.xword bar+8\n",
	} {
		g, grel, gerr := gasText(t, src)
		o, orel, oerr := ourText(t, src)
		if gerr != nil || oerr != nil {
			t.Fatalf("%q: errors: GNU as %v, ours %v", src, gerr, oerr)
		}
		if !bytes.Equal(g, o) {
			t.Errorf("%q: bytes differ:\nGNU as % x\nours   % x", src, g, o)
		}
		if diff := cmp.Diff(grel, orel); diff != "" {
			t.Errorf("%q: relocations differ (-GNU as +ours):\n%s", src, diff)
		}
	}
}
