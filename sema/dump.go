package sema

import (
	"fmt"
	"io"
	"reflect"
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
	d := typedDumper{fset: fset, info: info}
	d.value(reflect.ValueOf(n), 0)
	_, err := io.WriteString(w, d.b.String())
	return err
}

type typedDumper struct {
	fset *lex.FileSet
	info *Info
	b    strings.Builder
}

func (d *typedDumper) line(depth int, s string) {
	d.b.WriteString(strings.Repeat("  ", depth))
	d.b.WriteString(s)
	d.b.WriteByte('\n')
}

var (
	posType     = reflect.TypeFor[lex.Pos]()
	tokenType   = reflect.TypeFor[lex.Token]()
	commentType = reflect.TypeFor[[]*ast.Comment]()
)

func (d *typedDumper) value(v reflect.Value, depth int) {
	for v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() != reflect.Pointer || v.IsNil() {
		d.line(depth, "nil")
		return
	}
	s := v.Elem()
	t := s.Type()
	head := []string{t.Name()}
	type child struct {
		name string
		v    reflect.Value
	}
	var kids []child
	for i := range t.NumField() {
		f, fv := t.Field(i), s.Field(i)
		switch {
		case f.Type == posType:
			if d.fset != nil && fv.Int() != 0 {
				p := d.fset.Position(lex.Pos(fv.Int()))
				head = append(head, fmt.Sprintf("%s=%d:%d", f.Name, p.Line, p.Column))
			}
		case f.Type == tokenType:
			if fv.Uint() != 0 {
				head = append(head, f.Name+"="+lex.Token(fv.Uint()).String())
			}
		case f.Type == commentType:
		case f.Type.Kind() == reflect.String:
			if fv.String() != "" || f.Name == "Name" {
				head = append(head, f.Name+"="+strconv.Quote(fv.String()))
			}
		case f.Type.Kind() == reflect.Slice:
			if fv.Len() > 0 {
				kids = append(kids, child{f.Name, fv})
			}
		case f.Type.Kind() == reflect.Pointer || f.Type.Kind() == reflect.Interface:
			if !fv.IsNil() {
				kids = append(kids, child{f.Name, fv})
			}
		}
	}
	line := strings.Join(head, " ")
	if n, ok := v.Interface().(ast.Node); ok {
		line += d.annotation(n)
	}
	d.line(depth, line)
	for _, k := range kids {
		d.line(depth+1, k.name+":")
		if k.v.Kind() == reflect.Slice {
			for j := range k.v.Len() {
				d.value(k.v.Index(j), depth+2)
			}
			continue
		}
		d.value(k.v, depth+2)
	}
}

// annotation returns the type (and object) facts recorded for n.
func (d *typedDumper) annotation(n ast.Node) string {
	if d.info == nil {
		return ""
	}
	var s string
	if e, ok := n.(ast.Expr); ok {
		if tv, ok := d.info.Types[e]; ok && tv.Type != nil {
			s += " : " + TypeString(tv.Type, nil)
			if tv.Value != nil {
				s += " = " + tv.Value.String()
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
		} else if obj := d.info.Uses[id]; obj != nil {
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
