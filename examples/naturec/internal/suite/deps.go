package suite

// The arm64 suites (examples/naturec/arm64test) build naturec in a
// subprocess, so go test's result cache, keyed on the test binary and
// on the files inside the test's module that the test opened, would
// miss a change to the compiler and report a stale pass. Linking every
// package the driver imports into the suite makes any change to them a
// change of the test binary; Naturec opens the driver's own files (they
// are in the examples module, where go test rechecks them). A test keeps
// this list equal to the driver's imports.
import (
	_ "github.com/naturekit/naturekit/asm"
	_ "github.com/naturekit/naturekit/asm/amd64"
	_ "github.com/naturekit/naturekit/asm/arm64"
	_ "github.com/naturekit/naturekit/asmobj"
	_ "github.com/naturekit/naturekit/ast"
	_ "github.com/naturekit/naturekit/examples/explore"
	_ "github.com/naturekit/naturekit/examples/internal/cli"
	_ "github.com/naturekit/naturekit/lex"
	_ "github.com/naturekit/naturekit/link"
	_ "github.com/naturekit/naturekit/link/object"
	_ "github.com/naturekit/naturekit/lir"
	_ "github.com/naturekit/naturekit/lir/linear"
	_ "github.com/naturekit/naturekit/lir/linear/hostrt"
	_ "github.com/naturekit/naturekit/load"
	_ "github.com/naturekit/naturekit/lower"
	_ "github.com/naturekit/naturekit/lower/amd64"
	_ "github.com/naturekit/naturekit/lower/arm64"
	_ "github.com/naturekit/naturekit/parse"
	_ "github.com/naturekit/naturekit/rt/abi"
	_ "github.com/naturekit/naturekit/rt/gofront/build"
	_ "github.com/naturekit/naturekit/sema"
	_ "github.com/naturekit/naturekit/ssa"
)
