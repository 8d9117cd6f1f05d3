package gofront

import (
	"fmt"
	"go/types"

	"github.com/naturekit/naturekit/lir"
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
		switch u.Kind() {
		case types.Bool, types.UntypedBool:
			return shapeScalar, lir.I8
		case types.Int8, types.Uint8:
			return shapeScalar, lir.I8
		case types.Int16, types.Uint16:
			return shapeScalar, lir.I16
		case types.Int32, types.Uint32, types.UntypedRune:
			return shapeScalar, lir.I32
		case types.Int, types.Int64, types.Uint, types.Uint64, types.Uintptr, types.UntypedInt:
			return shapeScalar, lir.I64
		case types.Float32:
			return shapeScalar, lir.F32
		case types.Float64, types.UntypedFloat:
			return shapeScalar, lir.F64
		case types.UnsafePointer, types.UntypedNil:
			return shapeScalar, lir.Ptr
		case types.String, types.UntypedString:
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
func forbidden(t types.Type) string {
	return forbiddenIn(t, map[types.Type]bool{})
}

func forbiddenIn(t types.Type, seen map[types.Type]bool) string {
	if seen[t] {
		return ""
	}
	seen[t] = true
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return "interfaces"
	case *types.Map:
		return "maps"
	case *types.Chan:
		return "channels"
	case *types.Signature:
		return "function values"
	case *types.Basic:
		if u.Info()&types.IsComplex != 0 {
			return "complex numbers"
		}
	case *types.Pointer:
		return forbiddenIn(u.Elem(), seen)
	case *types.Slice:
		return forbiddenIn(u.Elem(), seen)
	case *types.Array:
		return forbiddenIn(u.Elem(), seen)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if bad := forbiddenIn(u.Field(i).Type(), seen); bad != "" {
				return bad
			}
		}
	case *types.Tuple:
		for i := 0; i < u.Len(); i++ {
			if bad := forbiddenIn(u.At(i).Type(), seen); bad != "" {
				return bad
			}
		}
	case *types.TypeParam:
		return "generics"
	}
	return ""
}

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
