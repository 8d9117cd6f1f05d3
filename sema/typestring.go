package sema

import (
	"strconv"
	"strings"
)

// A Qualifier returns the prefix written before the names of pkg's types
// (without the dot), or "" for none.
type Qualifier func(pkg *Package) string

// TypeString returns t in Nature source syntax. Named types are prefixed
// with their module name (main.point) unless q says otherwise; a nil q
// qualifies every name.
func TypeString(t Type, q Qualifier) string {
	var b strings.Builder
	writeType(&b, t, q, 0)
	return b.String()
}

func writeType(b *strings.Builder, t Type, q Qualifier, depth int) {
	if depth > 32 {
		b.WriteString("...")
		return
	}
	list := func(ts []Type) {
		for i, e := range ts {
			if i > 0 {
				b.WriteString(", ")
			}
			writeType(b, e, q, depth+1)
		}
	}
	wrap := func(left string, e Type, right string) {
		b.WriteString(left)
		writeType(b, e, q, depth+1)
		b.WriteString(right)
	}
	switch t := t.(type) {
	case nil:
		b.WriteString("<nil>")
	case *Basic:
		b.WriteString(t.Name)
	case *Vec:
		wrap("[", t.Elem, "]")
	case *Array:
		wrap("[", t.Elem, ";"+strconv.FormatInt(t.Len, 10)+"]")
	case *Map:
		wrap("{", t.Key, ":")
		wrap("", t.Elem, "}")
	case *Set:
		wrap("{", t.Elem, "}")
	case *Tuple:
		b.WriteByte('(')
		list(t.Elems)
		b.WriteByte(')')
	case *Chan:
		wrap("chan<", t.Elem, ">")
	case *Future:
		wrap("future_t<", t.Result, ">")
	case *Pointer:
		wrap(t.Kind.String()+"<", t.Elem, ">")
	case *Union:
		if len(t.Terms) == 2 && t.Nullable() {
			for _, e := range t.Terms {
				if basicKind(e) != Null {
					writeType(b, e, q, depth+1)
				}
			}
			b.WriteByte('?')
			return
		}
		for i, e := range t.Terms {
			if i > 0 {
				b.WriteByte('|')
			}
			writeType(b, e, q, depth+1)
		}
	case *Signature:
		b.WriteString("fn(")
		t.WriteParams(b, ", ", func(p Type) { writeType(b, p, q, depth+1) })
		b.WriteByte(')')
		if t.Result != nil && !IsVoid(t.Result) {
			b.WriteByte(':')
			writeType(b, t.Result, q, depth+1)
		}
		if t.Errable {
			b.WriteByte('!')
		}
	case *Struct:
		writeMembers(b, "struct {", len(t.Fields), ';', func(i int) {
			writeType(b, t.Fields[i].typ, q, depth+1)
			b.WriteString(" " + t.Fields[i].name)
		})
	case *Interface:
		if t.Marker != "" {
			b.WriteString(t.Marker)
			return
		}
		writeMembers(b, "interface {", len(t.Methods), ';', func(i int) {
			m := t.Methods[i]
			b.WriteString("fn " + m.name)
			b.WriteString(strings.TrimPrefix(TypeString(m.typ, q), "fn"))
		})
	case *Enum:
		b.WriteString("enum")
		if t.Base != nil && t.Base != Int && t.Base != Typ[I64] { // the default
			b.WriteString(":" + t.Base.Name)
		}
		writeMembers(b, " {", len(t.Members), ',', func(i int) {
			b.WriteString(t.Members[i].name)
		})
	case *TaggedUnion:
		writeMembers(b, "union {", len(t.Variants), ';', func(i int) {
			writeType(b, t.Variants[i].Payload, q, depth+1)
			b.WriteString(" " + t.Variants[i].Name)
		})
	case *Named:
		b.WriteString(qualifiedName(t.Obj, q))
		if len(t.TypeArgs) > 0 {
			b.WriteByte('<')
			list(t.TypeArgs)
			b.WriteByte('>')
		}
	case *TypeParam:
		b.WriteString(t.Obj.name)
	default:
		b.WriteString("?")
	}
}

func qualifiedName(obj *TypeName, q Qualifier) string {
	if obj == nil {
		return "?"
	}
	prefix := ""
	if obj.pkg != nil {
		if q != nil {
			prefix = q(obj.pkg)
		} else {
			prefix = obj.pkg.Name
		}
	}
	if prefix == "" {
		return obj.name
	}
	return prefix + "." + obj.name
}

// WriteParams writes the parameter types of s to b with write,
// separated by sep, the last one after "..." if s is variadic: the
// parameter list of TypeString and of lir/linear's type keys.
func (s *Signature) WriteParams(b *strings.Builder, sep string, write func(Type)) {
	for i, p := range s.Params {
		if i > 0 {
			b.WriteString(sep)
		}
		if s.Variadic && i == len(s.Params)-1 {
			b.WriteString("...")
		}
		write(p.typ)
	}
}

