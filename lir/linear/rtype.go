package linear

import (
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// Type descriptors (docs/runtime-abi.md, "Type descriptors"): one
// read-only @main.rtype.<type> per type the program uses at run time —
// the dynamic type of a box or an interface value, the target of an is
// or as, and the types those descriptors name in turn (elements, fields,
// terms). They are deduplicated module-wide by a canonical key (typeKey:
// int and i64 are one type, a union is the set of its terms, every type
// declaration is its own type), so a descriptor's address is the type's
// identity and is/as compare addresses. Lowering only registers a type
// and takes its symbol; the data is written at the end of Build
// (emitTypes), when every method table is known.

// typeTable is the registry of descriptors and method tables.
type typeTable struct {
	byKey   map[string]*rtype
	order   []*rtype
	symUsed map[string]bool
	named   map[*sema.TypeName]string // a unique spelling per declaration
	itabs   map[string]*itab
	itabOrd []*itab
	adapt   map[string]bool // adapter functions made
	table   bool            // emit the type table (@reflect_hash is used)
}

// rtype is one registered descriptor.
type rtype struct {
	t     sema.Type
	key   string
	sym   string
	itabs []*itab // method tables of this (dynamic) type
}

// itab is one method table: dynamic type t for interface iface.
type itab struct {
	t, iface *rtype
	sym      string
	fns      []string // code symbols in the interface's method order
}

func (m *moduleBuilder) typeTab() *typeTable {
	if m.types == nil {
		m.types = &typeTable{
			byKey:   map[string]*rtype{},
			symUsed: map[string]bool{},
			named:   map[*sema.TypeName]string{},
			itabs:   map[string]*itab{},
			adapt:   map[string]bool{},
		}
	}
	return m.types
}

// typeDesc returns the address of the descriptor of t, which must be a
// concrete type (no type parameters left).
func (fb *funcBuilder) typeDesc(n ast.Node, t sema.Type) lir.Operand {
	r := fb.m.rtypeOf(t)
	if r == nil {
		fb.unsupported(n, "the type "+t.String()+" at run time")
	}
	return fb.b.Symbol(r.sym)
}

// rtypeOf registers t and returns its descriptor, or nil when t cannot
// exist at run time (a type parameter, an invalid type).
func (m *moduleBuilder) rtypeOf(t sema.Type) *rtype {
	tt := m.typeTab()
	key, ok := tt.key(t, 0)
	if !ok {
		return nil
	}
	if r := tt.byKey[key]; r != nil {
		return r
	}
	name := "main.rtype." + sema.TypeString(t, nil)
	sym := name
	for i := 2; tt.symUsed[sym]; i++ {
		sym = name + "." + strconv.Itoa(i)
	}
	tt.symUsed[sym] = true
	r := &rtype{t: t, key: key, sym: sym}
	tt.byKey[key] = r
	tt.order = append(tt.order, r)
	return r
}

// key returns the canonical spelling of t: equal for identical types
// (sema.Identical), different otherwise.
func (tt *typeTable) key(t sema.Type, depth int) (string, bool) {
	if depth > 64 || t == nil {
		return "", false
	}
	var b strings.Builder
	ok := true
	w := func(t sema.Type) {
		k, good := tt.key(t, depth+1)
		ok = ok && good
		b.WriteString(k)
	}
	list := func(ts []sema.Type, sep string) {
		for i, e := range ts {
			if i > 0 {
				b.WriteString(sep)
			}
			w(e)
		}
	}
	switch t := t.(type) {
	case *sema.Basic:
		switch t.Kind {
		case sema.Invalid, sema.UntypedInt, sema.UntypedFloat:
			return "", false
		}
		b.WriteString(sema.Typ[t.Kind].Name) // int is i64
	case *sema.Named:
		if t.Obj == nil || t.Orig != nil && t.Orig.Obj == nil {
			return "", false
		}
		if t.Orig != nil {
			b.WriteString(tt.declName(t.Orig.Obj))
			b.WriteByte('<')
			list(t.TypeArgs, ",")
			b.WriteByte('>')
		} else {
			b.WriteString(tt.declName(t.Obj))
		}
	case *sema.Vec:
		b.WriteString("vec<")
		w(t.Elem)
		b.WriteByte('>')
	case *sema.Array:
		b.WriteString("arr<")
		w(t.Elem)
		b.WriteString("," + strconv.FormatInt(t.Len, 10) + ">")
	case *sema.Map:
		b.WriteString("map<")
		w(t.Key)
		b.WriteByte(',')
		w(t.Elem)
		b.WriteByte('>')
	case *sema.Set:
		b.WriteString("set<")
		w(t.Elem)
		b.WriteByte('>')
	case *sema.Chan:
		b.WriteString("chan<")
		w(t.Elem)
		b.WriteByte('>')
	case *sema.Future:
		b.WriteString("future<")
		w(t.Result)
		b.WriteByte('>')
	case *sema.Tuple:
		b.WriteString("tup<")
		list(t.Elems, ",")
		b.WriteByte('>')
	case *sema.Pointer:
		b.WriteString(t.Kind.String() + "<")
		w(t.Elem)
		b.WriteByte('>')
	case *sema.Union:
		// A set of terms: the order they are written in does not matter.
		terms := make([]string, len(t.Terms))
		for i, e := range t.Terms {
			k, good := tt.key(e, depth+1)
			ok = ok && good
			terms[i] = k
		}
		sort.Strings(terms)
		b.WriteString("union<" + strings.Join(terms, "|") + ">")
	case *sema.Signature:
		b.WriteString("fn(")
		t.WriteParams(&b, ",", w)
		b.WriteString("):")
		w(t.Result)
		if t.Errable {
			b.WriteByte('!')
		}
	case *sema.Struct:
		b.WriteString("struct{")
		for i, f := range t.Fields {
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteString(f.Name() + " ")
			w(f.Type())
		}
		b.WriteByte('}')
	case *sema.Interface, *sema.Enum, *sema.TaggedUnion:
		// Only ever the underlying type of a declaration, which is keyed
		// by its name; spelled out for completeness.
		b.WriteString(sema.TypeString(t, nil))
	default: // type parameters
		return "", false
	}
	return b.String(), ok
}

// declName returns a spelling unique to one type declaration: its full
// name, with a number added when two declarations spell alike (local
// types of the same name).
func (tt *typeTable) declName(obj *sema.TypeName) string {
	if s, ok := tt.named[obj]; ok {
		return s
	}
	name := obj.Name()
	if p := obj.Pkg(); p != nil && p.Name != "" {
		name = p.Name + "." + name
	}
	s := name
	for i := 2; tt.nameTaken(s); i++ {
		s = name + "#" + strconv.Itoa(i)
	}
	tt.named[obj] = s
	return s
}

func (tt *typeTable) nameTaken(s string) bool {
	for _, v := range tt.named {
		if v == s {
			return true
		}
	}
	return false
}

// emitTypes writes every registered descriptor and method table. Writing
// a descriptor registers the types it names, which are written too.
func (m *moduleBuilder) emitTypes() {
	tt := m.types
	if tt == nil {
		return
	}
	for _, it := range tt.itabOrd {
		items := []lir.DataItem{symItem(it.t.sym), symItem(it.iface.sym)}
		for _, fn := range it.fns {
			items = append(items, symItem(fn))
		}
		m.global(it.sym, true, 8, items...)
	}
	for i := 0; i < len(tt.order); i++ {
		m.emitType(tt.order[i])
	}
	if tt.table {
		m.emitTypeTable()
	}
}

// typeHash is the identity hash of the type of canonical spelling key:
// FNV-1a, shifted right by one so that it is positive (@reflect_hash).
func typeHash(key string) int64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	return int64(h.Sum64() >> 1)
}

