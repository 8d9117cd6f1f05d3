package ast

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/lex"
)

// Dump writes a structural dump of the tree rooted at n to w: one node per
// line, its type name, its non-empty fields, children indented by two
// spaces. Positions are printed as line:col when fset is non-nil and
// omitted otherwise, which gives a dump that compares trees "modulo
// positions". Comments are not part of the dump.
func Dump(w io.Writer, fset *lex.FileSet, n Node) error {
	return DumpAnnotated(w, fset, n, nil)
}

// DumpAnnotated is Dump with a hook: when annotate is non-nil, the text
// it returns for a node is appended to the node's line, after its
// fields. sema's typed dump (sema.Fprint) adds types and objects this
// way.
func DumpAnnotated(w io.Writer, fset *lex.FileSet, n Node, annotate func(Node) string) error {
	d := dumper{fset: fset, annotate: annotate}
	d.value(reflect.ValueOf(n), 0)
	_, err := io.WriteString(w, d.b.String())
	return err
}

type dumper struct {
	fset     *lex.FileSet
	annotate func(Node) string
	b        strings.Builder
}

func (d *dumper) line(depth int, s string) {
	d.b.WriteString(strings.Repeat("  ", depth))
	d.b.WriteString(s)
	d.b.WriteByte('\n')
}

var (
	posType     = reflect.TypeFor[lex.Pos]()
	tokenType   = reflect.TypeFor[lex.Token]()
	commentType = reflect.TypeFor[[]*Comment]()
)

// value dumps a node pointer (or interface holding one).
func (d *dumper) value(v reflect.Value, depth int) {
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
		case !f.IsExported(): // the expression's number
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
	if d.annotate != nil {
		if n, ok := v.Interface().(Node); ok {
			line += d.annotate(n)
		}
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
