package gofront

import (
	"encoding/binary"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"

	"golang.org/x/tools/go/ssa"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/gofront/internal/pkgload"
)

// global compiles a package-level variable to a data global. Its initial
// value must be known at compile time (constants, addresses of
// package-level variables or of their elements and fields at constant
// indices, and composite literals of those): the
// runtime has no package initialisation code.
func (c *compiler) global(p *pkgload.Package, g *ssa.Global) {
	if g.Name() == "init$guard" {
		return
	}
	t := g.Type().(*types.Pointer).Elem()
	if bad := forbidden(t); bad != "" {
		c.errorf(g.Pos(), "package variable %s of type %s is not allowed in the runtime (%s)", g.Name(), typeString(g.Pkg.Pkg, t), bad)
		return
	}
	size := c.layout.size(t)
	img := &image{b: make([]byte, size), syms: map[int64]string{}}
	if init := initializer(p, g.Object()); init != nil {
		if len(init.Lhs) != 1 {
			c.errorf(g.Pos(), "non-constant initialisation of package variable %s is not allowed in the runtime (no init code)", g.Name())
			return
		}
		if !c.initValue(p, img, 0, t, init.Rhs) {
			c.errorf(init.Rhs.Pos(), "non-constant initialisation of package variable %s is not allowed in the runtime (no init code)", g.Name())
			return
		}
	}
	c.mod.Globals = append(c.mod.Globals, &lir.Global{
		Name:  globalSymbol(g),
		Align: c.layout.align(t),
		Items: img.items(),
	})
}

// initializer returns the initialisation of v, or nil if it has none.
func initializer(p *pkgload.Package, v types.Object) *types.Initializer {
	for _, init := range p.Info.InitOrder {
		for _, lhs := range init.Lhs {
			if lhs == v {
				return init
			}
		}
	}
	return nil
}

// image is the initial contents of a global: bytes, and symbol
// addresses at some 8-byte words.
type image struct {
	b    []byte
	syms map[int64]string
}

// initValue writes the value of expression e, of type t, at offset off
// of img. It reports false if e is not a compile-time value.
func (c *compiler) initValue(p *pkgload.Package, img *image, off int64, t types.Type, e ast.Expr) bool {
	e = ast.Unparen(e)
	tv := p.Info.Types[e]
	if tv.IsNil() {
		return true
	}
	if tv.Value != nil {
		return c.initConst(p, img, off, t, tv.Value)
	}
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		sym, addend, ok := c.globalAddr(p, u.X)
		if !ok {
			return false
		}
		img.syms[off] = sym
		binary.LittleEndian.PutUint64(img.b[off:], uint64(addend))
		return true
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Array:
		elem, esize := u.Elem(), c.layout.size(u.Elem())
		var i int64
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				k := p.Info.Types[kv.Key].Value
				if k == nil {
					return false
				}
				i, _ = constant.Int64Val(constant.ToInt(k))
				el = kv.Value
			}
			if !c.initValue(p, img, off+i*esize, elem, el) {
				return false
			}
			i++
		}
		return true
	case *types.Struct:
		for i, el := range lit.Elts {
			field := i
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				id, ok := kv.Key.(*ast.Ident)
				if !ok {
					return false
				}
				field = fieldIndex(u, id.Name)
				el = kv.Value
			}
			if field < 0 || !c.initValue(p, img, off+c.layout.fieldOffset(u, field), u.Field(field).Type(), el) {
				return false
			}
		}
		return true
	}
	return false
}

// globalAddr returns the address of e, a package-level variable or an
// element or field of one at a constant index, as a symbol and offset.
func (c *compiler) globalAddr(p *pkgload.Package, e ast.Expr) (string, int64, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := p.Info.Uses[e].(*types.Var)
		if !ok || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
			return "", 0, false
		}
		return PackageSymbol(v.Pkg().Path()) + "." + v.Name(), 0, true
	case *ast.IndexExpr:
		a, ok := p.Info.Types[e.X].Type.Underlying().(*types.Array)
		k := p.Info.Types[e.Index].Value
		if !ok || k == nil {
			return "", 0, false
		}
		sym, off, ok := c.globalAddr(p, e.X)
		i, _ := constant.Int64Val(constant.ToInt(k))
		return sym, off + i*c.layout.size(a.Elem()), ok
	case *ast.SelectorExpr:
		s, ok := p.Info.Types[e.X].Type.Underlying().(*types.Struct)
		if !ok {
			return "", 0, false
		}
		f := fieldIndex(s, e.Sel.Name)
		sym, off, ok := c.globalAddr(p, e.X)
		if f < 0 {
			return "", 0, false
		}
		return sym, off + c.layout.fieldOffset(s, f), ok
	}
	return "", 0, false
}

func fieldIndex(s *types.Struct, name string) int {
	for i := 0; i < s.NumFields(); i++ {
		if s.Field(i).Name() == name {
			return i
		}
	}
	return -1
}

// initConst writes constant v as a value of type t.
func (c *compiler) initConst(p *pkgload.Package, img *image, off int64, t types.Type, v constant.Value) bool {
	b, ok := t.Underlying().(*types.Basic)
	if !ok {
		return false
	}
	size := c.layout.size(t)
	var bits uint64
	switch {
	case b.Info()&types.IsBoolean != 0:
		if constant.BoolVal(v) {
			bits = 1
		}
	case b.Info()&types.IsInteger != 0:
		bits = intBits(v)
	case b.Kind() == types.Float32:
		f, _ := constant.Float32Val(constant.ToFloat(v))
		bits = uint64(math.Float32bits(f))
	case b.Kind() == types.Float64:
		f, _ := constant.Float64Val(constant.ToFloat(v))
		bits = math.Float64bits(f)
	case b.Info()&types.IsString != 0:
		s := constant.StringVal(v)
		if s != "" {
			img.syms[off] = c.stringGlobal(PackageSymbol(p.Path), s)
			binary.LittleEndian.PutUint64(img.b[off:], 0)
		}
		binary.LittleEndian.PutUint64(img.b[off+8:], uint64(len(s)))
		return true
	default:
		return false
	}
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], bits)
	copy(img.b[off:off+size], buf[:])
	return true
}

// intBits returns the two's complement bits of integer constant v.
func intBits(v constant.Value) uint64 {
	v = constant.ToInt(v)
	if u, ok := constant.Uint64Val(v); ok {
		return u
	}
	i, _ := constant.Int64Val(v)
	return uint64(i)
}

// items turns the image into data items: runs of bytes or zeros, and
// symbol addresses.
func (img *image) items() []lir.DataItem {
	var items []lir.DataItem
	flush := func(from, to int64) {
		if from == to {
			return
		}
		chunk := img.b[from:to]
		for _, x := range chunk {
			if x != 0 {
				items = append(items, lir.DataItem{Kind: lir.DataBytes, Bytes: append([]byte(nil), chunk...)})
				return
			}
		}
		items = append(items, lir.DataItem{Kind: lir.DataZero, Int: to - from})
	}
	var start int64
	for off := int64(0); off < int64(len(img.b)); {
		if sym, ok := img.syms[off]; ok {
			flush(start, off)
			addend := int64(binary.LittleEndian.Uint64(img.b[off:]))
			items = append(items, lir.DataItem{Kind: lir.DataSym, Sym: sym, Int: addend})
			off += 8
			start = off
			continue
		}
		off++
	}
	flush(start, int64(len(img.b)))
	if len(items) == 0 {
		items = append(items, lir.DataItem{Kind: lir.DataZero, Int: 0})
	}
	return items
}
