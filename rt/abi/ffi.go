package abi

// The frame of a C call that passes or returns a struct by value
// (docs/runtime-abi.md, "C calls"). Compiled code fills a frame on its
// stack with the System V AMD64 argument registers and stack words the
// call needs, as the ABI classifies the arguments, and calls the
// trampoline nk.ffi.call(fn, frame), which loads the registers, copies
// the stack words below its own frame, calls fn and stores the result
// registers back into the frame. Offsets are in bytes.
const (
	FFIOffIntRegs = 0   // rdi, rsi, rdx, rcx, r8, r9: 6 words
	FFIOffSSERegs = 48  // xmm0..xmm7, the low 8 bytes of each: 8 words
	FFIOffNStack  = 112 // the number of stack words
	FFIOffRAX     = 120 // results: rax, rdx, xmm0, xmm1 (low 8 bytes)
	FFIOffRDX     = 128
	FFIOffXMM0    = 136
	FFIOffXMM1    = 144
	FFIOffStack   = 152 // the stack words, in order
	FFINumIntRegs = 6
	FFINumSSERegs = 8
)

// ClosureOffCFn is where the fn value of a named function, or of a
// closure literal that captures nothing, keeps the address of a
// function C can call with the fn's own parameters (libc.to_cfn) in
// programs that bind C symbols.
const ClosureOffCFn = 8

// The same frame for AAPCS64 (linux/arm64): the trampoline loads x0-x7,
// x8 (where the callee writes an indirect result) and d0-d7 (a float
// argument in the low 4 bytes of its word), and stores x0, x1 and
// d0-d3 (the members of an HFA result) back.
const (
	FFIA64OffIntRegs = 0   // x0..x7: 8 words
	FFIA64OffFPRegs  = 64  // d0..d7: 8 words
	FFIA64OffX8      = 128 // the indirect result's address
	FFIA64OffNStack  = 136 // the number of stack words
	FFIA64OffX0      = 144 // results: x0, x1 (2 words), then d0..d3
	FFIA64OffD0      = 160
	FFIA64OffStack   = 192 // the stack words, in order
	FFIA64NumIntRegs = 8
	FFIA64NumFPRegs  = 8
)
