// Package arm64test holds the linux/arm64 conformance suite, run under
// qemu: one test package per optimisation level (o0, optimised) and set
// of cases (conformance: the shared suite but its t3_ tier; t3: that
// tier; programs: naturekit's own), each a go test package of its own,
// with its own ten minutes, run beside examples/naturec's tests; the
// harness is examples/naturec/internal/suite (ARM64).
package arm64test
