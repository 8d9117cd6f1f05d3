package gofront

import (
	"fmt"
	"go/types"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/gofront/internal/pkgload"
)

// shape is how a Go type is represented in LIR registers.
type shape uint8

const (
	shapeBad    shape = iota // not representable: the construct is rejected
	shapeScalar              // one register: integers, bools, floats, pointers
	shapeString              // two registers: data pointer, length
	shapeSlice               // three registers: data pointer, length, capacity
	shapeMem                 // struct or array: one ptr register to a private copy
	shapeTuple               // the results of a call: each component's registers in turn
)

// layout answers size and representation questions with the amd64
// sizes of the gc toolchain, which the host build of the runtime uses
// too, so both agree on every struct offset.
type layout struct {
	sizes types.Sizes
}

func newLayout() layout { return layout{types.SizesFor("gc", "amd64")} }

func (l layout) size(t types.Type) int64  { return l.sizes.Sizeof(t) }
func (l layout) align(t types.Type) int64 { return l.sizes.Alignof(t) }

// fieldOffset returns the offset of field i of struct s.
func (l layout) fieldOffset(s *types.Struct, i int) int64 {
	fields := make([]*types.Var, s.NumFields())
	for k := range fields {
		fields[k] = s.Field(k)
	}
	return l.sizes.Offsetsof(fields)[i]
}

// tupleOffsets lays out the components of t like the fields of a
// struct: the result block of a call.
func (l layout) tupleOffsets(t *types.Tuple) (offs []int64, size, align int64) {
	vars := make([]*types.Var, t.Len())
	for i := range vars {
		vars[i] = types.NewField(0, nil, fmt.Sprintf("r%d", i), t.At(i).Type(), false)
	}
	s := types.NewStruct(vars, nil)
	return l.sizes.Offsetsof(vars), l.size(s), l.align(s)
}

// shapeOf classifies t, and for a scalar gives its LIR type.
func shapeOf(t types.Type) (shape, lir.Type) {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if lt, ok := basicTypes[u.Kind()]; ok {
			return shapeScalar, lt
		}
		if u.Info()&types.IsString != 0 {
			return shapeString, lir.Void
		}
	case *types.Pointer:
		return shapeScalar, lir.Ptr
	case *types.Slice:
		return shapeSlice, lir.Void
	case *types.Struct, *types.Array:
		return shapeMem, lir.Void
	case *types.Tuple:
		return shapeTuple, lir.Void
	}
	return shapeBad, lir.Void
}

// basicTypes gives the LIR type of each scalar basic type.
var basicTypes = map[types.BasicKind]lir.Type{
	types.Bool: lir.I8, types.UntypedBool: lir.I8, types.Int8: lir.I8, types.Uint8: lir.I8,
	types.Int16: lir.I16, types.Uint16: lir.I16,
	types.Int32: lir.I32, types.Uint32: lir.I32, types.UntypedRune: lir.I32,
	types.Int: lir.I64, types.Int64: lir.I64, types.Uint: lir.I64, types.Uint64: lir.I64,
	types.Uintptr: lir.I64, types.UntypedInt: lir.I64,
	types.Float32: lir.F32, types.Float64: lir.F64, types.UntypedFloat: lir.F64,
	types.UnsafePointer: lir.Ptr, types.UntypedNil: lir.Ptr,
}

// regTypes returns the LIR types of the registers holding a value of
// type t, or nil if t cannot be represented.
func regTypes(t types.Type) []lir.Type {
	sh, lt := shapeOf(t)
	switch sh {
	case shapeScalar:
		return []lir.Type{lt}
	case shapeString:
		return []lir.Type{lir.Ptr, lir.I64}
	case shapeSlice:
		return []lir.Type{lir.Ptr, lir.I64, lir.I64}
	case shapeMem:
		return []lir.Type{lir.Ptr}
	case shapeTuple:
		tu := t.(*types.Tuple)
		var out []lir.Type
		for i := 0; i < tu.Len(); i++ {
			r := regTypes(tu.At(i).Type())
			if r == nil {
				return nil
			}
			out = append(out, r...)
		}
		return out
	}
	return nil
}

// isSigned reports whether t is a signed integer type.
func isSigned(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0 && b.Info()&types.IsUnsigned == 0
}

func isBasic(t types.Type, flag types.BasicInfo) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&flag != 0
}

func isInteger(t types.Type) bool { return isBasic(t, types.IsInteger) }
func isFloat(t types.Type) bool   { return isBasic(t, types.IsFloat) }
func isString(t types.Type) bool  { return isBasic(t, types.IsString) }
func isUnsafePointer(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.UnsafePointer
}

// forbidden names what makes values of type t impossible in the
// runtime ("interfaces", "maps", ...), or returns "".
var forbidden = pkgload.ForbiddenType

// signature is how a Go signature is called in LIR (see the package
// doc): the flattened parameter types, the result type, and whether a
// hidden first parameter points at a result block instead.
type signature struct {
	params []lir.Type
	result lir.Type
	sret   bool
}

func lowerSignature(sig *types.Signature) signature {
	var s signature
	res := sig.Results()
	switch {
	case res.Len() == 0:
		s.result = lir.Void
	case res.Len() == 1:
		if sh, lt := shapeOf(res.At(0).Type()); sh == shapeScalar {
			s.result = lt
		} else {
			s.sret = true
		}
	default:
		s.sret = true
	}
	if s.sret {
		s.result = lir.Void
		s.params = append(s.params, lir.Ptr)
	}
	if recv := sig.Recv(); recv != nil {
		s.params = append(s.params, regTypes(recv.Type())...)
	}
	for i := 0; i < sig.Params().Len(); i++ {
		s.params = append(s.params, regTypes(sig.Params().At(i).Type())...)
	}
	return s
}
