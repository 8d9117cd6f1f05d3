package lower

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/naturekit/naturekit/lir"
)

// ConstPrefix starts the names of the read-only globals that hold float
// constants: lowering refers to "nk.f64.<bits in hex>" and
// "nk.f32.<bits in hex>", and ConstGlobals defines them. User symbols
// must not use the prefix.
const ConstPrefix = "nk.f"

// ConstName names the global holding float constant o after its bits,
// so that equal constants share one global.
func ConstName(o lir.Operand) string {
	if o.Type == lir.F32 {
		return fmt.Sprintf("%s32.%08x", ConstPrefix, math.Float32bits(float32(o.FloatValue())))
	}
	return fmt.Sprintf("%s64.%016x", ConstPrefix, uint64(o.Imm))
}

// ConstGlobals returns the read-only globals holding the float constants
// that lowered functions refer to and that m does not define yet, in
// order of name.
func ConstGlobals(m *lir.Module, funcs []*lir.Func) []*lir.Global {
	have := map[string]bool{}
	for _, g := range m.Globals {
		have[g.Name] = true
	}
	var names []string
	for _, f := range funcs {
		for _, s := range f.Syms {
			if strings.HasPrefix(s, ConstPrefix) && !have[s] {
				have[s] = true
				names = append(names, s)
			}
		}
	}
	slices.Sort(names)
	var gs []*lir.Global
	for _, name := range names {
		if g := constGlobal(name); g != nil {
			gs = append(gs, g)
		}
	}
	return gs
}

// constGlobal makes the global a constant's name describes.
func constGlobal(name string) *lir.Global {
	var bits uint64
	var t lir.Type
	switch {
	case strings.HasPrefix(name, ConstPrefix+"64."):
		t = lir.I64
	case strings.HasPrefix(name, ConstPrefix+"32."):
		t = lir.I32
	default:
		return nil
	}
	if _, err := fmt.Sscanf(name[len(ConstPrefix)+3:], "%x", &bits); err != nil {
		return nil
	}
	return &lir.Global{Name: name, ReadOnly: true, Align: int64(t.Size()),
		Items: []lir.DataItem{{Kind: lir.DataInt, Type: t, Int: int64(bits)}}}
}
