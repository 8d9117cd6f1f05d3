package linear

import (
	"strconv"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// Structs and tuples are values: a variable, field or element holds a
// pointer to an object of its own, and copying the value means copying
// the object, recursively for the structs and tuples inside it (other
// members — strings, vec headers, maps, refs — are pointers copied as
// they are, which gives each its own semantics). Each aggregate type
// gets one copy function, made on first use:
//
//	func @main.copy.N(%0:ptr) ptr

// copyValue returns a copy of aggregate v of type t.
func (fb *funcBuilder) copyValue(v lir.Operand, t sema.Type) lir.Operand {
	return fb.b.Call(lir.OpCall, lir.Ptr, fb.b.Symbol(fb.m.copyFunc(t)), v)
}

// copyFunc returns the symbol of the copy function for type t.
func (m *moduleBuilder) copyFunc(t sema.Type) string {
	key := sema.TypeString(t, nil)
	if sym, ok := m.copies[key]; ok {
		return sym
	}
	sym := "main.copy." + strconv.Itoa(len(m.copies))
	m.copies[key] = sym
	m.queue = append(m.queue, func() {
		f := lir.NewFunc(sym, lir.Ptr, lir.Ptr)
		fb := &funcBuilder{m: m, f: f, b: lir.NewBuilder(f), vars: map[*sema.Var]*variable{}}
		fb.run(func() {
			src := fb.b.Param(0)
			if a := arrayOf(t); a != nil {
				fb.b.Return(fb.copyArray(src, a))
				fb.dead = true
				return
			}
			l := aggregateLayout(t)
			dst := fb.alloc(l, abi.TypeKindStruct)
			for i, ft := range fields(t) {
				x := fb.b.Load(l.ts[i], src, l.offs[i])
				if isAggregate(ft) {
					x = fb.copyValue(x, ft)
				}
				fb.storeMem(dst, l.offs[i], x, l.ptrs[i])
			}
			fb.b.Return(dst)
			fb.dead = true
		})
	})
	return sym
}