// writeMembers writes head, the n members of a struct, interface, enum
// or union (each after a space, written by member), separated by sep,
// and " }".
func writeMembers(b *strings.Builder, head string, n int, sep byte, member func(i int)) {
	b.WriteString(head)
	for i := range n {
		if i > 0 {
			b.WriteByte(sep)
		}
		b.WriteByte(' ')
		member(i)
	}
	b.WriteString(" }")
}

// longType writes t as the reference's messages do (diagnostics.md §2.1,
// "type_format"): int(i64), main.point(struct), [int(i64)], map<string,i64>.
func longType(t Type) string {
	var b strings.Builder
	writeLong(&b, t, nil, 0)
	return b.String()
}

// shortType is the reference's "type_origin_format" (diagnostics.md
// §2.2): just the name when the type has one.
func shortType(t Type) string {
	switch t := t.(type) {
	case *Basic:
		if t.Kind == UntypedInt {
			return "i64"
		}
		if t.Kind == UntypedFloat {
			return "f64"
		}
		return t.Name
	case *Named:
		return namedShort(t)
	}
	if k := builtinKey(t); k != "" {
		return k
	}
	return longType(t)
}

func namedShort(t *Named) string {
	s := qualifiedName(t.Obj, nil)
	if len(t.TypeArgs) > 0 {
		args := make([]string, len(t.TypeArgs))
		for i, a := range t.TypeArgs {
			args[i] = shortType(a)
		}
		s += "<" + strings.Join(args, ",") + ">"
	}
	return s
}

// writeLong writes the long form. open lists the kinds of named
// composites being written, for the nesting guard (§2.1 rule 5).
func writeLong(b *strings.Builder, t Type, open []string, depth int) {
	if depth > 32 {
		b.WriteString("...")
		return
	}
	guard := func(name string) bool {
		for _, o := range open {
			if o == name {
				b.WriteString(name + "(...)")
				return true
			}
		}
		return false
	}
	// collection writes a vec, set or chan (kind) with its element e
	// between left and right, under the nesting guard.
	collection := func(kind, left string, e Type, right byte) {
		if guard(kind) {
			return
		}
		b.WriteString(left)
		writeLong(b, e, append(open, kind), depth+1)
		b.WriteByte(right)
	}
	switch t := t.(type) {
	case nil:
		b.WriteString("unknown")
	case *Basic:
		switch {
		case t == Int || t == Uint || t == Float:
			b.WriteString(t.Name + "(" + Typ[t.Kind].Name + ")")
		case t.Kind == UntypedInt:
			b.WriteString("i64")
		case t.Kind == UntypedFloat:
			b.WriteString("f64")
		default:
			b.WriteString(t.Name)
		}
	case *Vec:
		collection("vec", "[", t.Elem, ']')
	case *Array:
		b.WriteByte('[')
		writeLong(b, t.Elem, open, depth+1)
		b.WriteString(";" + strconv.FormatInt(t.Len, 10) + "]")
	case *Map:
		if guard("map") {
			return
		}
		b.WriteString("map<")
		writeLong(b, t.Key, append(open, "map"), depth+1)
		b.WriteByte(',')
		// The value type is written without its name (§2.1).
		v := t.Elem
		if n, ok := v.(*Named); ok {
			v = n.Underlying()
		}
		if bt, ok := v.(*Basic); ok {
			v = Typ[bt.Kind]
		}
		writeLong(b, v, append(open, "map"), depth+1)
		b.WriteByte('>')
	case *Set:
		collection("set", "set<", t.Elem, '>')
	case *Chan:
		collection("chan", "chan<", t.Elem, '>')
	case *Tuple:
		b.WriteString("tup<...>")
	case *Signature:
		b.WriteString("fn(...):")
		writeLong(b, t.Result, open, depth+1)
		if t.Errable {
			b.WriteByte('!')
		}
	case *Pointer:
		b.WriteString(t.Kind.String() + "<")
		writeLong(b, t.Elem, open, depth+1)
		b.WriteByte('>')
	case *Union:
		b.WriteString("union")
	case *Struct:
		b.WriteString("struct")
	case *Interface:
		if t.Marker != "" {
			b.WriteString(t.Marker)
		} else {
			b.WriteString("interface")
		}
	case *Enum:
		b.WriteString("enum:" + t.Base.Name)
	case *TaggedUnion:
		b.WriteString("tagged_union")
	case *Future:
		b.WriteString("future_t<" + shortType(t.Result) + ">(struct)")
	case *TypeParam:
		b.WriteString(t.Obj.name)
	case *Named:
		b.WriteString(namedShort(t))
		if guard(t.Obj.name) {
			return
		}
		b.WriteByte('(')
		u := t.Underlying()
		if bt, ok := u.(*Basic); ok {
			u = Typ[bt.Kind]
		}
		writeLong(b, u, append(open, t.Obj.name), depth+1)
		b.WriteByte(')')
	default:
		b.WriteString("?")
	}
}
