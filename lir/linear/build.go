package linear

import (
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// Config controls a Build.
type Config struct {
	// Path maps a file name as recorded in the lex.FileSet to the path
	// runtime messages print (spec/builtins.md §3.1, e.g. "case/main.n");
	// nil means the name itself.
	Path func(filename string) string
	// MessagePath, when set, is Path for runtime messages only (panics,
	// uncaught errors and their backtraces): the reference names its std
	// packages' files there from the std folder (strings/strings.n),
	// while the debug info keeps Path's names.
	MessagePath func(filename string) string
	// Library reports the packages (the standard library's) whose
	// functions are lowered only when the program uses them; nil means
	// none: every function of every module is lowered.
	Library func(*sema.Package) bool
	// StatementPos gives the instructions of each statement that have
	// no position of their own (names, literals, copies, jumps: see
	// srcpos.go) the statement's, for tools that link every instruction
	// to its source line (naturec explore). It adds entries to the
	// executable's position table, so builds leave it off.
	StatementPos bool
	// Target is the os_arch whose C calling convention #linkid calls
	// to C follow (ffi.go): "linux_amd64" (System V AMD64, also when
	// empty) or "linux_arm64" (AAPCS64).
	Target string
}

// Build lowers a checked program to one LIR module in linear form. files
// are the entry module's files as given to sema.Check and info is what
// Check returned without error; imported modules come from
// info.Packages. The error, if any, is a lex.ErrorList naming the
// constructs that cannot be lowered yet.
func Build(fset *lex.FileSet, files []*ast.File, info *sema.Info, conf *Config) (*lir.Module, error) {
	if info == nil || info.Main == nil {
		return nil, errors.New("linear: no checked program")
	}
	if info.MainFunc == nil {
		return nil, errors.New("linear: the program has no fn main")
	}
	if conf == nil {
		conf = &Config{}
	}
	m := &moduleBuilder{
		fset:     fset,
		info:     info,
		conf:     conf,
		mod:      &lir.Module{},
		externs:  map[string]bool{},
		strs:     map[string]string{},
		descs:    map[string]string{},
		copies:   map[string]string{},
		fnvals:   map[*sema.Func]string{},
		funcSyms: map[*sema.Func]string{},
		tokens:   map[*lex.File][]lex.Item{},
		lambdas:  map[string]int{},
	}
	pkgs := info.Packages
	if len(pkgs) == 0 {
		pkgs = []*sema.Package{info.Main}
	}
	m.globals(pkgs)
	for _, p := range pkgs {
		if conf.Library != nil && conf.Library(p) {
			continue // lowered on first use (funcSym)
		}
		for _, fn := range p.Funcs {
			m.buildFunc(fn)
		}
	}
	// Closures and thunks found while building are queued; building one
	// may queue more, and so may completing the method tables (rtype.go,
	// iface.go), which is done once nothing else is left.
	for len(m.queue) > 0 || m.completeItabs() {
		job := m.queue[0]
		m.queue = m.queue[1:]
		job()
	}
	m.emitTypes()
	if len(m.errs) > 0 {
		m.errs.Sort()
		return nil, m.errs
	}
	for name := range m.externs {
		m.mod.Externs = append(m.mod.Externs, name)
	}
	sort.Strings(m.mod.Externs)
	return m.mod, nil
}

// moduleBuilder holds what the functions of one module share: the
// module being built, its constant data and the results of the
// program-wide analysis.
type moduleBuilder struct {
	fset *lex.FileSet
	info *sema.Info
	conf *Config
	mod  *lir.Module
	errs lex.ErrorList

	externs  map[string]bool   // runtime entry points called
	strs     map[string]string // string constant contents -> symbol
	descs    map[string]string // layout key -> type descriptor symbol
	copies   map[string]string // aggregate type -> copy function symbol
	fnvals   map[*sema.Func]string
	funcSyms map[*sema.Func]string
	tokens   map[*lex.File][]lex.Item // for the reference's columns
	srcPos   srcPositions             // instruction positions (srcpos.go)
	lambdas  map[string]int           // closures numbered per enclosing function
	queue    []func()

	// Generic instances (generic.go): per function, and their symbols.
	insts    map[*sema.Func][]*instance
	instSyms map[string]bool

	// Type descriptors and method tables (rtype.go), made on first use.
	types *typeTable

	// The read-only objects of void variants, by tag (tagged.go).
	voidVariants map[int]string

	// cState caches bindsC (closure.go): 0 unknown, 1 no, 2 yes.
	cState int8

	// From globals: initialisers that are static data.
	staticInit map[*sema.Initializer]bool

	// Frame records and generated functions of errors (errors.go).
	errt errTables
}

// bailout is the panic value a function builder unwinds with after
// recording an error; buildFunc recovers it, so no panic escapes Build.
type bailout struct{}

// errorAt records an error at pos.
func (m *moduleBuilder) errorAt(pos lex.Pos, msg string) {
	if f := m.fset.File(pos); f != nil {
		m.errs.Add(f, pos, "linear: "+msg)
		return
	}
	m.errs = append(m.errs, &lex.Error{Msg: "linear: " + msg})
}

// rt returns the symbol of runtime entry point name, declaring it.
func (m *moduleBuilder) rt(name string) string {
	sym := "rt.lang." + name
	m.externs[sym] = true
	return sym
}

// funcSym returns the symbol of a Nature function or method.
func (m *moduleBuilder) funcSym(fn *sema.Func) string {
	if s, ok := m.funcSyms[fn]; ok {
		return s
	}
	if m.isErrortMsg(fn) {
		return m.errortMsgSym() // errors.go
	}
	s := mangle(fn.FullName())
	if fn.LinkName != "" {
		s = fn.LinkName
		m.externs[s] = true
	} else if fn.Decl != nil && fn.Decl.Body == nil {
		m.noBody(fn)
	}
	m.funcSyms[fn] = s
	if m.conf.Library != nil && fn.Pkg() != nil && m.conf.Library(fn.Pkg()) && fn.Decl != nil && fn.Decl.Body != nil {
		m.queue = append(m.queue, func() { m.buildFunc(fn) })
	}
	return s
}

// noBody reports a use of a function declared without a body and
// without #linkid: nothing can define it. The reference compiles the
// program and fails at link time ("ld: undefined ELF symbol
// 'main.helper'", without a position); this is the same message as a
// compile error at the declaration's fn. A declaration nothing uses is
// accepted, as the reference does.
func (m *moduleBuilder) noBody(fn *sema.Func) {
	pos := fn.Decl.Pos()
	msg := "undefined ELF symbol '" + fn.FullName() + "': fn " + fn.Name() + " is declared without a body or #linkid"
	if f := m.fset.File(pos); f != nil {
		m.errs.Add(f, pos, msg)
		return
	}
	m.errs = append(m.errs, &lex.Error{Msg: msg})
}

// mangle keeps the characters symbols may hold (letters, digits, '_' and
// '.') and replaces the others, as in vec<int>.
func mangle(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c == '_' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			b[i] = '_'
		}
	}
	return string(b)
}

