package arm64

import (
	"encoding/binary"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/arch/arm64/arm64asm"

	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// TestXArch decodes every golden instruction word with
// golang.org/x/arch/arm64/arm64asm and checks that it agrees with ours:
// the word must decode, and the decoder's GNU syntax text
// (arm64asm.GNUSyntax), parsed and encoded by this package, must give the
// same word back. This compares the meaning of the instruction rather than
// its spelling, so aliases on either side (we keep "ldr x0, [x1, #-8]",
// x/arch prints "ldur"; x/arch prints "mov x0, #0x10000" for movz) need
// no table. Normalisations applied to x/arch's text before parsing:
//
//   - PC-relative targets (b, b.cond, cbz, tbz, adr, adrp, ldr literal)
//     print as an offset from the instruction; they are replaced by ".+OFF"
//     only when the golden word has a zero offset field (every golden
//     target is undefined and so relocated), i.e. ".".
//     adrp's target is a page: ".+0x0" becomes the undefined symbol "foo"
//     (our adrp always needs a symbol, as its value is relocated).
//   - x/arch prints the condition nv as "al" (csel, b.cond); the word is
//     then compared with the condition field forced to nv.
func TestXArch(t *testing.T) {
	pcrel := regexp.MustCompile(`\.([+-]0x[0-9a-f]+|)$`)
	for _, g := range asmtest.Archives(t) {
		var bad []string
		for _, l := range goldenLines(g) {
			_, w, _, err := encodeLine(l)
			if err != nil {
				continue
			}
			var buf [4]byte
			binary.LittleEndian.PutUint32(buf[:], w)
			inst, err := arm64asm.Decode(buf[:])
			if err != nil {
				bad = append(bad, fmt.Sprintf("%s (%08x): x/arch cannot decode: %v", l, w, err))
				continue
			}
			text := xarchNormalise(arm64asm.GNUSyntax(inst), pcrel)
			_, w2, _, err := encodeLine(text)
			if err == nil && w2 != w && w&0xf == 0xf && w2 == w&^1 && inst.Op == arm64asm.B {
				w2 = w // b.nv printed as b.al
			}
			if err == nil && w2 != w && w>>12&0xf == 0xf && w2 == w&^(1<<12) {
				w2 = w // csel ..., nv printed as al
			}
			if err != nil || w2 != w {
				bad = append(bad, fmt.Sprintf("%s (%08x): x/arch decodes as %q, which we encode as %08x (%v)", l, w, text, w2, err))
			}
		}
		t.Run(filepath.Base(g.File), func(t *testing.T) { reportFirst(t, bad) })
	}
}

func xarchNormalise(s string, pcrel *regexp.Regexp) string {
	if strings.HasPrefix(s, "adrp ") {
		return pcrel.ReplaceAllString(s, "foo")
	}
	return pcrel.ReplaceAllString(s, ".$1")
}
