package nativetest

import (
	"bytes"
	"os"
	"testing"

	"github.com/naturekit/naturekit/rt/gofront/build"
	"github.com/naturekit/naturekit/rt/gofront/internal/nativerun"
	"github.com/naturekit/naturekit/rt/internal/proof"
)

const proofPath = "github.com/naturekit/naturekit/rt/internal/proof"

// buildNativeFor compiles the proof (and rt/start) for target with
// naturekit alone and returns the executable's path.
func buildNativeFor(t testing.TB, target string) string {
	t.Helper()
	return nativerun.Build(t, build.Config{FS: os.DirFS("../../.."), Options: build.Options(), Target: target,
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
func TestProofNative(t *testing.T) { proofNative(t, build.LinuxAMD64) }

// TestProofNativeARM64 is TestProofNative for linux_arm64, under
// qemu-aarch64-static.
func TestProofNativeARM64(t *testing.T) { proofNative(t, build.LinuxARM64) }

func proofNative(t *testing.T, target string) {
	want := hostOutput()
	t.Logf("host output:\n%s", want)
	exe := buildNativeFor(t, target)
	var stdout, stderr bytes.Buffer
	cmd := nativerun.Command(t, target, exe)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("native proof: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.Bytes(), stderr.Bytes())
	}
	if !bytes.Equal(stdout.Bytes(), want) {
		t.Errorf("native output differs from the host's:\n%s", stdout.Bytes())
	}
}