// global adds a global to the module.
func (m *moduleBuilder) global(name string, ro bool, align int64, items ...lir.DataItem) {
	m.mod.Globals = append(m.mod.Globals, &lir.Global{Name: name, ReadOnly: ro, Align: align, Items: items})
}

// str returns the symbol of a read-only string object holding s: a
// String header followed by the bytes it points at.
func (m *moduleBuilder) str(s string) string {
	if sym, ok := m.strs[s]; ok {
		return sym
	}
	sym := "main.str." + strconv.Itoa(len(m.strs))
	m.strs[s] = sym
	items := []lir.DataItem{
		{Kind: lir.DataSym, Type: lir.Ptr, Sym: sym, Int: 16},
		{Kind: lir.DataInt, Type: lir.I64, Int: int64(len(s))},
	}
	if len(s) > 0 {
		items = append(items, lir.DataItem{Kind: lir.DataBytes, Bytes: []byte(s)})
	}
	m.global(sym, true, 8, items...)
	return sym
}

// desc returns the symbol of the type descriptor (rt/alloc.Type) for
// objects of layout l.
func (m *moduleBuilder) desc(l *layout, kind int64) string {
	return m.descWith(l.key(), l.size, l.ptrBytes, kind)
}

// descWith returns the type descriptor for objects of size bytes whose
// shape key identifies (equal keys, equal descriptors); ptrs gives the
// length of the prefix holding pointers and its mask, on first use.
func (m *moduleBuilder) descWith(shape string, size int64, ptrs func() (int64, []byte), kind int64) string {
	key := shape + "/" + strconv.FormatInt(kind, 10)
	if sym, ok := m.descs[key]; ok {
		return sym
	}
	sym := "main.type." + strconv.Itoa(len(m.descs))
	m.descs[key] = sym
	h := fnv.New64a()
	h.Write([]byte(key))
	ptrBytes, mask := ptrs()
	bits := lir.DataItem{Kind: lir.DataInt, Type: lir.I64}
	if ptrBytes > 0 {
		bits = lir.DataItem{Kind: lir.DataSym, Type: lir.Ptr, Sym: sym, Int: abi.TypeSize}
	}
	items := []lir.DataItem{
		{Kind: lir.DataInt, Type: lir.I64, Int: size},
		{Kind: lir.DataInt, Type: lir.I64, Int: 8},
		{Kind: lir.DataInt, Type: lir.I64, Int: ptrBytes},
		{Kind: lir.DataInt, Type: lir.I64, Int: int64(h.Sum64() >> 1)},
		bits,
		{Kind: lir.DataInt, Type: lir.I8, Int: kind},
		{Kind: lir.DataZero, Int: 7},
	}
	if len(mask) > 0 {
		items = append(items, lir.DataItem{Kind: lir.DataBytes, Bytes: mask})
	}
	m.global(sym, true, 8, items...)
	return sym
}

// posString formats the position the reference prints for a runtime
// error raised by the node ending at end (spec/builtins.md §3.2).
func (m *moduleBuilder) posString(end lex.Pos) string {
	f := m.fset.File(end - 1)
	if f == nil {
		return "?"
	}
	name := f.Name()
	switch {
	case m.conf.MessagePath != nil:
		name = m.conf.MessagePath(name)
	case m.conf.Path != nil:
		name = m.conf.Path(name)
	}
	line, col := m.refColumn(f, end-1)
	return fmt.Sprintf("%s:%d:%d", name, line, col)
}

// buildFunc lowers a function or method with a body.
func (m *moduleBuilder) buildFunc(fn *sema.Func) {
	if fn.Decl == nil || fn.Decl.Body == nil {
		return
	}
	if isGeneric(fn) {
		return // lowered per instance, when a call needs one (generic.go)
	}
	sym := m.funcSym(fn)
	if fn == m.info.MainFunc {
		sym = "main.main" // what program start calls
	}
	fb := m.newFuncBuilder(fn, sym, fn.Signature(), false)
	fb.run(func() {
		fb.bindParams(0)
		if fn == m.info.MainFunc {
			fb.beginMain() // errors.go
			fb.initGlobals()
		}
		fb.body(fn.Decl.Body)
	})
}
