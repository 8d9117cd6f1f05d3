package sema

import (
	"go/constant"
	"io"
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// Fprint writes the typed program: the structural dump of ast.Dump (one
// node per line, non-empty fields, children indented by two spaces,
// positions as line:col when fset is non-nil) where every expression line
// ends in " : type", constants add " = value", and identifiers add the
// kind of object they denote (" -> local x", " -> func main.f", ...).
// Types are written in Nature syntax (TypeString). This is the text form
// of the sema stage (naturec dump --stage=types).
func Fprint(w io.Writer, fset *lex.FileSet, n ast.Node, info *Info) error {
	d := typedDumper{info: info}
	return ast.DumpAnnotated(w, fset, n, d.annotation)
}

type typedDumper struct {
	info *Info
}

// annotation returns the type (and object) facts recorded for n.
func (d *typedDumper) annotation(n ast.Node) string {
	if d.info == nil {
		return ""
	}
	var s string
	if e, ok := n.(ast.Expr); ok {
		if tv, ok := d.info.Types.Lookup(e); ok && tv.Type != nil {
			s += " : " + TypeString(tv.Type, nil)
			if tv.Value != nil {
				s += " = " + constString(tv)
			}
			if tv.Mode == TypeExpr {
				s += " (type)"
			}
		}
		if to, ok := d.info.Implicit[e]; ok {
			s += " => " + TypeString(to, nil)
		}
	}
	if id, ok := n.(*ast.Ident); ok {
		if obj := d.info.Defs[id]; obj != nil {
			s += " def " + objectString(obj)
		} else if obj := d.info.Uses.At(id); obj != nil {
			s += " use " + objectString(obj)
		}
	}
	switch n := n.(type) {
	case *ast.CallExpr:
		if call := d.info.Calls[n]; call != nil {
			s += " [" + call.String() + "]"
		}
	case *ast.SelectorExpr:
		if sel := d.info.Selections[n]; sel != nil {
			s += " [" + sel.Kind.String()
			if sel.Indirect {
				s += " indirect"
			}
			s += "]"
		}
	case *ast.AsExpr:
		if conv := d.info.Conversions[n]; conv != nil {
			s += " [" + conv.Kind.String() + "]"
		}
	case *ast.ForInStmt:
		if fi := d.info.ForIns[n]; fi != nil {
			s += " [iter " + fi.Kind.String() + "]"
		}
	case *ast.AssignStmt:
		if t := d.info.CompoundOps[n]; t != nil {
			s += " [op " + TypeString(t, nil) + "]"
		}
	case *ast.FuncLit:
		if f := d.info.FuncLits[n]; f != nil && len(f.Captures) > 0 {
			names := make([]string, len(f.Captures))
			for i, v := range f.Captures {
				names[i] = v.name
			}
			s += " [captures " + strings.Join(names, ", ") + "]"
		}
	}
	return s
}

// constString formats a constant's value; a float as the float64 it is.
func constString(tv TypeAndValue) string {
	if k := tv.Value.Kind(); k == constant.Float || k == constant.Unknown || IsFloat(tv.Type) {
		return formatFloat(tv.Float)
	}
	return tv.Value.String()
}

// objectString describes obj in a dump: "local x", "func main.f", ...
func objectString(obj Object) string {
	switch o := obj.(type) {
	case *Var:
		s := o.Kind.String() + " " + o.name
		if o.Captured {
			s += " captured"
		}
		if o.Assigned {
			s += " assigned"
		}
		if o.AddrTaken {
			s += " addr"
		}
		return s
	case *Const:
		return "const " + o.name
	case *Func:
		if o.Lit != nil {
			return "closure"
		}
		return "func " + o.FullName()
	case *TypeName:
		return "type " + o.name
	case *Builtin:
		return "builtin " + o.name
	case *PkgName:
		return "module " + o.name
	}
	return "?"
}

// String describes the call for dumps: "method main.point.area", "builtin-method vec.push".
func (c *Call) String() string {
	s := c.Kind.String()
	switch c.Kind {
	case CallFunc, CallMethod, CallStatic, CallInterface:
		if c.Func != nil {
			s += " " + c.Func.FullName()
		}
	case CallBuiltinMethod:
		s += " " + c.Method.String()
	case CallVariant:
		if c.Variant != nil {
			s += " " + c.Variant.Name
		}
	}
	switch c.RecvAdjust {
	case RecvAddr:
		s += " &recv"
	case RecvDeref:
		s += " *recv"
	}
	if c.Rest >= 0 && c.Sig != nil && c.Sig.Variadic {
		s += " rest@" + strconv.Itoa(c.Rest)
	}
	if c.Spread {
		s += " spread"
	}
	if c.Errable {
		s += " errable"
	}
	return s
}
