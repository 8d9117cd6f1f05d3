// Package interp executes LIR. It is the reference semantics of the IR:
// the native back ends are tested by comparing their output with it, and
// the middle end is tested by running a function before and after each
// pass.
//
// A Machine runs the functions of one Module in any form (linear, cfg,
// ssa; physical registers get a register file per call frame). Memory is
// a flat little-endian address space with three regions: data (globals,
// laid out from address 0x1000, then the heap that Alloc extends), the
// stack (stack slots, one frame per call), and code (one 16-byte aligned
// address per function and extern, so a symbol's address can be called
// indirectly). Address 0 and anything outside the regions faults.
//
// Integers are held zero-extended to 64 bits; float registers hold the
// IEEE bits (an f32 in the low 32 bits). Semantics worth knowing:
// division by zero traps, INT_MIN/-1 wraps to INT_MIN with remainder 0,
// shift and rotate counts are taken modulo the width, compares yield 1 or 0, float to
// integer conversion follows Go's conversion on the host. The arithmetic
// is package lir's (lir.EvalBinary, EvalCompare, ...), the same code the
// optimiser folds constants with (lir.Fold).
package interp

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/naturekit/naturekit/lir"
)

// An Extern implements a function the module declares but does not
// define, such as print or alloc. Args are in the register representation
// described in the package doc.
type Extern func(m *Machine, args []uint64) (uint64, error)

const (
	dataBase  = 0x1000
	stackBase = 1 << 40
	codeBase  = 1 << 50

	maxMemory = 1 << 30 // per region; a bigger request fails
)

// Machine holds the state of an executing module.
type Machine struct {
	// MaxSteps bounds the number of instructions Call executes, so that a
	// test of a generated program cannot hang; 0 means no limit.
	MaxSteps int64
	// MaxDepth bounds the call depth (default 10000).
	MaxDepth int

	mod     *lir.Module
	externs map[string]Extern
	data    []byte // globals then heap
	stack   []byte
	syms    map[string]uint64 // data and code addresses
	code    []string          // code address index -> name
	funcs   map[string]*lir.Func
	labels  map[*lir.Func][]int // linear form: block -> index in Linear
	steps   int64
	depth   int
}

// ErrTrap is wrapped by errors from traps: division by zero, unreachable
// code, bad memory accesses.
var ErrTrap = errors.New("trap")

// An UndefinedError reports a call of a function that is neither
// defined in the module nor supplied as an extern.
type UndefinedError struct {
	Name string // the symbol, without "@"
}

func (e *UndefinedError) Error() string { return "call of undefined function @" + e.Name }

