// Package aborttest lets host tests check code that ends the process
// through sys.Abort: the test binary runs itself again for that one test,
// and the parent checks the child's exit status and standard error. No
// hook or other process-wide state is involved, so tests stay
// independent of each other.
package aborttest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"testing"
)

// childEnv names the test the child process should run the aborting
// function for.
const childEnv = "NATUREKIT_ABORT_CHILD"

// Expect runs f in a child process, which must abort: exit with status 2
// after printing "fatal error: " + msg on standard error. It must be
// called from the test named t.Name() at its start, since the child runs
// only that test and calls f there.
func Expect(t *testing.T, msg string, f func()) {
	t.Helper()
	if os.Getenv(childEnv) == t.Name() {
		f()
		os.Exit(0) // f did not abort: the parent reports it
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+t.Name())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("child: %v, want exit status 2 (stderr: %q)", err, stderr.String())
	}
	if want := "fatal error: " + msg + "\n"; !bytes.Contains(stderr.Bytes(), []byte(want)) {
		t.Fatalf("child stderr %q, want it to contain %q", stderr.String(), want)
	}
}