// reflectHash lowers @reflect_hash(T): T's identity hash. It registers T
// and asks for the type table, so that the runtime finds T's descriptor,
// and those of the types it names, by the hash (reflect.typeof_hash).
func (fb *funcBuilder) reflectHash(n ast.Node, t sema.Type) lir.Operand {
	r := fb.m.rtypeOf(t)
	if r == nil {
		fb.unsupported(n, "the type "+t.String()+" at run time")
		return lir.Int(lir.I64, 0)
	}
	fb.m.types.table = true
	return lir.Int(lir.I64, typeHash(r.key))
}

// emitTypeTable writes the type table (abi.TypeTableSymbol): the number
// of descriptors, then each descriptor in increasing hash order.
func (m *moduleBuilder) emitTypeTable() {
	tt := m.types
	order := append([]*rtype(nil), tt.order...)
	sort.SliceStable(order, func(i, j int) bool { return typeHash(order[i].key) < typeHash(order[j].key) })
	items := []lir.DataItem{intItem(lir.I64, int64(len(order)))}
	for _, r := range order {
		items = append(items, symItem(r.sym))
	}
	m.global(abi.TypeTableSymbol, true, 8, items...)
}

func symItem(sym string) lir.DataItem {
	return lir.DataItem{Kind: lir.DataSym, Type: lir.Ptr, Sym: sym}
}