// New lays out the globals of mod and returns a machine ready to Call
// its functions. externs supplies the functions mod declares but does
// not define.
func New(mod *lir.Module, externs map[string]Extern) (*Machine, error) {
	m := &Machine{
		MaxDepth: 10000,
		mod:      mod,
		externs:  externs,
		data:     make([]byte, 0, 4096),
		syms:     map[string]uint64{},
		funcs:    map[string]*lir.Func{},
		labels:   map[*lir.Func][]int{},
	}
	for _, f := range mod.Funcs {
		m.funcs[f.Name] = f
		m.addCode(f.Name)
	}
	for _, e := range mod.Externs {
		m.addCode(e)
	}
	for name := range externs {
		if _, ok := m.syms[name]; !ok {
			m.addCode(name)
		}
	}
	for _, g := range mod.Globals {
		addr := m.Alloc(globalSize(g), max(g.Align, 1))
		if addr == 0 {
			return nil, fmt.Errorf("global @%s does not fit in memory", g.Name)
		}
		m.syms[g.Name] = addr
	}
	for _, g := range mod.Globals {
		if err := m.initGlobal(g); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *Machine) addCode(name string) {
	m.syms[name] = codeBase + uint64(len(m.code))*16
	m.code = append(m.code, name)
}

func globalSize(g *lir.Global) int64 {
	var n int64
	for _, d := range g.Items {
		n += d.Size()
	}
	return n
}

func (m *Machine) initGlobal(g *lir.Global) error {
	addr := m.syms[g.Name]
	for _, d := range g.Items {
		var err error
		switch d.Kind {
		case lir.DataInt:
			err = m.Store(addr, d.Type.Size(), uint64(d.Int))
		case lir.DataFloat:
			err = m.Store(addr, d.Type.Size(), lir.FloatBits(d.Type, d.Float))
		case lir.DataSym:
			a, ok := m.syms[d.Sym]
			if !ok {
				return fmt.Errorf("global @%s: undefined symbol @%s", g.Name, d.Sym)
			}
			err = m.Store(addr, 8, a+uint64(d.Int))
		case lir.DataBytes:
			copy(m.data[addr-dataBase:], d.Bytes)
		}
		if err != nil {
			return err
		}
		addr += uint64(d.Size())
	}
	return nil
}

// Alloc returns the address of size fresh zeroed bytes of data memory
// aligned to align (a power of two), or 0 if the data region (1 GiB)
// cannot hold them. Externs use it to implement allocation.
func (m *Machine) Alloc(size, align int64) uint64 {
	n := int64(len(m.data))
	n = (n + align - 1) &^ (align - 1)
	if size < 0 || n+size > maxMemory {
		return 0
	}
	m.data = grow(m.data, n+size)
	return dataBase + uint64(n)
}

// Addr returns the address of the symbol name, if it exists.
func (m *Machine) Addr(name string) (uint64, bool) {
	a, ok := m.syms[name]
	return a, ok
}

// memory returns the n bytes at addr.
func (m *Machine) memory(addr uint64, n int) ([]byte, error) {
	switch {
	case addr >= dataBase && addr+uint64(n) <= dataBase+uint64(len(m.data)) && addr+uint64(n) >= addr:
		return m.data[addr-dataBase : addr-dataBase+uint64(n)], nil
	case addr >= stackBase && addr+uint64(n) <= stackBase+uint64(len(m.stack)) && addr+uint64(n) >= addr:
		return m.stack[addr-stackBase : addr-stackBase+uint64(n)], nil
	}
	return nil, fmt.Errorf("%w: access of %d bytes at %#x", ErrTrap, n, addr)
}

// Load reads a size-byte little-endian integer at addr.
func (m *Machine) Load(addr uint64, size int) (uint64, error) {
	b, err := m.memory(addr, size)
	if err != nil {
		return 0, err
	}
	var buf [8]byte
	copy(buf[:], b)
	return binary.LittleEndian.Uint64(buf[:]), nil
}

// Store writes the low size bytes of x at addr.
func (m *Machine) Store(addr uint64, size int, x uint64) error {
	b, err := m.memory(addr, size)
	if err != nil {
		return err
	}
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], x)
	copy(b, buf[:size])
	return nil
}

// Bytes returns a copy of the n bytes at addr.
func (m *Machine) Bytes(addr uint64, n int) ([]byte, error) {
	b, err := m.memory(addr, n)
	return append([]byte(nil), b...), err
}

// Call runs the function or extern name with args and returns its result
// (0 for void).
func (m *Machine) Call(name string, args ...uint64) (uint64, error) {
	m.steps = 0
	return m.callSym(name, args)
}

func (m *Machine) callSym(name string, args []uint64) (uint64, error) {
	if f, ok := m.funcs[name]; ok {
		return m.callFunc(f, args)
	}
	if e, ok := m.externs[name]; ok {
		return e(m, args)
	}
	return 0, &UndefinedError{Name: name}
}

func (m *Machine) callAddr(addr uint64, args []uint64) (uint64, error) {
	i := (addr - codeBase) / 16
	if addr < codeBase || addr%16 != 0 || i >= uint64(len(m.code)) {
		return 0, fmt.Errorf("%w: indirect call of %#x", ErrTrap, addr)
	}
	return m.callSym(m.code[i], args)
}
