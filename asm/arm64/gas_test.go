package arm64

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// TestGoldenGNU assembles every golden input line with GNU as, one
// instruction per line, and checks that GNU as agrees with the golden
// encoding: the same instruction word and relocation where we accept the
// line, an error where we reject it. Accepted lines are given to GNU as
// in our printed form (Inst.String), so this also checks that the
// printer's output means the same to GNU as (TestRoundTrip checks that it
// means the same to us).
func TestGoldenGNU(t *testing.T) {
	for _, g := range asmtest.Archives(t) {
		t.Run(filepath.Base(g.File), func(t *testing.T) {
			lines := goldenLines(g)
			// Lines we reject would make GNU as fail the whole file, so
			// check them separately.
			var good, bad []string
			for _, l := range lines {
				if in, _, _, err := encodeLine(l); err != nil {
					bad = append(bad, l)
				} else {
					good = append(good, in.String())
				}
			}
			if len(bad) > 0 {
				rej := gasRejects(t, bad)
				for i, l := range bad {
					if !rej[i] {
						_, _, _, err := encodeLine(l)
						t.Errorf("%s: we reject (%v), GNU as accepts", l, err)
					}
				}
			}
			if len(good) == 0 {
				return
			}
			text, relocs, errs := gasText(t, strings.Join(good, "\n")+"\n")
			for n, msg := range errs {
				t.Errorf("%s: we accept, GNU as rejects: %s", good[n-1], msg)
			}
			if errs != nil {
				return
			}
			gasRel := map[uint64][]string{}
			for _, r := range relocs {
				var off uint64
				fmt.Sscanf(r, "%v", &off)
				gasRel[off] = append(gasRel[off], r[strings.IndexByte(r, ' ')+1:])
			}
			bad = nil
			for i, l := range good {
				_, w, rel, _ := encodeLine(l)
				gw := binary.LittleEndian.Uint32(text[4*i:])
				var ours []string
				for _, r := range rel {
					ours = append(ours, fmt.Sprintf("%v %s%+d", elf.R_AARCH64(r.Type), r.Symbol, r.Addend))
				}
				if gw != w || strings.Join(ours, ";") != strings.Join(gasRel[uint64(4*i)], ";") {
					bad = append(bad, fmt.Sprintf("%s: ours %08x %v, GNU as %08x %v", l, w, ours, gw, gasRel[uint64(4*i)]))
				}
			}
			reportFirst(t, bad)
		})
	}
}

func reportFirst(t *testing.T, bad []string) {
	t.Helper()
	for i, b := range bad {
		if i == 10 {
			t.Errorf("... and %d more", len(bad)-10)
			break
		}
		t.Error(b)
	}
}
