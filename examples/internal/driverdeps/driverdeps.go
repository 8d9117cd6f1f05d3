// Package driverdeps keeps go test from answering a test that builds
// naturec in a subprocess (the arm64 suites, natfuzz's differential
// runs) from its cache after the compiler changed. go test caches a
// result under the test binary and the files inside the test's module
// that the test opened: importing this package links every package the
// driver imports into the test binary, so a change to any of them is a
// change of the binary, and OpenSources opens the driver's own files
// (in the examples module, where go test rechecks them). A test keeps
// the list equal to the driver's imports.
package driverdeps

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// OpenSources opens the driver's own Go files, in dir (the directory
// of examples/naturec), so that go test records them among the test's
// inputs.
func OpenSources(tb testing.TB, dir string) {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(names) == 0 {
		tb.Fatalf("the driver's sources in %s: %v (found %d)", dir, err, len(names))
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		f.Close()
	}
}