func intItem(t lir.Type, n int64) lir.DataItem {
	return lir.DataItem{Kind: lir.DataInt, Type: t, Int: n}
}

// A descItem is one TypeItem of a descriptor.
type descItem struct {
	name string
	t    sema.Type
	off  int64
}

// emitType writes the descriptor of r: rt/alloc.Type, the language's
// fields, then its items, its method table pointers and its pointer
// mask, all in one read-only global.
func (m *moduleBuilder) emitType(r *rtype) {
	t := r.t
	size, align := int64(8), int64(8)
	var ptrBytes int64
	var mask []byte
	goKind, nkind := kinds(t)
	var elem, key sema.Type
	var length int64
	var items []descItem
	switch u := t.Underlying().(type) {
	case *sema.Basic:
		size = int64(lirType(t).Size())
		if u.Kind == sema.Null || u.Kind == sema.Void {
			size = 0
		}
		align = max(size, 1)
	case *sema.Enum:
		size = int64(lirType(u.Base).Size())
		align = size
		elem = u.Base
	case *sema.Vec, *sema.Set, *sema.Chan, *sema.Future, *sema.Pointer:
		elem = sema.TypeParts(u)[0]
	case *sema.Array:
		elem, length = u.Elem, u.Len
	case *sema.Map:
		key, elem = u.Key, u.Elem
	case *sema.Struct, *sema.Tuple:
		l := aggregateLayout(t)
		size = l.size
		ptrBytes, mask = l.ptrBytes()
		for i, ft := range fields(t) {
			it := descItem{t: ft, off: l.offs[i]}
			if s, ok := u.(*sema.Struct); ok {
				it.name = s.Fields[i].Name()
			}
			items = append(items, it)
		}
	case *sema.Union:
		for _, term := range u.Terms {
			items = append(items, descItem{t: term})
		}
		if u.Nullable() && len(u.Terms) == 2 {
			for _, term := range u.Terms {
				if valueKind(term) != abi.KindNull {
					elem = term
				}
			}
		}
	case *sema.Signature:
		elem = u.Result
		for _, p := range u.Params {
			items = append(items, descItem{t: p.Type()})
		}
	case *sema.Interface:
		for _, fn := range u.AllMethods() {
			items = append(items, descItem{name: fn.Name(), t: fn.Signature()})
		}
	case *sema.TaggedUnion:
		for _, v := range u.Variants {
			items = append(items, descItem{name: v.Name, t: v.Payload})
		}
	}
	if ptrBytes == 0 && isPointer(t) && !isAggregate(t) {
		ptrBytes, mask = 8, []byte{1}
	}
	// Where the parts after the fixed fields go.
	off := int64(abi.TypeDescSize)
	itemsAt := off
	off += int64(len(items)) * abi.TypeItemSize
	itabsAt := off
	off += int64(len(r.itabs)) * 8
	maskAt := off

	refSz, refAl := refSize(t)
	if nkind == abi.NKindNull {
		refSz = 8 // the reference's descriptor of null says a word
	}
	ref := func(t sema.Type) lir.DataItem {
		if t == nil {
			return intItem(lir.I64, 0)
		}
		if d := m.rtypeOf(t); d != nil {
			return symItem(d.sym)
		}
		return intItem(lir.I64, 0)
	}
	at := func(n int64) lir.DataItem {
		return lir.DataItem{Kind: lir.DataSym, Type: lir.Ptr, Sym: r.sym, Int: n}
	}
	out := []lir.DataItem{
		intItem(lir.I64, size),
		intItem(lir.I64, align),
		intItem(lir.I64, ptrBytes),
		intItem(lir.I64, typeHash(r.key)),
		intItem(lir.I64, 0), // GCBits, below
		intItem(lir.I8, goKind),
		{Kind: lir.DataZero, Int: 7},
		intItem(lir.I64, nkind),
		intItem(lir.I64, printKind(t)),
		symItem(m.str(sema.TypeString(t, nil))),
		ref(elem),
		ref(key),
		intItem(lir.I64, length),
		intItem(lir.I64, 0), // Items, below
		intItem(lir.I64, int64(len(items))),
		intItem(lir.I64, 0), // Itabs, below
		intItem(lir.I64, int64(len(r.itabs))),
		intItem(lir.I64, refSz),
		intItem(lir.I64, refAl),
	}
	if ptrBytes > 0 {
		out[4] = at(maskAt)
	}
	if len(items) > 0 {
		out[13] = at(itemsAt)
	}
	if len(r.itabs) > 0 {
		out[15] = at(itabsAt)
	}
	for _, it := range items {
		name := intItem(lir.I64, 0)
		if it.name != "" {
			name = symItem(m.str(it.name))
		}
		out = append(out, name, ref(it.t), intItem(lir.I64, it.off))
	}
	for _, it := range r.itabs {
		out = append(out, symItem(it.sym))
	}
	if len(mask) > 0 {
		out = append(out, lir.DataItem{Kind: lir.DataBytes, Bytes: mask})
	}
	m.global(r.sym, true, 8, out...)
}

