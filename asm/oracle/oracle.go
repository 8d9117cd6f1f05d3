// Package oracle finds the external programs that tests compare against
// (GNU as and objdump for both architectures, gcc, ld, ar, readelf, gdb,
// qemu) and decides what a test does when one is missing. asm's own
// tests compare its encodings with GNU as; every other naturekit module's
// tests (link's, lower's, the examples') use this package too, and so
// can the tests of a back end built on asm.
//
// Without NATUREKIT_ORACLES=1 in the environment a missing tool skips the
// test with a message that names the Debian package to install; with it
// (as in CI) a missing tool fails the test, so an oracle is never skipped
// silently where it is expected to run.
package oracle

import (
	"os"
	"os/exec"
	"testing"
)

// Required reports whether oracle tools must be present.
func Required() bool { return os.Getenv("NATUREKIT_ORACLES") == "1" }

// Tool returns the path of the named program, or ends the test: it fails
// when oracles are required and skips otherwise. pkg is the Debian package
// that provides the program.
func Tool(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if Required() {
		t.Fatalf("%s not found (NATUREKIT_ORACLES=1): install the Debian package %s", name, pkg)
	}
	t.Skipf("%s not found: install the Debian package %s to run this oracle (set NATUREKIT_ORACLES=1 to make this a failure)", name, pkg)
	return ""
}
