// Package rt holds the runtime's sources for the native build.
//
// The runtime is Go in a restricted subset (docs/runtime.md), in the
// packages below this directory: sys, alloc, gc, lang and start. Host
// programs and tests import those packages as ordinary Go; a native
// build compiles them with naturekit's own Go-subset compiler
// (rt/gofront) from the copies embedded here, so that a naturec binary
// needs no Go toolchain and no checkout to build a program.
package rt

import "embed"

// Sources is the rt module's tree as far as a native build needs it:
// the Go files of the runtime's packages (test files included; the
// loader skips them) and the assembly stubs
// (*.asm, in our assembler's Intel syntax; not .s, which the go command
// would hand to Go's assembler). Paths are relative to the module root,
// e.g. "sys/sys_native.go". The list of packages is explicit: the
// runtime's compiler (rt/gofront) is a module of its own below this
// folder, and a pattern reaching into it would not build.
//
//go:embed abi/*.go sys/*.go sys/*.asm alloc/*.go gc/*.go gc/*.asm sched/*.go sched/*.asm lang/*.go lang/*.asm start/*.go start/*.asm
var Sources embed.FS