// kinds returns the two kinds t's type descriptor records: the Go
// reflect.Kind rt/alloc's Kind field holds (structs, tuples, tagged
// unions and futures are Go structs) and t's Nature kind (abi.NKind*,
// reflect's numbering).
func kinds(t sema.Type) (goKind, nkind int64) {
	switch u := t.Underlying().(type) {
	case *sema.Basic:
		if int(u.Kind) < len(basicKinds) && basicKinds[u.Kind].nkind != 0 {
			k := basicKinds[u.Kind]
			return k.goKind, k.nkind
		}
		return abi.TypeKindInvalid, abi.NKindNull
	case *sema.Enum:
		goKind, _ = kinds(u.Base)
		return goKind, abi.NKindEnum
	case *sema.Vec:
		return abi.TypeKindSlice, abi.NKindVec
	case *sema.Array:
		return abi.TypeKindArray, abi.NKindArr
	case *sema.Map:
		return abi.TypeKindMap, abi.NKindMap
	case *sema.Set:
		return abi.TypeKindMap, abi.NKindSet
	case *sema.Tuple:
		return abi.TypeKindStruct, abi.NKindTup
	case *sema.Struct:
		return abi.TypeKindStruct, abi.NKindStruct
	case *sema.Signature:
		return abi.TypeKindFunc, abi.NKindFn
	case *sema.Chan:
		return abi.TypeKindChan, abi.NKindChan
	case *sema.Future:
		return abi.TypeKindStruct, abi.NKindCoroutine
	case *sema.Pointer:
		if u.Kind == sema.Ref {
			return abi.TypeKindPointer, abi.NKindRef
		}
		return abi.TypeKindPointer, abi.NKindPtr
	case *sema.Union:
		return abi.TypeKindInterface, abi.NKindUnion
	case *sema.Interface:
		return abi.TypeKindInterface, abi.NKindInterface
	case *sema.TaggedUnion:
		return abi.TypeKindStruct, abi.NKindTaggedUnion
	}
	return abi.TypeKindStruct, 0
}

// basicKinds holds kinds' two kinds of each basic type with a
// descriptor; the others (void, null, untyped constants) have none.
var basicKinds = [...]struct{ goKind, nkind int64 }{
	sema.Bool:   {abi.TypeKindBool, abi.NKindBool},
	sema.I8:     {abi.TypeKindInt8, abi.NKindI8},
	sema.I16:    {abi.TypeKindInt16, abi.NKindI16},
	sema.I32:    {abi.TypeKindInt32, abi.NKindI32},
	sema.I64:    {abi.TypeKindInt64, abi.NKindI64},
	sema.U8:     {abi.TypeKindUint8, abi.NKindU8},
	sema.U16:    {abi.TypeKindUint16, abi.NKindU16},
	sema.U32:    {abi.TypeKindUint32, abi.NKindU32},
	sema.U64:    {abi.TypeKindUint64, abi.NKindU64},
	sema.F32:    {abi.TypeKindFloat32, abi.NKindF32},
	sema.F64:    {abi.TypeKindFloat64, abi.NKindF64},
	sema.String: {abi.TypeKindString, abi.NKindString},
	sema.Anyptr: {abi.TypeKindUintptr, abi.NKindAnyptr},
	sema.Any:    {abi.TypeKindInterface, abi.NKindAny},
}

// printKind returns the value kind a box of a t value prints with (a
// descriptor's Value): enums print in hex, the rest as valueKind says.
func printKind(t sema.Type) int64 {
	if isEnum(t) {
		return abi.KindHex
	}
	return valueKind(t)
}
