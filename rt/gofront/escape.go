package gofront

import "golang.org/x/tools/go/ssa"

// escapingAllocs returns the allocations of fn whose address may outlive
// the call: it is stored to memory, returned, or put in an interface or
// closure. The rest live in stack slots, whatever go/ssa's Heap flag
// says (it is set for any variable whose address is taken).
//
// Passing an address to a call does not count as escaping: runtime
// code never keeps a pointer to a caller's variable beyond the call,
// and the runtime's own data structures live in memory it maps itself.
func escapingAllocs(fn *ssa.Function) map[*ssa.Alloc]bool {
	esc := map[*ssa.Alloc]bool{}
	for _, bb := range fn.Blocks {
		for _, in := range bb.Instrs {
			if a, ok := in.(*ssa.Alloc); ok && escapes(a) {
				esc[a] = true
			}
		}
	}
	return esc
}

// escapes follows the values derived from a's address.
func escapes(a *ssa.Alloc) bool {
	seen := map[ssa.Value]bool{}
	work := []ssa.Value{a}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[v] {
			continue
		}
		seen[v] = true
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.Store:
				if r.Val == v {
					return true
				}
			case *ssa.Return, *ssa.MakeInterface, *ssa.MakeClosure, *ssa.Send, *ssa.MapUpdate:
				return true
			case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Slice, *ssa.Convert, *ssa.ChangeType,
				*ssa.Phi, *ssa.SliceToArrayPointer:
				work = append(work, r.(ssa.Value))
			case *ssa.Call:
				if b, ok := r.Call.Value.(*ssa.Builtin); ok {
					switch b.Name() {
					case "Add", "Slice", "SliceData", "String", "StringData":
						work = append(work, r)
					}
				}
			}
		}
	}
	return false
}
