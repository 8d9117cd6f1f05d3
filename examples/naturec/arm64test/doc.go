// Package arm64test holds the linux/arm64 conformance suite, run under
// qemu: one test package per optimisation level and set of cases
// (o0/conformance, o0/programs, optimised/conformance,
// optimised/programs), each a go test package of its own, with its own
// ten minutes, run beside examples/naturec's tests; the harness is
// examples/naturec/internal/suite (ARM64).
package arm64test
