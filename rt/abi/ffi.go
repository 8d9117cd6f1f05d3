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
