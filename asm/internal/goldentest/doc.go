// Package goldentest holds the golden tests of the asm module: the core
// (asm/testdata/*.txtar, with the toy architecture of asm/internal/toyarch),
// asm/amd64 and asm/arm64 (their testdata/*.txtar).
//
// It is a nested module so that the asm module requires nothing of
// naturekit's: its golden files go through the shared harness
// (internal/golden), which asm itself must not depend on. The tests use
// only the assemblers' exported API; the tests that need more, and read
// the same files as input (GNU as, the x/arch decoders, fuzzing), stay in
// the packages.
package goldentest
