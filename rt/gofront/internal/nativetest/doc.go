// Package nativetest runs the runtime library's test programs
// (rt/internal/proof, rt/internal/systest) twice: on the host as
// ordinary Go, and compiled natively by rt/gofront/build, and compares
// the two runs. It has no code of its own; it lives in the compiler's
// module because the runtime library's module must not require the
// compiler.
package nativetest
