package nativetest

import (
	"bytes"
	"os"
	"os/exec"
	"testing"

	"github.com/naturekit/naturekit/rt/gofront/build"
	"github.com/naturekit/naturekit/rt/gofront/internal/nativerun"
	"github.com/naturekit/naturekit/rt/internal/proof"
)

const proofPath = "github.com/naturekit/naturekit/rt/internal/proof"

// buildNative compiles the proof (and rt/start) with naturekit alone and
// returns the executable's path.
func buildNative(t testing.TB) string {
	t.Helper()
	return nativerun.Build(t, build.Config{FS: os.DirFS("../../.."), Options: build.Options(),
		Packages: []string{proofPath, nativerun.StartPath}}, "proof")
}

// hostOutput runs the proof as ordinary Go.
func hostOutput() []byte {
	var out proof.Buffer
	out.Init()
	defer out.Release()
	proof.Main(&out)
	return append([]byte(nil), out.Bytes()...)
}

// TestProofNative builds the proof natively, runs it and compares its output
// with the host run of the same code.
func TestProofNative(t *testing.T) {
	want := hostOutput()
	t.Logf("host output:\n%s", want)
	exe := buildNative(t)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(exe)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("native proof: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.Bytes(), stderr.Bytes())
	}
	if !bytes.Equal(stdout.Bytes(), want) {
		t.Errorf("native output differs from the host's:\n%s", stdout.Bytes())
	}
}
